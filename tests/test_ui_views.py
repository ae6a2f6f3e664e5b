"""The app's panels as text (no browser): bold the markdown renderer would miss, quotes
cut between words, the score panel in the session's language and script, and what a
follow-up's panel says was scored. The browser's view of the same is tests/test_ui_render.py."""

from __future__ import annotations

from interviewer.corpus.lang import script_counts
from interviewer.grading.models import Grade, PointResult
from interviewer.session.models import Turn
from ui.render import clip, escape, strong
from ui.score import score_panel


def test_bold_that_commonmark_leaves_as_asterisks_is_written_as_html():
    # a bold run ending in a CJK colon and followed by a letter: asterisks in marked
    assert strong("**理解范数：**平方范数") == "<strong>理解范数：</strong>平方范数"
    assert (
        strong("称为**权重衰减(weight decay)**的")
        == "称为<strong>权重衰减(weight decay)</strong>的"
    )
    assert strong("什么是**“odds”**是") == "什么是<strong>“odds”</strong>是"
    for fine in (
        "**Question 1/2** · topic",
        "定义一下**Fisher Information**。",
        "**$L^2$参数正则化**",
        "`**a：**b`",  # code
        "$**x：**y$",  # maths
        "a ** b ** c",
    ):
        assert strong(fine) == fine


def test_quotes_are_cut_between_words_and_never_inside_maths():
    text = "Dropout randomly drops units during training, which prevents co-adaptation."
    cut = clip(text, 40)
    assert cut.endswith("…") and text.startswith(cut[:-1])
    assert not text[len(cut) - 1].isalnum()  # the word before the cut is whole
    assert clip("short", 40) == "short"
    assert clip("a\nb", 40) == "a b"
    maths = "the loss is $J(\\theta;X,y) + \\lambda \\|w\\|^2$ here"
    assert clip(maths, 20) == "the loss is…"
    assert clip("训练时随机丢弃神经元防止过拟合", 6) == "训练时随机丢…"


def test_escape_keeps_maths_and_code_verbatim():
    assert escape("p < 0.5 & $a < b$ `<x>`") == "p &lt; 0.5 &amp; $a < b$ `<x>`"


def _point(pid, claim, verdict, credit, evidence=None):
    return PointResult(
        point=pid, claim=claim, weight=1.0, verdict=verdict, credit=credit, evidence=evidence
    )


def _turn(seq, kind, score, points, item="i1"):
    grade = Grade(
        score=score,
        points=points,
        misconceptions=[],
        feedback="",
        flags=[],
        grader="rubric",
        rubric_version="v",
        item_id=item,
    )
    return Turn(
        session_id="s",
        seq=seq,
        kind=kind,
        item_id=item,
        topic="t",
        question="q",
        answer="a",
        score=score,
        max_score=10.0,
        hints=0,
        grade=grade,
        feedback="",
        at="2026-12-06T08:00:00+00:00",
    )


POINTS = [
    _point("odds", "odds是成功概率与失败概率之比", "covered", 1.0, "odds是p除以1-p"),
    _point("logit", "对odds取对数得到logit函数", "missing", 0.0),
]


def test_the_panel_speaks_the_sessions_language_and_script():
    panel = score_panel([_turn(1, "main", 5.0, POINTS)], lang="zh-Hant")
    _cjk, trad, simp, _latin = script_counts(panel.replace("odds是p除以1-p", ""))
    assert simp == 0 and trad > 0, panel
    assert '<span class="verdict covered">答到</span>' in panel
    assert "✅" not in panel and "|" not in panel  # CSS marks, no table to squeeze
    english = score_panel([_turn(1, "main", 5.0, POINTS)])
    assert "**Last answer: 5.0/10**" in english and ">missing</span>" in english


def test_after_a_follow_up_the_panel_says_what_was_scored():
    follow = [
        _point("odds", "odds是成功概率与失败概率之比", "missing", 0.0),
        _point("logit", "对odds取对数得到logit函数", "covered", 1.0, "取对数"),
    ]
    turns = [_turn(1, "main", 5.0, POINTS), _turn(2, "follow_up", 10.0, follow)]
    panel = score_panel(turns, lang="en", follow_point="logit")
    head, _, rest = panel.partition("**Question 1: 5.0/10**")
    assert "**Last answer (follow-up): 10.0/10 on this point**" in head
    assert head.count("- <span") == 1 and "对odds取对数" in head  # only the asked point
    assert rest.count("- <span") == 2 and ">covered</span> odds是" in rest  # the answer's
    # a follow-up saved before the point was kept: found by its score
    assert score_panel(turns, lang="en") == panel
