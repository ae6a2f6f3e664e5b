"""Reading an audio file someone gave us (untrusted): 16 kHz mono samples, or one line
saying why not (no such file, unreadable, not audio, too long, silent)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from interviewer.voice.errors import AudioError, VoiceUnavailable

RATE = 16_000  # what Whisper hears
MAX_AUDIO_BYTES = 100 * 2**20  # a spoken answer in a compressed or WAV file is far smaller
MAX_AUDIO_SECONDS = 15 * 60  # an answer; longer files are refused, not cut
AUDIO_TYPES = (".wav", ".mp3", ".m4a", ".ogg", ".oga", ".opus", ".webm", ".flac", ".aac", ".mp4")


def _check_file(path: Path) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise AudioError(f"{path}: no such file") from None
    except OSError as exc:
        raise AudioError(f"{path}: cannot be read ({exc.strerror})") from None
    if not path.is_file():
        raise AudioError(f"{path}: not a file")
    if size == 0:
        raise AudioError(f"{path}: empty file, not audio")
    if size > MAX_AUDIO_BYTES:
        raise AudioError(
            f"{path}: {size / 2**20:.0f} MiB, over the {MAX_AUDIO_BYTES // 2**20} MiB "
            "an answer may take"
        )
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise AudioError(f"{path}: cannot be read ({exc.strerror})") from None


def read_audio(path: Path) -> np.ndarray:
    """The file's sound as 16 kHz mono float32 samples; AudioError when it is not audio
    that PyAV (FFmpeg) decodes, holds no sound, or lasts over MAX_AUDIO_SECONDS."""
    try:
        import av
    except ImportError:
        raise VoiceUnavailable(
            "PyAV is not installed (pip install -c constraints.txt -e '.[local]')"
        ) from None

    _check_file(path)
    limit = MAX_AUDIO_SECONDS * RATE
    chunks: list[np.ndarray] = []
    got = 0
    try:
        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError(f"{path}: no audio in it (not an audio file)")
            resampler = av.audio.resampler.AudioResampler(format="s16", layout="mono", rate=RATE)
            for frame in _frames(container):
                for out in resampler.resample(frame):
                    samples = out.to_ndarray().reshape(-1)
                    chunks.append(samples)
                    got += samples.size
                if got > limit:
                    raise AudioError(
                        f"{path}: longer than the {MAX_AUDIO_SECONDS // 60} minutes an "
                        "answer may last"
                    )
            for out in resampler.resample(None):  # flush
                chunks.append(out.to_ndarray().reshape(-1))
    except AudioError:
        raise
    except (av.error.FFmpegError, ValueError, IndexError, EOFError) as exc:
        why = getattr(exc, "strerror", None) or exc
        raise AudioError(f"{path}: not an audio file that can be decoded ({why})") from None
    except OSError as exc:
        raise AudioError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not chunks or sum(c.size for c in chunks) == 0:
        raise AudioError(f"{path}: holds no sound")
    return np.concatenate(chunks).astype(np.float32) / 32768.0


def _frames(container):
    """The audio frames, skipping ones FFmpeg finds corrupt (as faster-whisper does)."""
    import av

    frames = container.decode(audio=0)
    while True:
        try:
            frame = next(frames)
        except StopIteration:
            return
        except av.error.InvalidDataError:
            continue
        frame.pts = None
        yield frame
