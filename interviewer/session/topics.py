"""Topics and difficulty levels of items, for choosing questions and reporting by topic."""

from __future__ import annotations

import re
from pathlib import Path

from interviewer.corpus.items import Item
from interviewer.rubric.models import Rubric
from interviewer.session.models import Level

_CHAPTER = re.compile(
    r"^\s*(chapter|ch\.?|第[一二三四五六七八九十\d]+章)\s*\d*\s*[—:：.\-–]*\s*", re.I
)
_TITLE = re.compile(r"^\s*title\s*:\s*(.+?)\s*$", re.I)


def note_title(path: Path) -> str | None:
    """A note's title: its front matter `title:`, else its first heading or first line."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()[:60]
    except OSError:
        return None
    if lines and lines[0].strip() == "---":
        for line in lines[1:]:
            if line.strip() == "---":
                break
            if m := _TITLE.match(line):
                return m.group(1).strip("\"' ") or None
    for line in lines:
        text = line.strip().lstrip("#").strip()
        if text and text != "---":
            return text[:80]
    return None


def topic_of(item: Item, titles: dict[str, str]) -> str:
    """The item's top-level section without "Chapter N—", else its note's title."""
    head = item.section.split(" / ")[0].strip()
    if head:
        return _CHAPTER.sub("", head).strip() or head
    return titles.get(item.source) or Path(item.source).stem


def levels(items: list[Item], rubric_of) -> dict[str, Level]:
    """Easy / medium / hard by thirds of a size measure: the number and weight of the
    rubric's key points plus the reference answer's length. Relative to the library."""

    def size(item: Item) -> float:
        rubric: Rubric = rubric_of(item)
        return rubric.total_weight + len(item.answer) / 400

    ranked = sorted(items, key=lambda it: (size(it), it.id))
    n = len(ranked)
    out: dict[str, Level] = {}
    for i, item in enumerate(ranked):
        out[item.id] = "easy" if i < n / 3 else "medium" if i < 2 * n / 3 else "hard"
    return out
