"""The screens of the desktop game: main menu, map, pause menu, victory."""
