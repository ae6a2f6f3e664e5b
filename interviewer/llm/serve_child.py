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


def main() -> None:
    watch_owner(sys.stdin.fileno())
    module, *args = sys.argv[1:]
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
