"""The coach with a scripted model: what it asks the model, what it returns, and its
visible fallbacks. Grades come from the real rubric grader."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from interviewer.corpus.lang import detect_lang
from interviewer.grading.facts import WrongFact, coach_facts
from interviewer.grading.follow_up import follow_up_term
from interviewer.grading.rubric_grader import RubricGrader
from interviewer.llm import FakeLLM, LLMUnavailable
from interviewer.llm.coach import (
    LLMCoach,
    key_term,
    lead,
    phrase,
    point_labels,
)
from interviewer.llm.reply_stream import first_paragraph
from interviewer.rubric import RubricBook

RUBRICS = Path(__file__).resolve().parent.parent / "corpus" / "rubrics"
PARTIAL_EN = "Dropout randomly drops neurons during training to reduce overfitting."
PARTIAL_ZH = "Dropout 在训练时随机丢弃一部分神经元，用来减轻过拟合。"


@pytest.fixture(scope="module")
def dropout(built_store_dir, embedder):
    from interviewer.store import ItemStore

    store = ItemStore(built_store_dir, embedder)
    item = next(it for it in store.items() if it.question == "What is dropout?")
    rubric = RubricBook.from_dir(RUBRICS).get(item.id)
    grader = RubricGrader(embedder, pool=store.items())
    return item, rubric, {a: grader.grade(item, rubric, a) for a in (PARTIAL_EN, PARTIAL_ZH)}


def worded(coach: LLMCoach, chunks) -> str:
    """The feedback after its lead (which comes first, whole, as the grade says it)."""
    chunks = list(chunks)
    assert chunks[0] == coach.opening and coach.opening
    return "".join(chunks[1:])


def test_feedback_streams_the_models_words_about_the_grade(dropout):
    item, rubric, grades = dropout
    words = "还缺少测试时的处理：推理时不丢弃神经元，而是按保留概率缩放输出。"
    fake = FakeLLM([words])
    coach = LLMCoach(fake)
    chunks = list(coach.feedback(item, rubric, grades[PARTIAL_ZH], PARTIAL_ZH))
    assert len(chunks) > 2 and worded(coach, chunks).startswith(words) and coach.worded
    assert not coach.llm_unavailable and coach.fallback_reason is None
    user = fake.prompts[0][1].content
    labels = point_labels(rubric)
    missing = [labels[p.point] for p in grades[PARTIAL_ZH].points if p.verdict != "covered"]
    assert missing and f"Missed (or only partly made): {', '.join(missing)}." in user
    focus = coach.gap(rubric, grades[PARTIAL_ZH], [])
    assert user.endswith(f"FEEDBACK in Chinese on {labels[focus.id]}.")
    covered = [labels[p.point] for p in grades[PARTIAL_ZH].points if p.verdict == "covered"]
    assert covered and f"Covered: {', '.join(covered)}." in user
    # the model is not asked to credit the candidate: no sentence of the answer reaches it
    # unless it states a wrong claim
    assert PARTIAL_ZH not in user


def test_feedback_opens_with_what_the_grade_found(dropout):
    """The lead, from the grade alone and shown at once: the weightiest covered point, how
    many were covered, the first wrong claim in the answer's words; else that no point is
    fully made. In the answer's language and script."""
    item, rubric, grades = dropout
    facts = coach_facts(item, rubric, grades[PARTIAL_EN], PARTIAL_EN)
    best = max(facts.covered, key=lambda p: p.weight)
    one = "You got this right: " if len(facts.covered) == 1 else "You got "
    assert lead(facts).startswith(one) and best.phrase.rstrip(".") in lead(facts)
    missed = tuple(replace(p, verdict="missing", credit=0.0) for p in facts.points)
    assert lead(replace(facts, points=missed)) == "None of the key points is fully made yet. "
    said = "Dropout is also applied at test time with the same rate, " + "as in training " * 10
    wrong = WrongFact(claim="Dropout stays on at test time.", texts=(), quote=said, corrects=None)
    text = lead(replace(facts, points=missed, wrong=(wrong,)))
    assert text.startswith("This is not right: “Dropout is also applied at test time")
    assert text.endswith("…”. ") and len(text) < 130  # cut between words
    unquoted = replace(wrong, quote=None)
    assert lead(replace(facts, points=missed, wrong=(unquoted,))) == (
        "One claim is not right: Dropout stays on at test time. "
    )
    hant = coach_facts(
        item, rubric, grades[PARTIAL_ZH], "Dropout 在訓練時隨機丟棄神經元，減輕過擬合。"
    )
    assert hant.lang == "zh-Hant" and detect_lang(lead(hant)) == "zh-Hant"


def test_prepare_sends_the_questions_context_ahead_without_the_answer(dropout):
    item, rubric, grades = dropout
    fake = FakeLLM(["Good."])
    coach = LLMCoach(fake)
    coach.prepare(item, rubric).join()
    assert fake.prompts == [] and len(fake.primed) == 1  # no scripted reply used up
    system, context = fake.primed[0]
    assert item.question in context.content
    assert all(p.en[0] in context.content and p.zh[0] in context.content for p in rubric.points)
    list(coach.feedback(item, rubric, grades[PARTIAL_EN], PARTIAL_EN))
    assert fake.prompts[0][0] == system and fake.prompts[0][1].content.startswith(context.content)


def test_warm_sends_the_instructions_every_prompt_opens_with(dropout):
    """`warm` (run before the app says the LLM is ready) primes the system message alone:
    the same for every question, so every later prompt reuses it from the model's cache;
    meanwhile the coach's status says the model is still starting."""
    item, rubric, _ = dropout
    seen = []

    class Watched(FakeLLM):
        def prime(self, messages):
            seen.append(coach.status().state)
            super().prime(messages)

    fake = Watched()
    coach = LLMCoach(fake)
    coach.warm()
    coach.prepare(item, rubric).join()
    (shared,), (system, _context) = fake.primed
    assert shared == system and shared.role == "system"
    assert seen == ["starting", "ready"] and coach.status().state == "ready"


def test_feedback_stops_at_the_end_of_its_first_paragraph(dropout):
    item, rubric, grades = dropout
    coach = LLMCoach(FakeLLM(["\nTest time is missing.\nVerdict: Covered: A."]))
    text = worded(coach, coach.feedback(item, rubric, grades[PARTIAL_EN], PARTIAL_EN))
    assert text.startswith("\nTest time is missing.\n\nTo add: ")
    assert "Verdict" not in text
    assert list(first_paragraph(["ab", "\ncd"])) == ["ab"]
    assert list(first_paragraph(["ab", "c\n\nd", "e"])) == ["ab", "c"]
    assert list(first_paragraph(["\n\nab", "c"])) == ["\n\nab", "c"]


def test_feedback_that_does_not_name_the_missing_point_gets_it_added(dropout):
    item, rubric, grades = dropout
    grade = grades[PARTIAL_EN]
    focus = LLMCoach(FakeLLM()).gap(rubric, grade, [])
    point = phrase(rubric, focus.id, "en")
    term = key_term(point, item.question)
    assert term
    vague = LLMCoach(FakeLLM(["Think about the whole network."]))
    assert (
        worded(vague, vague.feedback(item, rubric, grade, PARTIAL_EN))
        == f"Think about the whole network.\n\nTo add: {point}"
    )
    named = f"What is left out is {term.upper()}."  # the term in any case
    coach = LLMCoach(FakeLLM([named]))
    assert worded(coach, coach.feedback(item, rubric, grade, PARTIAL_EN)) == named
    nothing_missing = grade.model_copy(
        update={
            "points": [
                p.model_copy(update={"verdict": "covered", "credit": 1.0}) for p in grade.points
            ]
        }
    )
    complete = LLMCoach(FakeLLM(["Complete."]))
    assert worded(complete, complete.feedback(item, rubric, nothing_missing, PARTIAL_EN)) == (
        "Complete."
    )


def test_feedback_is_shown_a_checked_sentence_at_a_time(dropout):
    item, rubric, grades = dropout  # the scripted model streams 8 characters a chunk
    zh = LLMCoach(FakeLLM(["你答到了训练时随机丢弃神经元。还缺少测试时的缩放。"]))
    chunks = list(zh.feedback(item, rubric, grades[PARTIAL_ZH], PARTIAL_ZH))
    assert chunks[1] == "你答到了训练时随机丢弃神经元。"
    en = LLMCoach(FakeLLM(["You are right that dropout drops units. Test time is missing."]))
    chunks = list(en.feedback(item, rubric, grades[PARTIAL_EN], PARTIAL_EN))
    assert chunks[1] == "You are right that dropout drops units."
    mixed = LLMCoach(FakeLLM(["Dropout 的作用是在训练时随机丢弃神经元。"] * 2))  # English first
    assert (
        worded(mixed, mixed.feedback(item, rubric, grades[PARTIAL_EN], PARTIAL_EN))
        == "\n\n" + grades[PARTIAL_EN].feedback
    )
    assert not mixed.worded
    assert mixed.fallback_reason == "wrong_language"


def test_a_long_sentence_is_shown_a_checked_clause_at_a_time(dropout):
    item, rubric, grades = dropout
    zh = LLMCoach(FakeLLM(["你答到了训练时随机丢弃神经元，这能减轻过拟合。还缺少测试时的缩放。"]))
    chunks = list(zh.feedback(item, rubric, grades[PARTIAL_ZH], PARTIAL_ZH))
    assert chunks[1] == "你答到了训练时随机丢弃神经元"  # the comma waits for what follows it
    assert "".join(chunks[1:]).startswith("你答到了训练时随机丢弃神经元，这能减轻过拟合。")
    # a sentence whose later clause credits what the grade did not find ends where its
    # checked part ends
    invented = (
        "You are right that dropout drops neurons during training, and that at test time "
        "dropout is switched off and activations are scaled by the keep probability."
    )
    en = LLMCoach(FakeLLM([invented + " Add the test-time scaling."]))
    notes: list[str] = []
    text = worded(en, en.feedback(item, rubric, grades[PARTIAL_EN], PARTIAL_EN, notes))
    assert text.startswith("You are right that dropout drops neurons during training. Add")
    assert "keep probability" not in text.split("Add")[0]
    assert any(n.startswith("llm_unfaithful: invented_attribution") for n in notes)


def test_feedback_that_repeats_the_prompts_layout_is_dropped(dropout):
    item, rubric, grades = dropout  # what the local model wrote in the benchmark
    for echo in ('A covered, the answer says: "dropout drops units".', "Verdict: Nothing covered."):
        coach = LLMCoach(FakeLLM([echo + " Dropout is off at test time."]))
        notes: list[str] = []
        text = worded(coach, coach.feedback(item, rubric, grades[PARTIAL_EN], PARTIAL_EN, notes))
        assert text.strip().startswith("Dropout is off at test time.") and "covered" not in text
        assert any(n.startswith("llm_unfaithful: echoes_prompt") for n in notes)
    # a first line that only repeats the prompt is skipped, and the feedback after it read
    opener = LLMCoach(FakeLLM(["Verdict: Nothing covered.\nDropout is off at test time."]))
    text = worded(opener, opener.feedback(item, rubric, grades[PARTIAL_EN], PARTIAL_EN))
    assert text.startswith("Dropout is off at test time.")
    # and the examples' layout before the first words is cut off
    replied = LLMCoach(FakeLLM(["Reply: Dropout is off at test time."]))
    text = worded(replied, replied.feedback(item, rubric, grades[PARTIAL_EN], PARTIAL_EN))
    assert text.startswith("Dropout is off at test time.")
    labelled = LLMCoach(FakeLLM(["B. Dropout is off at test time."]))  # (README test)
    text = worded(labelled, labelled.feedback(item, rubric, grades[PARTIAL_EN], PARTIAL_EN))
    assert text.startswith("Dropout is off at test time.")
    listed = LLMCoach(FakeLLM(["Covered: A.\nDropout is off at test time."]))
    text = worded(listed, listed.feedback(item, rubric, grades[PARTIAL_EN], PARTIAL_EN))
    assert text.startswith("Dropout is off at test time.")
    zh = LLMCoach(FakeLLM(["训练时随机丢弃神经元。因此，A 被覆盖了。"]))
    assert "被覆盖" not in "".join(zh.feedback(item, rubric, grades[PARTIAL_ZH], PARTIAL_ZH))


def test_feedback_of_which_nothing_holds_up_is_asked_for_once_more_plainly(dropout):
    item, rubric, grades = dropout  # what the local model wrote in the README default test
    echo = "The candidate has not covered the key points A, B, C, or D."
    fake = FakeLLM([echo, "Dropout is switched off at test time."])
    coach = LLMCoach(fake)
    notes: list[str] = []
    text = worded(coach, coach.feedback(item, rubric, grades[PARTIAL_EN], PARTIAL_EN, notes))
    assert text.startswith("Dropout is switched off at test time.") and coach.worded
    assert notes[0].startswith("llm_unfaithful: echoes_prompt")
    assert "no letters, no lists" in fake.prompts[1][-1].content
    assert len(fake.prompts) == 2  # once more, not again and again


def test_feedback_in_traditional_chinese_is_converted(dropout):
    item, rubric, grades = dropout
    coach = LLMCoach(FakeLLM(["训练时随机丢弃神经元，测试时按保留概率缩放。"]))
    answer = "Dropout 在訓練時隨機丟棄一部分神經元，用來減輕過擬合。"
    text = "".join(coach.feedback(item, rubric, grades[PARTIAL_ZH], answer))
    assert detect_lang(text) == "zh-Hant" and "訓練" in text


def test_feedback_falls_back_to_the_template_and_says_so(dropout):
    item, rubric, grades = dropout
    coach = LLMCoach(FakeLLM([LLMUnavailable("down")]))
    text = worded(coach, coach.feedback(item, rubric, grades[PARTIAL_EN], PARTIAL_EN))
    assert text == "\n\n" + grades[PARTIAL_EN].feedback  # after the lead
    assert coach.llm_unavailable and coach.fallback_reason.startswith("llm_unavailable")


def test_feedback_in_the_wrong_language_is_replaced(dropout):
    item, rubric, grades = dropout
    english = "1. **Right**: The answer correctly states that dropout is a regularizer."
    coach = LLMCoach(FakeLLM([english, english]))  # asked once more, still English
    text = worded(coach, coach.feedback(item, rubric, grades[PARTIAL_ZH], PARTIAL_ZH))
    assert text == "\n\n" + grades[PARTIAL_ZH].feedback
    assert coach.fallback_reason == "wrong_language"
    assert not coach.llm_unavailable
    # asked again with the language insisted on, the model's words in Chinese are shown
    fake = FakeLLM([english, "你答到了训练时随机丢弃神经元。"])
    coach = LLMCoach(fake)
    text = worded(coach, coach.feedback(item, rubric, grades[PARTIAL_ZH], PARTIAL_ZH))
    assert text.startswith("你答到了训练时随机丢弃神经元。")
    assert fake.prompts[1][-1].content.endswith("Write the feedback in Chinese only.")
    coach = LLMCoach(FakeLLM(["很好。"]))  # short, but in the right language
    assert worded(coach, coach.feedback(item, rubric, grades[PARTIAL_ZH], PARTIAL_ZH)).startswith(
        "很好。\n\n还要补上："
    )


def test_follow_up_asks_about_the_biggest_gap_in_the_answers_language(dropout):
    item, rubric, grades = dropout
    grade = grades[PARTIAL_EN]
    coach = LLMCoach(FakeLLM())
    gap = coach.gap(rubric, grade, [])
    results = {r.point: r for r in grade.points}
    assert results[gap.id].verdict != "covered"
    assert all(
        gap.weight * (1 - results[gap.id].credit) >= r.weight * (1 - r.credit)
        for r in grade.points
        if r.verdict != "covered"
    )
    term, named = follow_up_term(coach_facts(item, rubric, grade, PARTIAL_EN), gap.id, PARTIAL_EN)
    assert term and not named  # a term of the point the answer does not name
    fake = FakeLLM([f'"Follow-up: How does {term} relate to overfitting?"'])
    coach = LLMCoach(fake)
    question = coach.follow_up(item, rubric, grade, PARTIAL_EN, [])
    assert question == f"How does {term} relate to overfitting?" and coach.fallback_reason is None
    user = fake.prompts[0][1].content
    assert f"FOLLOW-UP in English on {point_labels(rubric)[gap.id]}, with the term" in user
    assert f'"{term}"' in user and PARTIAL_EN not in user  # (no wrong claim to quote)


def test_follow_up_skips_points_already_asked_and_ends_when_nothing_is_missing(dropout):
    item, rubric, grades = dropout
    grade = grades[PARTIAL_EN]
    coach = LLMCoach(FakeLLM())
    first = coach.gap(rubric, grade, [])
    second = coach.gap(rubric, grade, [first.id])
    assert second is not None and second.id != first.id
    fake = FakeLLM(["Why does it matter?"])
    LLMCoach(fake).follow_up(item, rubric, grade, PARTIAL_EN, [first.id])
    assert (
        f"Asked before, do not ask again: {point_labels(rubric)[first.id]}."
        in fake.prompts[0][1].content
    )
    covered = grade.model_copy(
        update={
            "points": [
                p.model_copy(update={"verdict": "covered", "credit": 1.0}) for p in grade.points
            ]
        }
    )
    fake = FakeLLM(["unused"])
    assert coach.follow_up(item, rubric, covered, PARTIAL_EN, []) is None
    assert fake.prompts == []


@pytest.mark.parametrize(
    "reply,reason",
    [
        ("这个点你能再解释一下吗？", "wrong_language"),
        ("Weight scaling at test time uses the keep probability.", "not_a_question"),
        ("Can you tell me more about it?", "missing_term"),
        ("", "llm_empty"),
        (LLMUnavailable("timeout"), "llm_unavailable: timeout"),
    ],
)
def test_follow_up_falls_back_to_a_template_question(dropout, reply, reason):
    item, rubric, grades = dropout
    coach = LLMCoach(FakeLLM([reply]))
    question = coach.follow_up(item, rubric, grades[PARTIAL_EN], PARTIAL_EN, [])
    gap = coach.gap(rubric, grades[PARTIAL_EN], [])
    facts = coach_facts(item, rubric, grades[PARTIAL_EN], PARTIAL_EN)
    term, _ = follow_up_term(facts, gap.id, PARTIAL_EN)
    assert coach.fallback_reason == reason and coach.llm_unavailable == reason.startswith(
        "llm_unavailable"
    )
    assert question.startswith("Your answer did not mention") and term in question


def test_chinese_follow_up_template(dropout):
    item, rubric, grades = dropout
    coach = LLMCoach(FakeLLM([LLMUnavailable("down")]))
    question = coach.follow_up(item, rubric, grades[PARTIAL_ZH], PARTIAL_ZH, [])
    assert detect_lang(question) == "zh-Hans" and question.startswith("你的回答没有提到")
