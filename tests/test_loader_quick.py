"""The loader's quick paths read exactly what the general ones read (property-based).

Two shortcuts make loading a plan cheaper, and each must change nothing:

* `_PlanParser` resolves the YAML 1.1 tag of every node with PyYAML's table
  but its own code (and remembers plain scalars): the node tree — tags,
  values, styles, positions — is the one PyYAML's CSafeLoader composes;
* the builder takes plain text in place, without a path, when the document
  has no anchors; built with alias tracking (the general path), the same
  document gives the same data, problems, positions and readings.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode

from generator.loader import LoadedDocument, _Builder, _PlanParser, _Refused, load_yaml_text
from tests.support import EXAMPLE

#: plain scalars YAML 1.1 reads as something other than text, and look-alikes
TOKENS = ["yes", "No", "ON", "off", "y", "N", "~", "null", "Null", "NULL", "true", "False",
          "1_000", "0777", "0o17", "0x1F", "0b101", "1:30", "190:20:30.15", "1.5", ".5", "1e3",
          "1.0e+3", "+12", "-0", ".inf", "-.Inf", ".NaN", "2026-11-27", "2027-02-29",
          "2026-11-27T10:00:00Z", "2026-1-5", "=", "<<", "FY2027", "1,000", "text", "Li Wei",
          "京华", "x_own", "0.14", "12.", "-1_0.5", "0_1", "+.inf"]
PLAIN = st.one_of(st.sampled_from(TOKENS),
                  st.text(alphabet="0123456789.-+_:eExXoObByYnNtTfF~=< ", min_size=1,
                          max_size=8).map(str.strip).filter(bool))


@st.composite
def scalars(draw: st.DrawFn) -> str:
    token = draw(PLAIN)
    style = draw(st.sampled_from(["plain", "plain", "single", "double", "tagged"]))
    if style == "single":
        return "'" + token.replace("'", "''") + "'"
    if style == "double":
        return '"' + token + '"'
    if style == "tagged":
        return draw(st.sampled_from(["!!str ", "!!int ", "!!float ", "! ", "!!timestamp "])) + token
    return token


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A small mapping of plain, quoted and tagged scalars, in block and flow style."""
    lines = []
    for index in range(draw(st.integers(min_value=1, max_value=6))):
        key = draw(st.one_of(st.just(f"k{index}"), scalars()))
        shape = draw(st.sampled_from(["scalar", "flow", "block", "nested", "empty"]))
        if shape == "scalar":
            lines.append(f"{key}: {draw(scalars())}")
        elif shape == "flow":
            items = draw(st.lists(scalars(), max_size=3))
            lines.append(f"{key}: [{', '.join(items)}]")
        elif shape == "block":
            lines.append(f"{key}:")
            lines += [f"  - {item}" for item in draw(st.lists(scalars(), min_size=1, max_size=3))]
        elif shape == "nested":
            lines.append(f"{key}:")
            lines += [f"  {draw(scalars())}: {draw(scalars())}" for _ in range(2)]
        else:
            lines.append(f"{key}:")
    return "\n".join(lines) + "\n"


def _tree(node: Node | None) -> Any:
    """A node tree as plain tuples: kind, tag, value, style and position of every node."""
    if node is None:
        return None
    mark = (node.start_mark.line, node.start_mark.column, node.end_mark.line,
            node.end_mark.column)
    if isinstance(node, ScalarNode):
        return ("scalar", node.tag, node.value, node.style or None, mark)
    if isinstance(node, MappingNode):
        return ("map", node.tag, [(_tree(k), _tree(v)) for k, v in node.value], mark)
    return ("seq", node.tag, [_tree(child) for child in node.value], mark)


def _compose(loader_class: Any, text: str) -> Any:
    loader = loader_class(text)
    try:
        return _tree(loader.get_single_node())
    except yaml.YAMLError as error:
        return ("error", type(error).__name__, str(error))
    finally:
        loader.dispose()


@given(st.one_of(documents(), st.deferred(lambda: mutated_plans())))
def test_the_quick_resolver_composes_the_tree_pyyaml_composes(text: str) -> None:
    assert _compose(_PlanParser, text) == _compose(yaml.CSafeLoader, text)


def test_the_quick_resolver_composes_the_example_plan_as_pyyaml_does() -> None:
    text = EXAMPLE.read_text("utf-8")
    assert _compose(_PlanParser, text) == _compose(yaml.CSafeLoader, text)


def _outcome(document: LoadedDocument) -> Any:
    return (document.data,
            [(p.rule, p.message, p.path, document.position_of(p)) for p in document.problems],
            document.readings)


EXAMPLE_LINES = EXAMPLE.read_text("utf-8").splitlines()


@st.composite
def mutated_plans(draw: st.DrawFn) -> str:
    """The example plan with values replaced by tricky scalars, lines repeated or dropped."""
    lines = list(EXAMPLE_LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["value", "value", "repeat", "drop"]))
        if action == "value" and ": " in lines[index]:
            key = lines[index].split(": ", 1)[0]
            lines[index] = f"{key}: {draw(scalars())}"
        elif action == "repeat":
            lines.insert(index, lines[index])
        elif action == "drop" and len(lines) > 1:
            del lines[index]
    return "\n".join(lines) + "\n"


@given(st.one_of(documents(), mutated_plans()))
def test_plain_text_built_in_place_reads_as_the_general_builder_reads_it(text: str) -> None:
    quick = load_yaml_text(text, Path("p.yaml"))
    if quick.root is None or not isinstance(quick.root, MappingNode):
        return
    general = LoadedDocument(path=Path("p.yaml"), text=text, root=quick.root)
    try:
        general.data = _Builder(general, quick.root, track_aliases=True).build(quick.root, (), 1)
    except _Refused as refused:  # recorded as load_yaml_text records it
        general.add(refused.problem, refused.position)
        general.data = None
    assert _outcome(quick) == _outcome(general)


@given(st.one_of(PLAIN, st.integers(min_value=0, max_value=10 ** 25).map(str),
                 st.integers(min_value=0, max_value=999).map(lambda n: f"0{n}")))
def test_a_plain_number_reads_as_pyyaml_reads_it(token: str) -> None:
    # Plain decimal digits take a shortcut; every other number the YAML 1.1 path.
    text = f"a: {token}\n"
    try:
        expected = yaml.load(text, Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, ValueError):
        return
    value = expected.get("a") if isinstance(expected, dict) else None
    if not isinstance(value, int | float) or isinstance(value, bool) or math.isnan(value):
        return
    document = load_yaml_text(text, Path("p.yaml"))
    assert document.problems == [] and document.data == {"a": value}
    if token.isascii() and token.isdigit() and not token.startswith("0"):
        assert document.readings == []
