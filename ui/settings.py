"""Where the game keeps its files, and the player's settings (remembered between runs).

Settings are JSON in the user config folder, saves and autosaves in the user data folder,
where each system expects them (platformdirs): on Linux `$XDG_CONFIG_HOME/wargame` (or
`~/.config/wargame`) and `$XDG_DATA_HOME/wargame` (or `~/.local/share/wargame`); on macOS
`~/Library/Application Support/wargame`; on Windows `%LOCALAPPDATA%\\wargame`. Every file is
written atomically (temporary file, then rename).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import platformdirs

from engine.files import write_text_atomic

AI_SPEEDS = {"slow": 0.9, "normal": 0.4, "fast": 0.12, "instant": 0.0}   # seconds per AI order
UI_SCALES = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)


APP = "wargame"


def config_dir() -> Path:
    return platformdirs.user_config_path(APP, appauthor=False)


def data_dir() -> Path:
    return platformdirs.user_data_path(APP, appauthor=False)


def saves_dir() -> Path:
    return data_dir() / "saves"


def autosave_dir() -> Path:
    return data_dir() / "autosave"


@dataclass
class Settings:
    ui_scale: float = 1.0
    colour_blind: bool = False
    ai_speed: str = "normal"
    edge_pan: bool = True
    window: tuple[int, int] = (1280, 800)
    show_arrows: bool = True
    show_grid_costs: bool = True
    last_scenario: str | None = None
    last_side: str | None = None
    ai: str = "heuristic"
    confirm_end_phase: bool = True      # ask before ending a phase with units that could still act
    volume: str = "normal"              # off / quiet / normal / loud (ui.sound.VOLUMES)
    mute: bool = False                  # M in the game: silence without losing the volume

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> "Settings":
        """The saved settings; defaults for anything missing or unreadable."""
        out = cls()
        try:
            data = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return out
        if not isinstance(data, dict):
            return out
        for f in fields(cls):
            if f.name not in data:
                continue
            value: Any = data[f.name]
            default = getattr(out, f.name)
            if f.name == "window":
                if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) and 320 <= v <= 10000 for v in value):
                    out.window = (value[0], value[1])
            elif f.name == "ui_scale":
                if isinstance(value, (int, float)) and 0.5 <= value <= 3:
                    out.ui_scale = float(value)
            elif f.name == "ai_speed":
                if value in AI_SPEEDS:
                    out.ai_speed = value
            elif f.name == "volume":
                if value in ("off", "quiet", "normal", "loud"):
                    out.volume = value
            elif isinstance(default, bool):
                if isinstance(value, bool):
                    setattr(out, f.name, value)
            elif value is None or isinstance(value, str):
                setattr(out, f.name, value)
        return out

    def save(self) -> None:
        try:
            data = asdict(self)
            data["window"] = list(self.window)
            write_text_atomic(self.path(), json.dumps(data, indent=1))
        except OSError:
            pass   # settings are a convenience: never stop the game over them

    @property
    def ai_delay(self) -> float:
        return AI_SPEEDS.get(self.ai_speed, 0.4)
