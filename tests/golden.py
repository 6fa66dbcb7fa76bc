"""Golden games: each shipped scenario played by fixed agents from a fixed seed, its event log
written one JSON event a line to tests/golden/NAME.jsonl and compared by tests/test_golden.py.

Any change to the rules, the scenarios or the agents that changes a game shows up as a readable
diff of these files. When the change is meant, regenerate them and commit them with it:

    make golden            # or: python tests/golden.py [NAME ...]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "golden"
SEED = 1
AGENT = "heuristic"
TURNS = {"tutorial_river": None}     # the whole game; the campaigns are cut after CAMPAIGN_TURNS
CAMPAIGN_TURNS = 3


def transcript(name: str) -> str:
    """The event log of the golden game on shipped scenario `name`, as text."""
    import engine
    import engine.ai as ai

    sc = engine.load_scenario(name)
    turns = TURNS.get(name, CAMPAIGN_TURNS)
    game = engine.Game(sc, seed=SEED)
    agents = {side.id: ai.make(AGENT, side=side.id, seed=SEED) for side in sc.sides}
    ai.play_game(game, agents, max_turns=turns)
    head = {"golden": name, "seed": SEED, "agents": AGENT, "turns": turns or "all", "state_hash": game.state_hash()}
    lines = [json.dumps(head, sort_keys=True)] + [json.dumps(e.to_json(), sort_keys=True, ensure_ascii=False) for e in game.events]
    return "\n".join(lines) + "\n"


def path_of(name: str) -> Path:
    return FOLDER / f"{name}.jsonl"


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parents[1]
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from engine.catalog import shipped_scenarios

    names = argv or list(shipped_scenarios())
    FOLDER.mkdir(exist_ok=True)
    for name in names:
        text = transcript(name)
        path = path_of(name)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        path.write_text(text, encoding="utf-8")
        print(f"{path.relative_to(root)}: {'unchanged' if old == text else 'written'} ({text.count(chr(10)) - 1} events)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
