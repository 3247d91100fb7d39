"""Every page carries the confidentiality line set in mkdocs.yml (`extra: confidentiality`)."""

from __future__ import annotations

from pathlib import Path

from tests.support import EXAMPLE
from tests.support.site_projects import build, make_project


def _line(page: Path) -> str:
    html = page.read_text("utf-8")
    return html.split('<p class="planbook-confidential">', 1)[1].split("</p>", 1)[0]


def test_the_default_line_and_a_set_line_show_on_every_page(tmp_path: Path) -> None:
    config = make_project(tmp_path / "repo", [EXAMPLE])
    assert build(config, tmp_path / "default").code == 0
    for page in ("index.html", "accounts/jinghua-grid.html", "portfolio/renewals.html"):
        assert _line(tmp_path / "default" / page) == "Internal — confidential"
    text = config.read_text("utf-8").replace(
        "  confidentiality: Internal — confidential",
        "  confidentiality: 'Acme <b>restricted</b> & internal'")
    config.write_text(text, "utf-8")
    assert build(config, tmp_path / "set").code == 0
    assert (_line(tmp_path / "set" / "accounts/jinghua-grid.html")
            == "Acme &lt;b&gt;restricted&lt;/b&gt; &amp; internal")
