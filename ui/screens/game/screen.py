"""The map screen's state and input: what is selected and shown, the mouse, and the frame's
order of work (update, draw). The rest is by job, in this package:

- `orders`: clicks and commands become orders (`Session.apply`, the engine decides), and
  what they caused is shown; undo.
- `keys`: the keyboard map.  `mouse`: clicks, drags and the wheel.  `camera`: the view,
  panning, the player's front.
- `playback`: the other side's turn (the AI played back, hand-over, replays, turn files).
- `controls`: the widgets (pygame_gui: the bar, the log's filters, the dialogs' buttons).
- `overlays` (the layers over the map), `panel` (bar, side panel, minimap), `dialogs`,
  `tooltip`, `turntrack`, `tutorial`, `report`: what is drawn.

Everything shown is asked of the engine (`reachable`, `path`, `preview`, supply traces,
victory score); a refused order shows the engine's own message.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pygame
from pygame_gui.elements import UIButton

import engine
from engine import supply
from engine.fog import visible_events
from engine.state import Status
from ui import eventlog
from ui.drawing.mapart import minimap_image
from ui.drawing.palette import darker, palette
from ui.drawing.scene import unit_looks
from ui.drawing.view import MapView
from ui.screens import theme
from ui.screens.game import camera, dialogs, keys, mouse, orders, panel, playback, tooltip, turntrack, tutorial
from ui.screens.game.camera import PAN_KEYS
from ui.screens.game.controls import Controls
from ui.screens.game.keys import REPEATABLE
from ui.screens.game.overlays import DrawContext, Layers
from ui.screens.game.playback import Anim
from ui.screens.gui import HOVER_WAKE, GuiScreen, hovering_widget
from ui.session import Session
from ui.settings import saves_dir
from ui.stack import ScreenStack


@dataclass
class Toast:
    text: str
    kind: str          # info / error / combat
    ttl: float


class GameScreen(GuiScreen):
    """The map screen. Its widgets (controls.py) are rebuilt each time it comes on top."""

    partial_frames = True         # a hover, a selection or a moving counter changes small regions

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
        self.controls = Controls(self)
        self._cache: dict[str, tuple] = {}
        self.last_human: str | None = session.active if session.human_to_move else None   # whose phase it was
        self.victory_shown = False
        self.player_cam: dict[str, tuple[int, float, float]] = {}   # each human side's view when its phase ended
        self.report_from: int | None = None     # the event log's length when the player last handed over
        self.replay_queue: list[tuple[int, list[int]]] = []
        self.flash: tuple[int, float] | None = None     # a hex outlined for a moment (a log line clicked)
        self.sent_orders = -1                 # play by e-mail: the order count of the last turn file written
        self.last_turn_file: Path | None = None     # play by e-mail: the turn file written last
        self.tutorial: tutorial.Tutorial | None = None     # the guided tutorial, when it runs
        self.flagged: tuple[list[int], float] | None = None     # units that can still act, outlined for a moment
        self.asked_phase: tuple | None = None     # the phase in which "end it with units idle?" was asked
        self.layers = Layers()
        self.layout(app.size)
        camera.initial_view(self)
        self.sync_log()

    # -- layout ---------------------------------------------------------------------------
    def layout(self, size: tuple[int, int]) -> None:
        w, h = size
        a = self.app
        self.bar_h = a.scaled(34)
        self.panel_w = min(a.scaled(340), w // 2)
        self.font = theme.size(theme.BODY, a.settings.ui_scale)      # the widgets' sizes: one theme
        self.small = theme.size(theme.SMALL, a.settings.ui_scale)
        self.view.set_rect(pygame.Rect(0, self.bar_h, w - self.panel_w, h - self.bar_h))
        self.panel = pygame.Rect(w - self.panel_w, self.bar_h, self.panel_w, h - self.bar_h)
        pad = a.scaled(8)
        mm_w = self.panel_w - 2 * pad
        self.minimap_base = minimap_image(self.session.scenario, mm_w, a.scaled(190))
        self.minimap_rect = pygame.Rect(self.panel.x + pad + (mm_w - self.minimap_base.get_width()) // 2, self.panel.y + pad,
                                        self.minimap_base.get_width(), self.minimap_base.get_height())
        self._cache.pop("minimap", None)
        if self.app.top is self:
            self.rebuild()

    def build(self, ui, size: tuple[int, int]) -> None:
        self.controls.build(ui)

    @property
    def buttons(self) -> list[UIButton]:
        """The bar's buttons, left to right."""
        return self.controls.bar

    @property
    def button(self) -> dict[str, UIButton]:
        """The bar's buttons by label."""
        return self.controls.by_label

    def resize(self, size: tuple[int, int]) -> None:
        self.layout(size)

    def wake_in(self) -> float | None:
        """0 while anything moves (AI playback, animation, panning, a flash), else when the
        next message expires; None when only the player's input can change the picture."""
        if (self.anim is not None or self.replay_queue or self.flash is not None or self.flagged is not None or self.dragging or self.minimap_drag
                or (self.session.ai_to_move and not self.paused) or (self.keys_down & PAN_KEYS) or camera.edge_panning(self)):
            return 0.0
        if self.game.over and not self.victory_shown:
            return 0.0
        waits = [t.ttl for t in self.toasts]
        if self.hover >= 0 and self.hover_time < tooltip.DELAY:
            waits.append(tooltip.DELAY - self.hover_time)
        if hovering_widget(self.app):
            waits.append(HOVER_WAKE)            # a button's hover look and tooltip
        return max(0.01, min(waits)) if waits else None

    def closing(self) -> None:
        if self.session.unsaved:
            self.session.autosave()

    def enter(self) -> None:
        """Back on top (a menu or report closed): keys released while it was open are up now."""
        self.keys_down.clear()
        self.shift = False
        self.press = None
        self.dragging = False
        super().enter()

    def apply_settings(self) -> None:
        """Settings changed (palette, scale): rebuild what depends on them."""
        self.pal = palette(self.app.settings.colour_blind)
        self.view.set_palette(self.pal)
        self._cache.clear()
        self.layout(self.app.size)

    def front_hex(self) -> int:
        """Where the player's front is, as a hex index (camera.py)."""
        return camera.front_hex(self)

    def idle_units(self) -> list[int]:
        """The units that could still act in this phase and have not (orders.py)."""
        return orders.idle_units(self)

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

    # -- toggles, the log, saves ----------------------------------------------------------------
    def toggle_overlay(self, name: str) -> None:
        self.overlay = None if self.overlay == name else name
        self.sync_toggles()

    def toggle_arrows(self) -> None:
        self.show_arrows = not self.show_arrows
        self.app.settings.show_arrows = self.show_arrows
        self.sync_toggles()

    def sync_toggles(self) -> None:
        """Every toolbar toggle shows whether it is on."""
        self.controls.sync()

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

    def advance_buttons(self) -> list[UIButton]:
        """The advance choice's buttons, while it is open."""
        return self.controls.sync_advance()

    def dismiss_advance(self) -> None:
        self.advance_dismissed = (id(self.game), len(self.game.orders))

    # -- input ----------------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> None:
        t = event.type
        if t in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION) and getattr(event, "button", 1) not in (4, 5):
            if self.ui.process_events(event) and t != pygame.MOUSEMOTION:
                return                   # a click on a widget (the bar, the log's filters, a dialog's buttons)
        if t == pygame.KEYDOWN:
            if event.key in self.keys_down and event.key not in REPEATABLE:
                return                   # a held key repeats only where repeating makes sense (pan, zoom)
            self.keys_down.add(event.key)
            if event.key in (pygame.K_LSHIFT, pygame.K_RSHIFT):
                self.shift = True
            keys.on_key(self, event)
            return
        if t == pygame.KEYUP:
            self.keys_down.discard(event.key)
            if event.key in (pygame.K_LSHIFT, pygame.K_RSHIFT):
                self.shift = False
            return
        mouse.on_mouse(self, event)

    def inspected(self) -> list[int]:
        """The units of the stack the inspector shows (the selection's hex, or the last hex clicked), top first."""
        stacks, _ = self.scene()
        i = int(self.shown_state().unit_hex[self.selection[-1]]) if self.selection else self.inspect
        units = stacks.get(i, []) if i >= 0 else []
        return list(reversed(units)) if len(units) > 1 else []

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

    # -- update ---------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        playback.tick(self, dt)
        if self.app.top is self:           # not when a dialog or the victory screen just opened
            self.controls.sync()
            self.ui.update(dt)

    def sync_log(self, rebuild: bool = False) -> None:
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
            moving = {self.anim.unit: playback.anim_pos(self, self.anim)}
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

    def redrew_all(self) -> bool:
        """The map moved (a pan, a zoom, a new size): the whole window changed."""
        return self.camera_moved(self.view)

    def draw_over(self, surface: pygame.Surface) -> None:
        """Over the widgets: the tooltip and the help."""
        tooltip.draw_tooltip(self, surface)
        if self.show_help:
            dialogs.draw_help(self, surface)

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
