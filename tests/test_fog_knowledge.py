"""Fog of war keeps secrets: nothing a side's view, its agent or its log receives depends on an
enemy unit it cannot see."""
from __future__ import annotations

import copy

import numpy as np
import pytest
import yaml

import engine
from engine import ai
from engine.fog import View, visible_events, visible_mask
from engine.orders import Attack
from engine.scenario.load import resolve
from engine.state import Status, Supply


@pytest.fixture(scope="module")
def fogged(tmp_path_factory):
    """The tutorial with fog of war."""
    data = yaml.safe_load(resolve("tutorial_river").read_text())
    data["fog_of_war"] = True
    path = tmp_path_factory.mktemp("fog") / "tutorial_fog.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return engine.load_scenario(path)


def perturbed(game: engine.Game, side: int, rng: np.random.Generator) -> engine.Game:
    """The same game, but every enemy unit `side` cannot see is weaker, cut off, marked, or elsewhere."""
    other = copy.copy(game)
    st = other.state = game.state.copy()
    seen = visible_mask(game.state, side)
    hidden = np.flatnonzero(~seen & (st.unit_sides() != side) & (st.unit_status == Status.ACTIVE))
    for u in hidden:
        st.unit_steps[u] = 1
        st.unit_supply[u] = Supply.ISOLATED
        st.unit_isolated_turns[u] = 3
        st.unit_mp_used[u] = 1.5
        st.unit_attacked[u] = st.unit_defended[u] = st.unit_moved[u] = True
    # and one of them stands somewhere else the side cannot see either
    if len(hidden):
        mine = st.unit_hex[(st.unit_sides() == side) & (st.unit_status == Status.ACTIVE)]
        m = game.scenario.map
        far = [i for i in range(m.size) if not game.scenario.rules.impassable[m.terrain[i]]
               and np.min((np.abs(m.q[i] - m.q[mine]) + np.abs(m.r[i] - m.r[mine]) + np.abs(m.q[i] - m.q[mine] + m.r[i] - m.r[mine])) // 2) > 4]
        if far:
            st.unit_hex[hidden[0]] = far[int(rng.integers(len(far)))]
    return other


def what_a_side_receives(view: View) -> dict:
    """Everything an agent or the UI can ask a view, as plain data."""
    st = view.state
    sc = view.scenario
    out = {
        "arrays": [a.tobytes() for a in (st.unit_hex, st.unit_steps, st.unit_status, st.unit_supply, st.unit_isolated_turns,
                                         st.unit_mp_used, st.unit_attacked, st.unit_moved, st.unit_defended, st.unit_stopped)],
        "supply": {u.id: view.supply_status(u.id) for u in sc.units},
        "units": view.units(),
        "legal": view.legal_orders(view.side_id) if view.active_side == view.side_id else [],
        "last_known": view.last_known,
    }
    if view.active_side == view.side_id:
        out["reach"] = {u: view.reachable(u) for u in view.units(view.side_id)}
        previews = {}
        for o in out["legal"]:
            if isinstance(o, Attack):
                pv = view.preview(o.attackers, o.target)
                previews[o] = (pv.attack, pv.defence, pv.column, pv.shifts, pv.allowed)
        out["previews"] = previews
    return out


def test_a_whole_fogged_game_tells_each_side_nothing_about_hidden_units(fogged):
    game = engine.Game(fogged, seed=3)
    agents = {s: ai.make("heuristic", s, seed=3) for s in fogged.side_ids}
    rng = np.random.default_rng(0)
    checked = hidden_seen = 0
    delivered: dict[str, list] = {s: [] for s in fogged.side_ids}
    for s in fogged.side_ids:
        agents[s].applied = lambda order, events, s=s: delivered[s].extend(events)   # what the driver hands the agent
    while not game.over and game.turn <= 6:
        for side_id in fogged.side_ids:
            side = fogged.side_index(side_id)
            view = game.view(side_id)
            before = game.state_hash()
            mine = what_a_side_receives(view)
            assert game.state_hash() == before, "asking a view changed the game"
            other = perturbed(game, side, rng)
            hidden_seen += int((~visible_mask(game.state, side)).sum())
            assert what_a_side_receives(View(other, side)) == mine
            checked += 1
        ai.play_phase(game, agents[game.active_side])
    assert checked > 20 and hidden_seen > 0
    # the events each agent was handed: nothing about an enemy unit out of its sight
    for side_id, events in delivered.items():
        for e in events:
            if e.side != side_id:
                assert e.kind not in ("pocket", "supply_traced", "reinforcement_delayed", "unit_withdrawn"), e


def test_the_log_a_side_reads_hides_enemy_pockets_and_hidden_reinforcements(fogged):
    game = engine.Game(fogged, seed=1)
    agents = {s: ai.make("heuristic", s, seed=1) for s in fogged.side_ids}
    ai.play_game(game, agents, max_turns=4)
    for side_id in fogged.side_ids:
        side = fogged.side_index(side_id)
        shown = visible_events(game, side, game.events)
        seen = visible_mask(game.state, side)
        for e in shown:
            if e.side == side_id:
                continue
            assert e.kind not in ("pocket", "supply_traced")
            if e.kind == "reinforcement_arrived":
                assert seen[fogged.unit_index[e.data["unit"]]]
            if e.kind in ("step_loss", "unit_eliminated") and fogged.units[fogged.unit_index[e.data["unit"]]].side != side:
                assert e.data["cause"] != "isolation"
        hidden = [e for e in game.events if e.kind == "reinforcement_arrived" and e.side != side_id
                  and not seen[fogged.unit_index[e.data["unit"]]]]
        assert all(e not in shown for e in hidden)


def test_a_view_never_writes_to_the_game(fogged):
    game = engine.Game(fogged, seed=2)
    memory = copy.deepcopy(game._last_seen)
    before = game.state_hash()
    for s in fogged.side_ids:
        v = game.view(s)
        v.legal_orders(s)
        v.units()
        _ = v.last_known
    assert game.state_hash() == before and game._last_seen == memory


def test_a_hidden_unit_supply_is_unknown(fogged):
    game = engine.Game(fogged, seed=2)
    view = game.view("blue")
    hidden = [u.id for u in fogged.units if u.side != view.side and not visible_mask(game.state, view.side)[u.index]
              and game.state.unit_status[u.index] == Status.ACTIVE]
    assert hidden
    assert {view.supply_status(u) for u in hidden} == {"unknown"}


def test_a_sandbox_starts_from_what_the_side_knows_and_leaves_the_game_alone(fogged):
    game = engine.Game(fogged, seed=4)
    view = game.view("blue")
    box = view.sandbox(seed=1)
    assert box.state.unit_status.tolist() == view.state.unit_status.tolist()      # hidden units are not in it
    before = game.state_hash()
    ai.play_game(box, {s: ai.make("heuristic", s, seed=1) for s in fogged.side_ids}, max_turns=2)
    assert box.turn == 3 and game.state_hash() == before
    # its dice are its own: two sandboxes with one seed agree, and neither draws the game's dice
    a, b = view.sandbox(seed=7), view.sandbox(seed=7)
    assert a.state.rng.integers(1, 1000) == b.state.rng.integers(1, 1000)
    assert game.state_hash() == before
