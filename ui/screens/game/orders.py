"""The player's orders and commands on the map screen: clicks on hexes become moves, attacks,
advances and rail moves, keys select, replace, interdict, undo and end the phase. Every order
goes through `Session.apply` (the engine decides), and what it caused is shown: messages, the
log, sounds and, for the AI's moves, an animation."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import engine
from engine.state import Status
from ui import eventlog
from ui.screens.game import camera, panel, playback

if TYPE_CHECKING:
    from ui.screens.game.screen import GameScreen


def losses_text(sc, events: list[engine.Event]) -> str:
    """". Lost: 21st Panzer (1 step), 716th eliminated" for the units an attack cost."""
    lost: dict[str, str] = {}
    for e in events:
        if e.kind == "step_loss":
            lost.setdefault(e.data["unit"], f"{sc.unit(e.data['unit']).name} ({e.data['steps']} step{'s' if e.data['steps'] != 1 else ''})")
        elif e.kind == "unit_eliminated":
            lost[e.data["unit"]] = f"{sc.unit(e.data['unit']).name} eliminated"
    return (". Lost: " + ", ".join(lost.values())) if lost else ""


def give(gs: GameScreen, order: engine.Order) -> list[engine.Event] | None:
    """Apply a player's order; a refusal shows the engine's message."""
    if not gs.session.human_to_move:
        gs.toast("Wait: it is not your phase", "error")
        return None
    try:
        events = gs.session.apply(order, human=True)
    except engine.IllegalOrder as exc:
        gs.toast(exc.message, "error")
        gs.log.append(eventlog.LogLine(exc.message, "error", gs.game.turn, gs.session.active))
        return None
    after_events(gs, events, ai=False)
    return events


def after_events(gs: GameScreen, events: list[engine.Event], ai: bool) -> None:
    """Show what an order caused: messages, log, sounds, the AI's moves animated, the end of the game."""
    gs.sync_log()
    st = gs.game.state
    play_sounds(gs, gs.visible(events))
    for e in events:
        if e.kind == "combat":
            d = e.data
            target = gs.sc.map.place(gs.sc.map.parse(d["target"]))
            gs.toast(f"Attack on {target}: odds {d['odds']}, roll {d['roll']} → {d['result']}: {d['description']}"
                       + losses_text(gs.sc, events), "combat", 5.0)
        elif e.kind == "unit_moved" and ai:
            u = gs.sc.unit_index[e.data["unit"]]
            vis = gs.session.visible_units()
            if vis is None or vis[u]:
                animate(gs, u, [gs.sc.map.parse(h) for h in e.data["path"]])
        elif e.kind == "objective":
            failed = e.data.get("status") == "failed"
            gs.toast(f"Objective {'failed' if failed else 'taken'}: {e.data['name']}", "error" if failed else "info", 4.0)
    # Keep only units that still exist and belong to the side to move in the selection.
    gs.selection = [u for u in gs.selection if st.unit_status[u] == Status.ACTIVE and gs.sc.units[u].side == st.side]
    if gs.game.over and not gs.victory_shown:
        gs.victory_shown = True
        from ui.screens.victory import VictoryScreen
        gs.app.push(VictoryScreen(gs.app, gs.session))


def play_sounds(gs: GameScreen, events: list[engine.Event]) -> None:
    """One sound for what these events did that the player may know of: a combat by its
    result, else reinforcements arriving, else a move."""
    from ui.sound import combat_sound

    kinds = {e.kind for e in events}
    combat = next((e for e in events if e.kind == "combat"), None)
    if combat is not None:
        gs.app.sounds.play(combat_sound(combat.data["result"]))
    elif "reinforcement_arrived" in kinds:
        gs.app.sounds.play("reinforcement")
    elif kinds & {"unit_moved", "rail_moved", "advance"} and not gs.skip_ai:
        gs.app.sounds.play("move")


def animate(gs: GameScreen, u: int, hexes: list[int]) -> None:
    """A counter moving along its path (the AI's moves, unless played back instantly)."""
    if gs.skip_ai or gs.app.settings.ai_delay <= 0 or len(hexes) < 2:
        return
    geo = gs.view.geo
    pts = [((geo.cx[i] - geo.ox) / geo.s, (geo.cy[i] - geo.oy) / geo.s) for i in hexes]
    dur = min(gs.app.settings.ai_delay * 0.85, 0.08 * len(hexes) + 0.1)
    gs.anim = playback.Anim(u, pts, 0.0, dur)
    end = hexes[-1]
    x, y = gs.view.to_screen(end)
    if not gs.view.rect.inflate(-80, -80).collidepoint(x, y):
        gs.view.centre_on(end)


def idle_units(gs: GameScreen) -> list[int]:
    """The units that could still act in this phase and have not: unmoved units that may move,
    or units next to the enemy that have not attacked (the engine's answers)."""
    if not gs.session.human_to_move:
        return []
    st = gs.shown_state()
    if gs.game.phase == "combat":
        return [u for u in gs.ready_attackers(st) if not st.unit_attacked[u]]
    return [u for u in gs.ready_movers(st) if not st.unit_moved[u]]


def end_phase(gs: GameScreen, confirmed: bool = False) -> None:
    """E: end the phase; with units still able to act, flag them and ask once a phase
    (unless the player turned the question off)."""
    if not gs.session.human_to_move:
        return
    phase = (id(gs.game), gs.game.turn, gs.game.state.side, gs.game.state.phase)
    idle = idle_units(gs) if gs.app.settings.confirm_end_phase and not confirmed else []
    if idle and gs.asked_phase != phase:
        from ui.screens.confirm import Confirm

        gs.asked_phase = phase
        gs.flagged = (idle, 4.0)
        what = "not moved" if gs.game.phase != "combat" else "not attacked, though next to the enemy"
        n = len(idle)
        gs.app.push(Confirm(gs.app, f"End the {gs.game.phase_title.lower()} phase?",
                              f"{n} unit{'s have' if n != 1 else ' has'} {what} (outlined on the map; N selects them in turn).",
                              [("End the phase", lambda: end_phase(gs, confirmed=True)),
                               ("End, and stop asking", lambda: end_phase_stop_asking(gs)), ("Keep playing", lambda: None)]))
        return
    do_end_phase(gs)


def end_phase_stop_asking(gs: GameScreen) -> None:
    """End the phase and never ask again (the setting the question offers)."""
    gs.app.settings.confirm_end_phase = False
    gs.app.settings.save()
    end_phase(gs, confirmed=True)


def do_end_phase(gs: GameScreen) -> None:
    """End the phase: keep the player's view for their next phase, hand over."""
    if gs.session.human_to_move:
        gs.flagged = None
        side = gs.session.active
        if give(gs, engine.EndPhase()) is not None:
            if gs.session.active != side:
                camera.keep_view_of(gs, side)
            gs.selection = []
            gs.rail_mode = False
            gs.ai_timer = 0.4
            gs.air = 0
            playback.check_curtain(gs)


def undo(gs: GameScreen) -> None:
    """U: take the last move back, if the session may (it revealed nothing and rolled no die)."""
    if gs.session.undo():
        gs.selection = []
        gs.sync_log(rebuild=True)
        gs.toast("Move taken back", "info", 2.0)
    else:
        gs.toast("Nothing to undo: only moves that revealed nothing and rolled no die can be taken back", "error")


def click(gs: GameScreen, i: int, shift: bool = False) -> None:
    """A left click on hex i."""
    if i < 0:
        gs.selection = []
        return
    if not gs.session.human_to_move:
        return
    stacks, _ = gs.scene()
    choice = gs.advance_choice()
    if choice is not None and i == choice[0]:
        movers = [u for u in gs.selection if u in choice[1]] or choice[1]
        give(gs, engine.Advance(gs.sc.units[movers[0]].id))
        return
    gs.inspect = i if stacks.get(i) else -1
    if gs.own_in(i):
        units = stacks[i]
        if shift:
            # Add the stack's units one by one, top first; once all are in, take them all out.
            missing = [u for u in reversed(units) if u not in gs.selection]
            if missing:
                gs.selection.append(missing[0])
            else:
                gs.selection = [u for u in gs.selection if u not in units]
            return
        if gs.selection and len(gs.selection) == 1 and int(gs.shown_state().unit_hex[gs.selection[0]]) == i and len(units) > 1:
            cycle_stack(gs, i)
            return
        gs.selection = [units[-1]]
        gs.rail_mode = False
        return
    order_at(gs, i)


def order_at(gs: GameScreen, i: int) -> None:
    """Move or attack at hex i with the selection (the engine decides if it may)."""
    if i < 0 or not gs.selection:
        if not gs.enemy_in(i):
            gs.selection = []
        return
    if not gs.session.human_to_move:
        return
    if gs.enemy_in(i):
        attackers = gs.attackers_for(i)
        if not attackers:
            gs.toast(f"No selected unit is next to {gs.sc.map.place(i)}", "error")
            return
        if give(gs, engine.Attack(tuple(gs.sc.units[a].id for a in attackers), gs.sc.map.hex(i), gs.air)) is not None:
            gs.air = 0             # air support is chosen per attack: the next one starts with none
        return
    u = gs.selection[0]
    if int(gs.shown_state().unit_hex[u]) == i:
        return
    if gs.rail_mode:
        if give(gs, engine.Rail(gs.sc.units[u].id, gs.sc.map.hex(i))) is not None:
            gs.rail_mode = False
        return
    give(gs, engine.Move(gs.sc.units[u].id, gs.sc.map.hex(i)))


def toggle_rail(gs: GameScreen) -> None:
    """Rail mode for the selected unit: its range shows the hexes a train takes it to."""
    if gs.rail_mode:
        gs.rail_mode = False
        return
    if not gs.selection:
        gs.toast("Select a unit on a railway to move it by train", "error", 2.0)
        return
    why = gs.query().why_no_rail(gs.sc.units[gs.selection[0]].id)
    if why is not None:
        gs.toast(why, "error", 3.0)
        return
    gs.rail_mode = True
    gs.toast("Rail move: click where the train should take the unit (T: cancel)", "info", 3.0)


def interdict(gs: GameScreen, i: int) -> None:
    """Spend air points to interdict the hex under the mouse."""
    if i < 0:
        gs.toast("Point at the hex to interdict, then press I", "error", 2.0)
        return
    events = give(gs, engine.Interdict(gs.sc.map.hex(i)))
    if events:
        gs.toast(f"{gs.sc.map.place(i)} interdicted until your next turn; {events[0]['air_left']} air points left", "info", 3.0)


def replace_step(gs: GameScreen) -> None:
    """Spend a replacement point on the selected unit (the engine says if it may)."""
    if not gs.selection:
        gs.toast("Select a unit to receive a replacement step", "error", 2.0)
        return
    events = give(gs, engine.Replace(gs.sc.units[gs.selection[0]].id))
    if events:
        e = events[0]
        points = f"{e['points']} replacement point{'s' if e['points'] != 1 else ''}"
        gs.toast(f"{gs.sc.unit(e['unit']).name} rebuilt to {e['left']} steps; {points} left", "info", 3.0)


def advance_action(gs: GameScreen, u: int) -> Callable[[], None]:
    """The action of one unit's Advance button."""
    def advance() -> None:
        give(gs, engine.Advance(gs.sc.units[u].id))
    return advance


def cycle_stack(gs: GameScreen, i: int | None = None) -> None:
    """Tab: the next counter of the stack on top. With one unit selected the selection follows
    the top counter; a selection of several units is kept."""
    if i is None:
        i = int(gs.shown_state().unit_hex[gs.selection[-1]]) if gs.selection else gs.hover
    stacks, _ = gs.scene()
    units = stacks.get(i)
    if not units or len(units) < 2:
        return
    gs.rotate[i] = gs.rotate.get(i, 0) + 1
    stacks, _ = gs.scene()
    top = stacks[i][-1]
    if gs.sc.units[top].side == gs.game.state.side and gs.session.human_to_move and len(gs.selection) <= 1:
        gs.selection = [top]


def select_stack(gs: GameScreen) -> None:
    """G: every unit of the inspected stack that is the player's to order."""
    units = [u for u in gs.inspected() if gs.sc.units[u].side == gs.game.state.side]
    if not units or not gs.session.human_to_move:
        gs.toast("Select a unit of a stack first: G then selects the whole stack", "info", 2.5)
        return
    gs.selection = [u for u in gs.selection if u not in units] + units
    gs.rail_mode = False


def toggle_unit(gs: GameScreen, u: int) -> None:
    """A click on a unit's row in the stack inspector: in or out of the selection."""
    if gs.sc.units[u].side != gs.game.state.side or not gs.session.human_to_move:
        return
    if u in gs.selection:
        gs.selection.remove(u)
    else:
        gs.selection.append(u)
    gs.rail_mode = False


def next_ready_unit(gs: GameScreen) -> None:
    if not gs.session.human_to_move:
        return
    st = gs.shown_state()
    ids = gs.ready_attackers(st) if gs.game.phase == "combat" else gs.ready_movers(st)
    if not ids:
        gs.toast("Every unit has attacked" if gs.game.phase == "combat" else "No unit can move in this phase", "info", 2.0)
        return
    start = ids.index(gs.selection[0]) + 1 if gs.selection and gs.selection[0] in ids else 0
    u = ids[start % len(ids)]
    gs.selection = [u]
    gs.view.centre_on(int(st.unit_hex[u]))


def click_inspector(gs: GameScreen, pos: tuple[int, int]) -> bool:
    """A click on a row of the stack inspector: that unit in or out of the selection, or the whole stack."""
    for rect, u in panel.inspector_rows(gs):
        if rect.collidepoint(pos):
            if u < 0:
                select_stack(gs)
            else:
                toggle_unit(gs, u)
            return True
    return False
