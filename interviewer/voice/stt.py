"""Speech to text: one small interface, `Transcriber.transcribe(path, lang)`, and its
backends.

- `LocalWhisper`: the packaged Whisper base model (interviewer.voice.model) run by
  faster-whisper on this machine's CPU (int8, `Settings.stt_threads` threads), loaded on
  first use. Never downloads anything.
- `RemoteTranscriber`: any OpenAI-compatible `/audio/transcriptions` endpoint
  (`Settings.stt_base_url`).

Answers are English or Chinese: `lang` "en", "zh", "zh-Hans" or "zh-Hant" fixes the
language; None lets the model choose between English and Chinese. Chinese comes back in
simplified characters, or traditional for "zh-Hant" (the session's script).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, get_args

from interviewer.corpus.lang import to_simplified, to_traditional
from interviewer.voice.audio import RATE, read_audio
from interviewer.voice.endpoint import post
from interviewer.voice.errors import AudioError, VoiceUnavailable
from interviewer.voice.model import ensure_whisper

if TYPE_CHECKING:
    from interviewer.settings import Settings

SpokenLang = Literal["en", "zh", "zh-Hans", "zh-Hant"]
SPOKEN_LANGS: tuple[str, ...] = get_args(SpokenLang)


@dataclass(frozen=True)
class Transcript:
    text: str
    lang: str  # what was heard: "en", "zh-Hans" or "zh-Hant" (the script written)
    audio_seconds: float
    seconds: float  # how long the transcription took (decoding the file included)


class Transcriber(Protocol):
    @property
    def name(self) -> str:
        """Names the model, for reports."""

    def transcribe(
        self, path: Path, lang: str | None = None, prompt: str | None = None
    ) -> Transcript:
        """The words spoken in the audio file at `path`; AudioError when it is not usable
        audio, VoiceUnavailable when the model or endpoint cannot be used. `prompt`: text
        the speech is about (the question), which helps with its terms."""
        ...


def _check_lang(lang: str | None) -> None:
    if lang is not None and lang not in SPOKEN_LANGS:
        raise ValueError(f"language {lang!r}: choose from {', '.join(SPOKEN_LANGS)}")


def written(text: str, heard: str, lang: str | None) -> tuple[str, str]:
    """The text in the asked script, and its language label ("en", "zh-Hans", "zh-Hant")."""
    text = " ".join(text.split())
    if heard != "zh":
        return text, "en"
    if lang == "zh-Hant":
        return to_traditional(text), "zh-Hant"
    return to_simplified(text), "zh-Hans"


@dataclass
class LocalWhisper:
    """The packaged Whisper base model on this machine (faster-whisper, CTranslate2)."""

    cache_dir: Path
    threads: int = 2
    beam_size: int = 5
    name: str = "whisper-base (local, int8)"
    _model: object | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def model(self):
        """The loaded model (assembled into the cache first if needed)."""
        with self._lock:
            if self._model is None:
                try:
                    from faster_whisper import WhisperModel
                except ImportError:
                    raise VoiceUnavailable(
                        "faster-whisper is not installed (pip install -c constraints.txt "
                        "-e '.[local]')"
                    ) from None
                folder = ensure_whisper(self.cache_dir)
                # a folder: faster-whisper reads it as it is (no hub lookup)
                self._model = WhisperModel(
                    str(folder),
                    device="cpu",
                    compute_type="int8",
                    cpu_threads=self.threads,
                    num_workers=1,
                    local_files_only=True,
                )
            return self._model

    def transcribe(
        self, path: Path, lang: str | None = None, prompt: str | None = None
    ) -> Transcript:
        _check_lang(lang)
        started = time.perf_counter()
        audio = read_audio(path)
        model = self.model()
        with self._lock:  # one at a time: each already uses every thread it was given
            heard = lang[:2] if lang else self._en_or_zh(model, audio)
            segments, _ = model.transcribe(
                audio,
                language=heard,
                beam_size=self.beam_size,
                vad_filter=False,
                initial_prompt=_short(prompt),
            )
            raw = "".join(s.text for s in segments)
        text, label = written(raw, heard, lang)
        return Transcript(text, label, round(audio.size / RATE, 2), time.perf_counter() - started)

    @staticmethod
    def _en_or_zh(model, audio) -> str:
        """English or Chinese, whichever the model finds more likely (its first 30 s)."""
        _, _, probs = model.detect_language(audio)
        p = dict(probs)
        return "zh" if p.get("zh", 0.0) > p.get("en", 0.0) else "en"


@dataclass
class RemoteTranscriber:
    """Any OpenAI-compatible `/audio/transcriptions` endpoint (OpenAI, a local
    faster-whisper-server or whisper.cpp server, vLLM, ...)."""

    base_url: str
    model_name: str = "whisper-1"
    api_key: str | None = None
    timeout: float = 120.0

    @property
    def name(self) -> str:
        return f"openai:{self.model_name}"

    def transcribe(
        self, path: Path, lang: str | None = None, prompt: str | None = None
    ) -> Transcript:
        _check_lang(lang)
        started = time.perf_counter()
        audio = read_audio(path)  # the same checks as the local model's, before sending
        data = {"model": self.model_name, "response_format": "json"}
        if lang:
            data["language"] = lang[:2]
        if prompt:
            data["prompt"] = _short(prompt) or ""
        url = self.base_url.rstrip("/") + "/audio/transcriptions"
        resp = post(
            url,
            self.api_key,
            self.timeout,
            data=data,
            files={"file": (path.name, path.read_bytes(), "application/octet-stream")},
        )
        try:
            text = resp.json().get("text")
        except (ValueError, AttributeError):
            raise VoiceUnavailable(f"{url}: the reply is not a JSON object") from None
        if not isinstance(text, str):
            raise VoiceUnavailable(f"{url}: the reply has no text")
        heard = lang[:2] if lang else ("zh" if _mostly_chinese(text) else "en")
        text, label = written(text, heard, lang)
        return Transcript(text, label, round(audio.size / RATE, 2), time.perf_counter() - started)


MAX_PROMPT_CHARS = 400  # Whisper reads at most 224 tokens of it; the question's start


def _short(prompt: str | None) -> str | None:
    return (" ".join(prompt.split())[:MAX_PROMPT_CHARS] or None) if prompt else None


def _mostly_chinese(text: str) -> bool:
    from interviewer.corpus.lang import is_mostly_chinese

    return is_mostly_chinese(text)


def make_transcriber(settings: Settings) -> Transcriber:
    """The endpoint `settings.stt_base_url` names, else the packaged model (loaded on
    first use: nothing happens here)."""
    if settings.stt_base_url:
        return RemoteTranscriber(
            settings.stt_base_url, settings.stt_model, settings.voice_api_key, settings.stt_timeout
        )
    return LocalWhisper(settings.model_cache_dir, settings.stt_threads)


__all__ = [
    "AudioError",
    "LocalWhisper",
    "RemoteTranscriber",
    "SPOKEN_LANGS",
    "Transcriber",
    "Transcript",
    "VoiceUnavailable",
    "make_transcriber",
]
