"""Scenario files written by strangers: mutated shipped scenarios either load or fail cleanly.

The only outcomes allowed for `engine.load_scenario` and `wargame validate` are success or
`ScenarioError` whose problems all carry a file, a line and a column.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine
from engine.errors import ScenarioError
from engine.scenario import shipped_scenarios
from engine.scenario.yamlsource import MAX_BYTES

SHIPPED = shipped_scenarios()


def _main_file(path: Path) -> Path:
    return path / "scenario.yaml" if path.is_dir() else path


def _files(path: Path) -> list[Path]:
    return sorted(path.glob("*.yaml")) if path.is_dir() else [path]


def _check(path: Path) -> None:
    try:
        engine.load_scenario(path)
    except ScenarioError as exc:
        assert exc.problems, "a ScenarioError must list its problems"
        for p in exc.problems:
            assert p.file and p.line >= 1 and p.col >= 1, p
            assert p.message.strip(), p
            assert str(p).startswith(f"{p.file}:{p.line}:{p.col}: error: ")


def _copy_scenario(src: Path, dst: Path) -> Path:
    """Copy a shipped scenario (file or folder) to dst; returns the path to load."""
    if src.is_dir():
        dst.mkdir(parents=True, exist_ok=True)
        for f in src.iterdir():
            if f.is_file():
                (dst / f.name).write_bytes(f.read_bytes())
        return dst
    target = dst.with_suffix(".yaml")
    target.write_bytes(src.read_bytes())
    return target


def _mutate_lines(text: str, data: st.DataObject) -> str:
    lines = text.split("\n")
    ops = data.draw(st.lists(st.sampled_from(["delete", "duplicate", "swap", "garbage", "tab", "number", "truncate", "type"]), min_size=1, max_size=4))
    for op in ops:
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "garbage":
            junk = data.draw(st.text(alphabet=st.characters(codec="utf-8"), max_size=8))
            k = data.draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:k] + junk + lines[i][k:]
        elif op == "tab":
            lines[i] = "\t" + lines[i]
        elif op == "number":
            lines[i] = "".join(str(data.draw(st.integers(-5, 99999))) if ch.isdigit() else ch for ch in lines[i])
        elif op == "truncate":
            lines = lines[:i]
        elif op == "type":
            k = lines[i].find(": ")
            if k >= 0:
                lines[i] = lines[i][: k + 2] + data.draw(st.sampled_from(["[]", "{}", "null", "-1", "yes", "'x'", "[1, [2]]", "1e400"]))
    return "\n".join(lines)


@pytest.mark.parametrize("name", sorted(SHIPPED))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_shipped_scenarios_load_or_fail_with_positions(name, data, tmp_path_factory):
    src = SHIPPED[name]
    work = _copy_scenario(src, tmp_path_factory.mktemp("fuzz") / name)
    target = data.draw(st.sampled_from(_files(work)))
    text = target.read_text(encoding="utf-8")
    target.write_text(_mutate_lines(text, data), encoding="utf-8")
    _check(work)


@pytest.mark.parametrize("name", sorted(SHIPPED))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_garbage_bytes_in_shipped_scenarios_fail_cleanly(name, data, tmp_path_factory):
    work = _copy_scenario(SHIPPED[name], tmp_path_factory.mktemp("bytes") / name)
    target = data.draw(st.sampled_from(_files(work)))
    raw = bytearray(target.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        k = data.draw(st.integers(0, len(raw)))
        raw[k:k] = data.draw(st.binary(min_size=1, max_size=6))
    target.write_bytes(bytes(raw))
    _check(work)


def _refused_check(tmp_path: Path, content: bytes, expect: str) -> None:
    f = tmp_path / "hostile.yaml"
    f.write_bytes(content)
    with pytest.raises(ScenarioError) as info:       # how fast: benchmarks/, entry `hostile`
        engine.load_scenario(f)
    assert expect in str(info.value)


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 25):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    _refused_check(tmp_path, "\n".join(lines).encode(), "alias")


def test_deep_nesting_is_refused_quickly(tmp_path):
    _refused_check(tmp_path, b"a: " + b"[" * 100000 + b"]" * 100000, "nesting")
    _refused_check(tmp_path, b"a: " + b"{b: " * 5000 + b"1" + b"}" * 5000, "nesting")
    deep_block = "".join(" " * (2 * i) + f"k{i}:\n" for i in range(400)) + " " * 800 + "v: 1\n"
    _refused_check(tmp_path, deep_block.encode(), "nesting")


def test_multi_megabyte_file_is_refused_quickly(tmp_path):
    _refused_check(tmp_path, b"# " + b"x" * (MAX_BYTES + 10), "limit")


def test_non_utf8_bytes_are_refused_with_their_position(tmp_path):
    _refused_check(tmp_path, b"title: ok\ndescription: caf\xe9\n", "not UTF-8")
    f = tmp_path / "hostile.yaml"
    with pytest.raises(ScenarioError) as info:
        engine.load_scenario(f)
    assert (info.value.line, info.value.col) == (2, 17)


def test_python_tags_are_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    f = tmp_path / "evil.yaml"
    f.write_text(f"title: !!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(ScenarioError):
        engine.load_scenario(f)
    assert not marker.exists()


def test_includes_cannot_reach_outside_the_scenario_folder(tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("columns: 1\n")
    folder = tmp_path / "scn"
    folder.mkdir()
    text = (Path(engine.__file__).resolve().parents[1] / "scenarios" / "tutorial_river.yaml").read_text()
    start = text.index("map:\n")
    end = text.index("units:\n")
    (folder / "scenario.yaml").write_text(text[:start] + "map: ../secret.yaml\n" + text[end:])
    with pytest.raises(ScenarioError) as info:
        engine.load_scenario(folder)
    assert "outside the scenario's folder" in str(info.value)
    p = info.value.problems[0]
    assert p.file.endswith("scenario.yaml") and p.line > 1
