"""A session another process is answering shows one line in the browser, not a traceback."""

from __future__ import annotations

import gradio as gr
import pytest

import ui.app as app
from interviewer.session import SessionBusy


def test_a_busy_session_is_one_line_in_the_browser(monkeypatch):
    def busy(kit, sid, user):
        raise SessionBusy(
            "session s1 is open in another process (pid 42); finish or stop it there first"
        )

    monkeypatch.setattr(app.Interview, "resume", staticmethod(busy))
    with pytest.raises(gr.Error, match="open in another process"):
        app._resume(None, "s1", "ann")
