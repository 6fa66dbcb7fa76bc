"""`wargame mapgen`: the command line of the real-geography map generator (arguments, checks,
the header of the YAML it writes, exit codes)."""
from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path

from engine.mapgen import DATA_SOURCE, DEFAULT_RIVER_CLASSES, generate_map, map_to_yaml
from engine.mapgen.geo import Georef
from ui.commands.args import ArgumentParser as _Parser, UsageError as _UsageError


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="wargame mapgen",
        description="Generate the map block of a scenario from real geography "
                    "(GSHHS coastlines and lakes, WDBII rivers, geonames towns).",
    )
    p.add_argument("--bbox", nargs=4, type=float, required=True, metavar=("W", "S", "E", "N"),
                   help="longitude/latitude box: west south east north (degrees)")
    p.add_argument("--hex-km", type=float, required=True, metavar="K",
                   help="distance between adjacent hex centres in km")
    p.add_argument("--out", metavar="FILE", help="write the YAML here (default: standard output)")
    p.add_argument("--min-population", type=int, default=15000, metavar="N",
                   help="smallest town population to place (default 15000)")
    p.add_argument("--resolution", default="auto",
                   choices=["auto", "full", "high", "intermediate", "low", "crude", "f", "h", "i", "l", "c"],
                   help="coastline/river data resolution (default: auto, by hex size)")
    p.add_argument("--river-classes", default=",".join(map(str, DEFAULT_RIVER_CLASSES)), metavar="LIST",
                   help="WDBII river classes, e.g. 1,2,3 or 1-5 (1 double-lined, 2 permanent major, "
                        "3 additional major, 4 additional, 5 minor; default 1,2,3)")
    p.add_argument("--lakes-as-rivers", action="store_true",
                   help="draw lakes and reservoirs as rivers along their centre lines, not as lake hexes")
    return p


def _parse_classes(text: str) -> list[int]:
    out: set[int] = set()
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        m = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not m:
            raise _UsageError(f"argument --river-classes: bad value {text!r} (e.g. 1,2,3 or 1-5)")
        lo = int(m.group(1))
        hi = int(m.group(2) or lo)
        if not (1 <= lo <= hi <= 5):
            raise _UsageError(f"argument --river-classes: classes go from 1 to 5, not {part!r}")
        out.update(range(lo, hi + 1))
    if not out:
        raise _UsageError("argument --river-classes: give at least one class")
    return sorted(out)


def run_mapgen(args: list[str]) -> int:
    """`wargame mapgen` entry point: returns the exit status (2 for usage errors)."""
    import time

    prog = "wargame mapgen"
    parser = _parser()
    try:
        ns = parser.parse_args(args)
        west, south, east, north = ns.bbox
        hex_km = ns.hex_km
        if not all(math.isfinite(v) for v in (west, south, east, north, hex_km)):
            raise _UsageError("--bbox and --hex-km must be finite numbers")
        if hex_km <= 0:
            raise _UsageError(f"--hex-km must be positive, not {hex_km:g}")
        if west >= east:
            raise _UsageError(f"--bbox: west ({west:g}) must be less than east ({east:g})")
        if south >= north:
            raise _UsageError(f"--bbox: south ({south:g}) must be less than north ({north:g})")
        if ns.min_population < 0:
            raise _UsageError("--min-population must not be negative")
        classes = _parse_classes(ns.river_classes)
        try:
            geo = Georef.for_bbox(west, south, east, north, hex_km)
        except ValueError as exc:
            raise _UsageError(f"--bbox/--hex-km: {exc}") from None
    except _UsageError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)

    t0 = time.perf_counter()
    try:
        block = generate_map(west, south, east, north, hex_km, resolution=ns.resolution,
                             min_population=ns.min_population, river_classes=classes,
                             lakes_as_rivers=ns.lakes_as_rivers)
    except RuntimeError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - t0
    cmd = f"wargame mapgen --bbox {west:g} {south:g} {east:g} {north:g} --hex-km {hex_km:g}"
    if ns.min_population != 15000:
        cmd += f" --min-population {ns.min_population}"
    if ns.resolution != "auto":
        cmd += f" --resolution {ns.resolution}"
    if classes != list(DEFAULT_RIVER_CLASSES):
        cmd += f" --river-classes {','.join(map(str, classes))}"
    if ns.lakes_as_rivers:
        cmd += " --lakes-as-rivers"
    header = (
        f"Map block generated by: {cmd}\n"
        f"Data: {DATA_SOURCE}. Coastlines, lakes and rivers are modern (GSHHG 2.3),\n"
        "populations are today's: check reservoirs, canals and towns against the period.\n"
        "Rivers have generated names; rename them. Paste under `map:` in a scenario."
    )
    text = map_to_yaml(block, header=header)
    if ns.out:
        try:
            Path(ns.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"{prog}: cannot write {ns.out}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"{prog}: wrote {ns.out}: {geo.columns} x {geo.rows} hexes, {len(block['rivers'])} rivers, "
              f"{len(block['places'])} places ({elapsed:.1f} s)", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(run_mapgen(sys.argv[1:]))
