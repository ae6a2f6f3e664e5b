"""`interviewer grade`: batch-grade a file of written answers."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from interviewer.cli import _ready_store, main
from interviewer.cli import check_output_writable
from interviewer.grading.judge_grader import DEFAULT_GRADER
from interviewer.settings import Settings


def make_grader(name: str, settings: Settings, pool=None, llm=None):
    """`interviewer.llm.graders.make_grader`, its errors as usage errors."""
    from interviewer.llm.graders import GRADERS
    from interviewer.llm.graders import make_grader as make

    if name not in GRADERS:
        raise click.BadParameter(f"unknown grader {name!r}; choose from {', '.join(GRADERS)}")
    try:
        return make(name, settings, pool, llm)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    envvar="INTERVIEWER_WORKERS",
    help="Processes grading at once; default: one per core, at most 4. Env: INTERVIEWER_WORKERS.",
)


def resolve_workers(workers: int | None) -> int:
    from interviewer.grading.parallel import default_workers

    return workers or default_workers()


@main.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Graded rows (.jsonl). Rows already there are skipped (resume).",
)
@click.option(
    "--grader",
    "grader_name",
    default=DEFAULT_GRADER,
    show_default=True,
    envvar="INTERVIEWER_GRADER",
    help="Grader to use. Env: INTERVIEWER_GRADER.",
)
@click.option(
    "--examples",
    "examples_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Answers you have already scored (.jsonl or .csv rows with question, answer, "
    "score[, max_score (default 10), reference]); answers to the same questions "
    "lean on the closest ones.",
)
@click.option(
    "--peers/--no-peers",
    default=True,
    show_default=True,
    help="Answers to a question with no authored rubric lean in part on the "
    "file's other answers to it (5 or more; their scores are never read).",
)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write every graded row as CSV here: the input's columns, then score, "
    "max_score, verdict, error, flags, feedback, ... (the app's CSV download).",
)
@workers_option
@click.pass_obj
def grade(
    settings: Settings,
    input_path: Path,
    output: Path,
    grader_name: str,
    examples_path: Path | None,
    peers: bool,
    csv_path: Path | None,
    workers: int | None,
) -> None:
    """Grade INPUT (.jsonl or .csv rows with question, answer[, id, reference]). A row may
    give `audio`, an audio file relative to INPUT's folder, instead of `answer`: it is
    graded on its transcript (see `interviewer transcribe`), written as `transcript`."""
    from tqdm import tqdm

    from interviewer.grading.batch import (
        InputError,
        Resolver,
        add_peer_answers,
        grade_file,
        read_examples,
        read_rows,
    )
    from interviewer.grading.output import check_paths, resume_point
    from interviewer.session.setup import default_rubrics

    if output.suffix.lower() == ".csv":
        click.echo(
            f"error: {output}: -o is the resumable .jsonl of graded rows; "
            "add --csv FILE for a CSV copy",
            err=True,
        )
        sys.exit(2)
    if csv_path is not None and csv_path.resolve() in (input_path.resolve(), output.resolve()):
        click.echo(f"error: {csv_path}: --csv needs a file of its own", err=True)
        sys.exit(2)
    try:
        rows = read_rows(input_path)
        total = len(rows)
        check_paths(input_path, output)  # before the slow part; grade_file checks again
        resume_point(rows, output, input_path, cut=False)
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    check_output_writable(output)  # now, not after the long work
    if csv_path is not None:
        check_output_writable(csv_path)
    store = _ready_store(settings)
    grader = make_grader(grader_name, settings, pool=store.items())
    resolver = Resolver(store, default_rubrics(), _audio_answers(settings, input_path, rows))
    if examples_path is not None:
        try:
            examples = read_examples(examples_path, resolver)
        except InputError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        with tqdm(
            total=len(examples), unit="answer", desc="examples", file=sys.stderr, leave=False
        ) as ex_bar:
            bank = getattr(grader, "base", grader).add_examples(examples, on_example=ex_bar.update)
        click.echo(
            f"{len(bank)} graded examples for {len(bank.scores)} items "
            f"(an item needs {bank.settings.min_count} to use them)",
            err=True,
        )
    if peers:
        with tqdm(unit="answer", desc="peers", file=sys.stderr, leave=False) as peer_bar:
            add_peer_answers(rows, grader, resolver, on_answer=peer_bar.update)
    bar = tqdm(total=total, unit="answer", desc="grade", file=sys.stderr, leave=False)
    graded = failed = unmatched = 0
    try:
        concurrency = settings.llm_concurrency if grader_name not in ("rubric", "claim") else 1
        for row in grade_file(
            input_path,
            output,
            grader,
            resolver,
            on_row=bar.update,
            workers=resolve_workers(workers),
            concurrency=concurrency,
        ):
            graded += 1
            failed += row["error"] is not None
            unmatched += "no_reference_match" in row["flags"]
    except InputError as exc:
        bar.close()
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    bar.close()
    skipped = total - graded
    click.echo(
        f"{graded} rows graded ({failed} with errors"
        + (f", {unmatched} matching no corpus item" if unmatched else "")
        + ")"
        + (f", {skipped} already in {output}" if skipped else "")
        + f" -> {output}"
    )
    if csv_path is not None:
        from interviewer.grading.table import write_csv

        click.echo(f"{write_csv(output, csv_path)} rows as CSV -> {csv_path}")


def _audio_answers(settings: Settings, input_path: Path, rows: list[dict]):
    """The transcripts of the rows answered by audio, None when there are none; the
    speech model is loaded now, so that a missing model stops the run in one line."""
    from interviewer.grading.audio import AudioAnswers
    from interviewer.voice import VoiceUnavailable, make_transcriber

    if not any(AudioAnswers.wanted(row) for row in rows):
        return None
    transcriber = make_transcriber(settings)
    try:
        getattr(transcriber, "model", lambda: None)()
    except VoiceUnavailable as exc:
        raise click.ClickException(str(exc)) from None

    def transcribe(path: Path, question: str | None) -> str:
        try:
            return transcriber.transcribe(path, prompt=question).text
        except VoiceUnavailable as exc:  # an endpoint down: this row's error, not the run's
            raise ValueError(f"{path}: {exc}") from None

    return AudioAnswers(input_path.parent, transcribe)
