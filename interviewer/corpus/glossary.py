"""Bilingual ML terminology: English and Chinese forms of a term -> one concept id.

`glossary.tsv` lists each concept's English forms and simplified-Chinese forms (the first
of each is the canonical name); traditional Chinese is folded to simplified with OpenCC
before matching, so "批归一化", "批歸一化", "batch norm" and "BN" all name `batch_norm`.
Retrieval and grading use the concepts a text names to compare texts written in
different languages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from interviewer.corpus.lang import to_simplified

GLOSSARY_PATH = Path(__file__).with_name("glossary.tsv")

_MATH = re.compile(r"\$\$.*?\$\$|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|https?://\S+", re.S)
_TEX_MARKS = re.compile(r"[$^{}]|\\(?:mathrm|text|mathbf)")  # "$L^{1}$" -> "L1"


@dataclass(frozen=True)
class Glossary:
    forms: dict[str, str]  # squashed surface form (simplified Chinese or English) -> concept
    canonical: dict[str, tuple[str, str]]  # concept -> (first English form, first Chinese form)
    _pattern: re.Pattern[str]

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, list[str], list[str]]]) -> "Glossary":
        forms: dict[str, str] = {}
        canonical: dict[str, tuple[str, str]] = {}
        surfaces: set[str] = set()
        for concept, en, zh in rows:
            canonical[concept] = (en[0].strip(), zh[0].strip())
            for form in [*en, *zh]:
                form = form.strip().lower()
                if form:
                    forms.setdefault(_squash(form), concept)
                    surfaces.add(form)
        english: list[str] = []  # forms starting with [a-z0-9]: whole words
        others: list[str] = []
        for form in sorted(surfaces, key=len, reverse=True):  # the longest form first
            escaped = r"[\s\-_]*".join(re.escape(p) for p in re.split(r"[\s\-_]+", form))
            (english if re.match(r"[a-z0-9]", form) else others).append(escaped)
        # At any position only one of the two groups can match (their first characters
        # differ), so this finds what one alternation of all forms finds; with the word
        # boundary checked once per position instead of once per form (README, Speed).
        parts = []
        if english:  # whole words, with plural / verb endings
            parts.append(rf"(?<![a-z0-9])(?:{'|'.join(english)})(?:s|es|ed|ing)?(?![a-z0-9])")
        if others:
            parts.append(f"(?:{'|'.join(others)})")
        return cls(forms, canonical, re.compile("|".join(parts) or r"(?!x)x"))

    def _concept_of(self, surface: str) -> str | None:
        key = _squash(surface)
        if key in self.forms:
            return self.forms[key]
        for suffix in ("es", "s", "ed", "ing"):
            if key.endswith(suffix) and key[: -len(suffix)] in self.forms:
                return self.forms[key[: -len(suffix)]]
        return None

    def expand(self, text: str) -> str:
        """`text` followed by the English and Chinese names of the concepts it names, so
        that texts in different languages share words: "什么是批归一化？" ->
        "什么是批归一化？ (batch normalization 批归一化)"."""
        names = [" ".join(n for n in self.canonical[c] if n) for c in self.concepts(text)]
        return f"{text} ({'; '.join(names)})" if names else text

    def surfaces(self, text: str) -> list[tuple[str, str]]:
        """(surface form as written, lowercased and simplified; concept) for each term named
        in `text`, in order."""
        plain = _TEX_MARKS.sub("", to_simplified(_MATH.sub(" ", text))).lower()
        found = []
        for match in self._pattern.finditer(plain):
            concept = self._concept_of(match.group(0))
            if concept:
                found.append((match.group(0), concept))
        return found

    def concepts(self, text: str) -> Counter[str]:
        """How often each concept is named in `text` (any language)."""
        return Counter(concept for _, concept in self.surfaces(text))


def _squash(form: str) -> str:
    """Lowercase, separators dropped: "Mini-batch", "mini batch" and "minibatch" agree."""
    return re.sub(r"[\s\-_]+", "", form.lower())


def load_glossary(path: Path = GLOSSARY_PATH) -> Glossary:
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t")[:3] != ["concept", "en", "zh"]:
        raise ValueError(f"{path}: the first line must be the header 'concept<TAB>en<TAB>zh'")
    for no, line in enumerate(lines[1:], 2):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3:
            raise ValueError(f"{path}:{no}: expected 3 tab-separated columns, got {len(cols)}")
        concept, en, zh = cols
        rows.append((concept.strip(), en.split("|"), zh.split("|")))
    return Glossary.from_rows(rows)


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    return load_glossary()
