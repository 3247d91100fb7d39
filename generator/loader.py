"""Strict YAML loading: plain data only, with positions kept for findings.

libyaml (through PyYAML's C parser, when present) composes the node tree; this
module then builds plain Python data from it itself, rather than through
PyYAML's constructors, so that it can

* refuse every tag that is not plain data (nothing is ever constructed from a
  tag, so nothing in a plan can run),
* refuse duplicate keys, more than 100 aliases, alias expansions that would
  blow up memory, and nesting deeper than 32,
* keep dates as their ISO text (the schema sees what JSON would hold), and
* remember the tree, so a finding's JSON path can be turned into a line and
  column only when there is a finding to locate.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from generator import repository
from generator.findings import JsonPath, Problem

MAX_FILE_BYTES = 1024 * 1024
MAX_ALIASES = 100
MAX_DEPTH = 32
# Aliases may repeat a subtree; past this many values in total the document is
# an expansion bomb even when it has few aliases.
MAX_EXPANDED_VALUES = 200_000


_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
TIMESTAMP, MAP, SEQ = _TAG + "timestamp", _TAG + "map", _TAG + "seq"
#: libyaml's parser where PyYAML was built with it, else PyYAML's own (same nodes, slower)
_Parser: Any
try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _Parser = yaml.SafeLoader
_PLAIN_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, MAP, SEQ, _TAG + "value"})

# YAML 1.2 core-schema numbers: a plain scalar YAML 1.1 reads as a number but
# that does not match these means something else to an editor (1_000, 0777, 1:30).
_YAML12_INT = re.compile(r"^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_YAML12_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"
                           r"|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$")
# An anchor is `&` and a name; without one a document can hold no alias.
_ANCHOR = re.compile(r"&[^\s\[\]{},]")
_OCTAL_11 = re.compile(r"^[-+]?0[0-9]+$")  # YAML 1.1 octal; decimal in YAML 1.2
_YAML12_BOOL = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})
_BOOL_VALUES = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: texts already found to be days of the calendar
_CALENDAR_DAYS: set[str] = set()


def calendar_problem(text: str, path: JsonPath) -> Problem | None:
    """A `schema` problem when `text` is written YYYY-MM-DD but is no day of the calendar.

    2027-02-29 and 0000-01-01 have the shape of a date; PyYAML cannot read
    them, and no rule could use them.
    """
    if text in _CALENDAR_DAYS or not _ISO_DATE.match(text):
        return None
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return Problem("schema", f"{text} is not a date in the calendar; check the day, "
                                 "month and year (YYYY-MM-DD)", path)
    if len(_CALENDAR_DAYS) < 50_000:  # the same days recur across a portfolio
        _CALENDAR_DAYS.add(text)
    return None


@dataclass(frozen=True, slots=True)
class Reading:
    """A plain scalar that YAML 1.1 (PyYAML) and YAML 1.2 (editors) read differently."""

    path: JsonPath
    text: str
    yaml11: Any


class _Refused(Exception):
    """Loading stopped: the document is unsafe or malformed."""

    def __init__(self, problem: Problem, node: Node | None = None,
                 position: tuple[int, int] | None = None) -> None:
        super().__init__(problem.message)
        self.problem = problem
        self.position = position or (_mark(node) if node is not None else None)


@dataclass
class LoadedDocument:
    """The outcome of loading one YAML file."""

    path: Path
    text: str = ""
    data: Any = None
    root: Node | None = None
    problems: list[Problem] = field(default_factory=list)
    #: (line, column) for problems the loader located itself
    positions: dict[int, tuple[int, int]] = field(default_factory=dict)
    readings: list[Reading] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        """True when the data can be validated (only duplicate keys or impossible dates)."""
        return self.data is not None and all(
            p.rule in ("yaml-duplicate-key", "schema") for p in self.problems
        )

    def add(self, problem: Problem, position: tuple[int, int] | None = None) -> None:
        self.problems.append(problem)
        if position is not None:
            self.positions[id(problem)] = position

    def locate(self, path: JsonPath) -> tuple[int, int]:
        return locate(self.root, path)

    def position_of(self, problem: Problem) -> tuple[int, int]:
        """Where a problem points: the loader's own mark, else its path."""
        return self.positions.get(id(problem)) or locate(self.root, problem.path)

    def node_at(self, path: JsonPath) -> Node | None:
        return node_at(self.root, path)


# --- parsing -----------------------------------------------------------------

#: PyYAML's YAML 1.1 resolvers for plain scalars, by first character
_IMPLICIT: dict[Any, list[tuple[str, re.Pattern[str]]]] = Resolver.yaml_implicit_resolvers
#: plain scalars already resolved to their tag (keys and short values repeat a lot)
_RESOLVED: dict[str, str] = {}
_RESOLVED_MAX = 20_000


def _resolve_plain(text: str) -> str:
    """The tag PyYAML's resolver gives a plain scalar (`BaseResolver.resolve`)."""
    for tag, pattern in _IMPLICIT.get(text[0] if text else "", []) + _IMPLICIT.get(None, []):
        if pattern.match(text):
            return tag
    return STR


class _PlanParser(_Parser):  # type: ignore[misc]
    """libyaml's parser composing nodes, with PyYAML's YAML 1.1 tags resolved quickly.

    PyYAML's resolver runs three Python calls per node and a regular
    expression per plain scalar, a third of composing a plan. The tags are
    the same: the same table, no path resolvers (SafeLoader has none), and a
    plain scalar's tag remembered.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type[Node], value: str | None, implicit: Any) -> str:
        if kind is ScalarNode:
            if not implicit[0] or value is None:
                return STR
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = _resolve_plain(value)
                if len(_RESOLVED) < _RESOLVED_MAX:
                    _RESOLVED[value] = tag
            return tag
        return SEQ if kind is SequenceNode else MAP


# --- positions ---------------------------------------------------------------

def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _item_position(node: Node) -> tuple[int, int]:
    # A finding about a list item points at the item's first key.
    if isinstance(node, MappingNode) and node.value:
        return _mark(node.value[0][0])
    return _mark(node)


def _walk(root: Node | None, path: JsonPath) -> Iterator[tuple[Node, tuple[int, int]]]:
    """Yield (node, position) for each step of `path` that exists."""
    node = root
    for step in path:
        if isinstance(node, MappingNode) and isinstance(step, str):
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value == step:
                    yield value_node, _mark(key_node)
                    node = value_node
                    break
            else:
                return
        elif isinstance(node, SequenceNode) and isinstance(step, int):
            if not 0 <= step < len(node.value):
                return
            node = node.value[step]
            yield node, _item_position(node)
        else:
            return


def locate(root: Node | None, path: JsonPath) -> tuple[int, int]:
    """1-based (line, column) of the deepest key or item of `path` that exists.

    A path to a field points at its key, a path to a list item at the item's
    first key; when part of the path is missing, the nearest enclosing key
    that exists; when there is none, line 1, column 1.
    """
    position = (1, 1)
    for _node, step_position in _walk(root, path):
        position = step_position
    return position


def node_at(root: Node | None, path: JsonPath) -> Node | None:
    """The node at exactly `path`, or None when the path does not exist."""
    if not path:
        return root
    steps = [node for node, _position in _walk(root, path)]
    return steps[-1] if len(steps) == len(path) else None


# --- building data -------------------------------------------------------------

class _Builder:
    """Turns a composed node tree into plain data, refusing anything else."""

    def __init__(self, document: LoadedDocument, root: Node, *, track_aliases: bool) -> None:
        self.document = document
        self.root = root
        # Without anchors there can be no aliases: skip their bookkeeping, which
        # is a good part of the building cost on an ordinary plan.
        self.track = track_aliases
        self.aliases = 0
        self.built: dict[int, Any] = {}
        self.sizes: dict[int, int] = {}
        self.expanded = 0
        self.in_progress: set[int] = set()

    def build(self, node: Node, path: JsonPath, depth: int) -> Any:
        if not self.track:
            return self._build_node(node, path, depth)
        key = id(node)
        if key in self.built:
            return self._alias(key, path)
        before = self.expanded
        self.in_progress.add(key)
        value = self._build_node(node, path, depth)
        self.in_progress.discard(key)
        self.built[key] = value
        self.sizes[key] = max(1, self.expanded - before)
        return value

    def _alias(self, key: int, path: JsonPath) -> Any:
        # An alias shares its anchor's node, which has the anchor's position;
        # point at the alias's key (or, in a list, the list's key) instead.
        last = path[-1] if path else None
        alias_at = locate(self.root, path if isinstance(last, str) else path[:-1])
        if key in self.in_progress:
            raise _Refused(Problem(
                "yaml-unsafe",
                "an alias refers to a value that contains it (a cycle); plans hold "
                "plain, finite data", path), position=alias_at)
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise _Refused(Problem(
                "yaml-unsafe",
                f"more than {MAX_ALIASES} aliases (*name); write the values out "
                "instead of repeating anchors",
                path), position=alias_at)
        self.expanded += self.sizes[key]
        if self.expanded > MAX_EXPANDED_VALUES:
            raise _Refused(Problem(
                "yaml-unsafe",
                f"aliases expand to more than {MAX_EXPANDED_VALUES} values "
                "(an alias bomb); write the values out instead",
                path), position=alias_at)
        return self.built[key]

    def _build_node(self, node: Node, path: JsonPath, depth: int) -> Any:
        if isinstance(node, ScalarNode):
            self.expanded += 1
            return self._scalar(node, path)
        value: Any
        quick = not self.track
        if isinstance(node, SequenceNode):
            if node.tag != SEQ or depth > MAX_DEPTH:
                self._refuse_collection(node, path, depth, SEQ)
            value = []
            if not quick:
                self._register(node, value)
            build = self._build_node if quick else self.build  # no alias to look after
            for index, child in enumerate(node.value):
                if quick and child.tag == STR and type(child) is ScalarNode:
                    value.append(child.value)  # plain text: the common case, built in place
                else:
                    value.append(build(child, (*path, index), depth + 1))
            return value
        if isinstance(node, MappingNode):
            if node.tag != MAP or depth > MAX_DEPTH:
                self._refuse_collection(node, path, depth, MAP)
            value = {}
            if not quick:
                self._register(node, value)
            self._mapping(node, value, path, depth)
            return value
        raise _Refused(Problem("yaml-syntax", "unexpected YAML node", path), node)

    def _register(self, node: Node, value: Any) -> None:
        """Make a collection known before its children: an alias inside it (a cycle) sees it."""
        self.expanded += 1
        self.built[id(node)] = value
        self.sizes[id(node)] = 1

    def _refuse_collection(self, node: Node, path: JsonPath, depth: int, plain_tag: str) -> None:
        """Refuse a collection that is tagged (`!!set`, `!custom`) or nested too deep."""
        if node.tag != plain_tag:
            raise _Refused(_tag_problem(node.tag, path), node)
        if depth > MAX_DEPTH:
            raise _Refused(Problem(
                "yaml-unsafe",
                f"nesting deeper than {MAX_DEPTH} levels; a plan needs only a few",
                path), node)

    def _mapping(self, node: MappingNode, value: dict[str, Any], path: JsonPath,
                 depth: int) -> None:
        first_seen: dict[str, Node] = {}
        quick = not self.track
        build = self._build_node if quick else self.build  # no alias to look after
        for key_node, value_node in node.value:
            if key_node.tag == STR and type(key_node) is ScalarNode:
                pass  # plain text: the common case, checked below
            elif key_node.tag == _TAG + "merge":
                raise _Refused(Problem(
                    "yaml-unsafe",
                    "merge keys (<<) are not plain data and YAML 1.2 editors do not "
                    "read them; write the keys out",
                    path), key_node)
            elif not isinstance(key_node, ScalarNode):
                raise _Refused(Problem(
                    "yaml-syntax", "a key must be plain text, not a list or mapping", path),
                    key_node)
            elif key_node.tag not in _PLAIN_TAGS:
                raise _Refused(_tag_problem(key_node.tag, path), key_node)
            # Keys are text: `on:` is the key "on" (as YAML 1.2 reads it).
            key = key_node.value
            if key in first_seen:
                first = first_seen[key]
                self.document.add(
                    Problem(
                        "yaml-duplicate-key",
                        f"`{key}` appears twice in this mapping (first on line "
                        f"{first.start_mark.line + 1}); YAML keeps only the last one, "
                        "so the first would be silently lost",
                        (*path, key)),
                    _mark(key_node),
                )
            else:
                first_seen[key] = key_node
            if quick and value_node.tag == STR and type(value_node) is ScalarNode:
                value[key] = value_node.value  # plain text: the common case, built in place
                continue
            built = build(value_node, (*path, key), depth + 1)
            if built is None:
                # `key:` with nothing after it means "not given", as an empty
                # string or list does; the key stays in the tree for positions.
                value.pop(key, None)
            else:
                value[key] = built

    def _scalar(self, node: ScalarNode, path: JsonPath) -> Any:
        tag, text = node.tag, node.value
        if tag == STR or tag == _TAG + "value":
            return text
        if tag == TIMESTAMP:
            # ISO text: the schema checks its shape, the calendar its day.
            impossible = calendar_problem(text, path)
            if impossible is not None:
                self.document.add(impossible)   # points at its key, as the schema does
            return text
        if tag == INT and len(text) < 19 and text.isdigit() and text.isascii() and text[0] != "0":
            return int(text)  # plain decimal digits: the same number in YAML 1.1 and 1.2
        if tag not in _PLAIN_TAGS:
            raise _Refused(_tag_problem(tag, path), node)
        value = _scalar_yaml11(node, path)
        if not node.style:  # plain (the C parser says "", the Python one None)
            differs = (
                (tag == BOOL and text not in _YAML12_BOOL)
                or (tag == INT and (not _YAML12_INT.match(text) or _OCTAL_11.match(text)))
                or (tag == FLOAT and not _YAML12_FLOAT.match(text))
            )
            if differs:
                self.document.readings.append(Reading(path, text, value))
        return value


_KIND_OF_TAG = {BOOL: "true or false (yes/no)", INT: "a whole number", FLOAT: "a number"}


def _scalar_yaml11(node: ScalarNode, path: JsonPath) -> Any:
    """The value PyYAML (YAML 1.1) gives a plain scalar; never runs anything.

    A value its tag cannot read (`!!int yes`) is refused, and so is a number
    too long for Python to read (over 4,300 digits), rather than a traceback.
    """
    tag, text = node.tag, node.value
    try:
        if tag == NULL:
            return None
        if tag == BOOL:
            return _BOOL_VALUES[text.lower()]
        if tag == INT:
            return _yaml11_int(text)
        if tag == FLOAT:
            return _yaml11_float(text)
    except (KeyError, ValueError):
        if _resolve_plain(text) == tag:
            raise _Refused(Problem(
                "yaml-unsafe", f"a number of {len(text)} characters; no amount needs more "
                "than a few digits", path), node) from None
        raise _Refused(Problem(
            "yaml-syntax", f"`{_shown_tag(tag)} {text}`: the tag says {_KIND_OF_TAG[tag]}, "
            f"which `{text}` is not; remove the tag `{_shown_tag(tag)}`", path), node) from None
    return text


def _yaml11_int(text: str) -> int:
    value = text.replace("_", "")
    sign = -1 if value.startswith("-") else 1
    if value[:1] in "+-":
        value = value[1:]
    if value == "0":
        return 0
    if value.startswith("0b"):
        return sign * int(value[2:], 2)
    if value.startswith("0x"):
        return sign * int(value[2:], 16)
    if value.startswith("0o"):
        return sign * int(value[2:], 8)
    if value.startswith("0"):
        return sign * int(value, 8)
    if ":" in value:
        total = 0
        for part in value.split(":"):
            total = total * 60 + int(part)
        return sign * total
    return sign * int(value)


def _yaml11_float(text: str) -> float:
    value = text.replace("_", "").lower()
    sign = -1.0 if value.startswith("-") else 1.0
    if value[:1] in "+-":
        value = value[1:]
    if value == ".inf":
        return sign * math.inf
    if value == ".nan":
        return math.nan
    if ":" in value:
        total = 0.0
        for part in value.split(":"):
            total = total * 60 + float(part)
        return sign * total
    return sign * float(value)


def _shown_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _tag_problem(tag: str, path: JsonPath) -> Problem:
    return Problem(
        "yaml-unsafe",
        f"the tag `{_shown_tag(tag)}` is not allowed: a plan holds plain data only "
        "(text, numbers, dates, lists and mappings), and nothing in it is ever run",
        path,
    )


# --- entry points ---------------------------------------------------------------

def _line_column_of_offset(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _decode(raw: bytes, document: LoadedDocument) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8", errors="replace")
        line, column = _line_column_of_offset(before, len(before))
        document.add(Problem(
            "yaml-syntax",
            f"the file is not UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8",
        ), (line, column))
        return None
    return text[1:] if text.startswith("\ufeff") else text


def load_yaml_text(text: str, path: Path, *, expect_mapping: bool = True) -> LoadedDocument:
    """Load YAML text strictly; problems are recorded, never raised."""
    document = LoadedDocument(path=path, text=text)
    loader = _PlanParser(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem_text = (error.problem or "").strip()
        if "nesting depth" in problem_text:
            document.add(Problem(
                "yaml-unsafe",
                f"nesting deeper than {MAX_DEPTH} levels; a plan needs only a few",
            ), position)
        else:
            context = f" ({error.context})" if error.context else ""
            document.add(Problem("yaml-syntax", f"not valid YAML: {problem_text}{context}"),
                         position)
        return document
    except yaml.YAMLError as error:  # ReaderError: a character YAML does not allow
        position_attr = getattr(error, "position", None)
        position = (_line_column_of_offset(text, position_attr)
                    if isinstance(position_attr, int) else (1, 1))
        document.add(Problem("yaml-syntax", f"not valid YAML: {error}"), position)
        return document
    except RecursionError:  # only the pure-Python parser recurses this deep
        document.add(Problem("yaml-unsafe",
                             f"nesting deeper than {MAX_DEPTH} levels; a plan needs only a few"),
                     (1, 1))
        return document
    finally:
        loader.dispose()

    document.root = root
    if root is None:
        document.add(Problem("yaml-syntax", "the file is empty: a plan is a mapping of "
                                            "sections (format, account, plan, …)"), (1, 1))
        return document
    if expect_mapping and not isinstance(root, MappingNode):
        kind = "a list" if isinstance(root, SequenceNode) else "a single value"
        document.add(Problem(
            "yaml-syntax",
            f"the file holds {kind}; a plan is a mapping of sections "
            "(format, account, plan, …)"), _mark(root))
        return document
    try:
        builder = _Builder(document, root, track_aliases=_ANCHOR.search(text) is not None)
        document.data = builder.build(root, (), 1)
    except _Refused as refused:
        document.add(refused.problem, refused.position)
        document.data = None
    return document


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int) -> str:
    kind = next((name for test, name in _KINDS if test(mode)), "not a plain file")
    return f"the path is {kind}, not a plain file: a plan is a regular file in the repository"


def _outside_repository(path: Path) -> str | None:
    """Why a symbolic link may not be read as a plan, or None when it may."""
    target = Path(os.path.realpath(path))
    home = Path(os.path.realpath(repository.root(path.parent)))
    if target == home or home in target.parents:
        return None
    return (f"the file is a symbolic link to {target.as_posix()}, outside the repository "
            f"({home.as_posix()}); plans are read only from inside it")


def _too_large(size: int) -> Problem:
    return Problem("yaml-unsafe", f"the file is {size / MAX_FILE_BYTES:.1f} MiB; a plan may "
                                  "be at most 1 MiB")


def read_plan_bytes(path: Path) -> tuple[bytes | None, LoadedDocument | None]:
    """The file's bytes, or a document holding the finding that stops reading it.

    Only a regular file inside the repository is read (a symbolic link is
    followed only when its target stays inside), and never more than the
    size limit plus one byte: a link to /dev/zero, a named pipe or a file
    that grows cannot hang or exhaust the check.
    """
    document = LoadedDocument(path=path)
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            outside = _outside_repository(path)
            if outside is not None:
                document.add(Problem("yaml-unsafe", outside), (1, 1))
                return None, document
            mode = os.stat(path).st_mode  # what the link points at
        if not stat.S_ISREG(mode):  # checked before opening: a FIFO would block
            document.add(Problem("yaml-unsafe", _not_regular(mode)), (1, 1))
            return None, document
        # O_NONBLOCK: should the path be swapped for a pipe meanwhile, opening
        # it does not wait for a writer (and fstat below refuses it).
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(descriptor, "rb") as stream:
            opened = os.fstat(stream.fileno())
            if not stat.S_ISREG(opened.st_mode):
                document.add(Problem("yaml-unsafe", _not_regular(opened.st_mode)), (1, 1))
                return None, document
            if opened.st_size > MAX_FILE_BYTES:
                document.add(_too_large(opened.st_size), (1, 1))
                return None, document
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        document.add(Problem("yaml-syntax", f"cannot read the file: {reason}"), (1, 1))
        return None, document
    if len(raw) > MAX_FILE_BYTES:  # grew between stat and read
        document.add(Problem("yaml-unsafe", "the file is larger than 1 MiB"), (1, 1))
        return None, document
    return raw, None


def load_yaml_bytes(raw: bytes, path: Path) -> LoadedDocument:
    """Decode (UTF-8, optional byte-order mark) and load strictly.

    Bytes that did not come from `read_plan_bytes` (a git revision, for the
    diff) get the same size limit here.
    """
    document = LoadedDocument(path=path)
    if len(raw) > MAX_FILE_BYTES:
        document.add(_too_large(len(raw)), (1, 1))
        return document
    text = _decode(raw, document)
    if text is None:
        return document
    return load_yaml_text(text, path)


def load_yaml_file(path: Path) -> LoadedDocument:
    """Read and load one file; an unreadable or oversized file is a finding."""
    raw, refused = read_plan_bytes(path)
    if raw is None:
        assert refused is not None
        return refused
    return load_yaml_bytes(raw, path)
