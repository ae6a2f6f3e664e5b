"""`create_app(kit, resolver, work_dir)` builds the Gradio app from its dependencies;
`launch` serves it (loopback by default, no share link, no analytics, no CDN).

Files: uploads are graded only for the user who sent them, downloads are per user and
short-lived (`ui.files`); `work_dir` keeps each user's batch outputs for resuming, and is
never served."""

from __future__ import annotations

import shutil
import threading
from typing import Any
from pathlib import Path

import gradio as gr

from interviewer.grading.batch import InputError, Resolver, read_rows
from interviewer.grading.output import output_path
from interviewer.llm.client import llm_status
from interviewer.session import Interview, SessionBusy, SessionSettings
from interviewer.session.engine import Kit
from interviewer.session.report import progress, transcript_json, transcript_markdown
from ui.auth import LoginLimiter, UserBook
from ui.batch_job import BatchJob
from ui.files import FileGuard, NotYours, UserFiles
from ui.views import chat_messages, llm_status_line, score_panel, sessions_rows

WELCOME = (
    "Choose the settings on the right and press **Start** (or press **Send**: a "
    "session with the current settings starts). Answer in English or Chinese; "
    "commands: `skip`, `hint`, `repeat`, `end`."
)
CSS = "#score table { font-size: 0.85em; } footer { display: none !important; }"
MAX_UPLOAD_MB = 20  # the largest upload, in MB (10^6 bytes)
STATUS_EVERY = 3.0  # seconds between refreshes of the LLM's status line
REPLY_CONCURRENCY = 16


def _user(request: gr.Request | None) -> str:
    return (request.username if request is not None else None) or "local"


class _SessionLocks:
    """One lock per session id. Every event that changes a session (send, a command button)
    loads it, replies and saves it; two at once on one session (a hint still streaming when
    the answer is sent) would each start from the same saved state, and the later save would
    drop the other's turn. A `threading.Lock`, since Gradio may resume a streaming handler on
    another thread than the one it started on."""

    def __init__(self) -> None:
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def __call__(self, sid: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(sid, threading.Lock())


def _resume(kit: Kit, sid: str, user: str) -> Interview:
    """The session, or one line in the browser when another process is answering it."""
    try:
        return Interview.resume(kit, sid, user)
    except SessionBusy as exc:
        raise gr.Error(str(exc)) from None


def _without_paths(message: str, paths: dict[str, str]) -> str:
    """MESSAGE with each server path in PATHS replaced by the name the user knows."""
    for path, name in paths.items():
        message = message.replace(path, name)
    return message


def create_app(
    kit: Kit, resolver: Resolver, work_dir: Path, files: UserFiles | None = None
) -> gr.Blocks:
    """`files`: whose uploads and downloads are whose (default: in Gradio's upload folder);
    `launch` guards Gradio's file routes with it."""
    work_dir.mkdir(parents=True, exist_ok=True)
    files = files or UserFiles()
    history = kit.history
    session_lock = _SessionLocks()

    def llm_line() -> str:
        llm = getattr(kit.coach, "llm", None)
        return llm_status_line(llm_status(llm) if llm is not None else None)

    def settings_of(topics, lang, n, difficulty, follow_ups) -> SessionSettings:
        return SessionSettings(
            topics=topics or [],
            lang=lang,
            questions=int(n),
            difficulty=difficulty,
            follow_ups=int(follow_ups),
        )

    def unfinished(user: str):
        choices = []
        for r in history.sessions(user, unfinished=True):
            n = sum(t.kind != "follow_up" for t in history.turns(session_id=r.id))
            choices.append(
                (
                    f"{r.started_at.replace('T', ' ')[:16]} · {n}/{r.settings.questions} answered",
                    r.id,
                )
            )
        return gr.update(choices=choices, value=choices[0][1] if choices else None)

    def start(topics, lang, n, difficulty, follow_ups, request: gr.Request):
        user = _user(request)
        iv = Interview.start(kit, user, settings_of(topics, lang, n, difficulty, follow_ups))
        return iv.id, chat_messages(iv.transcript()), score_panel([]), unfinished(user)

    def send(text, sid, topics, lang, n, difficulty, follow_ups, request: gr.Request):
        user = _user(request)
        if not sid:  # no session yet: start one and ask; what was typed stays in the box
            iv = Interview.start(kit, user, settings_of(topics, lang, n, difficulty, follow_ups))
            yield iv.id, chat_messages(iv.transcript()), text, score_panel([])
            return
        with session_lock(sid):  # held across the stream: the next event waits for this one
            iv = _resume(kit, sid, user)
            chat = chat_messages(iv.transcript()) + [{"role": "user", "content": text}]
            base, graded = len(chat), len(iv.turns())
            for chunk in iv.reply(text):
                while len(chat) <= base + chunk.message:
                    chat.append({"role": "assistant", "content": ""})
                chat[base + chunk.message]["content"] += chunk.text
                turns = iv.turns() if graded is not None else []
                if graded is not None and len(turns) > graded:
                    graded = None  # the grade is saved: shown before the coach's words
                    yield iv.id, chat, "", score_panel(turns)
                else:
                    yield iv.id, chat, "", gr.skip()
            yield (
                iv.id,
                chat_messages(iv.transcript()),
                "",
                score_panel(iv.turns(), iv.llm_unavailable),
            )

    def resume(sid, request: gr.Request):
        if not sid:
            raise gr.Error("No unfinished session selected.")
        iv = _resume(kit, sid, _user(request))
        return iv.id, chat_messages(iv.transcript()), score_panel(iv.turns(), iv.llm_unavailable)

    def history_view(request: gr.Request):
        import pandas as pd

        user = _user(request)
        records = history.sessions(user)
        turns = history.turns(user=user)
        by_session: dict = {}
        for t in turns:
            by_session.setdefault(t.session_id, []).append(t)
        frame = pd.DataFrame(progress(turns), columns=["date", "topic", "mean", "answers"])
        frame["date"] = pd.to_datetime(frame["date"])
        choices = [(f"{r.started_at.replace('T', ' ')[:16]} · {r.id}", r.id) for r in records]
        return (
            frame,
            sessions_rows(records, by_session),
            gr.update(choices=choices, value=choices[0][1] if choices else None),
            unfinished(user),
        )

    def show_session(sid, request: gr.Request):
        record = history.session(sid) if sid else None
        if record is None or record.user != _user(request):
            return "", None
        messages, turns = history.messages(sid), history.turns(session_id=sid)
        md = transcript_markdown(record, messages, turns)
        out = files.download_dir(record.user)
        (out / f"interview-{sid}.md").write_text(md, encoding="utf-8")
        (out / f"interview-{sid}.json").write_text(
            transcript_json(record, messages, turns), encoding="utf-8"
        )
        return md, [str(out / f"interview-{sid}.md"), str(out / f"interview-{sid}.json")]

    def batch(path, request: gr.Request, progress_bar=gr.Progress()):  # noqa: B008 (Gradio injects it so)
        """Grade the caller's upload as `interviewer grade` does, yielding progress; a
        cancelled or abandoned run stops between two answers (the generator is closed)."""
        user = _user(request)
        if not path:
            raise gr.Error("Upload a .jsonl or .csv file first.")
        name = Path(path).name
        try:
            src = files.upload_of(user, path)
            rows = read_rows(src)
        except NotYours as exc:
            raise gr.Error(str(exc)) from None
        except InputError as exc:
            raise gr.Error(_without_paths(str(exc), {str(src): name, str(path): name})) from None
        total = len(rows)
        out = output_path(work_dir / "batch", user, src)
        job = BatchJob(kit, resolver, rows, src, out).start()
        try:
            while not job.wait(0.5):
                job.beat()
                p = job.progress
                if p.phase == "peers":
                    progress_bar((p.peers, total), desc="reading the answers", unit="answer")
                    yield gr.skip(), f"Reading the answers: {p.peers}/{total}"
                else:
                    progress_bar((p.graded, total), desc="grading", unit="answer")
                    yield gr.skip(), f"Grading: {p.graded} rows graded"
        finally:
            job.stop()  # the browser cancelled or left: stop between two answers
        p = job.progress
        if p.phase == "stopped":
            yield gr.skip(), (f"Stopped after {p.graded} rows; upload the file again to go on.")
            return
        if p.error is not None:
            raise gr.Error(_without_paths(p.error, {str(src): name, str(out): "the graded file"}))
        download = files.download_dir(user) / f"{Path(name).stem}.graded.jsonl"
        shutil.copyfile(out, download)
        again = total - p.graded
        note = (
            f"{p.graded} rows graded ({p.failed} with errors"
            + (f", {p.unmatched} matching no corpus item" if p.unmatched else "")
            + ")"
            + (f", {again} already graded earlier" if again else "")
        )
        yield str(download), note

    with gr.Blocks(title="interviewer", analytics_enabled=False) as app:
        sid = gr.State(None)
        with gr.Tab("Interview"):
            with gr.Row():
                with gr.Column(scale=3):
                    chat = gr.Chatbot(
                        value=[{"role": "assistant", "content": WELCOME}],
                        label="Interview",
                        height=540,
                        elem_id="chat",
                        group_consecutive_messages=False,
                    )
                    answer = gr.Textbox(
                        label="Your answer",
                        lines=3,
                        elem_id="answer",
                        placeholder="Type your answer (Shift+Enter for a new line)",
                    )
                    with gr.Row():
                        send_btn = gr.Button("Send", variant="primary", elem_id="send")
                        hint_btn = gr.Button("Hint", elem_id="hint")
                        skip_btn = gr.Button("Skip", elem_id="skip")
                        repeat_btn = gr.Button("Repeat", elem_id="repeat")
                        end_btn = gr.Button("End", elem_id="end")
                with gr.Column(scale=2):
                    with gr.Accordion("Settings", open=True):
                        topics = gr.Dropdown(
                            kit.library.topic_names(),
                            multiselect=True,
                            label="Topics (none: all)",
                            elem_id="topics",
                        )
                        lang = gr.Dropdown(
                            ["any", "en", "zh-Hans", "zh-Hant"],
                            value="any",
                            label="Question language",
                            elem_id="lang",
                        )
                        n = gr.Slider(1, 20, value=5, step=1, label="Questions", elem_id="n")
                        difficulty = gr.Radio(
                            ["adaptive", "easy", "medium", "hard"],
                            value="adaptive",
                            label="Difficulty",
                        )
                        follow_ups = gr.Slider(
                            0,
                            2,
                            value=1,
                            step=1,
                            label="Follow-ups per question",
                            elem_id="follow-ups",
                        )
                        start_btn = gr.Button(
                            "Start a new session", variant="primary", elem_id="start"
                        )
                    with gr.Accordion("Resume", open=False):
                        resume_dd = gr.Dropdown(
                            [], label="Unfinished sessions", elem_id="resume-list"
                        )
                        resume_btn = gr.Button("Resume", elem_id="resume")
                    score = gr.Markdown(score_panel([]), elem_id="score")
                    llm_md = gr.Markdown(llm_line(), elem_id="llm-status")
                    gr.Timer(STATUS_EVERY).tick(
                        llm_line,
                        None,
                        llm_md,
                        api_name="llm_status",
                        api_visibility="private",
                        queue=False,
                    )
        with gr.Tab("History", elem_id="history-tab") as history_tab:
            refresh_btn = gr.Button("Refresh", elem_id="refresh")
            plot = gr.LinePlot(
                x="date",
                y="mean",
                color="topic",
                y_lim=[0, 10],
                label="Mean score per day, by topic",
                elem_id="plot",
            )
            table = gr.Dataframe(
                headers=["session", "started", "status", "questions", "mean", "topics"],
                interactive=False,
                elem_id="sessions",
            )
            pick = gr.Dropdown([], label="Session", elem_id="pick")
            transcript = gr.Markdown(elem_id="transcript")
            exports = gr.File(
                label="Transcript (markdown, JSON)",
                file_count="multiple",
                interactive=False,
                elem_id="exports",
            )
        with gr.Tab("Batch grading", elem_id="batch-tab"):
            gr.Markdown(
                "Upload a `.jsonl` or `.csv` file with `question` and `answer` "
                "(optional `id`, `reference`) — the same grading as `interviewer grade`. "
                "A row without a `reference` whose question no corpus item answers is not "
                "graded (`no_reference_match`, the reason in `error`). "
                "Uploading the same file again resumes an interrupted run."
            )
            upload = gr.File(
                label="Answers", file_types=[".jsonl", ".csv"], type="filepath", elem_id="upload"
            )
            with gr.Row():
                grade_btn = gr.Button("Grade", variant="primary", elem_id="grade")
                stop_btn = gr.Button("Stop", elem_id="stop-grading")
            status = gr.Markdown(elem_id="batch-status")
            graded = gr.File(label="Graded file (.jsonl)", interactive=False, elem_id="graded")

        settings_inputs = [topics, lang, n, difficulty, follow_ups]
        start_btn.click(start, settings_inputs, [sid, chat, score, resume_dd], api_name="start")
        send_outputs = [sid, chat, answer, score]
        # every reply event shares one limit, above the default: the grading is serialised
        # by the kit's lock and the LLM's requests are bounded by its client, so a slow LLM
        # endpoint holds these handlers a bounded time without queueing everyone else
        replies: dict[str, Any] = {
            "concurrency_id": "reply",
            "concurrency_limit": REPLY_CONCURRENCY,
        }
        answer.submit(
            send,
            [answer, sid, *settings_inputs],
            send_outputs,
            api_name="send_enter",
            api_visibility="private",
            **replies,
        )
        send_btn.click(
            send, [answer, sid, *settings_inputs], send_outputs, api_name="send", **replies
        )
        for btn, word in (
            (hint_btn, "hint"),
            (skip_btn, "skip"),
            (repeat_btn, "repeat"),
            (end_btn, "end"),
        ):
            btn.click(
                send,
                [gr.State(word), sid, *settings_inputs],
                send_outputs,
                api_name=f"command_{word}",
                **replies,
            )
        resume_btn.click(resume, [resume_dd], [sid, chat, score], api_name="resume")
        history_outputs = [plot, table, pick, resume_dd]
        refresh_btn.click(history_view, None, history_outputs, api_name="history")
        history_tab.select(
            history_view, None, history_outputs, api_name="history_tab", api_visibility="private"
        )
        app.load(
            history_view, None, history_outputs, api_name="history_load", api_visibility="private"
        )
        pick.change(show_session, [pick], [transcript, exports], api_name="transcript")
        grading = grade_btn.click(batch, [upload], [graded, status], api_name="grade")
        stop_btn.click(None, None, None, cancels=[grading])
    app.user_files = files  # for launch: the file routes are guarded with the same
    return app


def launch(
    app: gr.Blocks,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    users: UserBook | None = None,
    prevent_thread_lock: bool = False,
    max_upload_mb: int = MAX_UPLOAD_MB,
):
    """Serve APP (made by `create_app`, whose `UserFiles` guard Gradio's file routes);
    uploads over `max_upload_mb` are refused (HTTP 413). Exceptions
    other than `gr.Error` reach the browser as a bare "Error", never with their text
    (which can name server paths)."""
    from starlette.middleware import Middleware

    theme = gr.themes.Default(
        font=[gr.themes.LocalFont("Source Sans Pro"), "ui-sans-serif", "system-ui", "sans-serif"],
        font_mono=["ui-monospace", "monospace"],
    )
    app.queue(default_concurrency_limit=4)
    guard = Middleware(FileGuard, files=app.user_files, limiter=LoginLimiter())  # type: ignore[attr-defined]
    return app.launch(
        server_name=host,
        server_port=port,
        share=False,
        ssr_mode=False,
        auth=users.acheck if users else None,  # type: ignore[arg-type]  # Gradio awaits a coroutine
        prevent_thread_lock=prevent_thread_lock,
        theme=theme,
        css=CSS,
        quiet=True,
        max_file_size=max_upload_mb * 1_000_000,
        app_kwargs={"middleware": [guard]},
        footer_links=[],
        pwa=False,
        mcp_server=False,
        show_error=False,
    )
