"""Search that reads Chinese as well as English.

Material's search runs lunr.js in the browser, which splits text on a
separator pattern and knows nothing of Chinese words, which are written
without spaces. Material's own search plugin closes the gap at build time:
when jieba is installed (a planbook dependency), it cuts every run of Han
characters into words and joins them with zero-width spaces (U+200B), so
京华电网有限公司 is indexed as 京华 · 电网 · 有限公司. In the browser the query
is cut the same way against the words the index holds. For that to work the
separator in mkdocs.yml must split on U+200B; this module checks that, and
keeps jieba's start-up chatter out of the build output.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.plugins.planbook")

ZERO_WIDTH_SPACE = "\u200b"


def quiet_jieba(cache_folder: Path | None = None) -> None:
    """Keep jieba's "Building prefix dict" notes out of the build output.

    jieba loads its dictionary only when it first cuts Han text (in each
    worker that meets some), from a prebuilt cache it writes among planbook's
    own caches in `cache_folder` (never in the repository).
    """
    try:
        import jieba
    except ImportError:  # pragma: no cover - jieba is a dependency
        log.warning("jieba is not installed: Chinese text is indexed without word breaks")
        return
    jieba.setLogLevel(logging.WARNING)
    if cache_folder is not None:
        try:
            cache_folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return  # jieba keeps its default (the system's temporary folder)
        jieba.dt.tmp_dir = str(cache_folder)


def separator_splits_segments(separator: str | None) -> bool:
    """True when a search separator pattern splits on U+200B (as text or escape)."""
    if not separator:
        return False
    return ZERO_WIDTH_SPACE in separator or "\\u200b" in separator.lower()


def search_plugin_config(config: Any) -> Any | None:
    """The configuration of Material's search plugin, when it is enabled."""
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "search" and getattr(plugin, "config", None) is not None:
            return plugin.config
    return None


def warn_if_separator_ignores_segments(config: Any) -> None:
    """Warn when the search separator would glue segmented Chinese words together."""
    search = search_plugin_config(config)
    if search is None or not search.get("enabled", True):
        return
    if not separator_splits_segments(search.get("separator")):
        log.warning(
            "search: the `separator` in mkdocs.yml does not split on \\u200b, so "
            "Chinese words cannot be found on their own; add \\u200b to it")


#: a JSON escape: an escaped backslash (kept, so what follows it is not read as an
#: escape), a surrogate pair, or one \\uXXXX (json.dumps writes lower-case hex)
_JSON_ESCAPE = re.compile(r"\\\\|\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})|\\u([0-9a-f]{4})")


def _unescaped(match: re.Match[str]) -> str:
    if match.group(1):
        high, low = int(match.group(1), 16), int(match.group(2), 16)
        return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    if match.group(3):
        code = int(match.group(3), 16)
        if code >= 0x7F and not 0xD800 <= code <= 0xDFFF:  # DEL and beyond, as json.dumps
            return chr(code)
    return match.group(0)  # an escaped backslash, an ASCII control, a lone surrogate


def utf8_json(text: str) -> str:
    """JSON written with ASCII escapes, as `json.dumps(..., ensure_ascii=False)` writes it.

    Done on the text, without parsing it: the index of a large portfolio is tens
    of megabytes, and its parsed form several times that in memory.
    """
    return _JSON_ESCAPE.sub(_unescaped, text)


def write_index_as_utf8(index_file: Path) -> None:
    """Rewrite Material's search index with its text as UTF-8, not `\\uXXXX` escapes.

    Material writes the index with JSON's ASCII escapes: every Chinese
    character and every zero-width space between Chinese words costs six
    bytes instead of three. The data is the same (JSON is UTF-8 by
    definition), and browsers fetch and parse it the same way. An index that
    cannot be read is left as it is.
    """
    try:
        text = index_file.read_text("ascii")
    except (OSError, ValueError):  # missing, or not what Material writes
        return
    try:
        index_file.write_text(utf8_json(text), "utf-8")
    except OSError as error:  # pragma: no cover - the build wrote it a moment ago
        log.warning(f"planbook: the search index could not be rewritten ({error})")
