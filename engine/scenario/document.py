"""A scenario document: the main YAML file plus the files it includes, with positions."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from engine.errors import Problem, ScenarioError
from engine.scenario.yamlsource import Source, load_file

# Top-level fields that may name a file in the scenario's folder instead of holding the data.
INCLUDABLE = ("map", "units", "reinforcements", "withdrawals", "supply_sources", "victory", "weather", "special_rules", "history",
              "briefing")


@dataclass
class Document:
    """The merged data and, for each included subtree, the file it came from."""

    root: Source
    folder: Path
    data: Any = None
    includes: dict[tuple, Source] = field(default_factory=dict)

    def source_for(self, path: tuple) -> tuple[Source, tuple]:
        for prefix, src in self.includes.items():
            if path[: len(prefix)] == prefix:
                return src, path[len(prefix):]
        return self.root, path

    def problem(self, path: tuple, message: str) -> Problem:
        src, rest = self.source_for(tuple(path))
        problem = src.problem(rest, message)
        return Problem(problem.file, problem.line, problem.col, message, tuple(path))

    def key_problem(self, path: tuple, message: str) -> Problem:
        src, rest = self.source_for(tuple(path))
        problem = src.key_problem(rest, message)
        return Problem(problem.file, problem.line, problem.col, message, tuple(path))

    def block_problem(self, path: tuple, row: int, column: int, message: str) -> Problem:
        src, rest = self.source_for(tuple(path))
        line, col = src.block_position(rest, row, column)
        return Problem(src.file, line, col, message, tuple(path))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_document(path: Path) -> Document:
    """Read a scenario file (or folder with scenario.yaml) and resolve its includes."""
    main = path / "scenario.yaml" if path.is_dir() else path
    root = load_file(main, _display(main))
    doc = Document(root=root, folder=main.parent.resolve(), data=root.data)
    if not isinstance(root.data, dict):
        kind = "empty" if root.data is None else f"a {type(root.data).__name__}"
        raise ScenarioError(Problem(root.file, 1, 1, f"a scenario must be a mapping of fields (title, map, units ...); this file is {kind}"))
    problems: list[Problem] = []
    data = dict(root.data)
    if "briefing" not in data and path.is_dir() and (doc.folder / "briefing.yaml").is_file():
        data["briefing"] = "briefing.yaml"          # a folder's briefing.yaml is its briefing unless the key says otherwise
    for key in INCLUDABLE:
        value = data.get(key)
        if isinstance(value, str) and value.endswith((".yaml", ".yml")):
            target = (doc.folder / value).resolve()
            if doc.folder not in target.parents:
                problems.append(root.problem((key,), f"'{value}' is outside the scenario's folder; includes must stay inside it"))
                continue
            try:
                included = load_file(target, _display(target))
            except ScenarioError as exc:
                problems.extend(exc.problems)
                continue
            doc.includes[(key,)] = included
            data[key] = included.data
    if problems:
        raise ScenarioError(problems)
    doc.data = data
    return doc


def _readable(err: ErrorDetails, data: Any) -> tuple[tuple, str]:
    """Map one pydantic error to (path into the data, message for a designer)."""
    loc = err.get("loc", ())
    path: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(part, str) and isinstance(node, dict) and err["type"] in ("missing", "extra_forbidden") and part == loc[-1]:
            path.append(part)
            break
        # discriminator tags and the like are not part of the data path
    kind = err.get("type", "")
    name = str(path[-1]) if path else "value"
    if kind == "missing":
        return tuple(path[:-1]), f"missing required field '{name}'"
    if kind == "extra_forbidden":
        parent = data
        for part in path[:-1]:
            parent = parent[part] if isinstance(parent, (dict, list)) else None
        siblings = set(parent) - {name} if isinstance(parent, dict) else set()
        return tuple(path), f"unknown field '{name}'{closest(name, _likely_fields(siblings))}"
    msg = err.get("msg", "invalid value")
    if kind == "out_of_range":
        ctx = err.get("ctx", {})
        return tuple(path), f"'{name}' is {_number(ctx.get('value'))}; it must be between {_number(ctx.get('lo'))} and {_number(ctx.get('hi'))}"
    if kind == "union_tag_invalid":
        ctx = err.get("ctx", {})
        expected = ctx.get("expected_tags", "")
        if "kind" in str(ctx.get("discriminator", "")):
            tag = str(ctx.get("tag", ""))
            hint = closest(tag, [t.strip(" '") for t in str(expected).split(",")])
            return tuple(path) + ("kind",), f"unknown milestone kind '{tag}'{hint} (the kinds are {expected})"
        return tuple(path), f"unknown special rule; the engine knows {expected}"
    if kind == "union_tag_not_found":
        if "kind" in str(err.get("ctx", {}).get("discriminator", "")):
            return tuple(path), "a milestone needs a 'kind:' field naming what happened"
        return tuple(path), "a special rule needs a 'rule:' field naming it"
    if kind == "literal_error":
        return tuple(path), f"'{name}': {msg.lower()}"
    if kind == "value_error":          # a validator's own message says what and why
        text = msg.removeprefix("Value error, ")
        return tuple(path), text
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        if "#[0-9a-fA-F]" in pattern:
            return tuple(path), f"'{name}' must be a colour written #rrggbb"
        return tuple(path), f"'{name}' may hold only letters, digits, '_' and '-'"
    return tuple(path), f"'{name}': {msg[0].lower() + msg[1:] if msg else msg}"


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value)) if abs(value) >= 1e6 or value == int(value) else f"{value:g}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _likely_fields(siblings: set[str]) -> set[str]:
    """The fields of the format's mapping that best fits the keys beside a misspelt one."""
    global _MODELS
    if _MODELS is None:
        from pydantic import BaseModel

        from engine.rules import model as rules_model
        from engine.scenario import model as scenario_model

        _MODELS = [set(obj.model_fields) for module in (scenario_model, rules_model) for obj in vars(module).values()
                   if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel and obj.model_fields]
    best = max(_MODELS, key=lambda fields: (len(fields & siblings), -len(fields)))
    return best if best & siblings else set().union(*_MODELS)


_MODELS: list[set[str]] | None = None


def pydantic_problems(exc: ValidationError, doc: Document, base: tuple = (), data: Any = None) -> list[Problem]:
    problems = []
    seen = set()
    for err in exc.errors():
        path, message = _readable(err, data if data is not None else doc.data)
        full = base + path
        if (full, message) in seen:
            continue
        seen.add((full, message))
        if err.get("type") == "extra_forbidden":
            problems.append(doc.key_problem(full, message))      # point at the unknown key, not its value
        else:
            problems.append(doc.problem(full, message))
    return problems


def closest(name: str, options: list[str] | Any) -> str:
    match = difflib.get_close_matches(str(name), [str(o) for o in options], n=1, cutoff=0.5)
    return f"; did you mean '{match[0]}'?" if match else ""
