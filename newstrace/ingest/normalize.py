"""Text normalization and content ids: every span newstrace reports indexes the normalized text."""

from __future__ import annotations

import re
import unicodedata

import xxhash

__all__ = ["normalize_text", "content_id", "clean_line"]

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANKS = re.compile(r"\n{3,}")


def clean_line(line: str) -> str:
    """Collapse runs of spaces in one line and strip it."""
    return _SPACES.sub(" ", line).strip()


def normalize_text(text: str) -> str:
    """NFC, unified newlines, no control or zero-width characters, paragraphs split by one blank line."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _ZERO_WIDTH.sub("", _CONTROL.sub("", text))
    lines = [clean_line(line) for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def content_id(text: str, *meta: str | None) -> str:
    """A stable 16-hex id from the normalized text and identifying metadata (title, outlet, url)."""
    h = xxhash.xxh3_128()
    for part in (text, *meta):
        h.update((part or "").encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]
