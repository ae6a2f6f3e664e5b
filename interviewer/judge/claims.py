"""What is put to the judge: a point's claims, its wrong versions, an answer's windows.

Shared by the grader and by training, so the model learns on the inputs it is later given.
"""

from __future__ import annotations

from interviewer.corpus.items import Lang
from interviewer.corpus.lang import script_counts
from interviewer.rubric.models import KeyPoint

# a window's statement tokens: a pair holds at most MAX_TOKENS (model.py), a claim up to
# CLAIM_TOKENS of them and four special tokens; most claims take 25–50
WINDOW_TOKENS = 140


def point_claims(point: KeyPoint, lang: Lang, variants: int) -> list[str]:
    """The texts put to the judge for `point`: its claim, then up to `variants` more of its
    phrasings in the answer's language (a plain one first: it carries no standard term)."""
    zh = lang != "en"
    plain = point.plain_zh if zh else point.plain_en
    said = point.zh if zh else point.en
    extra = [t for pair in zip(plain, said) for t in pair] + plain[len(said) :] + said[len(plain) :]
    return [point.claim, *extra[:variants]]


def claim_langs(text: str, lang: Lang, mixed_share: float = 0.3) -> list[Lang]:
    """The languages whose phrasings are put to the judge for an answer: its own, and the
    other one too when the answer mixes them (Chinese with at least `mixed_share` as many
    Latin words as CJK characters, or English with Chinese terms)."""
    cjk, _, _, latin = script_counts(text)
    if lang == "en":
        return ["en", "zh-Hans"] if cjk >= 4 else ["en"]
    return [lang, "en"] if latin >= mixed_share * cjk else [lang]


def wrong_claims(point: KeyPoint, lang: Lang, variants: int) -> list[str]:
    """Up to `variants` authored wrong versions of `point` in the answer's language."""
    return (point.wrong_zh if lang != "en" else point.wrong_en)[:variants]


def windows(sizes: list[int], budget: int) -> list[list[int]]:
    """Sentence indices per window, given each sentence's size: the whole answer when it
    fits `budget`; else runs of sentences up to `budget`, each starting with the previous
    run's last sentence (a sentence over budget is a window of its own)."""
    if sum(s + 1 for s in sizes) <= budget:
        return [list(range(len(sizes)))]
    out: list[list[int]] = []
    start = 0
    while start < len(sizes):
        run, size = [start], sizes[start]
        while run[-1] + 1 < len(sizes) and size + sizes[run[-1] + 1] <= budget:
            run.append(run[-1] + 1)
            size += sizes[run[-1]] + 1
        out.append(run)
        if run[-1] + 1 >= len(sizes):
            break
        start = run[-1] if len(run) > 1 else run[-1] + 1
    return out
