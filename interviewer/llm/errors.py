"""The LLM's failures, as callers see them."""

from __future__ import annotations


class LLMUnavailable(Exception):
    """The model could not answer: endpoint down, deadline passed, retries used up, a
    malformed reply, bad config."""


class LLMCircuitOpen(LLMUnavailable):
    """The client skips the LLM for a cool-down after several failed calls in a row."""
