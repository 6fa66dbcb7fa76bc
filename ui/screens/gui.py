"""Screens whose widgets are pygame_gui elements in the app's shared manager (ui/stack.py), in
the one theme of ui/screens/theme.py.

An opaque screen owns the whole manager while it is on top (pushing it clears the manager). A
dialog over another screen (`opaque = False`: the pause menu, a question, the turn report) puts
its widgets in a layer of its own, a window-sized panel above the screen below: dimmed or
clear, it takes every click and hover, so the widgets below show but do not answer.
"""
from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIDropDownMenu, UIPanel

from ui.screens import theme
from ui.stack import Screen, ScreenStack

HOVER_WAKE = 0.25        # seconds: with the mouse on a widget, a few frames a second (hover looks, tooltips)


def hovering_widget(app: ScreenStack) -> bool:
    """Whether the mouse rests on a button (its look and tooltip change with time)."""
    gui = app.gui_if_made()
    return gui is not None and any(isinstance(e, UIButton) and e.hovered and e.visible for e in gui.ui_group.sprites())


def button(ui, rect: pygame.Rect, text: str, action, scale: float, container=None, tooltip: str | None = None,
           small: bool = False, key: str = "") -> UIButton:
    """A button that runs `action` when clicked (at once, in the same frame). `key` names its
    shortcut: after the label when there is room, as on every button of the game."""
    if key and _fits(f"{text}  {key}", rect.width, theme.size(theme.SMALL if small else theme.BODY, scale)):
        text = f"{text}  {key}"
    return UIButton(rect, text, ui, container=container, tool_tip_text=tooltip, command=action,
                    object_id=ObjectID(class_id="@small" if small else None))


def _fits(text: str, width: int, px: int) -> bool:
    from ui.drawing import fonts

    return fonts.font(px).size(text)[0] <= width - 10


def set_toggled(b: UIButton, on: bool) -> None:
    """The toggled look (a shown overlay, an applied filter) of a button, changed only if it differs."""
    if on and not b.is_selected:
        b.select()
    elif not on and b.is_selected:
        b.unselect()


def set_enabled(b: UIButton, on: bool) -> None:
    """Clickable or greyed out, changed only if it differs (each change redraws the button)."""
    if on and not b.is_enabled:
        b.enable()
    elif not on and b.is_enabled:
        b.disable()


def set_text(element, text: str) -> None:
    """A new label, only if it differs."""
    if element.text != text:
        element.set_text(text)


class GuiScreen(Screen):
    """A screen built from widgets: `build` makes them (again after a resize or a change of the
    settings), `on_button`, `on_select`, ... answer them."""

    widgets = True
    partial_frames = True  # a hover, a typed character or a ticking cursor changes one widget: only what differs is presented
    dim = True            # a dialog: dim the screen below (else only block it)
    tick = True           # wake a few times a second (drop-downs, double clicks); else only while on a button

    def __init__(self, app: ScreenStack) -> None:
        super().__init__(app)
        self.built = False
        self.layer: UIPanel | None = None       # a dialog's own layer over the screen below

    def redrew_all(self) -> bool:
        """A menu or a dialog redraws no map: the stack compares its frames with the last one
        shown (pushing or popping a screen, a resize, presents the whole window anyway)."""
        return False

    def text_size(self, px: int) -> int:
        """A font size of the theme (`theme.BODY`, `theme.TEXT` ...) at the interface scale."""
        return theme.size(px, self.app.settings.ui_scale)

    @property
    def ui(self):
        return self.app.gui()

    @property
    def container(self):
        """Where this screen's widgets go: its own layer for a dialog, else the manager's root."""
        return self.layer

    def enter(self) -> None:
        self.rebuild()

    def leave(self) -> None:
        self.drop_layer()

    def drop_layer(self) -> None:
        if self.layer is not None:
            self.layer.kill()
            self.layer = None

    def rebuild(self) -> None:
        ui = self.ui
        if self.opaque:
            ui.clear_and_reset()
        else:
            self.drop_layer()
            depth = self.app.screens.index(self) if self in self.app.screens else len(self.app.screens)
            self.layer = UIPanel(pygame.Rect((0, 0), self.app.size), starting_height=20 * depth, manager=ui,
                                 object_id="#modal_dim" if self.dim else "#modal")
        self.build(ui, self.app.size)
        self.built = True

    def build(self, ui, size: tuple[int, int]) -> None:
        pass

    def resize(self, size: tuple[int, int]) -> None:
        if self.app.top is self:
            self.rebuild()

    def process_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN:
            self.collapse_dropdowns(event.pos)
        self.ui.process_events(event)
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self.on_button(event.ui_element)
        elif event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION:
            self.on_select(event.ui_element, event.text)
        elif event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
            self.on_double(event.ui_element, event.text)
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            self.on_dropdown(event.ui_element, event.text)
        elif event.type == pygame.KEYDOWN:
            self.on_key(event)

    def collapse_dropdowns(self, pos: tuple[int, int]) -> None:
        """A click anywhere else closes an open drop-down (pygame_gui leaves it open)."""
        from pygame_gui.elements.ui_drop_down_menu import UIExpandedDropDownState

        for element in vars(self).values():
            if isinstance(element, UIDropDownMenu) and isinstance(element.current_state, UIExpandedDropDownState):
                state = element.current_state
                if not any(r.collidepoint(pos) for r in _expanded_rects(state)):
                    state.should_transition = True
                    state.target_state = "closed"

    def on_button(self, element) -> None:
        pass

    def on_select(self, element, text: str) -> None:
        pass

    def on_double(self, element, text: str) -> None:
        pass

    def on_dropdown(self, element, text: str) -> None:
        pass

    def on_key(self, event) -> None:
        pass

    def update(self, dt: float) -> None:
        self.ui.update(dt)

    def wake_in(self) -> float | None:
        """The widgets' own timers (hover, double click, tooltips) need a few frames a second."""
        return HOVER_WAKE if self.tick or hovering_widget(self.app) else None

    def draw(self, surface: pygame.Surface) -> None:
        """What lies under the widgets (the stack draws the widgets themselves)."""
        if self.opaque:
            self.draw_background(surface)

    def draw_background(self, surface: pygame.Surface) -> None:
        surface.fill(theme.screen_background())


def _expanded_rects(state) -> list[pygame.Rect]:
    out = []
    for name in ("selected_option_button", "options_selection_list", "close_button"):
        element = getattr(state, name, None)
        if element is not None:
            out.append(pygame.Rect(element.rect))
    return out
