"""Where the files shipped with the package are: the default corpus and the prompts.

An installed wheel carries them under `interviewer/_data/`; a source checkout (and an
editable install of it) has them at the repository root.
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the packaged {name}/ folder is missing; reinstall interviewer")


def default_corpus_dir() -> Path:
    return _shipped("corpus")


def evals_data_dir() -> Path:
    return _shipped("evals") / "data"


def prompts_dir() -> Path:
    return _shipped("prompts")
