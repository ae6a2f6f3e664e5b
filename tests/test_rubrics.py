"""The authored rubrics of the default corpus, and the rubric model's checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.corpus import iter_note_files, load_note, parse_note
from interviewer.corpus.items import Item
from interviewer.rubric import RubricBook, load_rubric_file
from interviewer.rubric.derive import derive_rubric
from interviewer.rubric.models import KeyPoint, Rubric

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def corpus_items():
    return [
        it
        for f in iter_note_files(CORPUS)
        if f.suffix == ".txt"
        for it in parse_note(load_note(f), f.name).items
    ]


def test_every_text_item_has_an_authored_rubric_for_its_question():
    book = RubricBook.from_dir(CORPUS / "rubrics")
    items = corpus_items()
    text_items = [it for it in items if it.answer_kind == "text"]
    assert len(book) == len(text_items) == 101
    for it in text_items:
        rubric = book.get(it.id)
        assert rubric is not None, it.id
        assert rubric.question == it.question
        assert rubric.origin == "authored"
        assert 2 <= len(rubric.points) <= 6


def test_rubric_files_are_one_per_note():
    notes = {p.name for p in CORPUS.glob("*.txt")}
    for path in (CORPUS / "rubrics").glob("*.yaml"):
        assert load_rubric_file(path).note in notes
        assert path.stem + ".txt" in notes


def test_versions_change_with_content():
    p = [
        KeyPoint(id="a", claim="x", en=["x"], zh=["x"]),
        KeyPoint(id="b", claim="y", en=["y"], zh=["y"]),
    ]
    r1 = Rubric(item="i", question="q", points=p)
    r2 = Rubric(item="i", question="q", points=[p[0], p[1].model_copy(update={"weight": 2.0})])
    assert (
        r1.version != r2.version and r1.version == Rubric(item="i", question="q", points=p).version
    )


def test_bad_rubrics_are_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown point"):
        Rubric(
            item="i",
            question="q",
            points=[
                KeyPoint(id="a", claim="x", en=["x"], zh=["x"]),
                KeyPoint(id="b", claim="y", en=["y"], zh=["y"]),
            ],
            misconceptions=[{"claim": "m", "en": ["m"], "zh": ["m"], "contradicts": "zzz"}],
        )
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "note: x.txt\nrubrics:\n  - item: i\n    question: q\n    points: []\n    typo: 1\n"
    )
    with pytest.raises(ValueError, match=str(bad)):
        load_rubric_file(bad)


def test_derived_rubric_takes_the_reference_claims():
    item = Item(
        id="x",
        question="What is dropout?",
        source="n.md",
        lines=(1, 3),
        section="",
        lang="en",
        answer_kind="text",
        answer="Dropout zeroes random units during training. It reduces overfitting.\n\n![](img.png)",
    )
    rubric = derive_rubric(item)
    assert rubric.origin == "derived"
    assert [p.claim for p in rubric.points] == [
        "Dropout zeroes random units during training.",
        "It reduces overfitting.",
    ]
