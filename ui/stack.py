"""The window and its stack of screens: the loop every screen runs in.

Each screen has `process_event(event)`, `update(dt)` and `draw(surface)`; `draw` only
reads state. Screens import this module, never the composition root (ui/app.py), which
knows them all. Tests and the benchmark drive the real loop with `App.step(events)`.
"""
from __future__ import annotations

import os
import sys
import time
from typing import Any, Iterable

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# On X11 SDL may show the window's surface through an OpenGL texture (software OpenGL where there
# is no GPU driver: about 7 ms a 1280x800 frame under Xvfb), which uploads and presents the whole
# window even for `display.update(rects)`. X11's own path (MIT-SHM) costs about 0.5 ms a frame
# and sends only the rectangles (ui/present.py). Elsewhere SDL has one path and ignores this.
os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")

import pygame  # noqa: E402

from ui.present import Presenter  # noqa: E402
from ui.settings import Settings  # noqa: E402

FPS = 60
MIN_SIZE = (800, 560)
IDLE_WAKE = 1.0          # seconds: with nothing moving, the loop sleeps on the event queue this long at most
IDLE_POLL = 0.012        # seconds between looks at the queue while asleep: input waits at most about a frame
# after these the window system may have lost what the window showed: the next frame is presented whole
SHOWN_AGAIN = tuple(getattr(pygame, name) for name in (
    "VIDEOEXPOSE", "WINDOWEXPOSED", "WINDOWSHOWN", "WINDOWRESTORED", "WINDOWMAXIMIZED", "WINDOWDISPLAYCHANGED",
) if hasattr(pygame, name))


def has_display() -> bool:
    """False on a Linux machine with no X or Wayland display and no SDL driver chosen."""
    if os.environ.get("SDL_VIDEODRIVER"):
        return True
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class Screen:
    """One screen of the stack. Screens below the top one are drawn if `opaque` is False."""

    opaque = True
    widgets = False       # the stack draws the shared pygame_gui manager over it (ui/screens/gui.py)
    partial_frames = False  # its frames often change only parts of the window: the stack presents only what differs

    def redrew_all(self) -> bool:
        """With `partial_frames`: this frame changed the whole window anyway (a pan, a zoom), so
        the stack presents it whole without comparing it with the last one."""
        return True

    def __init__(self, app: "ScreenStack") -> None:
        self.app = app
        self._drawn_camera: tuple | None = None     # the map camera and window size of the last frame drawn

    def camera_moved(self, view: Any) -> bool:
        """For `redrew_all` of a screen with a map: has its camera (`MapView.camera`, None without
        a map) or the window's size changed since the frame before?"""
        now = (None if view is None else view.camera(), self.app.size)
        moved, self._drawn_camera = now != self._drawn_camera, now
        return moved

    def process_event(self, event: pygame.event.Event) -> None:
        pass

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        pass

    def draw_over(self, surface: pygame.Surface) -> None:
        """What is drawn by hand over the widgets (a tooltip, the help): on the top screen after
        them, on a screen below before them (so the dialog above covers it)."""

    def resize(self, size: tuple[int, int]) -> None:
        pass

    def wake_in(self) -> float | None:
        """When the screen next changes by itself: 0 now (something moves: draw every frame), a
        number of seconds (a message expires), or None (only input changes it). The loop sleeps
        until then, so a game waiting for the player costs almost no CPU."""
        return None

    def closing(self) -> None:
        """The window is being closed: keep what would be lost (a game autosaves)."""

    def enter(self) -> None:
        pass

    def leave(self) -> None:
        pass


class ScreenStack:
    """The window and the screen stack. `replace_game` is the composition root's (ui/app.py):
    it knows which screens make a game."""

    def __init__(self, size: tuple[int, int] | None = None, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load()
        pygame.display.init()       # the mixer opens only when a sound is played (ui/sound.py)
        pygame.font.init()
        pygame.key.set_repeat(300, 40)
        want = size or tuple(self.settings.window)
        size = (max(MIN_SIZE[0], int(want[0])), max(MIN_SIZE[1], int(want[1])))
        self.surface = pygame.display.set_mode(size, pygame.RESIZABLE)
        pygame.display.set_caption("Wargame")
        self.screens: list[Screen] = []
        self.running = True
        self.exit_code = 0
        self.clock = pygame.time.Clock()
        self.frame = 0
        self._gui = None
        self._gui_key = None
        self.presenter = Presenter()
        self.mouse = (size[0] // 2, size[1] // 2)
        self.mouse_seen = False
        from ui.sound import Sounds
        self.sounds = Sounds(self.settings)

    # -- pygame_gui: one manager and one theme (ui/screens/theme.py) for every screen's widgets --
    def gui(self):
        """The shared pygame_gui manager. Each screen's widgets live in it: an opaque screen coming
        on top clears it (`push`), a dialog over a screen adds its own layer (ui/screens/gui.py)."""
        import pygame_gui

        from ui.screens import theme

        scale = self.settings.ui_scale
        key = (self.surface.get_size(), scale)
        if self._gui is None or self._gui_key != key:
            if self._gui is None or self._gui_key[1] != scale:
                manager = pygame_gui.UIManager(self.surface.get_size(), theme.theme_dict(scale))
                manager.preload_fonts(theme.preload(scale))
                self._gui = manager
            else:
                self._gui.set_window_resolution(self.surface.get_size())
            self._gui_key = key
        return self._gui

    def gui_if_made(self):
        """The shared manager if a screen has made it, else None (it never makes one)."""
        return self._gui

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    def scaled(self, px: float) -> int:
        return int(round(px * self.settings.ui_scale))

    # -- the stack ------------------------------------------------------------------------
    @property
    def top(self) -> Screen | None:
        return self.screens[-1] if self.screens else None

    def push(self, screen: Screen) -> Screen:
        if screen.opaque and self._gui is not None:
            self._gui.clear_and_reset()        # nothing below shows: the screen below rebuilds on its return
        self.screens.append(screen)
        self.presenter.forget()
        screen.enter()
        return screen

    def pop(self) -> Screen | None:
        if not self.screens:
            return None
        screen = self.screens.pop()
        self.presenter.forget()
        screen.leave()
        if self.top is not None:
            self.top.enter()
        return screen

    def replace(self, screen: Screen) -> Screen:
        while self.screens:
            self.screens.pop().leave()
        return self.push(screen)

    def replace_game(self, session: Any) -> Screen:
        """Show another game: back to the main menu, then the new game screen on top."""
        raise NotImplementedError("the composition root (ui.app.App) opens games")

    def quit(self, code: int = 0) -> None:
        self.running = False
        self.exit_code = code

    # -- the loop -------------------------------------------------------------------------
    def _handle_resize(self, event: pygame.event.Event) -> None:
        w: Any = getattr(event, "w", None)
        h: Any = getattr(event, "h", None)
        if w is None:                    # WINDOWSIZECHANGED says x and y
            w, h = getattr(event, "x", 0), getattr(event, "y", 0)
        w, h = max(MIN_SIZE[0], int(w)), max(MIN_SIZE[1], int(h))
        if (w, h) != self.surface.get_size():
            self.surface = pygame.display.set_mode((w, h), pygame.RESIZABLE)
        self.presenter.forget()
        self.settings.window = (w, h)
        for s in self.screens:
            s.resize((w, h))

    def step(self, events: Iterable[pygame.event.Event] | None = None, dt: float = 1.0 / FPS, draw: bool = True) -> None:
        """One frame: the given events (and any posted ones), update, draw, present (ui/present.py)."""
        queue = list(pygame.event.get())
        if events:
            queue.extend(events)
        for event in queue:
            if event.type == pygame.QUIT:
                for screen in self.screens:
                    screen.closing()
                self.quit(0)
                continue
            if event.type == pygame.VIDEORESIZE or event.type == getattr(pygame, "WINDOWSIZECHANGED", -1):
                self._handle_resize(event)
                continue
            if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
                self.mouse = event.pos
                self.mouse_seen = True
            if event.type == pygame.WINDOWLEAVE:
                self.mouse_seen = False
            if event.type in SHOWN_AGAIN:
                self.presenter.forget()
            top = self.top
            if top is not None:
                top.process_event(event)
        top = self.top
        if top is not None:
            top.update(dt)
        if draw:
            self.draw()
        self.frame += 1

    def draw(self) -> None:
        """The screens from the last opaque one up, the widgets of all of them (each dialog's
        layer above the screen below), then what the top screen draws over its widgets."""
        if not self.screens:
            return
        start = len(self.screens) - 1
        while start > 0 and not self.screens[start].opaque:
            start -= 1
        *below, top = self.screens[start:]
        for s in below:
            s.draw(self.surface)
            s.draw_over(self.surface)
        top.draw(self.surface)
        if top.widgets and self._gui is not None:
            self._gui.draw_ui(self.surface)
        top.draw_over(self.surface)
        whole = not top.partial_frames or top.redrew_all()
        self.presenter.present(self.surface, whole=whole, keep=not whole)    # after a whole frame the next is whole too

    def wake_in(self) -> float | None:
        top = self.top
        return top.wake_in() if top is not None else None

    @staticmethod
    def _sleep_until_event(timeout: float) -> None:
        """Sleep until an event is queued or `timeout` seconds pass, looking every IDLE_POLL
        seconds (SDL's own wait polls every millisecond on some drivers: several % of a core)."""
        deadline = time.monotonic() + timeout
        while not pygame.event.peek():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(IDLE_POLL, left))

    def run_loop(self) -> int:
        """Frames at FPS while something moves; otherwise sleep on the event queue, and draw
        only when an event came or a screen asked to be woken (`Screen.wake_in`)."""
        last = pygame.time.get_ticks()
        while self.running and self.screens:
            wake = self.wake_in()
            if wake is None or wake > 0:
                timeout = IDLE_WAKE if wake is None else min(IDLE_WAKE, wake)
                self._sleep_until_event(timeout)
                now = pygame.time.get_ticks()
                dt, last = (now - last) / 1000.0, now
                self.step(dt=min(dt, IDLE_WAKE))
                self.clock.tick()                  # keep the clock's notion of the last frame
            else:
                dt = self.clock.tick(FPS) / 1000.0
                last = pygame.time.get_ticks()
                self.step(dt=min(dt, 0.1))
        self.settings.save()
        return self.exit_code
