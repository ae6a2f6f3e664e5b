"""`interviewer llm ...`: the local model server."""

from __future__ import annotations

import click

from interviewer.cli import main
from interviewer.settings import Settings


@main.group(name="llm")
def llm_group() -> None:
    """The LLM backends."""


@llm_group.command()
@click.option("--port", type=int, default=None, help="Port on 127.0.0.1 (default: a free one).")
@click.pass_obj
def serve(settings: Settings, port: int | None) -> None:
    """Serve the packaged local model on 127.0.0.1 until interrupted.

    Other `interviewer` processes with the same data dir (the UI, batch runs) find it
    through <data dir>/models/server.json and share it instead of starting their own.
    The server ends with this command, however it ends.
    """
    from interviewer.llm import LLMUnavailable
    from interviewer.llm.local import LocalServer

    server = LocalServer(
        settings.models_dir, settings.llm_threads, model_cache_dir=settings.model_cache_dir
    )
    try:
        url = server.start(port)
    except LLMUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    server.announce()
    click.echo(f"serving the local model at {url} (Ctrl-C stops it)")
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.announce_file.unlink(missing_ok=True)
        server.stop()
