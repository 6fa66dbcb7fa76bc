"""`wargame history`: the milestone table (rich) and the timeline chart (a PNG drawn with pygame).

The chart puts one row per milestone on a common axis of days from the scenario's start: the
historical date as a dark tick, the tolerance as a green band, each game as a dot (games where it
never happened are counted at the right, past the last day), the interquartile range as a box
and the median as a bar. Too early is left of the band, too late right of it. A loss ratio has no
date axis: its row says the figures in words.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any


def _date(report: dict[str, Any], day: float) -> str:
    d = dt.date.fromisoformat(report["start_date"]) + dt.timedelta(days=int(round(day)))
    return f"{d.day} {d:%b}"


def day_text(report: dict[str, Any], day: float | None) -> str:
    """'8 (14 Jun)': the day from the start and its date; 'never' for None."""
    if day is None:
        return "never"
    shown = f"{day:.0f}" if float(day).is_integer() else f"{day:.1f}"
    return f"{shown} ({_date(report, day)})"


def _ratio(x: float | None) -> str:
    return "inf" if x is None else f"{x:.2f}".rstrip("0").rstrip(".") + ":1"


def _n(x: float | None) -> str:
    return "never" if x is None else (f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}")


def row_cells(report: dict[str, Any], row: dict[str, Any]) -> list[str]:
    """One milestone's cells: name, history, tolerance, median, IQR, reached, in window, within.
    Days count from the start (day 0); a loss ratio is enemy:own steps lost."""
    if row["kind"] == "loss_ratio":
        history = f"{_ratio(row['ratio'])} by {_date(report, row['day'])}"
        tol = f"±{row['tolerance']:g}"
        median = _ratio(row["median"])
        iqr = f"{_ratio(row['q1'])}-{_ratio(row['q3'])}"
    else:
        history = day_text(report, row["day"]) if row["happens"] else f"not by {day_text(report, row['day'])}"
        tol = f"±{row['tolerance']}"
        median = day_text(report, row["median"])
        iqr = f"{_n(row['q1'])}-{_n(row['q3'])}"
    return [row["name"], history, tol, median, iqr, f"{row['reached']:.0%}", f"{row['in_window']:.0%}",
            "yes" if row["within"] else "no"]


HEADERS = ["milestone", "history day", "± days", "median day", "IQR", "reached", "in window", "within"]


def history_table(report: dict[str, Any], title: str):
    """The report as a rich Table, one row per milestone."""
    from rich.table import Table

    table = Table(title=title, show_header=True, header_style="bold")
    for h in HEADERS:
        table.add_column(h, justify="left" if h == "milestone" else "right", no_wrap=h != "milestone",
                         min_width=16 if h == "milestone" else None)
    for row in report["milestones"]:
        cells = row_cells(report, row)
        cells[-1] = "[green]yes[/]" if row["within"] else "[red]no[/]"
        table.add_row(*cells[:-1], cells[-1])
    return table


def markdown_table(report: dict[str, Any]) -> str:
    """The same table in Markdown, for the scenario pages."""
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    for row in report["milestones"]:
        lines.append("| " + " | ".join(c.replace("|", "/") for c in row_cells(report, row)) + " |")
    return "\n".join(lines) + "\n"


# -- the chart --------------------------------------------------------------------------------
class PlotError(Exception):
    """The chart cannot be drawn or written (the message says why)."""


INK, GRID, BAND, HIST, DOT, BOX, NEVER = (30, 28, 24), (215, 212, 205), (190, 226, 190), (20, 90, 20), (60, 95, 170), (40, 40, 40), (170, 60, 50)


def plot_history(report: dict[str, Any], out_path: str | Path, title: str) -> None:
    """Draw the timeline chart of `report` to a PNG (no window needed)."""
    try:
        from ui import render
        from ui.drawing import fonts
    except ImportError as exc:            # pygame-ce is a dependency, but an install may lack it
        raise PlotError(f"the chart needs pygame-ce ({exc}): pip install pygame-ce") from None
    path = check_plot_path(out_path)
    pg = render._pygame()
    rows = report["milestones"]
    n = max(1, report["games"])
    label_w, right_w, row_h, top, bottom = 340, 70, 38, 60, 48
    plot_w = 900
    width, height = label_w + plot_w + right_w, top + row_h * len(rows) + bottom
    days = [r["day"] + r["tolerance"] for r in rows if r["kind"] != "loss_ratio"]
    days += [v for r in rows if r["kind"] != "loss_ratio" for v in r["values"] if v is not None]
    last = max(days + [report.get("last_day", 1), 1]) * 1.02
    surf = pg.Surface((width, height))
    surf.fill((250, 248, 243))

    def x_of(day: float) -> int:
        return label_w + int(round(plot_w * day / last))

    surf.blit(fonts.text(title, 18, INK, True), (12, 10))
    surf.blit(fonts.text(f"{report['games']} games; dots: one game each; box: quartiles; bar: median; "
                         "green: history ± tolerance; right: games where it never happened", 13, INK), (12, 34))
    # the axis: a tick every week (or month on long campaigns)
    step = 7 if last <= 120 else 30
    for day in range(0, int(last) + 1, step):
        x = x_of(day)
        pg.draw.line(surf, GRID, (x, top - 4), (x, top + row_h * len(rows)))
        label = fonts.text(f"{day} ({_date(report, day)})" if day % (2 * step) == 0 else f"{day}", 12, INK)
        surf.blit(label, (x - label.get_width() // 2, top + row_h * len(rows) + 4))
    axis = fonts.text(f"days from {_date(report, 0)} {report['start_date'][:4]}", 13, INK)
    surf.blit(axis, (label_w + plot_w // 2 - axis.get_width() // 2, height - 22))
    never_x = label_w + plot_w + 14
    surf.blit(fonts.text("never", 12, NEVER), (never_x - 4, top - 18))
    for k, row in enumerate(rows):
        y0 = top + k * row_h
        cy = y0 + row_h // 2
        if k % 2:
            pg.draw.rect(surf, (243, 240, 232), (0, y0, width, row_h))
        name = row["name"] if len(row["name"]) <= 46 else row["name"][:45] + "…"
        surf.blit(fonts.text(name, 13, INK, not row["within"]), (12, cy - 14))
        when = (f"{_date(report, row['day'])}, day {row['day']}" + (f" ±{row['tolerance']:g}" if row["kind"] != "loss_ratio" else "")
                + ("" if row["happens"] else ": should not happen"))
        surf.blit(fonts.text(when, 11, HIST), (12, cy + 2))
        if row["kind"] == "loss_ratio":
            words = (f"loss ratio: history {row['ratio']:g}:1 ±{row['tolerance']:g}; games: median {_ratio(row['median'])}, "
                     f"quartiles {_ratio(row['q1'])} - {_ratio(row['q3'])}; {row['in_window']:.0%} within")
            surf.blit(fonts.text(words, 13, INK), (label_w + 8, cy - 8))
            continue
        lo, hi = row["day"] - row["tolerance"], row["day"] + row["tolerance"]
        if row["happens"]:
            pg.draw.rect(surf, BAND, (x_of(max(0, lo)), y0 + 3, max(2, x_of(hi) - x_of(max(0, lo))), row_h - 6))
        else:                              # history: not by then; the band is everything later
            pg.draw.rect(surf, BAND, (x_of(hi), y0 + 3, label_w + plot_w - x_of(hi), row_h - 6))
        pg.draw.line(surf, HIST, (x_of(row["day"]), y0 + 2), (x_of(row["day"]), y0 + row_h - 3), 3)
        if row["q1"] is not None:
            x1 = x_of(row["q1"])
            x3 = x_of(row["q3"]) if row["q3"] is not None else label_w + plot_w
            pg.draw.rect(surf, BOX, (x1, cy - 7, max(2, x3 - x1), 14), 1)
        if row["median"] is not None:
            pg.draw.line(surf, BOX, (x_of(row["median"]), cy - 10), (x_of(row["median"]), cy + 10), 3)
        # one dot per game, spread over five lanes so equal days stay visible
        for j, v in enumerate(row["values"]):
            if v is None:
                continue
            pg.draw.circle(surf, DOT, (x_of(v), cy - 8 + 4 * (j % 5)), 2)
        never = sum(1 for v in row["values"] if v is None)
        if never:
            surf.blit(fonts.text(f"{never / n:.0%}", 12, NEVER), (never_x, cy - 7))
    from engine.files import write_atomic

    try:
        write_atomic(path, lambda tmp: pg.image.save(surf, tmp), suffix=".png", check=render._whole_png)
    except OSError as exc:
        raise PlotError(f"cannot write {path}: {exc.strerror or exc}") from None
    except pg.error as exc:
        raise PlotError(f"cannot write {path}: {exc}") from None


def check_plot_path(out_path: str | Path) -> Path:
    """The chart's file, if it can be written (PlotError says why not): checked before the games."""
    from ui.render import RenderError, _check_out_path

    if not str(out_path).lower().endswith(".png"):
        raise PlotError(f"--plot {out_path}: the chart is a PNG; give a file name ending in .png")
    try:
        return _check_out_path(out_path)
    except RenderError as exc:
        raise PlotError(str(exc)) from None


__all__ = ["PlotError", "check_plot_path", "day_text", "history_table", "markdown_table", "plot_history", "row_cells"]
