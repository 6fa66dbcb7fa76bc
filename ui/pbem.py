"""Play by e-mail: a turn file carries the whole game so far (the save: scenario digest, seed,
orders, state hash) and who sent it to whom. The receiver's game replays it and checks the hash
(`Game.from_json`), then checks it against the last turn file the receiving side sent in that game
(kept in the user data folder): a tampered file, one of another game or version, an old one or one
sent out of order is refused with a message, and nothing changes. Opening a file records nothing;
sending the answer does.

    path = write_turn(session)               # the player's turn is over: the file to send
    session = read_turn(path)                # the opponent's file: their turn replayed
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import engine
from engine.files import write_text_atomic
from engine.savefile import game_to_json, read_json
from ui.settings import data_dir

KIND = "wargame-turn"


class PbemError(Exception):
    """A turn file that cannot be played, and why (for the player to read)."""


def pbem_dir() -> Path:
    return data_dir() / "pbem"


def _ledger_path(game_id: str, side: str) -> Path:
    return pbem_dir() / f"sent-{game_id}-{side}.json"


def _ledger(game_id: str, side: str) -> dict[str, Any]:
    """The last turn file `side` sent in this game (its orders), or {}."""
    try:
        data = json.loads(_ledger_path(game_id, side).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _remember(game_id: str, side: str, save: dict[str, Any]) -> None:
    write_text_atomic(_ledger_path(game_id, side), json.dumps({"orders": save["orders"], "state_hash": save["state_hash"]}))


def write_turn(session, folder: Path | None = None) -> Path:
    """The turn file for the side to move next (the opponent), in `folder` (default: pbem_dir())."""
    game = session.game
    sc = session.scenario
    save = game_to_json(game)
    sender = next(iter(session.humans))
    doc = {"format": 1, "kind": KIND, "game_id": session.game_id, "from": sender, "to": game.active_side,
           "turn": game.turn, "orders_count": len(game.orders), "save": save}
    folder = folder or pbem_dir()
    path = folder / f"{sc.name or 'game'}-{session.game_id}-t{game.turn:02d}-to-{game.active_side}.json"
    write_text_atomic(path, json.dumps(doc, indent=1))
    _remember(session.game_id, sender, save)
    return path


def read_turn(path: str | Path):
    """The session of a received turn file: the receiver plays the side it was sent to, the sender
    is played by e-mail. PbemError (nothing changed) if the file may not be played."""
    from ui.session import Session

    path = Path(path)
    try:
        doc = read_json(path)
    except (OSError, ValueError, engine.ScenarioError) as exc:
        raise PbemError(f"{path.name} cannot be read: {exc}") from None
    if not isinstance(doc, dict) or doc.get("kind") != KIND or doc.get("format") != 1:
        raise PbemError(f"{path.name} is not a play-by-e-mail turn file")
    game_id, to, sender, save = doc.get("game_id"), doc.get("to"), doc.get("from"), doc.get("save")
    if not (isinstance(game_id, str) and game_id.replace("-", "").isalnum() and isinstance(to, str) and isinstance(sender, str)
            and isinstance(save, dict)):
        raise PbemError(f"{path.name} is not a complete turn file")
    try:
        game = engine.Game.from_json(save)
    except engine.ScenarioError as exc:
        raise PbemError(f"{path.name} was refused: {str(exc).splitlines()[0]}") from None
    if isinstance(save.get("orders"), list) and doc.get("orders_count") != len(save["orders"]):
        raise PbemError(f"{path.name} was refused: its order count does not match its orders (the file was edited)")
    if game.active_side != to or to == sender or to not in game.scenario.side_ids or sender not in game.scenario.side_ids:
        raise PbemError(f"{path.name} was refused: it is not {to}'s turn in the game it holds")
    known = _ledger(game_id, to).get("orders")      # what this side sent last: the file must follow it
    if isinstance(known, list):
        if len(save["orders"]) <= len(known):
            raise PbemError(f"{path.name} is not newer than the last turn file of this game: an old file, or sent twice")
        if save["orders"][:len(known)] != known:
            raise PbemError(f"{path.name} does not follow the last turn file of this game: its earlier orders differ")
    session = Session(game, to, pbem=True)
    session.game_id = game_id
    return session
