"""Markdown-ish note text -> a flat list of blocks (headings, quotes, paragraphs).

Only as much markdown as the notes need: ATX headings, block quotes (with lazy
continuation lines, as CommonMark has them), fenced code, and paragraphs separated by
blank lines. Front matter and web debris (follow buttons, read times, sharing footers)
are removed first, keeping every line number as it was in the file; nothing inside a code
fence is ever debris.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "quote", "para"]

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_QUOTE = re.compile(r"^ {0,3}> ?(.*)$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")

# A line that, where it starts, may end the note's content: tag links and "more from"
# blocks of blog platforms. It ends it only when nothing after it can start an item.
_FOOTER_START = re.compile(
    r"^\s*(\[[^\]]+\]\(#\)|Learn more\.?|喜歡此內容的人還喜歡|喜欢此内容的人还喜欢)\s*$"
)
# What starts an item: a heading, a block quote, a line that asks.
_ITEM_START = re.compile(r"^ {0,3}(#{1,6}[ \t]|>)|[?？]\s*$")
# Buttons of a blog's byline ("Follow", "Listen", "Share"): debris only in the note's
# head, before its first long line and within its first _HEAD_LINES lines.
_BUTTON = re.compile(r"^\s*(Follow|Following|Sign up|Sign in|Open in app|Listen|Share|Clap)\s*$")
_HEAD_LINES = 20
_LONG_LINE = 80
# Lines that are never content, wherever they are.
_DEBRIS = re.compile(
    r"^\s*\w{3} \d{1,2}(, \d{4})? · \d+ min read\s*$"
    r"|^\s*\d+ min read\s*$"
    r"|發表於|发表于"
    r"|^\s*(欢迎关注|歡迎關注|长按关注|長按關注|点击关注|點擊關注)"
    r"|^\s*长按👉|^\s*長按👉"
)


class _Fence:
    """CommonMark's fenced code: opened by 3+ backticks or tildes, closed only by a line of
    the same character, at least as long, with nothing after it."""

    def __init__(self) -> None:
        self.open: str = ""  # the opening fence while inside one

    def step(self, line: str) -> bool:
        """Feed one line; True when the line is part of a fence (its opening and closing
        lines included)."""
        m = _FENCE.match(line)
        if self.open:
            if (
                m
                and m.group(1)[0] == self.open[0]
                and len(m.group(1)) >= len(self.open)
                and not m.group(2).strip()
            ):
                self.open = ""
            return True
        if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            self.open = m.group(1)
            return True
        return False


@dataclass
class Block:
    kind: BlockKind
    start: int  # 1-based line number of the first line
    end: int  # 1-based line number of the last line
    lines: list[str] = field(default_factory=list)  # quote markers removed
    level: int = 0  # headings only

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


def _strip_front_matter(lines: list[str]) -> int:
    """Index of the first line after a leading `---` YAML block (0 if none)."""
    if lines and lines[0].strip() == "---":
        for i in range(1, min(len(lines), 60)):
            if lines[i].strip() == "---":
                return i + 1
    return 0


def content_lines(text: str) -> list[tuple[int, str]]:
    """(line number, text) for every line that may carry content, debris blanked."""
    raw = text.split("\n")
    start = _strip_front_matter(raw)
    fence = _Fence()
    in_code = [fence.step(line) for line in raw[start:]]
    last_start = max(
        (i for i, line in enumerate(raw[start:]) if not in_code[i] and _ITEM_START.search(line)),
        default=-1,
    )
    head = True
    out: list[tuple[int, str]] = []
    for i, line in enumerate(raw[start:]):
        no = start + i + 1
        if in_code[i]:
            out.append((no, line.rstrip()))
            continue
        if i > last_start and _FOOTER_START.match(line):
            break
        head = head and i < _HEAD_LINES and len(line.strip()) <= _LONG_LINE
        debris = _DEBRIS.search(line) or (head and _BUTTON.match(line))
        out.append((no, "" if debris else line.rstrip()))
    return out


def split_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    cur: Block | None = None
    fence = _Fence()

    def close() -> None:
        nonlocal cur
        if cur is not None:
            blocks.append(cur)
            cur = None

    for no, line in content_lines(text):
        if fence.open:  # inside fenced code: every line, blank or `# comment`, is code
            assert cur is not None
            cur.lines.append(line)
            cur.end = no
            fence.step(line)
            continue
        if not line.strip():
            close()
            continue
        heading = _HEADING.match(line)
        if heading:
            close()
            blocks.append(Block("heading", no, no, [heading.group(2)], len(heading.group(1))))
            continue
        quote = _QUOTE.match(line)
        if quote:
            if cur is None or cur.kind != "quote":
                close()
                cur = Block("quote", no, no)
            cur.lines.append(quote.group(1).rstrip())
            cur.end = no
            continue
        if cur is None:
            cur = Block("para", no, no)
        # a non-blank line right after a quote line continues the quote (lazy line)
        cur.lines.append(line)
        cur.end = no
        fence.step(line)
    close()
    return blocks
