"""Child processes the tool starts (the local model server, `serve` in benchmarks)."""

from __future__ import annotations

import subprocess


def stop_process(proc: subprocess.Popen, timeout: float) -> None:
    """Ask `proc` to end (SIGTERM) and wait for it; kill it if it has not ended within
    `timeout` seconds. Nothing happens to a process that has already ended."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
