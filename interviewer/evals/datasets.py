"""Human-graded short-answer data sets, read into one common row model.

The public data sets (Mohler, ADS, SemEval-2013) live outside the repository and are only
ever read from a path the caller gives; nothing here copies them. The seed gold set is the
project's own file (evals/data/seed_gold.jsonl).

Every loader raises ``ValueError("<path>: ...")`` with a one-line message when the file is
missing or unreadable, or when a row is malformed (the message names the line or member).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal
from xml.etree import ElementTree as ET

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator


class GoldAnswer(BaseModel):
    """One human-graded answer to one question, on its data set's own scale."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str  # unique within the dataset
    question_id: str
    question: str
    reference: str | None  # reference answer(s) joined with "\n" if several; None if absent
    answer: str
    gold: float  # on the dataset's own scale
    scale: float  # the scale's maximum (5 Mohler, 10 ADS, 10 seed_gold, 2 SemEval)
    lang: str  # "en", "zh-Hans", "zh-Hant"
    split: str | None  # "train"/"test" (or "dev"/"test" for seed_gold); None if none
    kind: str | None = None  # seed_gold answer kind; SemEval label name
    item_id: str | None = None
    twin: str | None = None

    @model_validator(mode="after")
    def _gold_on_scale(self) -> GoldAnswer:
        """The gold score must lie in [0, scale]."""
        if not self.scale > 0:
            raise ValueError(f"scale must be positive, got {self.scale}")
        if not 0 <= self.gold <= self.scale:
            raise ValueError(f"gold {self.gold} is outside 0..{self.scale:g}")
        return self


# --------------------------------------------------------------------------- helpers


def _first_line(exc: Exception) -> str:
    """A one-line description of an exception (pydantic errors span several lines)."""
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        return f"{where}: {msg}" if where else msg
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _read_text(path: Path) -> str:
    """The whole file as UTF-8 text, line endings untouched and a BOM dropped.

    Raises a ValueError naming the file when it is missing or unreadable.
    """
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ValueError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read ({_first_line(exc)})") from None


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line of a JSONL file."""
    for no, line in enumerate(_read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: line {no}: not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise ValueError(f"{path}: line {no}: expected a JSON object")
        yield no, obj


def _join_references(texts: Iterable[str | None]) -> str | None:
    """The non-empty reference answers, stripped and joined with newlines; None if none."""
    kept = [t.strip() for t in texts if t and t.strip()]
    return "\n".join(kept) or None


def _checked(rows: list[GoldAnswer], path: Path) -> list[GoldAnswer]:
    """The rows, once they are known to be non-empty with unique ids."""
    if not rows:
        raise ValueError(f"{path}: no rows")
    seen: set[str] = set()
    for row in rows:
        if row.id in seen:
            raise ValueError(f"{path}: duplicate id {row.id!r}")
        seen.add(row.id)
    return rows


# --------------------------------------------------------------------------- Mohler

MOHLER_SCALE = 5.0
MOHLER_ARTIFACT = "#NAME?"  # a spreadsheet formula error left in place of nine answers
MOHLER_TRAIN_ASSIGNMENTS = range(1, 9)  # assignments 1-8 train; 9-12 (incl. the exams) test
_MOHLER_COLUMNS = ("id", "question", "desired_answer", "student_answer", "score_avg")


def _mohler_split(question_id: str) -> str:
    """The split of a question id "<assignment>.<n>": "train" for 1-8, "test" for 9-12."""
    head = question_id.split(".", 1)[0]
    if not head.isdigit():
        raise ValueError(f"question id {question_id!r} is not '<assignment>.<number>'")
    return "train" if int(head) in MOHLER_TRAIN_ASSIGNMENTS else "test"


def _mohler_row(record: dict[str, str], no: int) -> GoldAnswer:
    """One CSV record (already known not to be an artifact) as a GoldAnswer."""
    question_id = record["id"].strip()
    return GoldAnswer(
        id=f"mohler-{no}",
        question_id=question_id,
        question=record["question"].strip(),
        reference=_join_references([record["desired_answer"]]),
        answer=record["student_answer"].strip(),
        gold=float(record["score_avg"]),
        scale=MOHLER_SCALE,
        lang="en",
        split=_mohler_split(question_id),
    )


def _read_mohler(path: Path) -> tuple[list[GoldAnswer], int]:
    """The valid rows of a Mohler CSV and the number of `#NAME?` rows skipped."""
    reader = csv.DictReader(io.StringIO(_read_text(path), newline=""))
    missing = [c for c in _MOHLER_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"{path}: not a Mohler CSV (missing columns: {', '.join(missing)})")
    rows: list[GoldAnswer] = []
    skipped = 0
    line = 2  # the first record starts on the line after the header
    try:
        for no, record in enumerate(reader, 1):
            if None in record.values() or None in record:
                raise ValueError("wrong number of fields")
            if record["student_answer"].strip() == MOHLER_ARTIFACT:
                skipped += 1
            else:
                rows.append(_mohler_row(record, no))
            line = reader.line_num + 1
    except (ValueError, csv.Error) as exc:
        raise ValueError(f"{path}: line {line}: bad Mohler row ({_first_line(exc)})") from None
    return _checked(rows, path), skipped


def load_mohler(path: Path) -> list[GoldAnswer]:
    """Mohler et al. (2011): English data-structures answers graded 0-5 by two people.

    gold is ``score_avg`` (the mean of the two graders), scale 5, lang "en"; the reference
    is the question's ``desired_answer``. Rows whose student answer is the spreadsheet
    artifact ``#NAME?`` are left out (count them with `mohler_skipped`). Ids are
    ``mohler-<n>`` with n the record's 1-based position in the file, skipped rows counted,
    so they stay stable.

    The data set has no official split; this loader splits by question so that no question
    is in both halves: questions of assignments 1-8 (ids "1.1" .. "8.x", the part before
    the dot) are "train", those of assignments 9-12 (9, 10 and the two exams 11, 12) are
    "test". Two exam questions repeat earlier wording ("What is a pointer?" 6.1 / 12.1,
    "What is a queue?" 9.1 / 12.6), so the split is by question, not by topic.
    """
    return _read_mohler(path)[0]


def mohler_skipped(path: Path) -> int:
    """How many rows of a Mohler CSV `load_mohler` leaves out as `#NAME?` artifacts."""
    return _read_mohler(path)[1]


# --------------------------------------------------------------------------- ADS

ADS_SCALE = 10.0


class _AdsRow(BaseModel):
    """One line of an ADS jsonl file, as upstream writes it (scores are strings)."""

    model_config = ConfigDict(extra="forbid")

    score: str | int
    answer: str
    q_id: str
    question: str
    reference1: str = ""
    reference2: str = ""
    reference3: str = ""

    def points(self) -> int:
        """The score as an integer 0..10."""
        if isinstance(self.score, bool):
            raise ValueError(f"score {self.score!r} is not an integer")
        try:
            value = int(str(self.score).strip())
        except ValueError:
            raise ValueError(f"score {self.score!r} is not an integer") from None
        return value


def _ads_split(path: Path) -> str | None:
    """The split named by the file: "train" / "test" for train.jsonl / test.jsonl, else None."""
    return path.stem if path.stem in ("train", "test") else None


def load_ads(path: Path) -> list[GoldAnswer]:
    """ADS (Lai et al.): Chinese algorithms-and-data-structures answers graded 0-10.

    Reads one of ADS/{train,test,all}.jsonl. gold = int(score), scale 10, lang "zh-Hans";
    reference = the non-empty reference1..3 joined with newlines; answer stripped of
    surrounding whitespace (kept even when that leaves it empty: a few blank answers are
    graded). split is "train" / "test" for train.jsonl / test.jsonl and None for any
    other file (all.jsonl). Ids are ``ads-<file stem>-<line number>``.
    """
    split = _ads_split(path)
    rows = []
    for no, obj in _jsonl(path):
        try:
            raw = _AdsRow.model_validate(obj)
            rows.append(
                GoldAnswer(
                    id=f"ads-{path.stem}-{no}",
                    question_id=raw.q_id.strip(),
                    question=raw.question.strip(),
                    reference=_join_references([raw.reference1, raw.reference2, raw.reference3]),
                    answer=raw.answer.strip(),
                    gold=float(raw.points()),
                    scale=ADS_SCALE,
                    lang="zh-Hans",
                    split=split,
                )
            )
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            raise ValueError(f"{path}: line {no}: bad ADS row ({_first_line(exc)})") from None
    return _checked(rows, path)


# --------------------------------------------------------------------------- SemEval-2013

SEMEVAL_SCALE = 2.0
SEMEVAL_LABELS = {"correct": 2.0, "incorrect": 1.0, "contradictory": 0.0}
SEMEVAL_CORPORA = ("sciEntsBank", "beetle")
SEMEVAL_PARTS = ("train", "test-unseen-answers", "test-unseen-questions", "test-unseen-domains")


def _semeval_prefix(corpus: str, part: str) -> str:
    """The folder inside semeval-3way.zip that holds one corpus's part."""
    if corpus not in SEMEVAL_CORPORA:
        raise ValueError(f"unknown corpus {corpus!r} (one of {', '.join(SEMEVAL_CORPORA)})")
    if part not in SEMEVAL_PARTS:
        raise ValueError(f"unknown part {part!r} (one of {', '.join(SEMEVAL_PARTS)})")
    if part == "train":
        return f"training/3way/{corpus}/"
    return f"test/3way/{corpus}/{part}/"


def _semeval_members(archive: zipfile.ZipFile, prefix: str) -> list[str]:
    """The XML files directly inside ``prefix``, sorted."""
    return sorted(
        name
        for name in archive.namelist()
        if name.startswith(prefix) and name.endswith(".xml") and "/" not in name[len(prefix) :]
    )


def _text(element: ET.Element | None) -> str:
    """All the text inside an element, stripped ("" for a missing element)."""
    return "".join(element.itertext()).strip() if element is not None else ""


def _semeval_question(data: bytes, corpus: str, split: str) -> Iterator[GoldAnswer]:
    """The graded answers of one question file (raises ValueError on a malformed file)."""
    root = ET.fromstring(data)
    question_id = root.get("id")
    if root.tag != "question" or not question_id:
        raise ValueError("root is not a <question id=...> element")
    question = _text(root.find("questionText"))
    reference = _join_references(
        _text(ref) for ref in root.iterfind("referenceAnswers/referenceAnswer")
    )
    for pos, student in enumerate(root.iterfind("studentAnswers/studentAnswer"), 1):
        label = student.get("accuracy", "")
        if label not in SEMEVAL_LABELS:
            raise ValueError(f"studentAnswer {pos}: accuracy {label!r} is not a 3-way label")
        answer_id = student.get("id") or f"{question_id}.{pos}"
        yield GoldAnswer(
            id=f"semeval-{corpus}-{answer_id}",
            question_id=question_id,
            question=question,
            reference=reference,
            answer=_text(student),
            gold=SEMEVAL_LABELS[label],
            scale=SEMEVAL_SCALE,
            lang="en",
            split=split,
            kind=label,
        )


def load_semeval(
    zip_path: Path, corpus: str = "sciEntsBank", part: str = "train"
) -> list[GoldAnswer]:
    """SemEval-2013 Task 7, 3-way labels: English science answers from semeval-3way.zip.

    ``corpus`` is "sciEntsBank" or "beetle"; ``part`` is "train" (the zip's
    training/3way/<corpus>/*.xml) or one of "test-unseen-answers", "test-unseen-questions",
    "test-unseen-domains" (test/3way/<corpus>/<part>/*.xml; Beetle has no unseen-domains).
    Each XML file is one question with its reference answers and labelled student answers.

    The labels become an ordinal score out of 2: correct 2, incorrect 1, contradictory 0,
    with the label name kept in ``kind``. ("incorrect" merges the 5-way labels
    partially-correct-incomplete, irrelevant and non-domain, so it ranks above an answer
    that contradicts the reference.) reference = all the question's reference answers
    joined with newlines (Beetle lists several, graded BEST/GOOD/MINIMAL upstream);
    split = "train" or "test"; ids are ``semeval-<corpus>-<studentAnswer id>``.
    Beetle's ``count`` attribute (how many students gave that answer) is ignored: each
    answer is one row.
    """
    try:
        prefix = _semeval_prefix(corpus, part)
    except ValueError as exc:
        raise ValueError(f"{zip_path}: {exc}") from None
    split = "train" if part == "train" else "test"
    try:
        with zipfile.ZipFile(zip_path) as archive:
            members = _semeval_members(archive, prefix)
            if not members:
                raise ValueError(f"{zip_path}: no XML files under {prefix}")
            rows: list[GoldAnswer] = []
            for member in members:
                try:
                    rows.extend(_semeval_question(archive.read(member), corpus, split))
                except (ET.ParseError, ValueError) as exc:
                    raise ValueError(
                        f"{zip_path}: {member}: bad SemEval question ({_first_line(exc)})"
                    ) from None
    except FileNotFoundError:
        raise ValueError(f"{zip_path}: file not found") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValueError(f"{zip_path}: cannot read the zip ({_first_line(exc)})") from None
    return _checked(rows, zip_path)


# --------------------------------------------------------------------------- seed gold

SEED_GOLD_SCALE = 10.0


class _SeedRow(BaseModel):
    """One line of the project's seed_gold.jsonl."""

    model_config = ConfigDict(extra="forbid")

    id: str
    item_id: str
    question: str
    kind: str
    lang: Literal["en", "zh-Hans", "zh-Hant"]
    answer: str
    gold: float
    rationale: str = ""
    split: Literal["dev", "test"]
    twin: str | None = None


def load_seed_gold(path: Path) -> list[GoldAnswer]:
    """The project's hand-graded answers (evals/data/seed_gold.jsonl), scored 0-10.

    Each line has id, item_id, question, kind, lang, answer, gold, rationale, split
    ("dev"/"test") and twin (may be null or absent; rationale may be absent).
    question_id = item_id, reference None (the item's answer lives in the store),
    scale 10; kind, item_id and twin are carried over, the rationale is not.
    """
    rows = []
    for no, obj in _jsonl(path):
        try:
            raw = _SeedRow.model_validate(obj)
            rows.append(
                GoldAnswer(
                    id=raw.id,
                    question_id=raw.item_id,
                    question=raw.question,
                    reference=None,
                    answer=raw.answer,
                    gold=raw.gold,
                    scale=SEED_GOLD_SCALE,
                    lang=raw.lang,
                    split=raw.split,
                    kind=raw.kind,
                    item_id=raw.item_id,
                    twin=raw.twin,
                )
            )
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            raise ValueError(f"{path}: line {no}: bad seed_gold row ({_first_line(exc)})") from None
    return _checked(rows, path)
