"""The socket-free parts of kitsu_sdk.events: the dispatch core (handlers, project filter, and
the bookkeeping that de-duplicates a replay of the stored event log against the events already
received live), plus helpers for the event log's parameters, tokens and the server's clock.

No sockets and no threads of its own (kitsu_sdk.events and kitsu_sdk.aio.events drive it, one
with threads, the other on an event loop), so every rule is unit-testable. The event log is read
with operations (`fetch_events_flow`) that both clients run.
"""

from __future__ import annotations

import base64
import datetime
import email.utils
import inspect
import json
import logging
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from ._core import call
from ._core.call import Flow
from ._core.errors import InvalidInputError, KitsuError

if TYPE_CHECKING:
    from .client import KitsuClient

logger = logging.getLogger("kitsu_sdk.events")

#: Seconds of overlap re-read before the last moment known to be covered (clock error, latency).
CATCH_UP_MARGIN = 15.0
#: A stored event is the copy of a live one when names and payloads are equal and the live one
#: arrived within this many seconds of the stored `created_at` (which Zou truncates to seconds).
MATCH_TOLERANCE = 5.0

_SEEN_IDS_KEPT = 20000
_LIVE_KEPT = 20000
SERVER_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S"
#: Zou serves at most this many stored events per request.
PAGE_MAX = 1000

Handler = Callable[..., Any]


@dataclass(frozen=True)
class EventContext:
    """What a handler may want besides the payload; handlers taking one more argument get it.

    Attributes:
        name: the event name.
        replayed: True for an event read from the stored log after a reconnection.
        event_id, created_at, user_id: from the stored log (replays only: live payloads
            carry no id). `created_at` is UTC, to the second.
        project_id: the payload's project, if any.
        received_at: `time.time()` when the SDK got it.
    """

    name: str
    replayed: bool = False
    event_id: Optional[str] = None
    created_at: Optional[str] = None
    user_id: Optional[str] = None
    project_id: Optional[str] = None
    received_at: float = 0.0


def _accepts(fn: Callable[..., Any], count: int) -> bool:
    """True when `fn` can take `count` positional arguments."""
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return False
    kinds = [p.kind for p in params]
    if inspect.Parameter.VAR_POSITIONAL in kinds:
        return True
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return sum(kind in positional for kind in kinds) >= count


def label(fn: Callable[..., Any]) -> str:
    return str(getattr(fn, "__qualname__", None) or repr(fn))


class _Handler:
    def __init__(self, fn: Handler, catch_all: bool) -> None:
        self.fn = fn
        self.catch_all = catch_all
        self.with_context = _accepts(fn, 3 if catch_all else 2)

    def __call__(self, data: Any, context: EventContext) -> Any:
        """Call the function; what it returns (an awaitable for a coroutine function)."""
        args: tuple[Any, ...] = (context.name, data) if self.catch_all else (data,)
        if self.with_context:
            args = (*args, context)
        return self.fn(*args)


def _key(name: str, data: Any) -> tuple[str, str]:
    return name, json.dumps(data, sort_keys=True, default=str)


def _parse_server_time(value: Any) -> Optional[float]:
    """Zou's naive UTC `created_at` as an epoch; None when unreadable."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.timezone.utc)
    return parsed.timestamp()


def format_server_time(epoch: float) -> str:
    when = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)
    return when.strftime(SERVER_TIME_FORMAT)


class EventDispatcher:
    """Handlers, the project filter, and what de-duplicates a replay against live events.

    How a catch-up avoids both gaps and duplicates (Zou 1.0.97 facts: live payloads carry no
    event id; the log answers newest first; `created_at` is naive UTC shown to the second;
    `after=` takes `YYYY-MM-DDTHH:MM:SS` and is strict on the full-precision time):

    - The watermark is the server time up to which nothing was missed: the last live arrival or
      (re)connection. Server time = local time + `clock_offset` (read from the `Date` header).
    - At a reconnection the log is read from `watermark - margin`: the overlap absorbs clock
      error, the truncation to seconds and delivery latency.
    - A stored event is a copy of a live one when name and payload are equal and the live one
      arrived within `tolerance` of its `created_at`; it consumes that live entry (a multiset:
      Zou legitimately sends identical events in a row, e.g. `project:update` three times when
      a project is set up, so live events are never collapsed with each other). Live events are
      recorded on arrival, before they are queued, so those that arrive while the log is read
      are matched too and delivered live, after the replay.
    - A live copy that arrives after the replay was planned (Zou publishes an event before it
      stores it, but the socket may lag behind the read of the log) matches the replayed event
      it copies, the same way, and is dropped: `note_live` answers None for it.
    - Stored events seen once (replayed or matched) are remembered by id: overlapping catch-ups
      never deliver one twice. Events from before the first connection are never replayed.

    Limits: two identical events less than `tolerance` apart on both sides of a disconnection
    can be taken one for the other; events Zou does not store cannot be replayed.
    """

    def __init__(
        self,
        project_ids: Optional[Iterable[str]] = None,
        *,
        margin: float = CATCH_UP_MARGIN,
        tolerance: float = MATCH_TOLERANCE,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.project_ids = frozenset(project_ids) if project_ids is not None else None
        self.margin = margin
        self.tolerance = tolerance
        self.clock = clock
        self.clock_offset = 0.0
        self.watermark: Optional[float] = None  # server time up to which nothing was missed
        self.floor: Optional[float] = None  # server time of the first connection
        self.handler_errors = 0
        self._handlers: dict[str, list[_Handler]] = {}
        self._any: list[_Handler] = []
        self._live: deque[tuple[float, tuple[str, str]]] = deque()
        self._replayed: deque[tuple[float, tuple[str, str]]] = deque()
        self._seen_ids: OrderedDict[str, None] = OrderedDict()
        self._pending_since: Optional[float] = None  # a catch-up is due from there
        self._lock = threading.Lock()

    # registration (copy on write: delivery reads the lists without the lock)
    def add(self, name: str, fn: Handler) -> None:
        if not isinstance(name, str) or not name.strip():
            raise InvalidInputError(f"event name must be a non-empty string, got {name!r}")
        if not callable(fn):
            raise InvalidInputError("an event handler must be callable")
        with self._lock:
            self._handlers[name] = [*self._handlers.get(name, []), _Handler(fn, False)]

    def add_any(self, fn: Handler) -> None:
        if not callable(fn):
            raise InvalidInputError("an event handler must be callable")
        with self._lock:
            self._any = [*self._any, _Handler(fn, True)]

    def server_now(self) -> float:
        return self.clock() + self.clock_offset

    def wanted(self, data: Any) -> bool:
        if self.project_ids is None:
            return True
        return isinstance(data, dict) and data.get("project_id") in self.project_ids

    def note_live(self, name: str, data: Any) -> Optional[EventContext]:
        """Record a live event at its arrival (before it is queued) and build its context; None
        when it is the late copy of an event already replayed (deliver nothing then)."""
        now = self.server_now()
        key = _key(name, data)
        with self._lock:
            self.watermark = max(self.watermark or now, now)
            if self._consume_replayed(key, now):
                return None
            self._live.append((now, key))
            self._prune()
        project_id = data.get("project_id") if isinstance(data, dict) else None
        return EventContext(name, project_id=project_id, received_at=time.time())

    def _prune(self) -> None:
        # Live entries are kept as long as a stored event could still be matched against them:
        # a short window behind the watermark, or back to where a pending catch-up starts.
        horizon = (self.watermark or 0.0) - 2 * (self.margin + self.tolerance)
        if self._pending_since is not None:
            horizon = min(horizon, self._pending_since - self.tolerance - 1)
        while self._live and (len(self._live) > _LIVE_KEPT or self._live[0][0] < horizon):
            self._live.popleft()
        while self._replayed and (
            len(self._replayed) > _LIVE_KEPT or self._replayed[0][0] < horizon
        ):
            self._replayed.popleft()

    def note_connected(self) -> Optional[float]:
        """At each connection: where a catch-up must start (None the first time).

        Call `replay_done()` once the catch-up is over (or given up).
        """
        now = self.server_now()
        with self._lock:
            if self.floor is None:
                self.floor = now
            since = None if self.watermark is None else self.watermark - self.margin
            if since is not None:
                self._pending_since = (
                    since if self._pending_since is None else min(since, self._pending_since)
                )
            self.watermark = max(self.watermark or now, now)
        return since

    def replay_done(self) -> None:
        with self._lock:
            self._pending_since = None
            self._prune()

    def plan_replay(self, rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        """Which stored events (newest first, as Zou returns them) to replay, oldest first."""
        # Zou orders by the full-precision time but shows seconds: its order is the true one.
        ordered = sorted(reversed(list(rows)), key=lambda row: str(row.get("created_at") or ""))
        out = []
        with self._lock:
            for row in ordered:
                event_id = str(row.get("id") or "")
                if event_id and event_id in self._seen_ids:
                    continue
                created = _parse_server_time(row.get("created_at"))
                if created is not None and self.floor is not None and created < self.floor:
                    continue  # from before the listener started: never ours to deliver
                if event_id:
                    # Delivered now or already live: a later catch-up skips it either way.
                    self._seen_ids[event_id] = None
                    while len(self._seen_ids) > _SEEN_IDS_KEPT:
                        self._seen_ids.popitem(last=False)
                key = _key(str(row.get("name")), row.get("data"))
                if self._consume_live(key, created):
                    continue
                out.append(row)
                if created is not None:
                    self._replayed.append((created, key))
                    self.watermark = max(self.watermark or created, created)
        return out

    def _consume_live(self, key: tuple[str, str], created: Optional[float]) -> bool:
        """Whether a live event (consumed then) is the copy of this stored one."""
        for index, (seen, live_key) in enumerate(self._live):
            if live_key == key and self._close(created, seen):
                del self._live[index]
                return True
        return False

    def _consume_replayed(self, key: tuple[str, str], seen: float) -> bool:
        """Whether a replayed event (consumed then) is the one this live arrival copies."""
        for index, (created, replayed_key) in enumerate(self._replayed):
            if replayed_key == key and self._close(created, seen):
                del self._replayed[index]
                return True
        return False

    def _close(self, created: Optional[float], seen: float) -> bool:
        # `created_at` is truncated to the second: the event happened in [created, created+1).
        return created is None or created - self.tolerance <= seen <= created + 1 + self.tolerance

    def handlers_for(self, data: Any, context: EventContext) -> Optional[list[_Handler]]:
        """The handlers of `context.name` then the catch-all ones; None when filtered out."""
        if not self.wanted(data):
            return None
        return [*self._handlers.get(context.name, []), *self._any]

    def handler_failed(self, fn: Callable[..., Any], name: str) -> None:
        """Count and log the exception being handled (call it from an `except` block)."""
        self.handler_errors += 1
        logger.exception("handler %s for %s failed", label(fn), name)

    def deliver(self, data: Any, context: EventContext) -> bool:
        """Call the handlers of `context.name` then the catch-all ones; False when filtered out."""
        handlers = self.handlers_for(data, context)
        if handlers is None:
            return False
        for handler in handlers:
            try:
                handler(data, context)
            except Exception:
                self.handler_failed(handler.fn, context.name)
        return True

    async def deliver_async(self, data: Any, context: EventContext) -> bool:
        """`deliver` on an event loop: handlers may be coroutine functions, awaited in turn."""
        handlers = self.handlers_for(data, context)
        if handlers is None:
            return False
        for handler in handlers:
            try:
                outcome = handler(data, context)
                if inspect.isawaitable(outcome):
                    await outcome
            except Exception:
                self.handler_failed(handler.fn, context.name)
        return True


def replay_context(row: Mapping[str, Any]) -> EventContext:
    """The context of a stored event being replayed."""
    if not isinstance(row, Mapping):
        raise InvalidInputError(
            f"a stored event is a row of GET /data/events/last (a dict), got {type(row).__name__}"
        )
    data = row.get("data")
    project_id = row.get("project_id")
    if project_id is None and isinstance(data, dict):
        project_id = data.get("project_id")
    return EventContext(
        str(row.get("name")),
        replayed=True,
        event_id=row.get("id"),
        created_at=row.get("created_at"),
        user_id=row.get("user_id"),
        project_id=project_id,
        received_at=time.time(),
    )


# -- helpers for kitsu_sdk.events -----------------------------------------------------------------


def date_param(value: Union[str, datetime.date, None], what: str) -> Optional[str]:
    """A date as Zou parses it (`2020-01-05T13:23:10` or `2020-01-05`, UTC); None stays None."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return value.strftime(SERVER_TIME_FORMAT)
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, str):
        for fmt in (SERVER_TIME_FORMAT, "%Y-%m-%d"):
            try:
                datetime.datetime.strptime(value, fmt)
                return value
            except ValueError:
                pass
    raise InvalidInputError(
        f"{what} must be a datetime or a string like 2020-01-05T13:23:10 or 2020-01-05 (UTC), "
        f"got {value!r}"
    )


def fetch_events_flow(params: Mapping[str, Any], limit: int) -> Flow[list[dict[str, Any]]]:
    """Up to `limit` stored events, newest first, paging with `cursor_event_id` past 1000 (an
    operation: `client.run(...)` or `await aclient.run(...)`)."""
    rows: list[dict[str, Any]] = []
    cursor: Optional[str] = None
    while len(rows) < limit:
        size = min(PAGE_MAX, limit - len(rows))
        query = {**params, "limit": size, "cursor_event_id": cursor}
        page = yield from call.get("data/events/last", query)
        rows.extend(page or [])
        if not page or len(page) < size:
            break
        cursor = str(page[-1]["id"])
    return rows


def fetch_events(
    client: KitsuClient, params: Mapping[str, Any], limit: int
) -> list[dict[str, Any]]:
    """Up to `limit` stored events, newest first, paging with `cursor_event_id` past 1000."""
    return client.run(fetch_events_flow(params, limit))


def token_exp(token: Optional[str]) -> Optional[float]:
    """The `exp` claim of a JWT (unverified), or None."""
    try:
        payload = str(token).split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        exp = claims.get("exp")
    except (IndexError, ValueError, TypeError, AttributeError):
        return None
    return float(exp) if isinstance(exp, (int, float)) else None


#: What reading the server's clock may raise: the request failed, or no readable `Date` header.
CLOCK_ERRORS = (KitsuError, KeyError, TypeError, ValueError)


def clock_offset(headers: Mapping[str, str], started: float, ended: float) -> float:
    """Server time minus local time, from the `Date` header of an answer to a request sent at
    `started` and answered at `ended` (`time.time()`); raises KeyError, TypeError, ValueError
    when the header is missing or unreadable."""
    date = email.utils.parsedate_to_datetime(headers["Date"])
    # The header is truncated to the second: the true time is half a second later on average.
    return date.timestamp() + 0.5 - (started + ended) / 2


def measure_clock_offset(client: KitsuClient) -> Optional[float]:
    """Server time minus local time, from the `Date` header of `GET /` (good to about 1 s)."""
    try:
        started = time.time()
        response = client.transport.request(
            "GET", client.url(""), "", timeout=client.timeout, authenticate=False
        )
        return clock_offset(response.headers, started, time.time())
    except CLOCK_ERRORS as error:
        logger.debug("could not read the server's clock: %s", error)
        return None
