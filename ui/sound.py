"""The game's sounds, made in code when the mixer starts (no files, nothing downloaded): a move,
combat by result, reinforcements arriving and the player's turn starting. With no audio device,
or the volume at 0, the game is silent and never opens the mixer.

    sounds = Sounds(settings)        # settings.volume 0..1, settings.mute
    sounds.play("move")
"""
from __future__ import annotations

import numpy as np
import pygame

RATE = 22050
VOLUMES = {"off": 0.0, "quiet": 0.25, "normal": 0.5, "loud": 0.9}


def _env(n: int, attack: float = 0.005, decay: float = 6.0) -> np.ndarray:
    t = np.arange(n) / RATE
    a = np.minimum(1.0, t / max(attack, 1e-4))
    return a * np.exp(-decay * t)


def _tone(freq: float, secs: float, decay: float = 6.0, harmonics: tuple[float, ...] = (1.0, 0.4, 0.2)) -> np.ndarray:
    n = int(RATE * secs)
    t = np.arange(n) / RATE
    wave = sum(h * np.sin(2 * np.pi * freq * (k + 1) * t) for k, h in enumerate(harmonics))
    return wave * _env(n, decay=decay)


def _noise(secs: float, decay: float, seed: int, low: float = 0.0) -> np.ndarray:
    """Filtered noise: a thud or a blast (the seed is fixed: the same sound every run)."""
    n = int(RATE * secs)
    rng = np.random.Generator(np.random.PCG64(seed))
    x = rng.standard_normal(n)
    k = max(1, int(low * 40))
    if k > 1:
        x = np.convolve(x, np.ones(k) / k, mode="same")      # darker: a low-pass of k samples
    return x * _env(n, decay=decay)


def waves() -> dict[str, np.ndarray]:
    """Every sound as float samples in -1..1."""
    def norm(x: np.ndarray) -> np.ndarray:
        return x / max(1e-9, float(np.abs(x).max()))
    chime = np.concatenate([_tone(660, 0.18, 9), _tone(880, 0.5, 5)])
    bugle = np.concatenate([_tone(392, 0.14, 4, (1, 0.6, 0.4, 0.3)), _tone(523, 0.14, 4, (1, 0.6, 0.4, 0.3)),
                            _tone(659, 0.35, 4, (1, 0.6, 0.4, 0.3))])
    return {
        "move": norm(_noise(0.12, 30, 1, low=0.6)) * 0.6,
        "attack_won": norm(_noise(0.7, 5, 2, low=0.3) + 0.3 * _noise(0.7, 9, 3)),
        "attack_lost": norm(_noise(0.5, 7, 4, low=0.9)) * 0.8,
        "exchange": norm(_noise(0.6, 6, 5, low=0.5)) * 0.9,
        "reinforcement": norm(bugle) * 0.5,
        "turn": norm(chime) * 0.5,
    }


def combat_sound(result: str) -> str:
    """The sound of a result code: the defender's loss or retreat, the attacker's, or both."""
    if result.startswith("EX"):
        return "exchange"
    return "attack_won" if result.startswith("D") else "attack_lost"


class Sounds:
    """Plays the game's sounds at the settings' volume; silent without a device."""

    def __init__(self, settings) -> None:
        self.settings = settings
        self._sounds: dict[str, pygame.mixer.Sound] | None = None
        self._failed = False
        self.played: list[str] = []           # what was played (the tests and the monkey read it)

    @property
    def volume(self) -> float:
        return 0.0 if self.settings.mute else VOLUMES.get(self.settings.volume, 0.5)

    def _load(self) -> dict[str, pygame.mixer.Sound] | None:
        if self._sounds is not None or self._failed:
            return self._sounds
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=RATE, size=-16, channels=1, buffer=512)
            got = pygame.mixer.get_init()
            if not got:
                raise pygame.error("the mixer did not start")
            freq, _, channels = got
            out = {}
            for name, w in waves().items():
                if freq != RATE:
                    w = np.interp(np.arange(int(len(w) * freq / RATE)) * RATE / freq, np.arange(len(w)), w)
                pcm = (w * 32000).astype(np.int16)
                if channels > 1:
                    pcm = np.repeat(pcm[:, None], channels, axis=1)
                out[name] = pygame.sndarray.make_sound(np.ascontiguousarray(pcm))
            self._sounds = out
        except (pygame.error, ValueError, TypeError):
            self._failed = True                # no audio device: the game runs silent
        return self._sounds

    def play(self, name: str) -> None:
        v = self.volume
        if v <= 0:
            return
        sounds = self._load()
        if not sounds or name not in sounds:
            return
        s = sounds[name]
        s.set_volume(v)
        s.play()
        self.played.append(name)
        del self.played[:-50]
