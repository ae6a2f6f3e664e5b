"""LLM assistance: one chat interface with several backends, prompts as files, the coach
(feedback and follow-up questions) and the LLM judge graders."""

from interviewer.llm.client import (
    LLM,
    FakeLLM,
    LLMStatus,
    Message,
    NoLLM,
    OpenAIChat,
    llm_status,
    make_llm,
)
from interviewer.llm.errors import LLMCircuitOpen, LLMUnavailable

__all__ = [
    "LLM",
    "FakeLLM",
    "LLMCircuitOpen",
    "LLMStatus",
    "LLMUnavailable",
    "Message",
    "NoLLM",
    "OpenAIChat",
    "llm_status",
    "make_llm",
]
