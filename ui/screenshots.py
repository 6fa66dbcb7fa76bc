"""Take the screenshots in docs/screenshots by driving the real game loop.

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python -m ui.screenshots docs/screenshots
    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python -m ui.screenshots docs/screenshots minefields   # only those

Runs in a real window (X11 under Xvfb), or with SDL_VIDEODRIVER=dummy. Each picture is the
window's content after posting the mouse and key events a player would.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

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


def stalingrad_pocket(seeds=range(1, 100), max_turns: int = 10, min_size: int = 10):
    """Play Stalingrad 1942 heuristic against heuristic, seed after seed, until the Soviets close
    a new pocket of at least `min_size` Axis units in or next to the city (Stalingrad, Gumrak,
    Pitomnik); stop at that moment (the start of the Axis phase the pocket is reported in).
    If no seed gets there, pockets down to 5 units are accepted.

    Returns (game, pocket event), or None.
    """
    import engine.ai as ai
    from engine.hexgrid import distance

    sc = engine.load_scenario("stalingrad_1942")
    m = sc.map
    city = [sc.place(name) for name in ("Stalingrad", "Gumrak", "Pitomnik")]
    for size in sorted({min_size, 5}, reverse=True):
        for seed in seeds:
            game = engine.Game(sc, seed)
            agents = {side: ai.make("heuristic", side=side, seed=seed) for side in sc.side_ids}
            seen = 0
            while not game.over and game.turn <= max_turns:
                ai.play_phase(game, agents[game.active_side])
                for e in game.events[seen:]:
                    if e.kind == "pocket" and e.side == "axis" and e.get("new") and int(e["size"]) >= size:
                        hexes = [m.hex(m.parse(h)) for h in e["hexes"]]
                        if min(distance(a, b) for a in hexes for b in city) <= 1:
                            return game, e
                seen = len(game.events)
    return None


def played(name: str, turns: int, seed: int = 1):
    """A game of `name` played by the heuristic AI on both sides for `turns` whole turns."""
    import engine.ai as ai

    game = engine.Game(engine.load_scenario(name), seed)
    agents = {side: ai.make("heuristic", side=side, seed=seed) for side in game.scenario.side_ids}
    while not game.over and game.turn <= turns:
        ai.play_phase(game, agents[game.active_side])
    return game


def campaign_minefields(app, frames, shot) -> None:
    """El Alamein after the first night of Lightfoot (the gaps the Eighth Army cleared through the
    Devil's Gardens) and Kursk on the morning of Citadel (the Voronezh Front's first belt), at the default zoom, centred on
    the minefields; the side to move plays."""
    from ui.screens.game import GameScreen
    from ui.session import Session

    for name, turns, places, file in (("el_alamein_1942", 1, ("Miteirya Ridge", "Kidney Ridge"), "el_alamein_minefields"),
                                      ("kursk_1943", 0, ("Tomarovka", "Yakovlevo"), "kursk_minefields")):
        if name not in engine.shipped_scenarios():
            continue
        game = played(name, turns)
        gs = cast(GameScreen, app.replace_game(Session(game, mode=game.active_side, ai="heuristic")))
        frames(n=2)
        v = gs.view
        sc = gs.session.scenario
        cells = [sc.map.index(sc.place(p)) for p in places]
        geo = v.geo
        v.cam_x = sum(geo.cx[i] for i in cells) / len(cells) - v.rect.width / 2
        v.cam_y = sum(geo.cy[i] for i in cells) / len(cells) - v.rect.height / 2
        v.clamp()
        frames(n=2)
        shot(file)
        if name == "el_alamein_1942":
            # Resting on a mined hex nobody stands in, nearest the centre: the minefield in the tooltip.
            st = gs.shown_state()
            stacks, _ = gs.scene()
            centre = v.rect.center
            mined = [i for i in range(sc.map.size) if st.mines[i] >= 0 and i not in stacks and v.rect.collidepoint(pos_in(v, i))]
            if mined:
                i = min(mined, key=lambda j: (pos_in(v, j)[0] - centre[0]) ** 2 + (pos_in(v, j)[1] - centre[1]) ** 2)
                frames([pygame.event.Event(pygame.MOUSEMOTION, pos=pos_in(v, i), rel=(0, 0), buttons=(0, 0, 0))])
                for _ in range(3):
                    app.step(dt=0.3)
                shot("minefield_tooltip")


def pos_in(view, i):
    x, y = view.to_screen(i)
    return int(x), int(y)


def main(out: str = "docs/screenshots", only: str = "", size=(1280, 800)) -> int:
    """Take every screenshot, or with `only` = "minefields" just the campaigns' minefields."""
    from ui.app import App
    from ui.screens.game import GameScreen
    from ui.screens.menu import MainMenu
    from ui.session import Session
    from ui.settings import Settings

    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    app = App(size, settings=Settings(ai_speed="instant", edge_pan=False, confirm_end_phase=False))

    def frames(events=(), n=2):
        for e in events:
            pygame.event.post(e)
        for _ in range(n):
            app.step(dt=1 / 30)

    def shot(name):
        app.draw()
        pygame.image.save(app.surface, str(out_dir / f"{name}.png"))
        print("wrote", out_dir / f"{name}.png")

    menu = cast(MainMenu, app.push(MainMenu(app)))
    frames(n=3)
    if only == "minefields":
        campaign_minefields(app, frames, shot)
        pygame.display.quit()
        return 0
    shot("menu")

    # The tutorial, second step: a unit selected, the panel says how to move it.
    menu.start_tutorial()
    tut = cast(GameScreen, app.top)
    frames(n=2)
    first = tut.sc.unit_index["blue_2nd_inf"]
    x, y = tut.view.to_screen(int(tut.game.state.unit_hex[first]))
    frames(_events_click((int(x), int(y))))
    shot("tutorial")
    app.pop()

    session = Session.new("tutorial_river", seed=11, mode="blue", ai="heuristic")
    from ui.screens.briefing import BriefingScreen
    app.push(BriefingScreen(app, session.scenario, "blue", lambda: None))
    frames(n=2)
    shot("briefing")
    app.pop()
    gs = GameScreen(app, session)
    app.push(gs)
    frames(n=2)
    sc = session.scenario
    m = sc.map

    def pos(i):
        x, y = gs.view.to_screen(i)
        return int(x), int(y)

    shot("tutorial_start")

    # Resting on a counter: its unit card.
    armd = sc.unit_index["blue_1st_armd"]
    frames(_hover(pos(int(session.game.state.unit_hex[armd]))))
    for _ in range(3):
        app.step(dt=0.3)
    shot("tooltip")

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
    frames(_key(pygame.K_e))                # attacks come in the combat phase
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

    # The AI's reply: the report of its turn, then the arrows of this and last turn's moves and
    # attacks over the control overlay.
    from ui.screens.game.report import TurnReport
    for _ in range(3):                      # combat, exploitation: then the AI plays its turn
        frames(_key(pygame.K_e), 4)
        if isinstance(app.top, TurnReport):
            break
    if isinstance(app.top, TurnReport):
        shot("turn_report")
        frames(_key(pygame.K_RETURN))
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
        big_gs = cast(GameScreen, app.replace_game(big))
        frames(n=2)
        shot("big_map")
        # A stack of the player's: the inspector lists each unit with its values.
        stacks, _ = big_gs.scene()
        mine = [i for i, units in stacks.items() if len(units) > 1 and big.scenario.units[units[0]].side == big.game.state.side]
        if mine:
            big_gs.view.centre_on(mine[0])
            frames(_events_click(pos_in(big_gs.view, mine[0])))
            shot("stack_inspector")
            frames(_key(pygame.K_ESCAPE))
        frames(_key(pygame.K_k))
        shot("turn_track")
        frames(_key(pygame.K_k))
    except (engine.ScenarioError, OSError) as exc:
        print("no big map:", exc)

    # Stalingrad: a game played by the AI on both sides until 6th Army is encircled, saved and
    # loaded as the load screen does (Axis to move, so nothing plays on), centred on the pocket
    # at 48 px hexes with the supply overlay, pointing at the first hex of the pocket.
    try:
        found = stalingrad_pocket() if "stalingrad_1942" in engine.shipped_scenarios() else None
        if found is None:
            print("no Stalingrad pocket")
        else:
            import tempfile

            from ui.drawing.view import ZOOMS

            game, pocket = found
            print(f"stalingrad pocket: seed {game.seed}, turn {pocket.turn}, {pocket['size']} units, "
                  f"{pocket['steps']} steps in {', '.join(pocket['hexes'])}")
            with tempfile.TemporaryDirectory() as tmp:
                save = Path(tmp) / "stalingrad_pocket.json"
                Session(game, mode="axis", ai="heuristic").save(save)
                gs = cast(GameScreen, app.replace_game(Session.load(save)))
            frames(n=2)
            v = gs.view
            cells = [gs.session.scenario.map.parse(h) for h in pocket["hexes"]]
            v.zoom_at(ZOOMS.index(48) - v.level)
            geo = v.geo
            v.cam_x = sum(geo.cx[i] for i in cells) / len(cells) - v.rect.width / 2
            v.cam_y = sum(geo.cy[i] for i in cells) / len(cells) - v.rect.height / 2
            v.clamp()
            if gs.show_arrows:
                frames(_key(pygame.K_a))                 # no move arrows over the ring
            frames(_key(pygame.K_s))
            frames(_hover(pos_in(v, cells[0])))
            shot("stalingrad_pocket")
    except (engine.ScenarioError, OSError) as exc:
        print("no Stalingrad pocket:", exc)
    campaign_minefields(app, frames, shot)
    pygame.display.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
