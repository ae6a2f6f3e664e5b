"""LLM assistance: one chat interface with several backends, prompts as files, the coach
(feedback and follow-up questions) and the LLM judge graders."""

from interviewer.llm.client import LLM, FakeLLM, LLMUnavailable, Message, NoLLM, OpenAIChat, make_llm

__all__ = ["LLM", "FakeLLM", "LLMUnavailable", "Message", "NoLLM", "OpenAIChat", "make_llm"]
