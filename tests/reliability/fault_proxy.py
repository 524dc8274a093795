"""A fault-injecting HTTP proxy on loopback, between the SDK and a real Zou (tests only, stdlib).

    with FaultProxy(kitsu_host) as proxy:               # the client's host is proxy.url
        proxy.script(Fault.reset_after(), method="POST", path=r"/shots$")
        proxy.policy = SeededPolicy(seed=11, rate=0.1, choices=SURVIVABLE)

Each request the SDK sends is either forwarded to Zou and its answer relayed, or given a fault:
scripted for a test (the next requests that match), or drawn by a seeded policy. Every answer
closes its connection (no keep-alive), so a fault never leaks into the next request. The proxy
counts what it received, what it forwarded, the faults it injected by kind and Zou's statuses.

Bounded: every socket has a timeout, a stall never outlives the proxy, and after `max_seconds` or
`max_requests` every request is refused with a 500 that says so (never retried by the SDK, so a
runaway test fails fast instead of hanging).
"""

from __future__ import annotations

import collections
import http.client
import json
import random
import re
import socket
import struct
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional
from urllib.parse import urlsplit

#: The kinds of fault, as counted in `FaultProxy.faults` (5xx and 429 add their status).
HTTP_5XX = "http"
RATE_LIMIT = "rate_limit"
RESET_BEFORE = "reset_before"
RESET_AFTER = "reset_after"
STALL = "stall"
TRUNCATED_JSON = "truncated_json"
HTML_200 = "html_200"
CUT_DOWNLOAD = "cut_download"
REDIRECT = "redirect"

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailers",
        "transfer-encoding",
        "upgrade",
        "content-length",
        "host",
    }
)

HTML_PAGE = (
    b"<!DOCTYPE html><html><head><title>Sign in to the network</title></head>"
    b"<body><h1>Portal</h1><p>Please accept the terms to continue.</p></body></html>"
)


@dataclass(frozen=True)
class Fault:
    """One fault to inject; build them with the class methods."""

    kind: str
    status: int = 0
    retry_after: str = "1"
    seconds: float = 0.0

    @property
    def label(self) -> str:
        """The name it is counted under: `http_503`, `rate_limit_429`, `reset_after`…"""
        if self.kind == HTTP_5XX:
            return f"http_{self.status}"
        if self.kind == RATE_LIMIT:
            return "rate_limit_429"
        return self.kind

    @classmethod
    def http(cls, status: int) -> Fault:
        """Answer `status` (500, 502, 503, 504) without forwarding."""
        return cls(HTTP_5XX, status=status)

    @classmethod
    def rate_limit(cls, retry_after: str = "1") -> Fault:
        """Answer 429 with this Retry-After without forwarding."""
        return cls(RATE_LIMIT, status=429, retry_after=retry_after)

    @classmethod
    def reset_before(cls) -> Fault:
        """Read the request, then reset the connection: Zou never sees it."""
        return cls(RESET_BEFORE)

    @classmethod
    def reset_after(cls) -> Fault:
        """Forward the request (Zou does it), then reset the connection: the answer is lost."""
        return cls(RESET_AFTER)

    @classmethod
    def stall(cls, seconds: float) -> Fault:
        """Forward the request, then hold the answer for `seconds` and reset the connection."""
        return cls(STALL, seconds=seconds)

    @classmethod
    def truncated_json(cls) -> Fault:
        """Forward, then relay the first half of a JSON body (with a matching length)."""
        return cls(TRUNCATED_JSON)

    @classmethod
    def html_200(cls) -> Fault:
        """Answer 200 with an HTML page (a captive portal's) without forwarding."""
        return cls(HTML_200)

    @classmethod
    def cut_download(cls) -> Fault:
        """Forward, announce the whole length, send half of the body and close."""
        return cls(CUT_DOWNLOAD)

    @classmethod
    def redirect(cls) -> Fault:
        """Answer 307 to the same path on the proxy's other port (`FaultProxy.side_url`)."""
        return cls(REDIRECT, status=307)


@dataclass
class Entry:
    """What the proxy did with one request."""

    number: int
    method: str
    path: str
    fault: Optional[str]
    forwarded: bool = False
    status: Optional[int] = None


@dataclass
class Choice:
    """A fault the seeded policy may draw, for these methods (and paths matching `path`)."""

    fault: Fault
    weight: float
    methods: frozenset[str] = frozenset({"GET", "PUT", "POST", "DELETE"})
    path: Optional[str] = None
    #: For 5xx: how many attempts of the same request fail in a row (1..burst).
    burst: int = 1


class SeededPolicy:
    """Draws a fault for about `rate` of the requests, from `choices`, with its own seeded RNG.

    A 5xx drawn with `burst` > 1 also fails the next attempts of the same request (up to burst
    in all), as a restarting backend does. Paths matching `exclude` are never faulted. With
    `max_in_a_row`, the same request (method and URL) is never faulted more times in a row:
    what a client that retries that many times can survive.
    """

    def __init__(
        self,
        seed: int,
        rate: float,
        choices: Sequence[Choice],
        exclude: Optional[str] = None,
        max_in_a_row: Optional[int] = None,
    ) -> None:
        self.rng = random.Random(seed)
        self.rate = rate
        self.choices = list(choices)
        self.exclude = re.compile(exclude) if exclude else None
        self.max_in_a_row = max_in_a_row
        self._follow_ups: dict[tuple[str, str], list[Fault]] = {}
        self._in_a_row: collections.Counter[tuple[str, str]] = collections.Counter()

    def decide(self, method: str, target: str) -> Optional[Fault]:
        """Called under the proxy's lock, once per request."""
        key = (method, target)
        if self.max_in_a_row is not None and self._in_a_row[key] >= self.max_in_a_row:
            self._follow_ups.pop(key, None)
            fault = None
        else:
            fault = self._draw(key, method, target)
        if fault is None:
            self._in_a_row.pop(key, None)
        else:
            self._in_a_row[key] += 1
        return fault

    def _draw(self, key: tuple[str, str], method: str, target: str) -> Optional[Fault]:
        queued = self._follow_ups.get(key)
        if queued:
            fault = queued.pop()
            if not queued:
                del self._follow_ups[key]
            return fault
        path = target.split("?", 1)[0]
        if self.exclude is not None and self.exclude.search(path):
            return None
        if self.rng.random() >= self.rate:
            return None
        fits = [
            c
            for c in self.choices
            if method in c.methods and (c.path is None or re.search(c.path, path))
        ]
        if not fits:
            return None
        choice = self.rng.choices(fits, weights=[c.weight for c in fits])[0]
        if choice.fault.kind == HTTP_5XX and choice.burst > 1:
            extra = self.rng.randint(1, choice.burst) - 1
            if extra:
                self._follow_ups[key] = [choice.fault] * extra
        return choice.fault


@dataclass
class _Rule:
    faults: collections.deque[Fault]
    method: Optional[str]
    path: Optional[re.Pattern[str]]

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        return self.path is None or bool(self.path.search(path))


@dataclass
class _Answer:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def is_json(self) -> bool:
        return any(k.lower() == "content-type" and "json" in v.lower() for k, v in self.headers)


@dataclass
class Captured:
    """A request the side server (the redirect target) received."""

    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)


class FaultProxy:
    """The proxy and its side server (another port, where redirects point). Use it as a context
    manager; `url` is what the client's host must be."""

    def __init__(
        self,
        upstream: str,
        *,
        max_seconds: float = 300.0,
        max_requests: int = 5000,
        socket_timeout: float = 30.0,
        upstream_timeout: float = 120.0,
    ) -> None:
        parts = urlsplit(upstream)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"the fault proxy forwards to an http:// host, got {upstream!r}")
        self.upstream_host = parts.hostname
        self.upstream_port = parts.port or 80
        self.upstream_prefix = parts.path.rstrip("/")
        self.max_seconds = max_seconds
        self.max_requests = max_requests
        self.socket_timeout = socket_timeout
        self.upstream_timeout = upstream_timeout
        self.policy: Optional[SeededPolicy] = None

        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.received = 0
        self.forwarded = 0
        self.upstream_errors = 0
        self.refused_over_budget = 0
        self.faults: collections.Counter[str] = collections.Counter()
        self.skipped: collections.Counter[str] = collections.Counter()
        self.statuses: collections.Counter[int] = collections.Counter()
        self.log: list[Entry] = []
        self.captured: list[Captured] = []
        self._rules: list[_Rule] = []
        self._deadline = 0.0
        self._threads: list[threading.Thread] = []
        self._server: Optional[ThreadingHTTPServer] = None
        self._side: Optional[ThreadingHTTPServer] = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> FaultProxy:
        self._server = _Server(("127.0.0.1", 0), _ProxyHandler, self)
        self._side = _Server(("127.0.0.1", 0), _SideHandler, self)
        self._deadline = time.monotonic() + self.max_seconds
        for server, name in ((self._server, "fault-proxy"), (self._side, "fault-proxy-side")):
            thread = threading.Thread(
                target=server.serve_forever, kwargs={"poll_interval": 0.1}, name=name, daemon=True
            )
            thread.start()
            self._threads.append(thread)
        return self

    def close(self) -> None:
        self.stopping.set()
        for server in (self._server, self._side):
            if server is not None:
                server.shutdown()
                server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        assert self._server is not None, "start the proxy first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def side_url(self) -> str:
        assert self._side is not None, "start the proxy first"
        return f"http://127.0.0.1:{self._side.server_address[1]}"

    # -- faults --------------------------------------------------------------------------------

    def script(
        self, *faults: Fault, method: Optional[str] = None, path: Optional[str] = None
    ) -> None:
        """Give these faults, in order, to the next requests with this method and a path (no
        query) matching the regex `path`; then such requests pass through again."""
        rule = _Rule(collections.deque(faults), method, re.compile(path) if path else None)
        with self.lock:
            self._rules.append(rule)

    def pending(self) -> int:
        """Scripted faults not given yet."""
        with self.lock:
            return sum(len(rule.faults) for rule in self._rules)

    def clear(self) -> None:
        """Forget the scripted faults and the policy (counters are kept)."""
        with self.lock:
            self._rules.clear()
            self.policy = None

    def _admit(self, method: str, target: str) -> tuple[Entry, Optional[Fault], bool]:
        """Number the request and choose its fault; False when over the proxy's budget."""
        path = target.split("?", 1)[0]
        with self.lock:
            self.received += 1
            over = self.received > self.max_requests or time.monotonic() > self._deadline
            fault: Optional[Fault] = None
            if not over:
                for rule in self._rules:
                    if rule.faults and rule.matches(method, path):
                        fault = rule.faults.popleft()
                        break
                else:
                    if self.policy is not None:
                        fault = self.policy.decide(method, target)
            else:
                self.refused_over_budget += 1
            entry = Entry(self.received, method, path, fault.label if fault else None)
            if len(self.log) < self.max_requests:
                self.log.append(entry)
            return entry, fault, not over

    def _counted(self, entry: Entry, fault: Fault, applied: bool) -> None:
        with self.lock:
            if applied:
                self.faults[fault.label] += 1
            else:
                self.skipped[fault.label] += 1
                entry.fault = None

    # -- figures -------------------------------------------------------------------------------

    def count(
        self,
        method: Optional[str] = None,
        path: Optional[str] = None,
        *,
        forwarded: Optional[bool] = None,
        fault: Optional[str] = None,
    ) -> int:
        """Requests received with this method, a path matching the regex, forwarded or not,
        given this fault label ("" for none)."""
        pattern = re.compile(path) if path else None
        with self.lock:
            entries = list(self.log)
        return sum(
            1
            for e in entries
            if (method is None or e.method == method)
            and (pattern is None or pattern.search(e.path))
            and (forwarded is None or e.forwarded == forwarded)
            and (fault is None or (e.fault or "") == fault)
        )

    def figures(self) -> dict[str, Any]:
        with self.lock:
            return {
                "received": self.received,
                "forwarded": self.forwarded,
                "faults": dict(sorted(self.faults.items())),
                "faults_total": sum(self.faults.values()),
                "skipped": dict(sorted(self.skipped.items())),
                "upstream_errors": self.upstream_errors,
                "over_budget": self.refused_over_budget,
            }

    # -- upstream ------------------------------------------------------------------------------

    def _forward(
        self,
        entry: Entry,
        method: str,
        target: str,
        headers: Iterable[tuple[str, str]],
        body: bytes,
    ) -> Optional[_Answer]:
        """Send the request to Zou; None when Zou cannot be reached."""
        send = [(k, v) for k, v in headers if k.lower() not in HOP_BY_HOP]
        send.append(("Host", f"{self.upstream_host}:{self.upstream_port}"))
        send.append(("Connection", "close"))
        if body or method in ("POST", "PUT", "PATCH"):
            send.append(("Content-Length", str(len(body))))
        connection = http.client.HTTPConnection(
            self.upstream_host, self.upstream_port, timeout=self.upstream_timeout
        )
        try:
            connection.putrequest(
                method, self.upstream_prefix + target, skip_host=True, skip_accept_encoding=True
            )
            for key, value in send:
                connection.putheader(key, value)
            connection.endheaders(body or None)
            response = connection.getresponse()
            data = response.read()
            answer = _Answer(response.status, response.reason, response.getheaders(), data)
        except (OSError, http.client.HTTPException):
            with self.lock:
                self.upstream_errors += 1
            return None
        finally:
            connection.close()
        with self.lock:
            self.forwarded += 1
            self.statuses[answer.status] += 1
            entry.forwarded = True
            entry.status = answer.status
        return answer


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], handler: Any, proxy: FaultProxy) -> None:
        self.proxy = proxy
        super().__init__(address, handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that went away (a timeout on its side) is expected here


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        self.timeout = self.server.proxy.socket_timeout
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return b"".join(self._chunks())
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _chunks(self) -> Iterator[bytes]:
        while True:
            size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                return
            yield self.rfile.read(size)
            self.rfile.readline()

    def _send(
        self,
        status: int,
        body: bytes,
        headers: Iterable[tuple[str, str]] = (),
        reason: Optional[str] = None,
        length: Optional[int] = None,
    ) -> None:
        self.send_response_only(status, reason)
        for key, value in headers:
            if key.lower() not in HOP_BY_HOP:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.send_header("Connection", "close")
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)
        self.close_connection = True

    def _json(self, status: int, payload: Any, headers: Iterable[tuple[str, str]] = ()) -> None:
        extra = [("Content-Type", "application/json"), *headers]
        self._send(status, json.dumps(payload).encode(), extra)

    def _reset(self) -> None:
        """Close with a TCP reset (SO_LINGER 0): the client sees "connection reset by peer"."""
        sock = self.connection
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        for stream in (self.wfile, self.rfile):
            try:
                stream.close()
            except OSError:
                pass
        sock.close()
        self.close_connection = True


class _ProxyHandler(_Handler):
    def _handle(self) -> None:
        proxy = self.server.proxy
        method, target = self.command, self.path
        body = self._read_body()
        entry, fault, admitted = proxy._admit(method, target)
        if not admitted:
            self._json(500, {"message": "fault proxy: request or time budget exhausted"})
            return
        if fault is None:
            self._relay(entry, method, target, body)
            return
        kind = fault.kind
        if kind == HTTP_5XX:
            proxy._counted(entry, fault, True)
            self._json(fault.status, {"message": f"injected {fault.status}"})
        elif kind == RATE_LIMIT:
            proxy._counted(entry, fault, True)
            self._json(429, {"message": "Too many requests"}, [("Retry-After", fault.retry_after)])
        elif kind == RESET_BEFORE:
            proxy._counted(entry, fault, True)
            self._reset()
        elif kind == HTML_200:
            proxy._counted(entry, fault, True)
            self._send(200, HTML_PAGE, [("Content-Type", "text/html; charset=utf-8")])
        elif kind == REDIRECT:
            proxy._counted(entry, fault, True)
            self._send(307, b"", [("Location", proxy.side_url + target)])
        else:
            self._after_forwarding(entry, fault, method, target, body)

    def _after_forwarding(
        self, entry: Entry, fault: Fault, method: str, target: str, body: bytes
    ) -> None:
        proxy = self.server.proxy
        answer = proxy._forward(entry, method, target, self.headers.items(), body)
        if answer is None:
            proxy._counted(entry, fault, False)
            self._json(502, {"message": "fault proxy: Zou could not be reached"})
            return
        kind = fault.kind
        if kind == RESET_AFTER:
            proxy._counted(entry, fault, True)
            self._reset()
        elif kind == STALL:
            proxy._counted(entry, fault, True)
            proxy.stopping.wait(fault.seconds)
            self._reset()
        elif kind == TRUNCATED_JSON:
            fits = answer.status < 300 and answer.is_json and len(answer.body) >= 2
            proxy._counted(entry, fault, fits)
            cut = answer.body[: len(answer.body) // 2] if fits else answer.body
            self._send(answer.status, cut, answer.headers, answer.reason)
        elif kind == CUT_DOWNLOAD:
            fits = answer.status == 200 and len(answer.body) >= 2
            proxy._counted(entry, fault, fits)
            if not fits:
                self._send(answer.status, answer.body, answer.headers, answer.reason)
                return
            half = answer.body[: len(answer.body) // 2]
            self._send(answer.status, half, answer.headers, answer.reason, len(answer.body))
            self.wfile.flush()
            try:
                self.connection.shutdown(socket.SHUT_WR)
            except OSError:
                pass
        else:
            raise AssertionError(f"unknown fault {fault!r}")

    def _relay(self, entry: Entry, method: str, target: str, body: bytes) -> None:
        answer = self.server.proxy._forward(entry, method, target, self.headers.items(), body)
        if answer is None:
            self._json(502, {"message": "fault proxy: Zou could not be reached"})
            return
        self._send(answer.status, answer.body, answer.headers, answer.reason)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _handle


class _SideHandler(_Handler):
    """The redirect target: records what reached it and answers a small JSON body."""

    def _handle(self) -> None:
        self._read_body()
        proxy = self.server.proxy
        with proxy.lock:
            proxy.captured.append(
                Captured(self.command, self.path, {k: v for k, v in self.headers.items()})
            )
        self._json(200, {"redirected": True, "path": self.path.split("?", 1)[0]})

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _handle
