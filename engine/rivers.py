"""Rivers in force: a river that has frozen (by date, or in the weather) is no river at all.

The map keeps every river's hexsides (`MapData.river_minor` / `river_major`, what is drawn);
`masks` gives the ones that count on a turn in a weather, for movement costs, supply costs,
the attack shift and zones of control. A scenario without freezing rivers gets the map's own
layers back, and the masks of each combination of frozen rules are built once and cached.
"""
from __future__ import annotations

import numpy as np

from engine.scenario import Scenario


def frozen(sc: Scenario, turn: int, weather: str) -> tuple[int, ...]:
    """Indices (into `sc.map.river_freezes`) of the freezing rules in force: the cache key of
    everything that depends on the rivers."""
    freezes = sc.map.river_freezes
    if not freezes:
        return ()
    return tuple(k for k, rule in enumerate(freezes) if rule.frozen(turn, weather))


def masks(sc: Scenario, turn: int, weather: str) -> tuple[np.ndarray, np.ndarray]:
    """uint8 [N] (river_minor, river_major): the hexside bits of the rivers that are not frozen
    (read-only; the map's own layers when none is)."""
    return masks_for(sc, frozen(sc, turn, weather))


def masks_for(sc: Scenario, key: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """The masks with the freezing rules `key` (from `frozen`) in force."""
    m = sc.map
    if not key:
        return m.river_minor, m.river_major
    cache = getattr(sc, "_river_masks", None)
    if cache is None:
        cache = {}
        sc._river_masks = cache  # type: ignore[attr-defined]
    got = cache.get(key)
    if got is None:
        assert m.river_steady_minor is not None and m.river_steady_major is not None
        minor, major = m.river_steady_minor.copy(), m.river_steady_major.copy()
        for k, rule in enumerate(m.river_freezes):
            if k not in key:
                minor |= rule.minor
                major |= rule.major
        minor.flags.writeable = False
        major.flags.writeable = False
        got = (minor, major)
        cache[key] = got
    return got


def frozen_names(sc: Scenario, turn: int, weather: str) -> list[str]:
    """Names of the rivers frozen on `turn` in `weather`, in the order of the scenario."""
    freezes = sc.map.river_freezes
    key = frozen(sc, turn, weather)
    names = {name for k in key for name in freezes[k].names}
    return [r.name or str(i) for i, r in enumerate(sc.model.map.rivers) if (r.name or str(i)) in names]
