"""Word-level diff, so a reader sees exactly which words a rewrite changed in a quote."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

__all__ = ["tokenize", "word_diff"]

_TOKEN = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]", re.UNICODE)


def tokenize(text: str) -> list[str]:
    """Split into words, single punctuation marks and whitespace runs (joined back, they give `text`)."""
    return _TOKEN.findall(text)


def _key(token: str) -> str:
    """Compare case- and quote-style-insensitively so curly vs straight quotes are not 'changes'."""
    return " " if token.isspace() else token.lower().replace("’", "'").replace("“", '"').replace("”", '"')


def word_diff(a: str, b: str) -> list[dict]:
    """Ops turning `a` into `b`: [{"op": "equal"|"delete"|"insert", "text"}]; equal text is taken from `b`."""
    ta, tb = tokenize(a), tokenize(b)
    matcher = SequenceMatcher(None, [_key(t) for t in ta], [_key(t) for t in tb], autojunk=False)
    ops: list[dict] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _push(ops, "equal", "".join(tb[j1:j2]))
            continue
        if tag in ("delete", "replace"):
            _push(ops, "delete", "".join(ta[i1:i2]))
        if tag in ("insert", "replace"):
            _push(ops, "insert", "".join(tb[j1:j2]))
    return ops


def _push(ops: list[dict], op: str, text: str) -> None:
    """Append, merging with the previous op of the same kind."""
    if not text:
        return
    if ops and ops[-1]["op"] == op:
        ops[-1]["text"] += text
    else:
        ops.append({"op": op, "text": text})
