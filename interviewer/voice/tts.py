"""The question read aloud by an OpenAI-compatible `/audio/speech` endpoint (the app's
default is the browser's own speech synthesis, which needs nothing from here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from interviewer.voice.endpoint import post
from interviewer.voice.errors import VoiceUnavailable

if TYPE_CHECKING:
    from interviewer.settings import Settings

MAX_SPEECH_CHARS = 4000  # the OpenAI API's limit on `input`


@dataclass(frozen=True)
class SpeechEndpoint:
    base_url: str
    model: str = "tts-1"
    voice: str = "alloy"
    api_key: str | None = None
    timeout: float = 60.0

    def speak(self, text: str, lang: str) -> bytes:
        """The text spoken, as MP3 bytes (`lang`: the endpoint picks the voice's accent
        from the text itself; kept for endpoints that take it)."""
        del lang
        body = {
            "model": self.model,
            "voice": self.voice,
            "input": text[:MAX_SPEECH_CHARS],
            "response_format": "mp3",
        }
        url = self.base_url.rstrip("/") + "/audio/speech"
        resp = post(url, self.api_key, self.timeout, json=body)
        if not resp.content:
            raise VoiceUnavailable(f"{url}: an empty reply")
        return resp.content


def speech_endpoint(settings: Settings) -> SpeechEndpoint | None:
    """The endpoint `settings.tts_base_url` names, None for the browser's own voices."""
    if not settings.tts_base_url:
        return None
    return SpeechEndpoint(
        settings.tts_base_url, settings.tts_model, settings.tts_voice, settings.voice_api_key
    )
