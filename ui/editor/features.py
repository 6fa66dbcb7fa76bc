"""The draft's map features beyond terrain and places: rivers, roads and railways, supply
sources, objectives (a mixin of `Draft`; each edit is one undo step through `Draft.edit`)."""
from __future__ import annotations

from typing import Any

from engine.scenario.roundtrip import ScenarioFiles


class DraftBase:
    """What the feature mixins use of `Draft` (declared for the type checker)."""

    files: ScenarioFiles

    @property
    def data(self) -> dict:
        raise NotImplementedError

    def edit(self, label: str) -> Any:
        raise NotImplementedError

    def hex_id(self, index: int) -> str:
        raise NotImplementedError

    def hex_index(self, hex_id: Any) -> int | None:
        raise NotImplementedError

    def units(self) -> list[dict]:
        raise NotImplementedError

    def places(self) -> list[dict]:
        raise NotImplementedError

    def place_at(self, i: int) -> int | None:
        raise NotImplementedError

    def map_block(self) -> dict:
        raise NotImplementedError

    def schedule(self, key: str) -> list[dict]:
        """The `reinforcements` or `withdrawals` entries (those that are not mappings read as empty)."""
        got = self.data.get(key)
        return [g if isinstance(g, dict) else {} for g in got] if isinstance(got, list) else []


class MapFeatures(DraftBase):
    # -- rivers, roads and railways ---------------------------------------------------------
    def routes(self, key: str) -> list[dict]:
        """The map's `rivers`, `roads` or `railways` (entries that are not mappings read as empty)."""
        got = self.map_block().get(key)
        return [r if isinstance(r, dict) else {} for r in got] if isinstance(got, list) else []

    def hexside(self, a: int, b: int) -> str:
        """A hexside as the format writes it: the two hex ids, the lower first."""
        a, b = min(a, b), max(a, b)
        return f"{self.hex_id(a)}-{self.hex_id(b)}"

    def _side_key(self, text: Any) -> tuple[int, int] | None:
        parts = str(text).split("-")
        if len(parts) != 2:
            return None
        a, b = self.hex_index(parts[0]), self.hex_index(parts[1])
        return None if a is None or b is None else (min(a, b), max(a, b))

    def river_sides(self) -> dict[tuple[int, int], tuple[int, int]]:
        """Hexside (lower index, higher index) -> (river, position in its `sides`)."""
        out: dict[tuple[int, int], tuple[int, int]] = {}
        for k, river in enumerate(self.routes("rivers")):
            sides = river.get("sides")
            for j, side in enumerate(sides if isinstance(sides, list) else []):
                key = self._side_key(side)
                if key is not None:
                    out.setdefault(key, (k, j))
        return out

    def draw_river(self, sides: list[tuple[int, int]], kind: str = "minor") -> int:
        """Add hexsides (pairs of neighbouring hexes) to a river, as one undo step: to the river
        that has the first one, else to a new river of `kind`. Returns how many were added."""
        known = self.river_sides()
        keys = [(min(a, b), max(a, b)) for a, b in sides]
        fresh = [k for k in dict.fromkeys(keys) if k not in known]
        if not fresh:
            return 0
        with self.edit(f"draw {kind} river") as files:
            first = known.get(keys[0])
            if first is not None:
                k = first[0]
                n = len(self.routes("rivers")[k].get("sides") or [])
                for a, b in fresh:
                    files.insert(("map", "rivers", k, "sides"), n, self.hexside(a, b))
                    n += 1
            else:
                taken = {str(r.get("name")) for r in self.routes("rivers")}
                n = 1
                while f"New river {n}" in taken:
                    n += 1
                river = {"name": f"New river {n}", "kind": kind, "sides": [self.hexside(a, b) for a, b in fresh]}
                if files.has(("map", "rivers")):
                    files.insert(("map", "rivers"), len(self.routes("rivers")), river)
                else:
                    files.set(("map", "rivers"), [river])
        return len(fresh)

    def erase_river(self, sides: list[tuple[int, int]]) -> int:
        """Take hexsides out of their rivers (one undo step); a river left with none goes."""
        known = self.river_sides()
        found = sorted({known[(min(a, b), max(a, b))] for a, b in sides if (min(a, b), max(a, b)) in known}, reverse=True)
        if not found:
            return 0
        with self.edit("erase river") as files:
            left = {k: len(self.routes("rivers")[k].get("sides") or []) for k, _ in found}
            for k, j in found:                       # last first, so earlier positions stay right
                files.delete(("map", "rivers", k, "sides", j))
                left[k] -= 1
            for k in sorted((k for k, n in left.items() if n == 0), reverse=True):
                files.delete(("map", "rivers", k))
        return len(found)

    def draw_route(self, key: str, hexes: list[int]) -> None:
        """A road or railway (`key` roads or railways) along a chain of neighbouring hexes, one
        undo step: it extends a route that ends where the chain starts, else it is a new route."""
        chain = [h for k, h in enumerate(hexes) if k == 0 or h != hexes[k - 1]]
        if len(chain) < 2:
            return
        ids = [self.hex_id(i) for i in chain]
        what = "railway" if key == "railways" else "road"
        with self.edit(f"draw {what}") as files:
            for k, route in enumerate(self.routes(key)):
                path = route.get("path")
                if isinstance(path, list) and path and str(path[-1]) == ids[0]:
                    for h in ids[1:]:
                        files.insert(("map", key, k, "path"), len(path), h)
                        path = path + [h]
                    return
            taken = {str(r.get("name")) for r in self.routes(key)}
            n = 1
            while f"New {what} {n}" in taken:
                n += 1
            route = {"name": f"New {what} {n}", "path": ids}
            if files.has(("map", key)):
                files.insert(("map", key), len(self.routes(key)), route)
            else:
                files.set(("map", key), [route])

    def erase_route(self, key: str, hexes: list[int]) -> int:
        """Take hexes out of the roads or railways (one undo step): a route is cut in two where a
        hex leaves its middle, and pieces shorter than two hexes go."""
        ids = {self.hex_id(i) for i in hexes}
        routes = self.routes(key)
        hits = [k for k, r in enumerate(routes) if any(str(h) in ids for h in (r.get("path") or []))]
        if not hits:
            return 0
        with self.edit(f"erase {'railway' if key == 'railways' else 'road'}") as files:
            for k in reversed(hits):
                route = routes[k]
                pieces: list[list[Any]] = [[]]
                for h in route.get("path") or []:
                    if str(h) in ids:
                        pieces.append([])
                    else:
                        pieces[-1].append(h)
                pieces = [p for p in pieces if len(p) >= 2]
                path = list(route.get("path") or [])
                gone = [j for j, h in enumerate(path) if str(h) in ids]
                ends = set(range(len(gone))) | set(range(len(path) - len(gone), len(path)))
                if len(pieces) == 1 and all(j in ends for j in gone) and len(path) - len(gone) >= 2:
                    for j in reversed(gone):                 # trimmed at its ends: the route keeps its lines
                        files.delete(("map", key, k, "path", j))
                    continue
                files.delete(("map", key, k))
                for n, piece in enumerate(pieces):
                    part = dict(route)
                    part["path"] = piece
                    if n and "name" in part:
                        part["name"] = f"{route['name']} ({n + 1})"
                    files.insert(("map", key), k + n, part)
        return len(hits)

    # -- supply sources ------------------------------------------------------------------------
    def supply_sources(self) -> list[dict]:
        return self.schedule("supply_sources")

    def source_at(self, i: int) -> int | None:
        for k, src in enumerate(self.supply_sources()):
            if self.hex_index(src.get("hex")) == i:
                return k
        return None

    def add_source(self, i: int, side: str, kind: str = "depot") -> int:
        """A supply source of `side` on hex i (one undo step); returns its index."""
        k = len(self.supply_sources())
        with self.edit(f"add {kind} for {side}") as files:
            self._add_entry_at(files, "supply_sources", {"side": side, "hex": self.hex_id(i), "kind": kind}, k)
        return k

    def _add_entry_at(self, files: ScenarioFiles, key: str, entry: dict, at: int) -> None:
        if files.has((key,)) and isinstance(self.data.get(key), list):
            files.insert((key,), at, entry)
        else:
            files.set((key,), [entry])

    def set_fields(self, prefix: tuple, changes: list[tuple[str, Any]], label: str) -> None:
        """Several fields of one mapping (a unit, a place, a supply source) as one undo step; a
        value of None removes the field."""
        with self.edit(label) as files:
            for name, value in changes:
                if value is None:
                    if files.has(prefix + (name,)):
                        files.delete(prefix + (name,))
                else:
                    files.set(prefix + (name,), value)

    def delete_source(self, k: int) -> None:
        with self.edit("delete supply source") as files:
            files.delete(("supply_sources", k))

    # -- objectives ----------------------------------------------------------------------------
    def objectives(self) -> list[dict]:
        victory = self.data.get("victory")
        got = victory.get("objectives") if isinstance(victory, dict) else None
        return [o if isinstance(o, dict) else {} for o in got] if isinstance(got, list) else []

    def objectives_at(self, i: int) -> list[int]:
        hid = self.hex_id(i)
        return [k for k, o in enumerate(self.objectives()) if hid in [str(h) for h in (o.get("hexes") or [])]]

    def add_objective(self, i: int) -> int:
        """A new objective on hex i (take, for the first side, 5 VP); returns its index."""
        sides = [str(s.get("id")) for s in self.data.get("sides", []) if isinstance(s, dict)]
        taken = {str(o.get("id")) for o in self.objectives()}
        n = 1
        while f"objective_{n}" in taken:
            n += 1
        name = self.place_name(i) or self.hex_id(i)
        objective = {"id": f"objective_{n}", "name": f"Take {name}", "side": sides[0] if sides else "a", "kind": "take",
                     "hexes": [self.hex_id(i)], "vp": 5}
        k = len(self.objectives())
        with self.edit(f"add objective {objective['id']}") as files:
            if isinstance(self.data.get("victory"), dict):
                if files.has(("victory", "objectives")):
                    files.insert(("victory", "objectives"), k, objective)
                else:
                    files.set(("victory", "objectives"), [objective])
            else:
                files.set(("victory",), {"vp_side": objective["side"], "objectives": [objective]})
        return k

    def place_name(self, i: int) -> str | None:
        k = self.place_at(i)
        return str(self.places()[k].get("name")) if k is not None else None

    def toggle_objective_hex(self, k: int, i: int) -> None:
        """Hex i joins objective k, or leaves it (the objective goes with its last hex)."""
        hexes = [str(h) for h in (self.objectives()[k].get("hexes") or [])]
        hid = self.hex_id(i)
        with self.edit(f"objective {self.objectives()[k].get('id')} hexes") as files:
            if hid in hexes:
                if len(hexes) == 1:
                    files.delete(("victory", "objectives", k))
                else:
                    files.delete(("victory", "objectives", k, "hexes", hexes.index(hid)))
            else:
                files.insert(("victory", "objectives", k, "hexes"), len(hexes), hid)

