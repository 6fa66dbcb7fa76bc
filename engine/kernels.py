"""Compiled graph kernels (numba): bounded movement search and multi-source supply flood.

Imported lazily by the modules that search, so commands that never search (list, info,
validate, schema) start without loading numba. `cache=True` keeps the compiled code
between runs. Every kernel touches each hex at most once per improvement of its cost and
works on integer hex indices and the neighbour table only.
"""
from __future__ import annotations

import numpy as np
from numba import njit

EPS = 1e-9


@njit(cache=True, inline="always")
def _push(heap_cost, heap_node, size, cost, node):
    """Binary min-heap on cost (hole sift-up). Ties pop in a fixed order: deterministic."""
    i = size
    while i > 0:
        parent = (i - 1) >> 1
        pc = heap_cost[parent]
        if pc <= cost:
            break
        heap_cost[i] = pc
        heap_node[i] = heap_node[parent]
        i = parent
    heap_cost[i] = cost
    heap_node[i] = node
    return size + 1


@njit(cache=True, inline="always")
def _pop(heap_cost, heap_node, size):
    cost = heap_cost[0]
    node = heap_node[0]
    size -= 1
    if size > 0:
        lc = heap_cost[size]
        ln = heap_node[size]
        i = 0
        while True:
            child = 2 * i + 1
            if child >= size:
                break
            cc = heap_cost[child]
            right = child + 1
            if right < size:
                rc = heap_cost[right]
                if rc < cc:
                    child = right
                    cc = rc
            if cc >= lc:
                break
            heap_cost[i] = cc
            heap_node[i] = heap_node[child]
            i = child
        heap_cost[i] = lc
        heap_node[i] = ln
    return cost, node, size


@njit(cache=True)
def movement_range(start, mp, step_cost, nbr, blocked, zoc, leave_cost,
                   dist, pred, stamp, gen, heap_cost, heap_node, out_nodes):
    """Bounded Dijkstra from `start` with at most `mp` movement points.

    step_cost[i, d] is the MP to move from hex i to its neighbour in direction d (inf if
    not allowed). Hexes with `blocked` set are never entered (enemy units). A hex in enemy
    ZOC (`zoc`) may be entered but ends the move; from a ZOC start hex the unit may not step
    directly into another ZOC hex, and pays `leave_cost` to leave. `dist`/`pred` are valid
    where `stamp == gen` (workspace reused between calls, never cleared). Returns the number
    of hexes written to `out_nodes` (start first).
    """
    stamp[start] = gen
    dist[start] = 0.0
    pred[start] = -1
    size = _push(heap_cost, heap_node, 0, 0.0, start)
    count = 0
    limit = mp + EPS
    start_in_zoc = zoc[start]
    while size > 0:
        d, i, size = _pop(heap_cost, heap_node, size)
        if d > dist[i]:
            continue
        out_nodes[count] = i
        count += 1
        if i != start and zoc[i]:
            continue
        for k in range(6):
            j = nbr[i, k]
            if j < 0 or blocked[j]:
                continue
            c = step_cost[i, k]
            if c == np.inf:
                continue
            if i == start and start_in_zoc:
                if zoc[j]:
                    continue
                c += leave_cost
            nd = d + c
            if nd > limit:
                continue
            if stamp[j] != gen or nd < dist[j] - EPS:
                stamp[j] = gen
                dist[j] = nd
                pred[j] = i
                size = _push(heap_cost, heap_node, size, nd, j)
    return count


@njit(cache=True)
def supply_flood(sources, source_range, step_cost, nbr, blocked, dist, max_cost):
    """Multi-source bucketed Dijkstra: the cheapest supply cost from any source to every hex.

    step_cost[i, d] is an integer cost in quarter supply points (negative = impassable);
    each source starts at `max_cost - range` so one pass honours every source's own range:
    a hex is in reach when dist <= max_cost. `blocked` hexes are never entered (enemy units,
    enemy ZOC not occupied by a friendly unit). Writes `dist` (int32, -1 unreached).
    """
    n = dist.shape[0]
    for i in range(n):
        dist[i] = -1
    # Bucket queue keyed by cost; a flat linked list per bucket.
    nb = max_cost + 1
    head = np.full(nb, -1, np.int32)
    nxt = np.empty(n * 7 + len(sources) + 1, np.int32)
    node_of = np.empty(n * 7 + len(sources) + 1, np.int32)
    used = 0
    best = np.full(n, 2147483647, np.int32)
    for s in range(len(sources)):
        i = sources[s]
        c = max_cost - source_range[s]
        if c < 0:
            c = 0
        if c < best[i] and not blocked[i]:
            best[i] = c
            node_of[used] = i
            nxt[used] = head[c]
            head[c] = used
            used += 1
    for c in range(nb):
        e = head[c]
        while e >= 0:
            i = node_of[e]
            e = nxt[e]
            if dist[i] >= 0 or best[i] != c:
                continue
            dist[i] = c
            used = _relax(i, c, step_cost, nbr, blocked, best, max_cost, head, nxt, node_of, used)
    return dist


@njit(cache=True)
def _relax(i, c, step_cost, nbr, blocked, best, max_cost, head, nxt, node_of, used):
    """Offer each neighbour of hex i, settled at cost c, the cost of the step to it: a cheaper
    one within `max_cost` goes into the bucket queue (`head`, `nxt`, `node_of`, `used` entries
    taken; a settled neighbour is never cheaper, as no step costs less than nothing). Returns
    the entries taken now."""
    for k in range(6):
        j = nbr[i, k]
        if j < 0 or blocked[j]:
            continue
        sc = step_cost[i, k]
        if sc < 0:
            continue
        ncost = c + sc
        if ncost > max_cost or ncost >= best[j]:
            continue
        best[j] = ncost
        if used >= node_of.shape[0]:
            continue
        node_of[used] = j
        nxt[used] = head[ncost]
        head[ncost] = used
        used += 1
    return used


@njit(cache=True)
def flood_update(sources, source_cost, step_cost, nbr, blocked_old, blocked_new, old, dist, max_cost):
    """`supply_flood` (or `bfs_steps`, with a step cost of 1 and the impassable hexes blocked)
    again after the blocked hexes changed from `blocked_old` to `blocked_new`, from its result
    `old` with `blocked_old` and the same sources, costs and `max_cost`. `source_cost[s]`: the
    cost source s starts at. Writes the same `dist` a whole flood would.

    The hexes whose cheapest cost may have changed are found first: those newly blocked or
    unblocked, and every hex that reached its old cost through one of them. Only they are
    costed again, from their neighbours that kept theirs; a hex that gets cheaper passes it on
    as in the whole flood."""
    n = old.shape[0]
    inf = 2147483647
    best = np.empty(n, np.int32)
    bad = np.zeros(n, np.bool_)
    stack = np.empty(n, np.int32)
    top = 0
    for i in range(n):
        best[i] = old[i] if old[i] >= 0 else inf
        if blocked_new[i] != blocked_old[i]:
            bad[i] = True
            best[i] = inf
            stack[top] = i
            top += 1
    # every hex whose old cost came through a changed one (over a step that costs exactly the difference)
    k_bad = 0
    while k_bad < top:
        i = stack[k_bad]
        k_bad += 1
        if old[i] < 0:
            continue
        for k in range(6):
            j = nbr[i, k]
            if j < 0 or bad[j] or old[j] < 0:
                continue
            c = step_cost[i, k]
            if c >= 0 and old[i] + c == old[j]:
                bad[j] = True
                best[j] = inf
                stack[top] = j
                top += 1
    n_bad = top
    nb = max_cost + 1
    head = np.full(nb, -1, np.int32)
    nxt = np.empty(n * 7 + len(sources) + 1, np.int32)
    node_of = np.empty(n * 7 + len(sources) + 1, np.int32)
    used = 0
    pending = 0
    # the changed hexes' costs from their neighbours that kept theirs, and from the sources among them
    for s in range(len(sources)):
        i = sources[s]
        c = source_cost[s]
        if c < 0:
            c = 0
        if bad[i] and not blocked_new[i] and c < best[i]:
            best[i] = c
    for t in range(n_bad):
        j = stack[t]
        if blocked_new[j]:
            continue
        for k in range(6):
            i = nbr[j, k]
            if i < 0 or bad[i] or best[i] == inf:
                continue
            for k2 in range(6):
                if nbr[i, k2] == j:
                    c = step_cost[i, k2]
                    if c >= 0 and best[i] + c < best[j]:
                        best[j] = best[i] + c
                    break
        c = best[j]
        if c <= max_cost:
            node_of[used] = j
            nxt[used] = head[c]
            head[c] = used
            used += 1
            pending += 1
        else:
            best[j] = inf
    for c in range(nb):
        if pending == 0:
            break
        e = head[c]
        while e >= 0:
            i = node_of[e]
            e = nxt[e]
            pending -= 1
            if best[i] != c:
                continue
            taken = _relax(i, c, step_cost, nbr, blocked_new, best, max_cost, head, nxt, node_of, used)
            pending += taken - used
            used = taken
    for i in range(n):
        dist[i] = best[i] if best[i] != inf and not blocked_new[i] else -1
    return dist


@njit(cache=True)
def movement_search(start, mp, step_cost, nbr, blocked, zoc, leave_cost, dist, pred, stamp, gen,
                    heap_cost, heap_node, out_nodes, out_costs, out_end_ok, out_where,
                    unit_hex, unit_status, unit_sides, side, active, max_units, counts):
    """`movement_range`, then for each hex reached (`out_nodes`, start first) its cost
    (`out_costs`), whether the move may end there (`out_end_ok`): fewer than `max_units`
    units of `side` with status `active` stand in it (the start hex always may), and its
    place in `out_nodes` (`out_where[hex]`, written only for the hexes reached). `counts` is
    workspace, right only in the hexes reached. Returns the number of hexes reached."""
    count = movement_range(start, mp, step_cost, nbr, blocked, zoc, leave_cost, dist, pred, stamp, gen,
                           heap_cost, heap_node, out_nodes)
    for i in range(count):
        counts[out_nodes[i]] = 0
    for k in range(unit_hex.shape[0]):
        h = unit_hex[k]
        if h >= 0 and unit_status[k] == active and unit_sides[k] == side and stamp[h] == gen:
            counts[h] += 1
    for i in range(count):
        node = out_nodes[i]
        out_costs[i] = dist[node]
        out_end_ok[i] = counts[node] < max_units
        out_where[node] = i
    if count > 0:
        out_end_ok[0] = True
    return count


def workspace(n: int) -> dict[str, np.ndarray]:
    """Reusable arrays for `movement_range` on a map of n hexes."""
    return {
        "dist": np.zeros(n, np.float64),
        "pred": np.full(n, -1, np.int32),
        "stamp": np.zeros(n, np.int64),
        "heap_cost": np.zeros(6 * n + 8, np.float64),
        "heap_node": np.zeros(6 * n + 8, np.int32),
        "out": np.zeros(n, np.int32),
        "out_cost": np.zeros(n, np.float64),
        "out_ok": np.zeros(n, np.bool_),
        "count": np.zeros(n, np.int32),
    }


@njit(cache=True)
def bfs_steps(sources, nbr, passable, blocked, dist):
    """Breadth-first hex steps from any source over passable, unblocked hexes (-1 unreached)."""
    n = dist.shape[0]
    for i in range(n):
        dist[i] = -1
    queue = np.empty(n, np.int32)
    head = 0
    tail = 0
    for s in range(len(sources)):
        i = sources[s]
        if dist[i] < 0 and passable[i] and not blocked[i]:
            dist[i] = 0
            queue[tail] = i
            tail += 1
    while head < tail:
        i = queue[head]
        head += 1
        d = dist[i] + 1
        for k in range(6):
            j = nbr[i, k]
            if j >= 0 and dist[j] < 0 and passable[j] and not blocked[j]:
                dist[j] = d
                queue[tail] = j
                tail += 1
    return dist
