"""A save interrupted part-way (the process killed mid-write) leaves the previous save intact."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import engine

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, os, sys, time
import engine
from engine import savefile as save_module

path = sys.argv[1]
game = engine.Game(engine.load_scenario("tutorial_river"), seed=2)
for _ in range(6):
    game.end_phase()
real_dump = json.dump

def slow_dump(data, fh, **kw):
    text = json.dumps(data, **kw)
    fh.write(text[: len(text) // 2])
    fh.flush()
    print("HALF", flush=True)
    time.sleep(60)            # killed here, half-way through the new save
    fh.write(text[len(text) // 2:])

save_module.json.dump = slow_dump
game.save(path)
"""


def test_killed_save_leaves_the_previous_save_intact(tmp_path):
    path = tmp_path / "campaign.json"
    first = engine.Game(engine.load_scenario("tutorial_river"), seed=2)
    first.end_phase()
    first.save(path)
    before = path.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    try:
        line = child.stdout.readline()
        assert line.strip() == "HALF"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert path.read_bytes() == before
    loaded = engine.Game.load(path)
    assert loaded.state_hash() == first.state_hash()
    json.loads(path.read_text())
