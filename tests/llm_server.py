"""A tiny OpenAI-compatible chat-completions server on loopback, for tests: it answers
from a script of (status, content) replies and records the requests it got, or misbehaves
as `Script.mode` says (hang, trickle, keep-alives, HTML, another schema, a truncated body).

`python -m tests.llm_server PORT` serves the default reply until killed (a stand-in for the
local model server in lifetime tests)."""

from __future__ import annotations

import json
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from interviewer.evals.bench_pool import completion
from interviewer.llm.local import LocalServer


@dataclass
class Script:
    replies: list[tuple[int, str]] = field(default_factory=list)  # (HTTP status, content)
    default: tuple[int, str] = (200, "ok")
    delay: float = 0.0
    requests: list[dict] = field(default_factory=list)
    headers: list[dict] = field(default_factory=list)
    # None: answer as scripted; else one of MODES, for every chat request
    mode: str | None = None
    stop: threading.Event = field(default_factory=threading.Event)  # ends hanging replies


MODES = ("hang", "trickle", "keepalive", "html", "schema", "truncated", "500")


def _chunk(content: str | None, finish: str | None = None) -> dict:
    delta = {"content": content} if content is not None else {}
    return {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "m",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


class _Handler(BaseHTTPRequestHandler):
    script: Script

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, body: dict, headers: dict | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path.endswith("/models"):
            self._send(200, {"object": "list", "data": [{"id": "m", "object": "model"}]})
        else:
            self._send(404, {"error": {"message": "not found"}})

    def _misbehave(self, mode: str) -> None:
        stop = self.script.stop
        if mode == "hang":  # accepts the request and never answers
            stop.wait(600)
            return
        if mode == "500":
            self._send(500, {"error": {"message": "boom", "type": "server_error"}})
            return
        if mode in ("html", "schema", "truncated"):
            data = {
                "html": b"<html><body><h1>502 Bad Gateway</h1></body></html>",
                "schema": json.dumps({"result": {"text": "hello"}}).encode(),
                "truncated": json.dumps(completion("cut short")).encode(),
            }[mode]
            self.send_response(200)
            self.send_header("Content-Type", "text/html" if mode == "html" else "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2] if mode == "truncated" else data)
            self.wfile.flush()
            if mode == "truncated":
                self.close_connection = True
            return
        # trickle: a JSON body one byte at a time; keepalive: SSE comments, never an event
        self.send_response(200)
        self.send_header(
            "Content-Type", "application/json" if mode == "trickle" else "text/event-stream"
        )
        self.end_headers()
        data = json.dumps(completion("x" * 10_000)).encode()
        i = 0
        while not stop.wait(0.1):
            piece = data[i : i + 1] if mode == "trickle" else b": keep-alive\n\n"
            i += 1
            try:
                self.wfile.write(piece)
                self.wfile.flush()
            except OSError:  # the client gave up
                return

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.script.requests.append(body)
        self.script.headers.append({k.lower(): v for k, v in self.headers.items()})
        if self.script.mode is not None:
            self._misbehave(self.script.mode)
            return
        time.sleep(self.script.delay)
        status, content = self.script.replies.pop(0) if self.script.replies else self.script.default
        if status != 200:
            extra = {"Retry-After": "0"} if status == 429 else {}
            self._send(status, {"error": {"message": content, "type": "server_error"}}, extra)
            return
        if not body.get("stream"):
            self._send(200, completion(content))
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        pieces = [content[i : i + 5] for i in range(0, len(content), 5)]
        for event in [_chunk(p) for p in pieces] + [_chunk(None, "stop")]:
            self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
            self.wfile.flush()
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()


class ChatServer:
    """`with ChatServer(script) as url:` serves on 127.0.0.1, a free port; url ends in /v1."""

    def __init__(self, script: Script):
        handler = type("Handler", (_Handler,), {"script": script})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self) -> str:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self.url

    def __exit__(self, *exc) -> None:
        self.httpd.RequestHandlerClass.script.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


class FakeLocalServer(LocalServer):
    """The local server's lifetime and restarts, with this module's server (`python -m
    tests.llm_server PORT`) in place of the model's: no model file, starts in a second."""

    def check_installed(self) -> None:
        pass

    def model(self):
        return None

    def command(self, model, port: int) -> list[str]:
        return [sys.executable, "-m", "interviewer.llm.serve_child", "tests.llm_server", str(port)]


if __name__ == "__main__":  # python -m tests.llm_server PORT
    port = int(sys.argv[1])
    handler = type("Handler", (_Handler,), {"script": Script()})
    ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
