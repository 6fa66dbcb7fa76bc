"""Presenting a frame: the whole window, or only the tiles that differ from the last one shown.

On a software X server `pygame.display.flip` of a 1280x800 window costs about 7 ms, most of a
60 Hz frame, while a brush stroke or a moving highlight changes a few hexes and the status line.
`Presenter` keeps a copy of what the window shows and compares each new frame with it, tile by
tile; only the tiles that differ go to `pygame.display.update`. Whatever a screen drew, and
whatever pygame_gui redrew, the window ends up showing the surface exactly: a region is left
out only if its pixels are the same. A frame that changed most of the window is flipped whole.
"""
from __future__ import annotations

from typing import Any, cast

import numpy as np
import pygame

TILE_BYTES = 192          # tile width in bytes: 48 pixels of 4 bytes; a multiple of every pixel size
TILE_ROWS = 16
WHOLE_FRACTION = 0.6      # a frame that changed more of the window than this is flipped whole
MAX_RECTS = 48            # more separate regions than this: flipped whole


class Presenter:
    """The copy of the window's pixels as last presented, and the rectangles each frame sent."""

    def __init__(self) -> None:
        self._shown: np.ndarray | None = None
        self._key: tuple | None = None
        self.last: list[pygame.Rect] | None = None     # the last frame's rectangles; None: the whole window

    def forget(self) -> None:
        """What the window shows is not known (exposed, resized, another screen): the next
        frame is presented whole."""
        self._shown = None

    def present(self, surface: pygame.Surface, whole: bool, keep: bool = True) -> None:
        """Show `surface`: whole (a flip) if asked or if nothing is known of the window, else
        only the tiles that differ from the last frame shown. `keep`: remember the pixels shown
        (a screen that is always presented whole need not pay for the copy)."""
        key = (surface.get_size(), surface.get_pitch(), surface.get_bytesize())
        if whole or self._shown is None or key != self._key:
            self._flip(surface, key, keep)
            return
        rects = self._changed(surface)
        if rects is None:
            self._flip(surface, key, keep)
            return
        self.last = rects
        if rects:
            pygame.display.update(rects)

    def _flip(self, surface: pygame.Surface, key: tuple, keep: bool) -> None:
        pygame.display.flip()
        self.last = None
        if keep:
            self._shown = self._pixels(surface).copy()
            self._key = key
        else:
            self._shown = None

    @staticmethod
    def _item(surface: pygame.Surface) -> np.dtype:
        pitch = surface.get_pitch()
        return np.dtype(np.uint64 if pitch % 8 == 0 else np.uint32 if pitch % 4 == 0 else np.uint8)

    def _pixels(self, surface: pygame.Surface) -> np.ndarray:
        """The surface's rows as an array of machine words (the surface stays locked while the
        array lives: callers drop it before presenting)."""
        item = self._item(surface)
        h = surface.get_height()
        return np.frombuffer(cast(Any, surface.get_buffer()), dtype=item).reshape(h, surface.get_pitch() // item.itemsize)

    def _changed(self, surface: pygame.Surface) -> list[pygame.Rect] | None:
        """The rectangles covering every tile whose pixels differ from the last frame shown, with
        the copy brought up to date; None if so much changed that a flip is cheaper."""
        shown = self._shown
        assert shown is not None
        cur = self._pixels(surface)
        w, h = surface.get_size()
        size = surface.get_bytesize()
        per_tile = TILE_BYTES // cur.itemsize
        differs = cur != shown
        rows = differs.any(axis=1)
        band_starts = np.arange(0, h, TILE_ROWS)
        bands = np.logical_or.reduceat(rows, band_starts) if h else rows[:0]
        col_starts = np.arange(0, cur.shape[1], per_tile)
        spans: list[tuple[int, int, int, int]] = []      # (x0, x1, y0, y1) in pixels
        area = 0
        for b in np.flatnonzero(bands):
            y0 = int(b) * TILE_ROWS
            y1 = min(h, y0 + TILE_ROWS)
            tiles = np.logical_or.reduceat(differs[y0:y1].any(axis=0), col_starts)
            run = np.flatnonzero(np.diff(np.concatenate(([0], tiles.astype(np.int8), [0]))))
            for t0, t1 in zip(run[::2], run[1::2]):
                x0 = int(t0) * TILE_BYTES // size
                x1 = min(w, int(t1) * TILE_BYTES // size)
                if x0 >= x1:
                    continue
                area += (x1 - x0) * (y1 - y0)
                spans.append((x0, x1, y0, y1))
        if area > WHOLE_FRACTION * w * h:
            return None
        merged: list[list[int]] = []                     # runs of bands with the same columns join
        for x0, x1, y0, y1 in spans:
            for m in merged:
                if m[0] == x0 and m[1] == x1 and m[3] == y0:
                    m[3] = y1
                    break
            else:
                merged.append([x0, x1, y0, y1])
        if len(merged) > MAX_RECTS:
            return None
        for x0, x1, y0, y1 in merged:
            e0, e1 = x0 * size // cur.itemsize, -(-x1 * size // cur.itemsize)
            shown[y0:y1, e0:e1] = cur[y0:y1, e0:e1]
        del cur, differs
        return [pygame.Rect(x0, y0, x1 - x0, y1 - y0) for x0, x1, y0, y1 in merged]
