"""Where the shipped data lives: the scenarios with their rule sets, and the assets (fonts).

In the checkout they are the top-level folders scenarios/ and assets/. A wheel or sdist
install puts them inside this package (pyproject.toml maps the two folders here), so an
installed `wargame` finds them through importlib.resources, away from any checkout. This is
the one place that knows both layouts; everything else asks `shipped_folder`.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

KINDS = ("scenarios", "assets")


class NotOnDiskError(RuntimeError):
    """The package was imported from somewhere that is not a folder on disk (a zip file)."""


def shipped_folder(kind: str) -> Path:
    """The folder of shipped `kind` ("scenarios" or "assets"): the installed copy when there is
    one, else the checkout's top-level folder. The path may not exist when nothing is shipped."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of shipped data '{kind}' (known: {', '.join(KINDS)})")
    here = resources.files(__name__)
    if not isinstance(here, Path):
        raise NotOnDiskError(f"wargame must be installed as files on disk to find its {kind} (found {here})")
    installed = here / kind
    if installed.is_dir():
        return installed
    checkout = here.parents[1] / kind          # engine/shipped -> the repository root
    return checkout if checkout.is_dir() else installed
