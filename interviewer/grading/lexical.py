"""Content terms of a text, for checking that an answer says what a point says.

Terms are English word stems, Chinese character bigrams (traditional folded to
simplified) and the glossary's concept ids, which are the same in every language. Sentence
embeddings tell whether two texts are about the same thing; terms tell whether they say
the same specific thing ("at test time nothing is dropped" vs "dropped during training").
"""

from __future__ import annotations

import re
from functools import lru_cache

from interviewer.corpus.glossary import default_glossary
from interviewer.corpus.lang import to_simplified

_EN_WORD = re.compile(r"[a-z][a-z0-9\-]*[a-z0-9]|[a-z]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_EN_STOP = frozenset(
    "a an the and or of to in on at by for with from as is are was were be been being it its "
    "this that these those which who what when where why how do does did can could will would "
    "should may might must has have had not no so if then than there their they them we you i "
    "he she his her our your also very more most much many some any each such into about over "
    "under between only just one two same other using use used".split()
)
_ZH_STOP = frozenset(
    "的是 是一 一个 一種 一种 可以 我们 我們 这个 這個 就是 因为 因為 所以 如果 没有 沒有 进行 進行 "
    "通过 通過 时候 時候 什么 什麼 这样 這樣 也就 就会 就會 也是 不是 还是 還是 以及 或者 并且 並且".split()
)


def _stem(word: str) -> str:
    for suffix in ("ization", "ations", "ation", "ness", "ing", "ies", "ed", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


@lru_cache(maxsize=200_000)
def terms(text: str) -> frozenset[str]:
    """The content terms of `text` (cached: rubric phrasings are seen again and again)."""
    plain = to_simplified(text).lower()
    out = {_stem(w) for w in _EN_WORD.findall(plain) if w not in _EN_STOP and len(w) > 1}
    for run in _CJK_RUN.findall(plain):
        out.update(b for b in (run[i : i + 2] for i in range(len(run) - 1)) if b not in _ZH_STOP)
    out.update(f"c:{c}" for c in default_glossary().concepts(text))
    return frozenset(out)


def recall(wanted: frozenset[str], said: frozenset[str]) -> float:
    """The share of `wanted` terms that `said` contains (0 when nothing is wanted)."""
    return len(wanted & said) / len(wanted) if wanted else 0.0
