"""Many people at once: 20 concurrent sessions through `gradio_client`, no errors and no
cross-talk; with login, each user's history is kept apart. And the app with an LLM: its
words when the endpoint answers, `llm_unavailable` and the rubric grade when it does not."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.llm_server import ChatServer, Script
from tests.serving import free_port, served
from ui.auth import hash_password

SESSIONS = 20


def _chat_text(chat) -> str:
    return "\n".join(str(m.get("content", "")) for m in chat)


def test_twenty_concurrent_sessions_without_cross_talk(tmp_path, built_store_dir):
    from gradio_client import Client

    with served(tmp_path / "data", built_store_dir) as url:

        def one(i: int) -> tuple[int, str, str]:
            client = Client(url, verbose=False)
            chat, _score, _resume = client.predict([], "en", 2, "adaptive", 0, api_name="/start")
            first = _chat_text(chat)
            token = f"token-{i:02d}"
            chat, answer_box, score = client.predict(
                f"Answer {token}: gradients flow backwards through the layers.",
                [],
                "en",
                2,
                "adaptive",
                0,
                api_name="/send",
            )
            return i, first, _chat_text(chat), score

        with ThreadPoolExecutor(SESSIONS) as pool:
            results = list(pool.map(one, range(SESSIONS)))

    assert len(results) == SESSIONS
    for i, first, chat, score in results:
        assert "Question 1/2" in first
        assert f"token-{i:02d}" in chat  # its own answer …
        others = [f"token-{j:02d}" for j in range(SESSIONS) if j != i]
        assert not any(o in chat for o in others)  # … and nobody else's
        assert chat.startswith(first.split("\n\n_Answer")[0])  # the same session it started
        assert "Last answer" in score
        assert "Question 2/2" in chat


def test_login_keeps_each_users_history_apart(tmp_path, built_store_dir):
    from gradio_client import Client

    users = f"ann:{hash_password('pw-ann')},bob:{hash_password('pw-bob')}"
    with served(tmp_path / "data", built_store_dir, "--users", users) as url:
        ann = Client(url, auth=("ann", "pw-ann"), verbose=False)
        ann.predict([], "en", 3, "adaptive", 0, api_name="/start")
        ann.predict([], "en", 3, "adaptive", 0, api_name="/start")
        bob = Client(url, auth=("bob", "pw-bob"), verbose=False)
        bob.predict([], "en", 3, "adaptive", 0, api_name="/start")
        _plot, ann_table, _pick, _resume = ann.predict(api_name="/history")
        _plot, bob_table, _pick, _resume = bob.predict(api_name="/history")
        assert len(ann_table["data"]) == 2 and len(bob_table["data"]) == 1
        assert not {r[0] for r in ann_table["data"]} & {r[0] for r in bob_table["data"]}
        try:
            Client(url, auth=("ann", "wrong"), verbose=False)
            raise AssertionError("a wrong password was accepted")
        except Exception as exc:  # noqa: BLE001 - gradio_client raises a plain ValueError
            assert "login" in str(exc).lower() or "auth" in str(exc).lower() or "401" in str(exc)


def _answer_once(url: str):
    from gradio_client import Client

    client = Client(url, verbose=False)
    client.predict([], "en", 1, "adaptive", 1, api_name="/start")
    chat, _box, score = client.predict(
        "Gradients flow backwards through the layers by the chain rule.",
        [],
        "en",
        1,
        "adaptive",
        1,
        api_name="/send",
    )
    return _chat_text(chat), score


def test_the_app_words_feedback_with_the_configured_llm(tmp_path, built_store_dir):
    words = "LLM-FEEDBACK: you named the chain rule but not how the gradients are stored."
    script = Script(default=(200, words))
    with ChatServer(script) as llm_url:
        env = {
            "INTERVIEWER_LLM": "openai",
            "INTERVIEWER_LLM_BASE_URL": llm_url,
            "INTERVIEWER_LLM_MODEL": "coach-m",
        }
        with served(tmp_path / "data", built_store_dir, env=env) as url:
            chat, score = _answer_once(url)
    assert words in chat and "llm_unavailable" not in score and "Last answer" in score
    assert script.requests and all(r["model"] == "coach-m" for r in script.requests)
    assert any(r.get("stream") for r in script.requests)  # the feedback was streamed


def test_an_unreachable_llm_is_shown_and_the_rubric_grade_stands(tmp_path, built_store_dir):
    env = {
        "INTERVIEWER_LLM": "openai",
        "INTERVIEWER_LLM_MODEL": "m",
        "INTERVIEWER_LLM_BASE_URL": f"http://127.0.0.1:{free_port()}/v1",
    }  # nobody there
    with served(tmp_path / "data", built_store_dir, env=env) as url:
        chat, score = _answer_once(url)
    assert "`llm_unavailable`" in score and "Last answer" in score
    assert "Score " in chat  # the rubric grade's own feedback, not a made-up one
    log = (tmp_path / "data" / "serve.log").read_text()
    assert "LLM: unavailable" in log and "does not answer" in log  # the terminal says why


def test_a_hung_llm_endpoint_holds_no_one_up(tmp_path, built_store_dir):
    """The endpoint accepts every request and never answers. Six answers at once each get
    their grade and the template text within the deadline, a new user starts meanwhile
    without waiting, and after three failures in a row the LLM is skipped (circuit open)."""
    import time

    from gradio_client import Client

    script = Script(mode="hang")
    with ChatServer(script) as llm_url:
        env = {
            "INTERVIEWER_LLM": "openai",
            "INTERVIEWER_LLM_BASE_URL": llm_url,
            "INTERVIEWER_LLM_MODEL": "m",
            "INTERVIEWER_LLM_TIMEOUT": "4",
        }
        with served(tmp_path / "data", built_store_dir, env=env) as url:
            with ThreadPoolExecutor(6) as pool:
                start = time.monotonic()
                jobs = [pool.submit(_answer_once, url) for _ in range(6)]
                time.sleep(2.0)
                then = time.monotonic()
                chat, _score, _resume = Client(url, verbose=False).predict(
                    [], "en", 1, "adaptive", 0, api_name="/start"
                )
                started_in = time.monotonic() - then
                results = [job.result() for job in jobs]
            took = time.monotonic() - start
    print(
        f"6 answers in {took:.1f} s, a start meanwhile in {started_in:.1f} s, "
        f"{len(script.requests)} LLM requests"
    )
    assert "Question 1/1" in _chat_text(chat) and started_in < 10, started_in
    for chat, score in results:
        assert "`llm_unavailable`" in score and "Last answer" in score
        assert "Score " in chat  # the rubric grade's template feedback
    # six feedback calls and six follow-ups, four requests at a time, 4 s each at most
    assert took < 4 * 4 + 30, took
    assert len(script.requests) < 12, len(script.requests)  # the open circuit skipped some


def test_a_hint_and_an_answer_sent_at_once_both_stay_in_the_session(tmp_path, built_store_dir):
    """Two events on one session at once (a hint still streaming when the answer is sent)
    run one after the other: neither one's save drops the other's turn."""
    from gradio_client import Client

    settings = ([], "en", 3, "adaptive", 0)
    with served(tmp_path / "data", built_store_dir) as url:
        client = Client(url, verbose=False)
        client.predict(*settings, api_name="/start")
        for round_ in range(3):
            token = f"token-{round_}"
            jobs = [
                client.submit(*settings, api_name="/command_hint"),
                client.submit(
                    f"Answer {token}: it depends on the data.", *settings, api_name="/send"
                ),
            ]
            for job in jobs:
                job.result()
        chat, _answer, _score = client.predict(*settings, api_name="/command_repeat")
    said = [_chat_text([m]) for m in chat if m.get("role") == "user"]
    # whichever ran first, all six are in the saved session, each once
    assert sum("'hint'" in s for s in said) == 3, said
    assert [sum(f"token-{r}" in s for s in said) for r in range(3)] == [1, 1, 1], said
