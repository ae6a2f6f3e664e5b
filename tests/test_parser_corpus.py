"""The default corpus, parsed: counts and questions pinned after reading the notes by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.corpus import load_note, parse_note

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# (items, image-answer items, {lang: n}, skipped question-like blocks)
EXPECTED = {
    "000_878265eba84cecfe.txt": (23, 6, {"zh-Hans": 23}, 4),
    "001_eeafe7a87820c1f0.txt": (42, 0, {"zh-Hans": 42}, 0),
    "002_5915a4a6d0caa1a9.txt": (21, 0, {"en": 21}, 1),
    "003_bb0194e72dcdb2ab.txt": (12, 0, {"zh-Hant": 6, "zh-Hans": 6}, 0),
    "004_097d155c1b2f4d21.txt": (9, 0, {"zh-Hans": 5, "en": 4}, 0),
}


def parsed(name):
    return parse_note(load_note(CORPUS / name), name)


def test_the_corpus_is_the_five_seed_notes():
    assert sorted(p.name for p in CORPUS.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_counts_kinds_and_languages(name):
    n, images, langs, skipped = EXPECTED[name]
    result = parsed(name)
    assert len(result.items) == n
    assert sum(it.answer_kind == "image" for it in result.items) == images
    got_langs: dict[str, int] = {}
    for it in result.items:
        got_langs[it.lang] = got_langs.get(it.lang, 0) + 1
    assert got_langs == langs
    assert len(result.skipped) == skipped


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_item_is_well_formed(name):
    lines = (CORPUS / name).read_text(encoding="utf-8").split("\n")
    result = parsed(name)
    ids = [it.id for it in result.items]
    assert len(set(ids)) == len(ids)
    for it in result.items:
        assert it.question.strip() and it.answer.strip()
        a, b = it.lines
        assert 1 <= a <= b <= len(lines)
        # the span starts at the question (or its label): its first words open the span
        head = " ".join(lines[a - 1 : a + 3])
        first_words = it.question.split("\n")[0].replace("**", "")[:6]
        assert first_words in head.replace("**", ""), (it.question, head)
    starts = [it.lines[0] for it in result.items]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    "name, question, section",
    [
        ("000_878265eba84cecfe.txt", "什么是“odds of success”?", "Chapter 2—Logistic Regression"),
        (
            "000_878265eba84cecfe.txt",
            "写出香农著名的关于不确定性的公式。",
            "Chapter 4—Information Theory",
        ),
        (
            "000_878265eba84cecfe.txt",
            "列举几个在深度学习中常用的Ensembling方法。",
            "Chapter 6—Deep Learning: NN Ensembles",
        ),
        (
            "001_eeafe7a87820c1f0.txt",
            "为什么要使用非线性激活函数？",
            "机器学习模型评估 / 介绍一下sigmoid, relu, tanh, RBF及应用场景",
        ),
        (
            "001_eeafe7a87820c1f0.txt",
            "简单介绍一下贝叶斯概率与频率派概率，以及在统计中对于真实参数的假设",
            "机器学习模型评估",
        ),
        ("001_eeafe7a87820c1f0.txt", "空洞卷积 (Dilated convolution)", ""),
        ("002_5915a4a6d0caa1a9.txt", "What is dropout?", ""),
        ("002_5915a4a6d0caa1a9.txt", "What is generative adversarial network?", ""),
        ("003_bb0194e72dcdb2ab.txt", "闡述批歸一化的意義", "機器學習面試的12個基礎問題"),
        (
            "003_bb0194e72dcdb2ab.txt",
            "你怎麼理解反向傳播？請解釋動作 (action) 的機制。",
            "機器學習面試的12個基礎問題",
        ),
        ("004_097d155c1b2f4d21.txt", "LSTM", ""),
        ("004_097d155c1b2f4d21.txt", "FM 做召回时", ""),
    ],
)
def test_exact_questions(name, question, section):
    matches = [it for it in parsed(name).items if it.question == question]
    assert len(matches) == 1
    assert matches[0].section == section


def test_marked_answers_drop_the_marker_and_keep_latex():
    item = next(
        it for it in parsed("000_878265eba84cecfe.txt").items if "odds of success" in it.question
    )
    assert item.answer.startswith("中文翻译是成功的几率")
    assert r"$odds = \frac{p}{1-p}$" in item.answer
    assert item.lines == (22, 24)


def test_question_then_worked_answer_without_marker_is_split():
    item = next(it for it in parsed("000_878265eba84cecfe.txt").items if "信号源" in it.question)
    assert item.question.rstrip().endswith("平均需要多少bits？")
    assert item.answer.startswith("这里$p_i=")


def test_image_only_answers_are_kept_and_marked():
    item = next(
        it for it in parsed("000_878265eba84cecfe.txt").items if "Shannon bit" in it.question
    )
    assert item.answer_kind == "image"
    assert item.answer.startswith("![](https://pic.imgdb.cn/")


def test_image_only_questions_are_skipped_with_a_reason():
    result = parsed("000_878265eba84cecfe.txt")
    assert "line 42: question is only an image" in result.skipped
    assert not any(it.question.startswith("![") and "\n" not in it.question for it in result.items)


def test_labelled_items_run_to_the_next_label_across_headings():
    result = parsed("003_bb0194e72dcdb2ab.txt")
    face = next(it for it in result.items if "人臉向量" in it.question)
    assert "## Siamese network" in face.answer  # a level-2 heading inside item 3
    hyper = next(it for it in result.items if it.question.startswith("模型的超参数是什么"))
    assert "什么是模型超参数" in hyper.answer
    assert hyper.lang == "zh-Hans"
    assert not any("总结" in it.question for it in result.items)
    assert "喜歡此內容" not in result.items[-1].answer


def test_web_debris_is_not_content():
    result = parsed("002_5915a4a6d0caa1a9.txt")
    assert result.items[0].question == "What are the steps of deep learning?"
    text = "\n".join(it.answer for it in result.items)
    for debris in ("Follow", "min read", "Learn more", "Medium is an open platform", "[Theory](#)"):
        assert debris not in text
    assert "line 239: question has no answer" in result.skipped  # "What is the value of d_1 ?"


def test_stop_headings_are_not_items():
    questions = {it.question for name in EXPECTED for it in parsed(name).items}
    assert not questions & {"写在前面", "参考文献", "总结"}
