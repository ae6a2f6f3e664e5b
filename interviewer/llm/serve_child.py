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


def has_amx() -> bool:
    """The CPU reports AMX. llama.cpp built for such a CPU runs the prompt's matrices on AMX
    tiles, and in some sandboxes that report AMX the first tile instruction kills the
    server (SIGILL) at the first chat request: measured 2026-12-06 on this project's 2-core
    build machine, also after arch_prctl(ARCH_REQ_XCOMP_PERM), which succeeds there. A short
    AMX probe passes there, so no probe tells; AMX CPUs get the portable path instead."""
    try:
        with open("/proc/cpuinfo") as fh:
            return "amx_tile" in fh.read()
    except OSError:
        return False


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
    if sys.argv[1:2] == ["llama_cpp.server"] and has_amx():
        print("serve_child: the CPU reports AMX: llama.cpp's extra CPU buffer types (AMX, "
              "repacked weights) are off", file=sys.stderr, flush=True)
        without_extra_buffers()
    module, *args = sys.argv[1:]
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
