"""A disk cache of LLM results, keyed by what determines them: the model, the rendered
prompt and the rubric version. With temperature 0 this makes re-grading identical."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
from pathlib import Path
from typing import Any


class ResultCache:
    def __init__(self, folder: Path):
        self.folder = folder
        self._lock = threading.Lock()
        self._secret: str | None = None

    @staticmethod
    def key(**parts: Any) -> str:
        blob = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        try:
            return json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: dict) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # one temporary file per process and thread: threads grading the same answer put
        # the same key at once
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)

    def secret(self) -> str:
        """A random per-data-dir secret (created once), for nonces a candidate can't guess."""
        with self._lock:
            if self._secret is None:
                path = self.folder / "secret"
                if not path.is_file():
                    self.folder.mkdir(parents=True, exist_ok=True)
                    tmp = path.with_name(f".secret.{os.getpid()}.tmp")
                    tmp.write_text(secrets.token_hex(16))
                    os.replace(tmp, path)
                self._secret = path.read_text().strip()
            return self._secret
