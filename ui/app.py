"""`create_app(kit, resolver, work_dir)` builds the Gradio app from its dependencies;
`launch` serves it (loopback by default, no share link, no analytics, no CDN).

Files: uploads are graded only for the user who sent them, downloads are per user and
short-lived (`ui.files`); `work_dir` keeps each user's batch outputs for resuming, and is
never served."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from pathlib import Path

import gradio as gr

from interviewer.grading.batch import InputError, Resolver, read_rows
from interviewer.grading.output import output_path
from interviewer.llm.client import llm_status
from interviewer.session import Interview, SessionBusy, SessionSettings
from interviewer.session.engine import Kit
from interviewer.session.report import progress, transcript_json, transcript_markdown
from interviewer.grading.table import PREVIEW_COLUMNS
from ui.batch_job import BatchJob, deliver, preview_table
from ui.files import NotYours, UserFiles
from ui.render import LATEX
from ui.score import CSS as SCORE_CSS
from ui.score import interview_panel
from ui.views import CSS as VIEWS_CSS
from ui.views import (
    chat_messages,
    llm_status_line,
    resume_offer,
    score_panel,
    session_summary,
    sessions_rows,
)
from ui.voice import Voice, microphone, wire

if TYPE_CHECKING:
    from interviewer.voice import Transcriber

WELCOME = (
    "Pick your **Settings** and press **Start a new session**, or just press **Send**. "
    "Answer in English or Chinese; commands: `skip`, `hint`, `repeat`, `end`."
)
CSS = "footer { display: none !important; }" + SCORE_CSS + VIEWS_CSS
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
    kit: Kit,
    resolver: Resolver,
    work_dir: Path,
    files: UserFiles | None = None,
    transcriber: Transcriber | None = None,
    speech: Callable[[str, str], bytes] | None = None,
) -> gr.Blocks:
    """`files`: whose uploads and downloads are whose (default: in Gradio's upload folder);
    `launch` guards Gradio's file routes with it. `transcriber`: reads the microphone's
    recordings (None: no microphone); `speech`: reads questions aloud (text, lang ->
    audio; None: the browser's own speech synthesis)."""
    work_dir.mkdir(parents=True, exist_ok=True)
    files = files or UserFiles()
    voice = Voice(kit, files, transcriber, _user, speech)
    history = kit.history
    session_lock = _SessionLocks()

    def llm_line() -> str:
        llm = getattr(kit.coach, "llm", None)
        if llm is None:
            return llm_status_line(None)
        status = getattr(kit.coach, "status", None)  # "starting" while it warms up
        return llm_status_line(status() if callable(status) else llm_status(llm))

    def settings_of(topics, lang, n, difficulty, follow_ups) -> SessionSettings:
        return SessionSettings(
            topics=topics or [],
            lang=lang,
            questions=int(n),
            difficulty=difficulty,
            follow_ups=int(follow_ups),
        )

    def unfinished(user: str):
        choices = [(session_summary(r, answered(r.id)), r.id) for r in unfinished_records(user)]
        return gr.update(choices=choices, value=choices[0][1] if choices else None)

    def unfinished_records(user: str):
        return history.sessions(user, unfinished=True)

    def answered(session_id: str) -> int:
        return sum(t.kind != "follow_up" for t in history.turns(session_id=session_id))

    def offer(request: gr.Request):
        """The newest unfinished session, offered above the chat after a (re)load."""
        newest = next(iter(unfinished_records(_user(request))), None)
        text = resume_offer(newest, answered(newest.id) if newest else 0)
        return gr.update(visible=newest is not None), text, newest.id if newest else None

    def settings_view(sid, request: gr.Request):
        """The settings controls showing the resumed session's own settings."""
        record = history.session(sid) if sid else None
        if record is None or record.user != _user(request):
            return [gr.skip()] * 5
        s = record.settings
        known = set(kit.library.topic_names())
        return (
            [t for t in s.topics if t in known],
            s.lang,
            min(s.questions, 20),
            s.difficulty,
            s.follow_ups,
        )

    def start(topics, lang, n, difficulty, follow_ups, request: gr.Request):
        user = _user(request)
        iv = Interview.start(kit, user, settings_of(topics, lang, n, difficulty, follow_ups))
        return iv.id, chat_messages(iv.transcript()), score_panel([]), unfinished(user)

    def reply(text, sid, settings, user: str, taken):
        """The reply to TEXT, streamed. TAKEN is what the answer box gets on the first
        yield ("" when TEXT came from it, gr.skip() for a command button); later yields
        leave the box alone, so what the candidate types while a reply streams is kept."""
        if not sid:  # no session yet: start one and ask; what was typed stays in the box
            iv = Interview.start(kit, user, settings_of(*settings))
            yield iv.id, chat_messages(iv.transcript()), gr.skip(), score_panel([])
            return
        with session_lock(sid):  # held across the stream: the next event waits for this one
            iv = _resume(kit, sid, user)
            chat = chat_messages(iv.transcript()) + [{"role": "user", "content": text}]
            yield iv.id, chat, taken, gr.skip()
            base, graded = len(chat), len(iv.turns())
            for chunk in iv.reply(text):
                while len(chat) <= base + chunk.message:
                    chat.append({"role": "assistant", "content": ""})
                chat[base + chunk.message]["content"] += chunk.text
                turns = iv.turns() if graded is not None else []
                if graded is not None and len(turns) > graded:
                    graded = None  # the grade is saved: shown before the coach's words
                    yield iv.id, chat, gr.skip(), interview_panel(iv, turns)
                else:
                    yield iv.id, chat, gr.skip(), gr.skip()
            yield iv.id, chat_messages(iv.transcript()), gr.skip(), interview_panel(iv)

    def send(text, sid, topics, lang, n, difficulty, follow_ups, request: gr.Request):
        settings = (topics, lang, n, difficulty, follow_ups)
        yield from reply(text, sid, settings, _user(request), "")

    def command_of(word: str):
        def run(sid, topics, lang, n, difficulty, follow_ups, request: gr.Request):
            settings = (topics, lang, n, difficulty, follow_ups)
            yield from reply(word, sid, settings, _user(request), gr.skip())

        return run

    def resume(sid, request: gr.Request):
        if not sid:
            raise gr.Error("No unfinished session selected.")
        iv = _resume(kit, sid, _user(request))
        return iv.id, chat_messages(iv.transcript()), interview_panel(iv)

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
                    yield gr.skip(), f"Reading the answers: {p.peers}/{total}", gr.skip()
                else:
                    progress_bar((p.graded, total), desc="grading", unit="answer")
                    yield gr.skip(), f"Grading: {p.graded} rows graded", gr.skip()
        finally:
            job.stop()  # the browser cancelled or left: stop between two answers
        p = job.progress
        if p.phase == "stopped":
            yield (
                gr.skip(),
                f"Stopped after {p.graded} rows; upload the file again to go on.",
                preview_table(out),
            )
            return
        if p.error is not None:
            raise gr.Error(_without_paths(p.error, {str(src): name, str(out): "the graded file"}))
        download = deliver(out, name, files.download_dir(user))
        again = total - p.graded
        note = (
            f"{p.graded} rows graded ({p.failed} with errors"
            + (f", {p.unmatched} matching no corpus item" if p.unmatched else "")
            + ")"
            + (f", {again} already graded earlier" if again else "")
        )
        yield str(download), note, preview_table(out)

    with gr.Blocks(title="interviewer", analytics_enabled=False) as app:
        sid = gr.State(None)
        with gr.Tab("Interview"):
            with gr.Row(visible=False, elem_id="resume-offer", equal_height=True) as offer_row:
                offer_md = gr.Markdown(elem_id="resume-offer-text")
                offer_btn = gr.Button(
                    "Resume", variant="primary", scale=0, min_width=120, elem_id="resume-offer-btn"
                )
            offer_sid = gr.State(None)
            with gr.Row():
                with gr.Column(scale=3):
                    chat = gr.Chatbot(
                        value=[{"role": "assistant", "content": WELCOME}],
                        label="Interview",
                        height=540,
                        latex_delimiters=LATEX,
                        elem_id="chat",
                        group_consecutive_messages=False,
                    )
                    answer = gr.Textbox(
                        label="Your answer",
                        lines=3,
                        elem_id="answer",
                        placeholder="Type your answer (Shift+Enter for a new line)",
                    )
                    mic = microphone() if transcriber is not None else None
                    with gr.Row(elem_id="commands"):  # one row, at any width
                        send_btn = gr.Button("Send", variant="primary", elem_id="send", min_width=0)
                        hint_btn = gr.Button("Hint", elem_id="hint", min_width=0)
                        skip_btn = gr.Button("Skip", elem_id="skip", min_width=0)
                        repeat_btn = gr.Button("Repeat", elem_id="repeat", min_width=0)
                        end_btn = gr.Button("End", elem_id="end", min_width=0)
                with gr.Column(scale=2):
                    with gr.Accordion("Settings", open=True):
                        topics = gr.Dropdown(
                            kit.library.topic_choices("en"),
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
                            elem_id="difficulty",
                        )
                        follow_ups = gr.Slider(
                            0,
                            2,
                            value=1,
                            step=1,
                            label="Follow-ups per question",
                            elem_id="follow-ups",
                        )
                        hear = gr.Checkbox(False, label="Hear the question", elem_id="hear")
                        start_btn = gr.Button(
                            "Start a new session", variant="primary", elem_id="start"
                        )
                    with gr.Accordion("Resume", open=False):
                        resume_dd = gr.Dropdown(
                            [], label="Unfinished sessions", elem_id="resume-list"
                        )
                        resume_btn = gr.Button("Resume", elem_id="resume")
                    score = gr.Markdown(score_panel([]), elem_id="score", latex_delimiters=LATEX)
                    question_voice = gr.Textbox(visible="hidden", elem_id="question-voice")
                    player = (
                        gr.Audio(autoplay=True, interactive=False, elem_id="question-audio")
                        if speech is not None
                        else None
                    )
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
            plot = gr.ScatterPlot(  # points: a single day shows (a line needs two)
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
            transcript = gr.Markdown(elem_id="transcript", latex_delimiters=LATEX)
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
                "The graded file comes back in the upload's format. "
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
            graded = gr.File(
                label="Graded file (.csv for a .csv, .jsonl for a .jsonl)",
                interactive=False,
                elem_id="graded",
            )
            batch_rows = gr.Dataframe(
                headers=list(PREVIEW_COLUMNS),
                interactive=False,
                label="First graded rows",
                elem_id="batch-preview",
            )

        settings_inputs = [topics, lang, n, difficulty, follow_ups]
        lang.change(  # the topics' names in the questions' language
            lambda code, chosen: gr.update(choices=kit.library.topic_choices(code), value=chosen),
            [lang, topics],
            topics,
            api_name="topic_names",
            api_visibility="private",
        )
        started = start_btn.click(
            start, settings_inputs, [sid, chat, score, resume_dd], api_name="start"
        )
        send_outputs = [sid, chat, answer, score]
        # every reply event shares one limit, above the default: the grading is serialised
        # by the kit's lock and the LLM's requests are bounded by its client, so a slow LLM
        # endpoint holds these handlers a bounded time without queueing everyone else
        replies: dict[str, Any] = {
            "concurrency_id": "reply",
            "concurrency_limit": REPLY_CONCURRENCY,
        }
        entered = answer.submit(
            send,
            [answer, sid, *settings_inputs],
            send_outputs,
            api_name="send_enter",
            api_visibility="private",
            **replies,
        )
        sent = send_btn.click(
            send, [answer, sid, *settings_inputs], send_outputs, api_name="send", **replies
        )
        commands = []
        for btn, word in (
            (hint_btn, "hint"),
            (skip_btn, "skip"),
            (repeat_btn, "repeat"),
            (end_btn, "end"),
        ):
            command = btn.click(
                command_of(word),
                [sid, *settings_inputs],
                send_outputs,
                api_name=f"command_{word}",
                **replies,
            )
            commands.append(command)
        hidden: dict[str, Any] = {"api_visibility": "private", "queue": False}
        resumed = resume_btn.click(resume, [resume_dd], [sid, chat, score], api_name="resume")
        resumed.success(settings_view, [sid], settings_inputs, **hidden)
        offered = offer_btn.click(resume, [offer_sid], [sid, chat, score], api_visibility="private")
        offered.success(settings_view, [sid], settings_inputs, **hidden)
        # a session started or resumed (by any button, or by Send): the offer is done
        sid.change(lambda: gr.update(visible=False), None, offer_row, **hidden)
        app.load(offer, None, [offer_row, offer_md, offer_sid], **hidden)
        # after these a new question may be waiting: read aloud when "Hear" is on
        asking = [started, entered, sent, *commands, resumed, offered]
        wire(voice, asking, sid, mic, answer, hear, question_voice, player)
        history_outputs = [plot, table, pick, resume_dd]
        # the transcript is read again each time: the picked session may have changed
        refresh_btn.click(history_view, None, history_outputs, api_name="history").then(
            show_session, [pick], [transcript, exports], **hidden
        )
        history_tab.select(
            history_view, None, history_outputs, api_name="history_tab", api_visibility="private"
        ).then(show_session, [pick], [transcript, exports], **hidden)
        app.load(
            history_view, None, history_outputs, api_name="history_load", api_visibility="private"
        )
        pick.input(show_session, [pick], [transcript, exports], api_name="transcript")
        grading = grade_btn.click(batch, [upload], [graded, status, batch_rows], api_name="grade")
        stop_btn.click(None, None, None, cancels=[grading])
    app.user_files = files  # for launch: the file routes are guarded with the same
    return app
