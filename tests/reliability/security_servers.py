"""Loopback servers for the security tests (stdlib and trustme only, bounded everywhere):

- `Recorder`: an HTTP server that records every request and answers from a route table (an API,
  the other host or port a redirect points to, a log-in answer cut short);
- `TlsFront`: a TLS-terminating relay in front of a plain server (a Recorder, Zou's event
  server), with a certificate from a CA made at test time: an HTTPS Kitsu nobody trusts yet;
  it counts connections and TLS handshakes passed or refused;
- `Tls`: that CA, the server certificate it signed, and the CA's PEM file.
"""

from __future__ import annotations

import json
import pathlib
import socket
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional

# -- plain HTTP ---------------------------------------------------------------------------------

Route = Callable[["Handler"], None]


class Recorder(ThreadingHTTPServer):
    """A loopback HTTP server that records every request (method, path, headers, body) and answers
    from `routes` (path without query -> function of the handler), JSON `{"server", "path"}`
    otherwise. Bounded: socket timeouts, daemon threads, closed by the fixture."""

    daemon_threads = True

    def __init__(self, name: str, address: str = "127.0.0.1") -> None:
        super().__init__((address, 0), Handler)
        self.name = name
        self.routes: dict[str, Route] = {}
        self.seen: list[tuple[str, str, dict[str, str], bytes]] = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    @property
    def origin(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def redirect(self, path: str, status: int, location: str) -> None:
        def answer(handler: Handler) -> None:
            handler.reply(status, b"", [("Location", location)])

        self.routes[path] = answer

    def headers_of(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [headers for _m, p, headers, _b in self.seen if p.split("?")[0] == path]

    def close(self) -> None:
        self.shutdown()
        self.server_close()
        self.thread.join(5)


class Handler(BaseHTTPRequestHandler):
    server: Recorder
    timeout = 10  # seconds on every socket operation
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass

    def reply(
        self, status: int, body: bytes, headers: Optional[list[tuple[str, str]]] = None
    ) -> None:
        self.send_response(status)
        for key, value in headers or [("Content-Type", "application/json")]:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def _any(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path.split("?", 1)[0]
        with self.server.lock:
            self.server.seen.append(
                (self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
        route = self.server.routes.get(path)
        if route is not None:
            route(self)
            return
        self.reply(200, json.dumps({"server": self.server.name, "path": path}).encode())

    do_GET = do_POST = do_PUT = do_DELETE = _any


# -- TLS ----------------------------------------------------------------------------------------


class TlsFront:
    """A TLS-terminating relay on loopback in front of a plain upstream (a Recorder, or Zou's
    event server): what an HTTPS Kitsu with a certificate from an unknown CA looks like.
    Counts TCP connections accepted and TLS handshakes passed or refused."""

    def __init__(self, upstream: tuple[str, int], context: ssl.SSLContext) -> None:
        self.upstream = upstream
        self.context = context
        self.accepted = 0
        self.handshakes_ok = 0
        self.handshakes_refused = 0
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(32)
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def settled(self) -> bool:
        """Every accepted connection has passed or failed its handshake."""
        with self.lock:
            return self.accepted == self.handshakes_ok + self.handshakes_refused

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            with self.lock:
                self.accepted += 1
            threading.Thread(target=self._relay, args=(conn,), daemon=True).start()

    def _relay(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        try:
            tls = self.context.wrap_socket(conn, server_side=True)
        except (ssl.SSLError, OSError):
            with self.lock:
                self.handshakes_refused += 1
            conn.close()
            return
        with self.lock:
            self.handshakes_ok += 1
        try:
            upstream = socket.create_connection(self.upstream, timeout=10)
        except OSError:
            tls.close()
            return
        back = threading.Thread(target=_pipe, args=(upstream, tls), daemon=True)
        back.start()
        _pipe(tls, upstream)
        back.join(10)
        tls.close()
        upstream.close()

    def close(self) -> None:
        self.stopping.set()
        self.listener.close()
        self.thread.join(5)


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, sink):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class Tls:
    """A CA made for this run, a loopback server certificate it signed, and the CA's PEM file."""

    def __init__(self, folder: pathlib.Path) -> None:
        import trustme  # the dev extra's; test_security skips without it

        self.ca = trustme.CA()
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ca.issue_cert("127.0.0.1", "localhost").configure_cert(self.context)
        self.ca_path = str(folder / "kitsu-test-ca.pem")
        self.ca.cert_pem.write_to_path(self.ca_path)
