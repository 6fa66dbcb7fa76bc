"""When do the campaign's milestones fall in AI games? Reads the replays `wargame simulate` wrote.

    .venv/bin/wargame simulate normandy_1944 --ai heuristic --games 100 --seed 1 --workers 2 \\
        --json /tmp/n.json --replays /tmp/nrep
    .venv/bin/python tools/scenarios/timeline.py /tmp/n.json [--workers 2]

Each game's replay is played again order by order (no AI: fast, and the same game, checked by
its state hash). At the end of every turn (after the last side's last phase) it records who
controls each milestone's places; a milestone falls on the first turn its side controls all of
them at the end of a turn. It also counts how each side used the campaign rules: replacement
steps, rail moves, interdicted hexes, air points spent in attack and in defence, and the highest
entrenchment level reached; and whether some units (the Normandy fortress garrisons) were still
on the map at the end, or left their place by train. For stalingrad_1942 it follows the pocket
round the city: the Axis steps cut off within POCKET_RADIUS hexes of the city centre at the start
of each Axis turn, the turn the ring closes (two thirds of them cut off), and whether it was open
again later (a third or less of them cut off while ten or more steps still stand there).

Prints, for every milestone, the share of games, the median turn with its date, the range, and
the historical turn; then the rule use, the losses and (Stalingrad) the pocket.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

# name -> (side, places it must control at the end of a turn, historical date or text). A milestone
# whose side controls its places at the start counts only when it retakes them after losing them.
MILESTONES = {
    "normandy_1944": {
        "Carentan": ("allies", ["Carentan"], "12 June (turn 3; ref carentan_taken)"),
        "Cherbourg": ("allies", ["Cherbourg"], "26 June - 1 July (turns 7-9)"),
        "Caen": ("allies", ["Caen"], "north 9 July, south 18-19 July (turns 12, 15)"),
        "Saint-Lo": ("allies", ["Saint-Lo"], "18-19 July (turn 15)"),
        "Avranches breakout (Coutances, Avranches, Pontaubault)": ("allies", ["Coutances", "Avranches", "Pontaubault"],
                                                                   "28-31 July (turns 18-19)"),
        "Falaise pocket closed (Falaise, Trun, Chambois, Argentan)": ("allies", ["Falaise", "Trun", "Chambois", "Argentan"],
                                                                     "16-21 August (turns 24-26)"),
        "Le Mans, Chartres, Dreux, Mantes": ("allies", ["Le Mans", "Chartres", "Dreux", "Mantes"], "8-19 August (turns 22-25)"),
        "Paris": ("allies", ["Paris"], "25 August (turn 27)"),
        "Granville": ("allies", ["Granville"], "30-31 July (turn 19)"),
        "Saint-Malo": ("allies", ["Saint-Malo"], "17 August (turn 24)"),
    },
    "stalingrad_1942": {
        "Kalach": ("soviet", ["Kalach"], "22-23 November (turn 2)"),
        "Uranus: Kalach and Sovetsky": ("soviet", ["Kalach", "Sovetsky"], "23 November (turn 2)"),
        "Kotelnikovo retaken": ("soviet", ["Kotelnikovo"], "29 December (turn 14)"),
        "Tatsinskaya": ("soviet", ["Tatsinskaya"], "24 December (turn 12)"),
        "Morozovsk": ("soviet", ["Morozovsk"], "early January (turns 15-16)"),
        "Pitomnik": ("soviet", ["Pitomnik"], "c. 16 January (turn 20)"),
        "Gumrak": ("soviet", ["Gumrak"], "21-23 January (turn 22)"),
        "Stalingrad (the four German-held districts)": ("soviet", ["Stalingrad - Tractor Works", "Stalingrad - Barrikady",
                                                                  "Stalingrad", "Stalingrad - Yelshanka"], "31 Jan - 2 Feb (turn 25-26)"),
        # the Axis holds Vasilyevka at the start (control: nearest): the milestone is retaking it
        "Winter Storm: the Axis retakes Vasilyevka (Myshkova)": ("axis", ["Vasilyevka"], "19-20 December (turn 11)"),
    },
}
POCKET_RADIUS = 6          # hexes of 9 km from the city centre (Stalingrad, 3313)
# units whose survival to the end is reported
SURVIVORS = {
    "normandy_1944": ["de_cherbourg_garrison", "de_saint_malo_garrison", "de_brest_garrison", "de_lorient_garrison",
                      "de_saint_nazaire_garrison", "de_le_havre_garrison"],
}


def one(path: str) -> dict:
    import engine
    from engine.game import read_json
    from engine.orders import EndPhase, order_from_json

    data = read_json(Path(path))
    sc = engine.load_scenario(data.get("scenario_path") or data["scenario"])
    name = sc.name
    game = engine.Game(sc, data["seed"])
    idx = {s: i for i, s in enumerate(sc.side_ids)}
    marks = {m: (idx[side], [sc.map.index(sc.place(p)) for p in places]) for m, (side, places, _) in MILESTONES.get(name, {}).items()}
    lost = {m for m, (side, hexes) in marks.items() if not all(game.state.control[h] == side for h in hexes)}
    first: dict[str, int] = {}
    axis_near: dict[int, int] = {}      # turn -> Axis steps within the radius at the end of the turn
    for raw in data["orders"]:
        order = order_from_json(raw, lambda text: sc.map.hex(sc.map.parse(str(text))))
        turn = game.turn
        game.apply(order)
        if isinstance(order, EndPhase) and (game.turn != turn or game.over):
            st = game.state
            for m, (side, hexes) in marks.items():
                held = all(st.control[h] == side for h in hexes)
                if m not in first and held and m in lost:
                    first[m] = turn
                elif not held:
                    lost.add(m)
            if name == "stalingrad_1942":
                axis_near[turn] = _steps_near(game, idx["axis"])
    if game.state_hash() != data["state_hash"]:
        raise SystemExit(f"{path}: the replay does not match its game")
    st = game.state
    use: dict[str, Counter] = {s: Counter() for s in sc.side_ids}
    dug = {s: 0 for s in sc.side_ids}
    pockets: dict[int, int] = {}
    railed: set[str] = set()
    for e in game.events:
        if e.kind in ("replacement", "rail_moved", "interdiction"):
            use[e.side][e.kind] += 1
            if e.kind == "rail_moved":
                railed.add(e["unit"])
        elif e.kind == "combat":
            use[e.side]["air_attack"] += int(e.get("air") or 0)
            other = [s for s in sc.side_ids if s != e.side][0]
            use[other]["air_defence"] += int(e.get("defence_air") or 0)
            use[e.side]["attacks"] += 1
        elif e.kind == "dug_in":
            dug[e.side] = max(dug[e.side], int(e["level"]))
        elif e.kind == "pocket" and name == "stalingrad_1942" and e.side == "axis":
            if any(_dist(sc, h, "Stalingrad") <= POCKET_RADIUS for h in e["hexes"]):
                pockets[e.turn] = pockets.get(e.turn, 0) + int(e["steps"])
    r = game.result or {}
    alive = {u: bool(st.active(sc.unit_index[u])) for u in SURVIVORS.get(name, [])}
    return {"alive": alive, "railed": sorted(railed & set(alive)), "seed": data["seed"], "scenario": name, "winner": r.get("winner"), "level": r.get("level"), "vp": r.get("vp"),
            "turns": st.turn, "first": first, "use": {s: dict(c) for s, c in use.items()}, "dug": dug,
            "losses": {s: int(st.losses[i]) for i, s in enumerate(sc.side_ids)}, "pockets": pockets, "axis_near": axis_near,
            "start": sc.model.start_date.isoformat(), "days": sc.model.days_per_turn}


def _dist(sc, where: str | int, place: str) -> int:
    """Hexes from a hex (an id or an index) to a named place."""
    from engine import hexgrid

    i = sc.map.parse(where) if isinstance(where, str) else int(where)
    return hexgrid.distance(sc.map.hex(i), sc.place(place))


def _steps_near(game, axis: int) -> int:
    import numpy as np

    from engine.state import Status

    st, sc = game.state, game.scenario
    on = np.flatnonzero((st.unit_status == Status.ACTIVE) & (st.unit_sides() == axis))
    return int(sum(int(st.unit_steps[u]) for u in on if _dist(sc, int(st.unit_hex[u]), "Stalingrad") <= POCKET_RADIUS))


def date_of(start: str, days: int, turn: float) -> str:
    d = dt.date.fromisoformat(start) + dt.timedelta(days=int(round((turn - 1) * days)))
    return f"{d.day} {d.strftime('%b')}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("json", help="the --json file of wargame simulate (its games name their replays)")
    ap.add_argument("--workers", type=int, default=1)
    a = ap.parse_args()
    batch = json.loads(Path(a.json).read_text())
    paths = [g["replay"] for g in batch["games"] if g.get("replay")]
    if not paths:
        raise SystemExit("the JSON names no replays: run wargame simulate with --replays DIR")
    if a.workers > 1:
        with Pool(a.workers) as pool:
            games = pool.map(one, paths)
    else:
        games = [one(p) for p in paths]
    for g, rec in zip(games, batch["games"]):
        assert g["winner"] == rec["winner"] and g["vp"] == rec["vp"], f"seed {g['seed']}: replay and JSON disagree"
    n = len(games)
    name, start, days = games[0]["scenario"], games[0]["start"], games[0]["days"]
    agents = ", ".join(f"{s}={v['name']}" for s, v in batch["agents"].items())
    print(f"{name}: {n} games, seeds {games[0]['seed']}-{games[-1]['seed']}, {agents}")
    print(f"{'milestone':58s} {'games':>6s}  {'median turn (date)':20s} {'range':>7s}  history")
    for m, (_side, _places, history) in MILESTONES.get(name, {}).items():
        t = sorted(g["first"][m] for g in games if m in g["first"])
        if t:
            med = statistics.median(t)
            print(f"{m:58s} {len(t) / n:6.0%}  {med:5.1f} ({date_of(start, days, med):>7s})     {t[0]:2d}-{t[-1]:2d}  {history}")
        else:
            print(f"{m:58s} {0:6.0%}  {'-':20s} {'':7s}  {history}")
    sides = list(games[0]["losses"])
    print("rule use per game (mean; share of games with any):")
    for s in sides:
        keys = ["replacement", "rail_moved", "interdiction", "attacks", "air_attack", "air_defence"]
        parts = []
        for k in keys:
            vals = [g["use"][s].get(k, 0) for g in games]
            parts.append(f"{k} {statistics.mean(vals):.1f} ({sum(1 for v in vals if v) / n:.0%})")
        dug = Counter(g["dug"][s] for g in games)
        print(f"  {s}: " + ", ".join(parts) + f"; highest entrenchment level {dict(sorted(dug.items()))}")
    lost = {s: statistics.mean(g["losses"][s] for g in games) for s in sides}
    print("steps lost per game (mean): " + ", ".join(f"{s} {v:.1f}" for s, v in lost.items())
          + f"; ratio {sides[1]}/{sides[0]} {lost[sides[1]] / lost[sides[0]]:.2f}" if lost[sides[0]] else "")
    for u in SURVIVORS.get(name, []):
        print(f"{u} alive at the end: {sum(1 for g in games if g['alive'][u])}/{n}; "
              f"left by train: {sum(1 for g in games if u in g['railed'])}/{n}")
    if name == "stalingrad_1942":
        # the ring is closed on a turn when at its Axis phase two thirds or more of the Axis steps
        # round the city (10 or more, at the end of the turn before) are cut off; it is open again
        # (relief or a gap in the ring) when a third or less of them are
        def share(g, t):
            near = g["axis_near"].get(t - 1, 0)
            return g["pockets"].get(t, 0) / near if near >= 10 else None

        closed = {}
        for g in games:
            t0 = next((t for t in range(2, g["turns"] + 1) if (share(g, t) or 0) >= 2 / 3), None)
            if t0 is not None:
                closed[g["seed"]] = t0
        firsts = sorted(closed.values())
        print(f"the ring closed round the city (2/3 or more of the Axis steps within {POCKET_RADIUS} hexes cut off): "
              f"{len(closed)}/{n} games" + (f", first on turn {statistics.median(firsts):.1f} median "
                                           f"({date_of(start, days, statistics.median(firsts))}), {firsts[0]}-{firsts[-1]}" if firsts else ""))
        reopened = [g for g in games if g["seed"] in closed and any(
            (share(g, t) is not None and share(g, t) <= 1 / 3) for t in range(closed[g["seed"]] + 1, g["turns"] + 1))]
        print(f"  open again later (a third or less of them cut off, 10+ steps still there): {len(reopened)}/{len(closed)}")
        cut = [statistics.median([share(g, t) for g in games if share(g, t) is not None] or [0]) for t in range(1, 27)]
        print("  median share cut off by turn: " + " ".join(f"{t + 1}:{c:.2f}" for t, c in enumerate(cut)))
        last = [g["axis_near"].get(g["turns"], g["axis_near"].get(max(g["axis_near"]), 0)) for g in games]
        print(f"  Axis steps within {POCKET_RADIUS} hexes of the city at the end: median {statistics.median(last)}, "
              f"none left in {sum(1 for v in last if v == 0)}/{n} games")
        pocket_end = [g["pockets"].get(g["turns"], 0) for g in games]
        print(f"  steps still cut off there on the last turn: median {statistics.median(pocket_end)}, "
              f"none in {sum(1 for v in pocket_end if v == 0)}/{n}")


if __name__ == "__main__":
    main()
