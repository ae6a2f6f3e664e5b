"""The LLM judge: per-point verdicts from the model, checked before they count.

The model sees the answer as the grader grades it: the sentences the guards kept (text
addressed to the grader never reaches it), neutralised, between markers holding a nonce (a
keyed hash of that text, so a candidate cannot guess it and re-grading renders the same
prompt). The reply is asked for through the endpoint's constrained output
(`reply_schema`: one entry per asked point, keyed by its id, each a quote and a verdict),
so the model cannot label the points "1", "2", ... or skip one. The reply is still
validated: JSON keyed by point id (or the older list form, from an unconstrained endpoint);
a reply that is neither is asked for once more, then the judgement is `unparsed`. Only parsed judgements are cached: a failed or
unparsed call is asked again next time (the endpoint may have been fixed). A verdict other than `missing` needs a quote
of at least three words that occurs in the answer after the grader's guards removed the
sentences addressed to the grader; a quote that does not occur earns nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from interviewer.corpus.items import Item
from interviewer.grading.models import Verdict
from interviewer.grading.text import clean_answer, word_count
from interviewer.llm.cache import ResultCache
from interviewer.llm.client import LLM, Message
from interviewer.llm.errors import LLMCircuitOpen, LLMUnavailable
from interviewer.llm.prompts import load_prompt, neutralise, wrap_answer
from interviewer.rubric.models import Rubric

PROMPT = "point_judgement"
MIN_QUOTE_WORDS = 3
VERDICTS: tuple[Verdict, ...] = ("covered", "partial", "missing", "contradicted")
_FENCE = re.compile(r"```(?:json)?", re.I)


MAX_QUOTE_CHOICES = 60  # an answer with more sentences gets a free-text quote


def reply_schema(point_ids: list[str], sentences: list[str] | None = None) -> dict:
    """The JSON schema of a judgement of these points: an object with exactly these keys,
    in this order, each a verdict then a quote (quote first made the local model cite a
    sentence for every point and call it covered). The quote is one of `sentences` (the answer's, as the model
    sees them) or empty, so it cannot be copied from elsewhere (a small model copies the
    key point's own text); without sentences, or with very many, it is free text."""
    quote: dict = {"type": "string"}
    choices = list(dict.fromkeys(s for s in sentences or [] if s.strip()))
    if choices and len(choices) <= MAX_QUOTE_CHOICES:
        quote["enum"] = ["", *choices]
    point = {
        "type": "object",
        "properties": {
            "verdict": {"type": "string", "enum": list(VERDICTS)},
            "quote": quote,
        },
        "required": ["verdict", "quote"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {pid: {"$ref": "#/$defs/point"} for pid in point_ids},
        "required": list(point_ids),
        "additionalProperties": False,
        "$defs": {"point": point},
    }


class PointJudgement(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    verdict: Verdict
    quote: str = ""


class Judgement(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    points: list[PointJudgement]


@dataclass(frozen=True)
class Checked:
    """One point's verdict after the evidence check."""

    verdict: Verdict
    quote: str | None  # verified quote, or None
    rejected: bool = False  # the model claimed evidence that is not in the answer


@dataclass(frozen=True)
class JudgeOutcome:
    status: Literal["ok", "unparsed", "unavailable", "circuit_open"]
    points: dict[str, Checked]  # by key point id; empty unless ok
    error: str | None = None


def parse_judgement(reply: str) -> Judgement:
    """The JSON object in `reply` (code fences and text around it tolerated), validated:
    keyed by point id (`reply_schema`), or the list form `{"points": [{"id": ...}]}`.
    Raises ValueError when there is none or it does not match."""
    text = _FENCE.sub("", reply)
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise ValueError("no JSON object in the reply")
    try:
        data = json.loads(text[start : end + 1])
        if isinstance(data, dict) and isinstance(data.get("points"), dict) and len(data) == 1:
            data = data["points"]  # the keyed form, wrapped
        if isinstance(data, dict) and not isinstance(data.get("points"), list):
            if not all(isinstance(v, dict) for v in data.values()):
                raise ValueError("a point's entry is not an object")
            data = {"points": [{**v, "id": k} for k, v in data.items()]}
        return Judgement.model_validate(data)
    except (ValueError, ValidationError) as exc:  # JSONDecodeError is a ValueError
        raise ValueError(f"not a valid judgement: {str(exc).splitlines()[0]}") from None


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def quote_ok(quote: str, answer_text: str) -> bool:
    """`quote` is long enough and occurs in `answer_text` (both neutralised the same way,
    whitespace and case ignored)."""
    q = _norm(neutralise(quote)).strip(" .。\"'“”")
    return word_count(q) >= MIN_QUOTE_WORDS and q in _norm(neutralise(answer_text))


def check_evidence(judgement: Judgement, rubric: Rubric, answer: str) -> dict[str, Checked]:
    """Each rubric point's verdict, with unverifiable evidence turned into `missing`.
    Points the model skipped are missing; ids it made up are ignored."""
    graded_text = clean_answer(answer).text
    given: dict[str, PointJudgement] = {}
    for p in judgement.points:
        given.setdefault(p.id, p)
    out = {}
    for point in rubric.points:
        j = given.get(point.id)
        if j is None or j.verdict == "missing":
            out[point.id] = Checked("missing", None)
        elif quote_ok(j.quote, graded_text):
            out[point.id] = Checked(j.verdict, j.quote.strip())
        else:
            out[point.id] = Checked("missing", None, rejected=True)
    return out


class Judge:
    """Asks `llm` for per-point verdicts, once per (model, prompt, rubric version)."""

    def __init__(self, llm: LLM, cache: ResultCache, max_tokens: int = 700):
        self.llm = llm
        self.cache = cache
        self.max_tokens = max_tokens

    @staticmethod
    def asked(rubric: Rubric, only: frozenset[str] | None = None) -> list[str]:
        """The ids of the points asked about, in the rubric's order."""
        return [p.id for p in rubric.points if only is None or p.id in only]

    @staticmethod
    def shown(answer: str) -> list[str]:
        """The answer's sentences as the model sees them: those the grader grades (text
        addressed to the grader dropped), neutralised."""
        return [neutralise(s) for s in clean_answer(answer).sentences]

    def messages(
        self, item: Item, rubric: Rubric, answer: str, only: frozenset[str] | None = None
    ) -> list[Message]:
        shown = "\n".join(clean_answer(answer).sentences)  # what the grader grades
        nonce = hashlib.sha256(
            f"{self.cache.secret()}\x1f{rubric.version}\x1f{shown}".encode()
        ).hexdigest()[:12]
        block, begin, end = wrap_answer(shown, nonce)
        ids = self.asked(rubric, only)
        points = [{"id": p.id, "claim": p.claim} for p in rubric.points if p.id in ids]
        return load_prompt(PROMPT).render(
            question=item.question, points=points, answer_block=block, begin=begin, end=end
        )

    def judge(
        self, item: Item, rubric: Rubric, answer: str, only: frozenset[str] | None = None
    ) -> JudgeOutcome:
        """Verdicts for every point of `rubric`, or only for the ids in `only` (the others
        are then absent from the outcome)."""
        messages = self.messages(item, rubric, answer, only)
        schema = reply_schema(self.asked(rubric, only), self.shown(answer))
        key = ResultCache.key(
            model=self.llm.name,
            prompt=[m.model_dump() for m in messages],
            schema=schema,
            rubric=rubric.version,
            temperature=0,
        )
        cached = self.cache.get(key)
        if cached is None or cached.get("judgement") is None:  # failures are never kept
            try:
                cached = self._ask(messages, schema)
            except LLMCircuitOpen as exc:
                return JudgeOutcome("circuit_open", {}, str(exc))
            except LLMUnavailable as exc:
                return JudgeOutcome("unavailable", {}, str(exc))
            if cached["judgement"] is None:
                return JudgeOutcome("unparsed", {}, cached["error"])
            self.cache.put(key, cached)
        try:
            judgement = Judgement.model_validate(cached["judgement"])
        except ValidationError as exc:  # a cache file edited or from another version
            return JudgeOutcome("unparsed", {}, str(exc).splitlines()[0])
        checked = check_evidence(judgement, rubric, answer)
        return JudgeOutcome("ok", {k: v for k, v in checked.items() if only is None or k in only})

    def _ask(self, messages: list[Message], schema: dict) -> dict:
        """The parsed judgement, asking once more on a parse failure."""
        replies = []
        error = None
        for _ in range(2):
            reply = self.llm.chat(
                messages, temperature=0.0, max_tokens=self.max_tokens, schema=schema
            )
            replies.append(reply)
            try:
                judgement = parse_judgement(reply)
                return {"judgement": judgement.model_dump(), "replies": replies, "error": None}
            except ValueError as exc:
                error = str(exc)
                messages = [
                    *messages,
                    Message(role="assistant", content=reply),
                    Message(
                        role="user",
                        content=(
                            f"That reply was not usable ({error}). Reply with the JSON "
                            "object only, in the form given."
                        ),
                    ),
                ]
        return {"judgement": None, "replies": replies, "error": error}
