"""The map block as YAML text: compact, diff-friendly, in the order a designer reads it."""

from __future__ import annotations

import json
import re
from typing import Any

from engine.mapgen.geo import (
    hex_neighbors,
)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _num(v: Any) -> str:
    if isinstance(v, float):
        return repr(round(v, 6))
    return str(v)


def _flow(items: dict[str, Any]) -> str:
    parts = []
    for k, v in items.items():
        if isinstance(v, str):
            parts.append(f"{k}: {_q(v) if k in ('name', 'hex', 'source', 'name_local') or not re.fullmatch(r'[A-Za-z][A-Za-z0-9_-]*', v) else v}")
        else:
            parts.append(f"{k}: {_num(v)}")
    return "{" + ", ".join(parts) + "}"


def map_to_yaml(block: dict[str, Any], header: str | None = None) -> str:
    """Readable YAML of a map block: terrain as a literal block, one line per
    place, rivers as short mappings with their hexsides wrapped in a flow list.
    `header` (text) is written first as comment lines."""
    out: list[str] = []
    if header:
        out += ["# " + line if line else "#" for line in header.splitlines()]
    out.append(f"columns: {block['columns']}")
    out.append(f"rows: {block['rows']}")
    out.append(f"offset: {block.get('offset', 'odd-q')}")
    if block.get("geo"):
        out.append(f"geo: {_flow(block['geo'])}")
    out.append("legend:")
    for ch, name in block["legend"].items():
        out.append(f"  {_q(ch)}: {name}")
    out.append("terrain: |")
    for line in block["terrain"].splitlines():
        out.append("  " + line)
    rivers = block.get("rivers") or []
    places = block.get("places") or []
    where = {p["hex"]: p for p in places}
    if not rivers:
        out.append("rivers: []")
    else:
        out.append("rivers:")
    for river in rivers:
        near = _places_near(river["sides"], where)
        note = f"{len(river['sides'])} hexsides" + (f", passes {', '.join(near)}" if near else "")
        out.append(f"  - name: {_q(river['name'])}    # {note}")
        out.append(f"    kind: {river['kind']}")
        out.append("    sides: [" + wrap_items([_q(s) for s in river["sides"]], 6, 96) + "]")
    if not places:
        out.append("places: []")
    else:
        out.append("places:")
        for p in places:
            out.append(f"  - {_flow(p)}")
    return "\n".join(out) + "\n"


def wrap_items(items: list[str], indent: int, width: int = 100) -> str:
    """Items joined with ', ' into lines of at most `width` characters, continued at `indent`."""
    lines: list[str] = []
    cur = ""
    for it in items:
        piece = it if not cur else cur + ", " + it
        if cur and len(piece) + indent > width:
            lines.append(cur + ",")
            cur = it
        else:
            cur = piece
    lines.append(cur)
    return ("\n" + " " * indent).join(lines)


def _places_near(sides: list[str], where: dict[str, dict[str, Any]], most: int = 3) -> list[str]:
    """Names of the biggest places on or next to a river's hexsides."""
    hexes: set[str] = set()
    for s in sides:
        hexes.update(s.split("-"))
    if not hexes:
        return []
    digits = len(next(iter(hexes))) // 2
    near: set[str] = set()
    for h in hexes:
        c, r = int(h[:digits]), int(h[digits:])
        near.add(h)
        for nc, nr in hex_neighbors(c, r):
            if nc >= 0 and nr >= 0:
                near.add(f"{nc:0{digits}d}{nr:0{digits}d}")
    found = sorted((where[h] for h in near if h in where), key=lambda p: -(p.get("population") or 0))
    return [p["name"] for p in found[:most]]
