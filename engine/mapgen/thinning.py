"""Raster skeletons: thinning a mask to one-pixel lines and tracing them into polylines (the
centre lines of lakes drawn as rivers)."""

from __future__ import annotations

import numpy as np


def _thin(mask: np.ndarray) -> np.ndarray:
    """Zhang-Suen thinning of a boolean raster to one-pixel-wide centre lines."""
    img = mask.copy()
    while True:
        changed = False
        for step in (0, 1):
            p = np.pad(img, 1)
            n = [p[:-2, 1:-1], p[:-2, 2:], p[1:-1, 2:], p[2:, 2:],      # N NE E SE
                 p[2:, 1:-1], p[2:, :-2], p[1:-1, :-2], p[:-2, :-2]]     # S SW W NW
            count = sum(v.astype(np.int8) for v in n)
            trans = sum((~n[i] & n[(i + 1) % 8]).astype(np.int8) for i in range(8))
            if step == 0:
                cond = ~(n[0] & n[2] & n[4]) & ~(n[2] & n[4] & n[6])
            else:
                cond = ~(n[0] & n[2] & n[6]) & ~(n[0] & n[4] & n[6])
            kill = img & (count >= 2) & (count <= 6) & (trans == 1) & cond
            if kill.any():
                img &= ~kill
                changed = True
        if not changed:
            return img


def _trace(skel: np.ndarray) -> list[list[list[tuple[int, int]]]]:
    """Branches of a one-pixel skeleton, grouped by connected piece.

    Returns, per piece, its branches as pixel lists (iy, ix) running between
    ends and junctions (or round a loop)."""
    on = set(zip(*[a.tolist() for a in np.nonzero(skel)]))
    straight = [(-1, 0), (0, 1), (1, 0), (0, -1)]
    diagonal = [(-1, 1), (1, 1), (1, -1), (-1, -1)]

    def nb(p):
        # 4-neighbours, and diagonal ones not already joined through a 4-neighbour
        out = [(p[0] + a, p[1] + b) for a, b in straight if (p[0] + a, p[1] + b) in on]
        for a, b in diagonal:
            q = (p[0] + a, p[1] + b)
            if q in on and (p[0] + a, p[1]) not in on and (p[0], p[1] + b) not in on:
                out.append(q)
        return out

    deg = {p: len(nb(p)) for p in on}
    pieces = []
    seen_px: set = set()
    for start in sorted(on):
        if start in seen_px:
            continue
        comp = {start}
        stack = [start]
        while stack:
            cur = stack.pop()
            for o in nb(cur):
                if o not in comp:
                    comp.add(o)
                    stack.append(o)
        seen_px |= comp
        nodes = [p for p in comp if deg[p] != 2]
        used: set = set()
        branches = []
        for n0 in sorted(nodes):
            for n1 in nb(n0):
                if (n0, n1) in used:
                    continue
                br = [n0, n1]
                used.add((n0, n1))
                used.add((n1, n0))
                while deg[br[-1]] == 2:
                    nxt = [o for o in nb(br[-1]) if o != br[-2] and (br[-1], o) not in used]
                    if not nxt:
                        break
                    used.add((br[-1], nxt[0]))
                    used.add((nxt[0], br[-1]))
                    br.append(nxt[0])
                branches.append(br)
        if not nodes:  # a closed loop
            loop = [min(comp)]
            while True:
                nxt = [o for o in nb(loop[-1]) if o not in loop]
                if not nxt:
                    break
                loop.append(nxt[0])
            branches.append(loop + [loop[0]])
        pieces.append(branches)
    return pieces
