"""Peer answers: a batch's other answers to a question (unscored) are a second view of an
answer graded against a derived rubric. The bank's arithmetic; the grader with the real
embedder; `interviewer grade` with and without peers, resumed; the worker spec."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from interviewer.cli import main
from interviewer.corpus.items import Item
from interviewer.grading.parallel import build_grader
from interviewer.grading.peers import PeerBank
from interviewer.grading.rubric_grader import RubricGrader
from interviewer.rubric import RubricBook
from interviewer.rubric.derive import derive_rubric

QUESTION = "What is a stack?"
REFERENCE = "A data structure that stores items in last-in first-out order."
ANSWER = "A stack keeps elements so that the last one pushed is the first one popped."
# what a class says: the same idea in many wordings, and some wrong answers
RIGHT = [
    "A stack is a LIFO structure: you push on top and pop from the top.",
    "Elements are added and removed at the same end, last in first out.",
    "A list where the most recently inserted element is removed first.",
    "Last in, first out: push adds to the top, pop takes the top element.",
    "It stores data so that the newest item is the first to come out.",
    "A pile of items where only the top one can be taken off, LIFO.",
]
WRONG = [
    "A stack is a sorted array searched with binary search.",
    "A tree where every node has at most two children.",
    "A table mapping keys to values through a hash function.",
    "A graph traversal that visits neighbours level by level.",
    "A loop that repeats until a condition becomes false.",
    "Memory on the disk used to store files permanently.",
]


def test_the_bank_compares_an_answer_with_the_others_only():
    bank = PeerBank(min_peers=2)
    a, b, c = (np.array(v) / np.linalg.norm(v) for v in ([1.0, 0.0], [1.0, 0.2], [0.0, 1.0]))
    for v in (a, b, c):
        bank.add("q", v)
    others = (b + c) / np.linalg.norm(b + c)
    assert bank.similarity("q", a) == pytest.approx(float(a @ others))
    assert bank.similarity("other", a) is None  # no answers to that item
    few = PeerBank(min_peers=2)
    few.add("q", a)
    few.add("q", b)
    assert few.similarity("q", a) is None  # one other answer is not a class
    assert len(bank) == 3


@pytest.fixture(scope="module")
def stack(embedder):
    item = Item(
        id="input-stack",
        question=QUESTION,
        answer=REFERENCE,
        source="(input reference)",
        lines=(1, 1),
        section="",
        lang="en",
        answer_kind="text",
    )
    rubric = derive_rubric(item)

    def grader(peers: list[str] | None = None) -> RubricGrader:
        g = RubricGrader(embedder)
        if peers is not None:
            g.add_peers([(item.id, a) for a in peers])
        return g

    return grader, item, rubric


def test_peers_saying_the_same_lift_an_answer_and_others_lower_it(stack):
    grader, item, rubric = stack
    alone = grader().grade(item, rubric, ANSWER)
    agreeing = grader([ANSWER, *RIGHT]).grade(item, rubric, ANSWER)
    disagreeing = grader([ANSWER, *WRONG]).grade(item, rubric, ANSWER)
    assert "peer_answers" not in alone.flags
    assert "peer_answers" in agreeing.flags and "peer_answers" in disagreeing.flags
    assert disagreeing.score < agreeing.score
    assert [p.verdict for p in agreeing.points] == [p.verdict for p in alone.points]
    # fewer than five other answers: no peer share
    assert grader([ANSWER, *RIGHT[:4]]).grade(item, rubric, ANSWER) == alone


def test_peers_never_lift_what_a_guard_zeroes_or_caps(stack):
    grader, item, rubric = stack
    dont = "I don't know."
    keywords = "stack, push, pop, LIFO, top"
    g = grader([dont, keywords, *[dont] * 6, *[keywords] * 6])
    assert g.grade(item, rubric, dont).score == 0.0
    graded = g.grade(item, rubric, keywords)
    assert "keyword_list" in graded.flags and graded.score <= 2.0


def test_authored_rubrics_do_not_use_peers(built_store_dir, embedder):
    from interviewer.store import ItemStore

    store = ItemStore(built_store_dir, embedder)
    item = next(it for it in store.items() if it.question == "What is dropout?")
    rubric = RubricBook.from_dir(Path(__file__).resolve().parent.parent / "corpus" / "rubrics").get(
        item.id
    )
    answer = "Dropout randomly drops neurons during training to reduce overfitting."
    g = RubricGrader(embedder)
    alone = g.grade(item, rubric, answer)
    g.add_peers([(item.id, a) for a in [answer, *WRONG]])
    assert g.grade(item, rubric, answer) == alone


def test_a_worker_grades_with_the_batch_peers(stack):
    grader, item, rubric = stack
    g = grader([ANSWER, *WRONG])
    spec = g.worker_spec([(item, rubric)])
    assert spec.peers is g.peers
    worker = build_grader(spec)
    assert worker.grade(item, rubric, ANSWER) == g.grade(item, rubric, ANSWER)


def _rows(path: Path, answers: list[str]) -> Path:
    path.write_text(
        "".join(
            json.dumps({"id": str(i), "question": QUESTION, "reference": REFERENCE, "answer": a})
            + "\n"
            for i, a in enumerate(answers)
        ),
        encoding="utf-8",
    )
    return path


def _read(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_grade_uses_the_files_answers_as_peers_and_resumes_alike(tmp_path, data_env, embedder):
    src = _rows(tmp_path / "in.jsonl", [ANSWER, *RIGHT, *WRONG])
    full, alone, resumed = (
        tmp_path / "full.jsonl",
        tmp_path / "alone.jsonl",
        tmp_path / "resumed.jsonl",
    )
    for out, extra in ((full, []), (alone, ["--no-peers"])):
        result = CliRunner().invoke(main, ["grade", str(src), "-o", str(out), *extra])
        assert result.exit_code == 0, result.output
    with_peers, without = _read(full), _read(alone)
    assert len(with_peers) == len(without) == 13
    assert all("peer_answers" in r["flags"] for r in with_peers)
    assert not any("peer_answers" in r["flags"] for r in without)
    assert [r["score"] for r in with_peers] != [r["score"] for r in without]
    # a wrong answer is further from the class (mostly right answers) than a right one
    g = RubricGrader(embedder)
    g.add_peers([("input-x", a) for a in [ANSWER, *RIGHT, *WRONG]])
    cos = [g.peers.similarity("input-x", g.answer_vector(a)) for a in [*RIGHT, *WRONG]]
    assert np.mean(cos[: len(RIGHT)]) > np.mean(cos[len(RIGHT) :])
    # a run stopped after 4 rows and resumed grades as the uninterrupted one
    resumed.write_text("".join(json.dumps(r) + "\n" for r in with_peers[:4]), encoding="utf-8")
    result = CliRunner().invoke(main, ["grade", str(src), "-o", str(resumed)])
    assert result.exit_code == 0, result.output
    assert _read(resumed) == with_peers
