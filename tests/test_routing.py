"""Batch rows without a reference are routed to the item that answers them, with the
answer's help and the notes' text, or to none: never graded against the wrong item.
Real store, real embedder."""

from __future__ import annotations

import json

from click.testing import CliRunner

from interviewer.cli import main
from interviewer.grading.routing import Router, answer_chunks

LOSS_ITEM = "001_eeafe7a87820c1f0-9b71c38d30"  # "损失函数": cross-entropy vs quadratic cost
ACTIVATION_ITEM = "001_eeafe7a87820c1f0-1b8ce86532"  # "为什么要使用非线性激活函数？"
CROSS_ENTROPY = "为什么分类任务中常用交叉熵作为代价函数，而不用二次代价函数？"
CROSS_ENTROPY_ANSWER = (
    "交叉熵非负，预测越准越接近 0，这一点二次代价也有；关键是用 sigmoid 输出时，二次代价的梯度"
    "里带着 σ'(z)，神经元饱和时梯度很小，学习速度下降；交叉熵的梯度是 (a-y)x，没有 σ'(z)，"
    "误差越大学得越快，避免了学习变慢的问题。"
)
UNKNOWN = "How does a random forest estimate feature importance?"


def test_the_cross_entropy_question_never_goes_to_the_activation_item(store):
    router = Router(store)
    for answer in (None, CROSS_ENTROPY_ANSWER):
        route = router.route(CROSS_ENTROPY, answer)
        # the old routing (question to headings only) sent it to the activation item
        assert route.best is not None and route.best.id == LOSS_ITEM, route
        assert route.item is None or route.item.id == LOSS_ITEM


def test_an_items_own_question_is_that_item(store):
    route = Router(store).route("  what is Dropout？ ")
    assert route.item is not None and route.item.question == "What is dropout?"
    assert route.confidence == 1.0


def test_answer_chunks_cover_the_answer():
    text = "\n".join(f"line {i} " + "x" * 90 for i in range(10))
    chunks = answer_chunks(text)
    assert len(chunks) > 2 and all(len(c) <= 450 for c in chunks)
    assert "".join(chunks).replace("\n", "") == text.replace("\n", "")


def _grade(tmp_path, rows):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    result = CliRunner().invoke(main, ["grade", str(src), "-o", str(out), "--no-peers"])
    assert result.exit_code == 0, result.output
    return result, [json.loads(line) for line in out.read_text("utf-8").splitlines()]


def test_a_perfect_cross_entropy_answer_is_never_zeroed_as_off_topic(tmp_path, data_env):
    _, (row,) = _grade(
        tmp_path, [{"id": "ce", "question": CROSS_ENTROPY, "answer": CROSS_ENTROPY_ANSWER}]
    )
    assert row["item_id"] != ACTIVATION_ITEM
    if row["item_id"] is None:  # not sure enough: not graded, and it says why
        assert row["flags"] == ["no_reference_match"] and row["score"] is None
    else:
        assert row["item_id"] == LOSS_ITEM and "off_topic" not in row["flags"]
        assert row["score"] > 0


def test_unknown_questions_get_no_score_and_every_row_its_row(tmp_path, data_env):
    rows = [
        {"id": "known", "question": "What is dropout?", "answer": "Randomly zeroing units."},
        {"id": "unknown", "question": UNKNOWN, "answer": "Mean decrease in impurity."},
        {"id": "unknown-no-answer", "question": "什么是扩散模型？", "answer": ""},
        {"id": "no-answer", "question": UNKNOWN},
    ]
    result, out = _grade(tmp_path, rows)
    assert [r["id"] for r in out] == [r["id"] for r in rows]
    known, unknown, unknown_empty, no_answer = out
    assert known["error"] is None and known["score"] is not None
    for row in (unknown, unknown_empty):
        assert row["score"] is None and row["item_id"] is None and row["points"] == []
        assert row["flags"] == ["no_reference_match"]
        assert row["error"].startswith("no_reference_match: ") and "\n" not in row["error"]
    assert no_answer["score"] is None and "answer" in no_answer["error"]
    assert "4 rows graded (3 with errors, 2 matching no corpus item)" in result.stdout
