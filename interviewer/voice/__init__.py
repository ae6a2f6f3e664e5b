"""Voice: answers spoken into a microphone or given as audio files, read into text
offline (the packaged Whisper base model) or by an OpenAI-compatible endpoint; and the
question read aloud (the browser's speech synthesis, or an endpoint's /audio/speech)."""

from interviewer.voice.errors import AudioError, VoiceUnavailable
from interviewer.voice.stt import (
    SPOKEN_LANGS,
    Transcriber,
    Transcript,
    make_transcriber,
)

__all__ = [
    "AudioError",
    "SPOKEN_LANGS",
    "Transcriber",
    "Transcript",
    "VoiceUnavailable",
    "make_transcriber",
]
