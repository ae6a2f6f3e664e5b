"""Training and evaluation pairs for the judge: (claim, statement, label).

Three sources, each read by its own function:
- `triple_pairs`: the hand-written bilingual claim / statement triples in training/judge/
  (negation and role swaps, wrong quantities, term-free paraphrases, formulas in words ...);
- `rubric_pairs`: the default corpus's authored rubrics (a point and its phrasings in both
  languages and scripts entail; a misconception contradicts the point it names; another
  point of the same item does not address it; paragraphs mixing several phrasings);
- `answer_pairs`: whole interview answers written for training (training/answers/), each
  key point labelled entailed / contradicted / not addressed, cut into the windows the
  grader judges and put with the claims the grader puts;
- `semeval_pairs`: SemEval-2013 Task 7's training answers against their reference answer
  (correct -> entailed, contradictory -> contradicted, incorrect -> not addressed), read
  by path from outside the repository.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from interviewer.corpus.lang import detect_lang, to_traditional
from interviewer.grading.text import clean_answer
from interviewer.judge.claims import WINDOW_TOKENS, point_claims, windows, wrong_claims
from interviewer.rubric.models import KeyPoint, Rubric

Label = Literal["entailed", "contradicted", "not_addressed"]
LABELS: tuple[Label, ...] = ("entailed", "contradicted", "not_addressed")


@dataclass(frozen=True)
class Pair:
    claim: str
    statement: str
    label: Label
    source: str  # "triples", "rubrics", "semeval"
    group: str  # pairs that share a group go to the same split (a base claim, an item ...)
    kind: str = ""

    @property
    def target(self) -> int:
        return LABELS.index(self.label)


def _labelled_pairs(paths: Iterable[Path], source: str, group: str, kind: str) -> list[Pair]:
    """The (claim, statement, label) rows of these JSONL files as pairs of `source`, each
    grouped by its field `group` and of the kind in its field `kind`; labels checked."""
    pairs = []
    for path in paths:
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            r = json.loads(line)
            if r["label"] not in LABELS:
                raise ValueError(f"{path}:{no}: unknown label {r['label']!r}")
            pairs.append(
                Pair(
                    r["claim"],
                    r["statement"],
                    r["label"],
                    source,
                    f"{source}:{r[group]}",
                    r.get(kind, ""),
                )
            )
    return pairs


def triple_pairs(paths: Iterable[Path]) -> list[Pair]:
    """Pairs from training/judge/ (claim/statement triples), grouped by their claim."""
    return _labelled_pairs(paths, "triples", "claim", "kind")


def contrast_pairs(paths: Iterable[Path]) -> list[Pair]:
    """Pairs from training/contrast/: a statement contrasting two things (A does X, B does
    Y), against claims that give each side its own property (entailed) or the other's
    (contradicted). The five claims of a statement share a group, so they share a split."""
    return _labelled_pairs(paths, "contrast", "group", "role")


def zh_forms(text: str) -> list[str]:
    """A Chinese text, and its traditional-character form when that differs."""
    traditional = to_traditional(text)
    return [text] if traditional == text else [text, traditional]


def rubric_pairs(rubrics: Iterable[Rubric], seed: int = 0) -> list[Pair]:
    """Pairs from authored rubrics; derived ones (reference sentences) carry no contrast."""
    rng = random.Random(seed)
    pairs: list[Pair] = []
    for rubric in rubrics:
        if rubric.origin != "authored":
            continue
        group = f"rubric:{rubric.item}"
        says = {p.id: p.en + [f for z in p.zh for f in zh_forms(z)] for p in rubric.points}
        for point in rubric.points:
            claim = point.claim
            for text in says[point.id]:
                pairs.append(Pair(claim, text, "entailed", "rubrics", group, "phrasing"))
            for text in point.plain_en + [f for z in point.plain_zh for f in zh_forms(z)]:
                pairs.append(Pair(claim, text, "entailed", "rubrics", group, "plain"))
            wrongs = point.wrong_en + [f for z in point.wrong_zh for f in zh_forms(z)]
            for text in wrongs:
                pairs.append(Pair(claim, text, "contradicted", "rubrics", group, "wrong"))
            if wrongs:  # one wrong version amid right phrasings of the other points
                others = [rng.choice(says[o.id]) for o in rubric.points if o.id != point.id]
                mixed = others[:2] + [rng.choice(wrongs)]
                rng.shuffle(mixed)
                pairs.append(
                    Pair(
                        claim, " ".join(mixed), "contradicted", "rubrics", group, "paragraph_wrong"
                    )
                )
            for other in rubric.points:
                if other.id != point.id:
                    pairs.append(
                        Pair(
                            claim,
                            rng.choice(says[other.id]),
                            "not_addressed",
                            "rubrics",
                            group,
                            "other_point",
                        )
                    )
            # a paragraph: this point among others entails it; the others alone do not
            others = [rng.choice(says[o.id]) for o in rubric.points if o.id != point.id]
            if others:
                mixed = others[:2] + [rng.choice(says[point.id])]
                rng.shuffle(mixed)
                pairs.append(
                    Pair(claim, " ".join(mixed), "entailed", "rubrics", group, "paragraph")
                )
                pairs.append(
                    Pair(
                        claim, " ".join(others[:3]), "not_addressed", "rubrics", group, "paragraph"
                    )
                )
        for wrong in rubric.misconceptions:
            if wrong.contradicts is None:
                continue
            point = next(p for p in rubric.points if p.id == wrong.contradicts)
            wrongs = wrong.en + [f for z in wrong.zh for f in zh_forms(z)]
            for text in wrongs:
                pairs.append(
                    Pair(point.claim, text, "contradicted", "rubrics", group, "misconception")
                )
            # the wrong claim said amid right ones still contradicts the point
            others = [rng.choice(says[o.id]) for o in rubric.points if o.id != point.id]
            mixed = others[:2] + [rng.choice(wrongs)]
            rng.shuffle(mixed)
            pairs.append(
                Pair(point.claim, " ".join(mixed), "contradicted", "rubrics", group, "paragraph")
            )
            # ... and a point's phrasing entails the misconception's negation: the wrong
            # claim itself is contradicted by the point
            pairs.append(
                Pair(
                    wrong.claim,
                    rng.choice(says[point.id]),
                    "contradicted",
                    "rubrics",
                    group,
                    "misconception_reverse",
                )
            )
    return pairs


def _bigrams(text: str) -> set[str]:
    t = "".join(text.lower().split())
    return {t[i : i + 2] for i in range(len(t) - 1)}


def _likeliest_window(point: KeyPoint, texts: list[str]) -> int:
    """The window sharing most character pairs with any phrasing of `point`: where an
    entailed point most likely is (the labels are per answer, not per window)."""
    says = [point.claim, *point.en, *point.zh, *point.plain_en, *point.plain_zh]
    grams = [_bigrams(t) for t in says]
    scores = [max(len(g & _bigrams(t)) / max(1, len(g)) for g in grams) for t in texts]
    return max(range(len(texts)), key=lambda i: scores[i])


def answer_pairs(
    paths: Iterable[Path],
    rubrics: dict[str, Rubric],
    count_tokens,
    variants: int = 2,
    sentences_alone: bool = False,
) -> list[Pair]:
    """Pairs from labelled answers: each point's claims (as the grader puts them) against
    the answer's windows. A not-addressed point is so in every window; a contradicted one
    in the window holding the answer's `wrong_span` (one-wrong answers: their only
    contradicted point), the whole answer when it is one window; an entailed one in the
    window likeliest to hold it. The point's wrong versions are contradicted where the point
    is entailed, and not addressed where it is.

    With `sentences_alone`, single sentences too (as the grader reads an answer in the other
    language than its item when `ACROSS_SENTENCES` is on): a not-addressed point against
    one of the answer's sentences, and a one-wrong answer's contradicted point against the
    sentence holding its `wrong_span`. (An entailed point is left to the windows: which
    sentence makes it is not labelled.)"""
    pairs: list[Pair] = []
    for path in paths:
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            rubric = rubrics.get(row["item"])
            if rubric is None:
                raise ValueError(f"{path}:{no}: no rubric for item {row['item']!r}")
            sentences = clean_answer(row["answer"]).sentences
            if not sentences:
                continue
            lang = detect_lang(row["answer"], detect_lang(rubric.question))
            idx = windows(count_tokens(sentences), WINDOW_TOKENS)
            texts = [" ".join(sentences[i] for i in w) for w in idx]
            group, kind = f"answers:{row['item']}", row["kind"]
            n_wrong = sum(v == "contradicted" for v in row["labels"].values())
            for k, point in enumerate(rubric.points):
                label = row["labels"][point.id]
                statements = []  # (text, kind) the point's claims are put against
                if sentences_alone and len(sentences) > 1:
                    alone = _alone(label, sentences, row, n_wrong, k)
                    statements += [(t, f"{kind}:sentence") for t in alone]
                if label == "not_addressed":
                    where = list(range(len(texts)))
                elif len(texts) == 1:
                    where = [0]
                elif label == "contradicted":
                    span = row.get("wrong_span", "")
                    hits = [i for i, t in enumerate(texts) if span and span[:40] in t]
                    where = hits[:1] if n_wrong == 1 else []
                else:
                    where = [_likeliest_window(point, texts)]
                statements += [(texts[i], kind) for i in where]
                for text, how in statements:
                    for claim in point_claims(point, lang, variants):
                        pairs.append(Pair(claim, text, label, "answers", group, how))
                    if label != "contradicted":
                        flipped: Label = "contradicted" if label == "entailed" else label
                        for claim in wrong_claims(point, lang, variants):
                            pairs.append(Pair(claim, text, flipped, "answers", group, how))
    return pairs


def _alone(label: str, sentences: list[str], row: dict, n_wrong: int, k: int) -> list[str]:
    """The single sentences `answer_pairs` puts the `k`th point against (see there)."""
    if label == "not_addressed":
        return [sentences[(len(row["answer"]) + k) % len(sentences)]]  # one, spread
    if label == "contradicted" and n_wrong == 1:
        span = row.get("wrong_span", "")
        return [t for t in sentences if span and span[:40] in t][:1]
    return []


def filler_rows(path: Path) -> list[tuple[str, str]]:
    """(lang, text) of each content-free sentence in a JSONL of {"lang", "text"}, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return [(r["lang"], r["text"]) for r in rows]


def padded_pairs(
    pairs: list[Pair],
    filler: Path,
    count_tokens,
    share: float = 0.5,
    budget: int = WINDOW_TOKENS,
    seed: int = 0,
) -> list[Pair]:
    """Copies of a `share` of the answer pairs with a content-free sentence or two (from
    `filler`, a JSONL of {"lang", "text"}) before and/or after the statement, the label
    kept: filler must not move the judge (on dev, two filler sentences moved 72 of 126
    answers' claim grades by more than 0.5: evals/reports/filler_robustness_claim.json;
    one epoch with a 0.6 share did not fix that, docs/decisions.md). A copy is made only
    when it still fits `budget` tokens, the window size the grader uses, so no content is
    cut."""
    rng = random.Random(seed)
    by_lang: dict[str, list[str]] = {}
    for lang, text in filler_rows(filler):
        by_lang.setdefault(lang, []).append(text)
    out = []
    for p in pairs:
        if p.source != "answers" or rng.random() >= share:
            continue
        lang = detect_lang(p.statement, "en")
        pool = by_lang.get(lang) or by_lang.get("zh" if lang != "en" else "en", [])
        if not pool:
            continue
        before, after = rng.choice([(1, 0), (0, 1), (1, 1), (2, 0), (0, 2)])
        picked = rng.sample(pool, min(len(pool), before + after))
        before = min(before, len(picked))
        glue = " " if lang == "en" else ""
        text = glue.join([*picked[:before], p.statement, *picked[before:]])
        if sum(count_tokens([text])) <= budget:
            out.append(Pair(p.claim, text, p.label, p.source, p.group, p.kind + "+filler"))
    return out


_SEMEVAL_LABEL: dict[str, Label] = {
    "correct": "entailed",
    "contradictory": "contradicted",
    "incorrect": "not_addressed",
}


def semeval_pairs(zip_path: Path, part: str = "train") -> list[Pair]:
    """SemEval-2013 answers against their question's first reference answer."""
    from interviewer.evals.datasets import SEMEVAL_CORPORA, load_semeval

    pairs = []
    for corpus in SEMEVAL_CORPORA:
        if corpus == "beetle" and part == "test-unseen-domains":
            continue
        for row in load_semeval(zip_path, corpus, part):
            reference = (row.reference or "").split("\n")[0]
            if not reference or not row.answer.strip() or row.kind is None:
                continue
            pairs.append(
                Pair(
                    reference,
                    row.answer,
                    _SEMEVAL_LABEL[row.kind],
                    "semeval",
                    f"semeval:{corpus}:{row.question_id}",
                    corpus,
                )
            )
    return pairs


def without_items(
    pairs: Iterable[Pair], items: set[str], sources: tuple[str, ...] = ("rubric", "answers")
) -> list[Pair]:
    """`pairs` less those built from the rubric or the written answers of `items` (or only
    from the `sources` named): a judge trained without both has never seen those
    questions; without their answers alone it stands to them as to a test split's
    questions, whose rubrics it was trained on but no answer to them."""
    gone = {f"{source}:{i}" for i in items for source in sources}
    return [p for p in pairs if p.group not in gone]


def read_item_ids(path: Path) -> set[str]:
    """Item ids, one per line (blank lines and `#` comments skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split("#")[0].strip() for line in lines} - {""}


def split_groups(
    pairs: list[Pair], dev_share: float, seed: int = 0
) -> tuple[list[Pair], list[Pair]]:
    """(train, dev) with every group wholly on one side."""
    groups = sorted({p.group for p in pairs})
    rng = random.Random(seed)
    dev = set(rng.sample(groups, round(len(groups) * dev_share)))
    return [p for p in pairs if p.group not in dev], [p for p in pairs if p.group in dev]


def balanced(pairs: list[Pair], per_source: dict[str, int], seed: int = 0) -> Iterator[Pair]:
    """At most `per_source[source]` pairs of each source, drawn at random."""
    rng = random.Random(seed)
    by_source: dict[str, list[Pair]] = {}
    for p in pairs:
        by_source.setdefault(p.source, []).append(p)
    for source, items in sorted(by_source.items()):
        limit = per_source.get(source, len(items))
        yield from rng.sample(items, min(limit, len(items)))
