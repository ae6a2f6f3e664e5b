"""Reading rubric files and looking rubrics up by item."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from interviewer.rubric.models import Rubric, RubricFile


def load_rubric_file(path: Path) -> RubricFile:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML ({exc})") from None
    try:
        return RubricFile.model_validate(data)
    except ValidationError as exc:
        raise ValueError(f"{path}: {exc}") from None


class RubricBook:
    """All rubric files of a folder, by item id."""

    def __init__(self, rubrics: dict[str, Rubric]):
        self._by_item = rubrics

    @classmethod
    def from_dir(cls, folder: Path) -> "RubricBook":
        rubrics: dict[str, Rubric] = {}
        for path in sorted(folder.glob("*.yaml")):
            for rubric in load_rubric_file(path).rubrics:
                if rubric.origin == "draft":
                    raise ValueError(
                        f"{path}: the rubric for {rubric.item} is an unreviewed "
                        "draft; review it and set origin: authored"
                    )
                if rubric.item in rubrics:
                    raise ValueError(f"{path}: a second rubric for item {rubric.item}")
                rubrics[rubric.item] = rubric
        return cls(rubrics)

    def get(self, item_id: str) -> Rubric | None:
        return self._by_item.get(item_id)

    def __len__(self) -> int:
        return len(self._by_item)

    def __iter__(self):
        return iter(self._by_item.values())
