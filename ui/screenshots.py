"""Take the screenshots in docs/screenshots by driving the real game loop.

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python -m ui.screenshots docs/screenshots

Runs in a real window (X11 under Xvfb), or with SDL_VIDEODRIVER=dummy. Each picture is the
window's content after posting the mouse and key events a player would.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pygame

import engine


def _events_click(pos, button=1):
    return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)]


def _hover(pos):
    return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))]


def _key(key, mod=0):
    return [pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0),
            pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)]


def main(out: str = "docs/screenshots", size=(1280, 800)) -> int:
    from ui.app import App
    from ui.screens.game import GameScreen
    from ui.screens.menu import MainMenu
    from ui.session import Session
    from ui.settings import Settings

    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    app = App(size, settings=Settings(ai_speed="instant", edge_pan=False))

    def frames(events=(), n=2):
        for e in events:
            pygame.event.post(e)
        for _ in range(n):
            app.step(dt=1 / 30)

    def shot(name):
        app.draw()
        pygame.image.save(app.surface, str(out_dir / f"{name}.png"))
        print("wrote", out_dir / f"{name}.png")

    app.push(MainMenu(app))
    frames(n=3)
    shot("menu")

    session = Session.new("tutorial_river", seed=11, mode="blue", ai="heuristic")
    gs = app.push(GameScreen(app, session))
    frames(n=2)
    sc = session.scenario
    m = sc.map

    def pos(i):
        x, y = gs.view.to_screen(i)
        return int(x), int(y)

    shot("tutorial_start")

    # A unit selected: its range, the path to the hovered hex and its cost.
    armd = sc.unit_index["blue_1st_armd"]
    frames(_events_click(pos(int(session.game.state.unit_hex[armd]))))
    reach = gs.reachable(armd)
    far = max(reach, key=lambda i: (reach[i], -i))
    frames(_hover(pos(far)))
    shot("selected_unit_range")

    # An attack preview: move two units next to an enemy, select both, point at the enemy.
    g = session.game
    target = m.parse("0903")
    nbrs = set(m.neighbors[target].tolist())
    movers = []
    for uid in ("blue_1st_armd", "blue_1st_inf"):
        options = [(c, m.index(h)) for h, c in g.reachable(uid).items() if m.index(h) in nbrs]
        if options:
            _, dest = min(options)
            u = sc.unit_index[uid]
            frames(_events_click(pos(int(g.state.unit_hex[u]))))
            frames(_events_click(pos(dest)))
            if int(g.state.unit_hex[u]) == dest:
                movers.append(u)
    gs.selection = []
    for k, u in enumerate(movers):
        if k:
            frames([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LSHIFT, mod=pygame.KMOD_SHIFT, unicode="", scancode=0)], 1)
        frames(_events_click(pos(int(g.state.unit_hex[u]))))
    frames([pygame.event.Event(pygame.KEYUP, key=pygame.K_LSHIFT, mod=0, unicode="", scancode=0)], 1)
    frames(_key(pygame.K_RIGHTBRACKET))
    frames(_hover(pos(target)))
    shot("attack_preview")
    frames(_events_click(pos(target)), 3)
    shot("attack_result")

    # Supply overlay, hovering a hex.
    gs.selection = []
    frames(_key(pygame.K_s))
    frames(_hover(pos(m.parse("1205"))))
    shot("supply_overlay")
    frames(_key(pygame.K_s))

    # The AI's reply, with arrows of this and last turn's moves and attacks; control overlay.
    frames(_key(pygame.K_e), 4)
    frames(_key(pygame.K_c))
    frames(_hover(pos(m.parse("0606"))))
    shot("turn2_arrows_control")
    frames(_key(pygame.K_c))

    frames(_key(pygame.K_o))
    shot("objectives")
    frames(_key(pygame.K_o))
    frames(_key(pygame.K_F1))
    shot("help")
    frames(_key(pygame.K_F1))

    # Colour-blind-safe palette.
    app.settings.colour_blind = True
    gs.apply_settings()
    frames(n=2)
    shot("colour_blind")
    app.settings.colour_blind = False
    gs.apply_settings()

    # Play the game out (AI for both sides) to the victory screen.
    session.humans.clear()
    from ui.agents import Agent
    session.agents = {s: Agent("heuristic", s, session.game) for s in sc.side_ids}
    for _ in range(400):
        frames(n=1)
        if session.game.over:
            break
    frames(n=3)
    shot("victory")

    # A big map at the default zoom: Normandy if it is shipped, else the benchmark map.
    try:
        if "normandy_1944" in engine.shipped_scenarios():
            big = Session.new("normandy_1944", seed=1, mode=None, ai="heuristic")
        else:
            import tempfile

            from ui.bench import make_big_scenario
            big = Session.new(str(make_big_scenario(tempfile.mkdtemp(), columns=120, rows=80, units=200)), seed=1, mode="blue")
        app.replace_game(big)
        frames(n=2)
        shot("big_map")
    except (engine.ScenarioError, OSError) as exc:
        print("no big map:", exc)
    pygame.display.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(*(sys.argv[1:2] or [])))
