"""The editor's Rules tab driven through posted events: victory levels and objectives, the
weather, special rules (a stand-fast area picked on the map, an airlift) and history milestones,
each edited in its form, checked live, undone and saved."""
from __future__ import annotations

import shutil

import pygame

from engine.catalog import shipped_scenarios
from tests.ui.conftest import click_event, key_event, post
from tests.ui.test_editor import at, list_row, open_editor


def rules_tab(screen, stack):
    post(stack, click_event(screen.panels.rules_tab.rect.center), frames=3)
    assert screen.panels.rules.list.visible


def pick(screen, stack, text):
    """Click the record's row (a row scrolled out of the list is selected as its click would)."""
    item = next(item for item in screen.panels.rules.list.item_list if text in item["text"])
    if item.get("button_element") is None:
        screen.select_record(item["object_id"])
        post(stack, [], frames=2)
    else:
        post(stack, click_event(item["button_element"].rect.center), frames=3)


def form(screen):
    return dict(zip(screen.panels.rules.names, screen.panels.rules.entries))


def test_a_victory_level_and_an_objective_are_edited_in_the_form(stack, scenario_copy):
    import engine

    screen = open_editor(stack, scenario_copy)
    rules_tab(screen, stack)
    pick(screen, stack, "Level: Blue marginal")
    assert screen.selected_record == "#level_1"
    assert screen.panels.rules.names == ["name", "winner", "level", "min_vp", "max_vp"]
    assert form(screen)["min_vp"].get_text() == "5" and form(screen)["min_vp"].visible
    # Bad input says which box and what it wants, and writes nothing.
    form(screen)["min_vp"].set_text("five")
    post(stack, click_event(screen.panels.rules.apply.rect.center), frames=3)
    assert "min_vp: 'five' is not a whole number" in screen.message and not screen.draft.undo_stack
    form(screen)["min_vp"].set_text("7")
    form(screen)["level"].set_text("draw")
    post(stack, key_event(pygame.K_RETURN), frames=1)
    post(stack, click_event(screen.panels.rules.apply.rect.center), frames=3)
    level = screen.draft.data["victory"]["levels"][1]
    assert (level["min_vp"], level["level"]) == (7, "draw") and len(screen.draft.undo_stack) == 1
    assert screen.problems == [] and screen.panels.rules.problem.text == "no problems"
    # A level the engine refuses: its message, under the form and in the problem list.
    form(screen)["level"].set_text("triumph")
    post(stack, click_event(screen.panels.rules.apply.rect.center), frames=3)
    assert "not one of decisive, marginal, draw" in screen.message
    form(screen)["level"].set_text("marginal")
    form(screen)["winner"].set_text("green")
    post(stack, click_event(screen.panels.rules.apply.rect.center), frames=3)
    assert screen.problems and screen.panels.rules.problem.text.startswith("line ")
    post(stack, key_event(pygame.K_z, pygame.KMOD_CTRL), frames=3)
    assert screen.problems == [] and form(screen)["winner"].get_text() == "blue"
    # The objective: every field, sudden death included.
    pick(screen, stack, "Objective: Blue takes Ashford")
    assert "sudden_death" in screen.panels.rules.names and form(screen)["hexes"].get_text()
    form(screen)["sudden_death"].set_text("true")
    form(screen)["until_turn"].set_text("")
    post(stack, click_event(screen.panels.rules.apply.rect.center), frames=3)
    # The victory record: VP side and VP per step eliminated; a new level.
    pick(screen, stack, "Victory: VP for blue")
    form(screen)["elimination_vp"].set_text("0.5")
    post(stack, click_event(screen.panels.rules.apply.rect.center), frames=3)
    post(stack, click_event(screen.panels.rules.add_level.rect.center), frames=3)
    assert screen.selected_record == "#level_5" and screen.problems == []
    post(stack, key_event(pygame.K_s, pygame.KMOD_CTRL), frames=1)
    v = engine.load_scenario(scenario_copy).model.victory
    assert v.levels[1].min_vp == 7 and v.objectives[1].sudden_death and v.elimination_vp == 0.5 and len(v.levels) == 6


def test_weather_and_special_rules_stand_fast_picked_on_the_map_and_airlift(stack, scenario_copy):
    import engine

    screen = open_editor(stack, scenario_copy)
    rules_tab(screen, stack)
    pick(screen, stack, "Weather: clear")
    assert form(screen)["schedule"].get_text() == "1: clear, 2: clear"
    form(screen)["schedule"].set_text("1: clear, 2: rain, 3: overcast")
    form(screen)["default"].set_text("overcast")
    post(stack, click_event(screen.panels.rules.apply.rect.center), frames=3)
    assert screen.draft.data["weather"]["schedule"] == {1: "clear", 2: "rain", 3: "overcast"} and screen.problems == []
    form(screen)["schedule"].set_text("1 clear")
    post(stack, click_event(screen.panels.rules.apply.rect.center), frames=3)
    assert "schedule, item 1: '1 clear' is not written KEY: VALUE" in screen.message
    pick(screen, stack, "Table: months 9, 10")
    form(screen)["chances"].set_text("clear: 6, rain: 4")
    post(stack, click_event(screen.panels.rules.apply.rect.center), frames=3)
    post(stack, click_event(screen.panels.rules.add_weather.rect.center), frames=3)
    assert screen.selected_record == "#table_1" and screen.problems == []
    # A stand-fast rule: added, its hexes picked on the map (H), its side and turn in the form.
    post(stack, click_event(screen.panels.rules.add_rule.rect.center), frames=3)
    oid = screen.selected_record
    assert oid == "#rule_1" and screen.panels.rules.names[0] == "rule"
    post(stack, key_event(pygame.K_h), frames=1)
    assert screen.picking
    for hex_id in ("0910", "0911", "1010"):
        post(stack, click_event(at(screen, hex_id)), frames=2)
    post(stack, click_event(at(screen, "0911")), frames=2)                  # again: out
    post(stack, key_event(pygame.K_ESCAPE), frames=1)
    assert not screen.picking
    assert screen.draft.data["special_rules"][1]["hexes"] == ["0910", "1010"]
    form(screen)["side"].set_text("red")
    form(screen)["until_turn"].set_text("3")
    post(stack, click_event(screen.panels.rules.apply.rect.center), frames=3)
    assert screen.problems == []
    post(stack, key_event(pygame.K_s, pygame.KMOD_CTRL), frames=1)
    rule = engine.load_scenario(scenario_copy).model.special_rules[1]
    assert (rule.rule, rule.side, rule.hexes, rule.until_turn) == ("stand_fast", "red", ["0910", "1010"], 3)
    # An airlift: the next rule added is of the selected rule's kind; retyped by its `rule` box.
    form(screen)["rule"].set_text("airlift")
    post(stack, click_event(screen.panels.rules.apply.rect.center), frames=3)
    assert screen.problems == [], screen.message
    assert screen.panels.rules.names[:3] == ["rule", "side", "points"], (screen.message, [s.label for s in screen.draft.undo_stack])
    form(screen)["points"].set_text("3")
    form(screen)["from_turn"].set_text("2")
    post(stack, click_event(screen.panels.rules.apply.rect.center), frames=3)
    post(stack, click_event(screen.panels.rules.add_rule.rect.center), frames=3)
    assert screen.draft.data["special_rules"][2]["rule"] == "airlift"
    post(stack, click_event(screen.panels.rules.delete.rect.center), frames=3)
    assert len(screen.draft.data["special_rules"]) == 2 and screen.selected_record is None
    post(stack, key_event(pygame.K_s, pygame.KMOD_CTRL), frames=1)
    rule = engine.load_scenario(scenario_copy).model.special_rules[1]
    assert (rule.rule, rule.points, rule.from_turn, rule.until_turn) == ("airlift", 3, 2, 3)
    # Every one of those edits is undone, back to the file as shipped.
    while screen.draft.undo_stack:
        post(stack, key_event(pygame.K_z, pygame.KMOD_CTRL), frames=1)
    assert screen.draft.files.texts()[scenario_copy.name] == shipped_scenarios()["tutorial_river"].read_text(encoding="utf-8")


def test_history_milestones_are_added_edited_checked_and_deleted(stack, tmp_path):
    import engine

    folder = tmp_path / "el_alamein_1942"
    shutil.copytree(shipped_scenarios()["el_alamein_1942"], folder)
    screen = open_editor(stack, folder)
    rules_tab(screen, stack)
    n = len(screen.draft.data["history"]["milestones"])
    post(stack, click_event(screen.panels.rules.add_milestone.rect.center), frames=3)
    oid = screen.selected_record
    assert oid == f"#milestone_{n}" and screen.panels.rules.names[:2] == ["kind", "id"] and "places" in screen.panels.rules.names
    assert screen.problems == []
    # A place that is not on the map: the engine's message, under the form.
    form(screen)["places"].set_text("Atlantis")
    form(screen)["name"].set_text("Atlantis taken")
    post(stack, click_event(screen.panels.rules.apply.rect.center), frames=3)
    assert screen.problems and "Atlantis" in screen.panels.rules.problem.text
    assert any("Atlantis" in p.message for p in screen.problems)
    # Clicking the problem selects the milestone.
    screen.selected_record = None
    post(stack, click_event(list_row(screen.panels.problems, "Atlantis")), frames=3)
    assert screen.selected_record == oid and screen.tab == "rules" and form(screen)["places"].is_focused
    form(screen)["places"].unfocus()
    # Another kind: its own fields.
    form(screen)["kind"].set_text("pocket_formed")
    post(stack, click_event(screen.panels.rules.apply.rect.center), frames=3)
    assert "near" in screen.panels.rules.names and "places" not in screen.panels.rules.names
    form(screen)["near"].set_text("Fuka")
    form(screen)["min_units"].set_text("4")
    form(screen)["date"].set_text("1942-11-07")
    post(stack, click_event(screen.panels.rules.apply.rect.center), frames=3)
    assert screen.problems == []
    post(stack, key_event(pygame.K_s, pygame.KMOD_CTRL), frames=1)
    ms = engine.load_scenario(folder).model.history.milestones[n]
    assert (ms.kind, ms.near, ms.min_units, ms.name, str(ms.date)) == ("pocket_formed", "Fuka", 4, "Atlantis taken", "1942-11-07")
    post(stack, click_event(screen.panels.rules.delete.rect.center), frames=3)
    post(stack, key_event(pygame.K_s, pygame.KMOD_CTRL), frames=1)
    assert (folder / "history.yaml").read_bytes() == (shipped_scenarios()["el_alamein_1942"] / "history.yaml").read_bytes()
