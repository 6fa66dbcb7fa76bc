"""The menus: main menu (scenario, side, AI), load game, settings (pygame_gui widgets, ui/screens/gui.py)."""
from __future__ import annotations

import datetime as dt
from typing import Callable

import pygame
from pygame_gui.elements import UIButton, UIDropDownMenu, UIImage, UILabel, UISelectionList, UITextBox

import engine
from ui.agents import available_ais
from ui.drawing import fonts
from ui.drawing.palette import STANDARD
from ui.screens import theme
from ui.screens.gui import GuiScreen
from ui.session import Session, list_saves, newest_save
from ui.settings import AI_SPEEDS, UI_SCALES
from ui.sound import VOLUMES
from ui.stack import ScreenStack


def _fit(text: str, width: int, size: int, bold: bool = False) -> str:
    """The text, cut with an ellipsis if it is wider than `width` pixels."""
    f = fonts.font(size, bold)
    if f.size(text)[0] <= width:
        return text
    while text and f.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip(" ,:;") + "…"


def _date(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def _scenario_summary(sc) -> str:
    m = sc.model
    last = sc.date_of_turn(sc.turns)
    end = last + dt.timedelta(days=m.days_per_turn - 1)       # the last turn's last day
    sides = " vs ".join(s.name for s in sc.sides)
    span = f"{_date(m.start_date)} – {_date(end)}"
    if m.days_per_turn > 1:
        span += f" (the last turn begins {_date(last)})"
    return (f"<b>{span}</b><br>"
            f"{sc.turns} turns of {m.days_per_turn} day{'s' if m.days_per_turn != 1 else ''} · "
            f"{sc.map.columns}×{sc.map.rows} hexes of {m.hex_km:g} km · {len(sc.units)} units<br>"
            f"{sides}{' · fog of war' if m.fog_of_war else ''}<br><br>{_html(m.description.strip())}")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class MainMenu(GuiScreen):
    """Scenarios with title, dates, description and a map preview; side and AI; new, load, quit."""

    def __init__(self, app: ScreenStack) -> None:
        super().__init__(app)
        self.scenarios: dict[str, object] = {}       # name -> Scenario or error text
        for name in engine.shipped_scenarios():
            try:
                self.scenarios[name] = engine.load_scenario(name)
            except engine.ScenarioError as exc:
                self.scenarios[name] = str(exc).splitlines()[0]
        names = list(self.scenarios)
        last = app.settings.last_scenario
        self.chosen = last if last in self.scenarios else (names[0] if names else None)
        self.mode = app.settings.last_side
        self.ai = app.settings.ai
        self.previews: dict[tuple[str, int, int], pygame.Surface] = {}
        self.labels: dict[str, str] = {}
        self.message = ""

    def scenario(self):
        sc = self.scenarios.get(self.chosen) if self.chosen else None
        return sc if isinstance(sc, engine.Scenario) else None

    def mode_options(self) -> list[tuple[str, str]]:
        sc = self.scenario()
        if sc is None:
            return []
        out = [(f"Play {s.name} vs the AI", s.id) for s in sc.sides]
        out += [("Hot-seat: two players", "hotseat"), ("Watch the AI play both sides", "watch")]
        out += [(f"Play {s.name} by e-mail", f"pbem:{s.id}") for s in sc.sides]
        return out

    def build(self, ui, size: tuple[int, int]) -> None:
        a = self.app
        W, H = size
        pad = a.scaled(24)
        left_w = min(a.scaled(400), W // 3)
        top = a.scaled(96)
        self.labels = {}
        items: list[str | tuple[str, str]] = []
        for name, sc in self.scenarios.items():
            label = sc.title if isinstance(sc, engine.Scenario) else f"{name} (cannot load)"
            label = _fit(label, left_w - a.scaled(28), a.scaled(14))      # whole titles on the right
            self.labels[label] = name
            items.append(label)
        chosen_label = next((lab for lab, n in self.labels.items() if n == self.chosen), None)
        self.list = UISelectionList(pygame.Rect(pad, top, left_w, H - top - a.scaled(250)), items, ui,
                                    default_selection=chosen_label)
        bw, bh = left_w, a.scaled(40)
        y = H - a.scaled(230)
        self.continue_from = newest_save()
        half = (bw - 8) // 2
        self.continue_button: UIButton | None = None
        if self.continue_from is not None:
            meta = self.continue_from[1]
            self.continue_button = UIButton(pygame.Rect(pad, y, bw, bh), f"Continue: {meta.get('title', '?')}, turn {meta.get('turn', '?')}", ui,
                                            tool_tip_text=f"{self.continue_from[0].name}, saved {str(meta.get('saved', '?')).replace('T', ' ')}")
        y += bh + 8
        self.new_button = UIButton(pygame.Rect(pad, y, half, bh), "New game", ui)
        self.tutorial_button = UIButton(pygame.Rect(pad + half + 8, y, half, bh), "Tutorial", ui,
                                        tool_tip_text="a guided first game on the training map, step by step")
        self.load_button = UIButton(pygame.Rect(pad, y + bh + 8, half, bh), "Load game", ui)
        self.settings_button = UIButton(pygame.Rect(pad + half + 8, y + bh + 8, half, bh), "Settings", ui)
        self.quit_button = UIButton(pygame.Rect(pad, y + 2 * (bh + 8), bw, bh), "Quit", ui)
        # Right: the chosen scenario.
        rx = pad + left_w + pad
        rw = W - rx - pad
        sc = self.scenario()
        title = _fit(sc.title, rw - a.scaled(16), a.scaled(22), bold=True) if sc else "No scenario"
        self.title = UILabel(pygame.Rect(rx, top - a.scaled(4), rw, a.scaled(34)), title, ui, object_id="#title")
        text_h = a.scaled(170)
        body = _scenario_summary(sc) if sc else _html(str(self.scenarios.get(self.chosen or "", "No shipped scenarios found.")))
        self.text = UITextBox(body, pygame.Rect(rx, top + a.scaled(34), rw, text_h), ui)
        preview_top = top + a.scaled(34) + text_h + a.scaled(12)
        controls_h = a.scaled(110)
        ph = H - preview_top - controls_h - pad
        self.preview = None
        if sc is not None and ph > 60:
            img = self.preview_image(sc, rw, ph)
            self.preview = UIImage(pygame.Rect(rx + (rw - img.get_width()) // 2, preview_top, img.get_width(), img.get_height()), img, ui)
        cy = H - controls_h
        opts = self.mode_options()
        self.mode_map = {label: mode for label, mode in opts}
        if opts:
            current = next((lab for lab, m in opts if m == self.mode), opts[0][0])
            self.mode = self.mode_map[current]
            self.mode_menu = UIDropDownMenu([lab for lab, _ in opts], current, pygame.Rect(rx, cy, rw // 2 - 8, a.scaled(36)), ui)
        ais = available_ais()
        self.ai_map = {f"AI: {label}": text for label, text in ais}
        if self.ai not in self.ai_map.values():
            self.ai = "heuristic"
        current = next(label for label, text in self.ai_map.items() if text == self.ai)
        self.ai_menu = UIDropDownMenu(list(self.ai_map), current, pygame.Rect(rx + rw // 2 + 8, cy, rw // 2 - 8, a.scaled(36)), ui)
        self.msg_label = UILabel(pygame.Rect(rx, cy + a.scaled(44), rw, a.scaled(30)), self.message or " ", ui, object_id="#error")

    def preview_image(self, sc, w: int, h: int) -> pygame.Surface:
        key = (sc.name, w, h)
        img = self.previews.get(key)
        if img is None:
            from ui.render import hex_px_for_width, map_pixel_size, render_scenario_surface

            s = hex_px_for_width(sc, w)
            mw, mh = map_pixel_size(sc, s)
            if mh > h:
                s *= h / mh
            img = render_scenario_surface(sc, game=engine.Game(sc, seed=0), hex_px=max(2.0, s), title=False)
            if img.get_width() > w or img.get_height() > h:
                f = min(w / img.get_width(), h / img.get_height())
                img = pygame.transform.smoothscale(img, (max(1, int(img.get_width() * f)), max(1, int(img.get_height() * f))))
            self.previews[key] = img
        return img

    def draw_background(self, surface: pygame.Surface) -> None:
        surface.fill(theme.screen_background())
        a = self.app
        t = fonts.text("Operational Wargame", self.text_size(theme.GAME_TITLE), STANDARD.accent, True)
        surface.blit(t, (a.scaled(24), a.scaled(20)))
        t2 = fonts.text("Hex-and-counter WWII operations · choose a scenario", self.text_size(theme.TEXT), STANDARD.text_dim)
        surface.blit(t2, (a.scaled(26), a.scaled(20) + t.get_height()))

    def on_select(self, element, text: str) -> None:
        if element is self.list and text in self.labels:
            self.chosen = self.labels[text]
            self.message = ""
            self.rebuild()

    def on_double(self, element, text: str) -> None:
        if element is self.list and text in self.labels:
            self.chosen = self.labels[text]
            self.start()

    def on_dropdown(self, element, text: str) -> None:
        if element is getattr(self, "mode_menu", None):
            self.mode = self.mode_map.get(text, self.mode)
        elif element is self.ai_menu:
            self.ai = self.ai_map.get(text, self.ai)

    def on_button(self, element) -> None:
        if element is self.continue_button and self.continue_from is not None:
            self.resume()
        elif element is self.new_button:
            self.start()
        elif element is self.tutorial_button:
            self.start_tutorial()
        elif element is self.load_button:
            self.app.push(LoadScreen(self.app))
        elif element is self.settings_button:
            self.app.push(SettingsScreen(self.app))
        elif element is self.quit_button:
            self.app.quit(0)

    def on_key(self, event) -> None:
        if event.key == pygame.K_RETURN:
            self.start()
        elif event.key == pygame.K_ESCAPE:
            self.app.quit(0)

    def start_tutorial(self) -> None:
        """The guided tutorial, from its first step (however often it was played before)."""
        from ui.screens.game import GameScreen
        from ui.screens.game.tutorial import PLAYER, SCENARIO, Tutorial

        try:
            session = Session.new(SCENARIO, mode=PLAYER, ai="heuristic")
        except engine.ScenarioError as exc:
            self.message = f"The tutorial cannot start: {str(exc).splitlines()[0]}"
            self.rebuild()
            return
        gs = GameScreen(self.app, session)
        gs.tutorial = Tutorial(gs)
        self.app.push(gs)

    def resume(self) -> None:
        """Continue: the most recent save or autosave."""
        if self.continue_from is None:
            return
        try:
            session = Session.load(self.continue_from[0])
        except (engine.ScenarioError, OSError) as exc:
            self.message = f"Could not continue: {str(exc).splitlines()[0]}"
            self.rebuild()
            return
        self.app.replace_game(session)

    def start(self) -> None:
        from ui.screens.game import GameScreen

        sc = self.scenario()
        if sc is None:
            self.message = "This scenario cannot be loaded: see `wargame validate`"
            self.rebuild()
            return
        s = self.app.settings
        s.last_scenario, s.last_side, s.ai = self.chosen, self.mode, self.ai
        s.save()
        mode = self.mode or sc.side_ids[0]
        pbem = mode.startswith("pbem:")
        side = mode.removeprefix("pbem:")
        session = Session.new(sc, mode=side, ai=self.ai, pbem=pbem)
        from ui.screens.briefing import BriefingScreen
        player = side if side in sc.side_ids else None
        self.app.push(BriefingScreen(self.app, sc, player, lambda: self.app.push(GameScreen(self.app, session)), on_back=lambda: None))


class LoadScreen(GuiScreen):
    """Saves and autosaves, newest first."""

    def __init__(self, app: ScreenStack) -> None:
        super().__init__(app)
        self.message = ""

    def build(self, ui, size: tuple[int, int]) -> None:
        a = self.app
        W, H = size
        pad = a.scaled(24)
        UILabel(pygame.Rect(pad, pad, W - 2 * pad, a.scaled(36)), "Load a saved game", ui, object_id="#title")
        self.saves = list_saves()
        self.items: dict[str, object] = {}
        for path, meta in self.saves:
            when = meta.get("saved") or dt.datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec="minutes")
            title = meta.get("title") or meta.get("scenario") or "?"
            mode = meta.get("mode", "")
            kind = "autosave" if path.parent.name == "autosave" else path.stem
            label = f"{title} · turn {meta.get('turn', '?')} · {mode} · {when.replace('T', ' ')} · {kind}"
            self.items[label] = path
        top = pad + a.scaled(48)
        self.list = UISelectionList(pygame.Rect(pad, top, W - 2 * pad, H - top - a.scaled(120)), list(self.items) or [], ui)
        y = H - a.scaled(100)
        bw, bh = a.scaled(180), a.scaled(40)
        self.load_button = UIButton(pygame.Rect(pad, y, bw, bh), "Load", ui)
        self.back_button = UIButton(pygame.Rect(pad + bw + 12, y, bw, bh), "Back", ui)
        text = self.message or ("No saved games yet: F5 in a game makes a quick save" if not self.items else " ")
        self.msg = UILabel(pygame.Rect(pad, y + bh + 8, W - 2 * pad, a.scaled(30)), text, ui, object_id="#error" if self.message else "#dim")

    def selected_path(self):
        sel = self.list.get_single_selection()
        return self.items.get(sel) if sel else None

    def on_button(self, element) -> None:
        if element is self.load_button:
            path = self.selected_path()
            if path is not None:
                self.load(path)
        elif element is self.back_button:
            self.app.pop()

    def on_double(self, element, text: str) -> None:
        if text in self.items:
            self.load(self.items[text])

    def on_key(self, event) -> None:
        if event.key == pygame.K_ESCAPE:
            self.app.pop()

    def load(self, path) -> None:
        try:
            session = Session.load(path)
        except (engine.ScenarioError, OSError) as exc:
            self.message = f"Cannot load {path.name}: {str(exc).splitlines()[0]}"
            self.rebuild()
            return
        self.app.replace_game(session)


class SettingsScreen(GuiScreen):
    """UI scale, colour-blind palette, AI playback speed, screen-edge panning."""

    def __init__(self, app: ScreenStack, on_close: Callable[[], None] | None = None) -> None:
        super().__init__(app)
        self.on_close = on_close

    def build(self, ui, size: tuple[int, int]) -> None:
        a = self.app
        s = a.settings
        W, H = size
        pad = a.scaled(24)
        w = min(a.scaled(460), W - 2 * pad)
        x = (W - w) // 2
        y = a.scaled(40)
        UILabel(pygame.Rect(x, y, w, a.scaled(40)), "Settings", ui, object_id="#title")
        y += a.scaled(56)
        row = a.scaled(40)
        UILabel(pygame.Rect(x, y, w // 2, row), "Interface scale", ui)
        scales: list[str | tuple[str, str]] = [f"{int(v * 100)}%" for v in UI_SCALES]
        cur = f"{int(round(s.ui_scale * 100))}%"
        if cur not in scales:
            scales.append(cur)
        self.scale_menu = UIDropDownMenu(scales, cur, pygame.Rect(x + w // 2, y, w // 2, row), ui)
        y += row + 10
        UILabel(pygame.Rect(x, y, w // 2, row), "AI playback speed", ui)
        self.speed_menu = UIDropDownMenu(list(AI_SPEEDS), s.ai_speed, pygame.Rect(x + w // 2, y, w // 2, row), ui)
        y += row + 10
        self.cb_button = UIButton(pygame.Rect(x, y, w, row), f"Colour-blind-safe palette: {'on' if s.colour_blind else 'off'}", ui)
        y += row + 10
        self.edge_button = UIButton(pygame.Rect(x, y, w, row), f"Pan at the screen edge: {'on' if s.edge_pan else 'off'}", ui)
        y += row + 10
        UILabel(pygame.Rect(x, y, w // 2, row), "Sound (M mutes)", ui)
        self.volume_menu = UIDropDownMenu(list(VOLUMES), s.volume, pygame.Rect(x + w // 2, y, w // 2, row), ui)
        y += row + 30
        self.back_button = UIButton(pygame.Rect(x, y, w, row), "Done", ui)

    def on_dropdown(self, element, text: str) -> None:
        s = self.app.settings
        if element is self.scale_menu:
            try:
                s.ui_scale = float(text.rstrip("%")) / 100
            except ValueError:
                return
            s.save()
            self.rebuild()
        elif element is self.speed_menu and text in AI_SPEEDS:
            s.ai_speed = text
            s.save()
        elif element is self.volume_menu and text in VOLUMES:
            s.volume, s.mute = text, False
            s.save()
            self.app.sounds.play("turn")           # how loud it is now

    def on_button(self, element) -> None:
        s = self.app.settings
        if element is self.cb_button:
            s.colour_blind = not s.colour_blind
            s.save()
            self.rebuild()
        elif element is self.edge_button:
            s.edge_pan = not s.edge_pan
            s.save()
            self.rebuild()
        elif element is self.back_button:
            self.close()

    def on_key(self, event) -> None:
        if event.key == pygame.K_ESCAPE:
            self.close()

    def close(self) -> None:
        self.app.pop()
        if self.on_close is not None:
            self.on_close()
