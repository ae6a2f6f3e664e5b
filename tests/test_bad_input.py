"""Bad note files: a one-line error naming the file and the reason; the run goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from interviewer.cli import main
from interviewer.corpus import NoteError, load_note

GOOD = "## Dropout\n\nRandomly zeroes activations during training.\n"


def make_bad(folder: Path) -> dict[str, str]:
    """Bad files in `folder` -> the reason each must give."""
    (folder / "gbk.md").write_bytes("## 过拟合\n\n模型记住了噪声。\n".encode("gbk"))
    (folder / "empty.md").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\n", encoding="utf-8")
    (folder / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with open(folder / "huge.md", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB (sparse)
    return {
        "gbk.md": "not UTF-8 text (invalid byte 0xb9 at offset 3); re-save it as UTF-8",
        "empty.md": "empty file",
        "blank.txt": "empty file",
        "binary.md": "binary file (contains NUL bytes), not a text note",
        "huge.md": "too large (50.0 MiB; the limit is 10.0 MiB)",
    }


def test_load_note_reasons(tmp_path):
    for name, reason in make_bad(tmp_path).items():
        with pytest.raises(NoteError) as err:
            load_note(tmp_path / name, max_bytes=10 * 1024 * 1024)
        assert err.value.reason == reason
        assert str(err.value) == f"{tmp_path / name}: {reason}"
    with pytest.raises(NoteError, match="no such file"):
        load_note(tmp_path / "missing.md")


def test_ingest_reports_each_bad_file_and_keeps_going(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path / "data"))
    notes = tmp_path / "notes"
    notes.mkdir()
    reasons = make_bad(notes)
    (notes / "good.md").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(notes), str(tmp_path / "missing.md")])
    assert result.exit_code == 0, result.output  # something was ingested
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(reasons) + 1
    for name, reason in reasons.items():
        assert f"error: {(notes / name).resolve()}: {reason}" in errors
    assert f"error: {tmp_path / 'missing.md'}: no such file or directory" in errors
    assert "good.md: 1 items (1 text, 0 image; en 1)" in result.stdout
    assert "1 files ingested, 6 failed; 1 items, 1 embedded" in result.stdout


def test_exit_code_is_non_zero_only_when_nothing_was_ingested(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path / "data"))
    notes = tmp_path / "notes"
    notes.mkdir()
    make_bad(notes)
    result = CliRunner().invoke(main, ["ingest", str(notes)])
    assert result.exit_code == 1
    assert "0 files ingested, 5 failed" in result.stdout
    missing = CliRunner().invoke(main, ["ingest", str(tmp_path / "nope")])
    assert missing.exit_code == 1
    assert "no such file or directory" in missing.stderr


def test_broken_symlinks_and_fifos_get_an_error_line(tmp_path, monkeypatch):
    """Issue 20 item 12: they used to vanish from the run without a word."""
    import os

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "good.md").write_text(GOOD, encoding="utf-8")
    (notes / "dangling.md").symlink_to(tmp_path / "gone.md")
    os.mkfifo(notes / "pipe.md")
    from interviewer.corpus import iter_note_files

    assert [p.name for p in iter_note_files(notes)] == ["dangling.md", "good.md", "pipe.md"]
    with pytest.raises(NoteError, match=r"broken symbolic link \(to .*gone\.md\)"):
        load_note(notes / "dangling.md")
    with pytest.raises(NoteError, match=r"not a regular file \(a FIFO\)"):
        load_note(notes / "pipe.md")  # never opened: opening a FIFO would block

    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path / "data"))
    res = CliRunner().invoke(main, ["ingest", str(notes)])
    assert res.exit_code == 0, res.output
    assert f"error: {notes / 'dangling.md'}: broken symbolic link" in res.stderr
    assert f"error: {notes / 'pipe.md'}: not a regular file (a FIFO); not read" in res.stderr
    assert "1 files ingested, 2 failed" in res.stdout
