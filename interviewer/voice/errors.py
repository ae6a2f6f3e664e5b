"""The voice package's failures, as callers see them."""


class AudioError(ValueError):
    """The file cannot be used as a spoken answer (the message names it and why)."""


class VoiceUnavailable(RuntimeError):
    """Speech to text (or speech) cannot be used: the model, its runtime or the endpoint
    is missing or failing."""
