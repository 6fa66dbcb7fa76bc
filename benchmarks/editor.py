"""The scenario editor on Normandy: live validation after an edit (through the worker process,
as the window does it) and the frame times while painting with validation running.

    python -m benchmarks editor
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from statistics import median


def validation_ms(scenario: str = "normandy_1944", edits: int = 15) -> tuple[float, float, float]:
    """(median ms from submitting an edited draft to its problems arriving, worst ms, median ms
    the loader took inside the worker), over `edits` unit moves each checked on its own."""
    from engine.catalog import shipped_scenarios
    from ui.editor.model import Draft
    from ui.editor.validation import Request, Validator

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / scenario
        shutil.copytree(shipped_scenarios()[scenario], folder)
        draft = Draft.open(folder)
        validator = Validator()
        try:
            files = draft.files
            validator.submit(Request(draft.revision, str(files.main), files.folder_layout, files.texts(), dict(files.includes)))
            validator.wait(draft.revision, timeout=120)        # the worker's start-up and first load are not timed
            trips, inside = [], []
            land = [u.get("hex") for u in draft.units()]
            for k in range(edits):
                draft.set_unit(k, "hex", land[(k + 1) % len(land)])
                validator.submit(Request(draft.revision, str(files.main), files.folder_layout, files.texts(), dict(files.includes)))
                got = validator.wait(draft.revision, timeout=60)
                assert got is not None
                trips.append(validator.round_trip_ms)
                inside.append(got.ms)
            return median(trips), max(trips), median(inside)
        finally:
            validator.close()


def paint_frames(scenario: str = "normandy_1944", frames: int = 240, size: tuple[int, int] = (1280, 800)) -> tuple[float, float, float, float, float]:
    """(median, 95th percentile, worst) frame time in ms of the editor's real loop while a brush
    stroke crosses the map and each stroke's validation runs in the worker. Eight strokes of 30
    frames, each starting with the press (the first frame: the brush's hexes painted into the
    cached tiles) and ending with the release (the stroke written to the draft), after the mouse
    has moved to the first one with the Paint tool on. Also the median and worst CPU time of a
    frame in this process (without the machine's other work, the X server or the worker): on a
    shared machine the wall times measure the load as much as the editor."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from engine.catalog import shipped_scenarios
    from ui.editor.model import Draft
    from ui.editor.screen import EditorScreen
    from ui.settings import Settings
    from ui.stack import ScreenStack

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_DATA_HOME"] = str(Path(tmp) / "data")
        folder = Path(tmp) / scenario
        shutil.copytree(shipped_scenarios()[scenario], folder)
        app = ScreenStack(size, settings=Settings(edge_pan=False))
        screen = EditorScreen(app, Draft.open(folder))
        try:
            app.push(screen)
            assert screen.view is not None
            screen.view.level = 9
            screen.view.centre_on(screen.draft.hex_index("066015") or 0)
            for _ in range(5):
                app.step()
            screen.validator.wait(screen.draft.revision, timeout=120)
            screen.set_tool("paint")
            screen.set_brush(7)
            r = screen.view.rect
            for k in range(4):           # the designer aims: the brush outline follows the mouse to the stroke's start
                pos = (r.x + 40 - 3 * k, r.y + 40 - k)
                app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(3, 1), buttons=(0, 0, 0))])
            times, cpu = [], []
            for f in range(frames):
                x = r.x + 40 + (f * 7) % (r.width - 80)
                y = r.y + 40 + (f * 3) % (r.height - 80)
                events = [pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y), rel=(7, 3), buttons=(1, 0, 0))]
                if f % 30 == 0:
                    events.insert(0, pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(x, y), button=1))
                if f % 30 == 29:
                    events.append(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(x, y), button=1))
                start, start_cpu = time.perf_counter(), time.thread_time()
                app.step(events)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.thread_time() - start_cpu) * 1000)
            times.sort()
            return median(times), times[int(len(times) * 0.95)], times[-1], median(cpu), max(cpu)
        finally:
            screen.leave()
            pygame.display.quit()
