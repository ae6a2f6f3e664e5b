"""`python -m interviewer.llm.serve_child MODULE ARGS`: `python -m MODULE ARGS` (the local
model server: llama_cpp.server) that ends when the process that started it does.

The owner keeps the write end of this process's stdin; a thread here reads stdin and
exits the process when it reads end-of-file. The kernel closes the owner's end however the
owner ends (exit, Ctrl-C, a crash, kill -9) and whichever of its threads started the
server, so the server never outlives its owner. (PR_SET_PDEATHSIG, used before, fires when
the *thread* that forked the child exits: a server started from a short-lived thread was
killed seconds after it started.)
"""

from __future__ import annotations

import os
import runpy
import sys
import threading


def watch_owner(fd: int = 0) -> threading.Thread:
    """Exit this process (at once, code 0) when `fd` reads end-of-file."""

    def watch() -> None:
        while True:
            try:
                data = os.read(fd, 4096)
            except InterruptedError:
                continue
            except OSError:
                data = b""
            if not data:
                os._exit(0)

    thread = threading.Thread(target=watch, name="owner-watch", daemon=True)
    thread.start()
    return thread


def amx_built_and_reported() -> bool:
    """llama.cpp was built with AMX (a -march=native build on an AMX CPU) and the CPU
    reports AMX. Such a build runs the prompt's matrices on AMX tiles, and in a VM that
    reports AMX without supporting it the first tile instruction kills the server (SIGILL,
    `tilezero`) at the first chat request: seen 2026-12-06 on this project's 2-core build
    machine, also after arch_prctl(ARCH_REQ_XCOMP_PERM), which succeeds there; a short AMX
    probe passes there, so no probe tells. Such builds get the portable path instead (a
    build without AMX, as .ci/run makes, keeps llama.cpp's repacked weights)."""
    try:
        with open("/proc/cpuinfo") as fh:
            if "amx_tile" not in fh.read():
                return False
    except OSError:
        return False
    import llama_cpp.llama_cpp as lib

    return b"AMX_INT8 = 1" in lib.llama_print_system_info()


def without_extra_buffers() -> None:
    """Load models without llama.cpp's extra CPU buffer types (AMX, repacked weights)."""
    import llama_cpp.llama_cpp as lib

    default = lib.llama_model_default_params

    def params():
        p = default()
        p.use_extra_bufts = False
        return p

    lib.llama_model_default_params = params


def main() -> None:
    watch_owner(sys.stdin.fileno())
    if sys.argv[1:2] == ["llama_cpp.server"] and amx_built_and_reported():
        print(
            "serve_child: llama.cpp was built with AMX and the CPU reports it: its extra "
            "CPU buffer types (AMX, repacked weights) are off",
            file=sys.stderr,
            flush=True,
        )
        without_extra_buffers()
    module, *args = sys.argv[1:]
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
