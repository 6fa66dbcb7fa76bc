"""The in-game menu (Esc), a dialog of widgets over the map, and the hot-seat curtain."""
from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UILabel, UIPanel

from ui.drawing import fonts
from ui.screens import theme
from ui.screens.gui import GuiScreen, button
from ui.stack import Screen, ScreenStack


class PauseMenu(GuiScreen):
    """Resume, save, load, settings, main menu, quit: a dialog over the dimmed map."""

    opaque = False
    tick = False

    def __init__(self, app: ScreenStack, game_screen) -> None:
        super().__init__(app)
        self.game_screen = game_screen
        self.buttons: list[UIButton] = []

    def build(self, ui, size: tuple[int, int]) -> None:
        a = self.app
        w, h, gap = a.scaled(260), a.scaled(38), a.scaled(8)
        items = [("Resume", self.resume, "Esc"), ("Save game", self.save, ""), ("Load game", self.load, ""),
                 ("Settings", self.settings, ""), ("Main menu", self.main_menu, ""), ("Quit", self.quit, "")]
        box = pygame.Rect(0, 0, w + a.scaled(40), len(items) * (h + gap) + a.scaled(60))
        box.center = (size[0] // 2, size[1] // 2)
        self.box = box
        panel = UIPanel(box, starting_height=1, manager=ui, container=self.container)
        UILabel(pygame.Rect(0, a.scaled(8), box.width - 2, a.scaled(30)), "Menu", ui, container=panel, object_id="#heading")
        y = a.scaled(48)
        self.buttons = []
        for label, action, key in items:
            self.buttons.append(button(ui, pygame.Rect((box.width - w) // 2 - 1, y, w, h), label, action, a.settings.ui_scale,
                                       container=panel, key=key))
            y += h + gap

    def resume(self) -> None:
        if self.app.top is self:
            self.app.pop()

    def save(self) -> None:
        self.app.pop()
        self.game_screen.quick_save(new_file=True)

    def load(self) -> None:
        def go() -> None:
            from ui.screens.menu import LoadScreen
            if self.app.top is self:
                self.app.pop()
            self.app.push(LoadScreen(self.app))
        self.leave_game("Load another game?", go)

    def settings(self) -> None:
        from ui.screens.menu import SettingsScreen
        self.app.pop()
        self.app.push(SettingsScreen(self.app, on_close=self.game_screen.apply_settings))

    def main_menu(self) -> None:
        def go() -> None:
            while len(self.app.screens) > 1:
                self.app.pop()
        self.leave_game("Back to the main menu?", go)

    def quit(self) -> None:
        self.leave_game("Quit the game?", lambda: self.app.quit(0))

    def leave_game(self, title: str, go) -> None:
        """Leave the game: at once if nothing would be lost, else ask first."""
        from ui.screens.confirm import Confirm

        session = self.game_screen.session
        if not session.unsaved:
            go()
            return

        def save_and_go() -> None:
            path = session.autosave()
            if path is None:
                self.game_screen.toast("Could not save the game: it was not left", "error", 5.0)
                return
            go()
        turn = session.game.turn
        self.app.push(Confirm(self.app, title, f"Orders given since the last save (turn {turn}) would be lost. "
                              "Saved, the game is the first one Continue opens on the main menu.",
                              [("Save and leave", save_and_go), ("Leave without saving", go), ("Cancel", lambda: None)]))

    def on_key(self, event) -> None:
        if event.key == pygame.K_ESCAPE:
            self.resume()


class Curtain(Screen):
    """Hot-seat with fog of war: the map stays hidden until the next player is ready."""

    def __init__(self, app: ScreenStack, game_screen, side_name: str) -> None:
        super().__init__(app)
        self.game_screen = game_screen
        self.side_name = side_name

    def process_event(self, event: pygame.event.Event) -> None:
        if (event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_SPACE, pygame.K_KP_ENTER)) or \
                (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1):
            self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        pal = self.game_screen.pal
        surface.fill(pal.background)
        t = fonts.text(f"{self.side_name}'s phase", theme.size(theme.CURTAIN, self.app.settings.ui_scale), pal.accent, True)
        surface.blit(t, t.get_rect(center=(surface.get_width() // 2, surface.get_height() // 2 - self.app.scaled(20))))
        t2 = fonts.text("Pass the seat, then click or press Enter to show the map", theme.size(theme.LEAD, self.app.settings.ui_scale), pal.text)
        surface.blit(t2, t2.get_rect(center=(surface.get_width() // 2, surface.get_height() // 2 + self.app.scaled(24))))
