"""The `interviewer` command, through click's runner and once as the installed script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from interviewer.cli import main

ITEM_KEYS = {"id", "question", "answer", "source", "lines", "section", "lang", "answer_kind"}


def run(*args, expect=0):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == expect, result.output + result.stderr
    return result


def test_questions_json_contract(data_env):
    rows = json.loads(run("questions", "--json").stdout)
    assert len(rows) == 107
    for row in rows:
        assert set(row) == ITEM_KEYS
        assert row["question"].strip()
        assert row["lang"] in {"zh-Hans", "zh-Hant", "en"}
        assert row["answer_kind"] in {"text", "image"}
        a, b = row["lines"]
        assert isinstance(a, int) and 1 <= a <= b
    counts = {}
    for row in rows:
        counts[row["source"]] = counts.get(row["source"], 0) + 1
    assert counts == {
        "000_878265eba84cecfe.txt": 23,
        "001_eeafe7a87820c1f0.txt": 42,
        "002_5915a4a6d0caa1a9.txt": 21,
        "003_bb0194e72dcdb2ab.txt": 12,
        "004_097d155c1b2f4d21.txt": 9,
    }


def test_questions_filters(data_env):
    hant = json.loads(run("questions", "--json", "--lang", "zh-Hant").stdout)
    assert len(hant) == 6 and {r["lang"] for r in hant} == {"zh-Hant"}
    zh = json.loads(run("questions", "--json", "--lang", "zh").stdout)
    assert len(zh) == 107 - 21 - 4
    cnn = json.loads(run("questions", "--json", "--topic", "卷积网络CNN").stdout)
    assert {r["question"] for r in cnn} >= {"卷积的动机", "参数共享"}
    text = run("questions", "--topic", "dropout").stdout
    assert "What is dropout?" in text


def test_search_json_contract(data_env):
    rows = json.loads(run("search", "什么是 dropout？", "--k", "3", "--json").stdout)
    assert len(rows) == 3
    assert all(set(r) == {"id", "question", "source", "score"} for r in rows)
    assert rows[0]["score"] >= rows[1]["score"] >= rows[2]["score"]
    assert any("ropout" in r["question"] for r in rows)


def test_ingest_twice_embeds_nothing_the_second_time(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path / "data"))
    first = run("ingest").stdout
    assert "5 files ingested, 0 failed; 107 items, 107 embedded" in first
    assert "002_5915a4a6d0caa1a9.txt: 21 items (21 text, 0 image; en 21)" in first
    second = run("ingest").stdout
    assert "107 items, 0 embedded" in second
    assert "0 new, 0 changed, 21 unchanged, 0 removed" in second


def test_the_store_builds_itself_on_first_use(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path / "data"))
    result = run("questions", "--json")
    assert len(json.loads(result.stdout)) == 107  # stdout stays pure JSON
    assert "ingesting the default corpus" in result.stderr


def test_a_store_built_with_another_embedder_is_refused(data_env):
    result = run("--embedder", "minilm", "questions", expect=1)
    assert "was built with embedder" in result.stderr


def test_unknown_embedder_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path / "data"))
    result = run("--embedder", "word2vec", "ingest", expect=2)
    assert "unknown embedder 'word2vec'" in result.stderr


def test_installed_console_script_runs_offline(tmp_path):
    exe = Path(sys.executable).parent / "interviewer"
    env = {
        **os.environ,
        "INTERVIEWER_DATA_DIR": str(tmp_path / "data"),
        "HF_HUB_OFFLINE": "1",
        "no_proxy": "*",
        "https_proxy": "http://127.0.0.1:9",
        "http_proxy": "http://127.0.0.1:9",
    }
    out = subprocess.run(
        [str(exe), "search", "What is an autoencoder?", "--k", "1", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert json.loads(out.stdout)[0]["question"] == "What is autoencoder?"
    assert shutil.which("interviewer", path=str(exe.parent))


def test_two_processes_share_one_store_on_a_chroma_server(tmp_path, monkeypatch, chroma_server):
    # one process ingests into the server, another (its own data dir) searches it
    url = str(chroma_server)
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path / "one"))
    monkeypatch.setenv("INTERVIEWER_CHROMA_URL", url)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "shared.md").write_text(
        "## What is dropout?\n\nZeroing units at random.\n", encoding="utf-8"
    )
    out = run("ingest", str(notes)).stdout
    assert f"1 items, 1 embedded -> {url} (collection 'items')" in out
    assert not (tmp_path / "one" / "store").exists()  # nothing stored in the data dir
    exe = Path(sys.executable).parent / "interviewer"
    env = {**os.environ, "INTERVIEWER_DATA_DIR": str(tmp_path / "two")}
    env.pop("INTERVIEWER_CHROMA_URL")
    found = subprocess.run(
        [str(exe), "--chroma-url", url, "search", "dropout", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert [r["question"] for r in json.loads(found.stdout)] == ["What is dropout?"]
    assert "1 items, 0 embedded" in run("ingest", str(notes)).stdout
    assert "1 items, 1 embedded" in run("ingest", "--rebuild", str(notes)).stdout


def test_chroma_url_errors_are_clear(tmp_path, monkeypatch):
    from tests.serving import free_port

    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path / "data"))
    url = f"http://127.0.0.1:{free_port()}"
    result = run("--chroma-url", url, "search", "dropout", expect=1)
    assert f"cannot reach the Chroma server at {url}" in result.stderr
    assert "chroma run --path DIR" in result.stderr
    result = run("--chroma-url", url, "ingest", expect=1)
    assert f"cannot reach the Chroma server at {url}" in result.stderr
    bad = run("--chroma-url", "localhost:8000", "questions", expect=2)
    assert "not a Chroma server URL: 'localhost:8000'" in bad.stderr
    assert not (tmp_path / "data" / "store").exists()


def test_the_interview_grader_is_rubric_or_claim(data_env, monkeypatch):
    """`serve` and `practice` take --grader rubric|claim (INTERVIEWER_GRADER, which `grade`
    reads too); any other value is a one-line usage error before anything starts."""
    for command in ("serve", "practice"):
        out = run(command, "--help").stdout
        assert "--grader [rubric|claim]" in out and "INTERVIEWER_GRADER" in out
    monkeypatch.setenv("INTERVIEWER_GRADER", "ensemble")
    result = run("practice", expect=2)
    assert "'ensemble' is not one of 'rubric', 'claim'" in result.output + result.stderr
