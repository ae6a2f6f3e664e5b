"""The app in a real headless Chromium (Debian's), driven by Playwright: a mock interview
end to end, history after a reload, batch grading upload and download, and not one
request leaving the machine. A screenshot is kept in test-artifacts/. And the README's
default (llm = local, the packaged model): LLM-worded feedback on the first answer and on
one sent a minute after start."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest

from tests.serving import chromium, record_outside, served

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
ANSWER = (
    "Dropout randomly drops neurons during training to reduce overfitting; "
    "at test time all units are kept and activations are scaled."
)


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("app")


@pytest.fixture(scope="module")
def app_url(app_dir, built_store_dir):
    with served(app_dir, built_store_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    record_outside(page)
    yield page
    context.close()


# the interviewer's words in each script: a question may be English, simplified or
# traditional Chinese, and the session picks its questions at random
FOLLOW_UP = "Follow-up|追问|追問"
REFERENCE = "Reference answer|参考答案|參考答案"
REPORT = "Session report|练习报告|練習報告"


def _chat_has(page, pattern: str, timeout: int = 300_000) -> None:
    try:
        page.wait_for_function(
            "p => new RegExp(p).test(document.querySelector('#chat').innerText)",
            arg=pattern,
            timeout=timeout,
        )
    except Exception as exc:  # what the chat said instead, for the failure's report
        chat = page.inner_text("#chat")
        raise AssertionError(f"no /{pattern}/ in the chat:\n{chat[-3000:]}") from exc
    # the reply streams: let it finish (Gradio drops a click on a button whose event is
    # still running), i.e. the chat unchanged for a second
    page.wait_for_function(
        """() => {
        const t = document.querySelector('#chat').innerText, now = Date.now();
        if (window._lastChat !== t) { window._lastChat = t; window._since = now; }
        return now - window._since > 1000; }""",
        polling=200,
        timeout=timeout,
    )


def test_a_mock_interview_in_the_browser(page, app_url, tmp_path):
    """A whole short interview: two questions, one follow-up, a hint, the report."""
    page.goto(app_url, wait_until="load")
    page.fill("#n input[type=number]", "2")
    page.press("#n input[type=number]", "Enter")
    page.click("#start")
    _chat_has(page, "1/2")
    page.fill("#answer textarea", ANSWER)
    page.click("#send")
    page.wait_for_selector("#score .verdict", timeout=300_000)  # the grade first
    _chat_has(page, f"2/2|{FOLLOW_UP}")  # then the rest of the reply
    chat = page.inner_text("#chat")
    assert ANSWER in chat
    assert "Score " in chat or "得分" in chat  # the feedback
    assert re.search(REFERENCE, chat)
    score = page.inner_text("#score")
    assert "/10" in score and page.locator("#score .verdict").count() > 0  # point by point
    assert "LLM off" in page.inner_text("#llm-status")  # what the LLM is doing, shown
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-interview.png"), full_page=True)

    if "2/2" not in chat:  # a follow-up came first: answer it
        assert re.search(FOLLOW_UP, chat)
        page.fill("#answer textarea", "It prevents co-adaptation of neurons.")
        page.click("#send")
        _chat_has(page, "2/2")
    page.fill("#answer textarea", "I don't know.")  # no follow-up after "don't know"
    page.click("#hint")  # a command button: the draft in the box is kept
    _chat_has(page, "Hint \\(1\\)|提示（1）")
    assert page.input_value("#answer textarea") == "I don't know."
    page.click("#send")
    _chat_has(page, REPORT)

    page.reload(wait_until="load")  # the history survives a reload
    page.get_by_role("tab", name="History").click()
    page.wait_for_function(
        "() => /\\bfinished\\b/.test(document.querySelector('#sessions').innerText)", timeout=60_000
    )
    page.wait_for_function(
        "t => document.querySelector('#transcript').innerText.includes(t)",
        arg=ANSWER[:40],
        timeout=60_000,
    )
    page.screenshot(path=str(ARTIFACTS / "ui-history.png"), full_page=True)
    assert page.outside == []


def test_batch_grading_upload_and_download(page, app_url, tmp_path):
    rows = [
        {"id": "a", "question": "What is dropout?", "answer": ANSWER},
        {  # no note defines overfitting: not graded against a wrong item (issue 22, item 6)
            "id": "b",
            "question": "什么是过拟合？",
            "answer": "模型在训练集上表现很好但在测试集上很差。",
        },
        {"id": "c", "question": "What is dropout?"},  # no answer: an error row, not a crash
    ]
    src = tmp_path / "answers.jsonl"
    src.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    page.goto(app_url, wait_until="load")
    page.get_by_role("tab", name="Batch grading").click()
    # wait for the tab's components before setting the file: once (clean clone, 2026-11-23)
    # the file name below never appeared; a file set before the upload mounts is a guess
    page.locator("#upload").wait_for(state="visible")
    page.set_input_files("#upload input[type=file]", str(src))
    page.wait_for_selector("#upload >> text=answers.jsonl", timeout=60_000)
    page.click("#grade")
    page.wait_for_selector(
        "#batch-status >> text=3 rows graded (2 with errors, 1 matching no corpus item)",
        timeout=300_000,
    )
    with page.expect_download() as info:
        page.click("#graded a")
    out = tmp_path / "graded.jsonl"
    info.value.save_as(out)
    graded = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [g["id"] for g in graded] == ["a", "b", "c"]
    assert graded[0]["score"] is not None and graded[0]["item_id"]
    assert graded[1]["score"] is None and "no_reference_match" in graded[1]["flags"]
    assert graded[2]["score"] is None and "answer" in graded[2]["error"]
    page.screenshot(path=str(ARTIFACTS / "ui-batch.png"), full_page=True)
    assert page.outside == []


def test_topics_are_subjects_named_in_the_questions_language(page, app_url):
    """Issue 21, item 8: the topic list names subjects, not notes, in the language chosen."""
    page.goto(app_url, wait_until="load")
    page.click("#topics input")
    page.wait_for_selector("text=Regularization", timeout=60_000)
    listed = page.locator("ul[role=listbox]").inner_text()
    assert "Normalization" in listed and "Interview" not in listed and "面试" not in listed
    page.keyboard.press("Escape")
    page.click("#lang input")
    page.locator("ul[role=listbox] >> text=zh-Hant").click()
    page.click("#topics input")
    page.wait_for_selector("ul[role=listbox] >> text=正則化", timeout=60_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-topics-zh-hant.png"))
    assert page.outside == []


def test_batch_grading_csv_comes_back_as_csv_with_a_preview(page, app_url, tmp_path):
    """Issue 21, item 7: a .csv upload gives a .csv download (the columns of `interviewer
    grade --csv`), the first rows show in a table, an empty answer has no score."""
    import csv

    src = tmp_path / "class.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "question", "answer"])
        w.writerow(["s1", "What is dropout?", ANSWER])
        w.writerow(["s2", "什么是dropout？", "训练时随机丢弃一部分神经元，防止过拟合。"])
        w.writerow(["s3", "What is dropout?", "  "])
        w.writerow(["s4", "What is batch normalization?", '=HYPERLINK("http://x.invalid")'])
    page.goto(app_url, wait_until="load")
    page.get_by_role("tab", name="Batch grading").click()
    page.locator("#upload").wait_for(state="visible")
    page.set_input_files("#upload input[type=file]", str(src))
    page.wait_for_selector("#upload >> text=class.csv", timeout=60_000)
    page.click("#grade")
    page.wait_for_selector("#batch-status >> text=4 rows graded (1 with errors)", timeout=300_000)
    page.wait_for_function(
        "() => document.querySelector('#batch-preview').innerText.includes('empty answer')",
        timeout=60_000,
    )
    table = page.inner_text("#batch-preview")
    for word in ("id", "question", "score", "verdict", "error", "s1", "s4", "covered"):
        assert word in table, (word, table)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-batch-preview.png"), full_page=True)
    with page.expect_download() as info:
        page.click("#graded a")
    assert info.value.suggested_filename == "class.graded.csv"
    out = tmp_path / "graded.csv"
    info.value.save_as(out)
    with out.open(encoding="utf-8", newline="") as fh:
        got = list(csv.DictReader(fh))
    assert [r["id"] for r in got] == ["s1", "s2", "s3", "s4"]
    assert list(got[0])[:5] == ["id", "question", "answer", "score", "max_score"]
    assert float(got[0]["score"]) > 0 and "covered" in got[0]["verdict"]
    assert (got[2]["score"], got[2]["error"]) == ("", "empty answer")
    assert got[3]["answer"].startswith("'=HYPERLINK")  # a spreadsheet shows it as text
    assert page.outside == []


def _graded_lines(data: Path, stem: str) -> int:
    return sum(
        len(p.read_bytes().splitlines())
        for p in (data / "work" / "batch").rglob(f"{stem}*.graded.jsonl")
    )


def test_stop_ends_a_batch_run(page, app_url, app_dir, tmp_path):
    """The Stop button cancels a run: no answer is graded a few seconds later."""
    rows = [
        {
            "question": "What is dropout?",
            "answer": f"Dropout drops {i} random units while training, to curb overfitting.",
        }
        for i in range(1500)
    ]
    src = tmp_path / "stop-me.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    page.goto(app_url, wait_until="load")
    page.get_by_role("tab", name="Batch grading").click()
    page.locator("#upload").wait_for(state="visible")
    page.set_input_files("#upload input[type=file]", str(src))
    page.wait_for_selector("#upload >> text=stop-me.jsonl", timeout=60_000)
    page.click("#grade")
    page.wait_for_selector("#batch-status >> text=/Grading: [1-9]/", timeout=300_000)
    page.click("#stop-grading")
    time.sleep(3)
    first = _graded_lines(app_dir, "stop-me")
    time.sleep(5)
    assert _graded_lines(app_dir, "stop-me") - first <= 1 and first < len(rows)
    assert page.outside == []


def _bot_texts(page) -> list[str]:
    return page.locator("#chat [data-testid=bot]").all_inner_texts()


def _coach_notes(data: Path) -> str:
    """Why the coach used template text, as the sessions' saved state says."""
    import sqlite3

    with sqlite3.connect(data / "history.sqlite3") as db:
        rows = [" ".join(map(str, r)) for r in db.execute("SELECT * FROM sessions")]
    return " | ".join(r[r.find("coach_notes") :][:300] for r in rows if "coach_notes" in r)


def _feedback_is_llm_worded(page, answer: str, data: Path) -> str:
    """The feedback after `answer`: after the lead (what the grade found, said from the
    grade), the LLM's words, not the rubric grader's template (its "Score N/10." line,
    which follows the lead when nothing the model wrote holds up); no `llm_unavailable`."""
    score = page.inner_text("#score")
    assert "llm_unavailable" not in score, score
    texts = page.locator("#chat [data-testid=user], #chat [data-testid=bot]").all_inner_texts()
    after = texts[max(i for i, t in enumerate(texts) if answer[:30] in t) + 1]
    assert not re.search(r"(Score|得分) \d+(\.\d)?/10", after), (
        f"template text: {after[:300]!r}; coach notes: {_coach_notes(data)}"
    )
    lead = ("None of the key points is fully made yet.", "You got", "This is not right")
    assert len(after.strip()) > 20 and after.strip() not in lead, after
    return after


@pytest.mark.slow
def test_the_readme_default_words_feedback_with_the_local_model(
    browser, tmp_path_factory, built_store_dir
):
    """`interviewer serve` with the default LLM (the local model), as a new user runs it:
    the app says when the model is ready, and the first answer and one sent a minute after
    start both get the model's words. (Before: the server was killed ~12 s after it
    started, and every answer got template text and `llm_unavailable`.)"""
    load, cores = os.getloadavg()[0], os.cpu_count() or 1
    if load > 2 * cores:  # the model's speed is the CPU's: the deadlines assume it is free
        pytest.skip(
            f"the machine is too busy for the real model (load {load:.1f} on "
            f"{cores} cores): this test needs a quiet machine, as CI has"
        )
    data = tmp_path_factory.mktemp("app-local-llm")
    # the question is drawn at random; a person answers in its language (an English answer
    # to a Chinese question is a case of its own: the 1.5B model often words it in Chinese,
    # and the check then falls back to the template)
    answers = {
        "en": [
            (
                "It stops the model from overfitting: during training it adds noise or a "
                "penalty, so the network has to generalise instead of memorising the data."
            ),
            (
                "I would compare the training loss with the validation loss; when they move "
                "apart the model overfits, so I would add data or regularisation."
            ),
        ],
        "zh": [
            "它能防止过拟合：训练时加入噪声或惩罚项，让网络学会泛化而不是记住数据。",
            "我会比较训练损失和验证损失，两者拉开时说明过拟合，就增加数据或加正则化。",
        ],
    }
    with served(data, built_store_dir, env={"INTERVIEWER_LLM": "local"}) as url:
        started = time.monotonic()
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.fill("#n input[type=number]", "3")
        page.press("#n input[type=number]", "Enter")
        page.fill("#follow-ups input[type=number]", "0")
        page.press("#follow-ups input[type=number]", "Enter")
        page.click("#start")
        _chat_has(page, "1/3", timeout=60_000)
        # the app shows what the LLM is doing; a person reads the question meanwhile
        page.wait_for_selector("#llm-status >> text=LLM ready", timeout=180_000)
        worded = []
        for n in range(2):
            if n == 1:  # a minute after start: the server must still be there
                time.sleep(max(0.0, 60 - (time.monotonic() - started)))
            chat = page.inner_text("#chat")
            question = chat[chat.rfind(f"{n + 1}/3") :]  # the question just asked
            zh = re.search(r"[\u4e00-\u9fff]{4}", question)
            answer = answers["zh" if zh else "en"][n]
            page.fill("#answer textarea", answer)
            page.click("#send")
            _chat_has(page, f"{n + 2}/3", timeout=120_000)  # the reply is complete
            worded.append(_feedback_is_llm_worded(page, answer, data))
        assert time.monotonic() - started >= 60
        assert "LLM ready" in page.inner_text("#llm-status")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "ui-local-llm.png"), full_page=True)
        context.close()
    print("feedback:", *worded, sep="\n")
