"""Text prepared for the browser's markdown renderer (Gradio's: `marked`, with KaTeX for
maths, both bundled: nothing is fetched). No Gradio here.

Two gaps of that renderer are closed: inline maths needs its delimiters listed (`LATEX`),
and CommonMark leaves `**bold**` as asterisks when a bold run starts or ends with a
punctuation mark and touches a CJK character (`**理解范数：**平方`, common in Chinese notes),
so such runs are written as `<strong>` (`strong`)."""

from __future__ import annotations

import html
import re
import unicodedata

# `$$` before `$`: KaTeX tries the delimiters in order
LATEX: list[dict[str, str | bool]] = [
    {"left": "$$", "right": "$$", "display": True},
    {"left": "$", "right": "$", "display": False},
    {"left": "\\(", "right": "\\)", "display": False},
    {"left": "\\[", "right": "\\]", "display": True},
]

# spans the renderer does not read as markdown: fenced code, inline code, maths
_PROTECTED = re.compile(
    r"```.*?(?:```|\Z)|`[^`\n]+`|\$\$.+?\$\$|\$[^$\n]+\$|\\\(.+?\\\)|\\\[.+?\\\]", re.S
)
_BOLD = re.compile(r"(?<!\*)\*\*(?![\s*])([^\n]*?[^\s*])\*\*(?!\*)")


def _spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PROTECTED.finditer(text)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _punct(ch: str) -> bool:
    """Punctuation as CommonMark (and marked) count it: Unicode P* and S*."""
    return unicodedata.category(ch)[0] in "PS"


def _space(ch: str) -> bool:
    return not ch or ch.isspace()


def _flanks(before: str, first: str, last: str, after: str) -> bool:
    """Whether CommonMark reads `**…**` between these characters as bold: the opening run
    is left-flanking and the closing run right-flanking."""
    opens = not _punct(first) or _space(before) or _punct(before)
    closes = not _punct(last) or _space(after) or _punct(after)
    return opens and closes


def strong(text: str) -> str:
    """TEXT with each `**bold**` run the renderer would leave as asterisks written as
    `<strong>…</strong>`; runs it renders, code and maths are left alone."""
    spans = _spans(text)
    out, at = [], 0
    for m in _BOLD.finditer(text):
        start, end = m.span()
        if start < at or _inside(start, spans) or _inside(end - 1, spans):
            continue
        inner = m.group(1)
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if _flanks(before, inner[0], inner[-1], after):
            continue
        out += [text[at:start], "<strong>", inner, "</strong>"]
        at = end
    return "".join(out) + text[at:]


def escape(text: str) -> str:
    """TEXT safe to put in markdown as plain words: `&`, `<` and `>` escaped, except inside
    maths and code (which the renderer reads verbatim)."""
    out, at = [], 0
    for a, b in _spans(text):
        out += [html.escape(text[at:a], quote=False), text[a:b]]
        at = b
    return "".join(out) + html.escape(text[at:], quote=False)


_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f]")


def clip(text: str, limit: int) -> str:
    """TEXT on one line, at most about LIMIT characters: cut between words (never inside a
    Latin word, nor inside maths or code), with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = limit
    for a, b in _spans(text):
        if a < cut < b:
            cut = a
    if cut > 0 and _WORD.match(text[cut - 1]) and _WORD.match(text[cut]):
        space = text.rfind(" ", 0, cut)
        if space > limit // 2:
            cut = space
    return text[:cut].rstrip(" ,;:，；：、") + "…"
