"""One game being played in the window: who plays which side, undo, saves and autosaves.

No drawing here and no rules: orders go to `engine.Game.apply`, which checks them.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np

import engine
from engine.files import write_text_atomic
from engine.fog import visible_mask
from ui.agents import Agent
from ui.settings import autosave_dir, saves_dir

MODES = ("hotseat", "watch")
AUTOSAVES_KEPT = 5          # per game: the autosaves of its last turns


def describe_mode(mode: str, scenario, pbem: bool = False) -> str:
    if pbem:
        try:
            return f"{scenario.sides[scenario.side_index(mode)].name} by e-mail"
        except ValueError:
            return mode
    if mode == "hotseat":
        return "Hot-seat"
    if mode == "watch":
        return "Watch AI vs AI"
    try:
        return f"{scenario.sides[scenario.side_index(mode)].name} vs AI"
    except ValueError:
        return mode


def side_id(scenario, text: str | None) -> str:
    """The side id a player means: an id ("axis"), a side's name as the menu shows it
    ("Germany", any case), "hotseat" or "watch"; None is the first side. Unknown text is
    returned as given, for the caller to refuse."""
    if text is None:
        return scenario.side_ids[0]
    if text in MODES or text in scenario.side_ids:
        return text
    folded = text.strip().casefold()
    for s in scenario.sides:
        if folded in (s.id.casefold(), s.name.casefold()):
            return s.id
    return text


class Session:
    """The game, the human sides and the AI agents of the other sides."""

    def __init__(self, game: engine.Game, mode: str | None = None, ai: str = "heuristic", pbem: bool = False) -> None:
        sc = game.scenario
        self.game = game
        self.scenario = sc
        mode = side_id(sc, mode)
        if mode not in MODES and mode not in sc.side_ids:
            choices = [f"{s.id} ({s.name})" if s.name.casefold() != s.id.casefold() else s.id for s in sc.sides]
            raise ValueError(f"side must be one of {', '.join(choices + list(MODES))}, not '{mode}'")
        self.mode = mode
        self.ai_name = ai
        if mode == "hotseat":
            self.humans = set(sc.side_ids)
        elif mode == "watch":
            self.humans = set()
        else:
            self.humans = {mode}
        # Play by e-mail: the other side is a person far away, neither here nor an AI.
        self.remote = {s for s in sc.side_ids if s not in self.humans} if pbem and mode not in MODES else set()
        self.agents = {s: Agent(ai, s, game) for s in sc.side_ids if s not in self.humans and s not in self.remote}
        self.snapshots: list[engine.Game] = []     # the game before each move that may be taken back
        self.version = 0
        self.fog = bool(sc.model.fog_of_war)
        self._autosaved_turn = game.turn
        # Which game this is, so its autosaves never overwrite another game's.
        self.game_id = dt.datetime.now().strftime("%Y%m%d-%H%M%S") + f"-{game.seed % 10000:04d}"
        self.saved_version = 0      # `version` when last written to a file: unsaved progress otherwise

    @classmethod
    def new(cls, scenario_name: str | Any, seed: int | None = None, mode: str | None = None, ai: str = "heuristic",
            pbem: bool = False) -> "Session":
        scenario = scenario_name if isinstance(scenario_name, engine.Scenario) else engine.load_scenario(scenario_name)
        if seed is None:
            seed = int(np.random.default_rng().integers(2 ** 31))
        return cls(engine.Game(scenario, seed), mode, ai, pbem=pbem)

    # -- who is playing -------------------------------------------------------------------
    @property
    def active(self) -> str:
        return self.game.active_side

    @property
    def human_to_move(self) -> bool:
        return not self.game.over and self.active in self.humans

    @property
    def ai_to_move(self) -> bool:
        return not self.game.over and self.active not in self.humans and self.active not in self.remote

    @property
    def remote_to_move(self) -> bool:
        """Play by e-mail: the opponent's turn, to be sent to them."""
        return not self.game.over and self.active in self.remote

    @property
    def viewer(self) -> str | None:
        """The side whose eyes the map shows (None: everything, when watching the AIs)."""
        if self.mode == "watch":
            return None
        if self.mode == "hotseat":
            return self.active
        return self.mode

    def query(self):
        """What the player may ask about: the fog-of-war view of their side, or the game."""
        v = self.viewer
        if self.fog and v is not None:
            return self.game.view(v)
        return self.game

    def visible_units(self) -> np.ndarray | None:
        v = self.viewer
        if not self.fog or v is None:
            return None
        return visible_mask(self.game.state, self.scenario.side_index(v))

    # -- orders ---------------------------------------------------------------------------
    def apply(self, order: engine.Order, human: bool = True) -> list[engine.Event]:
        """Apply an order (IllegalOrder propagates, state unchanged)."""
        before = self.visible_units()
        snapshot = self.game.copy() if human and isinstance(order, engine.Move) else None
        events = self.game.apply(order)
        undo = False
        if snapshot is not None:
            after = self.visible_units()
            undo = before is None or after is None or bool(np.array_equal(before, after))
        if undo:
            self.snapshots.append(snapshot)           # type: ignore[arg-type]
        else:
            self.snapshots.clear()                    # nothing before this order can be taken back
        self.version += 1
        self._maybe_autosave()
        return events

    @property
    def unsaved(self) -> bool:
        """Orders given since the game was last written to a file (a quit would lose them)."""
        return self.version != self.saved_version and bool(self.game.orders) and not self.game.over

    def ai_step(self) -> tuple[engine.Order, list[engine.Event]]:
        """The AI of the active side gives one order (a refused one changes nothing)."""
        agent = self.agents[self.active]
        order = agent.next_order(self.game)
        try:
            events = self.apply(order, human=False)
        except engine.IllegalOrder as exc:
            agent.refused(order, exc)
            if isinstance(order, engine.EndPhase):
                raise
            return order, []
        agent.applied(order, events)
        return order, events

    def can_undo(self) -> bool:
        return bool(self.snapshots) and self.human_to_move

    def undo(self) -> bool:
        """Take back the last move: the game as it was before it (a snapshot, not a replay)."""
        if not self.can_undo():
            return False
        self.game = self.snapshots.pop()
        self.version += 1
        return True

    # -- files ----------------------------------------------------------------------------
    def meta(self) -> dict[str, Any]:
        return {"format": 1, "kind": "wargame-ui", "mode": self.mode, "ai": self.ai_name,
                "scenario": self.scenario.name, "title": self.scenario.title, "turn": self.game.turn,
                "side": self.active, "saved": dt.datetime.now().isoformat(timespec="seconds"), "game_id": self.game_id,
                "pbem": bool(self.remote)}

    def save(self, path: str | Path) -> Path:
        """Save atomically (`Game.save`) with a small `.meta.json` beside it for the load screen."""
        path = Path(path)
        self.game.save(path)
        write_text_atomic(meta_path(path), json.dumps(self.meta(), indent=1))
        self.saved_version = self.version
        return path

    def save_named(self) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        return self.save(saves_dir() / f"{self.scenario.name or 'game'}-t{self.game.turn:02d}-{stamp}.json")

    def autosave_path(self) -> Path:
        """This game's autosave of the current turn (one file per turn, the last AUTOSAVES_KEPT kept)."""
        return autosave_dir() / f"{self.scenario.name or 'game'}-{self.game_id}-t{self.game.turn:02d}.json"

    def autosave(self) -> Path | None:
        """Write this turn's autosave and drop this game's oldest beyond AUTOSAVES_KEPT; None if it failed."""
        try:
            path = self.save(self.autosave_path())
        except OSError:
            return None
        mine = sorted(autosave_dir().glob(f"{self.scenario.name or 'game'}-{self.game_id}-t*.json"))
        for old in [p for p in mine if not p.name.endswith(".meta.json")][:-AUTOSAVES_KEPT]:
            for f in (old, meta_path(old)):
                try:
                    f.unlink()
                except OSError:
                    pass
        return path

    def _maybe_autosave(self) -> None:
        if self.game.turn != self._autosaved_turn or self.game.over:
            self._autosaved_turn = self.game.turn
            self.autosave()

    @classmethod
    def load(cls, path: str | Path, mode: str | None = None, ai: str | None = None) -> "Session":
        """Load a save (ScenarioError if it is bad); the mode comes from its .meta.json if any."""
        path = Path(path)
        game = engine.Game.load(path)
        meta = read_meta(path)
        if mode is None:
            mode = meta.get("mode")
        if mode not in MODES and mode not in game.scenario.side_ids:
            mode = game.scenario.side_ids[0]
        session = cls(game, mode, ai or meta.get("ai") or "heuristic", pbem=meta.get("pbem") is True)
        if isinstance(meta.get("game_id"), str) and meta["game_id"].replace("-", "").isalnum():
            session.game_id = meta["game_id"]           # its autosaves go on in the same series
        session.saved_version = session.version
        return session


def meta_path(path: Path) -> Path:
    return path.with_name(path.stem + ".meta.json")


def read_meta(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(meta_path(Path(path)).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def newest_save() -> tuple[Path, dict[str, Any]] | None:
    """The game to continue: the most recent save or autosave of a game not over."""
    for path, meta in list_saves():
        if meta.get("kind") == "wargame-ui":
            return path, meta
    return None


def list_saves() -> list[tuple[Path, dict[str, Any]]]:
    """Saves and autosaves, newest first, with their meta data."""
    found = []
    for folder in (saves_dir(), autosave_dir()):
        if folder.is_dir():
            for p in folder.glob("*.json"):
                if p.name.endswith(".meta.json"):
                    continue
                try:
                    mtime = p.stat().st_mtime
                except OSError:
                    continue
                found.append((mtime, p, read_meta(p)))
    found.sort(key=lambda t: -t[0])
    return [(p, m) for _, p, m in found]
