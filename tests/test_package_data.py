"""Every file the package reads besides its Python modules ships in the wheel.

A non-editable install (`pip install planbook`) holds only what pyproject.toml's
package-data names; a template or theme override missing there works in the
repository and fails for everyone else.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"


def test_every_data_file_is_named_in_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["generator"]
    data_files = sorted(
        path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc")
        and "__pycache__" not in path.parts)
    assert data_files  # templates, schemas, standards defaults, theme overrides
    # setuptools expands each pattern as a glob relative to the package folder.
    shipped = {path.relative_to(PACKAGE).as_posix()
               for pattern in patterns for path in PACKAGE.glob(pattern)}
    assert [name for name in data_files if name not in shipped] == []
