"""The JSON and SARIF reports are written as `json.dumps(..., indent=2)` writes them.

`indented_json` does the indentation itself (the standard library's indenting
encoder is pure Python and slow); the bytes must be the same for every value a
report can hold, and for any other JSON value too.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from generator.reporters import indented_json

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=10 ** 30),
                     st.floats(allow_nan=True, allow_infinity=True),
                     st.text(), st.text(alphabet="\x00\x1f\"\\\n\t\u2028\u202e京é <>&"))
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20)


@given(_VALUES)
def test_indented_json_writes_what_json_dumps_writes(value: Any) -> None:
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_a_finding_shaped_report() -> None:
    document = {"findings": [{"rule": "schema", "line": 3, "waived": False, "item": None,
                              "waiver": {"reason": "r", "expires": "2027-03-31"}}, {}],
                "summary": {"plans": 1, "errors": 1}, "notes": []}
    assert indented_json(document) == json.dumps(document, ensure_ascii=False, indent=2)
