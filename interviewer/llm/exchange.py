"""One chat-completions request, run on a thread of its own so that its caller can stop
waiting at an overall deadline whatever the endpoint does (hang, trickle bytes, send
keep-alives for ever).

The thread reads the response as raw bytes and checks `cancel` after every read, so an
abandoned request ends at its next byte, or at the read timeout when none comes; it closes
the connection, which also stops a local server's generation. What it gets goes to the
caller through a queue as `Event`s: reply text, the end, or an `Failure` saying whether a
retry may help. Every reply is untrusted: a body that is not the JSON (or server-sent
events) of a chat completion is a failure, never an exception of its own.
"""

from __future__ import annotations

import json
import queue
import threading
from dataclasses import dataclass
from typing import Literal

RETRY_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})
MAX_BYTES = 8 << 20  # a chat reply is never this long: a larger body is not one


@dataclass(frozen=True)
class Failure:
    message: str
    retryable: bool = False
    retry_after: float | None = None  # seconds the endpoint asked to wait
    refused: bool = False  # nothing listens at the URL (a server that is gone)


@dataclass(frozen=True)
class Event:
    kind: Literal["text", "done", "failed"]
    text: str = ""
    failure: Failure | None = None


class _Cancelled(Exception):
    pass


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def _snippet(body: bytes) -> str:
    text = body[:120].decode("utf-8", "replace")
    return " ".join(text.split())


def completion_text(body: bytes, content_type: str) -> str:
    """The reply text of a (non-streamed) chat completion body; ValueError saying what is
    wrong with it otherwise (not JSON, truncated, another schema)."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        kind = content_type.split(";")[0].strip() or "no content type"
        raise ValueError(
            f"the reply is not JSON ({kind}, {len(body)} bytes: {_snippet(body)!r})"
        ) from None
    return _message_text(data, "message")


def _message_text(data: object, key: str) -> str:
    """choices[0].<key>.content of a completion (key "message") or a chunk ("delta")."""
    try:
        choices = data["choices"]  # type: ignore[index]
        if not choices:
            if key == "delta":
                return ""
            raise ValueError("a reply without choices")
        content = choices[0][key].get("content")
    except (TypeError, KeyError, IndexError, AttributeError):
        raise ValueError(f"the reply is not a chat completion (no choices[0].{key})") from None
    if content is not None and not isinstance(content, str):
        raise ValueError(f"the reply's choices[0].{key}.content is not text")
    return content or ""


def _raw(response, cancel: threading.Event):
    for block in response.iter_raw():
        if cancel.is_set():
            raise _Cancelled
        yield block


def _read_body(response, cancel: threading.Event, limit: int = MAX_BYTES) -> bytes:
    body = bytearray()
    for block in _raw(response, cancel):
        body += block
        if len(body) > limit:
            raise ValueError(f"the reply is larger than {limit} bytes")
    return bytes(body)


def _stream_events(response, cancel: threading.Event, put) -> None:
    """Server-sent events -> text events; a comment line (`: ping`) is a keep-alive."""
    buffer, total, finished = b"", 0, False
    for block in _raw(response, cancel):
        total += len(block)
        if total > MAX_BYTES:
            raise ValueError(f"the stream is longer than {MAX_BYTES} bytes")
        buffer += block
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            line = line.strip()
            if not line.startswith(b"data:"):
                continue  # blank separators, comments (keep-alives), event/id fields
            data = line[5:].strip()
            if data == b"[DONE]":
                put(Event("done"))
                return
            try:
                event = json.loads(data)
            except ValueError:
                raise ValueError(f"a stream event is not JSON: {_snippet(data)!r}") from None
            if isinstance(event, dict) and "error" in event:
                raise ValueError(f"the endpoint sent an error: {_snippet(data)!r}")
            text = _message_text(event, "delta")
            if text:
                put(Event("text", text))
            choices = event.get("choices") if isinstance(event, dict) else None
            finished |= bool(choices and choices[0].get("finish_reason"))
    if not finished:
        raise ValueError("the stream ended before the reply did (truncated)")
    put(Event("done"))


def exchange(
    client,
    url: str,
    payload: dict,
    headers: dict,
    stream: bool,
    events: queue.Queue,
    cancel: threading.Event,
    slot: threading.Semaphore,
) -> None:
    """POST `payload` to `url` and put what comes back on `events`; releases `slot` when
    it has ended, however it ends. Runs on its own thread."""
    import httpx

    def fail(message: str, **kw) -> None:
        events.put(Event("failed", failure=Failure(message, **kw)))

    try:
        with client.stream("POST", url, json=payload, headers=headers) as response:
            status = response.status_code
            content_type = response.headers.get("content-type", "")
            if status != 200:
                body = _read_body(response, cancel, 1 << 16)
                fail(
                    f"HTTP {status}: {_snippet(body)}",
                    retryable=status in RETRY_STATUS,
                    retry_after=_retry_after(response.headers.get("retry-after")),
                )
            elif stream and content_type.startswith("text/event-stream"):
                _stream_events(response, cancel, events.put)
            else:  # a whole reply (also what some endpoints send to a stream request)
                text = completion_text(_read_body(response, cancel), content_type)
                events.put(Event("text", text))
                events.put(Event("done"))
    except _Cancelled:
        pass
    except ValueError as exc:
        fail(str(exc))
    except httpx.ConnectError as exc:
        fail(f"cannot connect: {exc}", retryable=True, refused=True)
    except httpx.TimeoutException as exc:
        fail(f"timed out ({type(exc).__name__})", retryable=True)
    except httpx.HTTPError as exc:  # the connection broke, a truncated body, ...
        fail(f"the connection broke: {type(exc).__name__}: {exc}", retryable=True)
    except Exception as exc:  # noqa: BLE001 - whatever happens here reaches the caller as a failure
        fail(f"{type(exc).__name__}: {exc}")
    finally:
        slot.release()
