"""The app as an attacker and a careless user would try it (issue 20): one user reads
another's uploads or downloads, a server file through the batch tab, guesses passwords,
uploads a huge file, closes the tab on a running batch; and the batch tab grades as
`interviewer grade` does. Through `gradio_client` and plain HTTP, against `serve`."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from tests.serving import served
from ui.auth import hash_password

ANN, BOB = ("ann", "pw-ann"), ("bob", "pw-bob")
FILE_META = {"_type": "gradio.FileData"}
ROWS = [
    {
        "id": "a",
        "question": "What is dropout?",
        "answer": "Dropout randomly drops neurons during training to reduce overfitting.",
    },
    {"id": "b", "question": "What is dropout?", "answer": "It zeroes some units."},
    {"id": "c", "question": "What is dropout?"},  # no answer: an error row
]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path


@pytest.fixture(scope="module")
def app(tmp_path_factory, built_store_dir):
    data = tmp_path_factory.mktemp("sec") / "data"
    users = f"ann:{hash_password(ANN[1])},bob:{hash_password(BOB[1])}"
    with served(data, built_store_dir, "--users", users, "--max-upload-mb", "1") as url:
        yield SimpleNamespace(url=url, data=data, gradio=data / "gradio")


def client(app, auth, **kw):
    from gradio_client import Client

    return Client(app.url, auth=auth, verbose=False, **kw)


def test_the_batch_tab_grades_only_the_callers_own_uploads(app, tmp_path, monkeypatch):
    from gradio_client import handle_file

    src = write_jsonl(tmp_path / "ann-answers.jsonl", ROWS)
    _graded, note, _rows = client(app, ANN).predict(handle_file(str(src)), api_name="/grade")
    assert "3 rows graded (1 with errors)" in note
    uploaded = next(app.gradio.glob("*/ann-answers.jsonl"))  # where Gradio keeps it
    secret = write_jsonl(tmp_path / "secret.jsonl", ROWS[:1])  # any file on the server
    dotted = f"{uploaded.parent}/../../{tmp_path.name}/../{tmp_path.name}/secret.jsonl"

    from gradio_client.client import Endpoint

    monkeypatch.setattr(Endpoint, "_upload_file", lambda self, f, data_index: f)
    bob = client(app, BOB)
    for path in (uploaded, secret, dotted):
        with pytest.raises(Exception) as refused:
            bob.predict({"path": str(path), "meta": FILE_META}, api_name="/grade")
        said = str(refused.value)
        assert str(app.data) not in said and str(tmp_path) not in said, said  # no paths
    # the owner may grade her upload again by its path: the check binds, it does not break
    _graded, note, _rows = client(app, ANN).predict(
        {"path": str(uploaded), "meta": FILE_META}, api_name="/grade"
    )
    assert "already graded earlier" in note


def test_downloads_are_served_to_their_owner_only(app, tmp_path):
    from gradio_client import handle_file

    ann = client(app, ANN, download_files=False)
    bob = client(app, BOB, download_files=False)
    ann.predict([], "en", 2, "adaptive", 0, api_name="/start")
    _plot, table, _pick, _resume = ann.predict(api_name="/history")
    sid = table["data"][0][0]
    _md, exports = ann.predict(sid, api_name="/transcript")
    src = write_jsonl(tmp_path / "ann-download.jsonl", ROWS[:2])
    graded, _note, _rows = ann.predict(handle_file(str(src)), api_name="/grade")
    urls = [e["url"] for e in exports] + [graded["url"]]
    # where exports were kept before (served from work_dir by name)
    urls.append(f"{app.url}gradio_api/file={app.data}/work/exports/interview-{sid}.md")
    uploaded = next(app.gradio.glob("*/ann-download.jsonl"))
    urls.append(f"{app.url}gradio_api/file={uploaded}")  # her upload, too
    for url in urls[:3]:
        assert httpx.get(url, cookies=ann.cookies).status_code == 200, url
    for url in urls:
        assert httpx.get(url, cookies=bob.cookies).status_code in (403, 404), url


def test_downloads_are_deleted_after_their_time(tmp_path):
    from ui.files import UserFiles

    now = [1_000_000.0]
    files = UserFiles(root=tmp_path, ttl=60, clock=lambda: now[0])
    old = files.download_dir("ann") / "t.md"
    old.write_text("transcript")
    os.utime(old.parent, (now[0] - 61, now[0] - 61))
    fresh = files.download_dir("ann") / "u.md"  # making a new one sweeps the old
    fresh.write_text("x")
    assert not old.exists() and fresh.exists()
    assert files.may_read("ann", str(fresh)) and not files.may_read("bob", str(fresh))


def test_an_upload_over_the_limit_is_refused(app):
    ann = client(app, ANN)
    big = b'{"question": "q", "answer": "' + b"a" * 1_200_000 + b'"}\n'
    res = httpx.post(
        f"{app.url}gradio_api/upload", cookies=ann.cookies, files=[("files", ("big.jsonl", big))]
    )
    assert res.status_code == 413


def test_errors_name_no_server_path(app, tmp_path):
    from gradio_client import handle_file

    latin = tmp_path / "latin.csv"
    latin.write_bytes("question,answer\nqué,sí\n".encode("latin-1"))
    with pytest.raises(Exception) as failed:
        client(app, ANN).predict(handle_file(str(latin)), api_name="/grade")
    said = str(failed.value)
    assert "latin.csv: not UTF-8" in said and str(app.gradio) not in said, said


def _lines(app) -> int:
    return sum(
        len(p.read_bytes().splitlines())
        for p in (app.data / "work" / "batch").rglob("big-run*.graded.jsonl")
    )


def test_failed_logins_from_one_address_must_wait(app):
    login = f"{app.url}login"
    codes = [
        httpx.post(login, data={"username": f"nobody{i}", "password": "x"}).status_code
        for i in range(6)
    ]
    assert codes[:5] == [400] * 5 and codes[5] == 429, codes
    time.sleep(2.5)  # the first wait is 2 s; a good login then clears the address
    assert httpx.post(login, data={"username": ANN[0], "password": ANN[1]}).status_code == 200


def test_the_batch_tab_grades_as_interviewer_grade_does(app, tmp_path, data_env):
    """Peer answers included: eight answers to one question with its reference answer
    (a derived rubric), so each answer has seven peers."""
    from click.testing import CliRunner
    from gradio_client import handle_file

    from interviewer.cli import main

    reference = (
        "Batch normalization normalizes each layer's inputs over the mini-batch to "
        "zero mean and unit variance, then scales and shifts them with learned "
        "parameters; it stabilises and speeds up training."
    )
    answers = [
        "It normalizes activations over the batch, then a learned scale and shift.",
        "Normalizing layer inputs with batch mean and variance; training gets faster.",
        "You subtract the batch mean and divide by the std, gamma and beta are learned.",
        "It makes training stable.",
        "Something about normalizing the data before the network.",
        "Batch norm: zero mean unit variance per mini-batch, learned affine transform.",
        "It reduces overfitting like dropout does.",
        "I don't know.",
    ]
    rows = [
        {
            "id": str(i),
            "question": "What does batch normalization do?",
            "answer": a,
            "reference": reference,
        }
        for i, a in enumerate(answers)
    ]
    src = write_jsonl(tmp_path / "peers.jsonl", rows)
    out = tmp_path / "cli.jsonl"
    result = CliRunner().invoke(main, ["grade", str(src), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    graded, _note, _rows = client(app, ANN).predict(handle_file(str(src)), api_name="/grade")
    web = [json.loads(line) for line in Path(graded).read_text(encoding="utf-8").splitlines()]
    cli = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["score"]) for r in web] == [(r["id"], r["score"]) for r in cli]


def test_a_batch_run_stops_when_the_browser_goes_away(app, tmp_path):
    """As a closed tab does: the event stream is dropped, nothing is cancelled."""
    import uuid

    ann = client(app, ANN)
    rows = [
        {
            "question": "What is dropout?",
            "answer": f"Dropout drops {i} random units while training, to curb overfitting.",
        }
        for i in range(1500)
    ]
    src = write_jsonl(tmp_path / "big-gone.jsonl", rows)
    with src.open("rb") as fh:
        uploaded = httpx.post(
            f"{app.url}gradio_api/upload", cookies=ann.cookies, files=[("files", (src.name, fh))]
        ).json()[0]
    config = httpx.get(f"{app.url}config", cookies=ann.cookies).json()
    fn = next(d["id"] for d in config["dependencies"] if d.get("api_name") == "grade")
    session = uuid.uuid4().hex
    body = {
        "data": [{"path": uploaded, "orig_name": src.name, "meta": FILE_META}],
        "fn_index": fn,
        "session_hash": session,
        "event_data": None,
        "trigger_id": None,
    }

    def lines() -> int:
        return sum(
            len(p.read_bytes().splitlines())
            for p in (app.data / "work" / "batch").rglob("big-gone*.graded.jsonl")
        )

    with httpx.Client(cookies=ann.cookies, timeout=30) as http:
        assert http.post(f"{app.url}gradio_api/queue/join", json=body).status_code == 200
        deadline = time.time() + 300
        with http.stream(
            "GET", f"{app.url}gradio_api/queue/data", params={"session_hash": session}
        ) as events:
            for _ in events.iter_lines():
                if lines() >= 3:
                    break  # the tab is closed
                assert time.time() < deadline, "the run never started grading"
    time.sleep(3)  # Gradio closes the handler, which stops the run
    stopped_at = lines()
    time.sleep(5)
    assert lines() - stopped_at <= 1 and stopped_at < len(rows)


def test_a_run_nobody_asks_about_stops():
    """The backstop, should a closed handler ever go unnoticed."""
    from ui.batch_job import BatchJob, Cancelled

    kit = SimpleNamespace(grader=SimpleNamespace(name="fake"), grade_lock=threading.Lock())
    job = BatchJob(kit, None, [], Path("in.jsonl"), Path("out.jsonl"), stale_after=0.2)
    job.check()
    time.sleep(0.3)
    with pytest.raises(Cancelled):
        job.check()
    job.beat()
    job.check()
    job.stop()
    with pytest.raises(Cancelled):
        job.check()
