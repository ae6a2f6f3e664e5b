"""Speech to text on the committed clips (evals/data/voice/clips.jsonl): word error rate
(English) or character error rate (Chinese) against each clip's script, and the real-time
factor (transcription seconds / audio seconds, decoding the file included), with the
model's load time. Written by evals/bench_voice.py as evals/reports/bench_voice.json."""

from __future__ import annotations

import json
import os
import re
import statistics
import time
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from interviewer.evals.measure import Machine, git_commit, load_average, utc_now


class Clip(BaseModel):
    """One line of clips.jsonl."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    lang: str  # en | zh-Hans | zh-Hant
    text: str  # what is said
    question: str  # the question it answers (given to the model as context in one mode)
    made: str  # how the clip was made


def read_clips(folder: Path) -> list[Clip]:
    lines = (folder / "clips.jsonl").read_text(encoding="utf-8").splitlines()
    return [Clip.model_validate_json(line) for line in lines if line.strip()]


_PUNCT = re.compile(r"[^\w\s']|_")


def units(text: str, lang: str) -> list[str]:
    """Words (English: lower case, no punctuation, hyphens as spaces) or characters
    (Chinese: no spaces or punctuation), the units the error rate counts."""
    text = unicodedata.normalize("NFKC", text).lower().replace("-", " ")
    text = _PUNCT.sub(" ", text)
    if lang.startswith("zh"):
        return [c for c in text if not c.isspace()]
    return text.split()


def edits(ref: list[str], hyp: list[str]) -> int:
    """Levenshtein distance: substitutions, deletions and insertions."""
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1]


@dataclass(frozen=True)
class ClipResult:
    file: str
    lang: str
    reference: str
    transcript: str
    errors: int  # word (en) or character (zh) edits
    units: int  # words or characters in the reference
    error_rate: float
    audio_seconds: float
    seconds: float  # median over the repeats
    real_time_factor: float


MODES = ("audio alone", "with the question")  # the question: the model's prompt


def bench_voice(
    folder: Path, transcriber: Any, command: str, repeats: int = 3, settings: dict | None = None
) -> dict[str, Any]:
    """Every clip transcribed `repeats` times in each mode (after one warm-up run that
    loads the model)."""
    clips = read_clips(folder)
    load, started = load_average(), utc_now()
    t0 = time.perf_counter()
    transcriber.transcribe(folder / clips[0].file, clips[0].lang)
    first_s = time.perf_counter() - t0
    modes = []
    for mode in MODES:
        results = [_clip(folder, transcriber, clip, mode, repeats) for clip in clips]
        modes.append(
            {"mode": mode, "summary": _summary(results), "clips": [asdict(r) for r in results]}
        )
    cores = os.cpu_count() or 1
    busy = load[0] > cores
    return {
        **(
            {
                "note": f"(The CPU was busy with other work, load average {load[0]} on "
                f"{cores} cores: the times are upper bounds.)"
            }
            if busy
            else {}
        ),
        "date": started,
        "machine": Machine.here().describe(),
        "commit": git_commit(),
        "command": command,
        "load_average_before": list(load),
        "model": transcriber.name,
        "settings": settings or {},
        "repeats": repeats,
        "first_call_s": round(first_s, 2),  # loading (and assembling, on a new machine)
        "modes": modes,
    }


def _clip(folder: Path, transcriber: Any, clip: Clip, mode: str, repeats: int) -> ClipResult:
    prompt = clip.question if mode == "with the question" else None
    times, text, audio_s = [], "", 0.0
    for _ in range(repeats):
        got = transcriber.transcribe(folder / clip.file, clip.lang, prompt)
        times.append(got.seconds)
        text, audio_s = got.text, got.audio_seconds
    ref, hyp = units(clip.text, clip.lang), units(text, clip.lang)
    n = edits(ref, hyp)
    secs = statistics.median(times)
    return ClipResult(
        clip.file,
        clip.lang,
        clip.text,
        text,
        n,
        len(ref),
        round(n / max(len(ref), 1), 4),
        audio_s,
        round(secs, 3),
        round(secs / audio_s, 3),
    )


def _summary(results: list[ClipResult]) -> dict[str, dict[str, Any]]:
    by_lang: dict[str, dict[str, Any]] = {}
    for lang in sorted({r.lang for r in results}):
        rs = [r for r in results if r.lang == lang]
        by_lang[lang] = {
            "clips": len(rs),
            "metric": "CER" if lang.startswith("zh") else "WER",
            "error_rate": round(sum(r.errors for r in rs) / max(sum(r.units for r in rs), 1), 4),
            "audio_seconds": round(sum(r.audio_seconds for r in rs), 2),
            "real_time_factor_median": round(statistics.median(r.real_time_factor for r in rs), 3),
            "real_time_factor_max": max(r.real_time_factor for r in rs),
            "seconds_max": max(r.seconds for r in rs),
        }
    return by_lang


def write(report: dict[str, Any], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
