"""Files prepared by a hostile stranger: devices, FIFOs, huge and sparse files, YAML with very
many nodes or aliases, control characters, and output targets that are not regular files.

Every case ends in a clean error (a ScenarioError whose problems are FILE:LINE:COL, or exit 1
with a message from the command line) within a few seconds, and changes nothing on disk
except the file the user asked to write (issue 19).
"""
from __future__ import annotations

import errno
import json
import os
import re
import resource
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import engine
from engine.errors import ScenarioError
from ui.cli import main

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "scenarios" / "tutorial_river.yaml"
WARGAME = [sys.executable, "-c", "import sys; from ui.cli import main; sys.exit(main())"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def refused(call, *args) -> ScenarioError:
    """`call(*args)` raises ScenarioError with positions (how fast: benchmarks/, entry `hostile`)."""
    with pytest.raises(ScenarioError) as info:
        call(*args)
    for p in info.value.problems:
        assert str(p).startswith(f"{p.file}:{p.line}:{p.col}: error: ") and p.line >= 1 and p.col >= 1
    return info.value


def scenario_folder(tmp_path: Path, **replace: str) -> Path:
    folder = tmp_path / "scn"
    folder.mkdir(exist_ok=True)
    text = TUTORIAL.read_text()
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    (folder / "scenario.yaml").write_text(text)
    return folder


# -- item 1: devices and FIFOs are never read -------------------------------------------------
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_as_scenario_is_refused_without_reading_it(device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    error = refused(engine.load_scenario, device)
    assert "not a regular file" in str(error) and "character device" in str(error)


def test_a_device_as_save_is_refused_without_reading_it():
    error = refused(engine.Game.load, "/dev/zero")
    assert "not a regular file" in str(error)


def _fifo(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


def _in_thread(call, *args, seconds: float = 5.0):
    """Run `call` in a thread; fail (instead of hanging the suite) if it does not return."""
    box: dict = {}

    def target():
        try:
            box["value"] = call(*args)
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"{call.__name__} hangs on a FIFO"
    return box


def test_a_fifo_as_scenario_save_or_include_does_not_hang(tmp_path):
    fifo = _fifo(tmp_path, "pipe.yaml")
    for call in (engine.load_scenario, engine.Game.load):
        box = _in_thread(call, fifo)
        assert isinstance(box.get("error"), ScenarioError) and "FIFO" in str(box["error"])
    folder = scenario_folder(tmp_path, **{"title:": "map: pipe.yaml\ntitle:"})
    os.mkfifo(folder / "pipe.yaml")
    text = (folder / "scenario.yaml").read_text()
    start, end = text.index("\nmap:\n  columns"), text.index("\nunits:")
    (folder / "scenario.yaml").write_text(text[:start] + text[end:])
    box = _in_thread(engine.load_scenario, folder)
    assert isinstance(box.get("error"), ScenarioError) and "FIFO" in str(box["error"])


def test_validate_on_a_fifo_exits_1_at_once(tmp_path):
    fifo = _fifo(tmp_path, "pipe.yaml")
    proc = subprocess.run(WARGAME + ["validate", str(fifo)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "FIFO" in proc.stdout and "Traceback" not in proc.stderr


def test_a_save_may_not_point_at_an_arbitrary_scenario_path(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    scenario = engine.load_scenario(scenario_folder(elsewhere))
    game = engine.Game(scenario, seed=1)
    game.end_phase()
    data = game.to_json()
    saves = tmp_path / "saves"
    saves.mkdir()
    # a save from someone else naming a path on this machine (here: a device)
    data.update(scenario="scn", scenario_path="/dev/zero", scenario_digest="0123456789abcdef")
    (saves / "hostile.json").write_text(json.dumps(data))
    error = refused(engine.Game.load, saves / "hostile.json")
    assert "not followed" in str(error) and "pass the scenario" in str(error)
    # the same save, with the scenario passed by the user, loads
    data = game.to_json()
    data["scenario_path"] = str(elsewhere / "scn")
    (saves / "mine.json").write_text(json.dumps(data))
    loaded = engine.Game.load(saves / "mine.json", scenario=str(elsewhere / "scn"))
    assert loaded.state_hash() == game.state_hash()


def test_a_save_finds_its_scenario_beside_it_or_among_the_shipped_ones(tmp_path):
    game = engine.Game(engine.load_scenario(scenario_folder(tmp_path)), seed=1)
    game.end_phase()
    game.save(tmp_path / "save.json")            # scenario folder beside the save: followed
    assert engine.Game.load(tmp_path / "save.json").state_hash() == game.state_hash()
    shipped = engine.Game(engine.load_scenario("tutorial_river"), seed=1)
    shipped.end_phase()
    data = shipped.to_json()
    data["scenario_path"] = "/nonexistent/elsewhere/tutorial_river.yaml"
    (tmp_path / "shipped.json").write_text(json.dumps(data))
    assert engine.Game.load(tmp_path / "shipped.json").state_hash() == shipped.state_hash()


# -- item 11: the size is checked before reading ---------------------------------------------
def _peak_mb_of(code: str) -> tuple[int, str, float]:
    """Run `code` in a fresh interpreter; (exit code, stderr, its peak memory in MB)."""
    probe = code + "\nimport resource, sys\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr)\n"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    last = proc.stderr.strip().splitlines()[-1]
    return proc.returncode, proc.stderr, float(last)


def _baseline_mb() -> float:
    return _peak_mb_of("import engine")[2]


@pytest.mark.parametrize("kind", ["scenario", "include", "save"])
def test_a_huge_sparse_file_is_refused_by_its_size_without_reading_it(tmp_path, kind):
    big = tmp_path / ("big.json" if kind == "save" else "big.yaml")
    with open(big, "wb") as fh:
        fh.truncate(3 * 1024 ** 3)               # 3 GB, sparse: costs no disk
    if kind == "scenario":
        code = f"import engine\ntry:\n    engine.load_scenario({str(big)!r})\nexcept engine.ScenarioError as e:\n    print(e)\n"
    elif kind == "include":
        folder = scenario_folder(tmp_path, **{"title:": "units: big.yaml\ntitle:"})
        text = (folder / "scenario.yaml").read_text()
        (folder / "scenario.yaml").write_text(text[: text.index("\nunits:\n")] + "\n")
        os.replace(big, folder / "big.yaml")
        code = f"import engine\ntry:\n    engine.load_scenario({str(folder)!r})\nexcept engine.ScenarioError as e:\n    print(e)\n"
    else:
        code = f"import engine\ntry:\n    engine.Game.load({str(big)!r})\nexcept engine.ScenarioError as e:\n    print(e)\n"
    rc, err, peak = _peak_mb_of(code)
    assert rc == 0, err
    assert peak < _baseline_mb() + 50, f"{peak} MB: the file was read before its size was checked"


def test_a_save_of_whitespace_is_refused_by_its_size(tmp_path):
    big = tmp_path / "spaces.json"
    with open(big, "wb") as fh:
        fh.write(b" " * (65 * 1024 * 1024))
    error = refused(engine.Game.load, big)
    assert "limit" in str(error)


# -- item 2: YAML with very many nodes or aliases is refused while it is parsed ----------------
HOSTILE_YAML = {
    "flow mapping of 650,000 keys": lambda: b"a: {" + b", ".join(b"k%d: 1" % i for i in range(650_000)) + b"}\n",
    "flow sequence of 2 million values": lambda: b"a: [" + b"1," * 2_000_000 + b"1]\n",
    "block sequence of a million values": lambda: b"a:\n" + b"- 1\n" * 1_000_000,
    "string alias bomb of depth 2000": lambda: (b"s0: &s0 xxxxxxxx\n" + b"".join(
        b"s%d: &s%d [*s%d, *s%d]\n" % (i, i, i - 1, i - 1) for i in range(1, 2000))),
    "string alias bomb of depth 200": lambda: (b"s0: &s0 xxxxxxxx\n" + b"".join(
        b"s%d: &s%d [*s%d, *s%d]\n" % (i, i, i - 1, i - 1) for i in range(1, 200))),
    "wide alias bomb": lambda: (b"a: &a [" + b"x," * 1000 + b"x]\nb: [" + b"*a," * 200_000 + b"*a]\n"),
}


@pytest.mark.parametrize("name", list(HOSTILE_YAML))
def test_yaml_with_very_many_values_is_refused_within_500_mb(tmp_path, name):
    content = HOSTILE_YAML[name]()
    assert len(content) < 8 * 1024 * 1024
    f = tmp_path / "hostile.yaml"
    f.write_bytes(content)
    code = f"import engine\ntry:\n    engine.load_scenario({str(f)!r})\nexcept engine.ScenarioError as e:\n    print(str(e)[:300])\n"
    rc, err, peak = _peak_mb_of(code)                     # how fast: benchmarks/, entry `hostile`
    assert rc == 0, err[-2000:]
    # 500 MB for the process; measured above what `import engine` alone takes in this environment
    # (a Ray runtime started by an earlier test, for one, makes every new interpreter bigger)
    baseline = _baseline_mb()
    assert peak - baseline < 500 - 64, f"{peak} MB, {baseline} MB of it before the file"


def test_many_values_are_refused_with_the_position_where_the_limit_is_passed(tmp_path):
    f = tmp_path / "many.yaml"
    f.write_text("title: x\nitems:\n" + "- 1\n" * 600_000)
    error = refused(engine.load_scenario, f)
    assert "more than" in str(error) and error.line > 3


def test_an_alias_to_its_own_list_is_refused(tmp_path):
    f = tmp_path / "loop.yaml"
    f.write_text("a: &a [1, *a]\n")
    assert "refers to the list or mapping that holds it" in str(refused(engine.load_scenario, f))


# -- item 14: nesting counts only real nesting ------------------------------------------------
def test_brackets_in_comments_and_strings_are_not_nesting(tmp_path):
    folder = scenario_folder(tmp_path, **{"\ntitle:": "\n# " + "[" * 100 + "\ntitle:",
                                          'title: "Training': 'title: "Training ' + "[" * 80 + "{" * 80})
    assert engine.load_scenario(folder).title.startswith("Training " + "[" * 80)


def test_real_deep_nesting_is_still_refused(tmp_path):
    f = tmp_path / "deep.yaml"
    f.write_text("a: " + "[" * 65 + "]" * 65 + "\n")
    assert "nesting deeper than 64" in str(refused(engine.load_scenario, f))
    f.write_text("".join(" " * (2 * i) + f"k{i}:\n" for i in range(70)) + " " * 140 + "v: 1\n")
    assert "nesting deeper than 64" in str(refused(engine.load_scenario, f))


# -- item 4: NUL and control characters; bidirectional and zero-width characters ---------------
@pytest.mark.parametrize("text,what", [
    ('"Blue\\0Force"', "U+0000"), ('"Blue\\x1b[31mForce"', "U+001B"), ('"Blue\\u0007"', "U+0007"),
    ('"Blue \\u202eecroF"', "U+202E"), ('"Blue\\u200bForce"', "U+200B"), ('"\\u2066Blue\\u2069"', "U+2066"),
])
def test_control_and_invisible_characters_in_names_are_refused_with_their_position(tmp_path, text, what):
    folder = scenario_folder(tmp_path, **{"name: Blue Force": f"name: {text}"})
    error = refused(engine.load_scenario, folder)
    assert what in str(error)
    line = next(n for n, l in enumerate((folder / "scenario.yaml").read_text().splitlines(), 1) if text in l)
    assert error.line == line


def test_a_raw_control_character_is_refused_with_its_line_and_column(tmp_path):
    folder = scenario_folder(tmp_path)
    text = (folder / "scenario.yaml").read_text().replace("name: Blue Force", "name: Blue\x1bForce", 1)
    (folder / "scenario.yaml").write_text(text)
    error = refused(engine.load_scenario, folder)
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "\x1b" in l)
    assert (error.line, error.col) == (line, text.splitlines()[line - 1].index("\x1b") + 1)
    assert "U+001B" in str(error)


def test_zero_width_joiner_is_allowed_in_names(tmp_path):
    folder = scenario_folder(tmp_path, **{"name: Blue Force": 'name: "Blue\\u200dForce"'})
    engine.load_scenario(folder)


# -- item 15: no message prints raw escape sequences -------------------------------------------
def test_messages_never_print_raw_control_characters(capsys, tmp_path):
    folder = scenario_folder(tmp_path, **{"type: armour, hex": 'type: "\\e]0;pwned\\a\\e[31marmor", hex'})
    code, out, err = run(capsys, "validate", str(folder))
    assert code == 1 and "\x1b" not in out + err and "\x07" not in out + err
    weird = tmp_path / "name\x1b[31m.yaml"
    weird.write_text("[1")
    for argv in (["validate", str(weird)], ["info", str(weird)], ["replay", str(weird)]):
        code, out, err = run(capsys, *argv)
        assert code == 1 and "\x1b" not in out + err and "\\x1b" in out + err, argv


# -- items 12 and 13: writes that fail keep the old file; only regular files are replaced -----
def test_a_failed_schema_write_keeps_the_old_file_and_exits_1(capsys, tmp_path, monkeypatch):
    out = tmp_path / "schema.json"
    out.write_text("old\n")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, _, err = run(capsys, "schema", "--out", str(out))
    assert code == 1 and "No space left on device" in err and "old file is kept" in err
    assert out.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["schema.json"]


def test_a_render_that_writes_nothing_keeps_the_old_png_and_exits_1(capsys, tmp_path, monkeypatch):
    pygame = pytest.importorskip("pygame")
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    out = tmp_path / "map.png"
    out.write_bytes(b"\x89PNG old picture")
    monkeypatch.setattr(pygame.image, "save", lambda surf, name: open(name, "wb").close())   # a full disk, ignored by SDL
    code, stdout, err = run(capsys, "render", "tutorial_river", "--out", str(out), "--hex-px", "4")
    assert code == 1 and "wrote" not in stdout and "old file is kept" in err
    assert out.read_bytes() == b"\x89PNG old picture"


def test_a_truncated_png_is_not_put_in_place(capsys, tmp_path, monkeypatch):
    pygame = pytest.importorskip("pygame")
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    out = tmp_path / "map.png"
    real = pygame.image.save

    def half(surf, name):
        real(surf, name)
        data = Path(name).read_bytes()
        Path(name).write_bytes(data[: len(data) // 2])

    monkeypatch.setattr(pygame.image, "save", half)
    code, _, err = run(capsys, "render", "tutorial_river", "--out", str(out), "--hex-px", "4")
    assert code == 1 and not out.exists()


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder"])
def test_outputs_replace_only_regular_files(capsys, tmp_path, kind):
    target = tmp_path / "out.json"
    real = tmp_path / "real.json"
    real.write_text("keep me\n")
    if kind == "symlink":
        target.symlink_to(real)
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    code, _, err = run(capsys, "schema", "--out", str(target))
    assert code == 1 and err.strip() and "Traceback" not in err
    assert real.read_text() == "keep me\n"
    assert (target.is_symlink() if kind == "symlink" else target.is_fifo() if kind == "fifo" else target.is_dir())
    game = engine.Game(engine.load_scenario("tutorial_river"), seed=1)
    with pytest.raises(OSError) as info:
        game.save(target)
    assert "regular file" in str(info.value) or "folder" in str(info.value)
    assert real.read_text() == "keep me\n"


def test_simulate_json_to_a_device_is_refused(capsys, tmp_path):
    link = tmp_path / "null.json"
    link.symlink_to("/dev/null")
    code, _, err = run(capsys, "simulate", "tutorial_river", "--games", "1", "--workers", "1", "--json", str(link), "--quiet")
    assert code in (1, 2) and err.strip()
    assert link.is_symlink()
