"""The draft's turn track: reinforcements and withdrawals by turn (a mixin of `Draft`)."""
from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from engine.scenario.roundtrip import EditError, ScenarioFiles
from ui.editor.features import DraftBase


class TurnTrack(DraftBase):
    # -- the turn track: reinforcements and withdrawals -------------------------------------------
    def turns(self) -> int:
        t = self.data.get("turns")
        return t if isinstance(t, int) and t > 0 else 0

    def turn_date(self, turn: int) -> dt.date | None:
        """The first day of `turn`."""
        start, days = self.data.get("start_date"), self.data.get("days_per_turn", 1)
        if not isinstance(start, dt.date) or not isinstance(days, int) or days < 1:
            return None
        return start + dt.timedelta(days=(turn - 1) * days)

    def turn_of(self, entry: dict) -> int | None:
        """The turn of a reinforcement or withdrawal entry (given by `turn`, or by the `date` in it)."""
        turn = entry.get("turn")
        if isinstance(turn, int):
            return turn
        date, start, days = entry.get("date"), self.data.get("start_date"), self.data.get("days_per_turn", 1)
        if isinstance(date, dt.date) and isinstance(start, dt.date) and isinstance(days, int) and days > 0:
            return (date - start).days // days + 1
        return None

    def set_entry_turn(self, key: str, g: int, turn: int) -> None:
        """Move reinforcement or withdrawal entry g to `turn`: its date moves to that turn's first
        day when it is given by date (as the designer chose), else its turn."""
        if not 1 <= turn <= max(1, self.turns()):
            raise EditError(f"turn {turn} is outside the game (1 to {self.turns()})")
        entry = self.schedule(key)[g]
        with self.edit(f"{key[:-1]} to turn {turn}") as files:
            if "date" in entry and "turn" not in entry:
                files.set((key, g, "date"), self.turn_date(turn))
            else:
                files.set((key, g, "turn"), turn)

    def _entry_at(self, key: str, turn: int, match: Any = None) -> int | None:
        for g, entry in enumerate(self.schedule(key)):
            if self.turn_of(entry) == turn and (match is None or match(entry)):
                return g
        return None

    def _add_entry(self, files: ScenarioFiles, key: str, entry: dict, turn: int) -> None:
        """A new entry, placed among the others in turn order."""
        entries = self.schedule(key)
        at = next((g for g, e in enumerate(entries) if (self.turn_of(e) or 0) > turn), len(entries))
        if files.has((key,)) and isinstance(self.data.get(key), list):
            files.insert((key,), at, entry)
        else:
            files.set((key,), [entry])

    def make_reinforcement(self, k: int, turn: int) -> None:
        """Start unit k arrives on `turn` instead, entering at the hex it stands on (joining an
        entry of that turn and hex when there is one)."""
        unit = copy.deepcopy(self.units()[k])
        where = unit.pop("hex", None)
        if self.hex_index(where) is None:
            raise EditError(f"{unit.get('name', unit.get('id'))} is on no hex: place it on its entry hex first")
        with self.edit(f"{unit.get('id')} arrives on turn {turn}") as files:
            files.delete(("units", k))
            g = self._entry_at("reinforcements", turn, lambda e: e.get("hex") in (where, [where]))
            if g is not None:
                files.insert(("reinforcements", g, "units"), len(self.schedule("reinforcements")[g].get("units") or []), unit)
            else:
                self._add_entry(files, "reinforcements", {"turn": turn, "hex": [where], "units": [unit]}, turn)

    def withdraw_unit(self, unit_id: str, turn: int) -> None:
        """The unit leaves the game on `turn` (added to that turn's withdrawals)."""
        if any(unit_id in (e.get("units") or []) for e in self.schedule("withdrawals")):
            raise EditError(f"{unit_id} is already withdrawn")
        with self.edit(f"withdraw {unit_id} on turn {turn}") as files:
            g = self._entry_at("withdrawals", turn)
            if g is not None:
                files.insert(("withdrawals", g, "units"), len(self.schedule("withdrawals")[g].get("units") or []), unit_id)
            else:
                self._add_entry(files, "withdrawals", {"turn": turn, "units": [unit_id]}, turn)

    def copy_reinforcement(self, g: int, j: int) -> None:
        """A copy of reinforcement j of entry g, arriving with it (a fresh id, "(copy)" named)."""
        unit = copy.deepcopy(self.schedule("reinforcements")[g]["units"][j])
        taken = {str(u.get("id")) for u in self.units()} | {str(u.get("id")) for e in self.schedule("reinforcements")
                                                             for u in (e.get("units") or []) if isinstance(u, dict)}
        n = 2
        while f"{unit.get('id')}_{n}" in taken:
            n += 1
        unit["id"] = f"{unit.get('id')}_{n}"
        if "name" in unit:
            unit["name"] = f"{unit['name']} (copy)"
        with self.edit(f"copy {unit['id']}") as files:
            files.insert(("reinforcements", g, "units"), j + 1, unit)

    def delete_reinforcement(self, g: int, j: int) -> None:
        """Reinforcement j of entry g leaves the scenario (the entry goes with its last unit)."""
        with self.edit("delete reinforcement") as files:
            if len(self.schedule("reinforcements")[g].get("units") or []) <= 1:
                files.delete(("reinforcements", g))
            else:
                files.delete(("reinforcements", g, "units", j))
