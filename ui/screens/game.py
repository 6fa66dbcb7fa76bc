"""The map screen: the map, the side panel, orders by mouse and keys, AI playback.

Everything shown is asked of the engine (`reachable`, `path`, `preview`, supply traces,
victory score); every order goes through `Game.apply`, and a refused order shows the
engine's own message.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pygame

import engine
from engine import entrenchment, movement, replacements, rivers, sequence, supply, victory
from engine.fog import visible_events
from engine.state import SUPPLY_NAMES, Status, Supply
from ui import eventlog
from ui.drawing import fonts
from ui.drawing.counters import SIZE_MARKS, fmt_value
from ui.drawing.mapart import minimap_image
from ui.drawing.palette import darker, lighter, palette
from ui.drawing.scene import unit_looks
from ui.drawing.view import DEFAULT_ZOOM, MapView, side_colour
from ui.session import Session, describe_mode
from ui.settings import AI_SPEEDS, saves_dir
from ui.stack import Screen, ScreenStack
from ui.widgets import Button, TextCursor, draw_panel

PAN_SPEED = 900.0       # pixels per second for keys and screen-edge panning
EDGE = 6                # pixels from the window edge that pan the map
DRAG = 5                # a press that moves less than this is a click

HELP = [
    ("Mouse", ""),
    ("Left click", "select a unit (again: next unit of the stack); order a move or attack"),
    ("Shift + click", "add or remove a unit from the selection (several attackers)"),
    ("Right click", "move the selected unit, or attack with the selection"),
    ("Drag / wheel", "pan the map / zoom around the cursor"),
    ("Minimap", "click or drag to move the view"),
    ("Keys", ""),
    ("E", "end the phase"),
    ("U, Ctrl+Z", "undo the last move (if it revealed nothing)"),
    ("Tab / N", "next unit in the stack / next unit that can still act"),
    ("[ and ]", "fewer / more air points for the next attack"),
    ("R", "spend a replacement point: one step back for the selected unit"),
    ("T", "rail move: show where a train takes the selected unit; click there (T again: cancel)"),
    ("I", "interdict the hex under the mouse with air points (slows the enemy, stops its trains)"),
    ("S / C / A / O", "supply overlay / control overlay / arrows / objectives and VP"),
    ("Arrows, + and -", "pan and zoom;  Home: whole map"),
    ("Space", "skip the AI's playback;  P: pause watching"),
    ("1 / 2 / 3 / 4", "AI playback speed: slow / normal / fast / instant"),
    ("F5 / F9 / Ctrl+S", "quick save / quick load / save as new file"),
    ("Esc", "clear the selection, close a panel, or open the menu"),
    ("F1", "this help"),
    ("Counters", ""),
    ("6-7-4", "attack - defence - movement at the steps left; pips: steps"),
    ("Markers", "S amber: out of supply;  I red: isolated;  ▶ moved;  ✕ attacked; dimmed: done"),
]


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


class GameScreen(Screen):
    def __init__(self, app: ScreenStack, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.pal = palette(app.settings.colour_blind)
        self.view = MapView(session.scenario, self.pal, pygame.Rect(0, 0, 100, 100))
        self.selection: list[int] = []
        self.hover = -1
        self.rotate: dict[int, int] = {}
        self.overlay: str | None = None          # "supply" / "control"
        self.show_arrows = app.settings.show_arrows
        self.show_objectives = False
        self.show_help = False
        self.air = 0
        self.rail_mode = False         # T: the selected unit's next order is a rail move
        self.toasts: list[Toast] = []
        self.log: list[tuple[str, str]] = []
        self._log_game = None
        self._log_upto = 0
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
            ("Help", self.toggle_help, "F1", 70), ("Menu", self.open_menu, "Esc", 78),
        ]
        x = a.scaled(6)
        self.buttons = []
        for label, action, key, width in specs:
            r = pygame.Rect(x, a.scaled(4), a.scaled(width), self.bar_h - a.scaled(8))
            self.buttons.append(Button(r, label, action, key))
            x = r.right + a.scaled(5)
        self.button = {b.label: b for b in self.buttons}

    def resize(self, size: tuple[int, int]) -> None:
        self.layout(size)

    def _initial_view(self) -> None:
        v = self.view
        v.fit()
        if v.level < DEFAULT_ZOOM - 1:
            # A big map: start close enough to read the counters, over the player's units.
            v.level = DEFAULT_ZOOM
            side = self.session.viewer or self.session.active
            si = self.session.scenario.side_index(side)
            st = self.session.game.state
            mine = np.flatnonzero((st.unit_status == Status.ACTIVE) & (st.unit_sides() == si))
            if len(mine):
                geo = v.geo
                hexes = st.unit_hex[mine]
                v.cam_x = float(np.median(geo.cx[hexes])) - v.rect.width / 2
                v.cam_y = float(np.median(geo.cy[hexes])) - v.rect.height / 2
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
            self.log.append((exc.message, "error"))
            return None
        self._after_events(events, ai=False)
        return events

    def _after_events(self, events: list[engine.Event], ai: bool) -> None:
        self._sync_log()
        st = self.game.state
        for e in events:
            if e.kind == "combat":
                d = e.data
                target = self.sc.map.label(self.sc.map.parse(d["target"]))
                self.toast(f"{target}: odds {d['odds']}, column {d['column']}, roll {d['roll']} → {d['result']}: {d['description']}", "combat", 5.0)
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

    def end_phase(self) -> None:
        if self.session.human_to_move:
            if self.give(engine.EndPhase()) is not None:
                self.selection = []
                self.rail_mode = False
                self.ai_timer = 0.4
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
        self.button["Supply"].toggled = self.overlay == "supply"
        self.button["Control"].toggled = self.overlay == "control"

    def toggle_arrows(self) -> None:
        self.show_arrows = not self.show_arrows
        self.app.settings.show_arrows = self.show_arrows

    def toggle_objectives(self) -> None:
        self.show_objectives = not self.show_objectives

    def toggle_help(self) -> None:
        self.show_help = not self.show_help

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
            out.append(Button(r, f"Advance {self.sc.units[u].short}", lambda u=u: self.give(engine.Advance(self.sc.units[u].id))))
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
            if self.view.rect.collidepoint(self.app.mouse):
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
            self.hover = self.view.hex_at(event.pos)
            return
        if t == pygame.MOUSEBUTTONDOWN:
            if event.button in (4, 5):
                return
            for b in self.advance_buttons():
                if b.handle(event):
                    return
            for b in self.buttons:
                if b.handle(event):
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
            if self.show_help:
                self.show_help = False
            elif self.show_objectives:
                self.show_objectives = False
            elif self.selection:
                self.selection = []
            else:
                self.open_menu()
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
            self.view.fit()
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
        if self.own_in(i):
            units = stacks[i]
            if shift:
                top = units[-1]
                if top in self.selection:
                    self.selection.remove(top)
                else:
                    self.selection.append(top)
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
                self.toast(f"No selected unit is next to {self.sc.map.label(i)}", "error")
                return
            self.give(engine.Attack(tuple(self.sc.units[a].id for a in attackers), self.sc.map.hex(i), self.air))
            self.air = min(self.air, int(self.game.state.air_left[self.game.state.side]))
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
            self.toast(f"{self.sc.map.label(i)} interdicted until your next turn; {events[0]['air_left']} air points left", "info", 3.0)

    def replace_step(self) -> None:
        """Spend a replacement point on the selected unit (the engine says if it may)."""
        if not self.selection:
            self.toast("Select a unit to receive a replacement step", "error", 2.0)
            return
        events = self.give(engine.Replace(self.sc.units[self.selection[0]].id))
        if events:
            e = events[0]
            self.toast(f"{self.sc.unit(e['unit']).name} rebuilt to {e['left']} steps; {e['points']} replacement point{'s' if e['points'] != 1 else ''} left", "info", 3.0)

    def cycle_stack(self, i: int | None = None) -> None:
        if i is None:
            i = int(self.shown_state().unit_hex[self.selection[0]]) if self.selection else self.hover
        stacks, _ = self.scene()
        units = stacks.get(i)
        if not units or len(units) < 2:
            return
        self.rotate[i] = self.rotate.get(i, 0) + 1
        stacks, _ = self.scene()
        top = stacks[i][-1]
        if self.sc.units[top].side == self.game.state.side and self.session.human_to_move:
            self.selection = [top]

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
        self._pan(dt)
        if self.anim is not None:
            self.anim.t += dt
            if self.anim.t >= self.anim.duration:
                self.anim = None
        if self.game.over:
            if not self._victory_shown:
                self._victory_shown = True
                from ui.screens.victory import VictoryScreen
                self.app.push(VictoryScreen(self.app, self.session))
            return
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
        if s.mode == "hotseat" and s.fog and self._last_human is not None and self._last_human != s.active:
            from ui.screens.pause import Curtain
            self.app.push(Curtain(self.app, self, s.scenario.sides[s.scenario.side_index(s.active)].name))
        elif s.mode not in ("hotseat", "watch"):
            g = self.game
            self.toast(f"{g.phase_title} phase, turn {g.turn}, {g.date:%d %b %Y}: {sequence.HELP[g.phase]}", "info", 3.5)
        self._last_human = s.active

    def _sync_log(self, rebuild: bool = False) -> None:
        g = self.game
        if rebuild or self._log_game is not g:
            if self._log_game is not None and not rebuild:
                rebuild = True
            self.log = [] if rebuild or self._log_game is None else self.log
            self._log_game = g
            self._log_upto = 0
        new = g.events[self._log_upto:]
        if self.session.fog and self.session.viewer is not None:
            new = visible_events(g, self.sc.side_index(self.session.viewer), new)
        for e in new:
            line = eventlog.describe(e, self.sc)
            if line is not None:
                self.log.append(line)
        self._log_upto = len(g.events)
        self.log = self.log[-300:]

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        v = self.view
        v.draw_static(surface)
        st = self.shown_state()
        if self.overlay == "control":
            self._draw_control(surface, st)
        elif self.overlay == "supply":
            self._draw_supply(surface, st)
        sel_reach: dict[int, float] = {}
        if len(self.selection) == 1:
            sel_reach = self.reachable(self.selection[0])
            if sel_reach:
                v.draw_hex_fills(surface, np.fromiter(sel_reach.keys(), dtype=np.int64), self.pal.reach, 0.97)
                self._draw_costs(surface, sel_reach)
        if self.show_arrows:
            self._draw_arrows(surface)
        self._draw_interdiction(surface, st)
        stacks, looks = self.scene()
        moving = None
        if self.anim is not None:
            moving = {self.anim.unit: self._anim_pos(self.anim)}
        v.draw_units(surface, stacks, looks, moving)
        v.draw_stars(surface, st.control)
        self._draw_selection(surface, st, sel_reach)
        if self.overlay == "supply":
            self._draw_supply_legend(surface, st)
        self._draw_bar(surface)
        self._draw_panel(surface)
        if self.show_objectives:
            self._draw_objectives(surface)
        self._draw_advance(surface)
        self._draw_status(surface)
        self._draw_toasts(surface)
        if self.show_help:
            self._draw_help(surface)

    def _draw_costs(self, surface: pygame.Surface, reach: dict[int, float]) -> None:
        """The MP cost of each reachable hex, on the hex (where no counter covers it)."""
        v = self.view
        if v.s < 15:
            return
        stacks, _ = self.scene()
        size = max(9, int(v.s * 0.34))
        r = v.rect
        blits = []
        for i, cost in reach.items():
            if i in stacks or i == self.hover:
                continue
            x, y = v.to_screen(i)
            if not (r.x - v.s < x < r.right + v.s and r.y - v.s < y < r.bottom + v.s):
                continue
            t = v.stamps.label(fmt_value(cost), size, (60, 50, 20), (255, 248, 200))
            blits.append((t, (round(x - t.get_width() / 2), round(y - t.get_height() / 2))))
        clip = surface.get_clip()
        surface.set_clip(r)
        surface.blits(blits, doreturn=False)
        surface.set_clip(clip)

    def _anim_pos(self, anim: Anim) -> tuple[float, float]:
        geo = self.view.geo
        pts = anim.points
        f = min(1.0, anim.t / anim.duration) * (len(pts) - 1)
        k = min(len(pts) - 2, int(f))
        t = f - k
        ux = pts[k][0] + (pts[k + 1][0] - pts[k][0]) * t
        uy = pts[k][1] + (pts[k + 1][1] - pts[k][1]) * t
        return geo.ox + ux * geo.s, geo.oy + uy * geo.s

    def _draw_interdiction(self, surface: pygame.Surface, st) -> None:
        """Interdicted hexes: a cross in the colour of the side whose aircraft patrol them."""
        hexes = np.flatnonzero(st.interdicted >= 0)
        v = self.view
        for i in hexes.tolist():
            x, y = v.to_screen(i)
            if not v.rect.collidepoint(x, y):
                continue
            colour = side_colour(self.sc, int(st.interdicted[i]), self.pal)
            d = v.s * 0.45
            w = max(2, int(v.s / 9))
            pygame.draw.line(surface, colour, (x - d, y - d), (x + d, y + d), w)
            pygame.draw.line(surface, colour, (x - d, y + d), (x + d, y - d), w)

    def _draw_control(self, surface: pygame.Surface, st) -> None:
        vis = self.view.visible(pad=self.view.s)
        control = st.control[vis]
        for side in range(len(self.sc.sides)):
            colour = side_colour(self.sc, side, self.pal)
            self.view.draw_hex_fills(surface, vis[control == side], (*colour, 70), 0.99)

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

    def _draw_supply(self, surface: pygame.Surface, st) -> None:
        """The overlay side's supply picture: in range shaded, out of range lighter amber,
        no path at all hatched; the side's own cut-off units ringed (a pocket: one ring)."""
        reach, connected, side = self.supply_field(st)
        v = self.view
        col = self.supply_colours()
        vis = v.visible(pad=v.s)
        passable = ~self.sc.rules.impassable[self.sc.map.terrain[vis]]
        r, c = reach[vis], connected[vis]
        v.draw_hex_fills(surface, vis[passable & (r >= 0)], col["in"], 0.99)
        v.draw_hex_fills(surface, vis[passable & (r < 0) & (c >= 0)], col["far"], 0.99)
        v.draw_hex_hatch(surface, vis[passable & (c < 0)], col["none"])
        cut, far = self.supply_units(st)
        width = max(2, int(v.s / 12))
        if len(far):
            v.draw_area_outline(surface, far, self.pal.out_of_supply, width)
        if len(cut):
            v.draw_hex_fills(surface, cut, col["cut"], 0.99)
            v.draw_area_outline(surface, cut, self.pal.isolated, width + 1)
        # Supply sources of the side: a ring with the kind's initial.
        for src in self.sc.sources:
            if src.side != side:
                continue
            x, y = v.to_screen(src.hex)
            if not v.rect.collidepoint(x, y):
                continue
            self._draw_source(surface, (x, y - v.s * 0.45), max(6, int(v.s * 0.32)), src.kind[:1].upper())

    def _draw_source(self, surface: pygame.Surface, centre: tuple[float, float], r: int, letter: str) -> None:
        pygame.draw.circle(surface, (250, 250, 240), centre, r)
        pygame.draw.circle(surface, (40, 90, 40), centre, r, 2)
        t = fonts.text(letter, max(8, int(r * 1.2)), (40, 90, 40), True)
        surface.blit(t, t.get_rect(center=centre))

    def _draw_supply_legend(self, surface: pygame.Surface, st) -> None:
        """What the supply overlay's shades mean, in the map's upper right corner."""
        _, _, side = self.supply_field(st)
        cut, far = self.supply_units(st)
        v, pal, a = self.view, self.pal, self.app
        col = self.supply_colours()
        hs = a.scaled(9)                      # swatch hex size
        paper = (232, 228, 201, 255)
        stamps = v.stamps
        rows: list[tuple[str, list | None]] = [
            ("in supply range", [stamps.hex_fill(hs, paper), stamps.hex_fill(hs, col["in"])]),
            ("out of range (a path to a source)", [stamps.hex_fill(hs, paper), stamps.hex_fill(hs, col["far"])]),
            ("no path to any source", [stamps.hex_fill(hs, paper), stamps.hex_hatch(hs, col["none"])]),
            (f"own units cut off ({len(cut)} hex{'es' if len(cut) != 1 else ''})",
             [stamps.hex_fill(hs, paper), stamps.hex_hatch(hs, col["none"]), stamps.hex_fill(hs, col["cut"]),
              stamps.hex_outline(hs, darker(pal.isolated, 0.6), 4, 0.9), stamps.hex_outline(hs, pal.isolated, 2, 0.9)]),
            (f"own units out of range ({len(far)} hex{'es' if len(far) != 1 else ''})",
             [stamps.hex_fill(hs, paper), stamps.hex_fill(hs, col["far"]),
              stamps.hex_outline(hs, darker(pal.out_of_supply, 0.6), 4, 0.9), stamps.hex_outline(hs, pal.out_of_supply, 2, 0.9)]),
        ]
        kinds = sorted({src.kind for src in self.sc.sources if src.side == side})
        names = {"edge": "map edge"}
        if kinds:
            rows.append(("source: " + ", ".join(f"{k[:1].upper()} {names.get(k, k)}" for k in kinds), None))
        size = self.small
        title = fonts.text(f"Supply · {self.sc.sides[side].name}", size, pal.text, True)
        texts = [fonts.text(label, size, pal.text) for label, _ in rows]
        lh = max(2 * hs + a.scaled(3), fonts.font(size).get_linesize())
        pad = a.scaled(8)
        sw = 2 * hs + a.scaled(8)
        box = pygame.Rect(0, 0, max(title.get_width(), sw + max(t.get_width() for t in texts)) + 2 * pad,
                          title.get_height() + a.scaled(4) + len(rows) * lh + 2 * pad)
        # Top right: clear of the toasts and prompts (bottom, centre) and the objectives (top left).
        box.topright = (v.rect.right - a.scaled(10), v.rect.y + a.scaled(10))
        draw_panel(surface, box, pal, 235)
        surface.blit(title, (box.x + pad, box.y + pad))
        y = box.y + pad + title.get_height() + a.scaled(4)
        for (label, layers), t in zip(rows, texts):
            cx, cy = box.x + pad + hs + 1, y + lh // 2
            if layers is None:
                self._draw_source(surface, (cx, cy), hs - 1, kinds[0][:1].upper())
            else:
                for layer in layers:
                    surface.blit(layer, layer.get_rect(center=(cx, cy)))
            surface.blit(t, (box.x + pad + sw, cy - t.get_height() // 2))
            y += lh

    def _draw_arrows(self, surface: pygame.Surface) -> None:
        viewer = self.own_side() if self.session.fog else None
        arrows = self._cached("arrows", self._key(), lambda: eventlog.arrows(self.game.events, self.sc, self.game.turn, viewer))
        if not arrows:
            return
        turn = self.game.turn
        width = max(3, int(self.view.s / 7))
        for a in arrows:
            alpha = 230 if a.turn == turn else 120
            if a.kind == "move":
                colour = lighter(side_colour(self.sc, a.side, self.pal), 0.15)
                self.view.draw_arrow(surface, list(a.hexes), colour, width, shorten=self.view.s * 0.3, alpha=alpha)
            else:
                self.view.draw_arrow(surface, list(a.hexes), self.pal.target, width + 1, shorten=self.view.s * 0.55, alpha=alpha)

    def _draw_selection(self, surface: pygame.Surface, st, reach: dict[int, float]) -> None:
        v = self.view
        if 0 <= self.hover < self.sc.map.size:
            v.draw_hex_outline(surface, self.hover, self.pal.hover, max(1, int(v.s / 14)))
        for u in self.selection:
            i = int(st.unit_hex[u])
            if i >= 0:
                v.draw_hex_outline(surface, i, self.pal.select, max(2, int(v.s / 9)))
        if not self.selection or self.hover < 0:
            return
        h = self.hover
        if self.enemy_in(h) and self.attackers_for(h):
            v.draw_hex_outline(surface, h, self.pal.target, max(3, int(v.s / 7)), 0.86)
            for a in self.attackers_for(h):
                v.draw_arrow(surface, [int(st.unit_hex[a]), h], self.pal.target, max(2, int(v.s / 8)), shorten=v.s * 0.5)
            return
        if len(self.selection) == 1 and h in reach:
            path = self.path_to(self.selection[0], h)
            if len(path) >= 2:
                v.draw_arrow(surface, path, self.pal.path, max(2, int(v.s / 8)), shorten=v.s * 0.25)
            x, y = v.to_screen(h)
            t = v.stamps.label(f"{fmt_value(reach[h])} MP", max(10, int(v.s * 0.42)), (20, 20, 20), (255, 250, 210))
            surface.blit(t, t.get_rect(center=(x, y + v.s * 0.55)))

    def _draw_bar(self, surface: pygame.Surface) -> None:
        w = self.app.size[0]
        bar = pygame.Rect(0, 0, w, self.bar_h)
        surface.fill(darker(self.pal.panel, 0.25), bar)
        pygame.draw.line(surface, self.pal.panel_edge, (0, self.bar_h - 1), (w, self.bar_h - 1))
        human = self.session.human_to_move
        self.button["End phase"].enabled = human
        self.button["Undo"].enabled = self.session.can_undo()
        for b in self.buttons:
            b.draw(surface, self.pal, self.small)
        # Right side of the bar: whose phase.
        side = self.game.state.side
        name = self.sc.sides[side].name
        who = "your phase" if human and self.session.mode not in ("hotseat",) else ("AI" if not human else "hot-seat")
        phases = self.game.phases
        phase = f"{self.game.phase_title} phase ({self.game.state.phase + 1}/{len(phases)})" if len(phases) > 1 else ""
        t = fonts.text(" · ".join(x for x in (name, phase, who) if x), self.font, side_colour(self.sc, side, self.pal) if not self.pal.side_override else self.pal.text, True)
        right = self.buttons[-1].rect.right + self.app.scaled(10)
        if right + t.get_width() < w - self.app.scaled(8):
            pygame.draw.circle(surface, side_colour(self.sc, side, self.pal), (w - t.get_width() - self.app.scaled(22), self.bar_h // 2), self.app.scaled(6))
            surface.blit(t, (w - t.get_width() - self.app.scaled(10), (self.bar_h - t.get_height()) // 2))

    def _draw_panel(self, surface: pygame.Surface) -> None:
        p = self.panel
        pal = self.pal
        surface.fill(pal.panel, p)
        pygame.draw.line(surface, pal.panel_edge, p.topleft, p.bottomleft)
        self._draw_minimap(surface)
        pad = self.app.scaled(10)
        g = self.game
        st = g.state
        log_h = self.app.scaled(168)
        info = pygame.Rect(p.x + pad, self.minimap_rect.bottom + pad, p.width - 2 * pad, p.bottom - self.minimap_rect.bottom - 2 * pad - log_h)
        cur = TextCursor(surface, info, pal, self.font)
        date = g.date
        cur.line(f"Turn {g.turn} of {self.sc.turns} · {date:%d %b %Y}", bold=True)
        w = st.weather
        air = ", ".join(f"{s.name.split()[0]} {st.air_left[k]}" for k, s in enumerate(self.sc.sides))
        cur.line(f"Weather: {w}   Air points: {air}", pal.text_dim, size=self.small)
        ice = rivers.frozen_names(self.sc, st.turn, st.weather)
        if ice:
            cur.line(f"Frozen over (no obstacle): {', '.join(ice)}", pal.text_dim, size=self.small)
        if self.session.human_to_move and st.replacement_points[st.side]:
            cur.line(f"Replacement points: {st.replacement_points[st.side]} (select a worn unit, R)", pal.text_dim, size=self.small)
        score = self._cached("score", self._key(), lambda: victory.score(st))
        vp_side = self.sc.sides[self.sc.side_index(score["side"])].name
        cur.line(f"VP: {score['net']:+d} for {vp_side}   ·   {describe_mode(self.session.mode, self.sc)}", pal.text_dim, size=self.small)
        cur.rule()
        target = self.hover if self.hover >= 0 and self.selection and self.enemy_in(self.hover) else -1
        prev = self.preview(target) if target >= 0 else None
        if prev is not None:
            self._panel_preview(cur, prev, target)
        else:
            if self.selection:
                self._panel_units(cur, st)
                cur.rule()
            if self.hover >= 0:
                self._panel_hex(cur, st, self.hover)
            elif not self.selection:
                self._panel_hints(cur, st)
        # The log.
        log = pygame.Rect(p.x + pad, p.bottom - log_h - pad // 2, p.width - 2 * pad, log_h)
        pygame.draw.line(surface, pal.panel_edge, (log.x, log.y - 4), (log.right, log.y - 4))
        colours = {"turn": pal.accent, "combat": lighter(pal.bad, 0.2), "loss": pal.bad, "good": pal.good, "error": pal.bad,
                   "move": pal.text_dim, "info": pal.text_dim, "phase": pal.text}
        lines: list[tuple[str, tuple]] = []
        for text, kind in reversed(self.log):
            for ln in reversed(fonts.wrap(text, log.width, self.small)):
                lines.append((ln, colours.get(kind, pal.text)))
            if len(lines) * fonts.font(self.small).get_linesize() > log.height:
                break
        y = log.bottom
        lh = fonts.font(self.small).get_linesize()
        for ln, colour in lines:
            y -= lh
            if y < log.y:
                break
            surface.blit(fonts.text(ln, self.small, colour), (log.x, y))

    def _draw_minimap(self, surface: pygame.Surface) -> None:
        r = self.minimap_rect

        def make() -> pygame.Surface:
            img = self.minimap_base.copy()
            st = self.shown_state()
            m = self.sc.map
            sx, sy = r.width / m.columns, r.height / (m.rows + 0.5)
            dot = max(2, min(7, int(min(sx, sy) * 0.6)))
            stacks, _ = self.scene()
            for i, units in stacks.items():
                c, row = i % m.columns, i // m.columns
                colour = side_colour(self.sc, self.sc.units[units[0]].side, self.pal)
                img.fill(colour, (int(c * sx + sx / 2 - dot / 2), int((row + 0.5 * (c & 1)) * sy + sy / 2 - dot / 2), dot, dot))
            for i in np.flatnonzero(m.vp > 0).tolist():
                c, row = i % m.columns, i // m.columns
                side = int(st.control[i])
                colour = side_colour(self.sc, side, self.pal) if side >= 0 else (220, 220, 210)
                centre = (c * sx + sx / 2, (row + 0.5 * (c & 1)) * sy + sy / 2)
                pygame.draw.circle(img, (20, 20, 20), centre, max(2, dot * 0.6) + 1)
                pygame.draw.circle(img, colour, centre, max(2, dot * 0.6))
            return img
        img = self._cached("minimap", self._key() + (r.size,), make)
        surface.blit(img, r.topleft)
        fx, fy, fw, fh = self.view.visible_fraction()
        vr = pygame.Rect(r.x + fx * r.width, r.y + fy * r.height, max(4, fw * r.width), max(4, fh * r.height)).clip(r)
        pygame.draw.rect(surface, (255, 255, 255), vr, 1)
        pygame.draw.rect(surface, self.pal.panel_edge, r, 1)

    def _panel_hints(self, cur: TextCursor, st) -> None:
        pal = self.pal
        s = self.session
        if s.human_to_move:
            g = self.game
            cur.line(f"{g.phase_title} phase: {sequence.HELP[g.phase]}.", pal.text, size=self.small)
            if g.phase == "combat":
                ready = self.ready_attackers(st)
                cur.line(f"{len(ready)} unit{'s' if len(ready) != 1 else ''} next to the enemy can still attack (N: next)", pal.text_dim, size=self.small)
                cur.line("Select units, point at an enemy next to them to see the odds; click to attack.", pal.text_dim, size=self.small)
            else:
                ready = self.ready_movers(st)
                cur.line(f"{len(ready)} unit{'s' if len(ready) != 1 else ''} can still move (N: next)", pal.text_dim, size=self.small)
                cur.line("Click a unit to see where it can go; click a hex in its range to move there.", pal.text_dim, size=self.small)
                if g.phase == "free":
                    cur.line("With units selected, point at an enemy to see the odds; click to attack.", pal.text_dim, size=self.small)
            cur.line("E ends the phase · F1 shows every key", pal.text_dim, size=self.small)
        elif s.ai_to_move:
            cur.line("The AI is giving its orders: Space skips the playback.", pal.text_dim, size=self.small)

    def _panel_units(self, cur: TextCursor, st) -> None:
        pal = self.pal
        if len(self.selection) > 1:
            total = sum(st.attack_of(u) for u in self.selection)
            cur.line(f"{len(self.selection)} units selected (attack {fmt_value(total)})", bold=True)
        for u in self.selection[:4]:
            d = self.sc.units[u]
            nation = self.sc.model.nations.get(d.nation)
            cur.line(d.name, bold=True)
            cur.line(f"{d.type.replace('_', ' ')} {d.size} ({SIZE_MARKS.get(d.size, '')}) · {nation.name if nation else d.nation}", pal.text_dim, size=self.small)
            steps = int(st.unit_steps[u])
            cur.line(f"Attack {fmt_value(st.attack_of(u))}  Defence {fmt_value(st.defence_of(u))}  Steps {steps}/{d.max_steps}", size=self.small)
            mp = movement.mp_left(st, u)
            status = []
            if st.unit_moved[u]:
                status.append("moved")
            if st.unit_attacked[u]:
                status.append("attacked")
            sup = Supply(int(st.unit_supply[u]))
            colour = pal.text if sup == Supply.SUPPLIED else pal.out_of_supply if sup == Supply.OUT_OF_SUPPLY else pal.bad
            cur.line(f"MP left {fmt_value(mp)} of {fmt_value(movement.mp_allowance(st, u))}" + (f" · {', '.join(status)}" if status else ""), size=self.small)
            cur.line(f"Supply: {SUPPLY_NAMES[sup]}", colour, size=self.small)
            dug = entrenchment.level(st, u)
            if dug:
                cur.line(f"Dug in: level {dug} (defence {dug * self.sc.rules.model.entrenchment.shift_per_level:+d} column{'s' if dug != 1 else ''})", size=self.small)
        if len(self.selection) == 1 and self.session.human_to_move:
            u = self.selection[0]
            left = int(st.replacement_points[st.side])
            if left and replacements.refusal(self.game.state, u) is None:
                cur.line(f"R: replace a step ({left} replacement point{'s' if left != 1 else ''} left)", pal.accent, size=self.small)
            reach = self.reachable(self.selection[0])
            if not reach:
                why = self.query().why_cannot_move(self.sc.units[self.selection[0]].id)
                cur.line(why or "No move is open to this unit now (enemy units and zones of control block every hex).",
                         pal.text_dim, size=self.small)

    def _panel_hex(self, cur: TextCursor, st, i: int) -> None:
        sc, pal = self.sc, self.pal
        m = sc.map
        name = m.names.get(i)
        tname = sc.rules.terrain_names[m.terrain[i]]
        rule = sc.rules.model.terrain[tname]
        cur.line(f"{m.hex_id(i)}  {name or ''}".strip(), bold=True, right=tname.capitalize(), right_colour=pal.accent)
        if rule.description:
            cur.line(rule.description, pal.text_dim, size=self.small)
        if rule.impassable:
            cur.line("Impassable", pal.bad, size=self.small)
        else:
            costs = ", ".join(f"{k} {fmt_value(v)}" for k, v in rule.move.items())
            cur.line(f"Move cost: {costs}", size=self.small)
            effects = []
            if rule.defence_shift:
                effects.append(f"defence {rule.defence_shift:+d} column{'s' if abs(rule.defence_shift) != 1 else ''}")
            if rule.open:
                effects.append("open ground (armour shift)")
            if m.fort[i]:
                effects.append(f"fortifications level {int(m.fort[i])}")
            if effects:
                cur.line("Combat: " + ", ".join(effects), size=self.small)
        feats = []
        minor, major = rivers.masks(sc, st.turn, st.weather)
        for label, layer in (("major river", major), ("minor river", minor), ("road", m.road), ("railway", m.rail)):
            n = bin(int(layer[i])).count("1")
            if n:
                feats.append(f"{label} ({n} side{'s' if n != 1 else ''})")
        frozen = bin(int((m.river_major[i] | m.river_minor[i]) & ~(major[i] | minor[i]))).count("1")
        if frozen:
            feats.append(f"frozen river ({frozen} side{'s' if frozen != 1 else ''}: no obstacle)")
        if feats:
            cur.line(", ".join(feats).capitalize(), size=self.small)
        ctrl = int(st.control[i])
        ctrl_text = sc.sides[ctrl].name if ctrl >= 0 else "nobody"
        extra = f" · {int(m.vp[i])} VP" if m.vp[i] else ""
        cur.line(f"Control: {ctrl_text}{extra}", size=self.small)
        if not sc.rules.impassable[m.terrain[i]]:
            reach, connected, side = self.supply_field(st)
            s = "in supply range" if reach[i] >= 0 else "out of supply range" if connected[i] >= 0 else "cut off from every source"
            cur.line(f"Supply for {sc.sides[side].name}: {s}", size=self.small)
        stacks, _ = self.scene()
        for u in reversed(stacks.get(i, [])):
            d = sc.units[u]
            cur.line(f"{d.short}: {d.name} ({int(st.unit_steps[u])}/{d.max_steps} steps)", side_colour(sc, d.side, pal) if not pal.side_override else pal.text, size=self.small)

    def _panel_preview(self, cur: TextCursor, prev, target: int) -> None:
        pal = self.pal
        if isinstance(prev, engine.IllegalOrder):
            cur.line(prev.message, pal.bad)
            return
        sc = self.sc
        cur.line(f"Attack on {sc.map.label(target)}", bold=True)
        names = ", ".join(sc.units[a].short for a in prev.attackers)
        cur.line(f"Attackers: {names}", pal.text_dim, size=self.small)
        cur.line(f"Attack {fmt_value(prev.attack)} vs defence {fmt_value(prev.defence)}: odds {prev.odds}", size=self.font)
        crt = sc.rules.combat
        base = prev.base_column_name
        cur.line(f"Column {base}", size=self.small)
        for s in prev.shifts:
            colour = pal.good if s.shift > 0 else pal.bad
            cur.line(f"  {s.reason}", colour, size=self.small, right=f"{s.shift:+d}", right_colour=colour)
        cur.line(f"Final column: {prev.column_name}", pal.accent, bold=True)
        left = int(self.game.state.air_left[self.game.state.side])
        cur.line(f"Air support: {self.air} (of {left} left; [ and ] to change)", pal.text_dim, size=self.small)
        if not prev.allowed:
            cur.line(prev.reason, pal.bad)
            return
        cur.gap(4)
        order = list(dict.fromkeys(prev.results))
        for code in order:
            p = prev.probabilities.get(code, 0.0)
            desc = prev.descriptions.get(code, "")
            good = code.startswith("D")
            colour = pal.good if good else pal.bad if code.startswith("A") else darker(pal.accent, 0.2)
            cur.bar(p, darker(colour, 0.25), self.small + 6, f"{p * 100:.0f}%  {code}: {desc}")
        cur.gap(4)
        cur.line("Click to attack", pal.accent, size=self.small)

    def _draw_objectives(self, surface: pygame.Surface) -> None:
        st = self.game.state
        pal = self.pal
        score = self._cached("score", self._key(), lambda: victory.score(st))
        objs = victory.objective_state(st)
        v = self.sc.model.victory
        w = self.app.scaled(420)
        r = pygame.Rect(self.view.rect.x + 12, self.view.rect.y + 12, w, self.view.rect.height - 24)
        lines = 8 + len(objs) * 2 + (len(v.levels) if v else 0)
        r.height = min(r.height, lines * fonts.font(self.small).get_linesize() + self.app.scaled(60))
        draw_panel(surface, r, pal, 250)
        cur = TextCursor(surface, r.inflate(-24, -20), pal, self.small)
        cur.line("Objectives and victory points", bold=True, size=self.font)
        side_name = self.sc.sides[self.sc.side_index(score["side"])].name
        cur.line(f"Net VP for {side_name}: {score['net']:+d}", pal.accent, bold=True)
        hexes = ", ".join(f"{self.sc.sides[k].name} {x}" for k, x in enumerate(score["hexes"]))
        cur.line(f"VP hexes held: {hexes}; objectives {score['objectives']:+d}; eliminations {score['elimination']:+g}")
        cur.rule()
        for o in objs:
            if o["turn"] is not None and o.get("status") != "open":
                status, colour = f"achieved turn {o['turn']}", pal.good
            elif o["failed"]:
                status, colour = f"failed turn {o['decided_turn']}" if o.get("decided_turn") else "failed", pal.bad
            elif o.get("kind") == "hold":
                status, colour = (f"hold until turn {o['until_turn']}" if o.get("until_turn") else "hold to the end"), pal.text_dim
            else:
                status, colour = (f"take by turn {o['by_turn']}" if o["by_turn"] else "take and hold to the end"), pal.text_dim
            owner = self.sc.sides[self.sc.side_index(o["side"])].name
            cur.line(f"{o['name']}", right=f"{o['vp']:+d} VP", right_colour=pal.accent)
            cur.line(f"{owner} · {status}", colour, indent=12)
        if v and v.levels:
            cur.rule()
            net = score["net"]
            for lv in v.levels:
                hit = (lv.min_vp is None or net >= lv.min_vp) and (lv.max_vp is None or net <= lv.max_vp)
                rng = f"{lv.min_vp:+d} or more" if lv.min_vp is not None else "below"
                cur.line(lv.name, pal.accent if hit else pal.text_dim, bold=hit, right=rng)
                if hit:
                    break

    def _draw_advance(self, surface: pygame.Surface) -> None:
        buttons = self.advance_buttons()
        if not buttons:
            return
        choice = self.advance_choice()
        box = self.advance_box(len(buttons))
        draw_panel(surface, box, self.pal)
        t = fonts.fit_text(f"Advance into {self.sc.map.label(choice[0])}?", box.width - 16, self.font, self.pal.text, True)
        surface.blit(t, t.get_rect(midtop=(box.centerx, box.y + self.app.scaled(8))))
        for b in buttons:
            b.hovered = b.rect.collidepoint(self.app.mouse)
            b.draw(surface, self.pal, self.small)
        self.view.draw_hex_outline(surface, choice[0], self.pal.select, 3, 0.8)

    def _draw_status(self, surface: pygame.Surface) -> None:
        s = self.session
        if not s.ai_to_move:
            return
        name = self.sc.sides[self.sc.side_index(s.active)].name
        speed = self.app.settings.ai_speed
        text = f"{name} (AI) is moving · speed {speed} · Space: skip" + (" · P: paused" if self.paused else " · P: pause")
        t = fonts.text(text, self.font, self.pal.text)
        r = t.get_rect(midtop=(self.view.rect.centerx, self.view.rect.y + 10)).inflate(20, 10)
        draw_panel(surface, r, self.pal, 220)
        surface.blit(t, t.get_rect(center=r.center))

    def _draw_toasts(self, surface: pygame.Surface) -> None:
        y = self.view.rect.bottom - self.app.scaled(16)
        for tst in reversed(self.toasts):
            colour = {"error": self.pal.bad, "combat": self.pal.accent}.get(tst.kind, self.pal.text)
            lines = fonts.wrap(tst.text, self.view.rect.width - 120, self.font)
            surfs = [fonts.text(ln, self.font, colour, tst.kind != "info") for ln in lines]
            h = sum(s.get_height() for s in surfs) + 14
            w = max(s.get_width() for s in surfs) + 28
            r = pygame.Rect(0, 0, w, h)
            r.midbottom = (self.view.rect.centerx, y)
            draw_panel(surface, r, self.pal, 230)
            yy = r.y + 7
            for s in surfs:
                surface.blit(s, (r.x + 14, yy))
                yy += s.get_height()
            y = r.y - 6

    def _draw_help(self, surface: pygame.Surface) -> None:
        pal = self.pal
        w = min(self.app.scaled(760), self.app.size[0] - 40)
        lh = fonts.font(self.small).get_linesize()
        h = min(self.app.size[1] - 40, len(HELP) * (lh + 2) + self.app.scaled(70))
        r = pygame.Rect(0, 0, w, h)
        r.center = (self.app.size[0] // 2, self.app.size[1] // 2)
        draw_panel(surface, r, pal, 252)
        cur = TextCursor(surface, r.inflate(-32, -24), pal, self.small)
        cur.line("Help  (F1 or Esc to close)", pal.accent, bold=True, size=self.font)
        cur.gap(4)
        key_w = self.app.scaled(150)
        for key, text in HELP:
            if not text:
                cur.gap(3)
                cur.line(key, pal.accent, bold=True)
                continue
            y = cur.y
            cur.line(key, bold=True, wrap=False)
            cur.y = y
            cur.line(text, pal.text_dim, indent=key_w)
