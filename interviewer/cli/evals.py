"""`interviewer eval ...`: measurements."""

from __future__ import annotations

import json
from pathlib import Path

import click

from interviewer.cli import _ready_store, main
from interviewer.cli.grade import workers_option
from interviewer.settings import Settings


@main.group(name="eval")
def eval_group() -> None:
    """Measure quality against the data in evals/."""
    # the checkout's commit as the run starts (read on import): the code it runs
    import interviewer.evals.measure  # noqa: F401


def provenance() -> dict[str, str | None]:
    """What a report records about its run: date (UTC), machine, commit, command line."""
    import shlex
    import sys

    from interviewer.evals.measure import Machine, git_commit, utc_now

    return {
        "date": utc_now(),
        "machine": Machine.here().describe(),
        "commit": git_commit(),
        "command": shlex.join(["interviewer", *sys.argv[1:]]),
    }


@eval_group.command()
@click.option(
    "--data",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Paraphrase file (JSONL); default: evals/data/paraphrases.jsonl.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the JSON report, with date, machine, commit and command, here "
    "(e.g. evals/reports/retrieval.json).",
)
@click.pass_obj
def retrieval(settings: Settings, data: Path | None, as_json: bool, out_path: Path | None) -> None:
    """Recall@1 and recall@5 of routing reworded questions to the items they aim at
    (batch grading's routing), by the question alone and with answers; and the share of
    questions the notes do not answer that match no item."""
    from interviewer.evals import retrieval as ev
    from interviewer.grading.routing import Router
    from interviewer.resources import evals_data_dir

    folder = evals_data_dir()
    data = data or folder / "paraphrases.jsonl"
    try:
        cases = ev.load_paraphrases(data)
        unanswered = ev.load_unanswered(folder / "unanswered.jsonl")
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    answers = ev.answers_by_item([folder / "realistic.jsonl", folder / "seed_gold.jsonl"])
    router = Router(_ready_store(settings))
    try:
        result = ev.run_retrieval_eval(router, cases)
        with_answer = ev.run_retrieval_eval(router, cases, answers)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    report = {
        **result.to_json(),
        "with_answer": with_answer.to_json(),
        "unanswered": ev.run_unanswered_eval(router, unanswered),
        "route_ms": ev.route_timing(router, cases, answers),
    }
    if out_path is not None:
        full = {**provenance(), "embedder": settings.embedder, **report}
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_text(json.dumps(full, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
        return
    click.echo("question only: " + result.summary())
    for miss in result.misses:
        click.echo(f"  miss: {miss}")
    click.echo("with an answer: " + with_answer.summary())
    for split, u in report["unanswered"].items():
        click.echo(
            f"questions the notes do not answer, {split}: n={u['n']}  no match "
            f"{u['no_match_question']:.3f} (question), {u['no_match_with_answer']:.3f} (with answer)"
        )
        for miss in u["false_matches"]:
            click.echo(f"  false match: {miss}")


@eval_group.command(name="grading")
@click.argument("suite_name", metavar="SUITE")
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=None,
    help="Dataset file to use instead of the suite's (e.g. ../shared/datasets/...).",
)
@click.option("--split", default=None, help="Only rows of this split (overrides the suite).")
@click.option("--grader", "grader_name", default=None, help="Grader (overrides the suite).")
@click.option("--limit", type=int, default=None, help="Grade only the first N rows.")
@click.option(
    "--sample",
    type=click.IntRange(min=1),
    default=None,
    help="Grade N rows spread evenly over the split (every k-th row, so every part of a "
    "large split is in it), not the first N.",
)
@click.option(
    "--examples",
    "examples_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Scored answers of the same kind the grader may lean on, instead of the "
    "suite's (e.g. ../shared/datasets/ads/train.jsonl).",
)
@click.option("--no-examples", is_flag=True, help="Grade without any scored examples.")
@click.option(
    "--no-peers",
    is_flag=True,
    help="Grade each row alone, not leaning on the other rows' answers (peers).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("evals/reports"),
    show_default=True,
    help="Where the reports go.",
)
@workers_option
@click.pass_obj
def grading(
    settings: Settings,
    suite_name: str,
    data: Path | None,
    split: str | None,
    grader_name: str | None,
    limit: int | None,
    sample: int | None,
    examples_path: Path | None,
    no_examples: bool,
    no_peers: bool,
    out_dir: Path,
    workers: int | None,
) -> None:
    """Run the grading suite SUITE (a name in evals/suites/ or a path to a suite file).

    Writes OUT/SUITE.json and OUT/SUITE.md; exits 1 when a threshold is not met.
    """
    import datetime
    import platform
    import sys
    import time

    from tqdm import tqdm

    from interviewer import __version__
    from interviewer.cli.grade import make_grader, resolve_workers
    from interviewer.evals import grading as ev
    from interviewer.grading.parallel import pool_for
    from interviewer.resources import evals_data_dir
    from interviewer.session.setup import default_rubrics

    root = evals_data_dir().parent.parent  # the folder holding evals/ (repo or package data)
    path = Path(suite_name)
    if not path.is_file():
        path = root / "evals" / "suites" / f"{suite_name}.yaml"
    try:
        suite = ev.load_suite(path)
        if split is not None:
            suite.dataset.split = split
        rows = ev.load_rows(suite.dataset, root, data)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    total = len(rows)
    rows = rows[: limit or suite.limit or len(rows)]
    if sample is not None:
        rows = ev.spread(rows, sample)
    if not rows:
        raise click.ClickException(f"suite {suite.name}: no rows to grade")
    needs_store = any(r.item_id for r in rows)
    store = _ready_store(settings) if needs_store else None
    grader = make_grader(
        grader_name or suite.grader,
        settings,
        pool=store.items() if store else ev.dataset_pool(rows),
    )
    items, rubrics = (store.get if store else (lambda _: None)), default_rubrics().get
    targets = ev.targets_for(rows, items, rubrics)
    examples = None if no_examples else suite.examples
    if examples_path is not None and not no_examples:
        examples = ev.DatasetSpec(kind=suite.dataset.kind, path=str(examples_path.resolve()))
    if examples is not None:
        try:
            ev.check_examples(examples, suite.dataset, root, data)
            ex_rows = ev.load_rows(examples, root)
        except ValueError as exc:
            raise click.ClickException(f"examples: {exc}") from None
        # another person's answer with the very same text as a graded one is a fair example,
        # but it makes that row easy: such rows are reported apart, and a set holding most
        # of the graded answers is refused
        seen = {ev.same_text(r) for r in ex_rows}
        twins = sum(ev.same_text(r) in seen for r in rows)
        if twins * 2 > len(rows):
            raise click.ClickException(
                f"examples: {twins} of the {len(rows)} graded answers are among the examples "
                "word for word; take the examples from another split"
            )
        ex_targets = ev.targets_for(ex_rows, items, rubrics)
        with tqdm(
            total=len(ex_rows), unit="answer", desc="examples", file=sys.stderr, leave=False
        ) as ex_bar:
            getattr(grader, "base", grader).add_examples(
                ev.graded_examples(ex_rows, ex_targets), on_example=ex_bar.update
            )
    peers = 0
    if suite.peers and not no_peers:
        with tqdm(
            total=len(rows), unit="answer", desc="peers", file=sys.stderr, leave=False
        ) as peer_bar:
            peers = ev.add_peers(grader, rows, targets, on_answer=peer_bar.update)
    workers = resolve_workers(workers)
    bar = tqdm(total=len(rows) * 2, unit="answer", desc=suite.name, file=sys.stderr, leave=False)
    start = time.perf_counter()  # the first pass's time includes starting the workers
    pool = pool_for(grader, targets, workers, len(rows))
    try:
        first = ev.grade_rows(rows, grader, targets, bar.update, pool)
        seconds = time.perf_counter() - start
        second = ev.grade_rows(rows, grader, targets, bar.update, pool)
    finally:
        if pool:
            pool.close()
    bar.close()
    values = ev.agreement(first)
    if suite.dataset.kind == "seed_gold":
        values.update(ev.seed_gold_checks(first))
    elif suite.dataset.kind == "realistic":
        values.update(ev.realistic_checks(first))
    elif suite.dataset.kind == "cross_lang":
        values.update(ev.cross_lang_checks(first))
    if suite.labels is not None:
        values.update(ev.label_agreement(first, suite.labels))
    if examples is not None:
        fresh = [g for g in first if ev.same_text(g.row) not in seen]
        values["rows_with_same_text_example"] = len(first) - len(fresh)
        values["pearson_without_them"] = ev.agreement(fresh)["pearson"] if fresh else None
    values["test_retest"] = round(
        sum(a.score == b.score for a, b in zip(first, second)) / len(first), 4
    )
    failures, unmet = ev.check(values, suite.thresholds)
    meta = {
        "date": datetime.date.today().isoformat(),
        "interviewer": __version__,
        "grader": grader.name,
        "llm": grader.judge.llm.name if hasattr(grader, "judge") else None,
        "dataset": str(data or suite.dataset.path),
        "split": suite.dataset.split,
        "examples": None if examples is None else f"{examples.path} ({len(ex_rows)} rows)",
        "rows": len(rows),
        "rows_in_split": total,
        "labels": None if suite.labels is None else suite.labels.model_dump(),
        "peer_answers": peers,
        "seconds_first_pass": round(seconds, 1),
        "workers": workers if pool else 1,
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cpus, {platform.python_version()}",
        **provenance(),  # date (UTC) and machine in full, commit, command
    }
    report = ev.write_report(out_dir, suite, values, failures, unmet, meta)
    click.echo(report.read_text(encoding="utf-8"))
    if failures:
        sys.exit(1)
