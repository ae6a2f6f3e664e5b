"""One small interface to a chat model, and its backends.

`LLM.chat(messages)` returns the whole reply, `LLM.stream(messages)` yields it in chunks.
Backends: `OpenAIChat` (any OpenAI-compatible endpoint, the local server included),
`FakeLLM` (scripted replies, records the prompts; tests) and `NoLLM` (always
unavailable). `make_llm(settings)` picks one from `Settings.llm`. SDKs are imported inside
the backend that needs them, and no constructor touches the network.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from interviewer.settings import Settings


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["system", "user", "assistant"]
    content: str


class LLMUnavailable(Exception):
    """The model could not answer: endpoint down, timeout, retries used up, bad config."""


class LLM(Protocol):
    @property
    def name(self) -> str:
        """Names the model, for caches and reports ("openai:qwen2.5", "fake")."""

    def chat(self, messages: list[Message], *, temperature: float = 0.0,
             max_tokens: int | None = None) -> str: ...

    def stream(self, messages: list[Message], *, temperature: float = 0.0,
               max_tokens: int | None = None) -> Iterator[str]: ...

    def prime(self, messages: list[Message]) -> None:
        """Let the model read a prompt's opening ahead of the call that uses it (a cache
        warm-up; a no-op where that gains nothing)."""


@dataclass
class OpenAIChat:
    """Any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, llama.cpp).

    Retries (connection errors, timeouts, 408/409/429/5xx, with exponential backoff and
    Retry-After) are the `openai` client's own; when they are used up, LLMUnavailable.
    `base_url` may be a callable, so the local backend can start its server on first use.
    """

    base_url: str | Callable[[], str]
    model: str
    api_key: str | None = None
    timeout: float = 60.0
    retries: int = 2
    label: str | None = None  # the name reports and caches use (default: openai:<model>)
    prime_cache: bool = False  # `prime` sends a prompt's opening ahead (a local server)
    _client: object | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def name(self) -> str:
        return self.label or f"openai:{self.model}"

    def _openai(self):
        with self._lock:  # sessions on several threads: one client, one local server
            if self._client is None:
                import openai  # lazily: only this backend needs the SDK

                url = self.base_url() if callable(self.base_url) else self.base_url
                self._client = openai.OpenAI(
                    base_url=url, api_key=self.api_key or "not-needed", timeout=self.timeout,
                    max_retries=self.retries)
            return self._client

    def connect(self) -> None:
        """Resolve the endpoint now (the local backend starts its server); LLMUnavailable
        if that fails. Requests call this themselves; it only moves the wait earlier."""
        self._openai()

    def _create(self, messages: list[Message], temperature: float, max_tokens: int | None,
                stream: bool):
        import openai

        try:
            return self._openai().chat.completions.create(
                model=self.model, messages=[m.model_dump() for m in messages],
                temperature=temperature, max_tokens=max_tokens, stream=stream)
        except openai.OpenAIError as exc:
            raise LLMUnavailable(f"{self.name}: {type(exc).__name__}: {exc}") from exc

    def chat(self, messages: list[Message], *, temperature: float = 0.0,
             max_tokens: int | None = None) -> str:
        reply = self._create(messages, temperature, max_tokens, stream=False)
        if not reply.choices:
            raise LLMUnavailable(f"{self.name}: a reply without choices")
        return reply.choices[0].message.content or ""

    def prime(self, messages: list[Message]) -> None:
        """Have the server read `messages` now (one token generated), so a later prompt
        that opens with them reuses its cache (llama.cpp's prefix match). A no-op unless
        `prime_cache`: a remote endpoint bills the tokens and caches prefixes itself."""
        if self.prime_cache:
            self._create(messages, 0.0, 1, stream=False)

    def stream(self, messages: list[Message], *, temperature: float = 0.0,
               max_tokens: int | None = None) -> Iterator[str]:
        chunks = self._create(messages, temperature, max_tokens, stream=True)
        try:
            for chunk in chunks:
                if chunk.choices and chunk.choices[0].delta.content:
                    yield chunk.choices[0].delta.content
        except Exception as exc:  # the SDK's and its HTTP library's errors alike
            raise LLMUnavailable(f"{self.name}: the stream broke: {exc}") from exc
        finally:
            chunks.close()  # a caller that stops reading stops the generation too


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

    def enqueue(self, *replies: str | Exception) -> "FakeLLM":
        self.replies.extend(replies)
        return self

    def chat(self, messages: list[Message], *, temperature: float = 0.0,
             max_tokens: int | None = None) -> str:
        self.prompts.append(list(messages))
        reply = self.replies.pop(0) if self.replies else self.default
        if reply is None:
            raise LLMUnavailable("fake: no scripted reply left")
        if isinstance(reply, Exception):
            raise reply
        return reply

    def prime(self, messages: list[Message]) -> None:
        self.primed.append(list(messages))

    def stream(self, messages: list[Message], *, temperature: float = 0.0,
               max_tokens: int | None = None) -> Iterator[str]:
        text = self.chat(messages, temperature=temperature, max_tokens=max_tokens)
        for start in range(0, len(text), 8):
            yield text[start:start + 8]


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


def make_llm(settings: Settings) -> LLM:
    """The backend `settings.llm` names. Nothing is started or contacted here."""
    if settings.llm == "none":
        return NoLLM()
    if settings.llm == "fake":
        return FakeLLM()
    if settings.llm == "openai":
        if not settings.llm_base_url or not settings.llm_model:
            raise ValueError("llm = openai needs a base URL and a model name "
                             "(--llm-base-url / INTERVIEWER_LLM_BASE_URL, "
                             "--llm-model / INTERVIEWER_LLM_MODEL)")
        return OpenAIChat(settings.llm_base_url, settings.llm_model, settings.llm_api_key,
                          settings.llm_timeout or 60.0, settings.llm_retries)
    from interviewer.llm.local import local_llm

    return local_llm(settings)
