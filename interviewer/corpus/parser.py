"""One parser for interview notes: blocks -> question/answer items.

A note is read in one of three styles, chosen by what it contains:

1. **Marked** (at least two `问题：` / `答案：` / `Q:` / `A:` markers in block quotes): each
   block quote that carries a question marker, an answer marker, or reads as a question is
   one item. The answer is the part after the answer marker; with no marker, the part
   after the quote's last question sentence, or else the paragraphs that follow the quote.
   Headings are chapters (the item's section), never items.
2. **Labelled** (at least two headings that are only a label such as `## 問題3`): each
   label starts an item; its question is the next heading or line, and everything up to
   the next label is the answer, whatever headings it contains.
3. **Outline** (the fallback): a heading is a topic question and its body the answer; a
   stand-alone line ending in `?` is a question too. A heading with no body of its own is
   a section, unless it reads as a question, in which case its deeper sub-headings are
   its answer.

In every style, headings such as "References" or "总结" end the current item and are not
items, a question that is only an image is skipped (it cannot be asked in words), and an
answer that is only image links is kept with `answer_kind="image"`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from interviewer.corpus.blocks import Block, split_blocks
from interviewer.corpus.items import Item, Lang, make_item_id
from interviewer.corpus.lang import detect_lang

_Q_MARK = re.compile(
    r"^\s*(?:\*\*)?(?:(?:问题|問題|题目|題目)\s*\d*\s*(?:\*\*)?\s*[:：]?"
    r"|(?:question|q)\s*\d*\s*(?:\*\*)?\s*[:：])\s*(?:\*\*)?",
    re.I,
)
_A_MARK = re.compile(
    r"^\s*(?:\*\*)?(?:答案|答|解答|回答|answer|a)\s*(?:\*\*)?\s*[:：]\s*(?:\*\*)?", re.I
)
_LABEL = re.compile(r"^(?:问题|問題|题目|題目|question|q)\s*\d+\s*[:：.、]?$", re.I)
_STOP = re.compile(
    r"^(?:写在前面|寫在前面|前言|总结|總結|小结|小結|结语|結語|参考文献|參考文獻|参考资料|參考資料"
    r"|参考|參考|目录|目錄|致谢|致謝|references?|summary|conclusions?|acknowledge?ments?"
    r"|further reading|table of contents|contents)\s*[:：]?$",
    re.I,
)
_ENDS_Q = re.compile(r"[?？]\s*$")
_LEAD_WORDS = re.compile(
    r"^(?:请|請)?(?:简单|簡單)?(?:介绍|介紹|简述|簡述|阐述|闡述|解释|解釋|说明|說明|比较|比較|列举|列舉"
    r"|列出|谈谈|談談|描述|证明|證明|写出|寫出|推导|推導|简析|簡析|判断|判斷|计算|計算|求)"
    r"|^(?:what|why|how|when|where|which|who|explain|describe|compare|define|list|name"
    r"|derive|prove|is|are|does|do|can|should|would)\b",
    re.I,
)
_Q_WORDS = re.compile(
    r"什么|什麼|为什么|為什麼|为何|為何|如何|怎么|怎麼|怎样|怎樣|哪些|哪个|哪個|是否|多少|[吗嗎呢][。.]?$"
)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>", re.I)
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\([^)]*\)")
_FOOTNOTE = re.compile(r"\[*\[\^[^\]]*\](?:\s*,\s*\[\^[^\]]*\])*\]*")
_NUMBERING = re.compile(r"^\s*\d{1,2}\s*[.、)]\s*(?=\S)")
_HTML = re.compile(r"<[^>]+>")


def clean_title(text: str) -> str:
    """A heading or question line as plain display text (LaTeX kept)."""
    text = _FOOTNOTE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _HTML.sub("", text).replace("**", "").replace("__", "")
    text = _NUMBERING.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def is_question_shaped(text: str, strict: bool = False) -> bool:
    """Reads as a question: ends with a question mark or opens with an asking word.
    Non-strict also accepts interrogative words anywhere (for headings)."""
    t = clean_title(text)
    if not t:
        return False
    if _ENDS_Q.search(t) or _LEAD_WORDS.search(t):
        return True
    return not strict and bool(_Q_WORDS.search(t))


def _has_words(markdown: str) -> bool:
    """True when something besides images, markers and punctuation is left."""
    rest = _IMAGE.sub("", markdown)
    rest = _A_MARK.sub("", rest)
    return bool(re.search(r"[\w\u4e00-\u9fff]", _HTML.sub("", rest)))


def _is_standalone_question(block: Block) -> bool:
    if block.kind != "para" or len(block.lines) != 1:
        return False
    line = re.sub(r"(<br\s*/?>|\s)+$", "", block.lines[0])
    if len(line) > 200 or re.match(r"^\s*([-*+|$]|\d+[.)]\s)", line):
        return False
    return bool(_ENDS_Q.search(line))


@dataclass
class _Draft:
    question: str
    start: int
    end: int
    section: str
    answer: list[str] = field(default_factory=list)
    level: int = 0  # heading level of an outline item, 0 otherwise
    absorbing: bool = False  # a question heading collecting its sub-headings
    skip_reason: str = ""

    def add(self, block: Block, lines: list[str] | None = None) -> None:
        body = block.lines if lines is None else lines
        if block.kind == "heading":
            body = ["#" * block.level + " " + block.lines[0]]
        if self.answer:
            self.answer.append("")
        self.answer.extend(body)
        self.end = max(self.end, block.end)

    @property
    def answer_text(self) -> str:
        text = "\n".join(self.answer).strip()
        return _A_MARK.sub("", text, count=1).strip() if _A_MARK.match(text) else text


@dataclass
class ParseResult:
    items: list[Item]
    skipped: list[str]  # one line per question-like thing that did not become an item


class _Sections:
    """The heading path above the current position."""

    def __init__(self) -> None:
        self._stack: list[tuple[int, str]] = []

    def push(self, level: int, title: str) -> None:
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        self._stack.append((level, title))

    def path(self) -> str:
        return " / ".join(t for _, t in self._stack if t)


def _style(blocks: list[Block]) -> str:
    labels = sum(b.kind == "heading" and bool(_LABEL.match(clean_title(b.text))) for b in blocks)
    if labels >= 2:
        return "labelled"
    marks = sum(
        1
        for b in blocks
        if b.kind == "quote"
        for line in b.lines
        if _Q_MARK.match(line) or _A_MARK.match(line)
    )
    return "marked" if marks >= 2 else "outline"


def _split_quote(lines: list[str]) -> tuple[list[str], list[str] | None, bool]:
    """A quote's (question lines, answer lines or None, had a question marker)."""
    answer_at = next((i for i, line in enumerate(lines) if _A_MARK.match(line)), None)
    q_lines = lines if answer_at is None else lines[:answer_at]
    a_lines = None if answer_at is None else lines[answer_at:]
    marked = False
    first = next((i for i, line in enumerate(q_lines) if line.strip()), None)
    if first is not None and _Q_MARK.match(q_lines[first]):
        marked = True
        q_lines = (
            q_lines[:first] + [_Q_MARK.sub("", q_lines[first], count=1)] + q_lines[first + 1 :]
        )
    if a_lines is None:
        # "question ... ?  worked answer": split after the last asking paragraph
        paras = _paragraph_ends(q_lines)
        for end in reversed(paras[:-1]):
            if _ENDS_Q.search(q_lines[end]):
                return q_lines[: end + 1], q_lines[end + 1 :], marked
    return q_lines, a_lines, marked


def _paragraph_ends(lines: list[str]) -> list[int]:
    return [
        i
        for i, line in enumerate(lines)
        if line.strip() and (i + 1 == len(lines) or not lines[i + 1].strip())
    ]


class _Builder:
    def __init__(self, source: str, default_lang: Lang):
        self.source = source
        self.default_lang = default_lang
        self.drafts: list[_Draft] = []
        self.skipped: list[str] = []

    def finish(self, draft: _Draft | None) -> None:
        if draft is None:
            return
        if draft.skip_reason:
            self.skipped.append(f"line {draft.start}: {draft.skip_reason}")
            return
        if not draft.question.strip():
            return
        if not draft.answer_text:
            if draft.level == 0:  # an outline heading without body is just a section
                self.skipped.append(f"line {draft.start}: question has no answer")
            return
        self.drafts.append(draft)

    def items(self) -> list[Item]:
        seen: Counter[str] = Counter()
        out = []
        for d in self.drafts:
            answer = d.answer_text
            kind = "text" if _has_words(answer) else "image"
            item_id = make_item_id(self.source, d.question)
            seen[item_id] += 1
            if seen[item_id] > 1:  # the same question twice in one note
                item_id = f"{item_id}-{seen[item_id]}"
            out.append(
                Item(
                    id=item_id,
                    question=d.question,
                    answer=answer,
                    source=self.source,
                    lines=(d.start, d.end),
                    section=d.section,
                    lang=detect_lang(d.question + "\n" + answer, self.default_lang),
                    answer_kind=kind,
                )
            )
        return out


def _parse_marked(blocks: list[Block], b: _Builder) -> None:
    sections = _Sections()
    pending: _Draft | None = None  # a question waiting for its answer in later blocks
    for block in blocks:
        if block.kind == "heading":
            b.finish(pending)
            pending = None
            title = clean_title(block.text)
            sections.push(block.level, "" if _STOP.match(title) else title)
            continue
        if block.kind == "para":
            if pending is not None:
                pending.add(block)
            continue
        q_lines, a_lines, marked = _split_quote(block.lines)
        question = "\n".join(q_lines).strip()
        if not question and a_lines is not None:
            if pending is not None and not pending.answer:  # answer quote of the last question
                pending.add(block, a_lines)
            continue
        if not (marked or a_lines is not None or is_question_shaped(question, strict=True)):
            b.finish(pending)  # a note in a quote, not a question: ends the last answer
            pending = None
            continue
        b.finish(pending)
        pending = _Draft(question, block.start, block.end, sections.path())
        if not _has_words(question):
            pending.skip_reason = "question is only an image"
        if a_lines is not None:
            pending.answer = list(a_lines)
            b.finish(pending)
            pending = None
    b.finish(pending)


def _parse_labelled(blocks: list[Block], b: _Builder) -> None:
    sections = _Sections()
    cur: _Draft | None = None
    need_question = False
    for block in blocks:
        title = clean_title(block.text) if block.kind == "heading" else ""
        if block.kind == "heading" and (_LABEL.match(title) or _STOP.match(title)):
            b.finish(cur)
            cur = None
            if _LABEL.match(title):
                cur = _Draft("", block.start, block.end, sections.path())
                need_question = True
            continue
        if cur is None:
            if block.kind == "heading":
                sections.push(block.level, title)
            continue
        if need_question:
            cur.question = clean_title(block.lines[0])
            cur.end = block.end
            need_question = False
            rest = block.lines[1:] if block.kind != "heading" else []
            if any(line.strip() for line in rest):
                cur.add(block, rest)
            continue
        cur.add(block)
    b.finish(cur)


def _parse_outline(blocks: list[Block], b: _Builder) -> None:
    sections = _Sections()
    cur: _Draft | None = None
    skipping = False  # inside a "References"-like section
    for block in blocks:
        if block.kind == "heading":
            title = clean_title(block.text)
            asks = is_question_shaped(title)
            if (
                cur
                and cur.absorbing
                and block.level > cur.level
                and not asks
                and not _STOP.match(title)
            ):
                cur.add(block)
                continue
            b.finish(cur)
            cur = None
            skipping = bool(_STOP.match(title))
            sections.push(block.level, "" if skipping else title)
            if not skipping:
                parent = sections.path().rsplit(" / ", 1)[0] if " / " in sections.path() else ""
                cur = _Draft(title, block.start, block.end, parent, level=block.level)
                cur.absorbing = asks
            continue
        if skipping:
            continue
        if _is_standalone_question(block):
            b.finish(cur)
            cur = _Draft(clean_title(block.lines[0]), block.start, block.end, sections.path())
            continue
        if cur is not None:
            cur.add(block)
    b.finish(cur)


def parse_note(text: str, source: str) -> ParseResult:
    """Items of one note. `source` is the name the items carry (e.g. the file name)."""
    blocks = split_blocks(text)
    builder = _Builder(
        source, detect_lang(text, "en")
    )  # the note's language, for formula-only items
    style = _style(blocks)
    {"marked": _parse_marked, "labelled": _parse_labelled, "outline": _parse_outline}[style](
        blocks, builder
    )
    return ParseResult(builder.items(), builder.skipped)
