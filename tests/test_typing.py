"""The engine is type-checked: `python -m mypy engine` (settings in pyproject.toml) reports no errors."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_engine_is_mypy_clean() -> None:
    pytest.importorskip("mypy", reason="mypy is not installed (pip install -e .[dev])")
    result = subprocess.run([sys.executable, "-m", "mypy", "engine"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"mypy engine failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
