"""What reaches the window: the whole frame, or only the regions that changed (ui/present.py),
and never a stale region. A fake window keeps what `display.flip` and `display.update` sent it;
after every frame it must equal the surface the screens drew."""
from __future__ import annotations

import pygame
import pytest

from tests.ui.conftest import key_event, post
from tests.ui.test_editor import at, drag, open_editor


class Window:
    """What the player would see: the pixels presented so far, and each frame's presentation
    (None: the whole window, else the rectangles sent to `display.update`)."""

    def __init__(self, monkeypatch) -> None:
        self.pixels: pygame.Surface | None = None
        self.frames: list[list[pygame.Rect] | None] = []
        flip, update = pygame.display.flip, pygame.display.update

        def on_flip() -> None:
            flip()
            self.pixels = pygame.display.get_surface().copy()
            self.frames.append(None)

        def on_update(rects=None) -> None:
            update(rects)
            surface = pygame.display.get_surface()
            assert self.pixels is not None and self.pixels.get_size() == surface.get_size(), "a part presented before the whole"
            got = [pygame.Rect(r) for r in rects]
            for r in got:
                self.pixels.blit(surface, r, r)
            self.frames.append(got)

        monkeypatch.setattr(pygame.display, "flip", on_flip)
        monkeypatch.setattr(pygame.display, "update", on_update)

    def shows(self, surface: pygame.Surface) -> bool:
        return self.pixels is not None and pygame.image.tobytes(self.pixels, "RGBX") == pygame.image.tobytes(surface, "RGBX")


@pytest.fixture
def window(monkeypatch):
    return Window(monkeypatch)


def frames(stack, window, events=(), n=1):
    """Run n frames after posting events; after each, the window shows exactly the surface."""
    shown: list[list[pygame.Rect] | None] = []
    for e in events:
        pygame.event.post(e)
    for _ in range(n):
        start = len(window.frames)
        stack.step()
        assert window.shows(stack.surface), f"a stale region after frame {stack.frame}"
        assert len(window.frames) - start <= 1
        shown += window.frames[start:] or [[]]            # no call: nothing presented
    return shown


def covered(rects, box: pygame.Rect) -> bool:
    """Every pixel of box lies in one of the rectangles."""
    mask = pygame.Surface(box.size)
    mask.fill((0, 0, 0))
    for r in rects:
        mask.fill((255, 255, 255), r.move(-box.x, -box.y))
    return pygame.mask.from_threshold(mask, (255, 255, 255), (1, 1, 1, 255)).count() == box.width * box.height


def test_a_stroke_presents_the_painted_hexes_and_the_window_never_goes_stale(stack, scenario_copy, window):
    screen = open_editor(stack, scenario_copy)
    assert window.frames[0] is None                              # the first frame: the whole window
    frames(stack, window, n=3)
    assert frames(stack, window, n=1) == [[]]                    # nothing changed: nothing presented
    # Given the 7-hex brush with sea, when a stroke crosses land:
    screen.terrain = "sea"
    post(stack, key_event(pygame.K_b) + key_event(pygame.K_3), frames=1)
    frames(stack, window, [pygame.event.Event(pygame.MOUSEMOTION, pos=at(screen, "0606"), rel=(1, 0), buttons=(0, 0, 0))], n=2)
    shown = frames(stack, window, drag(at(screen, "0606"), at(screen, "0707")), n=3)
    # then only regions were presented, small ones, and they hold every painted hex.
    assert all(f is not None for f in shown)
    rects = [r for f in shown for r in f or []]
    assert 0 < sum(r.width * r.height for r in rects) < 0.25 * 1280 * 800
    painted = set(screen.brush_hexes(screen.draft.hex_index("0606"))) | set(screen.brush_hexes(screen.draft.hex_index("0707")))
    assert all(screen.draft.terrain_at(i) == "sea" for i in painted)
    half = int(screen.view.s * 0.5)
    for i in painted:
        x, y = screen.view.to_screen(i)
        box = pygame.Rect(int(x) - half, int(y) - half, 2 * half, 2 * half).clip(screen.view.rect)
        assert covered(rects, box), f"hex {screen.draft.hex_id(i)} painted but not presented"
    # Undo, help, a tab: still never stale.
    frames(stack, window, key_event(pygame.K_z, pygame.KMOD_CTRL), n=3)
    frames(stack, window, key_event(pygame.K_F1), n=2)
    frames(stack, window, key_event(pygame.K_F1), n=2)
    frames(stack, window, [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=screen.panels.units_tab.rect.center, button=1),
                           pygame.event.Event(pygame.MOUSEBUTTONUP, pos=screen.panels.units_tab.rect.center, button=1)], n=3)
    assert screen.tab == "units"


def test_a_pan_a_zoom_and_a_resize_present_the_whole_window(stack, scenario_copy, window):
    screen = open_editor(stack, scenario_copy)
    frames(stack, window, n=2)
    screen.view.level = len(screen.view.zooms) - 1                 # the map larger than the view: room to pan
    screen.view.centre_on(screen.draft.hex_index("0606"))
    frames(stack, window, n=1)
    centre = screen.view.rect.center
    before = (screen.view.cam_x, screen.view.cam_y)
    shown = frames(stack, window, [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=centre, button=3),
                                   pygame.event.Event(pygame.MOUSEMOTION, pos=(centre[0] - 60, centre[1] - 40), rel=(-60, -40), buttons=(0, 0, 1))], n=1)
    assert (screen.view.cam_x, screen.view.cam_y) != before and shown == [None]
    frames(stack, window, [pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(centre[0] - 60, centre[1] - 40), button=3)], n=2)
    level = screen.view.level
    shown = frames(stack, window, [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1)], n=1)
    assert screen.view.level != level and shown == [None]
    shown = frames(stack, window, [pygame.event.Event(pygame.VIDEORESIZE, w=1100, h=700, size=(1100, 700))], n=1)
    assert stack.size == (1100, 700) and shown == [None]
    frames(stack, window, n=2)


def test_after_the_window_is_exposed_the_next_frame_is_whole(stack, scenario_copy, window):
    open_editor(stack, scenario_copy)
    frames(stack, window, n=3)
    assert frames(stack, window, n=1) == [[]]
    assert frames(stack, window, [pygame.event.Event(pygame.WINDOWEXPOSED)], n=1) == [None]


def test_a_screen_that_does_not_say_is_flipped_whole(stack, window):
    from ui.stack import Screen

    class Plain(Screen):
        def draw(self, surface):
            surface.fill((10, 20, 30))

    stack.push(Plain(stack))
    assert frames(stack, window, n=3) == [None, None, None]


def test_the_game_screen_presents_a_hover_in_part_and_never_goes_stale(app, window):
    from tests.ui.test_game_flow import find_attack_setup, pos_of, start_game

    gs = start_game(app)
    frames(app, window, n=3)
    uid, dest, _ = find_attack_setup(gs.game)
    u = gs.sc.unit_index[uid]
    here = pos_of(gs, gs.sc.map.hex_id(int(gs.game.state.unit_hex[u])))
    there = pos_of(gs, gs.sc.map.hex_id(dest))
    # Hovering over the map: parts of the window at most, each frame shown exactly.
    shown = frames(app, window, [pygame.event.Event(pygame.MOUSEMOTION, pos=here, rel=(1, 0), buttons=(0, 0, 0))], n=4)
    assert all(f is not None for f in shown)
    # Select, move (the counter slides), the pause menu over the map and back, end the phase.
    frames(app, window, [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=here, button=1),
                         pygame.event.Event(pygame.MOUSEBUTTONUP, pos=here, button=1)], n=3)
    frames(app, window, [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=there, button=1),
                         pygame.event.Event(pygame.MOUSEBUTTONUP, pos=there, button=1)], n=30)
    assert gs.sc.map.hex_id(int(gs.game.state.unit_hex[u])) == gs.sc.map.hex_id(dest)
    gs.open_menu()
    assert app.top is not gs and frames(app, window, n=1) == [None]      # a dialog opening: the whole window
    frames(app, window, n=2)
    app.pop()
    assert app.top is gs and frames(app, window, n=1) == [None]         # and closing
    frames(app, window, n=3)
    frames(app, window, key_event(pygame.K_e), n=10)
    assert gs.game.phase == "combat"


def test_x11_shows_the_window_through_its_own_path_unless_the_user_says():
    """SDL's OpenGL texture path uploads and presents the whole window whatever rectangles it is
    given; the stack asks for X11's own (MIT-SHM) path, which sends only the rectangles."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    def chosen(**env: str) -> str:
        base = {k: v for k, v in os.environ.items() if k != "SDL_FRAMEBUFFER_ACCELERATION"}
        code = "import os, ui.stack; print(os.environ.get('SDL_FRAMEBUFFER_ACCELERATION'))"
        out = subprocess.run([sys.executable, "-c", code], env={**base, **env}, capture_output=True, text=True, check=True,
                             cwd=Path(__file__).resolve().parents[2])
        return out.stdout.strip().splitlines()[-1]

    assert chosen() == "0"
    assert chosen(SDL_FRAMEBUFFER_ACCELERATION="opengl") == "opengl"


def test_a_menu_and_a_dialog_present_only_the_widgets_that_change(app, window, monkeypatch):
    from tests.ui.test_game_flow import start_game
    from ui.screens.menu import MainMenu

    mouse = [(0, 0)]                                               # where the widgets see the mouse (no pointer here)
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: mouse[0])
    app.settings.last_scenario = "tutorial_river"
    menu = app.push(MainMenu(app))
    assert frames(app, window, n=3)[0] is None                    # a screen pushed: the whole window
    assert frames(app, window, n=1) == [[]]                       # nothing changed: nothing presented
    # Given the mouse over a button, the frames present that button's region, not the window.
    box = menu.quit_button.rect
    mouse[0] = box.center
    shown = frames(app, window, [pygame.event.Event(pygame.MOUSEMOTION, pos=box.center, rel=(1, 0), buttons=(0, 0, 0))], n=4)
    rects = [r for f in shown for r in f or []]
    assert all(f is not None for f in shown) and rects
    assert sum(r.width * r.height for r in rects) < 0.2 * 1280 * 800 and any(r.colliderect(box) for r in rects)
    # The pause menu over a game: opening and closing it are whole frames, a hover in it is not.
    gs = start_game(app)
    frames(app, window, n=3)
    gs.open_menu()
    pause = app.top
    assert frames(app, window, n=1) == [None]
    button = pause.buttons[-1]
    mouse[0] = button.rect.center
    shown = frames(app, window, [pygame.event.Event(pygame.MOUSEMOTION, pos=button.rect.center, rel=(1, 0), buttons=(0, 0, 0))], n=4)
    assert all(f is not None for f in shown) and any(r.colliderect(button.rect) for f in shown for r in f or [])
    app.pop()
    assert frames(app, window, n=1) == [None]
