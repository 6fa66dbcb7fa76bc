"""Saves and replays written by strangers: mutated real files either load or fail cleanly.

For each shipped scenario, a real save (a game stopped part-way) and a real replay (a batch
game played to its end, as `wargame simulate --replays` writes it) are mutated byte by byte
(flips, insertions, deletions, truncation, raw bytes) and structure by structure (a value of
another type, a missing or extra key, huge, negative or long values, orders dropped, doubled
or swapped, deep nesting). `Game.load` and `wargame replay --verify` must then succeed or fail
with a ScenarioError whose every problem is FILE:LINE:COL (exit 1), never a traceback, and
within a bounded time.

Examples per test: WARGAME_FUZZ_EXAMPLES (default 25, so the suite stays quick; the issue's
target of 400 per file kind is `WARGAME_FUZZ_EXAMPLES=400`).
"""
from __future__ import annotations

import copy
import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine
import engine.ai
from engine.batch import run_game
from engine.errors import ScenarioError
from engine.scenario import shipped_scenarios
from ui.cli import main

EXAMPLES = int(os.environ.get("WARGAME_FUZZ_EXAMPLES", "25"))
SECONDS = 10.0          # per load: a replay of a whole game on 2 busy cores takes about 1 s
SCENARIOS = sorted(shipped_scenarios())
KINDS = ["save", "replay"]
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                            HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> dict[tuple[str, str], bytes]:
    """A real save and a real replay of each shipped scenario (small: two turns of random play)."""
    folder = tmp_path_factory.mktemp("originals")
    files = {}
    for name in SCENARIOS:
        scenario = engine.load_scenario(name)
        game = engine.Game(scenario, seed=5)
        agents = {side: engine.ai.make("random", side=side, seed=5) for side in scenario.side_ids}
        engine.ai.play_game(game, agents, max_turns=1)
        game.save(folder / f"{name}_save.json")
        files[(name, "save")] = (folder / f"{name}_save.json").read_bytes()
        record = run_game(name, 6, "random", max_turns=2, replay_dir=folder)
        files[(name, "replay")] = Path(record["replay"]).read_bytes()
    return files


def check_load(path: Path) -> None:
    """Game.load succeeds, or fails with positioned problems, within SECONDS."""
    t0 = time.perf_counter()
    try:
        engine.Game.load(path)
    except ScenarioError as exc:
        assert exc.problems, "a ScenarioError must list its problems"
        for p in exc.problems:
            assert p.line >= 1 and p.col >= 1 and p.message.strip(), p
            assert str(p).startswith(f"{p.file}:{p.line}:{p.col}: error: "), str(p)
    assert time.perf_counter() - t0 < SECONDS, "a hostile save must be answered quickly"


def check_verify(path: Path, capsys) -> None:
    """`wargame replay FILE --verify`: exit 0 or 1 with a message, no traceback or internal error."""
    code = main(["replay", str(path), "--verify"])
    out, err = capsys.readouterr()
    assert code in (0, 1), (code, out, err)
    assert "Traceback" not in out + err and "internal error" not in out + err, out + err
    if code == 1:
        assert err.strip() or "FAILED" in out


# -- byte mutations --------------------------------------------------------------------------
def mutate_bytes(raw: bytes, data: st.DataObject) -> bytes:
    buf = bytearray(raw)
    for _ in range(data.draw(st.integers(1, 6))):
        op = data.draw(st.sampled_from(["flip", "insert", "delete", "truncate", "duplicate", "digit"]))
        at = data.draw(st.integers(0, max(0, len(buf) - 1)))
        if op == "flip" and buf:
            buf[at] ^= 1 << data.draw(st.integers(0, 7))
        elif op == "insert":
            buf[at:at] = data.draw(st.binary(min_size=1, max_size=8))
        elif op == "delete" and buf:
            del buf[at:at + data.draw(st.integers(1, 40))]
        elif op == "truncate":
            del buf[at:]
        elif op == "duplicate":
            buf[at:at] = buf[at:at + data.draw(st.integers(1, 200))]
        elif op == "digit":
            digits = [i for i in range(len(buf)) if chr(buf[i]).isdigit()]
            if digits:
                buf[data.draw(st.sampled_from(digits))] = ord(data.draw(st.sampled_from("0123456789")))
    return bytes(buf)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", SCENARIOS)
@FUZZ
@given(data=st.data())
def test_byte_mutations_of_real_saves_load_or_fail_cleanly(originals, tmp_path, capsys, name, kind, data):
    path = tmp_path / f"{kind}.json"
    path.write_bytes(mutate_bytes(originals[(name, kind)], data))
    check_load(path)
    check_verify(path, capsys)


# -- structure mutations ----------------------------------------------------------------------
ODD_VALUES = st.sampled_from([None, True, False, 0, -1, 1.5, -(2**70), 2**70, 10**39, "", "x" * 5000, "\u202e\x1b[31m\x00",
                              [], {}, [1, 2, 3], {"kind": "move"}, "0101", 1e308, -0.0])


def _paths(node, prefix=()):
    yield prefix
    if len(prefix) > 12:                            # not into a nesting made by an earlier mutation
        return
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node[:50]):           # the first orders are enough to reach every kind
            yield from _paths(v, prefix + (i,))


def _get(node, path):
    for part in path:
        node = node[part]
    return node


def mutate_structure(doc, data: st.DataObject):
    for _ in range(data.draw(st.integers(1, 4))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        path = data.draw(st.sampled_from(paths))
        parent, key = _get(doc, path[:-1]), path[-1]
        op = data.draw(st.sampled_from(["replace", "delete", "add_key", "duplicate", "swap", "nest", "drop_orders"]))
        if op == "replace":
            parent[key] = copy.deepcopy(data.draw(ODD_VALUES))     # a fresh value: later mutations must not change ODD_VALUES
        elif op == "delete":
            del parent[key]
        elif op == "add_key" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["extra", "seed", "kind", "path", "units", "zz"]))] = copy.deepcopy(data.draw(ODD_VALUES))
        elif op == "duplicate" and isinstance(parent, list):
            try:
                parent.insert(key, json.loads(json.dumps(parent[key])))
            except RecursionError:                  # a nesting made by an earlier mutation
                pass
        elif op == "swap" and isinstance(parent, list) and len(parent) > 1:
            other = data.draw(st.integers(0, len(parent) - 1))
            parent[key], parent[other] = parent[other], parent[key]
        elif op == "nest":
            value = parent[key]
            for _ in range(data.draw(st.sampled_from([1, 5, 200, 900]))):
                value = [value]
            parent[key] = value
        elif op == "drop_orders" and isinstance(doc.get("orders"), list) and doc["orders"]:
            del doc["orders"][data.draw(st.integers(0, len(doc["orders"]) - 1)):]
    return doc


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", SCENARIOS)
@FUZZ
@given(data=st.data())
def test_structure_mutations_of_real_saves_load_or_fail_cleanly(originals, tmp_path, capsys, name, kind, data):
    doc = mutate_structure(json.loads(originals[(name, kind)]), data)
    path = tmp_path / f"{kind}.json"
    try:
        text = json.dumps(doc, indent=data.draw(st.sampled_from([None, 1])))
    except (RecursionError, ValueError):
        return                                      # nested deeper than json itself can write
    path.write_text(text)
    check_load(path)
    check_verify(path, capsys)


def test_the_originals_load_and_verify(originals, tmp_path, capsys):
    for (name, kind), raw in originals.items():
        path = tmp_path / f"{name}_{kind}.json"
        path.write_bytes(raw)
        engine.Game.load(path)
        assert main(["replay", str(path), "--verify"]) == 0, capsys.readouterr()
        assert "ok:" in capsys.readouterr().out


# -- batch files (what --resume reads) ----------------------------------------------------------
@pytest.fixture(scope="module")
def batch_file(tmp_path_factory) -> tuple[bytes, dict]:
    from engine.batch import run_batch
    from engine.batchfile import HEADER_KEYS

    path = tmp_path_factory.mktemp("batch") / "batch.json"
    result = run_batch("tutorial_river", 3, seed=1, agents="random", workers=1, json_path=path)
    return path.read_bytes(), {k: result[k] for k in HEADER_KEYS}


@FUZZ
@given(data=st.data())
def test_mutated_batch_files_resume_or_fail_cleanly(batch_file, tmp_path, data):
    from engine.batchfile import BatchMismatch, read_batch

    raw, header = batch_file
    path = tmp_path / "batch.json"
    if data.draw(st.booleans()):
        path.write_bytes(mutate_bytes(raw, data))
    else:
        doc = mutate_structure(json.loads(raw), data)
        try:
            path.write_text(json.dumps(doc, indent=1))
        except (RecursionError, ValueError):
            return
    t0 = time.perf_counter()
    try:
        _, records = read_batch(path, header)
        seeds = [r["seed"] for r in records]
        assert seeds == sorted(set(seeds)) and all(1 <= s <= 3 for s in seeds)
    except ScenarioError as exc:
        for p in exc.problems:
            assert str(p).startswith(f"{p.file}:{p.line}:{p.col}: error: ") and p.line >= 1 and p.col >= 1, str(p)
    except BatchMismatch as exc:
        assert "another batch" in str(exc)
    assert time.perf_counter() - t0 < SECONDS
