"""The synthetic corpus: exactly N items, as the real parser reads them, the same bytes
for the same seed."""

from __future__ import annotations

from collections import Counter

import pytest

from interviewer.corpus import iter_note_files, load_note, parse_note
from interviewer.evals.synthetic import note_kind, write_corpus


def test_notes_hold_exactly_the_items_asked_for(tmp_path):
    corpus = write_corpus(tmp_path / "notes", 250, seed=3, per_note=20)
    files = list(iter_note_files(corpus.root))
    assert (corpus.chunks, corpus.notes, len(files)) == (250, 13, 13)
    ids, langs, styles = set(), Counter(), set()
    for index, path in enumerate(files):
        lang, style = note_kind(index)
        assert path.name == f"{index:05d}-{lang}-{style}.md"
        items = parse_note(load_note(path), path.name).items
        assert len(items) == (20 if index < 12 else 10)
        assert {it.lang for it in items} == {lang}  # zh-Hant detected as zh-Hant
        assert all(it.answer_kind == "text" and it.answer.strip() for it in items)
        assert len({it.question for it in items}) == len(items)
        ids |= {it.id for it in items}
        langs[lang] += len(items)
        styles.add(style)
    assert len(ids) == 250
    assert styles == {"marked", "labelled", "outline"}
    assert min(langs.values()) >= 70  # the three languages, about a third each


def test_the_same_seed_writes_the_same_bytes(tmp_path):
    a = write_corpus(tmp_path / "a", 45, seed=7, per_note=9)
    b = write_corpus(tmp_path / "b", 45, seed=7, per_note=9)
    c = write_corpus(tmp_path / "c", 45, seed=8, per_note=9)
    read = lambda root: {p.name: p.read_bytes() for p in sorted(root.iterdir())}  # noqa: E731
    assert read(a.root) == read(b.root)
    assert read(a.root).keys() == read(c.root).keys() and read(a.root) != read(c.root)


def test_bad_arguments_are_refused(tmp_path):
    write_corpus(tmp_path / "full", 3)
    with pytest.raises(ValueError, match="is not empty"):
        write_corpus(tmp_path / "full", 3)
    with pytest.raises(ValueError, match="chunks >= 0"):
        write_corpus(tmp_path / "new", -1)


def test_bench_corpus_command(tmp_path):
    from click.testing import CliRunner

    from interviewer.cli import main

    run = lambda *a: CliRunner().invoke(main, ["bench", "corpus", *a])  # noqa: E731
    ok = run(str(tmp_path / "n"), "--chunks", "25", "--per-note", "10")
    assert ok.exit_code == 0 and f"3 notes, 25 items -> {tmp_path / 'n'}" in ok.output
    again = run(str(tmp_path / "n"), "--chunks", "25")
    assert again.exit_code == 2 and "is not empty" in again.output
