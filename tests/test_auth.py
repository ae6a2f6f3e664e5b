"""Login users: PBKDF2 hashes, users files and inline users, clear errors."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from interviewer.cli import main
from ui.auth import UserBook, add_user, hash_password, verify_password


def test_hashes_verify_and_are_salted():
    h = hash_password("secret")
    assert h.startswith("pbkdf2_sha256$") and "secret" not in h
    assert verify_password("secret", h) and not verify_password("Secret", h)
    assert hash_password("secret") != h  # a new salt each time
    assert not verify_password("secret", "plain-text")


def test_users_file_round_trip_and_replacing_a_password(tmp_path):
    path = tmp_path / "users.txt"
    add_user(path, "ann", "one")
    add_user(path, "bob", "two")
    add_user(path, "ann", "three")
    book = UserBook.from_file(path)
    assert set(book.users) == {"ann", "bob"}
    assert book.check("ann", "three") and not book.check("ann", "one")
    assert not book.check("carol", "x")


@pytest.mark.parametrize("text, problem", [
    ("ann:plain", "entry 1 is not"),
    ("", "no users"),
    ("# only a comment\n", "no users"),
])
def test_bad_users_are_named(text, problem):
    with pytest.raises(ValueError, match=problem):
        UserBook.parse(text, "users.txt")


def test_cli_user_add_and_serve_refuses_a_bad_users_file(tmp_path):
    runner = CliRunner()
    path = tmp_path / "users.txt"
    res = runner.invoke(main, ["user", "add", "ann", "--auth-file", str(path)],
                        input="pw\npw\n")
    assert res.exit_code == 0, res.output
    assert UserBook.from_file(path).check("ann", "pw")
    bad = tmp_path / "bad.txt"
    bad.write_text("ann:nothash\n")
    res = runner.invoke(main, ["--data-dir", str(tmp_path / "d"), "serve", "--auth-file", str(bad)])
    assert res.exit_code == 1 and "bad.txt: entry 1 is not" in res.output
    res = runner.invoke(main, ["--data-dir", str(tmp_path / "d"), "serve", "--auth-file",
                               str(tmp_path / "missing.txt")])
    assert res.exit_code == 1 and "missing.txt" in res.output
