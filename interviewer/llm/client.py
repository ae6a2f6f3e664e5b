"""One small interface to a chat model, and its backends.

`LLM.chat(messages)` returns the whole reply, `LLM.stream(messages)` yields it in chunks.
`chat(..., schema=...)` asks for a reply that is JSON matching that JSON schema, through
the endpoint's constrained output (`response_format`, in the form `OpenAIChat.json_schema`
names: llama-cpp-python's server takes `json_object` with the schema, other endpoints the
OpenAI `json_schema` form); the caller still validates the reply.
Backends: `OpenAIChat` (any OpenAI-compatible endpoint, the local server included),
`FakeLLM` (scripted replies, records the prompts; tests) and `NoLLM` (always
unavailable). `make_llm(settings)` picks one from `Settings.llm`. SDKs are imported inside
the backend that needs them, and no constructor touches the network.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast

from pydantic import BaseModel, ConfigDict

from interviewer.llm.breaker import CircuitBreaker
from interviewer.llm.errors import LLMUnavailable

if TYPE_CHECKING:
    from interviewer.settings import Settings


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["system", "user", "assistant"]
    content: str


class LLM(Protocol):
    @property
    def name(self) -> str:
        """Names the model, for caches and reports ("openai:qwen2.5", "fake")."""

    def chat(
        self,
        messages: list[Message],
        *,
        temperature: float = 0.0,
        max_tokens: int | None = None,
        schema: dict | None = None,
    ) -> str: ...

    def stream(
        self, messages: list[Message], *, temperature: float = 0.0, max_tokens: int | None = None
    ) -> Iterator[str]: ...

    def prime(self, messages: list[Message]) -> None:
        """Let the model read a prompt's opening ahead of the call that uses it (a cache
        warm-up; a no-op where that gains nothing)."""


JsonSchemaStyle = Literal["json_schema", "json_object", "off"]


def response_format(schema: dict, style: JsonSchemaStyle) -> dict | None:
    """The `response_format` asking an endpoint for JSON matching `schema`: the OpenAI
    structured-output form (`json_schema`: OpenAI, vLLM, Ollama, llama.cpp's llama-server,
    LM Studio), llama-cpp-python's server form (`json_object` with the schema: its server
    refuses the other), or None (`off`: an endpoint that takes neither)."""
    if style == "json_object":
        return {"type": "json_object", "schema": schema}
    if style == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": "reply", "strict": True, "schema": schema},
        }
    return None


@dataclass(frozen=True)
class LLMStatus:
    """What the LLM is doing, for people: shown by `serve`, `practice` and the app."""

    state: Literal["off", "starting", "ready", "unavailable"]
    detail: str = ""

    def __str__(self) -> str:
        return f"LLM {self.state}" + (f": {self.detail}" if self.detail else "")


@dataclass
class OpenAIChat:
    """Any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, llama.cpp).

    Every call is bounded: `timeout` is its overall deadline (connecting, waiting, the
    whole reply, retries and their back-off included), after which LLMUnavailable is
    raised, whatever the endpoint does. Connection errors, timeouts and 408/409/429/5xx
    are retried `retries` times (exponential back-off, Retry-After honoured) while the
    deadline allows and nothing has been streamed yet. Requests run on their own threads,
    at most `concurrency` at once (abandoned ones count until they end), so a hanging
    endpoint holds a bounded number of threads. After `breaker.failures` failed calls in
    a row the client refuses calls at once (LLMCircuitOpen) for a cool-down.

    `base_url` may be a callable, so the local backend can start its server on first use;
    `server` (the local server) is told when its URL stops answering and reports status.
    """

    base_url: str | Callable[[], str]
    model: str
    api_key: str | None = None
    timeout: float = 60.0
    retries: int = 2
    label: str | None = None  # the name reports and caches use (default: openai:<model>)
    prime_cache: bool = False  # `prime` sends a prompt's opening ahead (a local server)
    concurrency: int = 4  # requests in flight at once
    json_schema: JsonSchemaStyle = "json_schema"  # how `chat(schema=...)` asks for it
    breaker: CircuitBreaker = field(default_factory=CircuitBreaker)
    server: Any = None  # LocalServer: `url(wait)`, `forget(url)`, `status()`
    _http: object | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _slots: threading.Semaphore | None = field(default=None, init=False, repr=False)
    _used: bool = field(default=False, init=False, repr=False)

    @property
    def name(self) -> str:
        return self.label or f"openai:{self.model}"

    def _client(self):
        with self._lock:
            if self._http is None:
                import httpx  # lazily: only this backend needs it

                self._http = httpx.Client(
                    timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0))
                )
                self._slots = threading.BoundedSemaphore(max(1, self.concurrency))
            return self._http

    def _url(self, wait: float | None = None) -> str:
        """The endpoint; a local server being started by another call is waited for at
        most `wait` seconds."""
        if self.server is not None:
            url = self.server.url(wait=wait)
        else:
            url = self.base_url() if callable(self.base_url) else self.base_url
        return url.rstrip("/")

    def connect(self) -> None:
        """Resolve the endpoint now (the local backend starts its server) and check that
        it answers; LLMUnavailable if not. Only moves the first call's wait earlier."""
        import httpx

        url = self._url()
        try:
            self._client().get(
                f"{url}/models", headers=self._headers(), timeout=min(self.timeout, 10.0)
            )
        except httpx.HTTPError as exc:  # any HTTP answer means something listens
            raise LLMUnavailable(f"{self.name}: {url} does not answer: {exc}") from exc

    def status(self) -> LLMStatus:
        if self.breaker.open:
            return LLMStatus(
                "unavailable",
                f"{self.breaker.last_error}; skipped for {self.breaker.seconds_left():.0f} s more",
            )
        if self.breaker.last_error:
            return LLMStatus("unavailable", self.breaker.last_error)
        if self.server is not None:
            return self.server.status()
        return LLMStatus(
            "ready",
            f"{self.name} at {self.base_url}"
            if self._used or not callable(self.base_url)
            else self.name,
        )

    def _headers(self) -> dict:
        return {"Authorization": f"Bearer {self.api_key or 'not-needed'}"}

    def _payload(
        self,
        messages: list[Message],
        temperature: float,
        max_tokens: int | None,
        stream: bool,
        schema: dict | None = None,
    ) -> dict:
        payload: dict[str, Any] = {
            "model": self.model,
            "messages": [m.model_dump() for m in messages],
            "temperature": temperature,
            "stream": stream,
        }
        if max_tokens is not None:
            payload["max_tokens"] = max_tokens
        form = response_format(schema, self.json_schema) if schema is not None else None
        if form is not None:
            payload["response_format"] = form
        return payload

    def _call(self, payload: dict) -> Iterator[str]:
        """The reply's text, in chunks, within the deadline; the breaker sees the outcome."""
        self.breaker.before_call()
        outcome = None
        try:
            yield from self._attempts(payload, time.monotonic() + self.timeout)
            outcome = "ok"
        except LLMUnavailable as exc:
            outcome = "failed"
            self.breaker.failed(str(exc).removeprefix(f"{self.name}: "))
            raise
        finally:
            self._used = True
            if outcome == "ok":
                self.breaker.succeeded()
            elif outcome is None:  # the caller stopped reading
                self.breaker.abandoned()

    def _attempts(self, payload: dict, deadline: float) -> Iterator[str]:
        from interviewer.llm.exchange import exchange

        client, failure = self._client(), cast(Any, None)
        for attempt in range(self.retries + 1):
            if attempt:
                wait = min(8.0, 0.5 * 2 ** (attempt - 1))
                if failure.retry_after is not None:
                    wait = min(failure.retry_after, 30.0)
                if time.monotonic() + wait >= deadline:
                    break
                time.sleep(wait)
            url = self._url(deadline - time.monotonic())
            if not self._slots.acquire(timeout=max(0.0, deadline - time.monotonic())):
                raise LLMUnavailable(
                    f"{self.name}: all {self.concurrency} request slots are "
                    f"held by earlier calls (deadline {self.timeout:g} s)"
                )
            events: queue.Queue = queue.Queue()
            cancel = threading.Event()
            threading.Thread(
                target=exchange,
                name="llm-request",
                daemon=True,
                args=(
                    client,
                    f"{url}/chat/completions",
                    payload,
                    self._headers(),
                    payload["stream"],
                    events,
                    cancel,
                    self._slots,
                ),
            ).start()
            sent = False
            try:
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise LLMUnavailable(
                            f"{self.name}: no complete reply within the {self.timeout:g} s deadline"
                        )
                    try:
                        event = events.get(timeout=left)
                    except queue.Empty:
                        continue
                    if event.kind == "text":
                        sent = True
                        yield event.text
                    elif event.kind == "done":
                        return
                    else:
                        failure = event.failure
                        if failure.refused and self.server is not None:
                            self.server.forget(url)
                        if not failure.retryable or sent:
                            raise LLMUnavailable(f"{self.name}: {failure.message}")
                        break
            finally:
                cancel.set()  # a request still running ends at its next byte
        raise LLMUnavailable(
            f"{self.name}: {failure.message if failure else 'no attempt'} "
            f"(after {attempt + 1} attempts)"
        )

    def chat(
        self,
        messages: list[Message],
        *,
        temperature: float = 0.0,
        max_tokens: int | None = None,
        schema: dict | None = None,
    ) -> str:
        return "".join(self._call(self._payload(messages, temperature, max_tokens, False, schema)))

    def prime(self, messages: list[Message]) -> None:
        """Have the server read `messages` now (one token generated), so a later prompt
        that opens with them reuses its cache (llama.cpp's prefix match). A no-op unless
        `prime_cache`: a remote endpoint bills the tokens and caches prefixes itself."""
        if self.prime_cache:
            self.chat(messages, temperature=0.0, max_tokens=1)

    def stream(
        self, messages: list[Message], *, temperature: float = 0.0, max_tokens: int | None = None
    ) -> Iterator[str]:
        """The reply in chunks; a caller that stops reading (closes the generator) stops
        the request, and a local server's generation with it."""
        return self._call(self._payload(messages, temperature, max_tokens, True))


@dataclass
class FakeLLM:
    """Scripted replies for tests; records every prompt it got in `prompts`.

    A reply that is an exception instance is raised instead (e.g. LLMUnavailable).
    With no replies left, `default` is returned (or LLMUnavailable when it is None).
    """

    replies: list[str | Exception] = field(default_factory=list)
    default: str | None = None
    name: str = "fake"
    prompts: list[list[Message]] = field(default_factory=list)
    primed: list[list[Message]] = field(default_factory=list)  # what `prime` was sent
    schemas: list[dict | None] = field(default_factory=list)  # each chat call's schema

    def enqueue(self, *replies: str | Exception) -> "FakeLLM":
        self.replies.extend(replies)
        return self

    def chat(
        self,
        messages: list[Message],
        *,
        temperature: float = 0.0,
        max_tokens: int | None = None,
        schema: dict | None = None,
    ) -> str:
        self.prompts.append(list(messages))
        self.schemas.append(schema)
        reply = self.replies.pop(0) if self.replies else self.default
        if reply is None:
            raise LLMUnavailable("fake: no scripted reply left")
        if isinstance(reply, Exception):
            raise reply
        return reply

    def prime(self, messages: list[Message]) -> None:
        self.primed.append(list(messages))

    def stream(
        self, messages: list[Message], *, temperature: float = 0.0, max_tokens: int | None = None
    ) -> Iterator[str]:
        text = self.chat(messages, temperature=temperature, max_tokens=max_tokens)
        for start in range(0, len(text), 8):
            yield text[start : start + 8]


@dataclass
class NoLLM:
    """`llm = none`: every call is unavailable, so callers take their no-LLM path."""

    name: str = "none"

    def chat(self, messages: list[Message], **_) -> str:
        raise LLMUnavailable("no LLM configured (llm = none)")

    def stream(self, messages: list[Message], **_) -> Iterator[str]:
        raise LLMUnavailable("no LLM configured (llm = none)")

    def prime(self, messages: list[Message]) -> None:
        pass

    def status(self) -> LLMStatus:
        return LLMStatus("off", "no LLM configured (llm = none): feedback is template text")


def llm_status(llm: object) -> LLMStatus:
    """`llm.status()` where the backend has one (scripted fakes are always ready)."""
    status = getattr(llm, "status", None)
    return status() if callable(status) else LLMStatus("ready", getattr(llm, "name", ""))


def _breaker(settings: Settings) -> CircuitBreaker:
    return CircuitBreaker(settings.llm_breaker_failures, settings.llm_breaker_cooldown)


def make_llm(settings: Settings, timeout: float | None = None) -> LLM:
    """The backend `settings.llm` names. Nothing is started or contacted here. `timeout`:
    the overall deadline of each call (default `settings.llm_timeout`, else 60 s remote,
    300 s local)."""
    if settings.llm == "none":
        return NoLLM()
    if settings.llm == "fake":
        return FakeLLM()
    if settings.llm == "openai":
        if not settings.llm_base_url or not settings.llm_model:
            raise ValueError(
                "llm = openai needs a base URL and a model name "
                "(--llm-base-url / INTERVIEWER_LLM_BASE_URL, "
                "--llm-model / INTERVIEWER_LLM_MODEL)"
            )
        return OpenAIChat(
            settings.llm_base_url,
            settings.llm_model,
            settings.llm_api_key,
            timeout or settings.llm_timeout or 60.0,
            settings.llm_retries,
            concurrency=settings.llm_concurrency,
            json_schema=settings.llm_json_schema or "json_schema",
            breaker=_breaker(settings),
        )
    from interviewer.llm.local import local_llm

    return local_llm(settings, timeout)
