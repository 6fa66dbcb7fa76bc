"""What happened, as data: the log that replays, the UI and the batch statistics read."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Event:
    """One thing that happened. `kind` is stable (``unit_moved``, ``combat``, ``turn_began`` ...)."""

    kind: str
    turn: int
    side: str
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "turn": self.turn, "side": self.side, **self.data}

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


# The event kinds the engine emits, for documentation and for tests that check coverage.
KINDS = (
    "game_started", "turn_began", "side_began", "phase_began", "weather", "reinforcement_arrived", "reinforcement_delayed",
    "unit_withdrawn", "supply_traced", "pocket", "unit_moved", "control_changed", "combat",
    "unit_retreated", "retreat_blocked", "step_loss", "unit_eliminated", "advance", "replacement_points", "replacement", "rail_moved",
    "interdiction", "mines_cleared", "dug_in", "phase_ended", "objective", "game_over",
)
