"""Strict loading: every hostile input is a finding with a position, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.loader import load_yaml_file, load_yaml_text


def _load(text: str) -> list[tuple[str, int, int]]:
    document = load_yaml_text(text, Path("x.yaml"))
    return [(p.rule, *document.position_of(p)) for p in document.problems]


def test_example_plan_loads_with_dates_as_text(example_text: str) -> None:
    document = load_yaml_text(example_text, Path("jinghua-grid.yaml"))
    assert document.problems == []
    assert document.data["plan"]["last_reviewed"] == "2026-11-10"
    assert document.data["account"]["local_name"] == "京华电网有限公司"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('a: !!python/object/apply:os.system ["true"]\n', [("yaml-unsafe", 1, 4)]),
        ("account:\n  name: !vault secret\n", [("yaml-unsafe", 2, 9)]),
        ("a: !!binary aGVsbG8=\n", [("yaml-unsafe", 1, 4)]),
        ("base: &b {x: 1}\nother:\n  <<: *b\n", [("yaml-unsafe", 3, 3)]),
        ("plan:\n  owner: A\n  owner: B\n", [("yaml-duplicate-key", 3, 3)]),
        ("a: &a [1, *a]\n", [("yaml-unsafe", 1, 1)]),
        ("a: &a {b: *a}\n", [("yaml-unsafe", 1, 8)]),
        ("- a\n- b\n", [("yaml-syntax", 1, 1)]),
        ("just text\n", [("yaml-syntax", 1, 1)]),
        ("", [("yaml-syntax", 1, 1)]),
        ("# only a comment\n", [("yaml-syntax", 1, 1)]),
        ("account:\n  tags: [a, b\n", [("yaml-syntax", 3, 1)]),
        ("a: b\n  c: d\n", [("yaml-syntax", 2, 4)]),
        ("a: 1\n---\nb: 2\n", [("yaml-syntax", 2, 1)]),
    ],
)
def test_hostile_and_broken_input(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert _load(text) == expected


@pytest.mark.parametrize(("text", "expected", "position"), [
    ("a: !!int yes\n", "`!!int yes`: the tag says a whole number, which `yes` is not", (1, 4)),
    ("a:\n  - !!float abc\n", "`!!float abc`: the tag says a number, which `abc` is not",
     (2, 5)),
    ("a: !!bool maybe\n", "`!!bool maybe`: the tag says true or false", (1, 4)),
    ("a: !!int ''\n", "`!!int `: the tag says a whole number", (1, 4)),
])
def test_a_value_its_tag_cannot_read_is_a_finding_not_a_traceback(
        text: str, expected: str, position: tuple[int, int]) -> None:
    document = load_yaml_text(text, Path("x.yaml"))
    [problem] = document.problems
    assert problem.rule == "yaml-syntax" and problem.message.startswith(expected)
    assert document.position_of(problem) == position and document.data is None


def test_a_number_too_long_to_read_is_a_finding_not_a_traceback() -> None:
    # Python refuses to read an integer of more than 4,300 digits.
    document = load_yaml_text("a: b\nformat: " + "1" * 5000 + "\n", Path("x.yaml"))
    [problem] = document.problems
    assert problem.rule == "yaml-unsafe" and "5000 characters" in problem.message
    assert document.position_of(problem) == (2, 9) and document.data is None


def test_tags_that_fit_their_values_still_read() -> None:
    document = load_yaml_text("a: !!int '12'\nb: !!float 1\nc: !!bool yes\n", Path("x.yaml"))
    assert document.problems == [] and document.data == {"a": 12, "b": 1.0, "c": True}


def test_python_tag_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f'a: !!python/object/apply:os.system ["touch {marker}"]\n'
    assert _load(text)[0][0] == "yaml-unsafe"
    assert not marker.exists()


def test_more_than_100_aliases() -> None:
    text = "a: &x 1\nb: [" + ", ".join(["*x"] * 101) + "]\n"
    assert _load(text) == [("yaml-unsafe", 2, 1)]
    assert _load("a: &x 1\nb: [" + ", ".join(["*x"] * 100) + "]\n") == []


def test_alias_bomb_with_few_aliases_is_refused() -> None:
    # Nine levels of ten aliases: 10^9 nodes if expanded. Refused by counting, not by time.
    lines = ["l0: &l0 [" + ", ".join(["lol"] * 10) + "]"]
    for level in range(1, 9):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 10) + "]")
    findings = _load("\n".join(lines) + "\n")
    assert [f[0] for f in findings] == ["yaml-unsafe"]


@pytest.mark.parametrize("depth", [32, 33, 2000])
def test_nesting_limit(depth: int) -> None:
    text = "a: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"
    problems = _load(text)
    if depth <= 32:
        assert problems == []
    else:
        assert [p[0] for p in problems] == ["yaml-unsafe"]


def test_block_nesting_limit() -> None:
    text = "".join("  " * i + "k:\n" for i in range(40)) + "  " * 40 + "v\n"
    assert [p[0] for p in _load(text)] == ["yaml-unsafe"]


def test_file_over_one_mebibyte(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * (2 * 1024 * 1024) + "\n", encoding="utf-8")
    document = load_yaml_file(path)
    assert [(p.rule, *document.position_of(p)) for p in document.problems] == [
        ("yaml-unsafe", 1, 1)]


def test_latin1_bytes_point_at_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"account:\n  name: Caf\xe9\n")
    document = load_yaml_file(path)
    assert [(p.rule, *document.position_of(p)) for p in document.problems] == [
        ("yaml-syntax", 2, 12)]
    assert "UTF-8" in document.problems[0].message


def test_binary_garbage(tmp_path: Path) -> None:
    path = tmp_path / "garbage.yaml"
    path.write_bytes(bytes(range(256)) * 4)
    document = load_yaml_file(path)
    assert [p.rule for p in document.problems] == ["yaml-syntax"]


def test_control_characters_are_a_syntax_finding() -> None:
    assert _load("a: b\x00c\n")[0][0] == "yaml-syntax"


def test_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffaccount:\n  name: 京华\n".encode())
    document = load_yaml_file(path)
    assert document.problems == []
    assert document.data == {"account": {"name": "京华"}}


def test_empty_value_means_not_given() -> None:
    document = load_yaml_text("plan:\n  next_review:\n  owner: Li Wei\n", Path("x.yaml"))
    assert document.data == {"plan": {"owner": "Li Wei"}}
    assert document.locate(("plan", "next_review")) == (2, 3)


def test_yaml_11_readings_are_recorded() -> None:
    document = load_yaml_text("a: on\nb: 1_000\nc: 012\nd: 12\ne: 'on'\nf: true\n",
                              Path("x.yaml"))
    assert [(r.path, r.text) for r in document.readings] == [
        (("a",), "on"), (("b",), "1_000"), (("c",), "012")]


def test_positions_of_items_fields_and_missing_keys(example_text: str) -> None:
    document = load_yaml_text(example_text, Path("jinghua-grid.yaml"))
    lines = example_text.splitlines()
    line, column = document.locate(("opportunities", 1))
    assert lines[line - 1][column - 1:].startswith("id: opp-dispatch-analytics")
    line, column = document.locate(("opportunities", 1, "close"))
    assert lines[line - 1][column - 1:].startswith("close:")
    line, column = document.locate(("plan", "no_such_field"))
    assert lines[line - 1].startswith("plan:")
    assert document.locate(("no_such_section",)) == (1, 1)
    line, column = document.locate(("team", 2))
    assert lines[line - 1][column - 1:].startswith("name: Wang Fang")
