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


@pytest.mark.parametrize(
    "text, problem",
    [
        ("ann:plain", "entry 1 is not"),
        ("", "no users"),
        ("# only a comment\n", "no users"),
    ],
)
def test_bad_users_are_named(text, problem):
    with pytest.raises(ValueError, match=problem):
        UserBook.parse(text, "users.txt")


def test_cli_user_add_and_serve_refuses_a_bad_users_file(tmp_path):
    runner = CliRunner()
    path = tmp_path / "users.txt"
    res = runner.invoke(main, ["user", "add", "ann", "--auth-file", str(path)], input="pw\npw\n")
    assert res.exit_code == 0, res.output
    assert UserBook.from_file(path).check("ann", "pw")
    bad = tmp_path / "bad.txt"
    bad.write_text("ann:nothash\n")
    res = runner.invoke(main, ["--data-dir", str(tmp_path / "d"), "serve", "--auth-file", str(bad)])
    assert res.exit_code == 1 and "bad.txt: entry 1 is not" in res.output
    res = runner.invoke(
        main,
        ["--data-dir", str(tmp_path / "d"), "serve", "--auth-file", str(tmp_path / "missing.txt")],
    )
    assert res.exit_code == 1 and "missing.txt" in res.output


# -- issue 20, item 3: login timing, failed attempts, empty passwords, file mode --------


def _count_hashing(monkeypatch) -> list[int]:
    """The iteration counts of every PBKDF2 call from now on."""
    import ui.auth

    calls: list[int] = []
    real = ui.auth.hashlib.pbkdf2_hmac

    def counted(name, password, salt, iterations, *args):
        calls.append(iterations)
        return real(name, password, salt, iterations, *args)

    monkeypatch.setattr(ui.auth.hashlib, "pbkdf2_hmac", counted)
    return calls


def test_an_unknown_user_costs_the_same_hashing_as_a_known_one(monkeypatch):
    book = UserBook({"ann": hash_password("pw")})
    calls = _count_hashing(monkeypatch)
    assert book.check("ann", "wrong") is False
    known = list(calls)
    calls.clear()
    assert book.check("nobody", "wrong") is False
    assert calls == known == [200_000]  # today: no hashing at all for an unknown user


def test_failed_logins_make_the_user_wait_longer_each_time():
    from ui.auth import LoginLimiter

    now = [1000.0]
    limiter = LoginLimiter(max_failures=3, first_wait=2.0, clock=lambda: now[0])
    book = UserBook({"ann": hash_password("pw")}, limiter=limiter)
    for _ in range(3):
        assert not book.check("ann", "guess")
    assert not book.check("ann", "pw")  # the right password, but too soon
    now[0] += 2.1
    assert not book.check("ann", "guess-4")  # a fourth failure: now 4 s
    now[0] += 2.1
    assert not book.check("ann", "pw")
    now[0] += 2.0
    assert book.check("ann", "pw")  # waited long enough
    assert limiter.wait("user:ann") == 0  # and a success clears the count
    assert book.check("ann", "pw")


def test_empty_passwords_are_refused(tmp_path):
    with pytest.raises(ValueError, match="empty password"):
        add_user(tmp_path / "users.txt", "ann", "")
    with pytest.raises(ValueError, match="empty password"):
        add_user(tmp_path / "users.txt", "ann", "   ")
    assert not (tmp_path / "users.txt").exists()
    # a users file written by hand with the hash of "" still lets nobody in
    assert not UserBook({"ann": hash_password("")}).check("ann", "")


def test_the_users_file_is_readable_by_its_owner_only(tmp_path):
    import stat

    path = tmp_path / "users.txt"
    add_user(path, "ann", "pw")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o644)  # an older file, or one made by hand
    add_user(path, "bob", "pw2")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert set(UserBook.from_file(path).users) == {"ann", "bob"}
    assert [p.name for p in tmp_path.iterdir()] == ["users.txt"]  # no temp file left


def test_serve_refuses_other_machines_without_a_login(tmp_path, monkeypatch):
    import click

    import interviewer.cli.serve as serve_cli

    def stop_here(settings):
        raise click.ClickException("stopped before the store")

    monkeypatch.setattr(serve_cli, "_ready_store", stop_here)
    monkeypatch.delenv("INTERVIEWER_USERS", raising=False)
    monkeypatch.delenv("INTERVIEWER_AUTH_FILE", raising=False)
    runner = CliRunner()
    base = ["--data-dir", str(tmp_path / "d"), "serve"]
    res = runner.invoke(main, [*base, "--host", "0.0.0.0"])
    assert res.exit_code == 2 and "without a login" in res.output
    assert "--insecure-no-login" in res.output and "stopped before" not in res.output
    res = runner.invoke(main, [*base, "--host", "0.0.0.0", "--insecure-no-login"])
    assert "WARNING" in res.output and "stopped before the store" in res.output
    res = runner.invoke(main, [*base, "--host", "127.0.0.1"])  # this machine only: fine
    assert "stopped before the store" in res.output and "WARNING" not in res.output
    res = runner.invoke(
        main, [*base, "--host", "0.0.0.0", "--users", f"ann:{hash_password('pw')}"]
    )  # with a login: fine
    assert "stopped before the store" in res.output and "WARNING" not in res.output
