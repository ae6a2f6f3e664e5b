"""`interviewer transcribe`: the words spoken in an audio file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from interviewer.cli import main
from interviewer.settings import Settings


def transcriber(settings: Settings):
    from interviewer.voice import make_transcriber

    return make_transcriber(settings)


@main.command()
@click.argument("audio", type=click.Path(path_type=Path, dir_okay=True))
@click.option(
    "--lang",
    type=click.Choice(["en", "zh", "zh-Hans", "zh-Hant"]),
    default=None,
    help="The language spoken (default: English or Chinese, whichever the model hears); "
    "Chinese is written in simplified characters, traditional for zh-Hant.",
)
@click.option(
    "--prompt",
    default=None,
    metavar="TEXT",
    help="What the speech is about, e.g. the question it answers: helps with its terms.",
)
@click.pass_obj
def transcribe(settings: Settings, audio: Path, lang: str | None, prompt: str | None) -> None:
    """Print the words spoken in AUDIO (wav, mp3, m4a, ogg, webm, flac...), offline with
    the packaged Whisper base model, or with --stt-base-url's endpoint."""
    from interviewer.voice import AudioError, VoiceUnavailable

    try:
        result = transcriber(settings).transcribe(audio, lang, prompt)
    except AudioError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except VoiceUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(result.text)
