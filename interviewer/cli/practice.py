"""`interviewer practice` (the interview in the terminal) and `interviewer history`."""

from __future__ import annotations

import threading
from pathlib import Path

import click

from interviewer.cli import _coach, _ready_store, interview_grader, main
from interviewer.cli.terminal import Terminal, history_file
from interviewer.settings import Settings

USER = click.option(
    "--user",
    default="local",
    show_default=True,
    envvar="INTERVIEWER_USER",
    help="Whose history to use. Env: INTERVIEWER_USER.",
)


def _kit(settings: Settings, grader_name: str | None = None):
    from interviewer.session.setup import build_kit, connect_coach

    kit = build_kit(
        _ready_store(settings),
        settings.history_path,
        vectors_path=settings.vectors_path,
        coach=_coach(settings),
        grader_name=grader_name,
    )
    # the LLM (the local model server) starts while the candidate reads the question
    threading.Thread(target=connect_coach, args=(kit.coach,), daemon=True).start()
    return kit


@main.command()
@click.option(
    "--topic",
    "topics",
    multiple=True,
    help="Only this topic, by its English or Chinese name (repeatable); default all.",
)
@click.option(
    "--lang",
    type=click.Choice(["any", "en", "zh-Hans", "zh-Hant"]),
    default="any",
    show_default=True,
    help="Language of the questions.",
)
@click.option("-n", "--questions", type=click.IntRange(1, 50), default=5, show_default=True)
@click.option(
    "--difficulty",
    type=click.Choice(["adaptive", "easy", "medium", "hard"]),
    default="adaptive",
    show_default=True,
)
@click.option(
    "--follow-ups",
    type=click.IntRange(0, 2),
    default=1,
    show_default=True,
    help="At most this many follow-up questions per question.",
)
@click.option(
    "--resume",
    "resume_id",
    is_flag=False,
    flag_value="latest",
    default=None,
    metavar="[SESSION]",
    help="Resume SESSION, or the latest unfinished one.",
)
@USER
@interview_grader
@click.pass_obj
def practice(
    settings: Settings,
    topics,
    lang,
    questions,
    difficulty,
    follow_ups,
    resume_id,
    user,
    grader_name: str,
) -> None:
    """A mock interview in the terminal (the same engine as the web app)."""
    from interviewer.session import Interview, SessionSettings

    kit = _kit(settings, grader_name)
    keys = [kit.library.topic_key(t) for t in topics]
    unknown = [t for t, key in zip(topics, keys) if key is None]
    if unknown:
        raise click.BadParameter(
            f"unknown topic(s) {unknown}; topics: " + "; ".join(kit.library.topic_names()),
            param_hint="--topic",
        )
    if resume_id:
        if resume_id == "latest":
            open_ = kit.history.sessions(user, unfinished=True)
            if not open_:
                raise click.ClickException(f"no unfinished session for user {user!r}")
            resume_id = open_[0].id
        from interviewer.session.lock import SessionBusy

        try:
            iv = Interview.resume(kit, resume_id, user)
        except (LookupError, SessionBusy) as exc:
            raise click.ClickException(str(exc)) from None
    else:
        iv = Interview.start(
            kit,
            user,
            SessionSettings(
                topics=[k for k in keys if k],
                lang=lang,
                questions=questions,
                difficulty=difficulty,
                follow_ups=follow_ups,
            ),
        )
    term = Terminal(history_file(settings.data_dir))
    for m in iv.transcript():
        term.show(("> " if m.role == "user" else "") + m.text)
    click.echo(
        f"(session {iv.id}; Ctrl-D stops, `interviewer practice --resume` goes on)\n", err=True
    )
    while not iv.finished:
        try:
            text = term.read("> ")
        except EOFError:
            click.echo("\nStopped; resume with `interviewer practice --resume`.", err=True)
            return
        term.stream(iv.reply(text))
        if iv.llm_unavailable:
            click.echo(
                f"({iv.llm_unavailable}: the text above is template text; "
                "the score is the grader's)",
                err=True,
            )


@main.command()
@click.option("--export", "export_id", metavar="SESSION", help="Print one session's transcript.")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the transcript here instead of stdout.",
)
@USER
@click.pass_obj
def history(settings: Settings, export_id, fmt, output, user) -> None:
    """List past sessions, or export one's transcript (markdown or JSON)."""
    from interviewer.session.history import History
    from interviewer.session.report import transcript_json, transcript_markdown

    hist = History(settings.history_path)
    if export_id is None:
        for r in hist.sessions(user):
            turns = [t for t in hist.turns(session_id=r.id) if t.kind != "follow_up"]
            mean = f"{sum(t.score for t in turns) / len(turns):.1f}" if turns else "-"
            click.echo(
                f"{r.id}  {r.started_at}  {'finished' if r.finished else 'unfinished':10}"
                f"  {len(turns)} questions  mean {mean}"
            )
        return
    record = hist.session(export_id)
    if record is None or record.user != user:
        raise click.ClickException(f"no session {export_id!r} for user {user!r}")
    render = transcript_json if fmt == "json" else transcript_markdown
    text = render(record, hist.messages(export_id), hist.turns(session_id=export_id))
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"-> {output}")
    else:
        click.echo(text)
