"""The follow-up question every coach falls back to, written from the grade's facts: it
names a term of the point to ask about, says "not mentioned" only when the answer names
that term in no script and no synonym, and never pastes the point's text (which would
give the answer away) or the candidate's answer."""

from __future__ import annotations

from interviewer.corpus.glossary import default_glossary
from interviewer.grading.facts import CoachFacts, in_script
from interviewer.grading.faithful import names

_ABSENT = {
    "en": "Your answer did not mention {term}: where does it come in here, and why?",
    "zh": "你的回答没有提到“{term}”。它在这里起什么作用？",
}
_MORE = {
    "en": "Can you say more about {term}: how exactly does it matter here?",
    "zh": "能再具体说说“{term}”吗？它在这里具体是怎样起作用的？",
}
_OPEN = {
    "en": "One key point is still missing. What else matters for this question?",
    "zh": "还有一个关键点没有讲到。这个问题还有什么要点？",
}


GENERIC = {"parameter", "weight", "loss_function", "expectation", "feature", "model"}


def follow_up_term(facts: CoachFacts, target: str, answer: str) -> tuple[str, bool] | None:
    """(the term to ask about, whether the answer names it): a glossary term of point
    `target` that the question and the covered points do not name, preferring one the
    answer does not name either; None when the point names no such term."""
    g = default_glossary()
    point = facts.point(target)
    known = set(g.concepts(facts.question))
    for covered in facts.covered:
        known |= set(g.concepts(" ".join(covered.texts)))
    in_phrase = {c for _, c in g.surfaces(f"{point.phrase} {point.texts[0]}")}
    counts = g.concepts(" ".join(point.texts))
    ranked = sorted(
        (c for c in counts if c not in known),  # the most specific first
        key=lambda c: (c not in GENERIC, c in in_phrase, counts[c] > 1, len(g.canonical[c][0])),
        reverse=True,
    )
    if not ranked:
        return None
    said = {c for c in ranked if names(answer, c, facts.question)}
    concept = next((c for c in ranked if c not in said), ranked[0])
    surface = next((s for s, c in g.surfaces(point.phrase) if c == concept), None)
    en, zh = g.canonical[concept]
    name = surface or (en if facts.lang == "en" else zh or en)
    return in_script(name, facts.lang), concept in said


def template_follow_up(facts: CoachFacts, target: str, answer: str) -> str:
    """A question about point `target` in the answer's language and script."""
    lang = "en" if facts.lang == "en" else "zh"
    found = follow_up_term(facts, target, answer)
    if found is None:
        text = _OPEN[lang]
    else:
        term, named = found
        text = (_MORE if named else _ABSENT)[lang].format(term=term)
    return in_script(text, facts.lang)
