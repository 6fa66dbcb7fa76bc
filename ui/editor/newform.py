"""The editor's New scenario form (Ctrl+N, or *New scenario...* in the Scenario tab): what
`wargame edit PATH --new` does from the command line, in the window. The boxes are read by
`ui.editor.new.parse_form` (a box that cannot be read says so and nothing is written), the
scenario is written by `write_new`, and the editor opens on it.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UITextEntryLine

from ui.drawing import fonts
from ui.editor.new import FORM_FIELDS, form_defaults, parse_form, write_new
from ui.stack import Screen

if TYPE_CHECKING:
    from ui.editor.screen import EditorScreen

LABELS = {
    "path": "file or folder", "title": "title", "start_date": "start date", "turns": "turns", "days_per_turn": "days per turn",
    "hex_km": "hex km", "columns": "columns", "rows": "rows", "bbox": "bbox W S E N",
    "side_1": "side 1 id", "side_1_name": "side 1 name", "side_1_colour": "side 1 colour", "nation_1": "its nation", "nation_1_name": "nation name",
    "side_2": "side 2 id", "side_2_name": "side 2 name", "side_2_colour": "side 2 colour", "nation_2": "its nation", "nation_2_name": "nation name",
}
LEFT = FORM_FIELDS[:9]
RIGHT = FORM_FIELDS[9:]
ROW = 34


class NewScenarioForm(Screen):
    """A form over the editor; Create writes the scenario and opens it, Esc or Cancel goes back."""

    widgets = True

    def __init__(self, app: Any, editor: EditorScreen, folder: Path | None = None) -> None:
        super().__init__(app)
        self.editor = editor
        self.folder = folder or Path.cwd()
        self.texts = form_defaults(self.folder)
        self.entries: dict[str, UITextEntryLine] = {}
        self.message = ("A blank map of columns x rows clear hexes, or the map of a longitude/latitude box "
                        "(W S E N, the mapgen extra). Enter or Create writes it and opens it; Esc goes back.")
        self.error = False

    def box(self) -> pygame.Rect:
        w, h = self.app.size
        r = pygame.Rect(0, 0, min(w - 40, 900), min(h - 40, 10 * ROW + 150))
        r.center = (w // 2, h // 2)
        return r

    def enter(self) -> None:
        ui = self.app.gui()
        ui.clear_and_reset()
        box = self.box()
        col_w = (box.width - 60) // 2
        self.entries = {}
        for column, names in enumerate((LEFT, RIGHT)):
            x = box.x + 20 + column * (col_w + 20)
            y = box.y + 56
            for name in names:
                UILabel(pygame.Rect(x, y, 120, 28), LABELS[name], manager=ui, object_id="#dim")
                entry = UITextEntryLine(pygame.Rect(x + 124, y, col_w - 124, 28), manager=ui)
                entry.set_text(self.texts[name])
                self.entries[name] = entry
                y += ROW
        bottom = box.bottom - 44
        self.create_button = UIButton(pygame.Rect(box.right - 260, bottom, 118, 30), "Create", manager=ui, tool_tip_text="Enter")
        self.cancel_button = UIButton(pygame.Rect(box.right - 136, bottom, 118, 30), "Cancel", manager=ui, tool_tip_text="Esc")

    def resize(self, size: tuple[int, int]) -> None:
        self.texts.update({k: e.get_text() for k, e in self.entries.items()})
        if self.app.top is self:
            self.enter()

    def process_event(self, event: pygame.event.Event) -> None:
        self.app.gui().process_events(event)
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.create_button:
                self.create()
            elif event.ui_element is self.cancel_button:
                self.cancel()
        elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self.create()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.cancel()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_RETURN and not any(e.is_focused for e in self.entries.values()):
            self.create()

    def update(self, dt: float) -> None:
        self.app.gui().update(dt)

    def wake_in(self) -> float | None:
        return 0.25                  # the text boxes' cursors blink

    def cancel(self) -> None:
        self.app.pop()

    def say(self, text: str, error: bool = True) -> None:
        self.message, self.error = text, error

    def create(self) -> None:
        """Read the boxes, write the scenario, open it in the editor; on bad input or a failed
        write say why, and nothing is written."""
        from engine.errors import ScenarioError
        from ui.editor.model import open_draft

        self.texts = {k: e.get_text() for k, e in self.entries.items()}
        try:
            path, new, bbox = parse_form(self.texts, self.folder)
        except ValueError as exc:
            self.say(f"{exc}; nothing written")
            return
        if self.editor.draft.dirty:
            self.say(f"{self.editor.draft.name} has unsaved edits: save them (Ctrl+S) or undo them first; nothing written")
            return
        if bbox is not None:
            try:
                import engine.mapgen  # noqa: F401
            except ImportError:
                self.say("real geography needs the map generator's data (pip install 'wargame[mapgen]'); nothing written")
                return
        try:
            target = write_new(path, new, bbox)
        except FileExistsError as exc:
            self.say(f"{exc}; nothing written")
            return
        except (ValueError, RuntimeError) as exc:
            self.say(f"{exc}; nothing written")
            return
        except OSError as exc:
            self.say(f"cannot write {path}: {exc.strerror or exc}")
            return
        try:
            draft = open_draft(target)
        except ScenarioError as exc:
            self.say(f"wrote {target}, but it does not open: {exc}")
            return
        from ui.editor.screen import EditorScreen

        editor = EditorScreen(self.app, draft, inline_validation=self.editor.validator.inline)
        editor.say(f"a new scenario: {target} (its problems, if any, are listed below)", 8.0)
        self.app.replace(editor)
        pygame.display.set_caption(f"Wargame editor: {draft.name}")

    def draw(self, surface: pygame.Surface) -> None:
        self.editor.draw(surface)
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 150))
        surface.blit(shade, (0, 0))
        box = self.box()
        surface.fill((30, 34, 32), box)
        pygame.draw.rect(surface, (226, 196, 110), box, 1)
        surface.blit(fonts.text("New scenario", 20, (226, 196, 110), True), (box.x + 20, box.y + 16))
        colour = (236, 140, 120) if self.error else (200, 200, 190)
        words, line, y = self.message.split(), "", box.bottom - 96
        lines = []
        for word in words:
            if fonts.text(f"{line} {word}".strip(), 14, colour).get_width() > box.width - 300 and line:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
        for text in lines[:4]:
            surface.blit(fonts.text(text, 14, colour), (box.x + 20, y))
            y += 19
