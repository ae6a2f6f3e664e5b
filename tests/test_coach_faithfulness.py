"""The coach says only what the grader established (issue 18, "faithful words"): the
faithfulness check on the fixed graded answers of evals/data/coach_faithfulness.yaml, with
scripted replies on the fake backend, and the check's rules one by one. Grades come from
the real rubric grader on the default corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.evals.coach_faithfulness import (
    default_cases_path,
    grade_cases,
    load_cases,
    scripted_report,
)
from interviewer.grading.faithful import check_feedback, check_follow_up, copied_span
from interviewer.grading.follow_up import template_follow_up
from interviewer.grading.rubric_grader import RubricGrader
from interviewer.llm import FakeLLM
from interviewer.llm.coach import LLMCoach
from interviewer.rubric import RubricBook
from interviewer.rubric.derive import derive_rubric

RUBRICS = Path(__file__).resolve().parent.parent / "corpus" / "rubrics"


@pytest.fixture(scope="module")
def graded(built_store_dir, embedder):
    from interviewer.store import ItemStore

    items = ItemStore(built_store_dir, embedder).items()
    book = RubricBook.from_dir(RUBRICS)
    grader = RubricGrader(embedder, pool=items)
    cases = load_cases(default_cases_path())
    return {
        g.case.id: g
        for g in grade_cases(cases, items, lambda it: book.get(it.id) or derive_rubric(it), grader)
    }


def test_the_faithfulness_check_passes_on_every_scripted_reply(graded):
    report = scripted_report(list(graded.values()))
    assert report["failures"] == []
    assert report["unfaithful_shown"] == 0  # nothing the candidate sees breaks a rule
    assert report["bad_caught"] == report["bad_replies"] >= 40
    assert report["ok_kept"] == report["ok_replies"] >= 30
    assert {"en", "zh-Hans", "zh-Hant"} == {g.facts.lang for g in graded.values()}


def test_an_invented_you_are_right_is_dropped_and_said(graded):
    g = graded["bias_variance_no_decomposition"]
    invented = (
        "You are right that the expected error is bias squared plus variance plus "
        "irreducible noise."
    )
    backed = "You are right that bias comes from a model that is too simple."
    notes: list[str] = []
    coach = LLMCoach(FakeLLM([f"{backed} {invented}"]))
    chunks = list(coach.feedback(g.item, g.rubric, g.grade, g.case.answer, notes))
    text = "".join(chunks[1:])  # after the lead
    assert text.startswith(backed) and "expected error is bias squared" not in text
    assert notes == [f"llm_unfaithful: invented_attribution: {invented[:57]}..."]
    assert coach.fallback_reason == notes[0] and not coach.llm_unavailable


def test_feedback_whose_every_sentence_is_dropped_falls_back_to_the_template(graded):
    g = graded["batchnorm_running_stats_covered"]
    missing = (
        "Your answer is missing that at inference BN uses running averages of the "
        "mean and variance."
    )
    coach = LLMCoach(FakeLLM([missing, missing]))  # asked once more: the same again
    notes: list[str] = []
    text = "".join(coach.feedback(g.item, g.rubric, g.grade, g.case.answer, notes))
    assert text == coach.opening + "\n\n" + g.grade.feedback and not coach.worded
    assert not coach.llm_unavailable and len(notes) == 2
    assert notes and notes[0].startswith("llm_unfaithful: contradicts_verdict")


def test_the_issues_chinese_examples_are_caught(graded):
    norms = graded["norms_l2_sparse_misconception"]
    kinds = [v.kind for v in check_feedback("你对L1范数的解释是正确的…能产生稀疏解。", norms.facts)]
    assert kinds == ["invented_attribution"]
    kinds = [v.kind for v in check_feedback("L2…使权重变得非常小，从而得到稀疏解。", norms.facts)]
    assert kinds == ["states_misconception"]
    bn = graded["batchnorm_inference_zh"]
    kinds = [
        v.kind for v in check_feedback("还缺少推理时使用运行平均值得到的全局均值和方差。", bn.facts)
    ]
    assert kinds == ["contradicts_verdict"]


def test_a_key_point_denied_is_caught_and_a_correction_kept(graded):
    """What the local model wrote in the README default-path test denies the point the
    feedback was to explain; a correction that denies the wrong claim is what it is for."""
    g = graded["bias_variance_no_decomposition"]
    denial = (
        "The expected error is not equal to the sum of bias squared, variance, and "
        "irreducible noise."
    )
    assert [v.kind for v in check_feedback(denial, g.facts)] == ["negates_point"]
    affirmed = "The expected error is bias squared plus variance plus irreducible noise."
    assert check_feedback(affirmed, g.facts) == []
    bn = graded["batchnorm_weights_misconception"]
    correction = (
        "Batch normalization normalizes the layer's activations with the mini-batch mean "
        "and variance, not the weights."
    )
    assert check_feedback(correction, bn.facts) == []
    zh = graded["bias_variance_complete_zh"]
    assert (
        check_feedback("错误率和偏差有关。", zh.facts) == []
    )  # 错误率 (error rate) denies nothing


def test_text_in_the_wrong_script_or_language_is_caught(graded):
    g = graded["bias_variance_zh_hant"]  # a traditional-Chinese answer
    simplified = "你说得对，偏差来自模型过于简单，会导致欠拟合。"
    assert [v.kind for v in check_feedback(simplified, g.facts)] == ["wrong_script"]
    traditional = "你說得對，偏差來自模型過於簡單，會導致欠擬合。"
    assert check_feedback(traditional, g.facts) == []
    assert [v.kind for v in check_feedback("Bias comes from a simple model.", g.facts)] == [
        "wrong_language"
    ]


def test_template_follow_ups_never_say_a_named_term_is_missing(graded):
    g = graded["gradient_descent_zh_hant"]  # the answer says 小批次 (mini-batch)
    question = template_follow_up(g.facts, g.target, g.case.answer)
    assert "mini-batch" not in question.lower() and "小批" not in question
    assert check_follow_up(question, g.facts, g.target, g.case.answer) == []
    said = "你的回答沒有講到“mini-batch”。能具體說說嗎？"  # issue 18's example
    assert [v.kind for v in check_follow_up(said, g.facts, g.target, g.case.answer)] == [
        "absent_term_present"
    ]
    acc = graded["accuracy_in_english"]  # the question and the answer name accuracy
    question = template_follow_up(acc.facts, acc.target, acc.case.answer)
    assert "accuracy" not in question.lower()
    assert check_follow_up(question, acc.facts, acc.target, acc.case.answer) == []


def test_a_follow_up_never_pastes_the_point_or_the_answer(graded):
    g = graded["autoencoder_no_bottleneck"]
    pasted = (
        "Can you explain it: The bottleneck forces the network to keep only the most "
        "important information instead of copying the input?"
    )
    assert "gives_away" in [
        v.kind for v in check_follow_up(pasted, g.facts, g.target, g.case.answer)
    ]
    copied = copied_span(
        "Why does an encoder that compresses the input to a latent code help?",
        g.case.answer,
        g.item.question,
    )
    assert copied == "an encoder that compresses the input to a latent code"
    for g in graded.values():
        if g.target:
            question = template_follow_up(g.facts, g.target, g.case.answer)
            assert check_follow_up(question, g.facts, g.target, g.case.answer) == [], g.case.id
