"""interviewer: an offline, LLM-assisted mock interviewer for deep-learning / ML interviews."""

__version__ = "0.1.0"
