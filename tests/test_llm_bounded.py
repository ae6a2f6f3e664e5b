"""Every LLM call is bounded, whatever the endpoint does: a fake endpoint on loopback that
hangs, trickles bytes, sends only keep-alives, answers 200 with HTML, another schema or a
truncated body, or 500 - each call ends within its deadline with LLMUnavailable; batch
grading keeps every row with its rubric grade, flagged; the circuit breaker skips the LLM
after failures in a row; failures are never cached; the app shows the grade and template
text without waiting on a hung endpoint."""

from __future__ import annotations

import json
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from click.testing import CliRunner

from interviewer.cli import main
from interviewer.llm import LLMCircuitOpen, LLMUnavailable, Message, OpenAIChat
from interviewer.llm.breaker import CircuitBreaker
from tests.llm_server import MODES, ChatServer, Script

HELLO = [Message(role="user", content="Hello?")]
DEADLINE = 1.5
SLACK = 0.7  # thread hand-over and a loaded CI machine


@pytest.mark.parametrize("mode", MODES)
def test_each_misbehaviour_ends_within_the_deadline(mode):
    with ChatServer(Script(mode=mode)) as url:
        llm = OpenAIChat(url, "m", timeout=DEADLINE, retries=2, breaker=CircuitBreaker(failures=10))
        for call in (lambda: llm.chat(HELLO), lambda: "".join(llm.stream(HELLO))):
            start = time.monotonic()
            with pytest.raises(LLMUnavailable) as info:
                call()
            took = time.monotonic() - start
            assert took < DEADLINE + SLACK, (mode, took, info.value)
    expected = {
        "hang": "deadline|timed out",
        "trickle": "deadline",
        "keepalive": "deadline",
        "html": "not JSON",
        "schema": "not a chat completion",
        "truncated": "broke|not JSON",
        "500": "HTTP 500",
    }[mode]
    assert re.search(expected, str(info.value)), str(info.value)


def test_a_hung_endpoint_holds_a_bounded_number_of_threads():
    import threading

    with ChatServer(Script(mode="hang")) as url:
        llm = OpenAIChat(
            url, "m", timeout=0.5, retries=0, concurrency=2, breaker=CircuitBreaker(failures=100)
        )
        with ThreadPoolExecutor(8) as pool:
            errors = list(
                pool.map(lambda _: pytest.raises(LLMUnavailable, llm.chat, HELLO), range(8))
            )
        assert len(errors) == 8
        # the requests still running are at most the client's concurrency
        running = [t for t in threading.enumerate() if t.name == "llm-request"]
        assert 0 < len(running) <= 2


def test_the_breaker_skips_the_llm_after_failures_in_a_row_then_tries_again():
    now = [0.0]
    breaker = CircuitBreaker(failures=2, cooldown=30.0, clock=lambda: now[0])
    script = Script(mode="hang")
    with ChatServer(script) as url:
        llm = OpenAIChat(url, "m", timeout=0.5, retries=0, breaker=breaker)
        for _ in range(2):
            with pytest.raises(LLMUnavailable):
                llm.chat(HELLO)
        start = time.monotonic()
        with pytest.raises(LLMCircuitOpen, match="llm_circuit_open"):
            llm.chat(HELLO)
        assert time.monotonic() - start < 0.1 and len(script.requests) == 2
        assert llm.status().state == "unavailable" and "skipped" in llm.status().detail
        script.mode = None  # the endpoint is fixed
        now[0] = 31.0  # after the cool-down one trial goes through, and closes the circuit
        assert llm.chat(HELLO) == "ok" and llm.chat(HELLO) == "ok"
        assert not breaker.open and llm.status().state == "ready"


def test_a_stream_the_caller_stops_reading_is_not_a_failure():
    breaker = CircuitBreaker(failures=1)
    with ChatServer(Script(default=(200, "a long reply " * 20))) as url:
        llm = OpenAIChat(url, "m", timeout=5, breaker=breaker)
        chunks = llm.stream(HELLO)
        next(chunks)
        chunks.close()
        assert not breaker.open and llm.chat(HELLO).startswith("a long reply")


def _rows(path, rows):
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )


PARTIAL = "Dropout randomly drops neurons during training to reduce overfitting."


@pytest.fixture(scope="module")
def rubric_rows(tmp_path_factory, built_store_dir):
    """Six answers with partial points (the ensemble asks the judge about those), and
    their rubric grades."""
    import shutil

    tmp = tmp_path_factory.mktemp("rows")
    shutil.copytree(built_store_dir, tmp / "data" / "store")
    answers = tmp / "in.jsonl"
    _rows(
        answers,
        [
            {"id": f"r{i}", "question": "What is dropout?", "answer": PARTIAL + " " * i}
            for i in range(6)
        ],
    )
    result = CliRunner().invoke(
        main,
        # the ensemble's base grader (Settings.llm_grader_base), not the default one
        ["--data-dir", str(tmp / "data"), "grade", str(answers), "-o", str(tmp / "rubric.jsonl")]
        + ["--grader", "rubric"],
    )
    assert result.exit_code == 0, result.output
    return tmp, answers, [json.loads(x) for x in (tmp / "rubric.jsonl").read_text().splitlines()]


@pytest.mark.parametrize("mode", MODES)
def test_ensemble_grading_keeps_every_row_whatever_the_endpoint_does(mode, rubric_rows, tmp_path):
    data, answers, rubric = rubric_rows
    out = tmp_path / "ens.jsonl"
    with ChatServer(Script(mode=mode)) as url:
        start = time.monotonic()
        result = CliRunner().invoke(
            main,
            [
                "--data-dir",
                str(data / "data"),
                "--llm",
                "openai",
                "--llm-base-url",
                url,
                "--llm-model",
                "m",
                "--llm-timeout",
                "2",
                "--llm-concurrency",
                "2",
                "grade",
                str(answers),
                "-o",
                str(out),
                "--grader",
                "ensemble",
            ],
        )
        took = time.monotonic() - start
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == [r["id"] for r in rubric]  # every row kept
    assert [r["score"] for r in rows] == [r["score"] for r in rubric]  # the rubric grade
    assert all("llm_unavailable" in r["flags"] for r in rows), [r["flags"] for r in rows]
    # two rows at a time, each within 2 s; after 3 failures in a row the breaker skips the
    # LLM for the last rows (without it: 3 x 2 s, and 3 minutes a row before the deadline)
    assert took < 3 * 2 + 15, took
    assert "llm_circuit_open" in rows[-1]["flags"], [r["flags"] for r in rows]


def test_failed_and_unparsed_judgements_are_never_cached(rubric_rows, tmp_path):
    data, answers, rubric = rubric_rows
    args = [
        "--data-dir",
        str(data / "data"),
        "--llm",
        "openai",
        "--llm-model",
        "m",
        "--llm-timeout",
        "5",
        "grade",
        str(answers),
        "--grader",
        "ensemble",
    ]
    judged = {"points": [{"id": "regularization", "verdict": "covered", "quote": PARTIAL}]}
    for n, (script, flag) in enumerate(
        [
            (Script(mode="html"), "llm_unavailable"),
            (Script(default=(200, "no JSON here")), "llm_unparsed"),
            (Script(default=(200, json.dumps(judged))), None),
        ]
    ):
        out = tmp_path / f"out{n}.jsonl"
        with ChatServer(script) as url:
            result = CliRunner().invoke(
                main, [*args[:2], "--llm-base-url", url, *args[2:], "-o", str(out)]
            )
        assert result.exit_code == 0, result.output
        rows = [json.loads(x) for x in out.read_text().splitlines()]
        assert script.requests, "the judge was not asked again"
        if flag:
            assert all(flag in r["flags"] for r in rows), [r["flags"] for r in rows]
        else:  # the endpoint works again: its judgement counts
            assert all(not {"llm_unavailable", "llm_unparsed"} & set(r["flags"]) for r in rows)
            assert rows[0]["score"] > rubric[0]["score"]


def test_practice_says_what_the_llm_is_doing(data_env):
    from tests.test_llm_client import closed_port_url

    runner = CliRunner()
    args = ["practice", "-n", "1", "--follow-ups", "0", "--lang", "en"]
    with ChatServer(Script(default=(200, "Good: you named the regularisation effect."))) as url:
        result = runner.invoke(
            main,
            ["--llm", "openai", "--llm-base-url", url, "--llm-model", "m", *args],
            input="Dropout drops units.\n",
        )
    assert result.exit_code == 0, result.output
    assert "LLM: starting openai:m" in result.stderr and "LLM: ready" in result.stderr
    result = runner.invoke(
        main,
        ["--llm", "openai", "--llm-base-url", closed_port_url(), "--llm-model", "m", *args],
        input="Dropout drops units.\n",
    )
    assert result.exit_code == 0, result.output
    assert "LLM: unavailable" in result.stderr and "does not answer" in result.stderr
    assert "llm_unavailable" in result.stderr  # and the reply says its text is the template's
