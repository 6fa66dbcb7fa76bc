"""Scenarios written in Python, loaded by the real loader: the one builder behind the tests'
tiny worlds, the benchmarks' synthetic maps and any generated scenario.

    b = ScenarioBuilder(6, 1, ["..f..."], {".": "clear", "f": "forest"}, sides=("allies", "axis"),
                        title="river test", start_date="1944-06-06", turns=10, days_per_turn=1, hex_km=5)
    b.unit("a1", "allies", "0000").unit("x1", "axis", "0500").river("0200-0300", kind="major")
    scenario = b.build(folder)              # writes folder/scenario.yaml and loads it

Every method returns the builder, so calls chain. `build` goes through `load_scenario`, so a
built scenario passes the same checks as a designer's file. Hex ids are the file format's
`CCRR` (`hex_id(column, row)` makes them for this map's size). Values must be plain Python
(int, float, str, dict, list, dates): the YAML is written by PyYAML's safe dumper.
"""
from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any, Sequence

import yaml

from engine.hexgrid import format_hex_id, id_digits


def merge(base: dict, extra: dict) -> dict:
    """`extra` over `base`, nested mappings merged key by key."""
    out = dict(base)
    for k, v in extra.items():
        out[k] = merge(out[k], v) if isinstance(out.get(k), dict) and isinstance(v, dict) else v
    return out


class ScenarioBuilder:
    """A scenario under construction: `data` is the document `build` writes as YAML."""

    def __init__(self, columns: int, rows: int, terrain: Sequence[str] | str | None = None, legend: dict[str, str] | None = None,
                 *, sides: Sequence[str | dict[str, Any]] = ("allies", "axis"), **fields: Any) -> None:
        """`terrain`: one string of `columns` legend characters per row (or the rows in one
        text; default all '.'); `sides`: ids (named by their capitalised id) or whole side
        mappings; `fields`: top-level scenario fields (format, title, start_date, turns,
        days_per_turn, hex_km, rules, rule_overrides ...), written before the sides."""
        if terrain is None:
            terrain = ["." * columns] * rows
        if isinstance(terrain, str):
            terrain = terrain.strip("\n").split("\n")
        self.columns, self.rows = columns, rows
        self.digits = id_digits(columns, rows)
        self.side_ids = [s if isinstance(s, str) else s["id"] for s in sides]
        self.data: dict[str, Any] = dict(fields)
        self.data["sides"] = [{"id": s, "name": s.capitalize()} if isinstance(s, str) else dict(s) for s in sides]
        rest: dict[str, Any] = {k: self.data.pop(k) for k in ("rules", "rule_overrides") if k in self.data}
        self.data.update(rest)
        self.data["map"] = {
            "columns": columns,
            "rows": rows,
            "legend": dict(legend or {".": "clear"}),
            "terrain": "\n".join(terrain) + "\n",
            "rivers": [], "roads": [], "railways": [], "places": [],
        }
        self.data["units"] = []

    def hex_id(self, column: int, row: int) -> str:
        """The `CCRR` id of a hex of this map."""
        return format_hex_id(int(column), int(row), self.digits)

    # -- forces ---------------------------------------------------------------
    def nation(self, nid: str, name: str, colour: str) -> "ScenarioBuilder":
        self.data.setdefault("nations", {})[nid] = {"name": name, "colour": colour}
        return self

    def unit(self, uid: str, side: str, hex: str, type: str = "infantry", **fields: Any) -> "ScenarioBuilder":
        """A unit on the map at the start (`fields`: name, nation (default: the side), steps,
        attack, defence, movement ...; None leaves a field out)."""
        self.data["units"].append(self._unit(uid, side, type, hex=hex, **fields))
        return self

    def _unit(self, uid: str, side: str, type: str, **fields: Any) -> dict:
        u = {"id": uid, "name": fields.pop("name", uid), "side": side, "nation": fields.pop("nation", side), "type": type}
        u.update({k: v for k, v in fields.items() if v is not None})
        return u

    def reinforcement(self, turn: int, hex: str | list[str], *units: tuple[str, str] | tuple[str, str, str]) -> "ScenarioBuilder":
        """Units `(id, side[, type])` arriving at `hex` (or the first free of several) on `turn`."""
        entry = {"turn": turn, "hex": hex,
                 "units": [self._unit(u[0], u[1], u[2] if len(u) > 2 else "infantry") for u in units]}
        self.data.setdefault("reinforcements", []).append(entry)
        return self

    def withdrawal(self, turn: int, *unit_ids: str) -> "ScenarioBuilder":
        self.data.setdefault("withdrawals", []).append({"turn": turn, "units": list(unit_ids)})
        return self

    # -- map features -----------------------------------------------------------
    def river(self, *sides: str, kind: str = "minor", name: str | None = None) -> "ScenarioBuilder":
        """River hexsides, each written 'CCRR-CCRR' between neighbouring hexes."""
        self.data["map"]["rivers"].append({**({"name": name} if name is not None else {}), "kind": kind, "sides": list(sides)})
        return self

    def road(self, *path: str, name: str | None = None) -> "ScenarioBuilder":
        self.data["map"]["roads"].append({**({"name": name} if name is not None else {}), "path": list(path)})
        return self

    def rail(self, *path: str) -> "ScenarioBuilder":
        self.data["map"]["railways"].append({"path": list(path)})
        return self

    def place(self, name: str, hex: str, **fields: Any) -> "ScenarioBuilder":
        self.data["map"]["places"].append({"name": name, "hex": hex, **fields})
        return self

    def source(self, side: str, hex: str, **fields: Any) -> "ScenarioBuilder":
        """A supply source (`fields`: range, kind, capture_delay, from_turn, until_turn)."""
        self.data.setdefault("supply_sources", []).append({"side": side, "hex": hex, **fields})
        return self

    # -- rules and the rest ---------------------------------------------------------
    def rules(self, **overrides: Any) -> "ScenarioBuilder":
        """Rule overrides, merged into the scenario's `rule_overrides` (nested dicts merge)."""
        self.data["rule_overrides"] = merge(self.data.get("rule_overrides", {}), overrides)
        return self

    def phases(self, *kinds: str, **sequence: Any) -> "ScenarioBuilder":
        """The sequence of play of each side's turn, e.g. `phases("movement", "combat", "exploitation")`."""
        return self.rules(sequence={"phases": list(kinds), **sequence})

    def set(self, **fields: Any) -> "ScenarioBuilder":
        """Any top-level scenario field (weather, air_points, victory, fog_of_war, first_side ...)."""
        self.data.update(fields)
        return self

    def special(self, **rule: Any) -> "ScenarioBuilder":
        self.data.setdefault("special_rules", []).append(rule)
        return self

    def victory(self, vp_side: str | None = None, **fields: Any) -> "ScenarioBuilder":
        """The victory block (lists given again are appended to, other fields replaced)."""
        v = self.data.setdefault("victory", {"vp_side": vp_side or self.side_ids[0]})
        if vp_side:
            v["vp_side"] = vp_side
        for key, value in fields.items():
            if isinstance(value, list) and isinstance(v.get(key), list):
                v[key] = v[key] + value
            else:
                v[key] = value
        return self

    def objective(self, oid: str, side: str, hexes: list[str], **fields: Any) -> "ScenarioBuilder":
        return self.victory(objectives=[{"id": oid, "name": fields.pop("name", oid), "side": side, "hexes": hexes, **fields}])

    # -- output -------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return copy.deepcopy(self.data)

    def yaml(self) -> str:
        return scenario_yaml(self.data)

    def write(self, folder: str | Path, name: str = "scenario") -> Path:
        """Write `folder/name.yaml` (the folder is made if needed); its path."""
        path = Path(folder) / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.yaml(), encoding="utf-8")
        return path

    def build(self, folder: str | Path | None = None, name: str = "scenario") -> Any:
        """Write the scenario (into `folder`, else a new temporary folder that is kept, so the
        scenario's path stays valid for worker processes) and load it: an `engine.Scenario`;
        ScenarioError, as for any file, when it is not valid."""
        from engine.scenario.load import load_scenario

        if folder is None:
            folder = tempfile.mkdtemp(prefix="wargame-scenario-")
        return load_scenario(self.write(folder, name))


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else ("'" if value.isdigit() else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def scenario_yaml(data: Any) -> str:
    """A scenario document as YAML: keys in the order given, text with line breaks (the
    terrain) as literal blocks, digit-only strings (hex ids) quoted, dates as dates."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, default_flow_style=False, allow_unicode=True)

