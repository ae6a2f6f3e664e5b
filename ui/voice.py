"""The Interview tab's voice: a microphone whose transcript lands in the answer box (to
correct before sending), and "Hear the question", read aloud by the browser's own speech
synthesis (Web Speech API: offline, the device's voices) or, when `tts_base_url` is set,
by an OpenAI-compatible `/audio/speech` endpoint. `create_app` places the components;
the logic is here."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import gradio as gr

from interviewer.session.engine import Kit
from interviewer.session.history import SessionRecord
from interviewer.voice import AudioError, Transcriber, VoiceUnavailable
from ui.files import NotYours, UserFiles

# the language tag the browser's voices are chosen by, per session language
SPEECH_LANG = {"en": "en-US", "zh-Hans": "zh-CN", "zh-Hant": "zh-TW"}

# the browser side: speak the question (JSON {text, lang}) when the toggle is on, with a
# voice of its language when the device has one; nothing leaves the browser
SPEAK_JS = """(question, on) => {
  const synth = window.speechSynthesis;
  if (!on || !question || !synth || !window.SpeechSynthesisUtterance) return;
  const q = JSON.parse(question);
  if (!q.text) return;
  const u = new SpeechSynthesisUtterance(q.text);
  u.lang = q.lang;
  const norm = (tag) => (tag || "").replace("_", "-").toLowerCase();
  const voices = synth.getVoices ? synth.getVoices() : [];
  const voice = voices.find((v) => norm(v.lang) === norm(q.lang))
    || voices.find((v) => norm(v.lang).startsWith(norm(q.lang).slice(0, 2)));
  if (voice) u.voice = voice;
  synth.cancel();
  synth.speak(u);
}"""

_MARKUP = re.compile(r"\*\*|__|`|\$+|\\\(|\\\)|\\\[|\\\]|^#+\s*|^>\s*", re.M)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def plain(text: str) -> str:
    """Markdown as it is read aloud: link texts kept, marks dropped, one line."""
    return " ".join(_MARKUP.sub("", _LINK.sub(r"\1", text)).split())


@dataclass(frozen=True)
class Question:
    text: str
    lang: str  # en | zh-Hans | zh-Hant
    key: str  # changes whenever another question is asked (the same one asked again too)


def current_question(kit: Kit, record: SessionRecord | None) -> Question | None:
    """The question (or follow-up) the session waits on, in the session's script."""
    from interviewer.corpus.lang import to_simplified, to_traditional

    if record is None or record.finished:
        return None
    state, settings = record.state, record.settings
    current = state.get("current")
    if current is None or state.get("phase") == "done":
        return None
    item = kit.library.get(current)
    lang = settings.lang if settings.lang != "any" else item.lang
    if state.get("phase") == "follow_up" and state.get("follow_text"):
        text = state["follow_text"]
    else:
        text = item.question
    if lang == "zh-Hant":
        text = to_traditional(text)
    elif lang == "zh-Hans":
        text = to_simplified(text)
    n = len(state.get("asked", [])), len(state.get("follow_asked", []))
    return Question(plain(text), lang, f"{record.id}:{n[0]}:{n[1]}:{state.get('phase')}")


class Voice:
    """The voice handlers of one app: `transcriber` reads recordings (None: no
    microphone); `files` says whose recording is whose."""

    def __init__(
        self,
        kit: Kit,
        files: UserFiles,
        transcriber: Transcriber | None,
        user_of: Callable[[Any], str],
        speech: Callable[[str, str], bytes] | None = None,
    ):
        self.kit = kit
        self.files = files
        self.transcriber = transcriber
        self.user_of = user_of
        self.speech = speech  # text, lang -> audio bytes (an /audio/speech endpoint)

    def _record(self, sid: str | None, user: str) -> SessionRecord | None:
        record = self.kit.history.session(sid) if sid else None
        return record if record is not None and record.user == user else None

    def transcribe(self, recording: str | None, sid: str | None, typed: str, request: gr.Request):
        """The answer box with the recording's words added (to correct before sending), and
        the microphone cleared for the next recording."""
        if not recording or self.transcriber is None:
            return gr.skip(), None
        user = self.user_of(request)
        try:
            path = self.files.upload_of(user, recording)
        except NotYours as exc:
            raise gr.Error(str(exc)) from None
        record = self._record(sid, user)
        question = current_question(self.kit, record)
        lang = question.lang if question else None
        try:
            got = self.transcriber.transcribe(path, lang, question.text if question else None)
        except AudioError as exc:
            gr.Warning(f"The recording could not be read: {str(exc).replace(str(path), 'it')}")
            return gr.skip(), None
        except VoiceUnavailable as exc:
            gr.Warning(f"Speech to text is unavailable: {exc}")
            return gr.skip(), None
        if not got.text:
            gr.Warning("No words were heard in the recording.")
            return gr.skip(), None
        typed = (typed or "").rstrip()
        return (f"{typed} {got.text}" if typed else got.text), None

    def question(self, sid: str | None, request: gr.Request) -> str:
        """The waiting question as JSON for the browser's speech ({text, lang, key})."""
        question = current_question(self.kit, self._record(sid, self.user_of(request)))
        if question is None:
            return ""
        lang = SPEECH_LANG.get(question.lang, "en-US")
        return json.dumps({"text": question.text, "lang": lang, "key": question.key})

    def spoken(self, question: str, on: bool, request: gr.Request):
        """The question as audio from the speech endpoint (when one is set and the toggle
        is on), as a file of the caller's."""
        if self.speech is None or not on or not question:
            return gr.skip()
        q = json.loads(question)
        try:
            audio = self.speech(q["text"], q["lang"])
        except VoiceUnavailable as exc:
            gr.Warning(f"The question could not be read aloud: {exc}")
            return gr.skip()
        out = self.files.download_dir(self.user_of(request)) / "question.mp3"
        out.write_bytes(audio)
        return str(out)


def microphone() -> gr.Audio:
    return gr.Audio(
        sources=["microphone"],
        type="filepath",
        label="Answer by voice: the words go into the box above, to correct before sending",
        elem_id="mic",
        editable=False,
    )


def wire(
    voice: Voice,
    events: Iterable[Any],
    sid: gr.State,
    mic: gr.Audio | None,
    answer: gr.Textbox,
    hear: gr.Checkbox,
    question_box: gr.Textbox,
    player: gr.Audio | None,
) -> None:
    """Connect the handlers: the microphone to the answer box, and every event that may
    ask a question (`events`) to the question read aloud."""
    if mic is not None:
        mic.stop_recording(
            voice.transcribe,
            [mic, sid, answer],
            [answer, mic],
            api_name="transcribe",
            api_visibility="private",
        )
    for event in events:
        event.then(voice.question, [sid], [question_box], api_visibility="private")
    for trigger in (question_box.change, hear.change):
        if player is None:  # the browser speaks
            trigger(None, [question_box, hear], None, js=SPEAK_JS)
        else:
            trigger(voice.spoken, [question_box, hear], [player], api_visibility="private")
