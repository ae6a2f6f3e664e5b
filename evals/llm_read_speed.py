"""How fast this machine lets llama.cpp read a prompt, beside what its CPU can do at all
(README, LLM: Speed of the local model): llama.cpp's build flags, the time to evaluate a
300-token prompt with the packaged model (optionally requantized first), and numpy's
float32 matrix-product rate, which bounds the reading rate of a 1.5B model.

    .venv/bin/python evals/llm_read_speed.py [--threads 2] [--requantize q8_0|q4_0]
"""

from __future__ import annotations

import argparse
import ctypes
import os
import tempfile
import time
from pathlib import Path

from interviewer.settings import Settings, default_data_dir

PROMPT = "Explain dropout regularization in neural networks in detail. " * 40


def matmul_gflops(n: int = 2048, repeat: int = 5) -> float:
    import numpy as np

    a = np.random.default_rng(0).random((n, n), dtype=np.float32)
    a @ a
    start = time.perf_counter()
    for _ in range(repeat):
        a @ a
    return 2 * n**3 * repeat / (time.perf_counter() - start) / 1e9


def requantize(model: Path, kind: str, out_dir: Path) -> Path:
    import llama_cpp

    target = out_dir / f"model-{kind}.gguf"
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = {"q8_0": llama_cpp.LLAMA_FTYPE_MOSTLY_Q8_0,
                    "q4_0": llama_cpp.LLAMA_FTYPE_MOSTLY_Q4_0}[kind]
    params.allow_requantize = True
    if llama_cpp.llama_model_quantize(str(model).encode(), str(target).encode(), ctypes.byref(params)):
        raise SystemExit(f"requantizing to {kind} failed")
    return target


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=default_data_dir())
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--requantize", choices=("q8_0", "q4_0"))
    args = ap.parse_args()
    from interviewer.llm.local import ensure_model, server_environment

    environment = server_environment()  # the model server's: no OpenMP variables
    os.environ.clear()
    os.environ.update(environment)
    import llama_cpp

    print(llama_cpp.llama_print_system_info().decode().strip())
    model = ensure_model(Settings(data_dir=args.data_dir).models_dir)
    with tempfile.TemporaryDirectory() as tmp:
        if args.requantize:
            model = requantize(model, args.requantize, Path(tmp))
        llm = llama_cpp.Llama(str(model), n_ctx=2048, n_threads=args.threads,
                              n_threads_batch=args.threads, verbose=False)
        tokens = llm.tokenize(PROMPT.encode())[:300]
        for _ in range(2):
            llm.reset()
            start = time.perf_counter()
            llm.eval(tokens)
            seconds = time.perf_counter() - start
            print(f"read {len(tokens)} prompt tokens in {seconds:.2f} s: "
                  f"{len(tokens) / seconds:.1f} tokens/s ({args.threads} threads, {model.name})")
    print(f"numpy float32 matmul: {matmul_gflops():.0f} GFLOP/s")


if __name__ == "__main__":
    main()
