"""Topics read as topics (issue 21, item 8): one name per subject whichever note a question
comes from, shown in the session's language; a note of the user's own still gets one."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.corpus import load_note, parse_note
from interviewer.session import Interview, SessionSettings
from interviewer.session.topics import SUBJECTS, note_title, topic_label, topic_of
from tests.conftest import CORPUS
from tests.test_session import make_kit, replies


@pytest.fixture(scope="module")
def library(built_store_dir, embedder):
    from interviewer.session.setup import library_from_store
    from interviewer.store import ItemStore

    return library_from_store(ItemStore(built_store_dir, embedder))


@pytest.fixture(scope="module")
def parts(library, embedder):
    from interviewer.grading.rubric_grader import RubricGrader

    return library, RubricGrader(embedder, pool=library.items)


def _topics_by_question(library) -> dict[tuple[str, str], str]:
    return {(it.source[:3], it.question): library.topics[it.id] for it in library.items}


def test_the_default_notes_give_subjects_not_note_titles(library):
    names = set(library.topic_names())
    titles = {note_title(p) for p in CORPUS.glob("*.txt")}
    assert not names & titles, names & titles
    assert names <= {s.en for s in SUBJECTS}, names - {s.en for s in SUBJECTS}
    assert not {n for n in names if "Interview" in n or "面试" in n}
    # every subject the notes cover has a few questions, none swallows the library
    counts = [list(library.topics.values()).count(n) for n in names]
    assert len(names) >= 10 and max(counts) <= len(library.items) // 5


def test_one_subject_shares_one_topic_across_notes_and_languages(library):
    by_q = _topics_by_question(library)
    dropout = {by_q[k] for k in by_q if "dropout" in k[1].lower()}
    assert dropout == {"Regularization"}, dropout  # notes 001 (zh), 002 (en), 004 (zh)
    bn = {
        by_q[k]
        for k in by_q
        if k[1].startswith(("BN的", "闡述批歸一化")) or k[1] == "What is batch normalization?"
    }
    assert bn == {"Normalization"}, bn  # notes 001, 002, 003 (zh-Hant), 004
    assert by_q[("002", "What is long short-term memory?")] == "Recurrent networks"
    assert by_q[("004", "LSTM")] == "Recurrent networks"
    assert by_q[("000", "写出两个变量$X$和$Y$的mutual information的公式。")] == (
        "Information theory"
    )


def test_a_topic_is_named_in_the_sessions_language(library):
    assert topic_label("Regularization", "en") == "Regularization"
    assert topic_label("Regularization", "any") == "Regularization"
    assert topic_label("Regularization", "zh-Hans") == "正则化"
    assert topic_label("Regularization", "zh-Hant") == "正則化"
    assert topic_label("Kubernetes", "zh-Hant") == "Kubernetes"  # a user's own heading
    assert ("正则化", "Regularization") in library.topic_choices("zh-Hans")
    for name in ("regularization", "正则化", "正則化"):
        assert library.topic_key(name) == "Regularization"
    assert library.topic_key("Deep Learning Interview Questions") is None


def test_a_question_and_the_report_show_the_topic_in_the_sessions_script(parts, tmp_path):
    kit = make_kit(parts, tmp_path, only={"Dropout"})  # two Chinese notes
    iv = Interview.start(
        kit, "ann", SessionSettings(lang="zh-Hant", questions=1, follow_ups=0), seed=1
    )
    assert "· 正則化 ·" in iv.transcript()[-1].text
    out = replies(iv, "skip")
    assert iv.finished and "| 正則化 | 1 |" in out[-1]
    assert [t.topic for t in iv.turns()] == ["Regularization"]  # the key, in the history


def test_a_session_can_ask_for_a_topic_by_its_chinese_name(parts, tmp_path):
    kit = make_kit(parts, tmp_path)
    iv = Interview.start(
        kit, "ann", SessionSettings(topics=["正则化"], questions=3, follow_ups=0), seed=2
    )
    for _ in range(3):
        replies(iv, "skip")
    assert {t.topic for t in iv.turns()} == {"Regularization"}


def _items(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    titles = {name: note_title(path) or ""}
    return [(it, topic_of(it, titles)) for it in parse_note(load_note(path), name).items]


def test_a_users_note_gets_a_topic(tmp_path):
    got = _items(
        tmp_path,
        "k8s.md",
        "# Kubernetes\n\n## What is a pod?\n\nThe smallest deployable unit: one or more "
        "containers sharing a network namespace.\n\n## What is dropout?\n\nRandomly zeroing "
        "units while training.\n",
    )
    assert [t for _, t in got] == ["Kubernetes", "Regularization"]
    got = _items(
        tmp_path,
        "mine.md",
        "---\ntitle: My interview questions\n---\n\n## Why do we shuffle the data?\n\n"
        "So that batches are not ordered by label.\n",
    )
    # a title naming a collection of questions is no topic: the catch-all is
    assert [t for _, t in got] == ["Neural network basics"]


def test_practice_takes_a_topic_by_either_name(data_env):
    from click.testing import CliRunner

    from interviewer.cli import main

    args = ["practice", "-n", "1", "--follow-ups", "0", "--lang", "zh-Hans"]
    done = CliRunner().invoke(main, [*args, "--topic", "Regularization"], input="skip\n")
    assert done.exit_code == 0, done.output
    assert "· 正则化 ·" in done.stdout and "| 正则化 | 1 |" in done.stdout
    wrong = CliRunner().invoke(main, [*args, "--topic", "Deep Learning Interview Questions"])
    assert wrong.exit_code == 2 and "unknown topic(s)" in wrong.output
    assert "Regularization" in wrong.output
