"""The parser's rules on small notes of the shapes users bring."""

from __future__ import annotations

from interviewer.corpus import parse_note
from interviewer.corpus.lang import detect_lang


def questions(text, source="note.md"):
    return [(it.question, it.answer) for it in parse_note(text, source).items]


def test_english_q_a_markers():
    text = (
        "# ML\n\n> Q: What is overfitting?\n> A: Fitting noise in the training data.\n\n"
        "> Q: What is a ROC curve?\n>\n> A: TPR against FPR over thresholds.\n"
    )
    assert questions(text) == [
        ("What is overfitting?", "Fitting noise in the training data."),
        ("What is a ROC curve?", "TPR against FPR over thresholds."),
    ]


def test_marked_question_answered_by_following_paragraphs():
    text = "> 问题：什么是梯度消失？\n> 答案：反向传播时梯度越来越小。\n\n> 列举几种缓解梯度消失的方法。\n\n1. ReLU\n2. 残差连接\n\n## 下一章\n\n正文\n"
    got = questions(text)
    assert got[1] == ("列举几种缓解梯度消失的方法。", "1. ReLU\n2. 残差连接")
    assert len(got) == 2


def test_labelled_headings():
    text = (
        "# Title\n\n## Question 1\n\n### Why use residual connections?\n\nGradients flow.\n\n"
        "#### Detail\n\nIdentity path.\n\n## Question 2\n\n**How does Adam work?**\n\nMomentum plus RMSProp.\n\n## Summary\n\nbye\n"
    )
    got = questions(text)
    assert [q for q, _ in got] == ["Why use residual connections?", "How does Adam work?"]
    assert "#### Detail" in got[0][1] and "Identity path." in got[0][1]
    assert got[1][1] == "Momentum plus RMSProp."


def test_outline_fallback_heading_is_topic_body_is_answer():
    text = (
        "---\ntitle: x\n---\n# Notes\n## Optimisers\n### SGD\nStep against the gradient.\n"
        "### Adam\nAdaptive moments.\n## References\n- a book\n"
    )
    got = parse_note(text, "n.md").items
    assert [(i.question, i.answer, i.section) for i in got] == [
        ("SGD", "Step against the gradient.", "Notes / Optimisers"),
        ("Adam", "Adaptive moments.", "Notes / Optimisers"),
    ]
    assert got[0].lines == (6, 7)


def test_question_heading_takes_its_sub_headings():
    text = (
        "## Explain common activation functions\n\n### sigmoid\n\nSquashes to (0,1).\n\n"
        "### tanh\n\nSquashes to (-1,1).\n\n### Why do we need non-linearity?\n\nStacked linear maps stay linear.\n"
    )
    got = questions(text)
    assert [q for q, _ in got] == [
        "Explain common activation functions",
        "Why do we need non-linearity?",
    ]
    assert "### tanh" in got[0][1]


def test_standalone_question_lines():
    text = "Intro text.\n\nWhat is a GAN?\n\nTwo networks compete.\n\nMore detail.\n\nWhat is a VAE?\n\nAn autoencoder with a prior.\n"
    got = questions(text)
    assert got == [
        ("What is a GAN?", "Two networks compete.\n\nMore detail."),
        ("What is a VAE?", "An autoencoder with a prior."),
    ]


def test_crlf_and_debris_and_duplicate_questions():
    text = "Follow\r\n\r\nWhat is dropout?\r\n\r\nRandomly zeroing units.\r\n\r\nWhat is dropout?\r\n\r\nAgain.\r\n\r\n[Tag](#)\r\n\r\nLearn more.\r\n"
    items = parse_note(text.replace("\r\n", "\n"), "n.md").items
    assert [it.answer for it in items] == ["Randomly zeroing units.", "Again."]
    assert items[0].id != items[1].id


def test_ids_are_stable_and_follow_the_question():
    a = parse_note("## Dropout\n\nOne answer.\n", "n.md").items[0]
    b = parse_note("\n\n## Dropout\n\nAn edited answer.\n", "n.md").items[0]
    c = parse_note("## Dropout rate\n\nOne answer.\n", "n.md").items[0]
    assert a.id == b.id and a.content_hash != b.content_hash
    assert c.id != a.id


def test_language_detection():
    assert detect_lang("什么是过拟合？模型在训练集上表现好") == "zh-Hans"
    assert detect_lang("什麼是過擬合？模型在訓練集上表現好") == "zh-Hant"
    assert detect_lang("What is overfitting? It fits noise.") == "en"
    assert detect_lang("BN的作用：防止 internal covariate shift") == "zh-Hans"
    assert detect_lang("$$x^2$$", default="zh-Hant") == "zh-Hant"


def test_a_note_with_no_questions_gives_no_items():
    assert parse_note("just some prose without any structure.\n", "n.md").items == []


# -- issue 20, item 12: footers, fences and debris ----------------------------------------


def test_a_link_to_the_top_or_learn_more_mid_note_does_not_end_it():
    text = (
        "## What is dropout?\n\nZeroes activations.\n\n[Back to top](#)\n\n"
        "## What is batch norm?\n\nNormalises activations.\n\nLearn more.\n\n"
        "## What is weight decay?\n\nAn L2 penalty.\n"
    )
    assert [q for q, _ in questions(text)] == [
        "What is dropout?",
        "What is batch norm?",
        "What is weight decay?",
    ]


def test_a_real_footer_still_ends_the_note():
    text = (
        "## What is dropout?\n\nZeroes activations.\n\n[Deep Learning](#)\n\n[Theory](#)\n\n"
        "Learn more.\n\nMedium is an open platform.\n\nShare your thinking.\n"
    )
    assert questions(text) == [("What is dropout?", "Zeroes activations.")]


def test_a_fence_closes_only_on_its_own_kind_and_length():
    text = (
        "## What does this print?\n\n````md\n```python\n# not a question\nprint(1)\n```\n"
        "# still code\n````\n\n## Why use tildes?\n\n~~~\n```\n# a comment?\n~~~\n\nDone.\n"
    )
    got = questions(text)
    assert [q for q, _ in got] == ["What does this print?", "Why use tildes?"]
    assert "# not a question" in got[0][1] and "# still code" in got[0][1]
    assert "# a comment?" in got[1][1] and got[1][1].endswith("Done.")


def test_button_words_are_debris_only_in_the_byline():
    text = (
        "Deep Learning Notes\n\nTseng\n\nFollow\n\nMar 1 · 8 min read\n\n"
        "Listen\n\nShare\n\n"
        + "An introduction long enough to end the byline zone. "
        * 2
        + "\n\n## How do you answer a reviewer?\n\nThank them.\n\nFollow\n\nListen\n\n"
        "Share\n\nThen reply point by point.\n"
    )
    ((_, a),) = questions(text)
    assert a == "Thank them.\n\nFollow\n\nListen\n\nShare\n\nThen reply point by point."
    from interviewer.corpus.blocks import content_lines

    head = [line for _, line in content_lines(text)][:12]
    assert "Follow" not in head and "Share" not in head and "Listen" not in head
    assert "Tseng" in head
