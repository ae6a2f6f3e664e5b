"""Does a coach's text say only what the grader established? A deterministic check of
feedback and follow-up wording against `CoachFacts`:

- a sentence that credits the candidate ("you said", "you are right that", "你提到",
  "你对…的解释是正确的") must be backed by a covered or partly covered point: its words
  or the answer's sentence quoted for it (`invented_attribution` otherwise);
- no sentence calls a covered point missing (`contradicts_verdict`), states one of the
  rubric's misconceptions as true (`states_misconception`), or denies a key point: a
  negated sentence made of the words of one of a point's phrasings that is not negated
  itself (`negates_point`: the local model wrote "The expected error is not equal to the
  sum of bias squared, variance, and irreducible noise");
- the text is in the answer's language and script (`wrong_language`, `wrong_script`);
- a follow-up never asks about a covered point (`asks_covered`), never repeats a long
  span of the candidate's answer (`copies_answer`) or of the point it asks about
  (`gives_away`), and never says a term is missing that the answer names in any script
  or synonym (`absent_term_present`).

A sentence is tied to the point whose content terms (`grading.lexical.terms`: word stems,
Chinese bigrams, glossary concepts) it shares most, after the question's own terms and
the coach's stock words are set aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from interviewer.corpus.glossary import default_glossary
from interviewer.corpus.lang import detect_lang, script_counts, to_simplified
from interviewer.grading.facts import CoachFacts, PointFact
from interviewer.grading.lexical import terms as _lexical_terms
from interviewer.grading.text import split_sentences

Kind = Literal[
    "invented_attribution",
    "contradicts_verdict",
    "states_misconception",
    "wrong_language",
    "wrong_script",
    "asks_covered",
    "copies_answer",
    "gives_away",
    "absent_term_present",
    "echoes_prompt",
    "negates_point",
]


@dataclass(frozen=True)
class Violation:
    kind: Kind
    text: str  # the sentence (or the whole text) at fault

    def note(self) -> str:
        """The reason a coach records when it drops the text."""
        short = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        return f"llm_unfaithful: {self.kind}: {short}"


# -- what a sentence does ------------------------------------------------------------------
# (matched on simplified, lowercased text)

_PRAISE = re.compile(
    r"\byou(?:'re| are| were)\s+(?:\w+\s+)?(?:right|correct)\b"
    r"|\byou(?:'ve| have)?\s+(?:\w+\s+)?(?:correctly|rightly|accurately)\b"
    r"|\b(?:correct|right|good|great|nice|well done)(?: job)?,?\s+(?:that\s+)?you\b"
    r"|\byour\s+(?:answer|explanation|description|response|understanding|point|definition"
    r"|statement|reasoning)\b[^.?!]*?\b(?:is|was|are)\s+(?:\w+\s+)?(?:correct|right|accurate"
    r"|spot on|good)\b"
    r"|\byou\s+(?:got|get|nailed|understood|understand|grasped?)\b|\bas you (?:correctly|rightly)\b"
    r"|\b(?:good|great|nice|excellent|well done)(?: job| work)?,?\s+(?:on\s+|in\s+)?(?:explaining"
    r"|describing|mentioning|noting|covering|identifying|defining|pointing out)\b"
    r"|你(?:说|讲|答|理解|解释|描述|回答|提到的|指出的)?(?:得|的)?(?:很|非常|完全|基本)?(?:对|正确|准确)"
    r"|你对.{0,40}?(?:是|很|非常|基本|完全)?(?:正确|对的|准确)"
    r"|你的(?:回答|解释|理解|描述|说法|答案|定义|观点)[^。！？]{0,40}?(?:正确|对的|准确|没错|很好|不错)"
    r"|你(?:正确|准确)地|你答对|你(?:已经)?(?:抓住|掌握|理解)了|说得对|答得(?:很)?(?:好|对)"
)
_SAYING = re.compile(
    r"\byou(?:'ve| have)?\s+(?:also\s+|already\s+|\w+ly\s+)?(?:said|say|mention(?:ed)?|stated?"
    r"|noted?|explain(?:ed)?|describe[d]?|point(?:ed)? out|identif(?:y|ied)|cover(?:ed)?"
    r"|highlight(?:ed)?|emphasi[sz]ed?|claim(?:ed)?|wrote|write|touch(?:ed)? on|recogni[sz]ed?"
    r"|captured?|defined?|list(?:ed)?|discuss(?:ed)?|answer(?:ed)?)\b"
    r"|\bas you (?:said|mentioned|noted|stated)\b"
    r"|\byour\s+(?:answer|explanation|response|description)\s+(?:\w+\s+)?(?:says|mentions"
    r"|states|notes|explains|covers|describes|shows|captures|includes|correctly)\b"
    r"|你(?:也|已经|还|正确地|准确地|很好地|清楚地)?(?:提到|说|讲|指出|解释|描述|回答|答到|覆盖|强调"
    r"|认为|写|说明|列出|定义|概括|总结|表述|阐述|谈到|涉及|点出)"
    r"|正如你|你的(?:回答|解释|描述|答案|说法)(?:中|里)?(?:提到|说|指出|涵盖|包含|涉及|讲)"
)
_MISSING = re.compile(
    r"\b(?:missing|missed|miss|lacks?|lacking|left out|leaves? out|omit(?:s|ted)?|forgot|forget"
    r"|overlook(?:ed)?|skipped|incomplete|you (?:did not|didn't|do not|don't|have not|haven't)"
    r"|(?:did|does) not (?:mention|cover|explain|address|discuss|include|say)"
    r"|(?:didn't|doesn't) (?:mention|cover|explain|address|discuss|include|say)"
    r"|not (?:mentioned|covered|explained|addressed|discussed|included)|no mention|to add"
    r"|should (?:also )?(?:add|mention|explain|include|cover|discuss|note)"
    r"|could (?:also )?(?:add|mention|explain|include|discuss|improve)"
    r"|needs? to (?:add|mention|explain|include|cover)|also worth"
    r"|what(?:'s| is) (?:missing|left))\b"
    r"|缺少|缺了|缺乏|欠缺|遗漏|漏掉|漏了|没有提|没提|没有讲|没讲|没有说|没说|没有涉及|没涉及|没有覆盖"
    r"|没有解释|没解释|没有回答|未提|未涉及|未说明|未解释|还要补上|还需要|需要补充|可以补充|应该补充"
    r"|补充一下|再补充|忽略了|不完整|还可以|还应|可以再|要补"
)
_NEGATED = re.compile(
    r"\b(?:not|no|never|isn't|aren't|doesn't|don't|won't|cannot|can't|rather than|instead"
    r"|wrong|incorrect|mistaken|actually|misconception)\b"
    r"|不是|不会|不能|不对|不再|不要|不用|不需要|不一定|并不|并非|而非|没有|没|未|错|而是|其实|误以为",
)
# what makes a statement deny: a phrasing with any of these may be restated with them
_DENIED = re.compile(
    r"\b(?:not|no|never|isn't|aren't|doesn't|don't|won't|cannot|can't|without|off|neither"
    r"|nor|none|rather|instead)\b|不|没|无|非|未|别|否|而是"
)
_DENIAL = re.compile(  # a statement negated (not "错误率", error rate)
    r"\b(?:not|never|isn't|aren't|doesn't|don't|won't|cannot|can't|no longer)\b"
    r"|不是|不会|不能|不等于|不再|不需要|不用|并不|并非|没有|无法|不对"
)
NEGATES_SHARE = 0.6  # a denial made of this share (or more) of one phrasing's words
_CONTRAST = re.compile(
    r"(?<=[,，;；:：])\s*(?=but\b|however\b|though\b|although\b|yet\b)|\s+(?=but\b|however\b)"
    r"|[;；]|(?=但是|但|不过|然而|可是|只是)"
)
_STOCK = (  # the coach's own words: what a sentence says about the candidate, not the topic
    (
        "you your answer answers said say mentioned mention explained explain stated noted "
        "correct correctly right rightly good great nice well clear clearly also point points key "
        "missing missed miss add covered cover however but part partly important detail idea "
        "explanation understanding question candidate true accurate accurately identified "
        "identify described describe understood understand recognized highlighted pointed job "
        "start solid"
    ),
    (
        "你说 你提到 提到 你对 解释 正确 准确 回答 理解 说法 描述 说得对 答到 指出 很好 不错 非常 基本 完全 "
        "是正确的 这一点 这点 还缺少 缺少 遗漏 补充 要点 关键 部分 另外 此外 需要 还要 补上 没有 你的 答案"
    ),
)


@lru_cache(maxsize=1)
def _stock_terms() -> frozenset[str]:
    out: set[str] = set()
    for words in _STOCK:
        for word in words.split():
            out |= terms(word)
    return frozenset(out)


_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1$")


@lru_cache(maxsize=50_000)
def terms(text: str) -> frozenset[str]:
    """`grading.lexical.terms`, with a doubled last consonant undone ("dropping" and
    "dropped" stem to "dropp", "drops" to "drop")."""
    return frozenset(_DOUBLED.sub(r"\1", t) if t.isascii() else t for t in _lexical_terms(text))


def _plain(text: str) -> str:
    return to_simplified(text).lower().replace("’", "'")


def segments(sentence: str) -> list[str]:
    """A sentence split where it turns ("A is right, but B is missing")."""
    parts = [p.strip(" ,，:：") for p in _CONTRAST.split(sentence)]
    return [p for p in parts if p]


@dataclass(frozen=True)
class _Wrong:
    """A rubric misconception as the check matches it."""

    terms: frozenset[str]
    phrasings: tuple[frozenset[str], ...]
    concepts: tuple[frozenset[str], ...]  # what each phrasing names (a statement of it
    # names all of one phrasing's)
    rivals: frozenset[str]  # what only the point it contradicts names (a correction does)


@dataclass(frozen=True)
class _Terms:
    """The facts as term sets, built once per check."""

    question: frozenset[str]
    subject: frozenset[str]  # the question's glossary concepts
    points: dict[str, frozenset[str]]
    phrasings: tuple[frozenset[str], ...]  # every sentence of every point phrasing
    # every sentence of every point phrasing: its terms, and whether it denies ("not", 不)
    claims: tuple[tuple[frozenset[str], bool], ...]
    earned: frozenset[str]  # covered points' words and quotes, partial points' quotes
    wrong: frozenset[str]  # the stated misconceptions' words and quotes
    misconceptions: list[_Wrong]


def _union(texts) -> frozenset[str]:
    out: set[str] = set()
    for text in texts:
        if text:
            out |= terms(text)
    return frozenset(out)


def _concepts(texts) -> frozenset[str]:
    g = default_glossary()
    return frozenset(c for text in texts for c in g.concepts(text))


def _facts_terms(facts: CoachFacts) -> _Terms:
    earned = [t for p in facts.covered for t in (*p.texts, p.evidence)]
    earned += [p.evidence for p in facts.with_verdict("partial")]
    wrong = [t for w in facts.wrong for t in (*w.texts, w.quote)]
    known = []
    for w in facts.misconceptions:
        point = next((p.texts for p in facts.points if p.id == w.corrects), ())
        known.append(
            _Wrong(
                terms=_union(w.texts),
                phrasings=tuple(terms(x) for x in w.texts),
                concepts=tuple(_concepts([x]) for x in w.texts),
                rivals=_concepts(point) - _concepts(w.texts),
            )
        )
    return _Terms(
        question=terms(facts.question),
        subject=_concepts([facts.question]),
        points={p.id: _union(p.texts) for p in facts.points},
        phrasings=tuple(
            terms(part) for p in facts.points for x in p.texts for part in split_sentences(x)
        ),
        claims=tuple(
            (terms(part), bool(_DENIED.search(_plain(part))))
            for p in facts.points
            for x in p.texts
            for part in split_sentences(x)
        ),
        earned=_union(earned),
        wrong=_union(wrong),
        misconceptions=known,
    )


def _content(segment: str, t: _Terms) -> frozenset[str]:
    return terms(segment) - t.question - _stock_terms()


def _share(content: frozenset[str], other: frozenset[str]) -> float:
    return len(content & other) / len(content) if content else 0.0


def _best_point(content: frozenset[str], facts: CoachFacts, t: _Terms) -> tuple[PointFact, float]:
    scored = [(p, _share(content, t.points[p.id])) for p in facts.points]
    return max(scored, key=lambda ps: ps[1])


TIED = 0.3  # a sentence is about a point when this share of its content terms is the point's


def _denies_point(said: frozenset[str], t: _Terms) -> bool:
    """Does a negated statement with these terms deny one of the points' own (unnegated)
    phrasings? Not when it also names what a wrong claim says ("... the layer's
    activations, not the weights" corrects the claim about weights)."""
    best = max(((_share(said, c), d, c) for c, d in t.claims), key=lambda x: x[:2])
    share, denied, claim = best if t.claims else (0.0, True, frozenset())
    wrong = t.wrong | frozenset().union(*(m.terms for m in t.misconceptions))
    return (
        not denied
        and share >= NEGATES_SHARE
        and len(said & claim) >= 3
        and not (said - claim) & wrong
    )


def check_segment(segment: str, facts: CoachFacts, t: _Terms) -> Kind | None:
    plain = _plain(segment)
    content = _content(segment, t)
    if _MISSING.search(plain):
        if not content:
            return None
        best, share = _best_point(content, facts, t)
        rivals = [_share(content, t.points[p.id]) for p in facts.points if p.verdict != "covered"]
        if best.verdict == "covered" and share >= TIED and share > max(rivals, default=0.0):
            return "contradicts_verdict"
        # what it says is missing must still be true ("What is missing is that autoencoders
        # are not used for anomaly detection"): the statement without the cue, checked
        return _statement(_MISSING.sub(" ", plain), segment, t)
    praise = bool(_PRAISE.search(plain))
    if praise or _SAYING.search(plain):
        backing = t.earned if praise else t.earned | t.wrong
        if not backing or (praise and not facts.covered):
            return "invented_attribution"
        if len(content) < 2:
            return None  # "You are right." with something covered
        unearned = [t.points[p.id] for p in facts.points if p.verdict != "covered"]
        if praise:
            unearned += [m.terms for m in t.misconceptions]
        only = max((content & (u - backing) for u in unearned), key=len, default=frozenset())
        if len(only) >= 2 and len(only) / len(content) >= TIED or _share(content, backing) < 0.25:
            return "invented_attribution"
        return None
    return _statement(plain, segment, t)


def _statement(plain: str, segment: str, t: _Terms) -> Kind | None:
    """A statement (`plain`: simplified, lowercased) must not deny a key point nor state
    one of the rubric's wrong claims."""
    whole = terms(segment) - _stock_terms()  # (the question's terms too: its subject)
    if _NEGATED.search(plain):  # a correction, or a denial: not of a key point
        return "negates_point" if _DENIAL.search(plain) and _denies_point(whole, t) else None
    named = _concepts([segment])
    implied = named | t.subject  # what it is about: named, or the question's subject
    truth = max((_share(whole, p) for p in t.phrasings), default=0.0)
    for mis in t.misconceptions:
        said = max(_share(whole, p) for p in mis.phrasings)
        if (
            any(c and c <= implied for c in mis.concepts)
            and not named & mis.rivals
            and _share(whole, mis.terms) >= 0.4
            and said > truth
        ):
            return "states_misconception"
    return None


def language_violation(text: str, facts: CoachFacts) -> Kind | None:
    lang = facts.lang
    if (detect_lang(text, lang) == "en") != (lang == "en"):
        return "wrong_language"
    if lang != "en":
        _, trad, simp, _ = script_counts(text)
        if (lang == "zh-Hant" and simp > trad) or (lang == "zh-Hans" and trad > simp):
            return "wrong_script"
    return None


def check_feedback(text: str, facts: CoachFacts) -> list[Violation]:
    """Every way `text` (feedback) departs from the facts."""
    found = []
    lang = language_violation(text, facts)
    if lang:
        found.append(Violation(lang, text))
    found += check_sentences(text, facts)
    return found


# the prompt's own layout repeated to the candidate: its verdict lines, task words, the
# letters it calls the points by ("A covered", "因此，A 被覆盖了", "the key points A, B, C"),
# and its name for the reader ("The candidate has not covered ...": feedback says "you")
_ECHO = re.compile(
    r"(?-i:\b[A-F]) (?:covered|missed)\b|the answer says:|^\s*verdict\b|missed \(or only"
    r"|\bcovered: ?(?:nothing\b|(?-i:[A-F])\b)"
    r"|(?-i:\b[A-F](?:,? (?:or |and )?[A-F]\b)+)|\b(?:key )?points? (?-i:[A-F])\b"
    r"|\bthe candidate\b|候选人|候選人|考生"
    r"|nothing covered|\bfeedback in\b|\bfollow-up in\b|key points:"
    r"|(?-i:(?<![A-Za-z])[A-F]) ?(?:被覆盖|已覆盖|覆盖了|被遗漏|缺失了)",
    re.IGNORECASE,
)


def echoes_prompt(text: str) -> bool:
    """Does `text` repeat the prompt's layout?"""
    return bool(_ECHO.search(text))


def check_sentences(text: str, facts: CoachFacts) -> list[Violation]:
    """The sentences of `text` that credit, blame or state what the facts do not hold, or
    that repeat the prompt's layout."""
    t = _facts_terms(facts)
    found = []
    for sentence in split_sentences(text):
        if _ECHO.search(sentence):
            found.append(Violation("echoes_prompt", sentence))
            continue
        for segment in segments(sentence):
            kind = check_segment(segment, facts, t)
            if kind:
                found.append(Violation(kind, sentence))
                break
    return found


# -- follow-ups ----------------------------------------------------------------------------

_TOKEN = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]")
COPY_WORDS, COPY_CHARS = 5, 12  # a copied span this long (English words / Chinese characters)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(_plain(text))


def copied_span(text: str, source: str, allowed: str = "") -> str | None:
    """The longest span of `text` also in `source` (≥ COPY_WORDS words or COPY_CHARS
    Chinese characters, weighing a word as 12/5 characters) that is not in `allowed`."""
    a, b = _tokens(text), _tokens(source)
    if not a or not b:
        return None
    allowed_plain = " ".join(_tokens(allowed))
    best: list[str] = []
    prev = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        row = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                row[j] = prev[j - 1] + 1
                run = a[i - row[j] : i]
                if (
                    _weight(run) >= COPY_CHARS
                    and _weight(run) > _weight(best)
                    and " ".join(run) not in allowed_plain
                ):
                    best = run
        prev = row
    if not best:
        return None
    return " ".join(best) if best[0].isascii() else "".join(best)


def _weight(run: list[str]) -> float:
    return sum(COPY_CHARS / COPY_WORDS if tok.isascii() else 1.0 for tok in run)


def check_follow_up(question: str, facts: CoachFacts, target: str, answer: str) -> list[Violation]:
    """Every way a follow-up about point `target` departs from the facts."""
    found = []
    lang = language_violation(question, facts)
    if lang:
        found.append(Violation(lang, question))
    t = _facts_terms(facts)
    content = _content(question, t)
    best, share = _best_point(content, facts, t)
    aim = _share(content, t.points[target])
    if best.verdict == "covered" and best.id != target and share >= TIED and share > aim:
        found.append(Violation("asks_covered", question))
    if copied_span(question, answer, facts.question):
        found.append(Violation("copies_answer", question))
    if any(copied_span(question, text, facts.question) for p in facts.points for text in p.texts):
        found.append(Violation("gives_away", question))
    if absent_terms_present(question, answer, facts.question):
        found.append(Violation("absent_term_present", question))
    return found


@lru_cache(maxsize=1)
def _chinese_forms() -> dict[str, tuple[str, ...]]:
    forms: dict[str, list[str]] = {}
    for form, concept in default_glossary().forms.items():
        if re.search(r"[\u4e00-\u9fff]", form):
            forms.setdefault(concept, []).append(form)
    return {c: tuple(f) for c, f in forms.items()}


def names(text: str, concept: str, question: str = "") -> bool:
    """Whether `text` names the glossary concept, in any script and any of its forms: also
    inside a longer term ("L2正则化" names 正则化, regularization), and by the part of it
    the question does not name ("小批次" names mini-batch gradient descent when the
    question asks about gradient descent)."""
    g = default_glossary()
    named = set(g.concepts(text))
    if concept in named:
        return True
    plain = re.sub(r"[\s\-_]+", "", _plain(text))
    if any(form in plain for form in _chinese_forms().get(concept, ())):
        return True
    whole = f" {g.canonical[concept][0].lower()} "
    asked = set(g.concepts(question))
    return any(f" {g.canonical[c][0].lower()} " in whole for c in named - asked)


_QUOTED = re.compile(r"[“\"'「『]([^”\"'」』]{1,40})[”\"'」』]")


def absent_terms_present(text: str, answer: str, question: str = "") -> list[str]:
    """Terms a sentence of `text` says are missing that `answer` names (in any script, in
    any of the glossary's forms: "mini-batch" is named by "小批次")."""
    g = default_glossary()
    plain_answer = _plain(answer)
    found = []
    for sentence in split_sentences(text):
        for segment in segments(sentence):
            if not _MISSING.search(_plain(segment)):
                continue
            found += [s for s, c in g.surfaces(segment) if names(answer, c, question)]
            found += [
                q
                for q in _QUOTED.findall(segment)
                if _plain(q).strip() and _plain(q).strip() in plain_answer
            ]
    return list(dict.fromkeys(found))
