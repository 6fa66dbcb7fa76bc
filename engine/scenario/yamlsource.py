"""YAML loading that remembers where every value came from.

Scenario files are written by hand, so every error must point at a line and column.
The text is composed into nodes with the safe loader (libyaml's when available), then
turned into plain Python data while recording the source position of each value under
its path (``("units", 3, "hex")``). Hostile input is refused early: only regular files,
their size checked before reading; real nesting and the number of values counted on the
parser's events before anything is composed; alias expansion counted while building; and
control or invisible characters refused in every text value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from engine.errors import Problem, ScenarioError
from engine.files import read_limited

try:  # libyaml is much faster; the pure-Python loader is the fallback.
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_VALUES = 500_000

_LEADING_ZERO_DIGITS = re.compile(r"^0[0-9]+$")
_INT_TAG = "tag:yaml.org,2002:int"
_STR_TAG = "tag:yaml.org,2002:str"

Path_ = tuple


@dataclass
class Source:
    """Parsed YAML data with the position of every value."""

    file: str
    data: Any
    positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    text: str = ""
    block_starts: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: tuple) -> tuple[int, int]:
        """The (line, col) of the value at `path`, or of its nearest recorded parent."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def problem(self, path: tuple, message: str) -> Problem:
        line, col = self.where(path)
        return Problem(self.file, line, col, message, tuple(path))

    def key_problem(self, path: tuple, message: str) -> Problem:
        """A problem with the key at `path` itself (an unknown field): points at the key."""
        if tuple(path) in self.key_positions:
            line, col = self.key_positions[tuple(path)]
            return Problem(self.file, line, col, message, tuple(path))
        return self.problem(path, message)

    def block_position(self, path: tuple, row: int, column: int) -> tuple[int, int]:
        """Position of character `column` on line `row` of a literal block scalar (`|`)."""
        if path in self.block_starts:
            line, indent = self.block_starts[path]
            return line + row, indent + column
        line, col = self.where(path)
        return line + row, col + column


# Characters refused in every text value: C0 and C1 control characters (tab and line breaks
# excepted), and the invisible characters that reorder or hide text on screen (bidirectional
# embeddings, overrides, isolates and marks; zero-width space, word joiner, invisible
# operators, byte order mark). Zero-width joiner and non-joiner (U+200C, U+200D) are allowed:
# Persian, Hindi and emoji need them, and they never reorder text.
_REFUSED_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def refused_character(text: str) -> tuple[int, str] | None:
    """(index, description) of the first character a text value may not hold, or None."""
    m = _REFUSED_CHARS.search(text)
    if m is None:
        return None
    ch = m.group()
    import unicodedata

    name = unicodedata.name(ch, "control character")
    return m.start(), f"U+{ord(ch):04X} ({name.lower()})"


def _line_col(text: str, index: int) -> tuple[int, int]:
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _scan(text: str, file: str) -> None:
    """Walk the parser's events once before anything is composed, refusing real nesting
    deeper than MAX_DEPTH, more than MAX_VALUES values written out, and an alias inside the
    list or mapping it names.

    The parser (libyaml) does not recurse and yields events one at a time, so the work and
    memory spent on a hostile file stop at the limit, wherever the file goes on from there.
    Brackets inside comments and strings are not nesting and are not counted. Values that
    aliases stand for are counted by the builder as it expands them (it stops at MAX_VALUES
    too, pointing at the first value past the limit)."""
    loader = _Loader(text)
    stack: list[Any] = []                      # anchors of the open collections
    written = 0

    def refuse(event: Any, message: str) -> ScenarioError:
        return ScenarioError(Problem(file, event.start_mark.line + 1, event.start_mark.column + 1, message))

    try:
        while True:
            event = loader.get_event()
            if event is None:
                break
            kind = type(event)
            if kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                if len(stack) > MAX_DEPTH:         # the document itself plus MAX_DEPTH levels
                    raise refuse(event, f"nesting deeper than {MAX_DEPTH} levels")
                stack.append(event.anchor)
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                stack.pop()
                continue
            elif kind is yaml.AliasEvent:
                if event.anchor in stack:
                    raise refuse(event, f"alias *{event.anchor} refers to the list or mapping that holds it")
            elif kind is not yaml.ScalarEvent:
                continue
            written += 1
            if written > MAX_VALUES:
                raise refuse(event, f"more than {MAX_VALUES} values; refusing to load")
    finally:
        loader.dispose()


def decode(raw: bytes, file: str) -> str:
    if len(raw) > MAX_BYTES:
        raise ScenarioError(Problem(file, 1, 1, f"file is {len(raw) // 1024} KiB; the limit is {MAX_BYTES // 1024} KiB"))
    if b"\x00" in raw[:8192]:
        raise ScenarioError(Problem(file, 1, 1, "this is a binary file, not YAML text"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ScenarioError(Problem(file, line, col, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})")) from None


def load_file(path: str | Path, display: str | None = None) -> Source:
    name = display or str(path)
    raw = read_limited(path, MAX_BYTES, name)     # regular files only, size checked before reading
    return load_text(decode(raw, name), name)


def load_text(text: str, file: str = "<input>") -> Source:
    if len(text) > MAX_BYTES:
        raise ScenarioError(Problem(file, 1, 1, f"text is longer than {MAX_BYTES // 1024} KiB"))
    try:
        _scan(text, file)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or str(exc)
        if exc.context:
            message = f"{exc.context}: {message}" if "while" not in exc.context else f"{message} ({exc.context})"
        raise ScenarioError(Problem(file, line, col, f"YAML syntax: {message}")) from None
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise ScenarioError(Problem(file, line, col, f"character {what} is not allowed in a YAML file ({exc.reason})")) from None
    except yaml.YAMLError as exc:
        raise ScenarioError(Problem(file, 1, 1, f"YAML: {exc}")) from None
    except RecursionError:
        raise ScenarioError(Problem(file, 1, 1, "nesting too deep")) from None
    source = Source(file=file, data=None, text=text)
    if node is None:
        source.data = None
        source.positions[()] = (1, 1)
        return source
    builder = _Builder(source)
    source.data = builder.build(node, (), 0)
    return source


class _Builder:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.count = 0
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used
        self.lines = source.text.splitlines()

    def problem(self, node: yaml.Node, message: str) -> ScenarioError:
        return ScenarioError(Problem(self.source.file, node.start_mark.line + 1, node.start_mark.column + 1, message))

    def build(self, node: yaml.Node, path: tuple, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self.problem(node, f"more than {MAX_VALUES} values (alias expansion?); refusing to load")
        if depth > MAX_DEPTH:
            raise self.problem(node, f"nesting deeper than {MAX_DEPTH} levels")
        self.source.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.problem(key_node, "a key must be a plain value, not a list or mapping")
                key = self.scalar(key_node)
                if key == "<<":
                    raise self.problem(key_node, "merge keys (<<) are not supported in scenario files")
                if isinstance(key, (list, dict)):
                    raise self.problem(key_node, "a key must be a plain value")
                if key in result:
                    raise self.problem(key_node, f"duplicate key '{key}'")
                child = path + (key,)
                self.source.key_positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, child, depth + 1)
                if isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">"):
                    self._record_block(child, value_node)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def _record_block(self, path: tuple, node: yaml.ScalarNode) -> None:
        first = node.start_mark.line + 1  # 0-based index of the first content line
        while first < len(self.lines) and not self.lines[first].strip():
            first += 1
        if first < len(self.lines):
            line = self.lines[first]
            indent = len(line) - len(line.lstrip(" "))
            self.source.block_starts[path] = (first + 1, indent + 1)

    def scalar(self, node: yaml.Node) -> Any:
        if node.tag == _INT_TAG and _LEADING_ZERO_DIGITS.match(node.value):
            return node.value  # hex ids like 0712 stay text (YAML 1.1 would read octal)
        bad = refused_character(node.value) if isinstance(node.value, str) else None
        if bad is not None:
            index, what = bad
            raise self.problem(node, f"text holds {what} at character {index + 1}; control and invisible "
                                     "characters are not allowed (see docs/RELIABILITY.md)")
        if node.tag == _STR_TAG:
            return node.value            # the common case, without the constructor's machinery
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise self.problem(node, f"cannot read value: {exc.problem}") from None
        except (ValueError, OverflowError) as exc:
            raise self.problem(node, f"cannot read value: {exc}") from None
        return value
