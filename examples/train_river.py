"""Train a small policy on tutorial_river with numpy and the action mask, then report its win
rate against the random agent. Needs only the `rl` extra (pettingzoo, gymnasium) and numpy.

    python examples/train_river.py --minutes 10 --eval-games 100 --out river_policy.npz

The policy is linear: a score per kind of action (end phase, hold, next, move, attack ...),
plus, for an action aimed at a hex (move, rail, interdict), a weighted sum of features of that
hex: the observation planes there, its distance to each VP hex and objective, and its distance
from the unit that has the focus; attacks add a weight per air point. Softmax over the unmasked
actions only, so it never chooses an illegal action.

Training has two stages in one wall-clock budget (`--imitate` is the first stage's share):
behaviour cloning of the engine's heuristic agent acting through the same environment (the
cross-entropy gradient of the actions it takes), then REINFORCE against random with a running
baseline. The trained file plays as an ordinary engine agent:

    wargame simulate tutorial_river --ai blue=policy:policy=examples.train_river:load,arg=river_policy.npz --ai red=random
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import engine.rl  # noqa: E402
from engine.rl.core import ActionLayout  # noqa: E402

KINDS = ("end", "hold", "next", "advance", "replace", "move", "attack", "support", "rail", "interdict")


class LinearPolicy:
    """logits = bias[kind] + v[kind] . globals + w[kind] . features(target hex) (+ air weight for attacks)."""

    def __init__(self, layout: ActionLayout, features: int, rng: np.random.Generator, globals_size: int = 0) -> None:
        self.layout, self.rng = layout, rng
        self.bias = np.zeros(len(KINDS))
        self.v = np.zeros((len(KINDS), globals_size))
        self.w = {k: np.zeros(features) for k in ("move", "attack", "rail", "interdict")}
        self.w_air = 0.0
        lay = layout
        kind = np.zeros(lay.size, dtype=np.int64)
        kind[:5] = np.arange(5)
        kind[lay.move:lay.attack] = 5
        kind[lay.attack:lay.support] = 6
        kind[lay.support:lay.rail] = 7
        kind[lay.rail:lay.interdict] = 8
        kind[lay.interdict:] = 9
        self.kind = kind
        self.air = np.zeros(lay.size)
        self.air[lay.attack:lay.support] = np.tile(np.arange(lay.air_levels), 6) / max(1, lay.air_levels - 1)

    distances: np.ndarray | None = None      # [N, N] hex distances / the map's diameter
    neighbors: np.ndarray | None = None      # [N, 6] the map's neighbours (-1 off the map)
    targets: np.ndarray | None = None        # [K, N] distance of each hex to each VP hex and objective
    focus_plane = 0

    @classmethod
    def prepare(cls, scenario) -> None:
        """The static distance features of the scenario's map (computed once)."""
        from engine import hexgrid

        m = scenario.map
        hexes = [m.hex(i) for i in range(m.size)]
        d = np.array([[hexgrid.distance(a, b) for b in hexes] for a in hexes], dtype=np.float64)
        d /= max(1.0, d.max())
        cls.distances = d
        goals = sorted({int(i) for i in np.flatnonzero(m.vp > 0)} | {
            m.parse(h) for o in (scenario.model.victory.objectives if scenario.model.victory else []) for h in o.hexes})
        cls.targets = d[goals]
        cls.focus_plane = engine.rl.dynamic_plane_names(scenario).index("focus")
        cls.neighbors = np.asarray(m.neighbors, dtype=np.int64)

    @classmethod
    def features(cls, obs: dict) -> np.ndarray:
        """float [F, N]: every plane at every hex, distances to the goals and from the focus unit."""
        maps, planes = obs["map"], obs["planes"]
        assert cls.distances is not None and cls.targets is not None
        focus = planes[cls.focus_plane].reshape(-1)
        at = int(np.argmax(focus)) if focus.any() else None
        from_focus = cls.distances[at] if at is not None else np.zeros(cls.distances.shape[0])
        return np.concatenate([maps.reshape(maps.shape[0], -1), planes.reshape(planes.shape[0], -1), cls.targets, from_focus[None, :]])

    def attack_targets(self, obs: dict) -> np.ndarray:
        """The hex each attack action is aimed at (the focus unit's neighbour; 0 if none)."""
        assert self.neighbors is not None
        focus = obs["planes"][self.focus_plane].reshape(-1)
        if not focus.any():
            return np.zeros(6 * self.layout.air_levels, dtype=np.int64)
        nb = np.maximum(self.neighbors[int(np.argmax(focus))], 0)
        return np.repeat(nb, self.layout.air_levels)

    def logits(self, obs: dict, feats: np.ndarray) -> np.ndarray:
        lay = self.layout
        z = (self.bias + self.v @ obs["globals"])[self.kind] + self.w_air * self.air
        z[lay.move:lay.attack] += self.w["move"] @ feats
        z[lay.attack:lay.support] += self.w["attack"] @ feats[:, self.attack_targets(obs)]
        z[lay.rail:lay.interdict] += self.w["rail"] @ feats
        z[lay.interdict:] += self.w["interdict"] @ feats
        return z

    def probabilities(self, obs: dict) -> tuple[np.ndarray, np.ndarray, tuple]:
        feats = self.features(obs)
        legal = np.flatnonzero(obs["action_mask"])
        z = self.logits(obs, feats)[legal]
        p = np.exp(z - z.max())
        return legal, p / p.sum(), (feats, obs["globals"].astype(np.float64), self.attack_targets(obs))

    temperature = 0.5       # playing (not training): p ** (1 / temperature), renormalised

    def playing(self, p: np.ndarray) -> np.ndarray:
        """The probabilities the policy plays with: sharper than the trained ones (a cloned
        policy played at temperature 1 makes too many of its imitation's small mistakes;
        much below 0.5 it falls into loops of NEXT until the step limit)."""
        q = p ** (1.0 / self.temperature)
        return q / q.sum()

    def __call__(self, obs: dict) -> int:
        legal, p, _ = self.probabilities(obs)
        return int(legal[self.rng.choice(len(legal), p=self.playing(p))])

    def gradient_step(self, episode: list, advantage: np.ndarray, lr: float) -> None:
        lay = self.layout
        gb = np.zeros_like(self.bias)
        gv = np.zeros_like(self.v)
        gw = {k: np.zeros_like(v) for k, v in self.w.items()}
        ga = 0.0
        for (legal, p, (feats, glob, aims), chosen), adv in zip(episode, advantage):
            g = -p * adv
            g[chosen] += adv
            per_kind = np.zeros_like(self.bias)
            np.add.at(per_kind, self.kind[legal], g)
            gb += per_kind
            gv += np.outer(per_kind, glob)
            ga += float((self.air[legal] * g).sum())
            sel = (legal >= lay.attack) & (legal < lay.support)
            if sel.any():
                gw["attack"] += feats[:, aims[legal[sel] - lay.attack]] @ g[sel]
            for name, lo, hi in (("move", lay.move, lay.attack), ("rail", lay.rail, lay.interdict), ("interdict", lay.interdict, lay.size)):
                sel = (legal >= lo) & (legal < hi)
                if sel.any():
                    gw[name] += feats[:, legal[sel] - lo] @ g[sel]
        n = max(1, len(episode))
        self.bias += lr * gb / n
        self.v += lr * gv / n
        self.w_air += lr * ga / n
        for k in self.w:
            self.w[k] += lr * gw[k] / n

    def save(self, path: str) -> None:
        np.savez(path, bias=self.bias, v=self.v, w_air=self.w_air, **{f"w_{k}": v for k, v in self.w.items()})


def load(path: str) -> LinearPolicy:
    """The trained policy of a file written by this script (for `--ai policy:...,arg=FILE`)."""
    data = np.load(path)
    env = engine.rl.gym_env("tutorial_river", "blue", opponent="random")
    obs, _ = env.reset(seed=0)
    LinearPolicy.prepare(env.session.scenario)
    policy = LinearPolicy(env.session.layout, LinearPolicy.features(obs).shape[0], np.random.default_rng(0), len(obs["globals"]))
    policy.bias, policy.v, policy.w_air = data["bias"], data["v"], float(data["w_air"])
    for k in policy.w:
        policy.w[k] = data[f"w_{k}"]
    return policy


def play(env, policy: LinearPolicy, seed: int, learn: bool) -> tuple[list, list[float], dict | None]:
    obs, info = env.reset(seed=seed)
    episode, rewards = [], []
    done = False
    while not done:
        legal, p, feats = policy.probabilities(obs)
        k = int(policy.rng.choice(len(legal), p=p if learn else policy.playing(p)))
        if learn:
            episode.append((legal, p, feats, k))
        obs, reward, term, trunc, info = env.step(int(legal[k]))
        rewards.append(reward)
        done = term or trunc
    return episode, rewards, info.get("result")


def imitate(env, policy: LinearPolicy, seed: int) -> list:
    """One game of the heuristic (acting through the environment) against random: the policy's
    probabilities at each step with the heuristic's action as the chosen one."""
    import engine.ai as ai
    from engine.rl.opponents import AgentPolicy

    obs, info = env.reset(seed=seed)
    teacher = AgentPolicy(ai.make("heuristic", side="blue", seed=seed))
    episode = []
    done = False
    while not done:
        action = teacher(env.unwrapped.session)
        legal, p, feats = policy.probabilities(obs)
        hit = np.flatnonzero(legal == action)
        if len(hit):
            episode.append((legal, p, feats, int(hit[0])))
        obs, _, term, trunc, info = env.step(action)
        done = term or trunc
    return episode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="training budget (wall clock)")
    parser.add_argument("--eval-games", type=int, default=100)
    parser.add_argument("--lr", type=float, default=0.5)
    parser.add_argument("--imitate", type=float, default=1.0, help="share of the budget spent cloning the heuristic (the rest: REINFORCE)")
    parser.add_argument("--temperature", type=float, default=0.5, help="temperature the trained policy plays at")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default="river_policy.npz")
    args = parser.parse_args()
    env = engine.rl.gym_env("tutorial_river", "blue", opponent="random", max_steps=1500, rewards={"vp": 0.05})
    obs, _ = env.reset(seed=args.seed)
    rng = np.random.default_rng(args.seed)
    LinearPolicy.prepare(env.session.scenario)
    policy = LinearPolicy(env.session.layout, LinearPolicy.features(obs).shape[0], rng, len(obs["globals"]))
    policy.temperature = args.temperature
    baseline, episodes, t0 = 0.0, 0, time.perf_counter()
    clones = 0
    while time.perf_counter() - t0 < args.imitate * args.minutes * 60:
        episode = imitate(env, policy, seed=20_000 + clones)
        policy.gradient_step(episode, np.ones(len(episode)), args.lr)
        clones += 1
        if clones % 20 == 0:
            print(f"{clones} imitation games, {time.perf_counter() - t0:.0f} s", flush=True)
    while time.perf_counter() - t0 < args.minutes * 60:
        episode, rewards, result = play(env, policy, seed=10_000 + episodes, learn=True)
        returns = np.cumsum(rewards[::-1])[::-1]
        baseline = 0.95 * baseline + 0.05 * float(returns[0]) if episodes else float(returns[0])
        policy.gradient_step(episode, returns - baseline, args.lr)
        episodes += 1
        if episodes % 20 == 0:
            print(f"{episodes} episodes, {time.perf_counter() - t0:.0f} s, last return {returns[0]:+.2f}, "
                  f"winner {result and result.get('winner')}", flush=True)
    policy.save(args.out)
    wins = 0
    for g in range(args.eval_games):
        _, _, result = play(env, policy, seed=1_000_000 + g, learn=False)
        wins += bool(result and result.get("winner") == "blue")
    print(f"trained {clones} imitation games and {episodes} REINFORCE episodes in {args.minutes:g} min; temperature {args.temperature:g}; "
          f"win rate against random: {wins}/{args.eval_games} "
          f"= {wins / max(1, args.eval_games):.0%}; policy written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
