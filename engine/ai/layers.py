"""Numpy layers over the dense hex index for agents: distances, influence, coverage.

Everything here works on whole maps at once (or on one unit's reachable hexes as an index
array), so an agent's cost per turn grows with the number of units, not with their pairs.
Only the view's data and the scenario's static data are read.
"""
from __future__ import annotations

import importlib
import sys

import numpy as np

from engine.hexgrid import distances

BIG = np.iinfo(np.int32).max // 4


def steps_from(sources: np.ndarray, nbr: np.ndarray, passable: np.ndarray, blocked: np.ndarray | None = None) -> np.ndarray:
    """int32 [N]: hex steps from the nearest source over passable, unblocked hexes (BIG unreached)."""
    kernels = sys.modules.get("engine.kernels") or importlib.import_module("engine.kernels")    # numba loads on first use
    n = nbr.shape[0]
    dist = np.empty(n, np.int32)
    if blocked is None:
        blocked = np.zeros(n, dtype=bool)
    kernels.bfs_steps(np.asarray(sources, np.int32).reshape(-1), nbr, passable, blocked, dist)
    dist[dist < 0] = BIG
    return dist


def downhill(dist: np.ndarray, nbr: np.ndarray) -> np.ndarray:
    """int64 [N]: each hex's first neighbour (in neighbour order) with the lowest distance of
    those lower than its own and not negative, -1 where none is: the next hex towards the
    sources of a distance field (`steps_from`, `supply.trace`)."""
    near = np.where(nbr >= 0, dist[np.maximum(nbr, 0)], -1)
    lower = (near >= 0) & (near < dist[:, None])
    pick = np.argmin(np.where(lower, near, np.iinfo(near.dtype).max), axis=1)
    down = nbr[np.arange(len(nbr)), pick].astype(np.int64)
    down[~lower.any(axis=1)] = -1
    return down


hex_distance = distances       # axial distance between hexes (index arrays a, b broadcast)


def disc_offsets(radius: int) -> np.ndarray:
    """(K, 2) axial offsets of every hex within `radius` of the origin."""
    out = [(dq, dr) for dq in range(-radius, radius + 1) for dr in range(max(-radius, -dq - radius), min(radius, -dq + radius) + 1)]
    return np.array(out, dtype=np.int64).reshape(-1, 2)


class Grid:
    """Static helpers for one map: axial<->index arrays, neighbour tables, discs."""

    def __init__(self, mapdata, passable: np.ndarray) -> None:
        self.columns = int(mapdata.columns)
        self.rows = int(mapdata.rows)
        self.n = self.columns * self.rows
        self.q = mapdata.q.astype(np.int64)
        self.r = mapdata.r.astype(np.int64)
        self.nbr = mapdata.neighbors
        self.passable = passable
        self._discs: dict[int, np.ndarray] = {}

    def index_of(self, q: np.ndarray, r: np.ndarray) -> np.ndarray:
        """Indices of axial (q, r) arrays, -1 where off the map."""
        row = r + (q - (q & 1)) // 2
        ok = (q >= 0) & (q < self.columns) & (row >= 0) & (row < self.rows)
        return np.where(ok, row * self.columns + q, -1)

    def disc_sum(self, centers: np.ndarray, weights: np.ndarray, radii: np.ndarray) -> np.ndarray:
        """float64 [N]: for every hex, the sum of `weights` of centers within their radius of it."""
        out = np.zeros(self.n)
        centers = np.asarray(centers, np.int64)
        weights = np.asarray(weights, np.float64)
        radii = np.asarray(radii, np.int64)
        for rad in np.unique(radii):
            sel = radii == rad
            off = self._discs.get(int(rad))
            if off is None:
                off = self._discs[int(rad)] = disc_offsets(int(rad))
            qq = self.q[centers[sel]][:, None] + off[None, :, 0]
            rr = self.r[centers[sel]][:, None] + off[None, :, 1]
            idx = self.index_of(qq, rr)
            w = np.broadcast_to(weights[sel][:, None], idx.shape)
            ok = idx >= 0
            out += np.bincount(idx[ok], weights=w[ok], minlength=self.n)
        return out

    def with_neighbours(self, idx: np.ndarray) -> np.ndarray:
        """(K, 7) each hex and its six neighbours (-1 off the map)."""
        idx = np.asarray(idx, np.int64)
        return np.concatenate([idx[:, None], self.nbr[idx]], axis=1)

    def gather(self, layer: np.ndarray, table: np.ndarray, fill: float = 0.0) -> np.ndarray:
        """layer[table] with `fill` where table is -1."""
        safe = np.where(table >= 0, table, 0)
        return np.where(table >= 0, layer[safe], fill)
