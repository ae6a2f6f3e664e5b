"""A tiny OpenAI-compatible chat-completions server on loopback, for tests: it answers
from a script of (status, content) replies and records the requests it got."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from interviewer.evals.bench_pool import completion


@dataclass
class Script:
    replies: list[tuple[int, str]] = field(default_factory=list)  # (HTTP status, content)
    default: tuple[int, str] = (200, "ok")
    delay: float = 0.0
    requests: list[dict] = field(default_factory=list)
    headers: list[dict] = field(default_factory=list)


def _chunk(content: str | None, finish: str | None = None) -> dict:
    delta = {"content": content} if content is not None else {}
    return {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "m",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


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

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.script.requests.append(body)
        self.script.headers.append({k.lower(): v for k, v in self.headers.items()})
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
        pieces = [content[i:i + 5] for i in range(0, len(content), 5)]
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
        self.httpd.shutdown()
        self.httpd.server_close()
