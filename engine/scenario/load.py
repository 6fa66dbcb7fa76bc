"""Loading and validating scenarios: every problem found at once, each with its position."""
from __future__ import annotations

import datetime as dt
import re
import weakref
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from engine import hexgrid
from engine.catalog import shipped_scenarios
from engine.errors import NotAMapBlock, Problem, ScenarioError, ScenarioNotFound
from engine.files import read_limited
from engine.rules import RuleError, RuleSet, RuleSetModel, compile_rules, deep_merge
from engine.scenario.document import Document, _display as _display_path, closest, pydantic_problems, read_document
from engine.scenario.model import MAX_STEPS, ScenarioModel
from engine.scenario.scenario import MapData, RiverFreeze, Scenario, SupplySourceDef, UnitDef
from engine.scenario.yamlsource import MAX_BYTES, load_file
from engine.shipped import shipped_folder

SCENARIO_DIR = shipped_folder("scenarios")
RULES_DIR = SCENARIO_DIR / "rules"


_LOADED: "weakref.WeakValueDictionary[int, Scenario]" = weakref.WeakValueDictionary()


_LOADED_PATHS: set[str] = set()


def loaded_by_this_program(path: Path) -> bool:
    """Whether this program has itself loaded the scenario at `path` (resolved): a save may
    name such a path, as the user chose it."""
    return str(path) in _LOADED_PATHS


def loaded_scenarios(name: str) -> list[Scenario]:
    """The scenarios called `name` that this program has loaded and still uses (a save finds its
    scenario among them by digest, without following a path written in the save)."""
    return [sc for sc in list(_LOADED.values()) if sc.name == name]


def resolve_shipped(name: str, where: str) -> Path:
    """A shipped scenario by name only (never a path); ScenarioError naming the closest one."""
    shipped = shipped_scenarios()
    if name in shipped:
        return shipped[name]
    hint = closest(name, shipped)
    raise ScenarioNotFound(Problem(where, 1, 1, f"no such file or shipped scenario '{name}'{hint} (shipped: {', '.join(shipped) or 'none'})"))


def resolve(name_or_path: str | Path) -> Path:
    """A shipped scenario's name, or a path to a file or folder."""
    text = str(name_or_path)
    path = Path(text)
    try:
        if path.exists() or path.is_symlink():
            return path
    except (OSError, ValueError):      # a NUL in the name, a name too long ...
        raise ScenarioError(Problem(text.replace("\0", "\\0"), 1, 1, "not a usable file name")) from None
    shipped = shipped_scenarios()
    if text in shipped:
        return shipped[text]
    hint = closest(text, shipped)
    raise ScenarioNotFound(Problem(text, 1, 1, f"no such file or shipped scenario '{text}'{hint} (shipped: {', '.join(shipped) or 'none'})"))


@lru_cache(maxsize=16)
def _rules_source(name: str) -> Any:
    path = RULES_DIR / f"{name}.yaml"
    return load_file(path, f"scenarios/rules/{name}.yaml")


def load_rules(name: str = "standard", overrides: dict | None = None) -> RuleSet:
    """A shared rule set by name, with optional overrides; raises ScenarioError."""
    problems = _rules_problems(name, overrides or {}, None)
    if isinstance(problems, RuleSet):
        return problems
    raise ScenarioError(problems)


_RULE_NAME = re.compile(r"^[A-Za-z0-9_\-]{1,100}$")


def _rules_file(name: str, doc: Document | None) -> Any:
    """The Source of rule set `name`, or a list with the problem. A rule-set name is a name:
    a shipped rule set (`standard`), or a .yaml file inside the scenario's folder. Nothing
    else is opened, so `rules: ../../..` never reads (or echoes the keys of) another file."""
    where = doc.problem(("rules",), "") if doc else Problem(name, 1, 1, "")

    def problem(message: str) -> list[Problem]:
        return [Problem(where.file, where.line, where.col, message)]

    options = sorted(p.stem for p in RULES_DIR.glob("*.yaml"))
    if _RULE_NAME.match(name):
        if not (RULES_DIR / f"{name}.yaml").is_file():
            return problem(f"unknown rule set '{name}'{closest(name, options)} (available: {', '.join(options)})")
        return _rules_source(name)
    rule = f"a rule set is the name of a shipped one ({', '.join(options)}) or a .yaml file in the scenario's folder"
    if doc is None or not name.endswith((".yaml", ".yml")) or "\0" in name:
        return problem(f"rule set '{name}' is not a name: {rule}")
    target = (doc.folder / name).resolve()
    if doc.folder not in target.parents:
        return problem(f"rule set '{name}' is outside the scenario's folder: {rule}")
    try:
        return load_file(target, _display_path(target))
    except ScenarioError as exc:
        return exc.problems


def _rules_problems(name: str, overrides: dict, doc: Document | None) -> RuleSet | list[Problem]:
    src = _rules_file(name, doc)
    if isinstance(src, list):
        return src
    data = src.data
    if overrides:
        if not isinstance(data, dict):
            data = {}
        data = deep_merge(data, overrides)

    def locate(path: tuple, message: str) -> Problem:
        # The shared rule set checks out on its own, so a problem after merging comes from the
        # overrides: point into them (at the deepest part of `path` they spell out).
        if doc is not None and overrides and (_has_path(overrides, path) or _base_rules_valid(name, doc)):
            return doc.problem(("rule_overrides",) + path, message)
        return src.problem(path, message)

    try:
        model = RuleSetModel.model_validate(data)
    except ValidationError as exc:
        out = []
        from engine.scenario.document import _readable
        for err in exc.errors():
            path, message = _readable(err, data)
            out.append(locate(path, f"rule set: {message}"))
        return out
    try:
        return compile_rules(model)
    except RuleError as exc:
        return [locate(exc.path, f"rule set: {exc.message}")]


def _base_rules_valid(name: str, doc: Document | None = None) -> bool:
    if _RULE_NAME.match(name):
        return _shipped_rules_valid(name)
    return isinstance(_rules_problems(name, {}, doc), RuleSet)


@lru_cache(maxsize=16)
def _shipped_rules_valid(name: str) -> bool:
    return isinstance(_rules_problems(name, {}, None), RuleSet)


def _has_path(data: Any, path: tuple) -> bool:
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return False
    return True


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load and check a scenario by shipped name or path; raise ScenarioError listing every problem."""
    path = resolve(name_or_path)
    doc = read_document(path)
    builder = _Builder(doc)
    scenario = builder.build()
    if builder.problems or scenario is None:
        raise ScenarioError(builder.problems)
    scenario.path = path
    scenario.name = path.stem if path.is_file() else path.name
    _LOADED[id(scenario)] = scenario
    try:
        _LOADED_PATHS.add(str(path.resolve()))
    except (OSError, RuntimeError):
        pass
    return scenario


def load_map_block(path: str | Path) -> Scenario:
    """A bare map block (as `wargame mapgen` writes it) as a scenario with no units, to draw it."""
    import tempfile

    import yaml

    path = Path(path)
    src = load_file(path, str(path))
    data = src.data
    if not isinstance(data, dict) or "terrain" not in data or "legend" not in data:
        raise NotAMapBlock(Problem(str(path), 1, 1, "not a map block (a mapping with columns, rows, legend and terrain)"))
    geo_data = data.get("geo")
    geo: dict[str, Any] = geo_data if isinstance(geo_data, dict) else {}
    wrapper = {
        "title": f"Map: {path.stem}", "start_date": "1940-01-01", "turns": 1, "hex_km": geo.get("hex_km", 1),
        "sides": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}], "map": path.name,
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "scenario.yaml").write_text(yaml.safe_dump(wrapper))
        (folder / path.name).write_bytes(read_limited(path, MAX_BYTES, str(path)))
        try:
            scenario = load_scenario(folder)
        except ScenarioError as exc:
            raise ScenarioError([Problem(str(path), p.line, p.col, p.message) for p in exc.problems]) from None
    scenario.name = path.stem
    scenario.path = path
    return scenario


def validate(name_or_path: str | Path) -> list[Problem]:
    """Every problem in a scenario (empty when it is valid)."""
    try:
        load_scenario(name_or_path)
    except ScenarioError as exc:
        return exc.problems
    return []


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def error(self, path: tuple, message: str) -> None:
        self.problems.append(self.doc.problem(path, message))

    def build(self) -> Scenario | None:
        doc = self.doc
        try:
            model = ScenarioModel.model_validate(doc.data)
        except ValidationError as exc:
            self.problems.extend(pydantic_problems(exc, doc))
            # Keep going with what parsed so later problems are reported too.
            model = None
        data = doc.data
        self.check_history(data)
        rules_name = data.get("rules", "standard") if isinstance(data.get("rules", "standard"), str) else "standard"
        overrides = data.get("rule_overrides") if isinstance(data.get("rule_overrides"), dict) else {}
        rules = _rules_problems(rules_name, overrides, doc)
        if not isinstance(rules, RuleSet):
            self.problems.extend(rules)
            # Go on with the shared rule set alone, so the scenario's own problems are reported too.
            base = _rules_problems(rules_name, {}, doc) if overrides else rules
            if not isinstance(base, RuleSet):
                return None
            rules = base
        if model is None:
            return None
        try:
            model.start_date + dt.timedelta(days=model.turns * model.days_per_turn)
        except OverflowError:
            self.error(("start_date",), f"a game starting on {model.start_date} with {model.turns} turns of "
                       f"{model.days_per_turn} days would end after the year 9999")
            return None
        sides = [s.id for s in model.sides]
        if len(set(sides)) != len(sides):
            self.error(("sides", 1, "id"), f"two sides have the id '{sides[0]}'")
        if model.first_side and model.first_side not in sides:
            self.error(("first_side",), f"unknown side '{model.first_side}'; the sides are {', '.join(sides)}")
        order = sorted(sides, key=lambda s: s != (model.first_side or sides[0]))
        mapdata = self.build_map(model, rules)
        if mapdata is None:
            return None
        units = self.build_units(model, rules, mapdata, order)
        sources = self.build_sources(model, rules, mapdata, order)
        self.check_rest(model, rules, mapdata, order, units)
        self.check_replacements(model, order)
        if self.problems:
            return None
        return Scenario(model=model, rules=rules, map=mapdata, units=units, sources=sources)

    # -- map ---------------------------------------------------------------
    def build_map(self, model: ScenarioModel, rules: RuleSet) -> MapData | None:
        m = model.map
        base: tuple[str | int, ...] = ("map",)
        if m.columns * m.rows > 1_000_000:
            self.error(base + ("columns",), f"map of {m.columns}x{m.rows} hexes is larger than the 1,000,000 hexes supported")
            return None
        legend: dict[str, int] = {}
        for ch, tname in m.legend.items():
            if len(ch) != 1:
                self.error(base + ("legend", ch), f"legend key '{ch}' must be a single character")
            elif tname not in rules.terrain_names:
                self.error(base + ("legend", ch),
                           f"unknown terrain '{tname}'{closest(tname, rules.terrain_names)} (the rule set has {', '.join(rules.terrain_names)})")
            else:
                legend[ch] = rules.terrain_index(tname)
        lines = m.terrain.split("\n")
        while lines and lines[-1] == "":
            lines.pop()
        n = m.columns * m.rows
        terrain = np.zeros(n, dtype=np.int8)
        tpath = base + ("terrain",)
        if len(lines) != m.rows:
            self.error(tpath, f"terrain has {len(lines)} rows; the map has rows: {m.rows}")
        bad_chars = 0
        for row, line in enumerate(lines[: m.rows]):
            if len(line) != m.columns:
                self.problems.append(self.doc.block_problem(tpath, row, min(len(line), m.columns),
                                                            f"terrain row {row} has {len(line)} characters; the map has columns: {m.columns}"))
            for col, ch in enumerate(line[: m.columns]):
                t = legend.get(ch)
                if t is None:
                    if bad_chars < 20 and len(ch) == 1 and ch not in m.legend:
                        self.problems.append(self.doc.block_problem(tpath, row, col,
                                                                    f"unknown terrain character '{ch}' (the legend has {' '.join(repr(k) for k in m.legend)})"))
                    bad_chars += 1
                    continue
                terrain[row * m.columns + col] = t
        digits = hexgrid.id_digits(m.columns, m.rows)
        q, r = hexgrid.map_axial(m.columns, m.rows)
        nbr = hexgrid.neighbor_table(m.columns, m.rows)
        mapdata = MapData(
            columns=m.columns, rows=m.rows, digits=digits, q=q, r=r, neighbors=nbr, terrain=terrain,
            road=np.zeros(n, np.uint8), rail=np.zeros(n, np.uint8),
            river_minor=np.zeros(n, np.uint8), river_major=np.zeros(n, np.uint8),
            fort=np.zeros(n, np.int8), vp=np.zeros(n, np.int32), coastal=np.zeros(n, bool),
            hex_km=float(model.hex_km),
        )
        river_sides: list[list[tuple[int, int]]] = []
        for i, river in enumerate(m.rivers):
            layer = mapdata.river_major if river.kind == "major" else mapdata.river_minor
            river_sides.append([])
            for j, side in enumerate(river.sides):
                path = base + ("rivers", i, "sides", j)
                parts = str(side).split("-")
                if len(parts) != 2:
                    self.error(path, f"hexside '{side}' must be two hex ids joined by '-', e.g. 0712-0713")
                    continue
                a, b = self.hex_index(mapdata, parts[0], path), self.hex_index(mapdata, parts[1], path)
                if a is None or b is None:
                    continue
                if not self.set_side(mapdata, layer, a, b):
                    self.error(path, f"river {river.name or i}: {parts[0]} and {parts[1]} are not neighbours")
                else:
                    river_sides[-1].append((a, b))
        self.build_freezes(model, rules, mapdata, river_sides)
        for kind, routes, layer in (("road", m.roads, mapdata.road), ("railway", m.railways, mapdata.rail)):
            for i, route in enumerate(routes):
                prev = None
                for j, hid in enumerate(route.path):
                    path = base + (kind + "s", i, "path", j)
                    cur = self.hex_index(mapdata, hid, path)
                    if cur is None:
                        prev = None
                        continue
                    if prev is not None and not self.set_side(mapdata, layer, prev, cur):
                        self.error(path, f"{kind} {route.name or i}: {mapdata.hex_id(prev)} and {hid} are not neighbours")
                    prev = cur
        seen_names: dict[str, int] = {}
        for i, place in enumerate(m.places):
            path = base + ("places", i)
            idx = self.hex_index(mapdata, place.hex, path + ("hex",))
            if idx is None:
                continue
            if place.name in seen_names:
                self.error(path + ("name",), f"two places are called '{place.name}'")
            seen_names[place.name] = idx
            if place.label or idx not in mapdata.names:
                mapdata.names[idx] = place.name
            mapdata.fort[idx] = max(int(mapdata.fort[idx]), place.fort)
            mapdata.vp[idx] += place.vp
        self.build_fortifications(model, rules, mapdata)
        self.build_minefields(model, rules, mapdata)
        sea = np.array([rules.model.terrain[t].sea for t in rules.terrain_names], dtype=bool)[terrain]
        passable = ~rules.impassable[terrain]
        sea_nbr = np.zeros(n, bool)
        for d in range(6):
            nb = nbr[:, d]
            ok = nb >= 0
            sea_nbr[ok] |= sea[nb[ok]]
        mapdata.coastal = passable & sea_nbr
        return mapdata

    def build_fortifications(self, model: ScenarioModel, rules: RuleSet, mapdata: MapData) -> None:
        """The map's field works raise the hexes' fortification level (the higher of a place's and theirs)."""
        for i, works in enumerate(model.map.fortifications):
            path = ("map", "fortifications", i)
            for j, hid in enumerate(works.hexes):
                idx = self.hex_index(mapdata, hid, path + ("hexes", j))
                if idx is None:
                    continue
                if rules.impassable[mapdata.terrain[idx]]:
                    self.error(path + ("hexes", j), f"fortifications {works.name or i}: {hid} is "
                               f"{rules.terrain_names[mapdata.terrain[idx]]}, where nothing can be dug")
                else:
                    mapdata.fort[idx] = max(int(mapdata.fort[idx]), works.level)

    def build_minefields(self, model: ScenarioModel, rules: RuleSet, mapdata: MapData) -> None:
        """The map's minefields as one layer: the side that laid each hex's mines."""
        if not model.map.minefields:
            return
        declared = [s.id for s in model.sides]
        sides = sorted(declared, key=lambda s: s != (model.first_side or declared[0]))   # turn order, as the state's sides
        mines = np.full(mapdata.size, -1, np.int8)
        for i, field_ in enumerate(model.map.minefields):
            path = ("map", "minefields", i)
            if field_.side not in sides:
                self.error(path + ("side",), f"unknown side '{field_.side}'{closest(field_.side, sides)}; the sides are {', '.join(sides)}")
                continue
            side = sides.index(field_.side)
            for j, hid in enumerate(field_.hexes):
                idx = self.hex_index(mapdata, hid, path + ("hexes", j))
                if idx is None:
                    continue
                if rules.impassable[mapdata.terrain[idx]]:
                    self.error(path + ("hexes", j), f"minefield {field_.name or i}: {hid} is "
                               f"{rules.terrain_names[mapdata.terrain[idx]]}, where nothing can be mined")
                elif mines[idx] >= 0 and mines[idx] != side:
                    self.error(path + ("hexes", j), f"minefield {field_.name or i}: {hid} is already mined by {sides[mines[idx]]}")
                else:
                    mines[idx] = side
        mapdata.mines = mines

    def build_freezes(self, model: ScenarioModel, rules: RuleSet, mapdata: MapData, river_sides: list[list[tuple[int, int]]]) -> None:
        """The rivers' freezing rules (`frozen_from`, `frozen_in`), checked, each with the hexside
        bits of the rivers it freezes; rivers with the same rule share one entry."""
        weathers = list(rules.model.weather)
        n = mapdata.size
        groups: dict[tuple[int, frozenset[str]], tuple[np.ndarray, np.ndarray, list[str]]] = {}
        steady = (np.zeros(n, np.uint8), np.zeros(n, np.uint8))
        for i, river in enumerate(model.map.rivers):
            path: tuple[str | int, ...] = ("map", "rivers", i)
            from_turn = 0
            if river.frozen_from is not None:
                from_turn = self.turn_of_date(model, river.frozen_from, path + ("frozen_from",))
            names: set[str] = set()
            for j, name in enumerate(river.frozen_in):
                if name in weathers:
                    names.add(name)
                else:
                    self.error(path + ("frozen_in", j), f"unknown weather '{name}'{closest(name, weathers)} (the rule set has {', '.join(weathers)})")
            layers = steady
            if from_turn or names:
                minor, major, rivers = groups.setdefault((from_turn, frozenset(names)), (np.zeros(n, np.uint8), np.zeros(n, np.uint8), []))
                rivers.append(river.name or str(i))
                layers = (minor, major)
            layer = layers[1] if river.kind == "major" else layers[0]
            for a, b in river_sides[i]:
                self.set_side(mapdata, layer, a, b)
        if groups:
            mapdata.river_freezes = tuple(RiverFreeze(turn, weather, minor, major, tuple(rivers))
                                          for (turn, weather), (minor, major, rivers) in groups.items())
            mapdata.river_steady_minor, mapdata.river_steady_major = steady

    def turn_of_date(self, model: ScenarioModel, date: dt.date, path: tuple) -> int:
        """The turn containing `date`; 0 (and an error at `path`) when the date is outside the game."""
        if date < model.start_date:
            self.error(path, f"date {date} is before the scenario starts ({model.start_date})")
            return 0
        turn = (date - model.start_date).days // model.days_per_turn + 1
        if turn > model.turns:
            last = model.start_date + dt.timedelta(days=model.turns * model.days_per_turn - 1)
            self.error(path, f"date {date} is after the last turn ends ({last})")
            return 0
        return turn

    def set_side(self, mapdata: MapData, layer: np.ndarray, a: int, b: int) -> bool:
        for d in range(6):
            if mapdata.neighbors[a, d] == b:
                layer[a] |= 1 << d
                layer[b] |= 1 << ((d + 3) % 6)
                return True
        return False

    def hex_index(self, mapdata: MapData, text: Any, path: tuple) -> int | None:
        try:
            return mapdata.parse(str(text))
        except ValueError as exc:
            self.error(path, str(exc))
            return None

    # -- units -------------------------------------------------------------
    def build_units(self, model: ScenarioModel, rules: RuleSet, mapdata: MapData, order: list[str]) -> list[UnitDef]:
        units: list[UnitDef] = []
        seen: dict[str, tuple] = {}
        nations_by_side = {s.id: set(s.nations) for s in model.sides}
        entries: list[tuple[tuple, Any, int, tuple[int, ...]]] = []
        for i, u in enumerate(model.units):
            entries.append((("units", i), u, 0, ()))
        for i, r in enumerate(model.reinforcements):
            rpath = ("reinforcements", i)
            turn = self.turn_of(model, r.turn, r.date, rpath)
            hexes = r.hex if isinstance(r.hex, list) else [r.hex]
            entry_idx: list[int] = []
            for j, h in enumerate(hexes):
                idx = self.hex_index(mapdata, h, rpath + (("hex", j) if isinstance(r.hex, list) else ("hex",)))
                if idx is not None:
                    if rules.impassable[mapdata.terrain[idx]]:
                        self.error(rpath + ("hex",), f"entry hex {h} is {rules.terrain_names[mapdata.terrain[idx]]}, which units cannot enter")
                    entry_idx.append(idx)
            for j, u in enumerate(r.units):
                entries.append((rpath + ("units", j), u, turn, tuple(entry_idx)))
        withdraw: dict[str, int] = {}
        for i, w in enumerate(model.withdrawals):
            turn = self.turn_of(model, w.turn, w.date, ("withdrawals", i))
            for uid in w.units:
                withdraw[uid] = turn
        stacks: dict[int, list[tuple[tuple, int]]] = {}
        for path, u, turn, entry in entries:
            if u.id in seen:
                self.error(path + ("id",), f"duplicate unit id '{u.id}' (first used at line {self.doc.problem(seen[u.id], '').line})")
                continue
            seen[u.id] = path + ("id",)
            ok = True
            if u.side not in order:
                self.error(path + ("side",), f"unknown side '{u.side}'{closest(u.side, order)}; the sides are {', '.join(order)}")
                ok = False
            elif model.nations and u.nation not in model.nations:
                self.error(path + ("nation",), f"unknown nation '{u.nation}'{closest(u.nation, model.nations)}")
                ok = False
            elif nations_by_side.get(u.side) and u.nation not in nations_by_side[u.side]:
                self.error(path + ("nation",), f"nation '{u.nation}' is not one of side {u.side}'s nations ({', '.join(sorted(nations_by_side[u.side]))})")
            utype = rules.unit_types.get(u.type)
            if utype is None:
                self.error(path + ("type",), f"unknown unit type '{u.type}'{closest(u.type, rules.unit_types)}")
                continue
            max_steps = u.max_steps or (len(u.attack) if u.attack else utype.steps)
            if not 1 <= max_steps <= MAX_STEPS:
                self.error(path + ("max_steps" if u.max_steps else "attack" if u.attack else "type",),
                           f"the unit would have {max_steps} steps; a unit has between 1 and {MAX_STEPS}")
                continue
            attack = tuple(u.attack) if u.attack else utype.attack
            defence = tuple(u.defence) if u.defence else utype.defence
            for key, values in (("attack", attack), ("defence", defence)):
                if len(values) < max_steps:
                    self.error(path + (key,), f"{key} gives {len(values)} values for {max_steps} steps (one per step, full strength first)")
                    ok = False
            steps = u.steps or max_steps
            if steps > max_steps:
                self.error(path + ("steps",), f"steps {steps} is more than the unit's {max_steps}")
                ok = False
            start = -1
            if turn == 0:
                if u.hex is None:
                    self.error(path,
                               f"unit '{u.id}' has no hex (units present at the start need one; reinforcements list theirs under the reinforcement entry)")
                    ok = False
                else:
                    idx = self.hex_index(mapdata, u.hex, path + ("hex",))
                    if idx is None:
                        ok = False
                    elif rules.impassable[mapdata.terrain[idx]]:
                        self.error(path + ("hex",),
                                   f"{u.name} is on {mapdata.hex_id(idx)}, a {rules.terrain_names[mapdata.terrain[idx]]} hex that units cannot enter")
                        ok = False
                    else:
                        start = idx
                        stacks.setdefault(idx, []).append((path, order.index(u.side) if u.side in order else -1))
            if not ok:
                continue
            # Attack/defence are stored by steps remaining, so index steps-1; files list full strength first.
            attack_by_steps = tuple(reversed(attack[:max_steps]))
            defence_by_steps = tuple(reversed(defence[:max_steps]))
            units.append(UnitDef(
                index=len(units), id=u.id, name=u.name, side=order.index(u.side), nation=u.nation, type=u.type,
                symbol=utype.symbol, size=u.size or utype.size, short=u.short or _short_name(u.name),
                move_class=rules.class_index(utype.move_class), movement=u.movement if u.movement is not None else utype.movement,
                max_steps=max_steps, start_steps=steps, attack=attack_by_steps, defence=defence_by_steps,
                armour=utype.armour, zoc=utype.zoc, start_hex=start, arrive_turn=turn, entry_hexes=entry,
                withdraw_turn=withdraw.get(u.id, 0), exploits=utype.exploits,
            ))
        for i, w in enumerate(model.withdrawals):
            for j, uid in enumerate(w.units):
                if uid not in seen:
                    self.error(("withdrawals", i, "units", j), f"unknown unit '{uid}'{closest(uid, seen)}")
        limit = rules.model.stacking.max_units
        for idx, entries_here in stacks.items():
            sides_here = {s for _, s in entries_here}
            if len(sides_here) > 1:
                path = entries_here[-1][0]
                self.error(path + ("hex",), f"units of both sides start in hex {mapdata.hex_id(idx)}")
            if len(entries_here) > limit:
                path = entries_here[limit][0]
                self.error(path + ("hex",), f"{len(entries_here)} units start in hex {mapdata.hex_id(idx)}; the stacking limit is {limit}")
        return units

    def turn_of(self, model: ScenarioModel, turn: int | None, date: dt.date | None, path: tuple) -> int:
        if turn is None and date is None:
            self.error(path, "give either 'turn' or 'date'")
            return 1
        if turn is None:
            assert date is not None
            if date < model.start_date:
                self.error(path + ("date",), f"date {date} is before the scenario starts ({model.start_date})")
                return 1
            turn = (date - model.start_date).days // model.days_per_turn + 1
            if turn > model.turns:
                last = model.start_date + dt.timedelta(days=model.turns * model.days_per_turn - 1)
                self.error(path + ("date",), f"date {date} is after the last turn ends ({last})")
            return turn
        if turn > model.turns:
            self.error(path + ("turn",), f"turn {turn} is after the last turn ({model.turns})")
        return turn

    # -- supply, weather, victory, special rules -----------------------------
    def build_sources(self, model: ScenarioModel, rules: RuleSet, mapdata: MapData, order: list[str]) -> list[SupplySourceDef]:
        out = []
        for i, s in enumerate(model.supply_sources):
            path = ("supply_sources", i)
            if s.side not in order:
                self.error(path + ("side",), f"unknown side '{s.side}'{closest(s.side, order)}")
                continue
            idx = self.hex_index(mapdata, s.hex, path + ("hex",))
            if idx is None:
                continue
            if rules.impassable[mapdata.terrain[idx]]:
                self.error(path + ("hex",), f"supply source on {mapdata.hex_id(idx)}, a {rules.terrain_names[mapdata.terrain[idx]]} hex")
            rng = s.range if s.range is not None else rules.model.supply.default_range
            out.append(SupplySourceDef(order.index(s.side), idx, s.kind, float(rng), s.from_turn, s.until_turn or 0,
                                       -1 if s.capture_delay is None else s.capture_delay, s.name or mapdata.names.get(idx, mapdata.hex_id(idx))))
        return out

    def check_rest(self, model: ScenarioModel, rules: RuleSet, mapdata: MapData, order: list[str], units: list[UnitDef]) -> None:
        if model.briefing is not None:
            sides = [s.id for s in model.sides]
            for side in model.briefing.goals:
                if side not in sides:
                    self.error(("briefing", "goals", side), f"unknown side '{side}'{closest(side, sides)} (the sides are {', '.join(sides)})")
        weathers = list(rules.model.weather)
        w = model.weather
        if w.default not in weathers:
            self.error(("weather", "default"), f"unknown weather '{w.default}'{closest(w.default, weathers)}")
        for turn, name in w.schedule.items():
            if name not in weathers:
                self.error(("weather", "schedule", turn), f"unknown weather '{name}'{closest(name, weathers)} (the rule set has {', '.join(weathers)})")
            if turn > model.turns:
                self.error(("weather", "schedule", turn), f"turn {turn} is after the last turn ({model.turns})")
        for i, entry in enumerate(w.table):
            for name in entry.chances:
                if name not in weathers:
                    self.error(("weather", "table", i, "chances", name), f"unknown weather '{name}'{closest(name, weathers)}")
            if sum(entry.chances.values()) <= 0:
                self.error(("weather", "table", i, "chances"), "the chances must add up to more than 0")
        if model.control.default != "nearest" and model.control.default not in order:
            self.error(("control", "default"), f"'{model.control.default}' is neither 'nearest' nor a side ({', '.join(order)})")
        for side, hexes in model.control.hexes.items():
            if side not in order:
                self.error(("control", "hexes", side), f"unknown side '{side}'{closest(side, order)}")
            for j, h in enumerate(hexes):
                self.hex_index(mapdata, h, ("control", "hexes", side, j))
        for side, spec in model.air_points.items():
            if side not in order:
                self.error(("air_points", side), f"unknown side '{side}'{closest(side, order)}")
            if isinstance(spec, list):
                for j, when in enumerate(spec):
                    if when.turn is not None or when.date is not None:
                        self.turn_of(model, when.turn, when.date, ("air_points", side, j))
        for side in model.rail_capacity:
            if side not in order:
                self.error(("rail_capacity", side), f"unknown side '{side}'{closest(side, order)}")
        unit_ids = {u.id for u in units}
        if model.victory is not None:
            v = model.victory
            if v.vp_side not in order:
                self.error(("victory", "vp_side"), f"unknown side '{v.vp_side}'{closest(v.vp_side, order)}")
            ids = Counter(o.id for o in v.objectives)
            for i, o in enumerate(v.objectives):
                path: tuple[str | int, ...] = ("victory", "objectives", i)
                if ids[o.id] > 1:
                    self.error(path + ("id",), f"duplicate objective id '{o.id}'")
                if o.side not in order:
                    self.error(path + ("side",), f"unknown side '{o.side}'{closest(o.side, order)}")
                if o.kind == "take" and o.until_turn is not None:
                    self.error(path + ("until_turn",), "until_turn is for hold objectives (kind: hold); a take objective's deadline is by_turn")
                if o.kind == "hold" and o.by_turn is not None:
                    self.error(path + ("by_turn",), "by_turn is for take objectives; a hold objective is held until_turn")
                for key in ("by_turn", "until_turn"):
                    turn = getattr(o, key)
                    if turn and turn > model.turns:
                        self.error(path + (key,), f"turn {turn} is after the last turn ({model.turns})")
                for j, h in enumerate(o.hexes):
                    self.hex_index(mapdata, h, path + ("hexes", j))
            for i, level in enumerate(v.levels):
                if level.winner is not None and level.winner not in order:
                    self.error(("victory", "levels", i, "winner"), f"unknown side '{level.winner}'{closest(level.winner, order)}")
        for i, rule in enumerate(model.special_rules):
            path = ("special_rules", i)
            if rule.side not in order:
                self.error(path + ("side",), f"unknown side '{rule.side}'{closest(rule.side, order)}")
            for j, h in enumerate(getattr(rule, "hexes", [])):
                self.hex_index(mapdata, h, path + ("hexes", j))
            for j, uid in enumerate(getattr(rule, "units", [])):
                if uid not in unit_ids:
                    self.error(path + ("units", j), f"unknown unit '{uid}'{closest(uid, unit_ids)}")
            until = getattr(rule, "until_turn", None)
            if until and until > model.turns:
                self.error(path + ("until_turn",), f"turn {until} is after the last turn ({model.turns})")
            if rule.rule == "stand_fast" and until and rule.from_turn > until:
                self.error(path + ("from_turn",), f"from_turn {rule.from_turn} is after until_turn {until}: the order would never bind")
            airfields = getattr(rule, "airfields", None) or []
            if airfields:
                kinds = {p.name: p.kind for p in model.map.places}
                fields = [name for name, kind in kinds.items() if kind == "airfield"]
                listed: set[str] = set()
                for j, name in enumerate(airfields):
                    if name not in kinds:
                        hint = closest(name, fields) or closest(name, kinds)
                        self.error(path + ("airfields", j), f"unknown airfield '{name}'{hint}: an airlift's airfields are places "
                                   f"of the map of kind airfield ({', '.join(fields) or 'the map has none'})")
                    elif kinds[name] != "airfield":
                        self.error(path + ("airfields", j), f"'{name}' is a place of kind {kinds[name]}, not an airfield "
                                   f"(give it kind: airfield in the map's places)")
                    elif name in listed:
                        self.error(path + ("airfields", j), f"airfield '{name}' is listed twice")
                    listed.add(name)


    def check_replacements(self, model: ScenarioModel, order: list[str]) -> None:
        for i, r in enumerate(model.replacements):
            path = ("replacements", i)
            if r.side not in order:
                self.error(path + ("side",), f"unknown side '{r.side}'{closest(r.side, order)} (the sides are {', '.join(order)})")
            if r.turn is not None and r.date is not None:
                self.error(path, "give either 'turn' or 'date', not both")
            elif r.turn is not None or r.date is not None:
                self.turn_of(model, r.turn, r.date, path)


    def check_history(self, data: Any) -> None:
        """Milestones name sides, places and units of the scenario, and dates inside it. Read from
        the raw data, milestone by milestone, so these problems are reported even when another
        part of the file (or another milestone) does not parse."""
        block = data.get("history") if isinstance(data, dict) else None
        milestones = block.get("milestones") if isinstance(block, dict) else None
        if not isinstance(milestones, list):
            return
        from pydantic import TypeAdapter

        def parsed(adapter: Any, value: Any) -> Any:
            try:
                return TypeAdapter(adapter).validate_python(value)
            except (ValidationError, TypeError):
                return None

        def items(key: Any, sub: str | None = None) -> list[dict]:
            node = data.get(key) if sub is None else (data.get(key) or {}).get(sub) if isinstance(data.get(key), dict) else None
            return [x for x in node if isinstance(x, dict)] if isinstance(node, list) else []

        sides = [str(s.get("id")) for s in items("sides")]
        places = [str(p.get("name")) for p in items("map", "places")]
        unit_ids = [str(u.get("id")) for u in items("units")]
        unit_ids += [str(u.get("id")) for r in items("reinforcements") for u in (r.get("units") or []) if isinstance(u, dict)]
        start = parsed(dt.date, data.get("start_date"))
        turns, days = parsed(int, data.get("turns")), parsed(int, data.get("days_per_turn", 1))
        last = None
        if start is not None and turns and days and turns > 0 and days > 0:
            try:
                last = start + dt.timedelta(days=turns * days - 1)
            except OverflowError:
                last = None
        kinds = {"place_taken": ("places",), "pocket_formed": ("near",), "pocket_destroyed": ("near",), "pocket_relieved": ("near",), "unit_gone": ("unit",)}
        seen: dict[str, int] = {}
        for i, raw in enumerate(milestones):
            if not isinstance(raw, dict):
                continue                # reported with the rest of the model's problems
            path: tuple[str | int, ...] = ("history", "milestones", i)
            mid = raw.get("id")
            if isinstance(mid, str):
                if mid in seen:
                    self.error(path + ("id",), f"duplicate milestone id '{mid}' (milestone {seen[mid] + 1} has it too)")
                seen.setdefault(mid, i)
            date = parsed(dt.date, raw.get("date"))
            if date is not None and start is not None and last is not None and not start <= date <= last:
                self.error(path + ("date",), f"date {date} is outside the scenario ({start} to {last})")
            side = raw.get("side")
            if isinstance(side, str) and sides and side not in sides:
                self.error(path + ("side",), f"unknown side '{side}'{closest(side, sides)}; the sides are {', '.join(sides)}")
            fields = kinds.get(str(raw.get("kind")), ())
            names: list[tuple[tuple, Any]] = []
            if "places" in fields and isinstance(raw.get("places"), list):
                names += [(("places", j), name) for j, name in enumerate(raw["places"])]
            if "near" in fields and "near" in raw:
                names.append((("near",), raw["near"]))
            for key, name in names:
                if isinstance(name, str) and name not in places:
                    self.error(path + key, f"unknown place '{name}'{closest(name, places)} (a milestone names places of the map)")
            unit = raw.get("unit") if "unit" in fields else None
            if isinstance(unit, str) and unit not in unit_ids:
                self.error(path + ("unit",), f"unknown unit '{unit}'{closest(unit, unit_ids)}")


def _short_name(name: str) -> str:
    """A counter label from a unit name: '12th SS Panzer Division' -> '12 SS Pz'."""
    words = name.replace("(", " ").replace(")", " ").split()
    keep = []
    abbreviations = {"panzer": "Pz", "infantry": "Inf", "division": "", "armoured": "Armd", "armored": "Armd",
                     "airborne": "Abn", "corps": "Corps", "brigade": "Bde", "mechanised": "Mech", "mechanized": "Mech",
                     "motorised": "Mot", "motorized": "Mot", "guards": "Gds", "rifle": "Rifle", "tank": "Tank",
                     "cavalry": "Cav", "army": "Army", "panzergrenadier": "PzG", "grenadier": "Gren", "mountain": "Mtn",
                     "parachute": "Para", "fallschirmjager": "FJ", "luftwaffe": "Lw", "field": "Fld", "static": "",
                     "heavy": "Hvy", "battalion": "Bn", "the": "", "of": "", "group": "Gp", "regiment": "Rgt"}
    for w in words:
        lw = w.lower().strip(".,")
        if lw in abbreviations:
            if abbreviations[lw]:
                keep.append(abbreviations[lw])
        else:
            digits = "".join(ch for ch in w if ch.isdigit())
            keep.append(digits if digits and w[: len(digits)] == digits else w)
    return " ".join(keep)[:14] or name[:14]
