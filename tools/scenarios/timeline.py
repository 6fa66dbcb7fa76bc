"""When do the campaign's milestones fall in AI games? Reads the replays `wargame simulate` wrote.

    .venv/bin/wargame simulate normandy_1944 --ai heuristic --games 100 --seed 1 --workers 2 \\
        --json /tmp/n.json --replays /tmp/nrep
    .venv/bin/python tools/scenarios/timeline.py /tmp/n.json [--workers 2]

Each game's replay is played again order by order (no AI: fast, and the same game, checked by
its state hash). The milestones are the scenario's `history:` block, measured by
`engine.history` (the code `wargame history` and the batch records use): the table gives, for
every milestone, the share of games, the median day with its date, the range and the historical
day. It also counts how each side used the campaign rules: replacement steps, rail moves,
interdicted hexes, air points spent in attack and in defence, and the highest entrenchment level
reached; whether some units (the Normandy fortress garrisons) were still on the map at the end,
or left their place by train; and the pockets of the games with their fates.

`wargame history SCENARIO` gives the milestone table directly from a new batch; this script
reads the replays of a batch already played and adds the rule use.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

# units whose survival to the end is reported
SURVIVORS = {
    "normandy_1944": ["de_cherbourg_garrison", "de_saint_malo_garrison", "de_brest_garrison", "de_lorient_garrison",
                      "de_saint_nazaire_garrison", "de_le_havre_garrison"],
}


def one(path: str) -> dict:
    import engine
    from engine import history
    from engine.game import read_json
    from engine.orders import order_from_json

    data = read_json(Path(path))
    sc = engine.load_scenario(data.get("scenario_path") or data["scenario"])
    name = sc.name
    game = engine.Game(sc, data["seed"])
    for raw in data["orders"]:
        game.apply(order_from_json(raw, lambda text: sc.map.hex(sc.map.parse(str(text)))))
    if game.state_hash() != data["state_hash"]:
        raise SystemExit(f"{path}: the replay does not match its game")
    st = game.state
    use: dict[str, Counter] = {s: Counter() for s in sc.side_ids}
    dug = {s: 0 for s in sc.side_ids}
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
    r = game.result or {}
    alive = {u: bool(st.active(sc.unit_index[u])) for u in SURVIVORS.get(name, [])}
    return {"alive": alive, "railed": sorted(railed & set(alive)), "seed": data["seed"], "scenario": name,
            "scenario_path": data.get("scenario_path") or data["scenario"], "winner": r.get("winner"),
            "level": r.get("level"), "vp": r.get("vp"), "turns": st.turn, "use": {s: dict(c) for s, c in use.items()}, "dug": dug,
            "losses": {s: int(st.losses[i]) for i, s in enumerate(sc.side_ids)}, **history.measure(game)}


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
    import engine
    from engine import history

    sc = engine.load_scenario(games[0]["scenario_path"])
    agents = ", ".join(f"{s}={v['name']}" for s, v in batch["agents"].items())
    print(f"{sc.name}: {n} games, seeds {games[0]['seed']}-{games[-1]['seed']}, {agents}")
    if sc.model.history is not None:
        report = history.report(sc, games)
        print(f"{'milestone':58s} {'games':>6s}  {'median day':16s} {'range':>9s}  history (day)")
        for row in report["milestones"]:
            if row["kind"] == "loss_ratio":
                print(f"{row['name'][:58]:58s} {row['reached']:6.0%}  {'ratio ' + str(row['median']):16s} {'':9s}  "
                      f"{row['ratio']:g}:1 ±{row['tolerance']:g}")
                continue
            got = sorted(v for v in row["values"] if v is not None)
            med = f"{row['median']:g} ({history.day_date(sc, int(row['median']))})" if row["median"] is not None else "never"
            span = f"{got[0]}-{got[-1]}" if got else ""
            print(f"{row['name'][:58]:58s} {row['reached']:6.0%}  {med:16s} {span:>9s}  "
                  f"{'' if row['happens'] else 'not by '}{row['date']} ({row['day']})")
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
          + (f"; ratio {sides[1]}/{sides[0]} {lost[sides[1]] / lost[sides[0]]:.2f}" if lost[sides[0]] else ""))
    for u in SURVIVORS.get(sc.name, []):
        print(f"{u} alive at the end: {sum(1 for g in games if g['alive'][u])}/{n}; "
              f"left by train: {sum(1 for g in games if u in g['railed'])}/{n}")
    pockets = [p for g in games for p in g["pockets"] if p["max_size"] >= 3]
    print(f"pockets of 3 or more units: {len(pockets)} in {n} games")
    for (side, place), fates in sorted(_by_place(pockets).items(), key=lambda kv: -sum(kv[1].values()))[:10]:
        print(f"  {side} near {place}: " + ", ".join(f"{f} {k}" for f, k in sorted(fates.items())))


def _by_place(pockets: list[dict]) -> dict[tuple[str, str], Counter]:
    out: dict[tuple[str, str], Counter] = {}
    for p in pockets:
        out.setdefault((p["side"], p["place"]), Counter())[p["fate"]] += 1
    return out


if __name__ == "__main__":
    main()
