"""Drawing code shared by the desktop game, the benchmark and `wargame render`.

Only reads engine state; works without a window (a display is needed only to `convert`
surfaces for faster blits, which is skipped headless).
"""
