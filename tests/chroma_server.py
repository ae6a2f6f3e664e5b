"""A real Chroma server (`chroma run`, installed with chromadb) on a free loopback port."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from interviewer.processes import stop_process
from interviewer.store import ChromaServer
from tests.serving import free_port

CHROMA = Path(sys.executable).parent / "chroma"
PROCESSES: dict[ChromaServer, subprocess.Popen] = {}  # running servers, for tests that stop one


@contextmanager
def chroma_server(path: Path, timeout: float = 60):
    """`chroma run --path PATH` on 127.0.0.1; yields its `ChromaServer` once it answers."""
    if not CHROMA.exists():
        raise RuntimeError(f"{CHROMA} is missing: chromadb installs it; reinstall the venv")
    path.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = (path.parent / f"{path.name}.log").open("w")
    proc = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = ChromaServer("127.0.0.1", port)
    deadline = time.time() + timeout
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"chroma run exited with {proc.returncode}; see {log.name}")
            try:
                urllib.request.urlopen(f"{server}/api/v2/heartbeat", timeout=2).read()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.time() > deadline:
                    raise RuntimeError(f"chroma run did not answer in {timeout} s; see {log.name}")
                time.sleep(0.2)
        PROCESSES[server] = proc
        yield server
    finally:
        PROCESSES.pop(server, None)
        stop_process(proc, timeout=20)
        log.close()
