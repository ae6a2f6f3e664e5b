"""Serving the app: Gradio's launch with the file guard, the upload cap and the theme."""

from __future__ import annotations

import gradio as gr

from ui.app import CSS, MAX_UPLOAD_MB
from ui.auth import LoginLimiter, UserBook
from ui.files import FileGuard


def launch(
    app: gr.Blocks,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    users: UserBook | None = None,
    prevent_thread_lock: bool = False,
    max_upload_mb: int = MAX_UPLOAD_MB,
):
    """Serve APP (made by `create_app`, whose `UserFiles` guard Gradio's file routes);
    uploads over `max_upload_mb` are refused (HTTP 413). Exceptions
    other than `gr.Error` reach the browser as a bare "Error", never with their text
    (which can name server paths)."""
    from starlette.middleware import Middleware

    theme = gr.themes.Default(
        font=[gr.themes.LocalFont("Source Sans Pro"), "ui-sans-serif", "system-ui", "sans-serif"],
        font_mono=["ui-monospace", "monospace"],
    )
    app.queue(default_concurrency_limit=4)
    guard = Middleware(FileGuard, files=app.user_files, limiter=LoginLimiter())  # type: ignore[attr-defined]
    return app.launch(
        server_name=host,
        server_port=port,
        share=False,
        ssr_mode=False,
        auth=users.acheck if users else None,  # type: ignore[arg-type]  # Gradio awaits a coroutine
        prevent_thread_lock=prevent_thread_lock,
        theme=theme,
        css=CSS,
        quiet=True,
        max_file_size=max_upload_mb * 1_000_000,
        app_kwargs={"middleware": [guard]},
        footer_links=[],
        pwa=False,
        mcp_server=False,
        show_error=False,
    )
