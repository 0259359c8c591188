"""Pipeline helpers that shape what a reader sees first."""

from newstrace.model import Article, Origin
from newstrace.pipeline import story_title


def _a(i: str, title: str, published: str | None) -> Article:
    return Article(id=i, text=f"Body {i}.", source=i, title=title, published=published)


def test_story_is_titled_by_the_original_of_its_most_copied_origin() -> None:
    arts = [_a("w", "Wire original", "2025-06-10T08:05:00"), _a("c", "Copy", "2025-06-10T10:00:00"),
            _a("x", "Independent feature", "2025-06-10")]
    origins = [Origin("o1", ("w", "c"), root="w"), Origin("o2", ("x",), root="x")]
    assert story_title(arts, origins) == "Wire original"


def test_without_copies_the_earliest_headline_wins() -> None:
    arts = [_a("b", "Later", "2025-06-11"), _a("a", "Earlier", "2025-06-09"), _a("u", "Undated", None)]
    assert story_title(arts, [Origin(f"o{a.id}", (a.id,), root=a.id) for a in arts]) == "Earlier"
