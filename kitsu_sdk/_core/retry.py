"""How retries are bounded and paced, shared by the sync and async transports."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Callable, Optional

from . import constants as C


@dataclass
class RetryPolicy:
    """How many times and how long to wait; `sleep` and `random` are injectable for tests."""

    max_retries: int = C.MAX_RETRIES
    backoff_factor: float = C.BACKOFF_FACTOR
    max_backoff: float = C.MAX_BACKOFF
    max_retry_after: float = C.MAX_RETRY_AFTER
    statuses: frozenset[int] = C.RETRY_STATUSES
    idempotent_methods: frozenset[str] = C.IDEMPOTENT_METHODS
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    random: Callable[[], float] = field(default=random.random, repr=False)

    def backoff(self, attempt: int) -> float:
        """Delay before retry `attempt` (0-based): exponential, jittered on its upper half."""
        base = min(self.max_backoff, self.backoff_factor * (2**attempt))
        return float(base / 2 + base / 2 * self.random())


def retry_after_seconds(value: Optional[str]) -> Optional[float]:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
