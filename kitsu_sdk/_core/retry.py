"""How retries are bounded and paced, shared by the sync and async transports."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, Callable, Optional

from . import constants as C
from .errors import APIError, AuthenticationError

logger = logging.getLogger(C.LOGGER_NAME)


@dataclass
class RetryPolicy:
    """How many times and how long to wait between tries of a request that is safe to repeat.

    `connect_retry_seconds`: how long (in waits) a request keeps trying while connections are
    refused, past `max_retries` (a server restarting); 0 gives up after `max_retries`.
    `sleep` (the sync client), `async_sleep` (the async client; asyncio.sleep when None) and
    `random` (the jitter) are injectable for tests.
    """

    max_retries: int = C.MAX_RETRIES
    backoff_factor: float = C.BACKOFF_FACTOR
    max_backoff: float = C.MAX_BACKOFF
    max_retry_after: float = C.MAX_RETRY_AFTER
    statuses: frozenset[int] = C.RETRY_STATUSES
    idempotent_methods: frozenset[str] = C.IDEMPOTENT_METHODS
    connect_retry_seconds: float = C.CONNECT_RETRY_SECONDS
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    random: Callable[[], float] = field(default=random.random, repr=False)
    async_sleep: Optional[Callable[[float], Awaitable[Any]]] = field(default=None, repr=False)

    def backoff(self, attempt: int) -> float:
        """Delay before retry `attempt` (0-based): exponential, jittered on its upper half."""
        base = min(self.max_backoff, self.backoff_factor * (2**attempt))
        return float(base / 2 + base / 2 * self.random())


#: For requests that must answer at once (is the host up?): one try, no waiting.
NO_RETRY = RetryPolicy(max_retries=0, connect_retry_seconds=0.0)


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


def token_expired_answer(error: APIError) -> bool:
    """True for Zou's answers that mean "renew the access token and replay"."""
    if error.status == 401:
        return isinstance(error, AuthenticationError)
    # Zou's expired-signature handler answers 401, but older servers and proxies said 422.
    return error.status == 422 and "expired" in error.message.lower()


class Attempts:
    """The retry decisions of one logical request, the same for the sync and async transports:
    each `after_*` says how long to wait before trying again, or None to give up (raise)."""

    __slots__ = ("policy", "method", "path", "count", "replayed", "waited", "maybe_landed")

    def __init__(self, policy: RetryPolicy, method: str, path: str) -> None:
        self.policy = policy
        self.method = method
        self.path = path
        self.count = 0
        self.replayed = False
        self.waited = 0.0
        self.maybe_landed = False

    def after_failure(self, error: BaseException, never_reached: bool) -> Optional[float]:
        """After no answer came: retry idempotent calls, and any call that never left; refused
        connections go on past `max_retries` while `connect_retry_seconds` lasts."""
        policy = self.policy
        safe = self.method in policy.idempotent_methods or never_reached
        if not safe:
            return None
        if not never_reached:
            self.maybe_landed = True
        why = f"failed ({type(error).__name__})"
        if self.count < policy.max_retries:
            return self._next(why, None)
        left = policy.connect_retry_seconds - self.waited
        if never_reached and left > 0:
            return self._next(why, min(policy.backoff(self.count), left))
        return None

    def already_done(self, status: int) -> bool:
        """True when a DELETE answered 404 after an earlier try may have landed: the answer
        that was lost said it was deleted."""
        return self.method == "DELETE" and status == 404 and self.maybe_landed

    def after_status(self, status: int, retry_after: Optional[str]) -> Optional[float]:
        """After an error status: retry the statuses that say "try later", for idempotent calls;
        a 429 for every method, since the server refused the request before doing anything."""
        policy = self.policy
        refused_before_doing = status == 429
        if (
            status not in policy.statuses
            or not (refused_before_doing or self.method in policy.idempotent_methods)
            or self.count >= policy.max_retries
        ):
            return None
        after = retry_after_seconds(retry_after)
        if after is not None and after > policy.max_retry_after:
            return None
        return self._next(f"-> {status}", after)

    def should_renew(self, error: APIError, token: Optional[str]) -> bool:
        """True once per request, when the answer says the token expired."""
        if token is None or self.replayed or not token_expired_answer(error):
            return False
        self.replayed = True
        return True

    def _next(self, why: str, delay: Optional[float]) -> float:
        wait = self.policy.backoff(self.count) if delay is None else delay
        self.count += 1
        self.waited += wait
        policy = self.policy
        if self.count <= policy.max_retries:
            logger.warning(
                "%s %s %s, retry %d/%d in %.2fs",
                self.method, self.path, why, self.count, policy.max_retries, wait,
            )  # fmt: skip
        else:
            left = max(0.0, policy.connect_retry_seconds - self.waited)
            logger.warning(
                "%s %s %s, the server refuses connections: retry %d in %.2fs (%.0fs left)",
                self.method, self.path, why, self.count, wait, left,
            )  # fmt: skip
        return wait
