"""The session engine with the real store, embedder, rubric grader and SQLite; the coach
(the LLM's wording) is scripted where a test needs to see what it was asked."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interviewer.grading.rubric_grader import RubricGrader
from interviewer.session import History, Interview, SessionSettings, TemplateCoach
from interviewer.session.engine import Kit, Library
from interviewer.session.selection import ItemStat, choose, interval, next_level, weight

DROPOUT = "What is dropout?"
STRONG = (
    "Dropout is a regularization technique: during training each neuron is randomly dropped "
    "(set to zero) with some probability, which prevents co-adaptation and reduces overfitting. "
    "It is like training an ensemble of many thinned sub-networks that share weights. At test "
    "time nothing is dropped and activations are scaled by the keep probability."
)
PARTIAL = "Dropout randomly drops neurons during training to reduce overfitting."


class ScriptedCoach(TemplateCoach):
    """Template feedback, scripted follow-up wording; records what it was asked."""

    name = "scripted"

    def __init__(self):
        self.follow_ups: list[tuple[str, list[str]]] = []

    def follow_up(self, item, rubric, grade, answer, asked, notes=None):
        point = super().follow_up(item, rubric, grade, answer, asked, notes)
        self.follow_ups.append((item.id, list(asked)))
        return None if point is None else f"FOLLOW-UP {len(self.follow_ups)}"


@pytest.fixture(scope="module")
def parts(built_store_dir, embedder):
    from interviewer.session.setup import library_from_store
    from interviewer.store import ItemStore

    store = ItemStore(built_store_dir, embedder)
    library = library_from_store(store)
    grader = RubricGrader(embedder, pool=library.items)
    return library, grader


def make_kit(parts, tmp_path: Path, coach=None, only=None, clock=None) -> Kit:
    library, grader = parts
    if only is not None:
        library = Library(
            [it for it in library.items if it.question in only], library.rubrics, library.titles
        )
    kit = Kit(library, grader, coach or TemplateCoach(), History(tmp_path / "history.sqlite3"))
    if clock:
        kit.clock = clock
    return kit


def replies(interview: Interview, text: str) -> list[str]:
    messages: dict[int, str] = {}
    for chunk in interview.reply(text):
        messages[chunk.message] = messages.get(chunk.message, "") + chunk.text
    return [messages[k] for k in sorted(messages)]


def test_questions_never_repeat_and_the_session_ends_with_a_report(parts, tmp_path):
    kit = make_kit(parts, tmp_path)
    iv = Interview.start(kit, "ann", SessionSettings(questions=4, follow_ups=0), seed=3)
    for _ in range(3):
        out = replies(iv, "skip")
        assert "1/4" not in out[-1]
    out = replies(iv, "skip")
    assert iv.finished
    assert len(set(iv.state["asked"])) == 4
    report = iv.report()
    assert report.skipped == 4 and report.answered == 0 and report.mean == 0.0
    assert len(report.study) == 4 and report.weakest
    assert "report" in out[-1].lower() or "报告" in out[-1]
    assert replies(iv, "anything")[0] in (
        "This session is over. Start a new one to keep practising.",
        "本次练习已结束。开始新的练习继续吧。",
    )


def test_an_answer_is_graded_with_feedback_reference_and_one_follow_up(parts, tmp_path):
    coach = ScriptedCoach()
    kit = make_kit(parts, tmp_path, coach=coach, only={DROPOUT, "What is batch normalization?"})
    iv = Interview.start(kit, "ann", SessionSettings(questions=2, follow_ups=1), seed=1)
    while kit.library.get(iv.state["current"]).question != DROPOUT:  # put dropout first
        iv = Interview.start(
            kit, "ann", SessionSettings(questions=2, follow_ups=1), seed=random.randrange(1000)
        )
    feedback, reference, follow_up = replies(iv, PARTIAL)
    assert feedback.startswith("Score ") and "Missing:" in feedback
    assert (
        "Reference answer" in reference and kit.library.get(iv.state["current"]).source in reference
    )
    assert follow_up == "**Follow-up:** FOLLOW-UP 1" and iv.state["phase"] == "follow_up"
    assert coach.follow_ups[0][1] == []  # nothing asked about yet
    point = iv.state["follow_point"]
    out = replies(iv, "It works like an ensemble of many thinned sub-networks sharing weights.")
    assert out[0].startswith("Follow-up: ")
    assert "2/2" in out[-1] and len(coach.follow_ups) == 1  # the limit: no second follow-up
    turns = iv.turns()
    assert [t.kind for t in turns] == ["main", "follow_up"]
    main, follow = turns
    assert 0 < main.score < 10 and main.grade.points
    assert follow.question == "FOLLOW-UP 1" and follow.grade is not None
    assert next(p for p in follow.grade.points if p.point == point).credit * 10 == pytest.approx(
        follow.score, abs=0.051
    )


def test_two_follow_ups_at_most_and_none_when_switched_off(parts, tmp_path):
    coach = ScriptedCoach()
    kit = make_kit(parts, tmp_path, coach=coach, only={DROPOUT})
    iv = Interview.start(kit, "ann", SessionSettings(questions=1, follow_ups=2), seed=1)
    assert replies(iv, PARTIAL)[-1] == "**Follow-up:** FOLLOW-UP 1"
    assert replies(iv, "repeat")[-1] == "**Follow-up:** FOLLOW-UP 1"  # the same, labelled
    out = replies(iv, "It is applied to the hidden layers while the network trains.")
    assert out[-1] == "**Follow-up:** FOLLOW-UP 2"
    assert coach.follow_ups[1][1] == [iv.state["follow_asked"][0]]  # asked about another point
    replies(iv, "It is applied to the hidden layers.")
    assert iv.finished and len(coach.follow_ups) == 2

    kit = make_kit(parts, tmp_path / "b", coach=ScriptedCoach(), only={DROPOUT})
    iv = Interview.start(kit, "ann", SessionSettings(questions=1, follow_ups=0), seed=1)
    replies(iv, PARTIAL)
    assert iv.finished and kit.coach.follow_ups == []


def test_the_llm_coach_words_the_point_the_engine_then_grades(parts, tmp_path):
    from interviewer.llm import FakeLLM
    from interviewer.llm.coach import LLMCoach, point_labels

    feedback = "You explained the random dropping well, but not why it helps at test time."
    fake = FakeLLM([feedback, "How is the ensemble view of dropout useful?"])
    kit = make_kit(parts, tmp_path, coach=LLMCoach(fake), only={DROPOUT})
    iv = Interview.start(kit, "ann", SessionSettings(questions=1, follow_ups=1), seed=1)
    out = replies(iv, PARTIAL)
    assert out[0].startswith("You got this right: ")  # the lead, from the grade
    assert feedback in out[0] and iv.llm_unavailable is None  # (+ the point to add)
    rubric = kit.library.rubric(kit.library.get(iv.state["current"]))
    point = next(p for p in rubric.points if p.id == iv.state["follow_point"])
    # the follow-up prompt named the point the engine will grade the next answer against
    label = point_labels(rubric)[point.id]
    assert f"FOLLOW-UP in English on {label}, with" in fake.prompts[1][1].content
    assert out[-1] == "**Follow-up:** " + iv.state["follow_text"]
    # asking the question sent its context ahead (in the background), the opening of both prompts
    for _ in range(50):
        if fake.primed:
            break
        time.sleep(0.1)
    ((system, context),) = fake.primed
    assert all(m[0] == system and m[1].content.startswith(context.content) for m in fake.prompts)


def test_an_unreachable_llm_leaves_the_grade_and_says_so(parts, tmp_path):
    from interviewer.llm import FakeLLM, LLMUnavailable
    from interviewer.llm.coach import LLMCoach
    from ui.views import score_panel

    fake = FakeLLM([LLMUnavailable("connection refused"), LLMUnavailable("connection refused")])
    kit = make_kit(parts, tmp_path, coach=LLMCoach(fake), only={DROPOUT})
    iv = Interview.start(kit, "ann", SessionSettings(questions=1, follow_ups=1), seed=1)
    out = replies(iv, PARTIAL)
    turn = iv.turns()[-1]
    # the rubric grade's own words after the lead, nothing made up
    assert out[0].endswith("\n\n" + turn.grade.feedback) and "\n\n" in out[0]
    assert iv.llm_unavailable == "llm_unavailable: connection refused"
    assert iv.state["phase"] == "follow_up" and out[-1].startswith(
        "**Follow-up:** Your answer did not mention"
    )
    panel = score_panel(iv.turns(), iv.llm_unavailable)
    assert "`llm_unavailable`" in panel and "connection refused" in panel
    assert f"**Last answer: {turn.score}/10**" in panel
    again = Interview.resume(kit, iv.id, "ann")  # the note survives a reload
    assert again.llm_unavailable == iv.llm_unavailable


def test_no_follow_up_after_an_off_topic_or_dont_know_answer(parts, tmp_path):
    coach = ScriptedCoach()
    kit = make_kit(parts, tmp_path, coach=coach, only={DROPOUT})
    iv = Interview.start(kit, "ann", SessionSettings(questions=1, follow_ups=2), seed=1)
    replies(iv, "I don't know.")
    assert iv.finished and coach.follow_ups == []


def test_a_hint_reveals_a_point_and_lowers_the_maximum(parts, tmp_path):
    kit = make_kit(parts, tmp_path, only={DROPOUT})
    iv = Interview.start(kit, "ann", SessionSettings(questions=1, follow_ups=0), seed=1)
    rubric = kit.library.rubric(kit.library.get(iv.state["current"]))
    top = max(rubric.points, key=lambda p: p.weight)
    (hint,) = replies(iv, "hint")
    expected_max = round(10 * (1 - top.weight / rubric.total_weight), 1)
    assert top.en[0] in hint and f"{expected_max}/10" in hint
    replies(iv, STRONG)
    (turn,) = iv.turns()
    assert turn.hints == 1 and turn.max_score == expected_max
    assert turn.score == min(turn.grade.score, expected_max) and turn.score <= expected_max


def test_repeat_shows_the_question_again_and_empty_input_is_explained(parts, tmp_path):
    kit = make_kit(parts, tmp_path, only={DROPOUT})
    iv = Interview.start(kit, "ann", SessionSettings(questions=1), seed=1)
    (again,) = replies(iv, "repeat")
    assert DROPOUT in again and "1/1" in again
    (empty,) = replies(iv, "   ")
    assert "skip" in empty
    assert iv.turns() == []


def test_spaced_repetition_intervals_and_weights():
    now = datetime(2026, 11, 22, tzinfo=UTC)
    assert interval(ItemStat(2.0, now, 1)) == timedelta(0)
    assert interval(ItemStat(6.0, now, 1)) == timedelta(days=1)
    assert interval(ItemStat(9.5, now, 1)) == timedelta(days=7)
    assert interval(ItemStat(9.5, now, 3)) == timedelta(days=28)
    assert interval(ItemStat(9.5, now, 9)) == timedelta(days=30)
    kw = dict(level="medium", target=None, topic_mean=None, now=now)
    fresh = weight(stat=ItemStat(9.0, now - timedelta(hours=1), 1), **kw)
    due = weight(stat=ItemStat(3.0, now - timedelta(hours=1), 1), **kw)
    new = weight(stat=None, **kw)
    assert due > new > fresh
    weak = weight(stat=None, **{**kw, "topic_mean": 2.0})
    strong = weight(stat=None, **{**kw, "topic_mean": 9.0})
    assert weak > strong == new
    assert weight(stat=None, **{**kw, "target": "hard"}) < new


def test_selection_prefers_weak_topics_and_due_items(parts):
    library, _ = parts
    items = library.items[:40]
    topics = {it.id: ("weak" if i % 2 else "fine") for i, it in enumerate(items)}
    levels = {it.id: "medium" for it in items}
    now = datetime(2026, 11, 22, tzinfo=UTC)
    rng = random.Random(0)
    picks = [
        choose(
            items,
            asked=set(),
            topics=topics,
            levels=levels,
            target=None,
            stats={},
            means={"weak": 2.0, "fine": 9.0},
            now=now,
            rng=rng,
        )
        for _ in range(400)
    ]
    weak_share = sum(topics[p.id] == "weak" for p in picks) / len(picks)
    assert weak_share > 0.6  # weight 2.43 vs 1 -> about 0.71
    recent = {it.id: ItemStat(9.5, now - timedelta(hours=2), 1) for it in items[1:]}
    picks = [
        choose(
            items,
            asked=set(),
            topics=topics,
            levels=levels,
            target=None,
            stats=recent,
            means={},
            now=now,
            rng=rng,
        )
        for _ in range(200)
    ]
    assert sum(p.id == items[0].id for p in picks) > 200 / 40 * 3  # the only new item
    assert (
        choose(
            items,
            asked={it.id for it in items},
            topics=topics,
            levels=levels,
            target=None,
            stats={},
            means={},
            now=now,
            rng=rng,
        )
        is None
    )


def test_adaptive_difficulty_follows_recent_scores(parts, tmp_path):
    assert next_level("medium", [8.0]) == "medium"
    assert next_level("medium", [8.0, 9.0]) == "hard"
    assert next_level("hard", [9.0, 9.0]) == "hard"
    assert next_level("medium", [3.0, 2.0]) == "easy"
    assert next_level("medium", [9.0, 1.0]) == "medium"
    kit = make_kit(parts, tmp_path)
    iv = Interview.start(kit, "ann", SessionSettings(questions=5, follow_ups=0), seed=2)
    assert iv.state["level"] == "medium"
    replies(iv, "skip")
    replies(iv, "I don't know")
    assert iv.state["level"] == "easy"
    fixed = Interview.start(kit, "ann", SessionSettings(questions=5, difficulty="hard"), seed=2)
    replies(fixed, "I don't know")
    replies(fixed, "I don't know")
    assert fixed.state["level"] == "hard"


def test_past_weak_answers_come_back(parts, tmp_path):
    """An item skipped in an earlier session is due again and drawn far more often."""
    library, _ = parts
    kit = make_kit(parts, tmp_path, only={it.question for it in library.items[::9]})
    first = Interview.start(kit, "ann", SessionSettings(questions=1, follow_ups=0), seed=5)
    weak_id = first.state["current"]
    replies(first, "skip")

    def share(user: str) -> float:
        return (
            sum(
                Interview.start(kit, user, SessionSettings(questions=1), seed=s).state["current"]
                == weak_id
                for s in range(100)
            )
            / 100
        )

    assert share("ann") > 2 * share("bob")


def test_language_setting_filters_and_converts_questions(parts, tmp_path):
    kit = make_kit(parts, tmp_path)
    en = Interview.start(kit, "ann", SessionSettings(questions=3, lang="en"), seed=1)
    assert kit.library.get(en.state["current"]).lang == "en"
    hant = Interview.start(kit, "ann", SessionSettings(questions=3, lang="zh-Hant"), seed=4)
    item = kit.library.get(hant.state["current"])
    assert item.lang != "en"
    from interviewer.corpus.lang import to_traditional

    assert to_traditional(item.question) in hant.transcript()[0].text
    assert "第 1/3 題" in hant.transcript()[0].text


def test_images_in_notes_become_links_and_are_never_loaded():
    from interviewer.session.texts import offline_markdown

    text = (
        'see ![](https://pic.imgdb.cn/x.png) and ![fig 1](http://e.com/a.jpg "t") '
        'and <img width="150px" src="/gif/no.gif">'
    )
    shown = offline_markdown(text)
    assert "![" not in shown and "<img" not in shown
    assert "[image](https://pic.imgdb.cn/x.png)" in shown
    assert "[image: fig 1](http://e.com/a.jpg)" in shown
    assert "(image in the note: /gif/no.gif)" in shown


def test_the_interview_can_grade_by_meaning_with_the_claim_grader(
    built_store_dir, embedder, tmp_path
):
    """`serve --grader claim` / `practice --grader claim` (INTERVIEWER_GRADER): the same
    engine, graded by the claim judge (the real model): a right answer in other words
    scores high, where the default rubric grader scores it low."""
    from interviewer.grading.judge_grader import ClaimGrader
    from interviewer.session.setup import build_kit
    from interviewer.store import ItemStore

    store = ItemStore(built_store_dir, embedder)
    words = (
        "During training we randomly switch off a fraction of the units on each step so the "
        "network cannot lean on any single one, which curbs overfitting; at inference every "
        "unit is kept and the outputs are scaled to match."
    )
    scores = {}
    for name in ("rubric", "claim"):
        kit = build_kit(store, tmp_path / f"{name}.sqlite3", grader_name=name)
        lib = kit.library
        kit = Kit(
            Library([it for it in lib.items if it.question == DROPOUT], lib.rubrics, lib.titles),
            kit.grader,
            kit.coach,
            kit.history,
        )
        iv = Interview.start(kit, "ann", SessionSettings(questions=1, follow_ups=0), seed=1)
        feedback = replies(iv, words)[0]
        (turn,) = iv.turns()
        assert feedback.startswith(f"Score {turn.score:.1f}")
        scores[name] = (turn.grade.grader, turn.score)
    assert isinstance(kit.grader, ClaimGrader)
    assert scores["claim"][0] == "claim-v1" and scores["claim"][1] >= 7
    assert scores["rubric"][0] == "rubric-v1" and scores["rubric"][1] < 5
    with pytest.raises(ValueError, match="unknown grader 'ensemble'"):
        build_kit(store, tmp_path / "x.sqlite3", grader_name="ensemble")


def test_warm_up_embeds_every_rubric_and_the_pool_and_loads_the_judge(
    built_store_dir, embedder, tmp_path
):
    """What `serve` runs before the first candidate: afterwards no question's rubric, and
    none of the pool the off-topic check reads, waits for the embedder."""
    from interviewer.session.setup import build_kit, warm
    from interviewer.store import ItemStore

    kit = build_kit(ItemStore(built_store_dir, embedder), tmp_path / "h.sqlite3")
    warm(kit)
    targets = [(it, kit.library.rubric(it)) for it in kit.library.items]
    assert len(targets) > 100  # the default corpus's questions
    assert set(kit.grader.warm_texts(targets)) <= set(kit.grader._vectors.snapshot())
    assert kit.grader._pool_vecs is not None
    assert kit.grader.claim_judge._loaded is not None
