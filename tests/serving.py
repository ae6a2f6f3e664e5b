"""Start `interviewer serve` in a subprocess on a free loopback port, as a user would."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from interviewer.processes import stop_process

CLI = str(Path(sys.executable).parent / "interviewer")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(
    data_dir: Path,
    built_store: Path,
    *args: str,
    timeout: float = 180,
    env: dict[str, str] | None = None,
):
    """The app serving a copy of the built store; yields its URL. `env`: extra variables
    (the LLM is `none` unless they say otherwise). Gradio keeps its files (uploads,
    downloads) in DATA_DIR/gradio."""
    if not (data_dir / "store").exists():
        shutil.copytree(built_store, data_dir / "store")
    port = free_port()
    log = (data_dir / "serve.log").open("w")
    env = {
        **os.environ,
        "INTERVIEWER_LLM": "none",
        **(env or {}),
        "INTERVIEWER_DATA_DIR": str(data_dir),
        "GRADIO_TEMP_DIR": str(data_dir / "gradio"),
    }  # uploads and downloads: the test's
    env.pop("INTERVIEWER_USERS", None)
    env.pop("INTERVIEWER_AUTH_FILE", None)
    proc = subprocess.Popen(
        [CLI, "serve", "--port", str(port), *args], stdout=log, stderr=subprocess.STDOUT, env=env
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + timeout
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError("serve exited:\n" + (data_dir / "serve.log").read_text())
            try:
                urllib.request.urlopen(url + "config", timeout=2)  # noqa: S310 - loopback
                break
            except urllib.error.HTTPError:  # it answers (401 behind a login)
                break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError(
                        "serve never answered:\n" + (data_dir / "serve.log").read_text()
                    ) from None
                time.sleep(0.5)
        yield url
    finally:
        stop_process(proc, timeout=20)
        log.close()


def record_outside(page) -> None:
    """Note on `page.outside` every request the page makes off this machine (none may:
    no CDN, no remote font, no telemetry)."""
    page.outside = []
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else page.outside.append(r.url)
        ),
    )


CHROMIUM = "/usr/bin/chromium"  # Debian's: the README's test command installs it
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
)


@contextmanager
def chromium(*extra_args: str):
    """Debian's chromium under Playwright, with `extra_args` after the usual ones."""
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (
        "Debian chromium is missing: the README's test command installs it"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *extra_args])
        try:
            yield browser
        finally:
            browser.close()
