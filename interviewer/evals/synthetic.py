"""A synthetic corpus of interview notes, of any size, for measuring ingest and search.

`write_corpus(dest, chunks)` writes notes holding exactly `chunks` question / answer
items, deterministically for a seed: the same seed writes the same bytes. The notes
have the shapes the parser reads (`interviewer/corpus/parser.py`) — marked quotes
(`> 问题：` / `> Q:`), labelled headings (`## 問題3`, `## Question 3`) and outlines
(`### What is dropout?`) — in English, simplified and traditional Chinese, with
questions and answers built from the glossary's ML terms. They read like notes, not
like knowledge: the answers are templates, good for timing and memory, not for grading.

Notes are written one at a time, so memory does not grow with `chunks`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from interviewer.corpus.glossary import GLOSSARY_PATH
from interviewer.corpus.lang import to_traditional

LANGS = ("en", "zh-Hans", "zh-Hant")
STYLES = ("marked", "labelled", "outline")

_Q_EN = (
    "What is {a}?",
    "Why is {a} often used together with {b}?",
    "How does {a} differ from {b}?",
    "When would you choose {a} over {b}?",
    "How does {a} affect {b} during training?",
    "What problem does {a} solve in {b}?",
    "Explain the role of {a} in {b}.",
    "Can {a} replace {b}? Why or why not?",
)
_Q_ZH = (
    "什么是{a}？",
    "为什么{a}常和{b}一起使用？",
    "{a}和{b}有什么区别？",
    "什么时候应该选择{a}而不是{b}？",
    "{a}在训练时如何影响{b}？",
    "{a}解决了{b}中的什么问题？",
    "请解释{a}在{b}中的作用。",
    "{a}能否代替{b}？为什么？",
)
_A_EN = (
    "{A} changes how the model learns: it acts on {b} and usually makes training more stable.",
    "In practice {a} is tuned on a validation set, because its best setting depends on the "
    "data and on {b}.",
    "Compared with {b}, {a} costs a little more computation but tends to generalise better.",
    "A common mistake is to apply {a} at test time exactly as during training.",
    "The key idea is that {a} lowers the variance of the estimate without adding much bias.",
    "It is often combined with {c}; together they address both optimisation and overfitting.",
    "Formally, the model computes $y = f(x; \\theta)$ and {a} constrains $\\theta$.",
    "Interviewers usually follow up by asking how {a} interacts with {c}.",
)
_A_ZH = (
    "{a}改变了模型的学习方式：它作用于{b}，通常能让训练更稳定。",
    "在实际中，{a}需要在验证集上调节，因为它的最佳设置取决于数据和{b}。",
    "和{b}相比，{a}的计算开销稍大，但这个方法的泛化能力往往更好。",
    "一个常见的错误是在测试时和训练时用同样的方式使用{a}。",
    "关键在于{a}降低了估计的方差，同时没有引入太多偏差。",
    "它们经常和{c}一起使用，这样可以同时解决优化和过拟合的问题。",
    "形式上，模型计算 $y = f(x; \\theta)$，而{a}约束了 $\\theta$。",
    "面试官通常会接着问{a}和{c}之间的关系。",
)


@dataclass(frozen=True)
class SyntheticCorpus:
    root: Path
    chunks: int  # items the parser finds in the notes
    notes: int
    seed: int


@lru_cache(maxsize=1)
def _terms() -> tuple[tuple[str, str], ...]:
    """(English, Chinese) canonical names of the glossary's concepts."""
    out = []
    for line in GLOSSARY_PATH.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) == 3 and not line.startswith("#"):
            en, zh = cols[1].split("|")[0].strip(), cols[2].split("|")[0].strip()
            if en and zh:
                out.append((en, zh))
    return tuple(out)


def note_plan(chunks: int, per_note: int) -> Iterator[tuple[int, int]]:
    """(note index, items in it) for `chunks` items, `per_note` to a note."""
    if chunks < 0 or per_note < 1:
        raise ValueError(f"need chunks >= 0 and per_note >= 1, not {chunks} and {per_note}")
    for index, start in enumerate(range(0, chunks, per_note)):
        yield index, min(per_note, chunks - start)


def note_kind(index: int) -> tuple[str, str]:
    """(language, style) of note `index`: every pair comes round every 9 notes."""
    return LANGS[index % 3], STYLES[(index // 3) % 3]


def synthetic_note(index: int, count: int, seed: int = 0) -> tuple[str, str]:
    """(file name, markdown) of note `index` holding `count` items."""
    lang, style = note_kind(index)
    rng = random.Random(f"{seed}:{index}")
    terms = _terms()
    zh = lang != "en"

    def name(term: tuple[str, str]) -> str:
        if not zh:
            return term[0]
        return f"{term[1]}({term[0]})" if rng.random() < 0.25 else term[1]

    items: list[tuple[str, list[str]]] = []
    seen: set[str] = set()
    while len(items) < count:
        a, b, c = rng.sample(terms, 3)
        question = rng.choice(_Q_ZH if zh else _Q_EN).format(a=name(a), b=name(b))
        if question in seen:
            continue
        seen.add(question)
        sentences = [
            s.format(a=name(a), A=name(a)[:1].upper() + name(a)[1:], b=name(b), c=name(c))
            for s in rng.sample(_A_ZH if zh else _A_EN, rng.randint(2, 4))
        ]
        paragraphs = ["".join(sentences) if zh else " ".join(sentences)]
        if rng.random() < 0.3:  # some answers end with a list, as notes do
            paragraphs.append("\n".join(f"- {name(t)}" for t in rng.sample(terms, 3)))
        items.append((question, paragraphs))

    topic = name(rng.choice(terms))
    title = f"深度学习面试笔记 {index}" if zh else f"Deep learning interview notes {index}"
    lines = ["---", f"title: {title}", "tags: [synthetic, interview]", "---", "", f"# {title}", ""]
    for no, (question, paragraphs) in enumerate(items, 1):
        if (no - 1) % 10 == 0 and style != "labelled":
            chapter = (no - 1) // 10 + 1
            lines += [f"## 第{chapter}章 {topic}" if zh else f"## Chapter {chapter}: {topic}", ""]
        if style == "marked":
            q_mark, a_mark = ("问题：", "答案：") if zh else ("Q: ", "A: ")
            lines += [f"> {q_mark}{question}", ">", f"> {a_mark}{paragraphs[0]}"]
            for para in paragraphs[1:]:
                lines += [">", *(f"> {line}" for line in para.splitlines())]
            lines.append("")
        elif style == "labelled":
            lines += [f"## {'问题' if zh else 'Question '}{no}", "", question, ""]
            lines += [line for para in paragraphs for line in (para, "")]
        else:
            lines += [f"### {question}", ""]
            lines += [line for para in paragraphs for line in (para, "")]
    text = "\n".join(lines).rstrip() + "\n"
    if lang == "zh-Hant":
        text = to_traditional(text)
    return f"{index:05d}-{lang}-{style}.md", text


def write_corpus(dest: Path, chunks: int, *, seed: int = 0, per_note: int = 40) -> SyntheticCorpus:
    """Write notes holding `chunks` items into `dest` (a new or empty folder)."""
    if dest.exists() and any(dest.iterdir()):
        raise ValueError(f"{dest} is not empty; give a new or empty folder")
    dest.mkdir(parents=True, exist_ok=True)
    notes = 0
    for index, count in note_plan(chunks, per_note):
        file_name, text = synthetic_note(index, count, seed)
        (dest / file_name).write_text(text, encoding="utf-8")
        notes += 1
    return SyntheticCorpus(dest, chunks, notes, seed)
