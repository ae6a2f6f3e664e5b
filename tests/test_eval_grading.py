"""The grading eval harness; CI runs the seed_gold suite here, thresholds and all."""

from __future__ import annotations

import json

from click.testing import CliRunner

from interviewer.cli import main
from interviewer.evals.grading import Bound, Graded, check, cross_lang_checks, seed_gold_checks
from interviewer.evals.datasets import GoldAnswer


def test_seed_gold_suite_meets_its_thresholds(data_env, tmp_path):
    result = CliRunner().invoke(main, ["eval", "grading", "seed_gold", "--out", str(tmp_path)])
    report = json.loads((tmp_path / "seed_gold.json").read_text())
    assert result.exit_code == 0, result.output + json.dumps(report["failures"])
    assert report["meta"]["split"] == "test" and report["meta"]["rows"] == 81
    assert report["meta"]["grader"] == "claim-v1"  # the default grader
    assert report["failures"] == []
    assert report["metrics"]["test_retest"] == 1.0
    assert (tmp_path / "seed_gold.md").read_text().count("| spearman |") == 1


def test_realistic_suite_meets_its_gates(data_env, tmp_path):
    """Answers written the way candidates answer, test split, graded by the default grader:
    the targets it meets gate (term-free, thorough and fluent-wrong means); the two it does
    not meet yet (Spearman, one-wrong answers at their twin) are reported."""
    result = CliRunner().invoke(main, ["eval", "grading", "realistic", "--out", str(tmp_path)])
    report = json.loads((tmp_path / "realistic.json").read_text())
    assert result.exit_code == 0, result.output + json.dumps(report["failures"])
    assert report["meta"]["split"] == "test" and report["meta"]["rows"] == 88
    assert report["meta"]["grader"] == "claim-v1"
    assert report["failures"] == [] and report["metrics"]["test_retest"] == 1.0
    gating = {k for k, t in report["thresholds"].items() if t.get("gate", True)}
    assert {"mean_termfree_correct", "mean_thorough_correct", "mean_fluent_wrong"} <= gating


def _row(q, kind, score, twin=None):
    g = GoldAnswer(
        id=f"{q}-{kind}",
        question_id=q,
        question="?",
        reference=None,
        answer="x",
        gold=5,
        scale=10,
        lang="en",
        split="dev",
        kind=kind,
        item_id=q,
        twin=twin,
    )
    return Graded(row=g, score=score, flags=[])


def test_seed_gold_checks():
    graded = [
        _row("q", "strong", 9),
        _row("q", "strong_other_lang", 7),
        _row("q", "partial", 5),
        _row("q", "misconception", 5),
        _row("q", "off_topic", 0),
        _row("q", "dont_know", 0),
        _row("q", "injection", 6, twin="q-partial"),
        _row("q", "padded", 5.4, twin="q-partial"),
        _row("q", "keyword_list", 2),
    ]
    v = seed_gold_checks(graded)
    assert v["ordering_accuracy"] == round(6 / 7, 4)  # partial == misconception is a failure
    assert v["injection_above_twin"] == 1 and v["injection_max_delta"] == 1.0
    assert v["padded_max_delta"] == 0.4 and v["keyword_list_mean"] == 2.0
    assert v["cross_language_gap"] == 2.0 and v["cross_language_gap_per_item"] == 2.0


def test_cross_lang_checks_measure_the_gap_both_ways_and_the_twins():
    graded = [
        _row("a", "strong", 9.0),
        _row("a", "strong_other_lang", 7.0),
        _row("a", "partial_other_lang", 7.0, twin="a-strong_other_lang"),
        _row("b", "strong", 8.0),
        _row("b", "strong_other_lang", 9.0),
        _row("b", "one_wrong_other_lang", 4.0, twin="b-strong_other_lang"),
    ]
    v = cross_lang_checks(graded)
    assert v["cross_language_bias"] == 0.5 and v["cross_language_gap"] == 0.5
    assert v["cross_language_gap_per_item"] == 1.5  # (2 + 1) / 2
    assert v["at_or_above_twin"] == 1  # the partial answer ties its twin
    assert v["mean_strong_other_lang"] == 8.0


def test_thresholds_gate_or_report():
    failures, unmet = check(
        {"a": 0.5, "b": 3.0, "c": None},
        {"a": Bound(min=0.6), "b": Bound(max=1.0, gate=False), "c": Bound(min=0)},
    )
    assert failures == ["a = 0.5 < 0.6", "c: not measured"]
    assert unmet == ["b = 3.0 > 1.0"]


def test_every_committed_suite_is_valid():
    from pathlib import Path

    from interviewer.evals.grading import load_suite

    suites = {
        p.stem: load_suite(p)
        for p in (Path(__file__).resolve().parent.parent / "evals" / "suites").glob("*.yaml")
    }
    assert {"seed_gold", "mohler", "ads", "semeval_unseen_answers"} <= set(suites)
    for name, suite in suites.items():
        assert suite.name == name and suite.thresholds["test_retest"].min == 1.0
    semeval = suites["semeval_unseen_answers"].dataset
    assert (semeval.kind, semeval.part, semeval.split) == ("semeval", "test-unseen-answers", "test")


def test_labels_read_off_the_score_give_accuracy_and_macro_f1():
    from interviewer.evals.grading import Labels, label_agreement

    labels = Labels(names=["contradictory", "incorrect", "correct"], cuts=[2.5, 7.5])

    def row(gold, score):
        g = _row(f"q{gold}{score}", "x", score).row.model_copy(update={"gold": gold, "scale": 2})
        return Graded(row=g, score=score, flags=[])

    # gold correct: 9 -> correct, 7.5 -> correct (a cut belongs to the label above),
    # 7.4 -> incorrect; gold incorrect: 5 -> incorrect; gold contradictory: 2.4 -> right,
    # 2.5 -> incorrect
    v = label_agreement(
        [row(2, 9), row(2, 7.5), row(2, 7.4), row(1, 5), row(0, 2.4), row(0, 2.5)], labels
    )
    assert v["accuracy_3way"] == round(4 / 6, 4)
    # F1: correct 2*2/(4+1) = 0.8, incorrect 2*1/(2+2) = 0.5, contradictory 2*1/(2+1)
    assert v["f1_correct"] == 0.8 and v["f1_incorrect"] == 0.5
    assert v["macro_f1_3way"] == round((0.8 + 0.5 + 2 / 3) / 3, 4)
    assert (v["n_correct"], v["predicted_incorrect"], v["predicted_contradictory"]) == (3, 3, 1)
    assert "accuracy_3way_train_cuts" not in v
    # cut points chosen on a train split are reported beside the a priori ones
    tuned = labels.model_copy(update={"train_cuts": [2.55, 7.35]})
    v = label_agreement(
        [row(2, 9), row(2, 7.5), row(2, 7.4), row(1, 5), row(0, 2.4), row(0, 2.5)], tuned
    )
    assert v["accuracy_3way"] == round(4 / 6, 4) and v["accuracy_3way_train_cuts"] == 1.0


def test_labels_need_one_cut_fewer_than_names_in_order():
    import pytest

    from interviewer.evals.grading import Labels

    for cuts in ([5.0], [7.5, 2.5]):
        with pytest.raises(ValueError, match="cuts must be ascending"):
            Labels(names=["a", "b", "c"], cuts=cuts)


def test_spread_takes_rows_from_the_whole_split():
    from interviewer.evals.grading import spread

    rows = [_row(f"q{i}", "x", 0).row for i in range(10)]
    assert [r.question_id for r in spread(rows, 3)] == ["q0", "q3", "q6"]
    assert spread(rows, 20) == rows


def test_external_table_says_met_or_not_and_the_command(tmp_path, monkeypatch):
    from interviewer.evals import report_docs

    meta = {
        "date": "2026-12-06T11:00:00+00:00",
        "machine": "x86_64, 2 cpus",
        "commit": "0a6a18f0000",
        "command": "interviewer eval grading mohler --data ../m.csv",
        "grader": "rubric-v1",
        "rows": 100,
        "rows_in_split": 855,
    }
    for name, pearson in (("m", 0.55), ("a", 0.61)):
        report = {"meta": meta, "metrics": {"pearson": pearson, "qwk": 0.3}}
        (tmp_path / f"{name}.json").write_text(json.dumps(report))
    monkeypatch.setattr(report_docs, "REPORTS", tmp_path)
    table = report_docs.external_table(
        [("m", "Mohler", "pearson, qwk", 0.6), ("a", "ADS", "pearson", None)]
    )
    lines = table.splitlines()
    assert (
        "| Mohler | `rubric-v1` | 100 of 855 | pearson 0.55, qwk 0.3 | ≥ 0.6 | not met |"
        in lines[2]
    )
    assert "`interviewer eval grading mohler --data ../m.csv`" in lines[2]
    assert "| ADS | `rubric-v1` | 100 of 855 | pearson 0.61 |  |  |" in lines[3]
