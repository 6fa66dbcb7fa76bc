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
