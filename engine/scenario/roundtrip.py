"""Editing scenario files in place: every byte an edit does not touch stays as it was.

A scenario is written by hand: its comments, key order, quoting, the wrapping of long hex
lists and the alignment of trailing comments are the designer's. The editor changes it by
splicing: the YAML is composed (libyaml's composer, which records where each node starts and
ends), the node an edit names is found by its path (``("units", 3, "hex")``), and only the
text of that node, or the lines of the list item being added or removed, is replaced. Saving
an unchanged scenario therefore writes identical files, and editing one unit changes that
unit's lines only.

(A round-trip dumper such as ruamel.yaml's re-emits the whole file: on the shipped scenarios
it re-indents block lists, re-wraps flow lists and moves trailing comments in 23 of the 36 YAML
files, so it cannot give byte-identical saves.)

`ScenarioFiles` holds a scenario's main file and the files it includes; `validate_files`
checks the edited texts with the engine's own loader, the messages `wargame validate` gives.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from engine.errors import Problem, ScenarioError
from engine.files import read_limited, write_atomic
from engine.scenario.document import INCLUDABLE
from engine.scenario.yamlsource import MAX_BYTES, decode, load_text

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

PathT = tuple


class EditError(ValueError):
    """An edit that cannot be made where it was asked (no such node, or a node of another kind)."""


# -- writing values ------------------------------------------------------------------------
_PLAIN_BAD = re.compile(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|[:#]\s|\s#|[,\[\]{}]|\s$|:$")


_HEX_LIKE = re.compile(r"^[0-9][0-9-]*$")          # hex ids and hexsides are quoted, as the format's docs ask


def _plain_ok(text: str) -> bool:
    """Whether `text` may be written without quotes and reads back as the same string."""
    if not text or "\n" in text or _PLAIN_BAD.search(text):
        return False
    try:
        return yaml.load(text, Loader=_Loader) == text
    except yaml.YAMLError:
        return False


def emit(value: Any, quote: str | None = None) -> str:
    """`value` as flow-style YAML on one line. Strings are plain when that reads back the same
    (hex ids such as "0503" never are), else double-quoted; `quote='"'` forces the quotes."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        if quote != '"' and not _HEX_LIKE.match(value) and _plain_ok(value):
            return value
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{emit(str(k))}: {emit(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(emit(v) for v in value) + "]"
    raise EditError(f"cannot write a value of type {type(value).__name__}")


# -- one file ------------------------------------------------------------------------------
@dataclass
class YamlText:
    """One YAML file's text, edited by splicing; `bom` and line endings are kept as read."""

    path: Path
    text: str
    bom: bool = False
    _node: Any = field(default=None, repr=False)
    _node_text: str | None = field(default=None, repr=False)

    @classmethod
    def read(cls, path: Path, display: str | None = None) -> "YamlText":
        raw = read_limited(path, MAX_BYTES, display or str(path))
        text = decode(raw, display or str(path))
        return cls(Path(path), text, raw.startswith(b"\xef\xbb\xbf"))

    def encoded(self) -> bytes:
        return (b"\xef\xbb\xbf" if self.bom else b"") + self.text.encode("utf-8")

    # -- nodes ---------------------------------------------------------------------------
    def root(self) -> Any:
        if self._node_text != self.text:
            try:
                self._node = yaml.compose(self.text, Loader=_Loader)
            except yaml.YAMLError as exc:
                raise EditError(f"{self.path}: the file does not parse as YAML ({exc})") from None
            self._node_text = self.text
        return self._node

    def node(self, path: PathT) -> Any:
        """The node at `path`; EditError when it is not there."""
        node = self.root()
        for part in path:
            node = _child(node, part)
            if node is None:
                raise EditError(f"{self.path}: nothing at {'/'.join(map(str, path))}")
        return node

    def has(self, path: PathT) -> bool:
        try:
            self.node(path)
        except EditError:
            return False
        return True

    def _splice(self, start: int, end: int, new: str) -> None:
        self.text = self.text[:start] + new + self.text[end:]

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _next_line(self, index: int) -> int:
        """The index just after the line break that ends the line holding `index`."""
        nl = self.text.find("\n", index)
        return len(self.text) if nl < 0 else nl + 1

    # -- edits ---------------------------------------------------------------------------
    def set(self, path: PathT, value: Any) -> None:
        """Give the value at `path` a new value: the node's text is replaced; a key missing from
        its mapping is added after the last key."""
        path = tuple(path)
        if not path:
            raise EditError("cannot replace a whole file")
        try:
            node = self.node(path)
        except EditError:
            self._add_key(path[:-1], path[-1], value)
            return
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            if not isinstance(value, str):
                raise EditError(f"{'/'.join(map(str, path))} is a block of text")
            self._set_block(node, value)
            return
        if not isinstance(node, yaml.ScalarNode) and not node.flow_style:
            if isinstance(value, (dict, list)) and isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
                self._set_block_collection(path, node, value)
                return
        quote = '"' if isinstance(node, yaml.ScalarNode) and node.style == '"' else None
        self._splice(node.start_mark.index, node.end_mark.index, emit(value, quote))

    def _set_block(self, node: Any, value: str) -> None:
        """A literal block (the terrain rows): only the lines that changed are rewritten."""
        old = node.value.split("\n")
        new = value.split("\n")
        first = node.start_mark.line + 1
        lines = self.text.split("\n")
        content = [i for i in range(first, min(len(lines), node.end_mark.line + 1)) if lines[i].strip()]
        if len(old) != len(new) or not content:
            pad = " " * (node.start_mark.column + 2 if not content else len(lines[content[0]]) - len(lines[content[0]].lstrip(" ")))
            header = self.text[node.start_mark.index:self._next_line(node.start_mark.index)]
            body = "".join(pad + line + "\n" for line in value.rstrip("\n").split("\n"))
            end = self._line_start(node.end_mark.index) if node.end_mark.column == 0 else self._next_line(node.end_mark.index)
            self._splice(node.start_mark.index, end, header + body)
            return
        indent = len(lines[content[0]]) - len(lines[content[0]].lstrip(" "))
        row_lines = iter(content)
        same_length = True
        for row, (a, b) in enumerate(zip(old, new)):
            if row >= len(content):
                break
            line_no = next(row_lines)
            if a != b:
                same_length &= len(a) == len(b)
                lines[line_no] = lines[line_no][:indent] + b
        composed = self._node_text == self.text
        self.text = "\n".join(lines)
        if composed and same_length:
            # Every other node is where it was (a painted row keeps its length): the composed
            # tree stays valid, and the next edit needs no new parse of a large map.
            node.value = value
            self._node_text = self.text

    def _set_block_collection(self, path: PathT, node: Any, value: Any) -> None:
        """A block mapping or list given a whole new value: each part is set, added or removed."""
        if isinstance(node, yaml.MappingNode) and isinstance(value, dict):
            old = {k.value: v for k, v in node.value}
            for key in [k for k in old if k not in value]:
                self.delete(path + (key,))
            for key, v in value.items():
                current = self.data_at(path + (key,)) if key in old else object()
                if current != v:
                    self.set(path + (key,), v)
            return
        if isinstance(node, yaml.SequenceNode) and isinstance(value, list):
            n = len(node.value)
            for i in range(n - 1, len(value) - 1, -1):
                self.delete(path + (i,))
            for i, v in enumerate(value):
                if i < n:
                    if self.data_at(path + (i,)) != v:
                        self.set(path + (i,), v)
                else:
                    self.insert(path, i, v)
            return
        raise EditError(f"{'/'.join(map(str, path))}: a {type(value).__name__} cannot replace this block")

    def data_at(self, path: PathT) -> Any:
        node = self.node(path)
        return yaml.load(self.text[node.start_mark.index:node.end_mark.index], Loader=_Loader) if isinstance(node, yaml.ScalarNode) \
            else _construct(node)

    def _add_key(self, parent_path: PathT, key: Any, value: Any) -> None:
        parent = self.node(parent_path)
        if not isinstance(parent, yaml.MappingNode):
            raise EditError(f"{'/'.join(map(str, parent_path))} is not a mapping")
        entry = f"{emit(key if isinstance(key, int) else str(key))}: {emit(value)}"
        if parent.flow_style or not parent.value:
            if not parent.value:
                self._splice(parent.start_mark.index, parent.end_mark.index, "{" + entry + "}")
                return
            last = parent.value[-1][1]
            self._splice(last.end_mark.index, last.end_mark.index, ", " + entry)
            return
        first_key = parent.value[0][0]
        indent = " " * first_key.start_mark.column
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            # A list of mappings (units, places, rivers) as a block list, one item a line.
            entry = f"{emit(str(key))}:\n" + "".join(f"{indent}  - {emit(v)}\n" for v in value)
            entry = entry.rstrip("\n")
        at = self._after_node(parent.value[-1][1])
        self._splice(at, at, indent + entry + "\n")

    def _after_node(self, node: Any) -> int:
        """Where a new line goes after `node`: after its last line (and that line's comment)."""
        while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
            # A block collection ends where the next token starts (maybe on a later line, after
            # comments): its content ends with its last child's.
            node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
        end = node.end_mark.index
        if node.end_mark.column == 0 and end > node.start_mark.index:   # a block ends at the next line's start
            return end if self.text[end - 1] == "\n" else self._next_line(end)
        if end and self.text[end - 1] == "\n":
            return end
        at = self._next_line(end)
        if at == len(self.text) and not self.text.endswith("\n"):
            self.text += "\n"
            at = len(self.text)
        return at

    def insert(self, seq_path: PathT, index: int, value: Any) -> None:
        """Put `value` into the list at `seq_path` before position `index` (at the end when
        `index` is its length): a line of its own in a block list, written in flow style."""
        seq = self.node(seq_path)
        if not isinstance(seq, yaml.SequenceNode):
            raise EditError(f"{'/'.join(map(str, seq_path))} is not a list")
        items = seq.value
        index = max(0, min(index, len(items)))
        if not items:
            self._splice(seq.start_mark.index, seq.end_mark.index, emit([value]))
            return
        if seq.flow_style:
            # Beside its neighbour, in the neighbour's quoting; the list's own line breaks stay.
            near = items[min(index, len(items) - 1)]
            quote = '"' if isinstance(near, yaml.ScalarNode) and near.style == '"' else None
            if index < len(items):
                at = items[index].start_mark.index
                self._splice(at, at, emit(value, quote) + ", ")
            else:
                at = items[-1].end_mark.index
                self._splice(at, at, ", " + emit(value, quote))
            return
        ref = items[min(index, len(items) - 1)]
        dash = self.text.rfind("-", self._line_start(ref.start_mark.index), ref.start_mark.index)
        if dash < 0:
            raise EditError(f"{'/'.join(map(str, seq_path))}: cannot find the list's dashes")
        prefix = self.text[self._line_start(dash):dash]
        indent = " " * len(prefix) if prefix.strip() else prefix
        gap = ref.start_mark.index - dash - 1
        line = f"{indent}-{' ' * max(1, gap)}{emit(value)}\n"
        at = self._line_start(dash) if index < len(items) else self._after_node(items[-1])
        self._splice(at, at, line)

    def rename_key(self, path: PathT, new: str) -> None:
        """Give the mapping key at `path` the name `new`: only the key's text changes, so the
        entry keeps its place, its value and its comments."""
        path = tuple(path)
        parent = self.node(path[:-1])
        key = next((k for k, _ in parent.value if isinstance(k, yaml.ScalarNode) and k.value == str(path[-1])), None) \
            if isinstance(parent, yaml.MappingNode) else None
        if key is None:
            raise EditError(f"{'/'.join(map(str, path))}: no such key")
        if any(isinstance(k, yaml.ScalarNode) and k.value == new for k, _ in parent.value):
            raise EditError(f"{'/'.join(map(str, path[:-1] + (new,)))}: the key is there already")
        self._splice(key.start_mark.index, key.end_mark.index, emit(new, '"' if key.style == '"' else None))

    def delete(self, path: PathT) -> None:
        """Remove the list item or mapping key at `path` with its lines (a block item) or its
        text and separator (a flow item)."""
        path = tuple(path)
        parent = self.node(path[:-1])
        last = path[-1]
        if isinstance(parent, yaml.SequenceNode):
            if not isinstance(last, int) or not 0 <= last < len(parent.value):
                raise EditError(f"{'/'.join(map(str, path))}: no such item")
            if parent.flow_style:
                items = parent.value
                if len(items) == 1:
                    self._splice(parent.start_mark.index, parent.end_mark.index, "[]")
                elif last > 0:
                    self._splice(items[last - 1].end_mark.index, items[last].end_mark.index, "")
                else:
                    self._splice(items[0].start_mark.index, items[1].start_mark.index, "")
                return
            item = parent.value[last]
            dash = self.text.rfind("-", self._line_start(item.start_mark.index), item.start_mark.index)
            start = self._line_start(dash)
            if self.text[start:dash].strip():           # `key: - item` on one line: rewrite the list
                data = _construct(parent)
                del data[last]
                self._splice(parent.start_mark.index, parent.end_mark.index, emit(data))
                return
            end = self._after_node(item)
            if len(parent.value) == 1:
                # The last item: `key: []` (an empty block list would read as null).
                at = start
                while at > 0:
                    line_start = self._line_start(at - 1)
                    line = self.text[line_start:at].strip()
                    if line and not line.startswith("#"):
                        break
                    at = line_start
                colon = self.text[self._line_start(at - 1):at].rstrip().rfind(":") if at > 0 else -1
                if colon >= 0 and self.text[self._line_start(at - 1):at].rstrip().endswith(":"):
                    self._splice(start, end, "")
                    pos = self._line_start(at - 1) + colon + 1
                    self._splice(pos, pos, " []")
                    return
            self._splice(start, end, "")
            return
        if isinstance(parent, yaml.MappingNode):
            keys = [k.value for k, _ in parent.value]
            if last not in keys and str(last) in keys:
                last = str(last)                        # an int key (a weather schedule's turn) is text in the node
            if last not in keys:
                raise EditError(f"{'/'.join(map(str, path))}: no such key")
            k = keys.index(last)
            key_node, value_node = parent.value[k]
            if parent.flow_style:
                if len(keys) == 1:
                    self._splice(parent.start_mark.index, parent.end_mark.index, "{}")
                elif k > 0:
                    self._splice(parent.value[k - 1][1].end_mark.index, value_node.end_mark.index, "")
                else:
                    self._splice(key_node.start_mark.index, parent.value[1][0].start_mark.index, "")
                return
            self._splice(self._line_start(key_node.start_mark.index), self._after_node(value_node), "")
            return
        raise EditError(f"{'/'.join(map(str, path))}: the parent is neither a list nor a mapping")


def _child(node: Any, part: Any) -> Any:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and (k.value == part or k.value == str(part)):
                return v
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


def _construct(node: Any) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


# -- a scenario's files --------------------------------------------------------------------
@dataclass
class ScenarioFiles:
    """A scenario's main file and the files its top-level keys include (`units: units.yaml`)."""

    main: Path                                  # the main .yaml file
    files: dict[str, YamlText]                  # by name relative to the main file's folder
    includes: dict[str, str] = field(default_factory=dict)     # top-level key -> file name
    folder_layout: bool = False
    _parsed: dict[str, tuple[str, Any]] = field(default_factory=dict, repr=False)     # name -> (text, data)

    @classmethod
    def read(cls, path: str | Path) -> "ScenarioFiles":
        """Read a scenario file or folder; ScenarioError (with its position) when a file cannot be
        read or is not YAML. The content is not checked here (see `validate_files`)."""
        path = Path(path)
        main = path / "scenario.yaml" if path.is_dir() else path
        files = {main.name: YamlText.read(main)}
        out = cls(main=main, files=files, folder_layout=path.is_dir())
        source = load_text(files[main.name].text, str(main))        # YAML syntax errors stop here, with their place
        data = source.data
        if not isinstance(data, dict):
            kind = "empty" if data is None else f"a {type(data).__name__}"
            raise ScenarioError(Problem(str(main), 1, 1, f"a scenario must be a mapping of fields (title, map, units ...); this file is {kind}"))
        problems: list[Problem] = []
        folder = main.parent.resolve()
        keys: list[tuple[str, Any]] = [(k, data.get(k)) for k in INCLUDABLE]
        if "briefing" not in data and path.is_dir() and (folder / "briefing.yaml").is_file():
            keys.append(("briefing", "briefing.yaml"))
        for key, value in keys:
            if isinstance(value, str) and value.endswith((".yaml", ".yml")):
                target = (folder / value).resolve()
                if folder not in target.parents or not target.is_file():
                    continue                        # the loader reports it, at its line
                try:
                    included = YamlText.read(target)
                    load_text(included.text, str(target))
                except ScenarioError as exc:
                    problems.extend(exc.problems)
                    continue
                out.files[value] = included
                out.includes[key] = value
        if problems:
            raise ScenarioError(problems)
        return out

    def file_for(self, path: PathT) -> tuple[YamlText, PathT]:
        """The file holding data path `path` of the merged scenario, and the path inside it."""
        if path and path[0] in self.includes:
            return self.files[self.includes[path[0]]], tuple(path[1:])
        return self.files[self.main.name], tuple(path)

    def texts(self) -> dict[str, str]:
        return {name: f.text for name, f in self.files.items()}

    def restore(self, texts: dict[str, str]) -> None:
        for name, text in texts.items():
            self.files[name].text = text

    def data(self) -> dict:
        """The merged data, read as the engine reads it (hex ids stay text)."""
        main = self._parse(self.main.name)
        merged = dict(main) if isinstance(main, dict) else {}
        for key, name in self.includes.items():
            merged[key] = self._parse(name)
        return merged

    def _parse(self, name: str) -> Any:
        """One file's data, parsed again only when its text changed (ScenarioError if it is not YAML)."""
        text = self.files[name].text
        got = self._parsed.get(name)
        if got is None or got[0] != text:
            got = (text, load_text(text, str(self.files[name].path)).data)
            self._parsed[name] = got
        return got[1]

    def set(self, path: PathT, value: Any) -> None:
        f, inner = self.file_for(path)
        if not inner:
            raise EditError(f"{path[0]} is a file of its own; set its parts")
        before = f.text
        f.set(inner, value)
        self._patch(f, before, inner, "set", value)

    def insert(self, path: PathT, index: int, value: Any) -> None:
        f, inner = self.file_for(path)
        before = f.text
        f.insert(inner, index, value)
        self._patch(f, before, inner + (index,), "insert", value)

    def delete(self, path: PathT) -> None:
        f, inner = self.file_for(path)
        before = f.text
        f.delete(inner)
        self._patch(f, before, inner, "delete")

    def rename_key(self, path: PathT, new: str) -> None:
        f, inner = self.file_for(path)
        if not inner:
            raise EditError(f"{path[0]} is a file of its own; rename its keys")
        f.rename_key(inner, new)
        name = next(n for n, g in self.files.items() if g is f)
        self._parsed.pop(name, None)                 # read again at the next look (a rename is rare)

    def _patch(self, f: YamlText, before: str, path: PathT, op: str, value: Any = None) -> None:
        """Keep the parsed data of a file in step with an edit instead of parsing it again: the
        edit wrote `value` so that it reads back the same. Copies are made along the path, so
        data handed out earlier never changes. When the path does not fit, the next read parses."""
        name = next(n for n, g in self.files.items() if g is f)
        got = self._parsed.get(name)
        self._parsed.pop(name, None)
        if got is None or got[0] != before or not path:
            return
        root = copy.copy(got[1])
        node = root
        for part in path[:-1]:
            try:
                child = copy.copy(node[part])
            except (KeyError, IndexError, TypeError):
                return
            node[part] = child
            node = child
        last = path[-1]
        try:
            if op == "set" and isinstance(node, dict):
                node[last] = copy.deepcopy(value)
            elif op == "set" and isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node):
                node[last] = copy.deepcopy(value)
            elif op == "insert" and isinstance(node, list) and isinstance(last, int):
                node.insert(last, copy.deepcopy(value))
            elif op == "delete" and isinstance(node, (dict, list)):
                del node[last]
            else:
                return
        except (KeyError, IndexError, TypeError):
            return
        self._parsed[name] = (f.text, root)

    def has(self, path: PathT) -> bool:
        f, inner = self.file_for(path)
        return f.has(inner)

    def save(self, path: str | Path | None = None) -> list[Path]:
        """Write every file atomically (the old file stays when a write fails). With `path`, the
        scenario is written there instead: a folder for a folder scenario, else a file. Files
        whose bytes are unchanged on disk are not rewritten. Returns the files written."""
        target_main = self.main
        if path is not None:
            p = Path(path)
            target_main = p / "scenario.yaml" if self.folder_layout else p
        folder = target_main.parent
        written = []
        for name, f in self.files.items():
            target = target_main if name == self.main.name else folder / name
            data = f.encoded()
            try:
                if target.is_file() and target.read_bytes() == data:
                    continue
            except OSError:
                pass

            def write(tmp: str, data: bytes = data) -> None:
                with open(tmp, "wb") as fh:
                    fh.write(data)

            write_atomic(target, write)
            written.append(target)
        if path is not None:
            self.main = target_main
            for f in self.files.values():
                f.path = target_main if f.path.name == target_main.name else folder / f.path.name
        return written


def check_files(files: ScenarioFiles) -> tuple[Any, list[Problem]]:
    """(the Scenario or None, every problem) of the scenario as edited, not as on disk, found by
    the engine's loader: the texts are written to a private temporary folder (with a rule set
    the scenario names in its own folder), loaded, and each problem gets the real file's name
    back, written as `wargame validate` writes it."""
    from engine.scenario.document import _display
    from engine.scenario.load import load_scenario

    folder = files.main.parent
    scenario = None
    with tempfile.TemporaryDirectory(prefix="wargame-edit-") as tmp:
        root = Path(tmp)
        for name, f in files.files.items():
            (root / name).write_text(f.text, encoding="utf-8")
        rules = _local_rules_file(files)
        if rules and (folder / rules).is_file() and rules not in files.files:
            shutil.copyfile(folder / rules, root / rules)
        try:
            scenario = load_scenario(root if files.folder_layout else root / files.main.name)
            problems: list[Problem] = []
        except ScenarioError as exc:
            problems = exc.problems
    out = []
    for p in problems:
        short = Path(p.file).name
        shown = _display(folder / short) if short in files.files or short == rules else p.file
        out.append(Problem(shown, p.line, p.col, p.message, p.path, p.severity))
    if scenario is not None:
        scenario.path = files.main.parent if files.folder_layout else files.main
        scenario.name = scenario.path.stem if not files.folder_layout else scenario.path.name
    return scenario, out


def validate_files(files: ScenarioFiles) -> list[Problem]:
    """Every problem of the scenario as edited (see `check_files`)."""
    return check_files(files)[1]


def _local_rules_file(files: ScenarioFiles) -> str | None:
    try:
        node = files.files[files.main.name].node(("rules",))
    except EditError:
        return None
    value = getattr(node, "value", None)
    return value if isinstance(value, str) and value.endswith((".yaml", ".yml")) and "/" not in value else None
