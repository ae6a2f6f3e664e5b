"""`interviewer serve` (the web app) and `interviewer user add`."""

from __future__ import annotations

import ipaddress
import threading
import time
from pathlib import Path

import click

from interviewer.cli import _coach, _ready_store, interview_grader, main
from interviewer.settings import Settings


def _users(auth_file: Path | None, users: str | None):
    from ui.auth import UserBook

    try:
        if auth_file:
            return UserBook.from_file(auth_file)
        if users:
            return UserBook.parse(users, "INTERVIEWER_USERS")
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    return None


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def _check_exposure(host: str, port: int, book, insecure_no_login: bool) -> None:
    """Refuse to serve beyond this machine without a login, unless told to."""
    if book is not None or _loopback(host):
        return
    if not insecure_no_login:
        raise click.UsageError(
            f"--host {host} serves the app to other machines, and without a login anyone "
            f"who can reach port {port} could use it and read every session kept there. "
            "Add users (`interviewer user add NAME --auth-file FILE`, then --auth-file FILE) "
            "or, on a network you trust, pass --insecure-no-login."
        )
    click.echo(
        f"WARNING: serving on {host}:{port} WITHOUT A LOGIN (--insecure-no-login): "
        "anyone who can reach this port can use the app and read its sessions.",
        err=True,
    )


def _prepare(kit) -> None:
    from interviewer.session.setup import connect_coach, warm

    connect_coach(kit.coach)
    warm(kit)


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    envvar="INTERVIEWER_HOST",
    help="Interface to bind; the default serves this machine only. Env: INTERVIEWER_HOST.",
)
@click.option(
    "--port",
    default=7860,
    show_default=True,
    type=click.IntRange(0, 65535),
    envvar="INTERVIEWER_PORT",
    help="Env: INTERVIEWER_PORT.",
)
@click.option(
    "--auth-file",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="INTERVIEWER_AUTH_FILE",
    help="Require login: `user:hash` lines (see `interviewer user add`). "
    "Env: INTERVIEWER_AUTH_FILE.",
)
@click.option(
    "--users",
    envvar="INTERVIEWER_USERS",
    metavar="USER:HASH,…",
    help="Require login, users given inline. Env: INTERVIEWER_USERS.",
)
@click.option(
    "--insecure-no-login",
    is_flag=True,
    envvar="INTERVIEWER_INSECURE_NO_LOGIN",
    help="Serve a --host other than this machine without a login (refused "
    "otherwise). Env: INTERVIEWER_INSECURE_NO_LOGIN.",
)
@click.option(
    "--max-upload-mb",
    type=click.IntRange(1, 10_000),
    default=20,
    show_default=True,
    envvar="INTERVIEWER_MAX_UPLOAD_MB",
    help="Largest file the batch tab accepts, in MB. Env: INTERVIEWER_MAX_UPLOAD_MB.",
)
@interview_grader
@click.pass_obj
def serve(
    settings: Settings,
    host: str,
    port: int,
    auth_file,
    users,
    insecure_no_login: bool,
    max_upload_mb: int,
    grader_name: str,
) -> None:
    """Serve the practice app in the browser (offline; each user's history kept apart)."""
    from interviewer.grading.batch import Resolver
    from interviewer.session.setup import build_kit
    from interviewer.voice import make_transcriber
    from interviewer.voice.tts import speech_endpoint
    from ui import create_app, launch

    started = time.perf_counter()
    book = _users(auth_file, users)
    _check_exposure(host, port, book, insecure_no_login)
    store = _ready_store(settings)
    kit = build_kit(
        store,
        settings.history_path,
        vectors_path=settings.vectors_path,
        coach=_coach(settings),
        grader_name=grader_name,
    )
    speech = speech_endpoint(settings)
    app = create_app(
        kit,
        Resolver(store, kit.library.rubrics),
        settings.work_dir,
        transcriber=make_transcriber(settings),
        speech=speech.speak if speech else None,
    )
    _, url, _ = launch(
        app, host=host, port=port, users=book, prevent_thread_lock=True, max_upload_mb=max_upload_mb
    )
    # after start-up, not during it: the LLM server and the warm-up take both cores a while
    threading.Thread(target=_prepare, args=(kit,), daemon=True).start()
    click.echo(
        f"interviewer is serving on {url} (ready in {time.perf_counter() - started:.1f} s"
        f"{', login required' if book else ''}); Ctrl-C stops.",
        err=True,
    )
    try:
        app.block_thread()
    except KeyboardInterrupt:
        pass
    finally:
        app.close()


@main.group()
def user() -> None:
    """Manage the login users of `serve`."""


@user.command("add")
@click.argument("name")
@click.option(
    "--auth-file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="INTERVIEWER_AUTH_FILE",
    help="The users file to update.",
)
@click.password_option()
def user_add(name: str, auth_file: Path, password: str) -> None:
    """Add (or change the password of) user NAME in the users file."""
    from ui.auth import add_user

    try:
        add_user(auth_file, name, password)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"user {name!r} saved in {auth_file}")
