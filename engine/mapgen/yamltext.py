"""Scenario YAML written by hand, compact and diff-friendly: the one writer of the map
generator's map blocks and of the scenario build scripts (tools/scenarios/*/build.py), so their
files read alike and stay byte-identical from one build to the next.

A scalar is plain when it is an identifier (`clear`, `major`, `us_1st_infantry_division`) and
double-quoted otherwise (JSON strings are valid YAML): `"0412"`, `"Sainte-Mère-Église"`,
`"yes"`. Values of the keys in QUOTED_KEYS (names and hex ids) are always quoted, unless a
writer passes `quote_keys=()`. Mappings of scalars are written in flow style on one line
(`flow`), long lists wrapped (`wrap_items`), terrain as a literal block.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Collection

from engine.mapgen.geo import (
    hex_neighbors,
)

QUOTED_KEYS = frozenset({"name", "hex", "source", "name_local", "short", "note", "parent"})
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_KEYWORDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n"})


def quote(text: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


def scalar(value: Any, key: str | None = None, quote_keys: Collection[str] = QUOTED_KEYS, nulls: bool = False) -> str:
    """One value as YAML: null, true/false, numbers as Python writes them, dates ISO, lists and
    mappings in flow style, strings plain or quoted (see the module docstring). `nulls`: keep
    the keys whose value is None in mappings (written `null`)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(scalar(v, key, quote_keys, nulls) for v in value) + "]"
    if isinstance(value, dict):
        return flow(value, quote_keys, nulls)
    text = str(value)
    if key in quote_keys or not _PLAIN.fullmatch(text) or text.lower() in _KEYWORDS:
        return quote(text)
    return text


def flow(items: dict[str, Any], quote_keys: Collection[str] = QUOTED_KEYS, nulls: bool = False) -> str:
    """A mapping on one line, `{key: value, ...}`; keys whose value is None are left out unless `nulls`."""
    return "{" + ", ".join(f"{k}: {scalar(v, k, quote_keys, nulls)}" for k, v in items.items() if nulls or v is not None) + "}"


def _num(v: Any) -> Any:
    return round(v, 6) if isinstance(v, float) else v


def _flow(items: dict[str, Any]) -> str:
    return flow({k: _num(v) for k, v in items.items()})


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
        out.append(f"  {quote(ch)}: {name}")
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
        out.append(f"  - name: {quote(river['name'])}    # {note}")
        out.append(f"    kind: {river['kind']}")
        out.append("    sides: [" + wrap_items([quote(s) for s in river["sides"]], 6, 96) + "]")
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
