"""Take the editor's screenshots in docs/screenshots by driving the editor with posted events.

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python -m ui.editor.screenshots docs/screenshots

(or with SDL_VIDEODRIVER=dummy). The scenarios are edited in a temporary copy: nothing shipped
changes, and the recovery files go to a temporary folder.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pygame


def _click(pos, button=1):
    return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)]


def _drag(start, end):
    return [pygame.event.Event(pygame.MOUSEMOTION, pos=start, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=1),
            pygame.event.Event(pygame.MOUSEMOTION, pos=end, rel=(end[0] - start[0], end[1] - start[1]), buttons=(1, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=end, button=1)]


def _key(key, mod=0, unicode=""):
    return [pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0)]


def _frames(app, events=(), n=4):
    for e in events:
        pygame.event.post(e)
    for _ in range(n):
        app.step()


def take(out: Path) -> list[Path]:
    from engine.catalog import shipped_scenarios
    from ui.editor.model import Draft
    from ui.editor.screen import EditorScreen
    from ui.settings import Settings
    from ui.stack import ScreenStack

    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def shot(name: str) -> None:
        path = out / f"{name}.png"
        pygame.image.save(app.surface, str(path))
        written.append(path)

    def open_copy(name: str) -> EditorScreen:
        """A shipped scenario copied into the temporary folder, opened in the editor and shown."""
        src = shipped_scenarios()[name]
        dest = Path(tmp) / (src.name if src.is_file() else name)
        (shutil.copyfile if src.is_file() else shutil.copytree)(src, dest)
        screen = EditorScreen(app, Draft.open(dest), inline_validation=True)
        app.push(screen)
        return screen

    def close(screen: EditorScreen) -> None:
        screen.leave()
        app.pop()

    here = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)                   # the problem list names the files as `wargame validate` would from there
        os.environ["XDG_DATA_HOME"] = str(Path(tmp) / "data")
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        app = ScreenStack((1280, 800), settings=Settings(edge_pan=False))
        # Normandy: a unit dragged onto the sea, the problem listed and clicked.
        screen = open_copy("normandy_1944")
        view, panels = screen.view, screen.panels
        assert view is not None and panels is not None
        view.level = 9
        view.centre_on(screen.draft.hex_index("063014") or 0)
        _frames(app)
        _frames(app, _click(panels.units_tab.rect.center))
        k = screen.draft.unit_index("uk_50th_infantry_division") or 0
        start = view.to_screen(screen.draft.hex_index(screen.draft.units()[k]["hex"]) or 0)
        sea = view.to_screen(screen.draft.hex_index("064011") or 0)
        _frames(app, _key(pygame.K_s, unicode="s"))
        _frames(app, _drag((int(start[0]), int(start[1])), (int(sea[0]), int(sea[1]))), n=6)
        rows = [item for item in panels.problems.item_list if "sea hex" in item["text"]]
        if rows:
            _frames(app, _click(rows[0]["button_element"].rect.center), n=6)
        shot("editor_normandy")
        close(screen)
        # The tutorial map: painting forest with the 7-hex brush, the palette on the Map tab.
        screen = open_copy("tutorial_river")
        view = screen.view
        assert view is not None
        _frames(app)
        _frames(app, _key(pygame.K_b, unicode="b") + _key(pygame.K_3, unicode="3"))
        a = view.to_screen(screen.draft.hex_index("0709") or 0)
        b = view.to_screen(screen.draft.hex_index("1009") or 0)
        _frames(app, _drag((int(a[0]), int(a[1])), (int(b[0]), int(b[1]))))
        hover = view.to_screen(screen.draft.hex_index("1306") or 0)
        _frames(app, [pygame.event.Event(pygame.MOUSEMOTION, pos=(int(hover[0]), int(hover[1])), rel=(0, 0), buttons=(0, 0, 0))])
        shot("editor_paint")
        _frames(app, _key(pygame.K_F1))
        shot("editor_help")
        # The Scenario tab: + Side says the format's limit of two sides.
        _frames(app, _key(pygame.K_F1))
        assert screen.panels is not None
        _frames(app, _click(screen.panels.scenario_tab.rect.center))
        _frames(app, _click(screen.panels.add_side_button.rect.center))
        shot("editor_sides")
        close(screen)
        # Kursk: the turn track on turn 2, the day two tank corps and two divisions arrive.
        screen = open_copy("kursk_1943")
        _frames(app)
        assert screen.panels is not None
        _frames(app, _click(screen.panels.turns_tab.rect.center))
        turn2 = next(item for item in screen.panels.turn_list.item_list if item["text"].startswith("Turn  2"))
        _frames(app, _click(turn2["button_element"].rect.center))
        shot("editor_turns")
        close(screen)
        # Stalingrad's Rules tab: the stand-fast rule of the 6th Army, its area ringed on the map.
        screen = open_copy("stalingrad_1942")
        _frames(app)
        assert screen.panels is not None and screen.view is not None
        _frames(app, _click(screen.panels.rules_tab.rect.center))
        screen.select_record("#rule_0")
        screen.view.level = 7
        screen.view.centre_on(screen.draft.hex_index("2812") or 0)
        _frames(app, _key(pygame.K_h, unicode="h"), n=6)
        shot("editor_rules")
        # Its weather kinds: the blizzard of the scenario's rule_overrides, with its effects.
        _frames(app, _key(pygame.K_ESCAPE))
        screen.select_record("#kind_blizzard")
        _frames(app, n=6)
        shot("editor_weather")
        # Its nations: Croatia's regiment fights with the 6th Army, so Delete says which unit still fights as it.
        screen.select_record("#nation_croatia")
        _frames(app, n=2)
        _frames(app, _click(screen.panels.rules.delete.rect.center), n=4)
        shot("editor_nations")
        # El Alamein: a history milestone's form, with the engine's message for a place not on the map.
        close(screen)
        screen = open_copy("el_alamein_1942")
        _frames(app)
        assert screen.panels is not None
        _frames(app, _click(screen.panels.rules_tab.rect.center))
        _frames(app, _click(screen.panels.rules.add_milestone.rect.center), n=4)
        boxes = dict(zip(screen.panels.rules.names, screen.panels.rules.entries))
        boxes["name"].set_text("Cairo reached")
        boxes["places"].set_text("Cairo")
        boxes["happens"].set_text("false")
        _frames(app, _click(screen.panels.rules.apply.rect.center), n=6)
        shot("editor_history")
        # Places picked on the map for the Miteirya milestone: Kidney Ridge and Tel el Eisa join it.
        assert screen.view is not None
        screen.select_record("#milestone_0")
        screen.view.level = 9
        screen.view.centre_on(screen.draft.hex_index("4617") or 0)
        _frames(app, _key(pygame.K_h, unicode="h"))
        for hex_id in ("4516", "4616"):
            x, y = screen.view.to_screen(screen.draft.hex_index(hex_id) or 0)
            _frames(app, _click((int(x), int(y))))
        _frames(app, n=6)
        shot("editor_pick")
        # The New scenario form (Ctrl+N), with a box it cannot read.
        _frames(app, _key(pygame.K_ESCAPE))
        _frames(app, _key(pygame.K_n, mod=pygame.KMOD_CTRL))
        from ui.editor.newform import NewScenarioForm

        form = app.top
        assert isinstance(form, NewScenarioForm)
        typed = {"path": "caen", "title": "Caen 1944", "start_date": "1944-07-08", "turns": "ten", "days_per_turn": "2", "bbox": "-0.8 49.0 -0.1 49.4",
                 "side_1": "allies", "side_1_name": "Allies", "nation_1": "uk", "nation_1_name": "British Second Army",
                 "side_2": "axis", "side_2_name": "Axis", "nation_2": "de", "nation_2_name": "Panzergruppe West"}
        for name, text in typed.items():
            form.entries[name].set_text(text)
        form.create()
        _frames(app, n=4)
        shot("editor_new")
        app.pop()
        screen.leave()
        pygame.display.quit()
        os.chdir(here)
    return written


if __name__ == "__main__":  # pragma: no cover
    for p in take(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(f"wrote {p}")
