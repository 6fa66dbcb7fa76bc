"""The editor's files: load and save keep every byte, an edit changes only its own lines, saves
are atomic, drafts with problems are saved with a warning, and `wargame edit --resave`."""
from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from engine.catalog import shipped_scenarios
from engine.errors import ScenarioError
from engine.scenario import load_scenario
from engine.scenario.roundtrip import EditError, ScenarioFiles, YamlText, check_files, emit
from ui.cli import main
from ui.editor.model import Draft, open_draft

SHIPPED = sorted(shipped_scenarios().items())


def _files_of(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.glob("*.yaml"))}
    return {path.name: path.read_bytes()}


def _changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


@pytest.mark.parametrize("name,path", SHIPPED, ids=[n for n, _ in SHIPPED])
def test_every_shipped_scenario_saves_byte_for_byte(name, path, tmp_path):
    # Given a shipped scenario opened in the editor, when it is saved elsewhere unchanged,
    draft = open_draft(name)
    out = tmp_path / (path.name)
    result = draft.save(out)
    # then every file it is made of comes out identical, and it is still valid.
    assert not result.problems
    original = _files_of(path)
    saved = _files_of(out)
    for file_name in draft.files.files:
        assert saved[file_name] == original[file_name], f"{name}/{file_name} changed on a plain save"


def test_resave_command_rewrites_nothing_and_reports(tmp_path, capsys):
    copy = tmp_path / "normandy"
    shutil.copytree(shipped_scenarios()["normandy_1944"], copy)
    before = _files_of(copy)
    assert main(["edit", str(copy), "--resave"]) == 0
    assert _files_of(copy) == before
    assert "nothing changed on disk" in capsys.readouterr().err
    out = tmp_path / "again.yaml"
    assert main(["edit", "tutorial_river", "--resave", "--out", str(out)]) == 0
    assert out.read_bytes() == shipped_scenarios()["tutorial_river"].read_bytes()


def test_editing_one_unit_changes_only_that_units_lines(tmp_path):
    copy = tmp_path / "normandy"
    shutil.copytree(shipped_scenarios()["normandy_1944"], copy)
    draft = Draft.open(copy)
    before = {n: (copy / n).read_text() for n in draft.files.files}
    k = draft.unit_index("us_1st_infantry_division")
    assert k is not None
    draft.set_unit(k, "steps", 2)
    draft.set_unit(k, "name", "US 1st Infantry Division (reduced)")
    draft.move_unit(k, draft.hex_index("062012"))
    result = draft.save()
    assert [p.name for p in result.written] == ["units.yaml"] and not result.problems
    after = {n: (copy / n).read_text() for n in draft.files.files}
    assert all(after[n] == before[n] for n in before if n != "units.yaml")
    changed = _changed_lines(before["units.yaml"], after["units.yaml"])
    assert len(changed) == 2 and all("us_1st_infantry_division" in line for line in changed)
    assert changed[1].endswith("# Omaha Beach")             # the designer's comment stays
    unit = next(u for u in load_scenario(copy).units if u.id == "us_1st_infantry_division")
    assert unit.start_steps == 2 and unit.name == "US 1st Infantry Division (reduced)"


def test_add_copy_delete_units_and_places_touch_their_own_lines(tmp_path):
    src = shipped_scenarios()["tutorial_river"]
    path = tmp_path / "t.yaml"
    shutil.copyfile(src, path)
    draft = Draft.open(path)
    text = path.read_text()
    k = draft.copy_unit(0)
    draft.add_place("Newtown", draft.hex_index("0404"), kind="town", vp=2)
    draft.save()
    changed = _changed_lines(text, path.read_text())
    assert len(changed) == 2 and all(line.startswith("+") for line in changed)
    sc = load_scenario(path)
    assert sc.units[k].id.endswith("_2") and "Newtown" in sc.map.names.values()
    draft.delete_unit(k)
    draft.delete_place(len(draft.places()) - 1)
    draft.save()
    assert path.read_text() == text


def test_painting_rewrites_only_the_painted_rows(tmp_path):
    path = tmp_path / "t.yaml"
    shutil.copyfile(shipped_scenarios()["tutorial_river"], path)
    draft = Draft.open(path)
    text = path.read_text()
    cols, _ = draft.size()
    assert draft.paint([2 * cols + 6, 2 * cols + 7], "forest") == 2
    assert draft.terrain_at(2 * cols + 6) == "forest"
    draft.save()
    changed = _changed_lines(text, path.read_text())
    assert len(changed) == 2                                 # one row out, the same row in
    assert load_scenario(path).rules.terrain_names[load_scenario(path).map.terrain[2 * cols + 6]] == "forest"


def test_painting_a_terrain_missing_from_the_legend_adds_it(tmp_path):
    path = tmp_path / "t.yaml"
    shutil.copyfile(shipped_scenarios()["tutorial_river"], path)
    draft = Draft.open(path)
    assert "rough" not in draft.legend().values()
    draft.paint([20], "rough")
    assert "rough" in draft.legend().values()
    _, problems = draft.check()
    assert problems == []


def test_undo_and_redo_every_edit():
    draft = open_draft("tutorial_river")
    original = draft.files.texts()
    draft.paint([3], "forest")
    draft.copy_unit(0)
    draft.set_unit(0, "steps", 1)
    assert len(draft.undo_stack) == 3 and draft.dirty
    while draft.undo():
        pass
    assert draft.files.texts() == original and not draft.dirty
    assert draft.redo() == "paint forest" and draft.terrain_at(3) == "forest"


def test_a_failed_edit_changes_nothing():
    draft = open_draft("tutorial_river")
    original = draft.files.texts()
    with pytest.raises(EditError):
        with draft.edit("broken") as files:
            files.set(("units", 0, "hex"), "0909")
            files.delete(("units", 999))
    assert draft.files.texts() == original and not draft.undo_stack


def test_a_draft_with_problems_saves_with_a_warning_and_the_game_refuses_it(tmp_path, capsys):
    path = tmp_path / "t.yaml"
    shutil.copyfile(shipped_scenarios()["tutorial_river"], path)
    draft = Draft.open(path)
    draft.move_unit(0, 0)                                   # 0000 is sea
    result = draft.save()
    assert result.draft and "DRAFT" in result.message()
    assert any("sea" in p.message or "impassable" in p.message or "cannot" in p.message for p in result.problems)
    assert result.problems[0].file.endswith("t.yaml") and result.problems[0].line > 1
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    assert [str(p) for p in exc.value.problems] == [str(p) for p in result.problems]   # the same messages as `validate`
    assert main(["edit", str(path), "--resave"]) == 0
    assert "warning:" in capsys.readouterr().err


def test_a_failed_save_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "t.yaml"
    shutil.copyfile(shipped_scenarios()["tutorial_river"], path)
    draft = Draft.open(path)
    draft.set_unit(0, "steps", 1)
    import engine.files

    def broken_replace(a, b):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(engine.files.os, "replace", broken_replace)
    with pytest.raises(OSError):
        draft.save()
    assert path.read_bytes() == shipped_scenarios()["tutorial_river"].read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["t.yaml"]      # no temporary file left


def test_bad_input_is_refused_with_its_position(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: x\nunits: [1, 2\n")
    assert main(["edit", str(broken), "--resave"]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:3:1: error: YAML syntax" in err and "Traceback" not in err
    notes = tmp_path / "notes.yaml"
    notes.write_text("- just\n- a list\n")
    assert main(["edit", str(notes), "--resave"]) == 1
    assert "must be a mapping" in capsys.readouterr().err
    assert main(["edit", "no_such_scenario_x", "--resave"]) == 1
    assert "no such file or shipped scenario" in capsys.readouterr().err


def test_a_scenario_with_a_thousand_errors_opens_and_lists_them(tmp_path):
    src = shipped_scenarios()["tutorial_river"].read_text()
    units = "".join(f"  - {{id: bad_{k}, name: Bad {k}, side: blue, nation: blue, type: tank_x, hex: \"9999\"}}\n" for k in range(1000))
    text = src.replace("units:\n", "units:\n" + units, 1)
    path = tmp_path / "many.yaml"
    path.write_text(text)
    draft = Draft.open(path)
    scenario, problems = check_files(draft.files)
    assert scenario is None and len(problems) >= 1000
    assert all(p.file.endswith("many.yaml") and p.line > 1 for p in problems)


def test_emit_quotes_what_would_read_back_otherwise():
    assert emit("0503") == '"0503"'
    assert emit("yes") == '"yes"' and emit("a: b") == '"a: b"' and emit("plain words") == "plain words"
    assert emit({"id": "x", "attack": [6, 4], "note": None}) == "{id: x, attack: [6, 4], note: null}"
    t = YamlText(Path("x.yaml"), "a: {b: 1, c: \"two\"}   # keep\nlist:\n  - 1\n  - 2\n")
    t.set(("a", "c"), "three")
    t.insert(("list",), 1, 5)
    t.delete(("a", "b"))
    assert t.text == "a: {c: \"three\"}   # keep\nlist:\n  - 1\n  - 5\n  - 2\n"


def test_scenario_files_read_includes_of_a_folder():
    files = ScenarioFiles.read(shipped_scenarios()["normandy_1944"])
    assert files.includes["units"] == "units.yaml" and files.folder_layout
    assert files.data()["units"][0]["id"]


def test_the_data_kept_in_step_with_edits_is_what_a_fresh_read_gives(tmp_path):
    copy = tmp_path / "normandy"
    shutil.copytree(shipped_scenarios()["normandy_1944"], copy)
    draft = Draft.open(copy)
    first = draft.data
    draft.paint([10, 11, 500], "forest")
    draft.copy_unit(3)
    draft.set_unit(4, "note", "moved: 'quoted' text")
    draft.delete_unit(0)
    draft.add_place("Nowhere", 900, vp=1)
    draft.set_place(0, "name", "Renamed")
    kept = draft.data
    for name, f in draft.files.files.items():
        (copy / name).write_text(f.text)
    assert kept == ScenarioFiles.read(copy).data()
    assert first["units"][0]["id"] == "us_4th_infantry_division"       # data handed out earlier never changes


def test_a_river_grows_in_its_own_list_and_keeps_its_line_breaks(tmp_path):
    copy = tmp_path / "kursk"
    shutil.copytree(shipped_scenarios()["kursk_1943"], copy)
    draft = Draft.open(copy)
    before = (copy / "map.yaml").read_text()
    sides = draft.river_sides()
    (a, b), (k, _) = next(iter(sides.items()))
    river = draft.routes("rivers")[k]
    # a hexside next to the river's first one, not in any river yet
    m = load_scenario(copy).map
    new = next((min(a, int(n)), max(a, int(n))) for n in m.neighbors[a] if n >= 0 and (min(a, int(n)), max(a, int(n))) not in sides)
    assert draft.draw_river([(a, b), new]) == 1
    draft.save()
    changed = _changed_lines(before, (copy / "map.yaml").read_text())
    assert len(changed) == 2 and changed[1].endswith(f'"{draft.hexside(*new)}"]')      # quoted like its neighbours
    assert len(draft.routes("rivers")[k]["sides"]) == len(river["sides"]) + 1
    draft.erase_river([new])
    draft.save()
    assert (copy / "map.yaml").read_text() == before
    assert load_scenario(copy).map.river_minor.sum() + load_scenario(copy).map.river_major.sum() > 0


def test_new_rivers_and_roads_are_new_entries_that_load(tmp_path):
    path = tmp_path / "t.yaml"
    shutil.copyfile(shipped_scenarios()["tutorial_river"], path)
    draft = Draft.open(path)
    h = draft.hex_index
    assert draft.draw_river([(h("1010"), h("1011")), (h("1010"), h("1110"))], kind="major") == 2
    draft.draw_route("roads", [h("0204"), h("0304"), h("0404")])
    draft.draw_route("railways", [h("0102"), h("0202")])
    assert draft.check()[1] == []
    sc = load_scenario(path) if draft.save() else None
    assert sc is not None
    i = sc.map.parse("1010")
    assert sc.map.river_major[i] != 0 and sc.map.road[sc.map.parse("0304")] != 0 and sc.map.rail[sc.map.parse("0102")] != 0
    # A road that ends where a stroke starts grows; erasing its middle cuts it in two.
    draft.draw_route("roads", [h("0404"), h("0504")])
    road = next(r for r in draft.routes("roads") if r["name"] == "New road 1")
    assert road["path"] == ["0204", "0304", "0404", "0504"]
    draft.erase_route("roads", [h("0304")])
    names = [r["name"] for r in draft.routes("roads")]
    assert "New road 1" not in names or next(r for r in draft.routes("roads") if r["name"] == "New road 1")["path"] == ["0404", "0504"]
    assert draft.check()[1] == []


def test_units_become_reinforcements_and_withdrawals_on_the_turn_track(tmp_path):
    path = tmp_path / "t.yaml"
    shutil.copyfile(shipped_scenarios()["tutorial_river"], path)
    draft = Draft.open(path)
    k = draft.unit_index("blue_3rd_inf")
    draft.make_reinforcement(k, 3)
    draft.withdraw_unit("blue_2nd_inf", 5)
    assert draft.check()[1] == []
    draft.save()
    sc = load_scenario(path)
    unit = next(u for u in sc.units if u.id == "blue_3rd_inf")
    assert unit.arrive_turn == 3 and unit.start_hex == -1 and sc.map.hex_id(unit.entry_hexes[0]) == "0508"
    assert next(u for u in sc.units if u.id == "blue_2nd_inf").withdraw_turn == 5
    g = next(g for g, e in enumerate(draft.schedule("reinforcements")) if any(u.get("id") == "blue_3rd_inf" for u in e["units"]))
    draft.set_entry_turn("reinforcements", g, 4)
    draft.save()
    assert next(u for u in load_scenario(path).units if u.id == "blue_3rd_inf").arrive_turn == 4
    with pytest.raises(EditError):
        draft.withdraw_unit("blue_2nd_inf", 6)


def test_an_entry_given_by_date_moves_by_date(tmp_path):
    copy = tmp_path / "kursk"
    shutil.copytree(shipped_scenarios()["kursk_1943"], copy)
    draft = Draft.open(copy)
    before = (copy / "reinforcements.yaml").read_text()
    first = draft.schedule("reinforcements")[0]
    turn = draft.turn_of(first)
    draft.set_entry_turn("reinforcements", 0, turn + 2)
    draft.save()
    changed = _changed_lines(before, (copy / "reinforcements.yaml").read_text())
    assert len(changed) == 2 and changed[1].startswith(f"+- date: {draft.turn_date(turn + 2)}")
    uid = first["units"][0]["id"]
    assert next(u for u in load_scenario(copy).units if u.id == uid).arrive_turn == turn + 2


def test_victory_weather_rules_and_history_edits_touch_only_their_lines(tmp_path):
    # Given the tutorial (victory, weather, one special rule) and El Alamein (history in a file of its own),
    from ui.editor.records import parse_text

    path = tmp_path / "river.yaml"
    shutil.copyfile(shipped_scenarios()["tutorial_river"], path)
    draft = Draft.open(path)
    before = path.read_text(encoding="utf-8")
    # when a level's min_vp, an objective's sudden death and the weather schedule are edited,
    draft.set_record_fields("#level_1", [("min_vp", parse_text(draft.record("#level_1"), "min_vp", "6"))])
    draft.set_record_fields("#objective_1", [("sudden_death", parse_text(draft.record("#objective_1"), "sudden_death", "true"))])
    draft.set_record_fields("#weather", [("schedule", parse_text(draft.record("#weather"), "schedule", "1: clear, 2: rain"))])
    draft.set_record_fields("#victory", [("elimination_vp", 0.5)])
    draft.save()
    # then the diff is those lines and the new key, and the game reads the new values.
    changed = _changed_lines(before, path.read_text(encoding="utf-8"))
    assert changed[0] == "-  schedule: {1: clear, 2: clear}" and changed[1] == "+  schedule: {1: clear, 2: rain}"
    assert len(changed) == 7, changed               # schedule, elimination_vp (new), a level, an objective
    assert "+  elimination_vp: 0.5" in changed
    assert "+    - {name: Blue marginal victory, winner: blue, level: marginal, min_vp: 6}" in changed
    sc = load_scenario(path)
    assert sc.model.victory.levels[1].min_vp == 6 and sc.model.victory.objectives[1].sudden_death
    assert sc.model.weather.schedule == {1: "clear", 2: "rain"} and sc.model.victory.elimination_vp == 0.5
    # Undo takes them back one by one, to the bytes read.
    while draft.undo():
        pass
    assert draft.files.texts()[path.name] == before

    folder = tmp_path / "el_alamein_1942"
    shutil.copytree(shipped_scenarios()["el_alamein_1942"], folder)
    draft = Draft.open(folder)
    history_before = (folder / "history.yaml").read_text(encoding="utf-8")
    draft.set_record_fields("#milestone_0", [("tolerance", 5)])
    oid = draft.add_milestone("unit_gone")
    draft.save()
    changed = _changed_lines(history_before, (folder / "history.yaml").read_text(encoding="utf-8"))
    assert len(changed) == 3 and "tolerance: 5" in changed[1] and "kind: unit_gone" in changed[2]
    assert draft.record(oid) is not None and not draft.check()[1]
    assert load_scenario(folder).model.history.milestones[0].tolerance == 5


def test_special_rules_are_added_retyped_given_hexes_and_deleted(tmp_path):
    path = tmp_path / "river.yaml"
    shutil.copyfile(shipped_scenarios()["tutorial_river"], path)
    draft = Draft.open(path)
    before = path.read_text(encoding="utf-8")
    # A stand-fast rule for Red around Millbrook, its hexes picked one by one,
    oid = draft.add_rule("stand_fast", ["0910"])
    draft.toggle_record_hex(oid, "0911")
    draft.toggle_record_hex(oid, "0910")
    draft.set_record_fields(oid, [("side", "red"), ("until_turn", 3)])
    assert not draft.check()[1]
    draft.save()
    sr = load_scenario(path).model.special_rules
    assert (sr[-1].rule, sr[-1].side, sr[-1].hexes, sr[-1].until_turn) == ("stand_fast", "red", ["0911"], 3)
    # turned into an airlift (side and until_turn kept, hexes gone, points given),
    draft.set_record_fields(oid, [("rule", "airlift")])
    got = draft.data["special_rules"][-1]
    assert got["rule"] == "airlift" and got["side"] == "red" and got["until_turn"] == 3 and "hexes" not in got and got["points"] == 2
    assert not draft.check()[1]
    # a bad value is the loader's problem, at the rule's line,
    draft.set_record_fields(oid, [("points", -1)])
    problems = draft.check()[1]
    assert problems and problems[0].path[:2] == ("special_rules", 1)
    # and deleting it leaves the file as it was.
    draft.delete_record(oid)
    draft.save()
    assert path.read_text(encoding="utf-8") == before


def test_deleting_the_last_item_of_a_block_list_leaves_an_empty_list():
    # Given a block list of one item (with a comment between its key and the item),
    f = YamlText(Path("x.yaml"), "a: 1\nrules:\n  # the only rule\n  - rule: x\n    side: a\nb: 2\n")
    # when the item is deleted, the key reads as an empty list, not null, and the rest stays.
    f.delete(("rules", 0))
    assert f.text == "a: 1\nrules: []\n  # the only rule\nb: 2\n"
    import yaml

    assert yaml.safe_load(f.text) == {"a": 1, "rules": [], "b": 2}
