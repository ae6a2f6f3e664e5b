"""The local model server lives exactly as long as the process that started it, whichever
thread started it: it ends on exit and when its owner is killed (kill -9), and a client
whose server has gone gets a new one. The server here is tests/llm_server.py under the same
wrapper (interviewer.llm.serve_child); test_llm_local.py does the same with the real model."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from interviewer.llm import Message, OpenAIChat
from interviewer.llm.local import healthy
from tests.llm_server import ChatServer, FakeLocalServer, Script

REPO = Path(__file__).resolve().parent.parent
HELLO = [Message(role="user", content="Hello?")]

# the owner: starts the server from a thread that then ends, says where it is, and waits
OWNER = """
import sys, threading, time
from pathlib import Path
from tests.llm_server import FakeLocalServer
server = FakeLocalServer(Path(sys.argv[1]))
thread = threading.Thread(target=server.url)
thread.start()
thread.join()
print(server.pid, server.url(), flush=True)
time.sleep(600)
"""


def gone(pid: int) -> bool:
    """The process has ended (a zombie nobody reaped yet counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def wait_until(check, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


def test_the_server_outlives_the_thread_that_started_it_and_dies_with_its_owner(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER, str(tmp_path / "models")],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )
    try:
        pid, url = owner.stdout.readline().split()
        pid = int(pid)
        time.sleep(3)  # the starting thread ended seconds ago (PDEATHSIG killed it here)
        assert healthy(url) and not gone(pid)
        owner.send_signal(signal.SIGKILL)  # no exit handler runs
        owner.wait()
        assert wait_until(lambda: gone(pid), 10), "the server outlived its killed owner"
        assert not healthy(url, timeout=0.5)
    finally:
        owner.kill()
        owner.wait()


def test_the_server_stops_when_its_owner_exits(tmp_path):
    code = OWNER.replace("time.sleep(600)", "")  # exits normally (atexit) right away
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "models")],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    pid = int(out.stdout.split()[0])
    assert wait_until(lambda: gone(pid), 10)


def test_a_client_whose_server_died_gets_a_new_one(tmp_path):
    server = FakeLocalServer(tmp_path / "models")
    llm = OpenAIChat(server.url, "m", timeout=20, server=server)
    try:
        assert server.status().state == "starting"
        threading.Thread(target=llm.connect).start()  # from a thread that ends, as serve does
        assert llm.chat(HELLO) == "ok" and server.starts == 1
        assert llm.status().state == "ready"
        first = server.pid
        os.kill(first, signal.SIGKILL)
        assert wait_until(lambda: gone(first), 10)
        assert llm.chat(HELLO) == "ok"  # restarted, in the same call
        assert server.starts == 2 and server.pid != first
    finally:
        server.stop()


def test_a_shared_server_that_went_away_is_replaced(tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    server = FakeLocalServer(models)
    llm = OpenAIChat(server.url, "m", timeout=20, server=server)
    try:
        with ChatServer(Script(default=(200, "shared"))) as url:
            (models / "server.json").write_text(f'{{"url": "{url}", "pid": 1}}')
            assert llm.chat(HELLO) == "shared" and server.starts == 0
        # `interviewer llm serve` stopped: the client's next call starts a server of its own
        assert llm.chat(HELLO) == "ok" and server.starts == 1
    finally:
        server.stop()


def test_a_call_waits_for_a_starting_server_no_longer_than_its_deadline(tmp_path):
    server = FakeLocalServer(tmp_path / "models")
    llm = OpenAIChat(server.url, "m", timeout=0.5, server=server)
    with server._lock:  # another thread is starting it
        start = time.monotonic()
        try:
            llm.chat(HELLO)
            raise AssertionError("no error")
        except Exception as exc:  # noqa: BLE001
            assert "still starting" in str(exc)
        assert time.monotonic() - start < 1.0
