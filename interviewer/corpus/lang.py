"""Language of a piece of note text: simplified Chinese, traditional Chinese or English."""

from __future__ import annotations

import re
from functools import lru_cache

from interviewer.corpus.items import Lang

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_NOISE = re.compile(
    r"\$\$.*?\$\$|\$[^$\n]*\$|`[^`]*`|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|<[^>]+>|https?://\S+",
    re.S,
)


@lru_cache(maxsize=1)
def _converters():
    from opencc import OpenCC  # opencc-python-reimplemented: pure Python tables

    return OpenCC("t2s"), OpenCC("s2t")


# OpenCC's tables change only ideographs (checked: nothing below U+3400 converts), and its
# pure-Python conversion is slow, so text without any is returned as it is
_IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def to_simplified(text: str) -> str:
    return _converters()[0].convert(text) if _IDEOGRAPH.search(text) else text


def to_traditional(text: str) -> str:
    return _converters()[1].convert(text) if _IDEOGRAPH.search(text) else text


def is_mostly_chinese(text: str) -> bool:
    """Mostly Chinese prose (one CJK character ~ one English word); cheap, no conversion."""
    cjk = len(_CJK.findall(text))
    return cjk >= 2 and cjk >= 0.5 * len(_LATIN_WORD.findall(text))


def script_counts(text: str) -> tuple[int, int, int, int]:
    """(cjk chars, traditional-only chars, simplified-only chars, latin words)."""
    clean = _NOISE.sub(" ", text)
    cjk = _CJK.findall(clean)
    t2s, s2t = _converters()
    chars = "".join(sorted(set(cjk)))
    trad = {c for c, s in zip(chars, t2s.convert(chars)) if c != s}
    simp = {c for c, t in zip(chars, s2t.convert(chars)) if c != t}
    return (
        len(cjk),
        sum(c in trad for c in cjk),
        sum(c in simp for c in cjk),
        len(_LATIN_WORD.findall(clean)),
    )


def detect_lang(text: str, default: Lang = "en") -> Lang:
    """Chinese when CJK characters make up a real share of the prose; Hant vs Hans by
    which script's distinctive characters are more frequent. Text with no prose at all
    (a formula, an image) gets `default`."""
    cjk, trad, simp, latin = script_counts(text)
    if cjk == 0 and latin == 0:
        return default
    # One Chinese character carries about as much as one English word.
    if cjk >= 2 and cjk >= 0.25 * latin:
        if trad > simp:
            return "zh-Hant"
        if simp > trad:
            return "zh-Hans"
        return default if default.startswith("zh") else "zh-Hans"
    return "en"
