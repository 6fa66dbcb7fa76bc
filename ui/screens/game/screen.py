"""The map screen's state and input: selection, orders by mouse and keys, AI playback; its
drawing is layered (overlays.py), with the bar, side panel and minimap in panel.py and the
dialogs in dialogs.py.

Everything shown is asked of the engine (`reachable`, `path`, `preview`, supply traces,
victory score); every order goes through `Game.apply`, and a refused order shows the
engine's own message.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pygame

import engine
from engine import sequence, supply
from engine.fog import visible_events
from engine.state import Status
from ui import eventlog
from ui.drawing.mapart import minimap_image
from ui.drawing.palette import darker, palette
from ui.drawing.scene import unit_looks
from ui.drawing.view import DEFAULT_ZOOM, MapView
from ui.screens.game import dialogs, panel, tooltip, turntrack, tutorial
from ui.screens.game.overlays import DrawContext, Layers
from ui.session import Session
from ui.settings import AI_SPEEDS, saves_dir
from ui.stack import Screen, ScreenStack
from ui.widgets import Button

PAN_SPEED = 900.0       # pixels per second for keys and screen-edge panning
EDGE = 6                # pixels from the window edge that pan the map
DRAG = 5                # a press that moves less than this is a click
PAN_KEYS = frozenset({pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN})
REPEATABLE = frozenset({pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_PLUS, pygame.K_EQUALS,
                        pygame.K_KP_PLUS, pygame.K_MINUS, pygame.K_KP_MINUS, pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET})



@dataclass
class Toast:
    text: str
    kind: str          # info / error / combat
    ttl: float


@dataclass
class Anim:
    unit: int
    points: list[tuple[float, float]]     # in hex units relative to the grid origin
    t: float
    duration: float


def _losses(sc, events: list[engine.Event]) -> str:
    """". Lost: 21st Panzer (1 step), 716th eliminated" for the units an attack cost."""
    lost: dict[str, str] = {}
    for e in events:
        if e.kind == "step_loss":
            lost.setdefault(e.data["unit"], f"{sc.unit(e.data['unit']).name} ({e.data['steps']} step{'s' if e.data['steps'] != 1 else ''})")
        elif e.kind == "unit_eliminated":
            lost[e.data["unit"]] = f"{sc.unit(e.data['unit']).name} eliminated"
    return (". Lost: " + ", ".join(lost.values())) if lost else ""


class GameScreen(Screen):
    def __init__(self, app: ScreenStack, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.pal = palette(app.settings.colour_blind)
        self.view = MapView(session.scenario, self.pal, pygame.Rect(0, 0, 100, 100))
        self.selection: list[int] = []
        self.inspect = -1               # the hex whose stack the inspector lists when nothing is selected
        self.hover_time = 0.0           # how long the mouse has rested on `hover` (tooltips after a moment)
        self.hover = -1
        self.rotate: dict[int, int] = {}
        self.overlay: str | None = None          # "supply" / "control"
        self.show_arrows = app.settings.show_arrows
        self.show_objectives = False
        self.show_turn_track = False
        self.show_help = False
        self.air = 0
        self.rail_mode = False         # T: the selected unit's next order is a rail move
        self.toasts: list[Toast] = []
        self.log: list[eventlog.LogLine] = []
        self._log_game: engine.Game | None = None
        self._log_upto = 0
        self.log_turn = "all"          # the log's filters: all / this / last turn; a side id or None
        self.log_side: str | None = None
        self.log_scroll = 0            # rows scrolled up from the newest
        self.log_expanded = False      # L: the log fills the side panel
        self.keys_down: set[int] = set()
        self.shift = False
        self.press: tuple[int, int] | None = None
        self.dragging = False
        self.minimap_drag = False
        self.ai_timer = 0.3
        self.skip_ai = False
        self.paused = False
        self.anim: Anim | None = None
        self.advance_dismissed: tuple | None = None
        self.buttons: list[Button] = []
        self._cache: dict[str, tuple] = {}
        self._last_human: str | None = session.active if session.human_to_move else None
        self._victory_shown = False
        self.player_cam: dict[str, tuple[int, float, float]] = {}   # each human side's view when its phase ended
        self._report_from: int | None = None     # the event log's length when the player last handed over
        self.replay_queue: list[tuple[int, list[int]]] = []
        self.flash: tuple[int, float] | None = None
        self._sent = -1                 # play by e-mail: the order count of the last turn file written
        self.tutorial: tutorial.Tutorial | None = None     # the guided tutorial, when it runs
        self.flagged: tuple[list[int], float] | None = None     # units that can still act, outlined for a moment
        self._asked_phase: tuple | None = None     # a hex outlined for a moment (a log line clicked)
        self.layers = Layers()
        self.layout(app.size)
        self._initial_view()
        self._sync_log()

    # -- layout ---------------------------------------------------------------------------
    def layout(self, size: tuple[int, int]) -> None:
        w, h = size
        a = self.app
        self.bar_h = a.scaled(34)
        self.panel_w = min(a.scaled(340), w // 2)
        self.font = a.scaled(14)
        self.small = a.scaled(12)
        self.view.set_rect(pygame.Rect(0, self.bar_h, w - self.panel_w, h - self.bar_h))
        self.panel = pygame.Rect(w - self.panel_w, self.bar_h, self.panel_w, h - self.bar_h)
        pad = a.scaled(8)
        mm_w = self.panel_w - 2 * pad
        self.minimap_base = minimap_image(self.session.scenario, mm_w, a.scaled(190))
        self.minimap_rect = pygame.Rect(self.panel.x + pad + (mm_w - self.minimap_base.get_width()) // 2, self.panel.y + pad,
                                        self.minimap_base.get_width(), self.minimap_base.get_height())
        self._cache.pop("minimap", None)
        self._build_buttons()

    def _build_buttons(self) -> None:
        a = self.app
        specs = [
            ("End phase", self.end_phase, "E", 110), ("Undo", self.undo, "U", 70),
            ("Supply", lambda: self.toggle_overlay("supply"), "S", 80), ("Control", lambda: self.toggle_overlay("control"), "C", 84),
            ("Arrows", self.toggle_arrows, "A", 78), ("Objectives", self.toggle_objectives, "O", 100),
            ("Turns", self.toggle_turn_track, "K", 72),
            ("Help", self.toggle_help, "F1", 70), ("Menu", self.open_menu, "Esc", 78),
        ]
        x = a.scaled(6)
        self.buttons = []
        for label, action, key, width in specs:
            r = pygame.Rect(x, a.scaled(4), a.scaled(width), self.bar_h - a.scaled(8))
            self.buttons.append(Button(r, label, action, key))
            x = r.right + a.scaled(5)
        self.button = {b.label: b for b in self.buttons}
        self.sync_toggles()

    def resize(self, size: tuple[int, int]) -> None:
        self.layout(size)

    def wake_in(self) -> float | None:
        """0 while anything moves (AI playback, animation, panning, a flash), else when the
        next message expires; None when only the player's input can change the picture."""
        if (self.anim is not None or self.replay_queue or self.flash is not None or self.flagged is not None or self.dragging or self.minimap_drag
                or (self.session.ai_to_move and not self.paused) or (self.keys_down & PAN_KEYS) or self._edge_panning()):
            return 0.0
        if self.game.over and not self._victory_shown:
            return 0.0
        waits = [t.ttl for t in self.toasts]
        if self.hover >= 0 and self.hover_time < tooltip.DELAY:
            waits.append(tooltip.DELAY - self.hover_time)
        return max(0.01, min(waits)) if waits else None

    def _edge_panning(self) -> bool:
        if not (self.app.settings.edge_pan and self.app.mouse_seen and pygame.mouse.get_focused()):
            return False
        mx, my = self.app.mouse
        w, h = self.app.size
        return mx <= EDGE or mx >= w - 1 - EDGE or my <= EDGE or my >= h - 1 - EDGE

    def closing(self) -> None:
        if self.session.unsaved:
            self.session.autosave()

    def enter(self) -> None:
        """Back on top (a menu or report closed): keys released while it was open are up now."""
        self.keys_down.clear()
        self.shift = False
        self.press = None
        self.dragging = False

    def _initial_view(self) -> None:
        v = self.view
        v.fit()
        if v.level < DEFAULT_ZOOM - 1:
            self.centre_on_front()        # a big map: close enough to read the counters, over the player's front

    def front_hex(self) -> int:
        """Where the player's front is: the middle of their units nearest the enemy units they can
        see (all their units when none is near), as a hex index; -1 with no unit on the map."""
        side = self.session.viewer or self.session.active
        si = self.sc.side_index(side)
        st = self.shown_state()
        on = (st.unit_status == Status.ACTIVE) & (st.unit_hex >= 0)
        mine = st.unit_hex[on & (st.unit_sides() == si)].astype(np.int64)
        theirs = st.unit_hex[on & (st.unit_sides() != si)].astype(np.int64)
        if not len(mine):
            return -1
        m = self.sc.map
        pick = mine
        if len(theirs):
            dq = m.q[mine][:, None] - m.q[theirs][None, :]
            dr = m.r[mine][:, None] - m.r[theirs][None, :]
            dist = ((np.abs(dq) + np.abs(dr) + np.abs(dq + dr)) // 2).min(axis=1)
            near = mine[dist <= max(3, int(np.percentile(dist, 25)))]
            pick = near if len(near) else mine
        geo = self.view.geo
        x, y = float(np.median(geo.cx[pick])), float(np.median(geo.cy[pick]))
        return int(pick[np.argmin((geo.cx[pick] - x) ** 2 + (geo.cy[pick] - y) ** 2)])

    def centre_on_front(self) -> None:
        """Home: the player's front at a zoom that reads the counters (the whole map if it fits)."""
        v = self.view
        v.fit()
        if v.level >= DEFAULT_ZOOM - 1:
            return
        v.level = DEFAULT_ZOOM
        i = self.front_hex()
        if i >= 0:
            v.centre_on(i)
        v.clamp()

    def keep_view_of(self, side: str) -> None:
        """The player hands over: remember their view, and where the log stood."""
        v = self.view
        self.player_cam[side] = (v.level, v.cam_x + v.rect.width / 2, v.cam_y + v.rect.height / 2)
        self._report_from = len(self.game.events)

    def restore_view(self, side: str) -> None:
        """The player's phase starts where they left the view, or on their front."""
        v = self.view
        kept = self.player_cam.get(side)
        if kept is None:
            self.centre_on_front()
            return
        level, cx, cy = kept
        v.level = level
        v.cam_x, v.cam_y = cx - v.rect.width / 2, cy - v.rect.height / 2
        v.clamp()

    def apply_settings(self) -> None:
        """Settings changed (palette, scale): rebuild what depends on them."""
        self.pal = palette(self.app.settings.colour_blind)
        self.view.set_palette(self.pal)
        self._cache.clear()
        self.layout(self.app.size)

    # -- shortcuts into the session -----------------------------------------------------------
    @property
    def game(self) -> engine.Game:
        return self.session.game

    @property
    def sc(self):
        return self.session.scenario

    def _key(self) -> tuple:
        return (id(self.session.game), self.session.version)

    def _cached(self, name: str, key: tuple, make):
        got = self._cache.get(name)
        if got is not None and got[0] == key:
            return got[1]
        value = make()
        self._cache[name] = (key, value)
        return value

    def query(self):
        return self._cached("query", self._key(), self.session.query)

    def shown_state(self):
        return self.query().state

    def scene(self):
        """(stacks, looks) of the units the player can see."""
        key = self._key() + (tuple(sorted(self.rotate.items())),)
        return self._cached("scene", key, lambda: unit_looks(self.shown_state(), None, self.rotate))

    def own_side(self) -> int | None:
        v = self.session.viewer
        return None if v is None else self.sc.side_index(v)

    def reachable(self, u: int) -> dict[int, float]:
        """Where the unit may go now: by road and cross-country, or (rail mode) by train."""
        def make() -> dict[int, float]:
            if not self.session.human_to_move or self.sc.units[u].side != self.game.state.side:
                return {}
            if self.rail_mode:
                return {self.sc.map.index(h): float(n) for h, n in self.query().rail_reachable(self.sc.units[u].id).items()}
            return {self.sc.map.index(h): c for h, c in self.query().reachable(self.sc.units[u].id).items()}
        return self._cached(f"reach{u}", self._key() + (self.rail_mode,), make)

    def path_to(self, u: int, i: int) -> list[int]:
        def make() -> list[int]:
            return [self.sc.map.index(h) for h in self.query().path(self.sc.units[u].id, self.sc.map.hex(i))]
        return self._cached("path", self._key() + (u, i), make)

    def attackers_for(self, target: int) -> list[int]:
        nbrs = set(self.sc.map.neighbors[target].tolist())
        st = self.shown_state()
        return [u for u in self.selection if int(st.unit_hex[u]) in nbrs]

    def enemy_in(self, i: int) -> bool:
        stacks, _ = self.scene()
        units = stacks.get(i)
        return bool(units) and self.sc.units[units[0]].side != self.game.state.side

    def own_in(self, i: int) -> bool:
        stacks, _ = self.scene()
        units = stacks.get(i)
        return bool(units) and self.sc.units[units[0]].side == self.game.state.side

    def preview(self, target: int):
        attackers = self.attackers_for(target)
        if not attackers or not self.enemy_in(target):
            return None

        def make():
            try:
                return self.query().preview([self.sc.units[a].id for a in attackers], self.sc.map.hex(target), self.air)
            except engine.IllegalOrder as exc:
                return exc
        return self._cached("preview", self._key() + (tuple(attackers), target, self.air), make)

    # -- orders ---------------------------------------------------------------------------
    def give(self, order: engine.Order) -> list[engine.Event] | None:
        """Apply a player's order; a refusal shows the engine's message."""
        if not self.session.human_to_move:
            self.toast("Wait: it is not your phase", "error")
            return None
        try:
            events = self.session.apply(order, human=True)
        except engine.IllegalOrder as exc:
            self.toast(exc.message, "error")
            self.log.append(eventlog.LogLine(exc.message, "error", self.game.turn, self.session.active))
            return None
        self._after_events(events, ai=False)
        return events

    def _after_events(self, events: list[engine.Event], ai: bool) -> None:
        self._sync_log()
        st = self.game.state
        self._play_sounds(self.visible(events))
        for e in events:
            if e.kind == "combat":
                d = e.data
                target = self.sc.map.place(self.sc.map.parse(d["target"]))
                self.toast(f"Attack on {target}: odds {d['odds']}, roll {d['roll']} → {d['result']}: {d['description']}"
                           + _losses(self.sc, events), "combat", 5.0)
            elif e.kind == "unit_moved" and ai:
                u = self.sc.unit_index[e.data["unit"]]
                vis = self.session.visible_units()
                if vis is None or vis[u]:
                    self._animate(u, [self.sc.map.parse(h) for h in e.data["path"]])
            elif e.kind == "objective":
                failed = e.data.get("status") == "failed"
                self.toast(f"Objective {'failed' if failed else 'taken'}: {e.data['name']}", "error" if failed else "info", 4.0)
        # Keep only units that still exist and belong to the side to move in the selection.
        self.selection = [u for u in self.selection if st.unit_status[u] == Status.ACTIVE and self.sc.units[u].side == st.side]
        if self.game.over and not self._victory_shown:
            self._victory_shown = True
            from ui.screens.victory import VictoryScreen
            self.app.push(VictoryScreen(self.app, self.session))

    def _play_sounds(self, events: list[engine.Event]) -> None:
        """One sound for what these events did that the player may know of: a combat by its
        result, else reinforcements arriving, else a move."""
        from ui.sound import combat_sound

        kinds = {e.kind for e in events}
        combat = next((e for e in events if e.kind == "combat"), None)
        if combat is not None:
            self.app.sounds.play(combat_sound(combat.data["result"]))
        elif "reinforcement_arrived" in kinds:
            self.app.sounds.play("reinforcement")
        elif kinds & {"unit_moved", "rail_moved", "advance"} and not self.skip_ai:
            self.app.sounds.play("move")

    def _animate(self, u: int, hexes: list[int]) -> None:
        if self.skip_ai or self.app.settings.ai_delay <= 0 or len(hexes) < 2:
            return
        geo = self.view.geo
        pts = [((geo.cx[i] - geo.ox) / geo.s, (geo.cy[i] - geo.oy) / geo.s) for i in hexes]
        dur = min(self.app.settings.ai_delay * 0.85, 0.08 * len(hexes) + 0.1)
        self.anim = Anim(u, pts, 0.0, dur)
        end = hexes[-1]
        x, y = self.view.to_screen(end)
        if not self.view.rect.inflate(-80, -80).collidepoint(x, y):
            self.view.centre_on(end)

    def idle_units(self) -> list[int]:
        """The units that could still act in this phase and have not: unmoved units that may move,
        or units next to the enemy that have not attacked (the engine's answers)."""
        if not self.session.human_to_move:
            return []
        st = self.shown_state()
        if self.game.phase == "combat":
            return [u for u in self.ready_attackers(st) if not st.unit_attacked[u]]
        return [u for u in self.ready_movers(st) if not st.unit_moved[u]]

    def end_phase(self, confirmed: bool = False) -> None:
        """E: end the phase; with units still able to act, flag them and ask once a phase
        (unless the player turned the question off)."""
        if not self.session.human_to_move:
            return
        phase = (id(self.game), self.game.turn, self.game.state.side, self.game.state.phase)
        idle = self.idle_units() if self.app.settings.confirm_end_phase and not confirmed else []
        if idle and self._asked_phase != phase:
            from ui.screens.confirm import Confirm

            self._asked_phase = phase
            self.flagged = (idle, 4.0)
            what = "not moved" if self.game.phase != "combat" else "not attacked, though next to the enemy"
            n = len(idle)
            self.app.push(Confirm(self.app, f"End the {self.game.phase_title.lower()} phase?",
                                  f"{n} unit{'s have' if n != 1 else ' has'} {what} (outlined on the map; N selects them in turn).",
                                  [("End the phase", lambda: self.end_phase(confirmed=True)),
                                   ("End, and stop asking", self._end_phase_stop_asking), ("Keep playing", lambda: None)]))
            return
        self._do_end_phase()

    def _end_phase_stop_asking(self) -> None:
        self.app.settings.confirm_end_phase = False
        self.app.settings.save()
        self.end_phase(confirmed=True)

    def _do_end_phase(self) -> None:
        if self.session.human_to_move:
            self.flagged = None
            side = self.session.active
            if self.give(engine.EndPhase()) is not None:
                if self.session.active != side:
                    self.keep_view_of(side)
                self.selection = []
                self.rail_mode = False
                self.ai_timer = 0.4
                self.air = 0
                self._check_curtain()

    def undo(self) -> None:
        if self.session.undo():
            self.selection = []
            self._sync_log(rebuild=True)
            self.toast("Move taken back", "info", 2.0)
        else:
            self.toast("Nothing to undo: only moves that revealed nothing and rolled no die can be taken back", "error")

    def toggle_overlay(self, name: str) -> None:
        self.overlay = None if self.overlay == name else name
        self.sync_toggles()

    def toggle_arrows(self) -> None:
        self.show_arrows = not self.show_arrows
        self.app.settings.show_arrows = self.show_arrows
        self.sync_toggles()

    def sync_toggles(self) -> None:
        """Every toolbar toggle shows whether it is on."""
        b = self.button
        b["Supply"].toggled = self.overlay == "supply"
        b["Control"].toggled = self.overlay == "control"
        b["Arrows"].toggled = self.show_arrows
        b["Objectives"].toggled = self.show_objectives
        b["Turns"].toggled = self.show_turn_track
        b["Help"].toggled = self.show_help

    def log_upto_key(self) -> tuple:
        return (id(self._log_game), self._log_upto, self.game.turn)

    def cycle_log_turn(self) -> None:
        order = panel.TURN_FILTERS
        self.log_turn = order[(order.index(self.log_turn) + 1) % len(order)]
        self.log_scroll = 0

    def cycle_log_side(self) -> None:
        order: list[str | None] = [None, *self.sc.side_ids]
        self.log_side = order[(order.index(self.log_side) + 1) % len(order)]
        self.log_scroll = 0

    def toggle_log(self) -> None:
        self.log_expanded = not self.log_expanded

    def click_inspector(self, pos: tuple[int, int]) -> bool:
        for rect, u in panel.inspector_rows(self):
            if rect.collidepoint(pos):
                if u < 0:
                    self.select_stack()
                else:
                    self.toggle_unit(u)
                return True
        return False

    def click_log(self, pos: tuple[int, int]) -> bool:
        """A click in the log: a filter button, or a line (the map centres where it happened)."""
        for b in panel.log_buttons(self):
            if b.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)):
                return True
        for rect, _, _, line in panel.log_rows(self):
            if rect.collidepoint(pos):
                if line.hex >= 0:
                    self.view.centre_on(line.hex)
                    self.flash = (line.hex, 1.2)
                return True
        return panel.log_rect(self).collidepoint(pos)

    def toggle_turn_track(self) -> None:
        self.show_turn_track = not self.show_turn_track
        self.show_objectives = False
        self.sync_toggles()

    def toggle_objectives(self) -> None:
        self.show_turn_track = False
        self.show_objectives = not self.show_objectives
        self.sync_toggles()

    def toggle_help(self) -> None:
        self.show_help = not self.show_help
        self.sync_toggles()

    def open_menu(self) -> None:
        from ui.screens.pause import PauseMenu
        self.app.push(PauseMenu(self.app, self))

    def toast(self, text: str, kind: str = "info", ttl: float = 4.0) -> None:
        self.toasts.append(Toast(text, kind, ttl))
        self.toasts = self.toasts[-3:]

    def quick_save(self, new_file: bool = False) -> None:
        try:
            path = self.session.save_named() if new_file else self.session.save(saves_dir() / "quicksave.json")
        except OSError as exc:
            self.toast(f"Could not save: {exc.strerror or exc}", "error")
            return
        self.toast(f"Saved to {path}", "info", 3.0)

    def quick_load(self) -> None:
        path = saves_dir() / "quicksave.json"
        if not path.exists():
            self.toast("No quick save yet (F5 makes one)", "error")
            return
        self.load_session(path)

    def load_session(self, path) -> bool:
        try:
            session = Session.load(path)
        except (engine.ScenarioError, OSError) as exc:
            self.toast(f"Could not load: {exc}", "error", 6.0)
            return False
        self.app.replace_game(session)
        return True

    # -- the advance-after-combat prompt ------------------------------------------------------
    def advance_choice(self) -> tuple[int, list[int]] | None:
        st = self.game.state
        if st.advance is None or not self.session.human_to_move:
            return None
        hex_, units = st.advance
        key = (id(self.game), len(self.game.orders))
        if self.advance_dismissed == key:
            return None
        return int(hex_), [int(u) for u in units]

    def advance_buttons(self) -> list[Button]:
        choice = self.advance_choice()
        if choice is None:
            return []
        hex_, units = choice
        a = self.app
        w = a.scaled(230)
        h = a.scaled(28)
        n = len(units) + 1
        box = self.advance_box(n)
        out = []
        y = box.y + a.scaled(34)
        for u in units:
            r = pygame.Rect(box.centerx - w // 2, y, w, h)
            out.append(Button(r, f"Advance {self.sc.units[u].short}", self._advance_action(u)))
            y += h + a.scaled(4)
        r = pygame.Rect(box.centerx - w // 2, y, w, h)
        out.append(Button(r, "Stay", self.dismiss_advance))
        return out

    def advance_box(self, n: int) -> pygame.Rect:
        a = self.app
        h = a.scaled(40) + n * a.scaled(32)
        w = a.scaled(260)
        r = pygame.Rect(0, 0, w, h)
        r.midbottom = (self.view.rect.centerx, self.view.rect.bottom - a.scaled(60))
        return r

    def dismiss_advance(self) -> None:
        self.advance_dismissed = (id(self.game), len(self.game.orders))

    # -- input ----------------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> None:
        t = event.type
        if t == pygame.KEYDOWN:
            if event.key in self.keys_down and event.key not in REPEATABLE:
                return                   # a held key repeats only where repeating makes sense (pan, zoom)
            self.keys_down.add(event.key)
            if event.key in (pygame.K_LSHIFT, pygame.K_RSHIFT):
                self.shift = True
            self.on_key(event)
            return
        if t == pygame.KEYUP:
            self.keys_down.discard(event.key)
            if event.key in (pygame.K_LSHIFT, pygame.K_RSHIFT):
                self.shift = False
            return
        if t == pygame.MOUSEWHEEL:
            if panel.log_rect(self).collidepoint(self.app.mouse):
                self.log_scroll = max(0, self.log_scroll + (3 if event.y > 0 else -3))
            elif self.view.rect.collidepoint(self.app.mouse):
                self.view.zoom_at(1 if event.y > 0 else -1, self.app.mouse)
            return
        if t == pygame.MOUSEMOTION:
            for b in self.buttons:
                b.handle(event)
            if self.minimap_drag:
                self.minimap_to(event.pos)
            elif self.press is not None:
                if not self.dragging and math.hypot(event.pos[0] - self.press[0], event.pos[1] - self.press[1]) > DRAG:
                    self.dragging = True
                if self.dragging:
                    self.view.pan(-event.rel[0], -event.rel[1])
            hover = self.view.hex_at(event.pos)
            if hover != self.hover:
                self.hover_time = 0.0
            self.hover = hover
            return
        if t == pygame.MOUSEBUTTONDOWN:
            if event.button in (4, 5):
                return
            if self.tutorial is not None:
                for b in self.tutorial.buttons(self):
                    if b.handle(event):
                        return
            for b in self.advance_buttons():
                if b.handle(event):
                    return
            for b in self.buttons:
                if b.handle(event):
                    return
            if event.button == 1 and self.panel.collidepoint(event.pos) and (self.click_inspector(event.pos) or self.click_log(event.pos)):
                return
            if self.minimap_rect.collidepoint(event.pos) and event.button == 1:
                self.minimap_drag = True
                self.minimap_to(event.pos)
                return
            if self.view.rect.collidepoint(event.pos):
                if event.button == 1:
                    self.press = event.pos
                    self.dragging = False
                elif event.button == 3:
                    self.order_at(self.view.hex_at(event.pos))
            return
        if t == pygame.MOUSEBUTTONUP:
            if event.button == 1:
                self.minimap_drag = False
                if self.press is not None and not self.dragging:
                    self.click(self.view.hex_at(event.pos), shift=self.shift or bool(pygame.key.get_mods() & pygame.KMOD_SHIFT))
                self.press = None
                self.dragging = False

    def minimap_to(self, pos: tuple[int, int]) -> None:
        r = self.minimap_rect
        fx = min(1.0, max(0.0, (pos[0] - r.x) / r.width))
        fy = min(1.0, max(0.0, (pos[1] - r.y) / r.height))
        self.view.centre_world(fx, fy)

    def on_key(self, event: pygame.event.Event) -> None:
        k = event.key
        ctrl = bool(event.mod & pygame.KMOD_CTRL) if hasattr(event, "mod") else False
        if k == pygame.K_F1:
            self.toggle_help()
        elif k == pygame.K_ESCAPE:
            # One thing per press: the open panel, else the mode, else the selection, else the menu.
            if self.show_help:
                self.show_help = False
            elif self.show_objectives:
                self.show_objectives = False
            elif self.show_turn_track:
                self.show_turn_track = False
            elif self.log_expanded:
                self.log_expanded = False
            elif self.rail_mode:
                self.rail_mode = False
            elif self.replay_queue or (self.anim is not None and not self.session.ai_to_move):
                self.replay_queue = []
                self.anim = None
            elif self.selection:
                self.selection = []
            else:
                self.open_menu()
            self.sync_toggles()
        elif k == pygame.K_e:
            self.end_phase()
        elif (k == pygame.K_z and ctrl) or k == pygame.K_u:
            self.undo()
        elif k == pygame.K_s and ctrl:
            self.quick_save(new_file=True)
        elif k == pygame.K_s:
            self.toggle_overlay("supply")
        elif k == pygame.K_c:
            self.toggle_overlay("control")
        elif k == pygame.K_a:
            self.toggle_arrows()
        elif k == pygame.K_o:
            self.toggle_objectives()
        elif k == pygame.K_l:
            self.toggle_log()
        elif k == pygame.K_g:
            self.select_stack()
        elif k == pygame.K_k:
            self.toggle_turn_track()
        elif k == pygame.K_m:
            self.app.settings.mute = not self.app.settings.mute
            self.toast("Sound off (M: on)" if self.app.settings.mute else f"Sound on: {self.app.settings.volume} (M: off)", "info", 1.5)
        elif k == pygame.K_TAB:
            self.cycle_stack()
        elif k == pygame.K_n:
            self.next_ready_unit()
        elif k == pygame.K_r:
            self.replace_step()
        elif k == pygame.K_t:
            self.toggle_rail()
        elif k == pygame.K_i:
            self.interdict(self.hover)
        elif k == pygame.K_SPACE:
            if self.session.ai_to_move:
                self.skip_ai = True
        elif k in (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4):
            speed = list(AI_SPEEDS)[k - pygame.K_1]
            self.app.settings.ai_speed = speed
            self.toast(f"AI playback speed: {speed}", "info", 1.5)
        elif k == pygame.K_p:
            self.paused = not self.paused
            self.toast("Paused" if self.paused else "Resumed", "info", 1.5)
        elif k in (pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET):
            left = int(self.game.state.air_left[self.game.state.side])
            cap = self.sc.rules.combat.max_air_points_per_attack if self.sc.rules.combat else 0
            self.air = max(0, min(min(left, cap), self.air + (1 if k == pygame.K_RIGHTBRACKET else -1)))
        elif k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.view.zoom_at(1, self.app.mouse if self.view.rect.collidepoint(self.app.mouse) else None)
        elif k in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.view.zoom_at(-1, self.app.mouse if self.view.rect.collidepoint(self.app.mouse) else None)
        elif k == pygame.K_HOME:
            self.centre_on_front()
        elif k == pygame.K_v:
            if self.last_enemy_turn():
                self.replay_moves(self.last_enemy_turn())
        elif k == pygame.K_F5:
            self.quick_save()
        elif k == pygame.K_F9:
            self.quick_load()

    def click(self, i: int, shift: bool = False) -> None:
        """A left click on hex i."""
        if i < 0:
            self.selection = []
            return
        if not self.session.human_to_move:
            return
        stacks, _ = self.scene()
        choice = self.advance_choice()
        if choice is not None and i == choice[0]:
            movers = [u for u in self.selection if u in choice[1]] or choice[1]
            self.give(engine.Advance(self.sc.units[movers[0]].id))
            return
        self.inspect = i if stacks.get(i) else -1
        if self.own_in(i):
            units = stacks[i]
            if shift:
                # Add the stack's units one by one, top first; once all are in, take them all out.
                missing = [u for u in reversed(units) if u not in self.selection]
                if missing:
                    self.selection.append(missing[0])
                else:
                    self.selection = [u for u in self.selection if u not in units]
                return
            if self.selection and len(self.selection) == 1 and int(self.shown_state().unit_hex[self.selection[0]]) == i and len(units) > 1:
                self.cycle_stack(i)
                return
            self.selection = [units[-1]]
            self.rail_mode = False
            return
        self.order_at(i)

    def order_at(self, i: int) -> None:
        """Move or attack at hex i with the selection (the engine decides if it may)."""
        if i < 0 or not self.selection:
            if not self.enemy_in(i):
                self.selection = []
            return
        if not self.session.human_to_move:
            return
        if self.enemy_in(i):
            attackers = self.attackers_for(i)
            if not attackers:
                self.toast(f"No selected unit is next to {self.sc.map.place(i)}", "error")
                return
            if self.give(engine.Attack(tuple(self.sc.units[a].id for a in attackers), self.sc.map.hex(i), self.air)) is not None:
                self.air = 0             # air support is chosen per attack: the next one starts with none
            return
        u = self.selection[0]
        if int(self.shown_state().unit_hex[u]) == i:
            return
        if self.rail_mode:
            if self.give(engine.Rail(self.sc.units[u].id, self.sc.map.hex(i))) is not None:
                self.rail_mode = False
            return
        self.give(engine.Move(self.sc.units[u].id, self.sc.map.hex(i)))

    def toggle_rail(self) -> None:
        """Rail mode for the selected unit: its range shows the hexes a train takes it to."""
        if self.rail_mode:
            self.rail_mode = False
            return
        if not self.selection:
            self.toast("Select a unit on a railway to move it by train", "error", 2.0)
            return
        why = self.query().why_no_rail(self.sc.units[self.selection[0]].id)
        if why is not None:
            self.toast(why, "error", 3.0)
            return
        self.rail_mode = True
        self.toast("Rail move: click where the train should take the unit (T: cancel)", "info", 3.0)

    def interdict(self, i: int) -> None:
        """Spend air points to interdict the hex under the mouse."""
        if i < 0:
            self.toast("Point at the hex to interdict, then press I", "error", 2.0)
            return
        events = self.give(engine.Interdict(self.sc.map.hex(i)))
        if events:
            self.toast(f"{self.sc.map.place(i)} interdicted until your next turn; {events[0]['air_left']} air points left", "info", 3.0)

    def replace_step(self) -> None:
        """Spend a replacement point on the selected unit (the engine says if it may)."""
        if not self.selection:
            self.toast("Select a unit to receive a replacement step", "error", 2.0)
            return
        events = self.give(engine.Replace(self.sc.units[self.selection[0]].id))
        if events:
            e = events[0]
            points = f"{e['points']} replacement point{'s' if e['points'] != 1 else ''}"
            self.toast(f"{self.sc.unit(e['unit']).name} rebuilt to {e['left']} steps; {points} left", "info", 3.0)

    def cycle_stack(self, i: int | None = None) -> None:
        """Tab: the next counter of the stack on top. With one unit selected the selection follows
        the top counter; a selection of several units is kept."""
        if i is None:
            i = int(self.shown_state().unit_hex[self.selection[-1]]) if self.selection else self.hover
        stacks, _ = self.scene()
        units = stacks.get(i)
        if not units or len(units) < 2:
            return
        self.rotate[i] = self.rotate.get(i, 0) + 1
        stacks, _ = self.scene()
        top = stacks[i][-1]
        if self.sc.units[top].side == self.game.state.side and self.session.human_to_move and len(self.selection) <= 1:
            self.selection = [top]

    def inspected(self) -> list[int]:
        """The units of the stack the inspector shows (the selection's hex, or the last hex clicked), top first."""
        stacks, _ = self.scene()
        i = int(self.shown_state().unit_hex[self.selection[-1]]) if self.selection else self.inspect
        units = stacks.get(i, []) if i >= 0 else []
        return list(reversed(units)) if len(units) > 1 else []

    def select_stack(self) -> None:
        """G: every unit of the inspected stack that is the player's to order."""
        units = [u for u in self.inspected() if self.sc.units[u].side == self.game.state.side]
        if not units or not self.session.human_to_move:
            self.toast("Select a unit of a stack first: G then selects the whole stack", "info", 2.5)
            return
        self.selection = [u for u in self.selection if u not in units] + units
        self.rail_mode = False

    def toggle_unit(self, u: int) -> None:
        """A click on a unit's row in the stack inspector: in or out of the selection."""
        if self.sc.units[u].side != self.game.state.side or not self.session.human_to_move:
            return
        if u in self.selection:
            self.selection.remove(u)
        else:
            self.selection.append(u)
        self.rail_mode = False

    def ready_movers(self, st) -> list[int]:
        """The side's units the engine lets move now (cached until the state changes)."""
        def make() -> list[int]:
            q = self.query()
            return [u.index for u in self.sc.units if u.side == st.side and st.active(u.index) and q.why_cannot_move(u.id) is None]
        return self._cached("movers", self._key(), make)

    def ready_attackers(self, st) -> list[int]:
        """The side's units that may still attack an enemy next to them (from the engine's legal orders)."""
        def make() -> list[int]:
            units = {a for o in self.query().legal_orders(moves=False) if isinstance(o, engine.Attack) for a in o.attackers}
            return [self.sc.unit_index[a] for a in sorted(units, key=self.sc.unit_index.get)]
        return self._cached("attackers", self._key(), make)

    def next_ready_unit(self) -> None:
        if not self.session.human_to_move:
            return
        st = self.shown_state()
        ids = self.ready_attackers(st) if self.game.phase == "combat" else self.ready_movers(st)
        if not ids:
            self.toast("Every unit has attacked" if self.game.phase == "combat" else "No unit can move in this phase", "info", 2.0)
            return
        start = ids.index(self.selection[0]) + 1 if self.selection and self.selection[0] in ids else 0
        u = ids[start % len(ids)]
        self.selection = [u]
        self.view.centre_on(int(st.unit_hex[u]))

    # -- update ---------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        for tst in self.toasts:
            tst.ttl -= dt
        self.toasts = [t for t in self.toasts if t.ttl > 0]
        if self.flash is not None:
            self.flash = (self.flash[0], self.flash[1] - dt) if self.flash[1] > dt else None
        if self.hover >= 0:
            self.hover_time += dt
        if self.flagged is not None and self.app.top is self:
            self.flagged = (self.flagged[0], self.flagged[1] - dt) if self.flagged[1] > dt else None
        self._pan(dt)
        if self.anim is not None:
            self.anim.t += dt
            if self.anim.t >= self.anim.duration:
                self.anim = None
        if self.anim is None and self.replay_queue:
            self._next_replay()
        if self.tutorial is not None:
            self.tutorial.update(self)
        if self.game.over:
            if not self._victory_shown:
                self._victory_shown = True
                from ui.screens.victory import VictoryScreen
                self.app.push(VictoryScreen(self.app, self.session))
            return
        if self.session.remote_to_move and self._sent != len(self.game.orders):
            self.send_turn()
        if self.session.ai_to_move and not self.paused:
            self._play_ai(dt)
        else:
            self.skip_ai = False

    def _pan(self, dt: float) -> None:
        dx = dy = 0.0
        keys = self.keys_down
        if pygame.K_LEFT in keys:
            dx -= 1
        if pygame.K_RIGHT in keys:
            dx += 1
        if pygame.K_UP in keys:
            dy -= 1
        if pygame.K_DOWN in keys:
            dy += 1
        if self.app.settings.edge_pan and self.app.mouse_seen and pygame.mouse.get_focused():
            mx, my = self.app.mouse
            w, h = self.app.size
            if mx <= EDGE:
                dx -= 1
            elif mx >= w - 1 - EDGE:
                dx += 1
            if my <= EDGE:
                dy -= 1
            elif my >= h - 1 - EDGE:
                dy += 1
        if dx or dy:
            self.view.pan(dx * PAN_SPEED * dt, dy * PAN_SPEED * dt)

    def _play_ai(self, dt: float) -> None:
        if self.skip_ai or self.app.settings.ai_delay <= 0:
            side = self.session.active
            for _ in range(2000):
                if not self.session.ai_to_move or self.session.active != side:
                    break
                _, events = self.session.ai_step()
                self._after_events(events, ai=True)
            self.skip_ai = False
            self.anim = None
            self._check_curtain()
            return
        if self.anim is not None:
            return
        self.ai_timer -= dt
        if self.ai_timer > 0:
            return
        order, events = self.session.ai_step()
        self._after_events(events, ai=True)
        if not events:
            self.ai_timer = 0.0          # refused: the agent tries something else at once
        elif isinstance(order, engine.EndPhase):
            self.ai_timer = self.app.settings.ai_delay * 2
        else:
            self.ai_timer = self.app.settings.ai_delay
        if isinstance(order, engine.EndPhase):
            self._check_curtain()

    def _check_curtain(self) -> None:
        """Hot-seat with fog of war: hide the map while the players change places."""
        s = self.session
        if not s.human_to_move:
            return
        handed_over = self._last_human != s.active or self._report_from is not None
        if handed_over:
            self.restore_view(s.active)
            self.app.sounds.play("turn")
        if self._report_from is not None and s.mode not in ("hotseat", "watch"):
            events = self.visible(self.game.events[self._report_from:])
            self._report_from = None
            if any(e.side != s.active for e in events):
                from ui.screens.game.report import TurnReport, build_report
                self.app.push(TurnReport(self.app, self, build_report(events, self.sc, s.active), events))
        self._report_from = None
        if s.mode == "hotseat" and s.fog and self._last_human is not None and self._last_human != s.active:
            from ui.screens.pause import Curtain
            self.app.push(Curtain(self.app, self, s.scenario.sides[s.scenario.side_index(s.active)].name))
        elif s.mode not in ("hotseat", "watch"):
            g = self.game
            self.toast(f"{g.phase_title} phase, turn {g.turn}, {g.date:%d %b %Y}: {sequence.HELP[g.phase]}", "info", 3.5)
        self._last_human = s.active

    def last_enemy_turn(self) -> list[engine.Event]:
        """The events since the player's side last ended its turn (the enemy's turn, for V)."""
        side = self.session.viewer or self.session.active
        events = self.game.events
        end = len(events)
        while end > 0 and events[end - 1].side == side:
            end -= 1
        start = end
        while start > 0 and events[start - 1].side != side:
            start -= 1
        return list(events[start:end])

    def send_turn(self) -> None:
        """Play by e-mail: the opponent's turn has come; write the turn file and say where it is."""
        from ui.pbem import write_turn
        from ui.screens.confirm import Confirm

        self._sent = len(self.game.orders)
        try:
            path = write_turn(self.session)
        except OSError as exc:
            self.toast(f"Could not write the turn file: {exc.strerror or exc}", "error", 6.0)
            return
        self.session.saved_version = self.session.version
        other = self.sc.sides[self.sc.side_index(self.session.active)].name
        self.last_turn_file = path
        self.app.push(Confirm(self.app, "Turn file written", f"Send {path} to {other}'s player. Their answer opens with "
                              f"`wargame play --pbem FILE`.", [("OK", lambda: None)]))

    def replay_moves(self, events: list[engine.Event]) -> None:
        """V: play the enemy's moves again on the map (the counters end where they stand now)."""
        from ui.screens.game.report import enemy_moves

        side = self.session.viewer or self.session.active
        self.replay_queue = enemy_moves(self.visible(events), self.sc, side)
        if not self.replay_queue:
            self.toast("No enemy move to replay", "info", 2.0)

    def _next_replay(self) -> None:
        u, hexes = self.replay_queue.pop(0)
        geo = self.view.geo
        pts = [((geo.cx[i] - geo.ox) / geo.s, (geo.cy[i] - geo.oy) / geo.s) for i in hexes]
        self.anim = Anim(u, pts, 0.0, min(1.2, 0.12 * len(hexes) + 0.15))
        x, y = self.view.to_screen(hexes[-1])
        if not self.view.rect.inflate(-80, -80).collidepoint(x, y):
            self.view.centre_on(hexes[-1])

    def _advance_action(self, u: int) -> Callable[[], None]:
        def advance() -> None:
            self.give(engine.Advance(self.sc.units[u].id))
        return advance

    def _sync_log(self, rebuild: bool = False) -> None:
        g = self.game
        if rebuild or self._log_game is not g:
            if self._log_game is not None and not rebuild:
                rebuild = True
            self.log = [] if rebuild or self._log_game is None else self.log
            self._log_game = g
            self._log_upto = 0
        self.log.extend(eventlog.log_lines(self.visible(g.events[self._log_upto:]), self.sc))
        self._log_upto = len(g.events)
        self.log = self.log[-2000:]

    def visible(self, events: list[engine.Event]) -> list[engine.Event]:
        """The events the player may know of (all of them without fog of war)."""
        if self.session.fog and self.session.viewer is not None:
            return visible_events(self.game, self.sc.side_index(self.session.viewer), events)
        return events

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        """The map and its layers, bottom to top, then the bar, the panel and the dialogs."""
        v = self.view
        st = self.shown_state()
        v.set_mines(st.mines)         # redraws only the map tiles whose minefields changed
        v.draw_static(surface)
        ctx = DrawContext(self, st, self.reachable(self.selection[0]) if len(self.selection) == 1 else {})
        if self.overlay == "control":
            self.layers.control.draw(surface, ctx)
        elif self.overlay == "supply":
            self.layers.supply.draw(surface, ctx)
        self.layers.costs.draw(surface, ctx)
        if self.show_arrows:
            self.layers.arrows.draw(surface, ctx)
        self.layers.interdiction.draw(surface, ctx)
        stacks, looks = self.scene()
        moving = None
        if self.anim is not None:
            moving = {self.anim.unit: self._anim_pos(self.anim)}
        v.draw_units(surface, stacks, looks, moving, control=st.control)     # names and stars under the counters
        self.layers.selection.draw(surface, ctx)
        if self.flash is not None:
            v.draw_hex_outline(surface, self.flash[0], self.pal.accent, 4, 1.0)
        if self.flagged is not None:
            for u in self.flagged[0]:
                if st.unit_hex[u] >= 0:
                    v.draw_hex_outline(surface, int(st.unit_hex[u]), self.pal.out_of_supply, 3, 0.9)
        if self.overlay == "supply":
            self.layers.supply_legend.draw(surface, ctx)
        elif self.overlay == "control":
            self.layers.control_legend.draw(surface, ctx)
        panel.draw_bar(self, surface)
        panel.draw_side_panel(self, surface)
        if self.show_objectives:
            dialogs.draw_objectives(self, surface)
        elif self.show_turn_track:
            turntrack.draw_turn_track(self, surface)
        dialogs.draw_advance(self, surface)
        dialogs.draw_status(self, surface)
        dialogs.draw_toasts(self, surface)
        if self.tutorial is not None:
            self.tutorial.draw(self, surface)
        tooltip.draw_tooltip(self, surface)
        if self.show_help:
            dialogs.draw_help(self, surface)

    def _anim_pos(self, anim: Anim) -> tuple[float, float]:
        geo = self.view.geo
        pts = anim.points
        f = min(1.0, anim.t / anim.duration) * (len(pts) - 1)
        k = min(len(pts) - 2, int(f))
        t = f - k
        ux = pts[k][0] + (pts[k + 1][0] - pts[k][0]) * t
        uy = pts[k][1] + (pts[k + 1][1] - pts[k][1]) * t
        return geo.ox + ux * geo.s, geo.oy + uy * geo.s

    def supply_field(self, st) -> tuple[np.ndarray, np.ndarray, int]:
        side = self.own_side()
        if side is None:
            side = st.side

        def make():
            reach, connected = supply.trace(st, side)
            return reach, connected, side
        return self._cached("supply", self._key() + (side,), make)

    def supply_units(self, st) -> tuple[np.ndarray, np.ndarray]:
        """Hexes of the overlay side's own units that have no path to any source (cut off) and
        that have a path but are beyond the sources' range (out of range), by the live trace."""
        reach, connected, side = self.supply_field(st)

        def make():
            on = (st.unit_status == Status.ACTIVE) & (st.unit_hex >= 0) & (st.unit_sides() == side)
            hexes = np.unique(st.unit_hex[on].astype(np.int64))
            cut = hexes[connected[hexes] < 0]
            far = hexes[(reach[hexes] < 0) & (connected[hexes] >= 0)]
            return cut, far
        return self._cached("supply_units", self._key() + (side,), make)

    def supply_colours(self) -> dict[str, tuple]:
        pal = self.pal
        in_range = (120, 200, 120) if not pal.side_override else (86, 180, 233)
        return {"in": (*in_range, 60), "far": (*pal.out_of_supply, 70), "none": (*darker(pal.isolated, 0.1), 120),
                "cut": (*pal.isolated, 70)}

















