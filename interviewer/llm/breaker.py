"""A circuit breaker for one LLM client: after `failures` failed calls in a row, calls are
refused at once (`LLMCircuitOpen`) for `cooldown` seconds instead of each waiting out its
own deadline; then one trial call goes through, and its outcome closes the circuit or
opens it for another cool-down."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from interviewer.llm.errors import LLMCircuitOpen


class CircuitBreaker:
    def __init__(
        self, failures: int = 3, cooldown: float = 60.0, clock: Callable[[], float] = time.monotonic
    ):
        self.failures = max(1, failures)
        self.cooldown = cooldown
        self.clock = clock
        self._lock = threading.Lock()
        self._in_a_row = 0
        self._opened_at: float | None = None
        self._trial = False  # a trial call is in flight (half-open)
        self.last_error: str | None = None

    def before_call(self) -> None:
        """Raise LLMCircuitOpen while the circuit is open; after the cool-down, let one
        trial call through (the others are still refused until it ends)."""
        with self._lock:
            if self._opened_at is None:
                return
            left = self._opened_at + self.cooldown - self.clock()
            if left <= 0 and not self._trial:
                self._trial = True
                return
            raise LLMCircuitOpen(
                f"llm_circuit_open: {self._in_a_row} calls in a row failed (last: "
                f"{self.last_error}); the LLM is skipped for {max(left, 0):.0f} s more"
            )

    def succeeded(self) -> None:
        with self._lock:
            self._in_a_row, self._opened_at, self._trial = 0, None, False
            self.last_error = None

    def failed(self, error: str) -> None:
        with self._lock:
            self._in_a_row += 1
            self.last_error = error
            if self._trial or self._in_a_row >= self.failures:
                self._opened_at = self.clock()
            self._trial = False

    def abandoned(self) -> None:
        """A call ended without an outcome (its caller stopped reading): a trial it held
        is given back."""
        with self._lock:
            self._trial = False

    @property
    def open(self) -> bool:
        with self._lock:
            return self._opened_at is not None

    def seconds_left(self) -> float:
        with self._lock:
            if self._opened_at is None:
                return 0.0
            return max(0.0, self._opened_at + self.cooldown - self.clock())
