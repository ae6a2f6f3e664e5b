"""Code habits checked in CI: ruff (lint and format) and mypy over interviewer/ and ui/.

The configuration is in pyproject.toml ([tool.ruff], [tool.mypy]).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CODE = ["interviewer", "ui"]


def _run(module: str, *args: str) -> subprocess.CompletedProcess:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (pip install -e '.[test]')")
    return subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_ruff_check():
    done = _run("ruff", "check", "--no-cache", *CODE)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format():
    done = _run("ruff", "format", "--check", "--no-cache", *CODE)
    assert done.returncode == 0, (
        "run `.venv/bin/ruff format interviewer ui tests`:\n" + done.stdout + done.stderr
    )


def test_mypy():
    done = _run("mypy")  # files and settings from pyproject.toml
    assert done.returncode == 0, done.stdout + done.stderr
