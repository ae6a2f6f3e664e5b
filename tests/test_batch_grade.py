"""`interviewer grade`: one output row per input row, in order; errors kept; resumable."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from interviewer.cli import main
from interviewer.grading.table import GRADE_COLUMNS

ROWS = [
    {
        "id": "a",
        "question": "What is dropout?",
        "answer": "Dropout randomly drops neurons during training to reduce overfitting.",
    },
    {
        "id": "b",
        "question": "什么是dropout？",
        "answer": "训练时以一定概率随机丢弃神经元，防止过拟合；测试时不丢弃。",
    },
    {"id": "c", "question": "What is dropout?"},  # no answer: an error row
    {
        "id": "d",
        "question": "Explain the Krebs cycle in cellular respiration.",
        "answer": "It makes ATP.",
    },
    {
        "id": "e",
        "question": "Why is the sky blue?",
        "answer": "Rayleigh scattering favours short wavelengths.",
        "reference": "Air molecules scatter short (blue) wavelengths of sunlight much more than long ones (Rayleigh scattering).",
    },
]
DROPOUT_ITEMS = [  # "What is dropout?" first, then the other notes' dropout sections
    "002_5915a4a6d0caa1a9-a814e42188",
    "001_eeafe7a87820c1f0-61eccf2379",
    "001_eeafe7a87820c1f0-ed750573e9",
    "004_097d155c1b2f4d21-93b23f84f2",
]
GRADE_KEYS = {"score", "max_score", "points", "feedback", "flags", "item_id", "grader", "error"}


def write_jsonl(path, rows):
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def grade(*args, expect=0):
    result = CliRunner().invoke(main, ["grade", *map(str, args)])
    assert result.exit_code == expect, result.output
    return result


def test_every_row_gets_a_row_in_order(tmp_path, data_env):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(src, ROWS)
    assert (
        "5 rows graded (2 with errors, 1 matching no corpus item)" in grade(src, "-o", out).stdout
    )
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["a", "b", "c", "d", "e"]
    for r in rows:
        assert GRADE_KEYS <= set(r)
        assert r["max_score"] == 10.0
    a, b, c, d, e = rows
    assert a["item_id"] == DROPOUT_ITEMS[0] and a["error"] is None and 0 < a["score"] <= 10
    # the notes answer "what is dropout" in several places: the answer picks among them
    assert b["item_id"] in DROPOUT_ITEMS and b["error"] is None
    assert a["question"] == "What is dropout?" and a["match_score"] == 1.0  # the item's question
    assert c["score"] is None and "answer" in c["error"]
    # a question the notes do not answer is not graded against whatever is closest
    assert d["flags"] == ["no_reference_match"] and d["score"] is None and d["item_id"] is None
    assert d["error"].startswith("no_reference_match: ") and "\n" not in d["error"]
    assert e["item_id"] is None and "derived_rubric" in e["flags"] and e["score"] > 0


def test_csv_input_and_resume(tmp_path, data_env):
    src, out = tmp_path / "in.csv", tmp_path / "out.jsonl"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "question", "answer"])
        w.writeheader()
        for r in ROWS[:2] + ROWS[3:4]:
            w.writerow({k: r.get(k, "") for k in ("id", "question", "answer")})
    grade(src, "-o", out)
    full = read_jsonl(out)
    # a crash after the first row, mid-way through writing the second
    second = json.dumps(full[1], ensure_ascii=False)
    out.write_text(json.dumps(full[0], ensure_ascii=False) + "\n" + second[:40], encoding="utf-8")
    result = grade(src, "-o", out)
    assert "2 rows graded (1 with errors, 1 matching no corpus item), 1 already in" in result.stdout
    assert read_jsonl(out) == full
    assert "0 rows graded" in grade(src, "-o", out).stdout  # nothing left to do


def test_an_empty_answer_has_no_score_and_says_why(tmp_path, data_env):
    """Issue 21, item 7: the docs promise `score: null` and an `error` for a row with no
    answer; an empty or blank one is no answer (it was graded 0 with no error)."""
    src, out, table = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "out.csv"
    write_jsonl(
        src,
        [
            {"id": 1, "question": "What is dropout?", "answer": ""},
            {"id": 2, "question": "What is dropout?", "answer": " \n "},
            {"id": 3, "question": "What is dropout?", "answer": "-1: it drops units."},
        ],
    )
    result = grade(src, "-o", out, "--csv", table)
    assert "3 rows graded (2 with errors)" in result.stdout
    assert f"3 rows as CSV -> {table}" in result.stdout
    empty, blank, fine = read_jsonl(out)
    for row in (empty, blank):
        assert (row["score"], row["error"]) == (None, "empty answer")
    assert fine["error"] is None and fine["score"] is not None
    with table.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["id", "question", "answer", *GRADE_COLUMNS]
    assert [(r["id"], r["score"], r["error"]) for r in rows[:2]] == [
        ("1", "", "empty answer"),
        ("2", "", "empty answer"),
    ]
    assert rows[2]["answer"] == "'-1: it drops units."  # never a spreadsheet formula
    assert rows[2]["score"] == str(fine["score"]) and rows[2]["verdict"]
    assert json.loads(rows[2]["points"]) == fine["points"]


def test_a_csv_output_is_asked_for_with_csv(tmp_path, data_env):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, ROWS[:1])
    refused = grade(src, "-o", tmp_path / "out.csv", expect=2)
    assert "add --csv FILE for a CSV copy" in refused.stderr
    assert not (tmp_path / "out.csv").exists()
    same = grade(src, "-o", tmp_path / "out.jsonl", "--csv", src, expect=2)
    assert "--csv needs a file of its own" in same.stderr


def test_unreadable_input_exits_2(tmp_path, data_env):
    out = tmp_path / "out.jsonl"
    missing = grade(tmp_path / "nope.jsonl", "-o", out, expect=2)
    assert "nope.jsonl: no such file" in missing.stderr
    odd = tmp_path / "in.txt"
    odd.write_text("question,answer\n")
    assert "unsupported input type .txt" in grade(odd, "-o", out, expect=2).stderr
    latin = tmp_path / "in.csv"
    latin.write_bytes("question,answer\nqué,sí\n".encode("latin-1"))
    assert "not UTF-8" in grade(latin, "-o", out, expect=2).stderr


def test_broken_json_lines_become_error_rows(tmp_path, data_env):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(
        '{"question": "What is dropout?", "answer": "zeroes units"}\n{not json\n[1, 2]\n',
        encoding="utf-8",
    )
    grade(src, "-o", out)
    rows = read_jsonl(out)
    assert len(rows) == 3 and rows[0]["error"] is None
    assert (
        "line 2: not valid JSON" in rows[1]["error"]
        and "line 3: not a JSON object" in rows[2]["error"]
    )


def test_two_workers_write_what_one_writes(tmp_path, data_env, monkeypatch):
    from interviewer.grading import parallel

    pools = []

    class CountedPool(parallel.GradingPool):
        def __init__(self, spec, workers):
            pools.append(workers)
            super().__init__(spec, workers)

    monkeypatch.setattr(parallel, "GradingPool", CountedPool)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_ROWS", 1)  # workers even for this small file
    seed = [
        json.loads(line)
        for line in (Path(__file__).resolve().parent.parent / "evals" / "data" / "seed_gold.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()[:12]
    ]
    rows = ROWS + [{"id": r["id"], "question": r["question"], "answer": r["answer"]} for r in seed]
    src, one, two = tmp_path / "in.jsonl", tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    write_jsonl(src, rows)
    grade(src, "-o", one, "--workers", "1")
    assert pools == []
    assert (
        f"{len(rows)} rows graded (2 with errors, 1 matching no corpus item)"
        in grade(src, "-o", two, "--workers", "2").stdout
    )
    assert pools == [2]
    assert read_jsonl(two) == read_jsonl(one)
    assert [r["id"] for r in read_jsonl(two)] == [r["id"] for r in rows]
    assert len({r["score"] for r in read_jsonl(two)}) > 3  # real, varied grades
