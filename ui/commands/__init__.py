"""The `wargame` commands that take their own arguments (simulate, history, tournament, mapgen):
each a `run_*(args) -> exit code` beside its parser. ui/cli.py dispatches to them."""
