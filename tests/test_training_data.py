"""The translated training answers stay what their sources are: same item, kind and point
labels, the other language, a wrong span that is in the answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "training"
PARTS = sorted((ROOT / "translated").glob("part-*.jsonl"))


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_there_are_translated_parts():
    assert PARTS


@pytest.mark.parametrize("path", PARTS, ids=lambda p: p.name)
def test_a_translated_part_matches_its_source_line_by_line(path):
    source = [r for r in _lines(ROOT / "answers" / path.name) if r["lang"] != "mixed"]
    out = _lines(path)
    assert len(out) == len(source)
    for no, (new, old) in enumerate(zip(out, source), 1):
        where = f"{path.name}:{no}"
        assert set(new) <= {"item", "kind", "lang", "answer", "labels", "wrong_span"}, where
        assert (new["item"], new["kind"], new["labels"]) == (
            old["item"],
            old["kind"],
            old["labels"],
        ), where
        assert new["lang"] == ("zh-Hans" if old["lang"] == "en" else "en"), where
        wrong = "contradicted" in new["labels"].values()
        assert wrong == bool(new.get("wrong_span")), where
        if wrong:
            assert new["wrong_span"] in new["answer"], where
    assert len({r["answer"] for r in out}) == len(out), f"{path.name}: repeated answers"
