"""The navigation stays small, and guide pages join it without editing mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

from generator.site.navigation import guide_pages, named_pages, with_guide_pages

NAV = [
    {"Home": "index.md"},
    {"Managers": "managers/index.md"},
    {"Guide": []},
    {"About": "about.md"},
]


def docs_with(tmp_path: Path, *pages: str) -> Path:
    docs = tmp_path / "docs"
    for page in pages:
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text("# page\n", "utf-8")
    return docs


def test_named_pages_at_any_depth() -> None:
    nav = [*NAV, {"More": ["x.md", {"Deep": [{"Y": "y.md"}]}]}, "z.md"]
    assert named_pages(nav) == {"index.md", "managers/index.md", "about.md", "x.md", "y.md",
                                "z.md"}


def test_guide_pages_join_the_guide_section_index_first(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, "guide/writing-cos.md", "guide/index.md", "guide/a-first.md")
    assert with_guide_pages(NAV, docs) == [
        {"Home": "index.md"},
        {"Managers": "managers/index.md"},
        {"Guide": ["guide/index.md", "guide/a-first.md", "guide/writing-cos.md"]},
        {"About": "about.md"},
    ]


def test_a_guide_page_named_in_mkdocs_yml_keeps_its_place(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, "guide/index.md", "guide/review.md")
    nav = [{"Guide": [{"Reviews": "guide/review.md"}]}]
    assert with_guide_pages(nav, docs) == [
        {"Guide": [{"Reviews": "guide/review.md"}, "guide/index.md"]}]


def test_an_empty_guide_section_is_left_out(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, "about.md")
    assert with_guide_pages(NAV, docs) == [NAV[0], NAV[1], NAV[3]]


def test_no_nav_means_mkdocs_decides(tmp_path: Path) -> None:
    assert with_guide_pages(None, docs_with(tmp_path, "guide/index.md")) is None


def test_guide_pages_in_sub_folders_come_after_the_top_level(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, "guide/deep/index.md", "guide/b.md", "guide/index.md")
    assert guide_pages(docs) == ["guide/index.md", "guide/b.md", "guide/deep/index.md"]
