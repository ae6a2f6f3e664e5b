"""The grading-eval metrics on hand-computed examples, and the gold-data loaders.

The loaders are tested on tiny files written here; the real data sets are only read (never
copied) from /work/shared/datasets, and those tests skip when it is absent.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import zipfile
from pathlib import Path

import pytest

from interviewer.evals.datasets import (
    GoldAnswer,
    load_ads,
    load_mohler,
    load_seed_gold,
    load_semeval,
    mohler_skipped,
)
from interviewer.evals.metrics import (
    accuracy,
    mae,
    pearson,
    qwk,
    rank_average,
    round_half_up,
    spearman,
)

DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets"


# --------------------------------------------------------------------------- metrics


def test_pearson_perfect_reversed_and_hand_computed():
    assert pearson([1, 2, 3, 4], [2, 4, 6, 8]) == pytest.approx(1.0)
    assert pearson([1, 2, 3, 4], [8, 6, 4, 2]) == pytest.approx(-1.0)
    # dx = (-1, 0, 1), dy = (-1, 1, 0): r = 1 / sqrt(2 * 2) = 0.5
    assert pearson([1, 2, 3], [1, 3, 2]) == pytest.approx(0.5)


def test_average_ranks_share_ties():
    assert rank_average([10, 20, 20, 30]).tolist() == [1, 2.5, 2.5, 4]
    assert rank_average([3, 1, 3, 3]).tolist() == [3, 1, 3, 3]
    assert rank_average([0.5, -2, 7]).tolist() == [2, 1, 3]


def test_spearman_monotone_reversed_and_with_ties():
    assert spearman([1, 2, 3, 4], [1, 4, 9, 100]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [100, 9, 4, 1]) == pytest.approx(-1.0)
    # ranks (1, 2.5, 2.5, 4) vs (1, 2, 3, 4): r = 4.5 / sqrt(4.5 * 5) = sqrt(0.9)
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(math.sqrt(0.9))


def test_mae_and_accuracy():
    assert mae([1, 2, 3], [2, 2, 5]) == pytest.approx(1.0)
    assert mae([4.5], [3]) == pytest.approx(1.5)  # defined for a single item
    assert accuracy([0, 1, 2, 2], [0, 2, 2, 1]) == pytest.approx(0.5)
    assert accuracy([2.0], [2]) == 1.0


def test_qwk_identical_reversed_and_hand_computed():
    assert qwk([0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 4, 5], 0, 5) == pytest.approx(1.0)
    # reversed 1..5 with flat margins: sum(w*O) = 40/16, sum(w*E) = (100/16)/5 -> kappa -1
    assert qwk([1, 2, 3, 4, 5], [5, 4, 3, 2, 1], 1, 5) == pytest.approx(-1.0)
    # k = 3, w = (i-j)^2/4; O has (0,0) (1,2) (2,2) (2,1): sum(w*O) = 0.5;
    # margins (1,1,2) both ways, E = outer/4: sum(w*E) = 5.5/4; kappa = 1 - 0.5/1.375 = 7/11
    assert qwk([0, 1, 2, 2], [0, 2, 2, 1], 0, 2) == pytest.approx(7 / 11)


def test_qwk_rounds_half_up_and_clips_into_the_scale():
    assert round_half_up([2.5, 3.5, 0.49, -0.5]).tolist() == [3, 4, 0, 0]
    assert qwk([4.5, 0.2, -1, 11, 2], [5, 0, 0, 10, 2], 0, 10) == pytest.approx(1.0)
    # a constant rater against a varying one is chance level, not undefined
    assert qwk([3, 3, 3], [1, 3, 5], 0, 5) == pytest.approx(0.0)


@pytest.mark.parametrize(
    "value",
    [
        pearson([1], [1]),
        pearson([], []),
        pearson([2, 2, 2], [1, 2, 3]),
        pearson([1, 2, 3], [0.1, 0.1, 0.1]),
        pearson([1, 2, float("nan")], [1, 2, 3]),
        spearman([1], [2]),
        spearman([1, 2, 3], [5, 5, 5]),
        qwk([3], [3], 0, 5),
        qwk([3, 3, 3], [3, 3, 3], 0, 5),
        qwk([1, 2], [1, 2], 2, 2),
        mae([], []),
        accuracy([], []),
    ],
)
def test_undefined_values_are_nan(value):
    assert math.isnan(value)


def test_misuse_raises():
    with pytest.raises(ValueError, match="differ in length"):
        pearson([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="lo"):
        qwk([1, 2], [1, 2], 5, 0)


# --------------------------------------------------------------------------- Mohler

MOHLER_HEADER = [
    "", "Unnamed: 0.1", "Unnamed: 0", "id", "question", "desired_answer",
    "student_answer", "score_me", "score_other", "score_avg",
]  # fmt: skip


def _write_csv(path: Path, rows: list[list[str]], header: list[str] = MOHLER_HEADER) -> Path:
    buf = io.StringIO()
    csv.writer(buf).writerows([header, *rows])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _mohler_rows() -> list[list[str]]:
    q1, q9 = "What is a variable?", "What is a queue?"
    r1, r9 = "A location in memory.", "A FIFO list."
    return [
        ["0", "0", "0", "1.5", q1, r1, "  A named memory\nlocation.  ", "5", "4", "4.5"],
        ["1", "1", "1", "1.5", q1, r1, "#NAME?", "2", "2", "2"],
        ["2", "2", "2", "9.1", q9, r9, "first in, first out", "5", "5", "5"],
        ["3", "3", "3", "12.10", q9, r9, "a stack", "0", "1", "0.5"],
    ]


def test_mohler_loader_skips_the_artifact_and_splits_by_assignment(tmp_path):
    path = _write_csv(tmp_path / "mohler.csv", _mohler_rows())
    rows = load_mohler(path)
    assert [r.id for r in rows] == ["mohler-1", "mohler-3", "mohler-4"]  # ids stay positional
    assert mohler_skipped(path) == 1
    first = rows[0]
    assert first == GoldAnswer(
        id="mohler-1", question_id="1.5", question="What is a variable?",
        reference="A location in memory.", answer="A named memory\nlocation.",
        gold=4.5, scale=5, lang="en", split="train",
    )  # fmt: skip
    assert [r.split for r in rows] == ["train", "test", "test"]
    assert rows[2].gold == 0.5 and rows[2].question_id == "12.10"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({9: "abc"}, "line 4: bad Mohler row"),  # record 1 spans lines 2-3 (a quoted newline)
        ({9: "7"}, "outside 0..5"),
        ({3: "x.1"}, "not '<assignment>.<number>'"),
    ],
)
def test_mohler_malformed_rows_name_file_and_line(tmp_path, change, message):
    rows = _mohler_rows()
    del rows[1]
    for col, value in change.items():
        rows[1][col] = value
    path = _write_csv(tmp_path / "mohler.csv", rows)
    with pytest.raises(ValueError, match="^" + re.escape(f"{path}: ")) as err:
        load_mohler(path)
    assert message in str(err.value)


def test_mohler_wrong_columns_and_missing_file(tmp_path):
    path = _write_csv(tmp_path / "other.csv", [["1", "2"]], header=["a", "b"])
    with pytest.raises(ValueError, match=re.escape(f"{path}: not a Mohler CSV")):
        load_mohler(path)
    missing = tmp_path / "nope.csv"
    with pytest.raises(ValueError, match=re.escape(f"{missing}: file not found")):
        load_mohler(missing)
    short = _write_csv(tmp_path / "short.csv", [["0", "0", "0", "1.1", "q"]])
    with pytest.raises(ValueError, match="wrong number of fields"):
        load_mohler(short)


# --------------------------------------------------------------------------- ADS


def _ads_row(**over: object) -> dict:
    row = {
        "score": "8", "answer": "  采用链式存储结构。\n\n", "q_id": "003",
        "question": "宜采用何种存储结构？", "reference1": "链式存储结构。",
        "reference2": "链表。", "reference3": "",
    }  # fmt: skip
    row.update(over)
    return row


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_ads_loader(tmp_path):
    rows = [_ads_row(), _ads_row(score="10", answer="", reference2="")]
    train = load_ads(_write_jsonl(tmp_path / "train.jsonl", rows))
    assert [r.id for r in train] == ["ads-train-1", "ads-train-2"]
    assert train[0].answer == "采用链式存储结构。"
    assert train[0].reference == "链式存储结构。\n链表。"
    assert train[1].reference == "链式存储结构。" and train[1].answer == ""
    assert [r.gold for r in train] == [8.0, 10.0]
    assert {(r.scale, r.lang, r.split, r.question_id) for r in train} == {
        (10.0, "zh-Hans", "train", "003")
    }
    assert load_ads(_write_jsonl(tmp_path / "test.jsonl", rows))[0].split == "test"
    assert load_ads(_write_jsonl(tmp_path / "all.jsonl", rows))[0].split is None


@pytest.mark.parametrize(
    "bad_line",
    [
        json.dumps(_ads_row(score="ten")),
        json.dumps(_ads_row(score="11")),
        json.dumps({k: v for k, v in _ads_row().items() if k != "answer"}),
        json.dumps(_ads_row(extra="?")),
        '{"score": "8", ',
        "[1, 2]",
    ],
)
def test_ads_malformed_line_names_file_and_line(tmp_path, bad_line):
    path = tmp_path / "train.jsonl"
    path.write_text(json.dumps(_ads_row()) + "\n\n" + bad_line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="^" + re.escape(f"{path}: line 3: ")):
        load_ads(path)


def test_ads_empty_or_missing_file(tmp_path):
    empty = tmp_path / "train.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"{empty}: no rows")):
        load_ads(empty)
    with pytest.raises(ValueError, match="file not found"):
        load_ads(tmp_path / "test.jsonl")


# --------------------------------------------------------------------------- SemEval

SEMEVAL_XML = """<?xml version="1.0"?>
<question id="EM_45b" module="EM">
  <questionText>How did you separate the salt from the water?</questionText>
  <referenceAnswers>
    <referenceAnswer id="EM_45b-a1">The water was evaporated, leaving the salt.</referenceAnswer>
    <referenceAnswer id="EM_45b-a2">Evaporate the water.</referenceAnswer>
  </referenceAnswers>
  <studentAnswers>
    <studentAnswer id="EM.45b.110.1" accuracy="incorrect">By letting it sit.</studentAnswer>
    <studentAnswer id="EM.45b.113.1" accuracy="correct"> Let the water evaporate. </studentAnswer>
    <studentAnswer id="EM.45b.114.1" accuracy="contradictory">The salt evaporated.</studentAnswer>
  </studentAnswers>
</question>
"""


def _write_zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


def _semeval_zip(tmp_path: Path, xml: str = SEMEVAL_XML) -> Path:
    two_way = xml.replace('"contradictory"', '"incorrect"')
    return _write_zip(
        tmp_path / "semeval-3way.zip",
        {
            "training/3way/sciEntsBank/EM_45b.xml": xml,
            "training/2way/sciEntsBank/EM_45b.xml": two_way,
            "test/3way/sciEntsBank/test-unseen-answers/EM_45b.xml": xml,
        },
    )


def test_semeval_loader(tmp_path):
    path = _semeval_zip(tmp_path)
    rows = load_semeval(path)
    assert [(r.id, r.kind, r.gold) for r in rows] == [
        ("semeval-sciEntsBank-EM.45b.110.1", "incorrect", 1.0),
        ("semeval-sciEntsBank-EM.45b.113.1", "correct", 2.0),
        ("semeval-sciEntsBank-EM.45b.114.1", "contradictory", 0.0),
    ]
    first = rows[1]
    assert first.answer == "Let the water evaporate."
    assert first.question == "How did you separate the salt from the water?"
    assert first.reference == "The water was evaporated, leaving the salt.\nEvaporate the water."
    assert (first.question_id, first.scale, first.lang, first.split) == ("EM_45b", 2, "en", "train")
    test = load_semeval(path, part="test-unseen-answers")
    assert len(test) == 3 and {r.split for r in test} == {"test"}


def test_semeval_errors_name_the_zip(tmp_path):
    path = _semeval_zip(tmp_path)
    no_xml = re.escape(f"{path}: no XML files under test/3way/sciEntsBank/")
    with pytest.raises(ValueError, match=no_xml):
        load_semeval(path, part="test-unseen-domains")
    with pytest.raises(ValueError, match=re.escape(f"{path}: unknown part")):
        load_semeval(path, part="dev")
    with pytest.raises(ValueError, match=re.escape(f"{path}: unknown corpus")):
        load_semeval(path, corpus="Beetle")
    bad_label = _semeval_zip(tmp_path, SEMEVAL_XML.replace('"contradictory"', '"irrelevant"'))
    member = re.escape(f"{bad_label}: training/3way/sciEntsBank/EM_45b.xml: ")
    with pytest.raises(ValueError, match=member):
        load_semeval(bad_label)
    broken = _semeval_zip(tmp_path, SEMEVAL_XML[:200])
    with pytest.raises(ValueError, match="bad SemEval question"):
        load_semeval(broken)
    not_zip = tmp_path / "x.zip"
    not_zip.write_text("hello", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"{not_zip}: cannot read the zip")):
        load_semeval(not_zip)
    with pytest.raises(ValueError, match="file not found"):
        load_semeval(tmp_path / "missing.zip")


# --------------------------------------------------------------------------- seed gold


def _seed_row(**over: object) -> dict:
    row = {
        "id": "g1", "item_id": "dl-001", "question": "What is dropout?", "kind": "good",
        "lang": "en", "answer": "Randomly zeroing activations.", "gold": 9,
        "rationale": "complete", "split": "dev", "twin": "g2",
    }  # fmt: skip
    row.update(over)
    return row


def test_seed_gold_loader(tmp_path):
    rows = [_seed_row(), _seed_row(id="g2", lang="zh-Hant", gold=3.5, split="test", twin=None)]
    loaded = load_seed_gold(_write_jsonl(tmp_path / "seed_gold.jsonl", rows))
    assert loaded[0] == GoldAnswer(
        id="g1", question_id="dl-001", question="What is dropout?", reference=None,
        answer="Randomly zeroing activations.", gold=9, scale=10, lang="en", split="dev",
        kind="good", item_id="dl-001", twin="g2",
    )  # fmt: skip
    assert (loaded[1].lang, loaded[1].gold, loaded[1].split, loaded[1].twin) == (
        "zh-Hant",
        3.5,
        "test",
        None,
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([_seed_row(lang="fr")], "line 1: bad seed_gold row"),
        ([_seed_row(), _seed_row(split="train")], "line 2: bad seed_gold row"),
        ([_seed_row(gold=12)], "outside 0..10"),
        ([_seed_row(), _seed_row()], "duplicate id 'g1'"),
    ],
)
def test_seed_gold_malformed(tmp_path, rows, message):
    path = _write_jsonl(tmp_path / "seed_gold.jsonl", rows)
    with pytest.raises(ValueError, match="^" + re.escape(f"{path}: ")) as err:
        load_seed_gold(path)
    assert message in str(err.value)


# --------------------------------------------------------------------------- real data


def _dataset(*parts: str) -> Path:
    path = DATASETS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


def test_real_mohler_counts():
    path = _dataset("mohler", "mohler_dataset_edited.csv")
    rows = load_mohler(path)
    assert len(rows) == 2273 - 9 == 2264
    assert mohler_skipped(path) == 9
    assert len({r.question_id for r in rows}) == 81
    assert {r.split for r in rows} == {"train", "test"}
    assert all(0 <= r.gold <= 5 for r in rows)


def test_real_ads_counts():
    train = load_ads(_dataset("ads", "train.jsonl"))
    test = load_ads(_dataset("ads", "test.jsonl"))
    assert (len(train), len(test)) == (1107, 475)
    assert len(load_ads(_dataset("ads", "all.jsonl"))) == 1107 + 475
    assert len({r.question_id for r in train}) == 15


def test_real_semeval_counts():
    rows = load_semeval(_dataset("semeval2013", "semeval-3way.zip"), "sciEntsBank", "train")
    assert len(rows) == 4969
    assert len({r.question_id for r in rows}) == 135
    assert {r.kind for r in rows} == {"correct", "incorrect", "contradictory"}


def test_macro_f1_is_the_mean_of_the_labels_f1():
    from interviewer.evals.metrics import f1_per_label, macro_f1

    gold, predicted = [0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0]
    # label 0: tp 1, fp 1, fn 1 -> 0.5; label 1: tp 2, fp 1 -> 0.8; label 2: tp 1, fn 1 -> 2/3
    assert f1_per_label(gold, predicted, [0, 1, 2]) == pytest.approx([0.5, 0.8, 2 / 3])
    assert macro_f1(gold, predicted, [0, 1, 2]) == pytest.approx((0.5 + 0.8 + 2 / 3) / 3)
    assert macro_f1(predicted, gold, [0, 1, 2]) == macro_f1(gold, predicted, [0, 1, 2])
    # a label never predicted counts as 0; one neither side gives is left out
    assert macro_f1([0, 1], [0, 0], [0, 1, 2]) == pytest.approx((2 / 3 + 0) / 2)
    assert math.isnan(macro_f1([], [], [0, 1]))
