"""Commands over the corpus and the store: ingest, questions, search."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from interviewer.cli import _ingest, _ready_store, main
from interviewer.settings import Settings


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Drop the store first and embed everything again.")
@click.option("-v", "--verbose", is_flag=True, help="Also list questions that were skipped.")
@click.option(
    "--batch-size",
    type=click.IntRange(1, 5000),
    envvar="INTERVIEWER_INGEST_BATCH",
    default=256,
    show_default=True,
    help="Items embedded and written at once. Env: INTERVIEWER_INGEST_BATCH.",
)
@click.pass_obj
def ingest(
    settings: Settings, paths: tuple[Path, ...], rebuild: bool, verbose: bool, batch_size: int
) -> None:
    """Parse note files or folders into items and sync them into the store.

    With no PATHS, ingests the default corpus shipped with interviewer. Notes are read one
    at a time and embedded in batches; an interrupted ingest resumes where it stopped.
    """
    from interviewer.resources import default_corpus_dir

    settings = settings.model_copy(update={"ingest_batch": batch_size})

    store, report = _ingest(settings, list(paths) or [default_corpus_dir()], rebuild=rebuild)
    for note in report.notes:
        if note.error:
            click.echo(f"error: {note.path}: {note.error}", err=True)
            continue
        langs = ", ".join(f"{k} {v}" for k, v in sorted(note.langs.items())) or "-"
        click.echo(
            f"{note.source}: {note.items} items ({note.text} text, {note.image} image; {langs})"
            f" | {note.added} new, {note.updated} changed, {note.unchanged} unchanged,"
            f" {note.removed} removed"
            + (
                f" | {len(note.skipped_questions)} questions skipped"
                if note.skipped_questions
                else ""
            )
        )
        if verbose:
            for reason in note.skipped_questions:
                click.echo(f"  skipped {reason}")
    ok, failed = report.ok, report.failed
    click.echo(
        f"{len(ok)} files ingested, {len(failed)} failed; {sum(n.items for n in ok)} items, "
        f"{report.embedded} embedded"
        + (
            f"; {report.removed_items} items of {report.removed_files} deleted files removed"
            if report.removed_files
            else ""
        )
        + f" -> {store.location}"
    )
    if not ok:
        sys.exit(1)


@main.command()
@click.option("--topic", help="Only items whose section or question contains this text.")
@click.option("--lang", help="Only items in this language: zh-Hans, zh-Hant, en (or zh).")
@click.option("--json", "as_json", is_flag=True, help="A JSON array of items.")
@click.pass_obj
def questions(settings: Settings, topic: str | None, lang: str | None, as_json: bool) -> None:
    """List the interview questions in the store."""
    items = _ready_store(settings).items()
    if topic:
        needle = topic.casefold()
        items = [
            it
            for it in items
            if needle in it.section.casefold() or needle in it.question.casefold()
        ]
    if lang:
        items = [it for it in items if it.lang == lang or it.lang.startswith(lang + "-")]
    if as_json:
        click.echo(json.dumps([it.to_json() for it in items], ensure_ascii=False, indent=1))
        return
    for it in items:
        question = " ".join(it.question.split())
        click.echo(f"{it.id}  [{it.lang}] {question[:100]}  ({it.source}:{it.lines[0]})")
    click.echo(f"{len(items)} questions", err=True)


@main.command()
@click.argument("query")
@click.option("--k", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option("--json", "as_json", is_flag=True, help="A JSON array of hits, best first.")
@click.pass_obj
def search(settings: Settings, query: str, k: int, as_json: bool) -> None:
    """Find the items closest to QUERY (any language)."""
    hits = _ready_store(settings).search(query, k)
    if as_json:
        rows = [
            {
                "id": h.item.id,
                "question": h.item.question,
                "source": h.item.source,
                "score": h.score,
            }
            for h in hits
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for h in hits:
        question = " ".join(h.item.question.split())
        click.echo(f"{h.score:.3f}  {h.item.id}  {question[:100]}  ({h.item.source})")
