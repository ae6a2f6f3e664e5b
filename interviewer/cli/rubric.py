"""`interviewer rubric draft`: LLM-drafted rubrics for review."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from interviewer.cli import _ready_store, main
from interviewer.settings import Settings


@main.group(name="rubric")
def rubric_group() -> None:
    """Rubrics."""


@rubric_group.command()
@click.argument("item_ids", metavar="[ITEM]...", nargs=-1)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the drafts go (default: <data dir>/rubrics/drafts).",
)
@click.pass_obj
def draft(settings: Settings, item_ids: tuple[str, ...], out_dir: Path | None) -> None:
    """Draft rubrics with the LLM for ITEMs (default: every text item with no rubric).

    One file per note, `<note stem>.yaml`, every rubric marked `origin: draft`: review it,
    set `origin: authored` and move it to the rubrics folder to use it.
    """
    import yaml

    from interviewer.session.setup import default_rubrics
    from interviewer.llm import LLMUnavailable, make_llm
    from interviewer.llm.draft import draft_rubric
    from interviewer.rubric.models import RubricFile

    store = _ready_store(settings)
    book = default_rubrics()
    if item_ids:
        items = [store.get(i) for i in item_ids]
        unknown = [i for i, it in zip(item_ids, items) if it is None]
        if unknown:
            raise click.BadParameter(f"not in the store: {', '.join(unknown)}", param_hint="ITEM")
    else:
        items = [it for it in store.items() if book.get(it.id) is None]
    items = [it for it in items if it.answer_kind == "text"]
    if not items:
        click.echo("nothing to draft: every text item has a rubric")
        return
    try:
        llm = make_llm(settings)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    out_dir = out_dir or settings.data_dir / "rubrics" / "drafts"
    by_note: dict[str, list] = {}
    failed = 0
    for item in items:
        try:
            by_note.setdefault(item.source, []).append(draft_rubric(llm, item))
        except LLMUnavailable as exc:
            raise click.ClickException(f"llm_unavailable: {exc}") from None
        except ValueError as exc:
            failed += 1
            click.echo(f"error: {exc}", err=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    for note, rubrics in by_note.items():
        path = out_dir / f"{Path(note).stem}.yaml"
        data = RubricFile(note=note, rubrics=rubrics).model_dump(mode="json")
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        click.echo(f"{len(rubrics)} draft rubric(s) -> {path}")
    if failed:
        sys.exit(1)
