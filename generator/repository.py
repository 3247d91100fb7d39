"""Where the plans repository is, and where its settings live.

Like git and ruff find their roots, planbook finds the repository from the
working folder: the nearest folder upwards that holds `plans/` or
`mkdocs.yml`. Every command (check, build, new, serve, render), the MkDocs
plugin and the live preview take `standards.yaml`, `people.yaml` and the
default plans folder from that one root, so `planbook check` judges the same
way from `plans/`, from the root or from any folder below it. When no folder
qualifies, the working folder itself stands in (a plan checked on its own,
outside any repository, is judged by the built-in defaults).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

PLANS_FOLDER = "plans"
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
STANDARDS_FILE = "standards.yaml"
PEOPLE_FILE = "people.yaml"
#: the as-of date for every command, the plugin and the preview when no --as-of is given
AS_OF_VARIABLE = "PLANBOOK_AS_OF"


def _is_root(folder: Path) -> bool:
    return (folder / PLANS_FOLDER).is_dir() or any(
        (folder / name).is_file() for name in CONFIG_NAMES)


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above `start` (default: the working folder) that
    holds `plans/` or `mkdocs.yml`; None when there is none."""
    # os.path.abspath, not resolve(): a symlinked checkout keeps the path the
    # user sees, and the walk costs no system call per path component.
    folder = Path(os.path.abspath(start if start is not None else Path.cwd()))
    for candidate in (folder, *folder.parents):
        if _is_root(candidate):
            return candidate
    return None


def root(start: Path | None = None) -> Path:
    """The repository root, or the working folder (`start`) when there is none."""
    found = find_root(start)
    if found is not None:
        return found
    return Path(os.path.abspath(start if start is not None else Path.cwd()))


def standards_path(start: Path | None = None) -> Path:
    """`standards.yaml` at the repository root (it may not exist: defaults apply)."""
    return root(start) / STANDARDS_FILE


def people_path(start: Path | None = None) -> Path:
    """`people.yaml` at the repository root (optional; it may not exist)."""
    return root(start) / PEOPLE_FILE


def plans_path(start: Path | None = None) -> Path:
    """The default plans folder: `plans/` at the repository root."""
    return root(start) / PLANS_FOLDER


def as_of_text() -> str | None:
    """PLANBOOK_AS_OF when set and not blank; the caller parses it."""
    text = os.environ.get(AS_OF_VARIABLE, "").strip()
    return text or None


_SITE_URL = re.compile(r"""^site_url:[ \t]*["']?([^"'#\s]+)""", re.MULTILINE)
_FLAT_URLS = re.compile(r"^use_directory_urls:[ \t]*(false|no|off)\b", re.MULTILINE | re.I)


def _site_config(start: Path | None) -> str | None:
    folder = find_root(start)
    for name in CONFIG_NAMES:
        config = folder / name if folder is not None else None
        if config is not None and config.is_file():
            try:
                return config.read_text("utf-8", errors="replace")
            except OSError:
                return None
    return None


def standards_page_url(start: Path | None = None) -> str | None:
    """The published standards page, from mkdocs.yml's `site_url` when it sets one.

    Read with patterns, not a YAML loader: mkdocs.yml files often carry
    `!!python/name:` tags that a safe loader refuses, and only two top-level
    values are wanted.
    """
    config = _site_config(start)
    match = _SITE_URL.search(config) if config is not None else None
    if config is None or match is None:
        return None
    page = "standards/index.html" if _FLAT_URLS.search(config) else "standards/"
    return f"{match.group(1).rstrip('/')}/{page}"
