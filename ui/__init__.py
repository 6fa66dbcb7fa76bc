"""The user interfaces: the `wargame` command line and the pygame desktop game."""
import os as _os

_os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
