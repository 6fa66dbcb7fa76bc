"""The package as a user installs it: the wheel carries the scenarios, the rule sets, the fonts
and the licence, and an installed `wargame` works away from the checkout."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from engine.catalog import shipped_scenarios
from engine.shipped import shipped_folder

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_of_the_source_tree_is_listed_for_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for top in ("engine", "ui") for p in (ROOT / top).rglob("__init__.py")}
    assert found - listed == set()


def test_the_checkout_finds_its_top_level_data_folders():
    assert shipped_folder("scenarios") == ROOT / "scenarios"
    assert (shipped_folder("assets") / "fonts" / "DejaVuSansCondensed.ttf").is_file()
    with pytest.raises(ValueError):
        shipped_folder("nothing")


@pytest.mark.timeout(900)
def test_the_installed_wheel_works_outside_the_repository(tmp_path):
    """Build the sdist and, from it, the wheel (python -m build, the `dev` extra); install the
    wheel, not editable, into a new venv in a temporary folder; run the command line there.

    To keep this quick and offline after the build, the new venv installs the wheel alone
    (--no-deps) and finds numpy, pygame and the rest through a .pth file naming this
    interpreter's site-packages folders; a path in a .pth file does not run the .pth files beside it,
    so the editable install of the checkout stays out. The test checks that `engine` comes
    from the new venv."""
    pytest.importorskip("build", reason="python -m build comes with the dev extra")
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)], cwd=tmp_path, timeout=600)
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    for needed in ("engine/py.typed", "engine/shipped/scenarios/rules/standard.yaml", "engine/shipped/scenarios/tutorial_river.yaml",
                   "engine/shipped/scenarios/normandy_1944/map.yaml", "engine/shipped/assets/fonts/DejaVuSansCondensed-Bold.ttf"):
        assert needed in names, needed
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    with tarfile.open(sdist) as t:
        in_sdist = {n.split("/", 1)[1] for n in t.getnames() if "/" in n}
    assert {"LICENSE", "CHANGELOG.md", "scenarios/rules/standard.yaml", "assets/fonts/DejaVuSansCondensed.ttf"} <= in_sdist

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    purelib = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp_path).strip())
    (purelib / "zz_wargame_deps.pth").write_text("\n".join(_site_dirs()) + "\n")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index", str(wheel)], cwd=tmp_path)

    user = tmp_path / "user"                  # a folder that is not the checkout
    user.mkdir()
    wargame = [str(bindir / "wargame")]
    where = _run([str(python), "-c", "import engine, ui.drawing.fonts as f; print(engine.__file__); print(f.FONT_FILES[False])"], cwd=user)
    engine_file, font_file = where.split()
    assert Path(engine_file).is_relative_to(venv) and Path(font_file).is_relative_to(venv), where

    listed = _run(wargame + ["list"], cwd=user)
    assert all(name in listed for name in shipped_scenarios()), listed

    (user / "mine.yaml").write_text((ROOT / "scenarios" / "tutorial_river.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    checked = _run(wargame + ["validate", "normandy_1944", "mine.yaml"], cwd=user)
    assert "normandy_1944: ok" in checked and "mine.yaml: ok" in checked

    _run(wargame + ["render", "tutorial_river", "--out", "map.png"], cwd=user)
    assert (user / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    fonts = _run([str(python), "-c", "import pygame; pygame.font.init(); from ui.drawing import fonts; fonts.font(12, True); print('ok')"],
                 cwd=user)
    assert fonts.strip().splitlines()[-1] == "ok"

    _run(wargame + ["simulate", "tutorial_river", "--games", "1", "--seed", "1", "--workers", "1", "--json", "out.json"], cwd=user)
    result = json.loads((user / "out.json").read_text())
    assert result["scenario"] == "tutorial_river" and len(result["games"]) == 1

    missing = subprocess.run(wargame + ["render", "no_such_place", "--out", "x.png"], cwd=user, env=_env(), capture_output=True, text=True,
                             timeout=120)
    assert missing.returncode == 1 and "no such file or shipped scenario" in missing.stderr and "Traceback" not in missing.stderr


def _site_dirs() -> list[str]:
    """This interpreter's site-packages folders (and so never the checkout's own folders, which
    are on sys.path too; `make test`'s .venv inside the checkout is one of them)."""
    found = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    found |= set(sys.path)
    return sorted(p for p in found if Path(p).name in ("site-packages", "dist-packages") and Path(p).is_dir())


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    return env


def _run(command: list[str], cwd: Path, timeout: float = 300) -> str:
    done = subprocess.run(command, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout
