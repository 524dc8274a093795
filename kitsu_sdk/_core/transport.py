"""The only module that imports requests: the session and its pool, timeouts, bounded retries,
token replay after a refresh, error mapping, streamed transfers and redacted logging."""

from __future__ import annotations

import logging
import mimetypes
import os
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping
from typing import IO, Any, Callable, Optional, Protocol, Union

import requests
from requests.adapters import HTTPAdapter

from . import constants as C
from .call import ProgressCallback, Timeout
from .errors import (
    APIError,
    AuthenticationError,
    DownloadError,
    KitsuConnectionError,
    KitsuTimeoutError,
    MissingFileError,
    PreviewProcessingError,
    UploadError,
    error_for_response,
)
from .retry import RetryPolicy, retry_after_seconds

logger = logging.getLogger(C.LOGGER_NAME)


class AuthHooks(Protocol):
    """What the transport asks of the token owner (_auth.TokenAuth)."""

    def header(self) -> tuple[dict[str, str], Optional[str]]: ...

    def ensure_fresh(self) -> None: ...

    def renew(self, stale_token: str) -> bool: ...


def _never_reached_server(exc: BaseException) -> bool:
    """True when the connection was never established, so the request cannot have landed."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    seen: set[int] = set()
    stack: list[Any] = [exc]
    while stack:
        item = stack.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, ConnectionRefusedError):
            return True
        name = type(item).__name__
        if name in ("NewConnectionError", "NameResolutionError"):
            return True
        if isinstance(item, BaseException):
            stack.extend([item.__cause__, item.__context__, getattr(item, "reason", None)])
            stack.extend(a for a in item.args if isinstance(a, BaseException))
    return False


def decode_body(response: requests.Response) -> Any:
    """The JSON body, the text when it is not JSON, None when empty."""
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return response.text


class Transport:
    """Sends requests for one client. Thread-safe: the session's pool is sized for many threads."""

    def __init__(
        self,
        auth: AuthHooks,
        *,
        verify: Union[bool, str] = True,
        cert: Any = None,
        retry: Optional[RetryPolicy] = None,
        user_agent: str = "kitsu_sdk",
        pool_maxsize: int = C.POOL_MAXSIZE,
    ) -> None:
        self._auth = auth
        self.retry = retry or RetryPolicy()
        self.session = requests.Session()
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=pool_maxsize, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.verify = verify
        self.session.cert = cert
        self.session.headers["User-Agent"] = user_agent
        # Proxies from the environment still apply, but a ~/.netrc password must never replace
        # the bearer token: requests only consults netrc when no auth object is set.
        self.session.auth = _keep_headers

    def close(self) -> None:
        self.session.close()

    def new_session(self) -> requests.Session:
        """A separate session with this transport's TLS settings, for libraries that take one
        (engine.io's polling transport)."""
        session = requests.Session()
        session.verify = self.session.verify
        session.cert = self.session.cert
        return session

    # -- sending -------------------------------------------------------------------------------

    def request(
        self,
        method: str,
        url: str,
        path: str,
        *,
        params: Optional[Mapping[str, Any]] = None,
        json: Any = None,
        data: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        timeout: Timeout = C.DEFAULT_TIMEOUT,
        stream: bool = False,
        authenticate: bool = True,
        login: bool = False,
        body_factory: Optional[Callable[[], Any]] = None,
    ) -> requests.Response:
        """Send one logical request: retries, one token renewal and replay, errors raised.

        `body_factory`, when given, builds a fresh `data` body for every attempt (streams can be
        read only once).
        """
        method = method.upper()
        attempt = 0
        replayed = False
        while True:
            send_headers = dict(headers or {})
            token: Optional[str] = None
            if authenticate:
                self._auth.ensure_fresh()
                auth_header, token = self._auth.header()
                send_headers.update(auth_header)
            body = body_factory() if body_factory is not None else data
            started = time.monotonic()
            try:
                response = self.session.request(
                    method,
                    url,
                    params=params,
                    json=json,
                    data=body,
                    headers=send_headers,
                    timeout=timeout,
                    stream=stream,
                )
            except requests.exceptions.RequestException as exc:
                safe = method in self.retry.idempotent_methods or _never_reached_server(exc)
                if safe and attempt < self.retry.max_retries:
                    self._pause(method, path, f"failed ({type(exc).__name__})", attempt, None)
                    attempt += 1
                    continue
                raise self._transport_error(exc, method, path) from exc
            elapsed = (time.monotonic() - started) * 1000
            logger.debug("%s %s -> %d (%.0f ms)", method, path, response.status_code, elapsed)
            status = response.status_code
            if status < 400:
                return response

            body_json = decode_body(response)
            response.close()
            error = error_for_response(status, method, path, body_json, login=login)
            if (
                authenticate
                and token
                and not replayed
                and self._token_expired_answer(error)
                and self._auth.renew(token)
            ):
                replayed = True
                logger.info(
                    "%s %s: access token expired, replaying with a renewed one", method, path
                )
                continue
            if (
                status in self.retry.statuses
                and method in self.retry.idempotent_methods
                and attempt < self.retry.max_retries
            ):
                after = retry_after_seconds(response.headers.get("Retry-After"))
                if after is not None and after > self.retry.max_retry_after:
                    raise error
                self._pause(method, path, f"-> {status}", attempt, after)
                attempt += 1
                continue
            raise error

    def _pause(
        self, method: str, path: str, why: str, attempt: int, delay: Optional[float]
    ) -> None:
        """Wait before retry `attempt` (0-based): `delay` when the server said, else backoff."""
        wait = self.retry.backoff(attempt) if delay is None else delay
        logger.warning(
            "%s %s %s, retry %d/%d in %.2fs",
            method, path, why, attempt + 1, self.retry.max_retries, wait,
        )  # fmt: skip
        self.retry.sleep(wait)

    @staticmethod
    def _token_expired_answer(error: APIError) -> bool:
        if error.status == 401:
            return isinstance(error, AuthenticationError)
        # Zou's expired-signature handler answers 401, but older servers and proxies said 422.
        return error.status == 422 and "expired" in error.message.lower()

    @staticmethod
    def _transport_error(exc: BaseException, method: str, path: str) -> Exception:
        if isinstance(exc, requests.exceptions.Timeout):
            return KitsuTimeoutError(
                f"{method} {path} timed out ({type(exc).__name__})", method, path
            )
        reason = type(exc).__name__
        if _never_reached_server(exc):
            reason = "connection refused or host unreachable"
        return KitsuConnectionError(
            f"{method} {path} could not reach the server: {reason}", method, path
        )

    # -- transfers ------------------------------------------------------------------------------

    def upload(
        self,
        url: str,
        path: str,
        fields: Mapping[str, Any],
        files: list[tuple[str, str]],
        *,
        timeout: Timeout = C.TRANSFER_TIMEOUT,
        progress_callback: Optional[ProgressCallback] = None,
    ) -> requests.Response:
        """POST a multipart body streamed from disk; `files` is a list of (field, local path)."""
        for _field, file_path in files:
            if not os.path.isfile(file_path):
                raise MissingFileError(f"no such file to upload: {file_path}")

        # Every attempt rebuilds the stream, with the boundary the headers announce.
        boundary = uuid.uuid4().hex

        def build() -> _MultipartStream:
            return _MultipartStream(fields, files, progress_callback, boundary)

        probe = build()
        headers = {"Content-Type": probe.content_type, "Content-Length": str(len(probe))}
        probe.close()
        try:
            # A multipart POST is not idempotent: retried only when the connection was refused.
            return self.request(
                "POST", url, path, headers=headers, timeout=timeout, body_factory=build
            )
        except (KitsuConnectionError, KitsuTimeoutError) as exc:
            raise UploadError(f"upload to {path} did not complete: {exc}") from exc

    def download(
        self,
        url: str,
        path: str,
        file_path: Union[str, os.PathLike[str]],
        *,
        params: Optional[Mapping[str, Any]] = None,
        timeout: Timeout = C.TRANSFER_TIMEOUT,
        progress_callback: Optional[ProgressCallback] = None,
        processing_timeout: float = C.PROCESSING_TIMEOUT,
    ) -> str:
        """Stream `url` into `file_path` atomically; nothing is left behind on failure.

        Zou answers 202 (with Retry-After) while a preview's variants are still being built: wait
        and ask again for at most `processing_timeout` seconds, then raise PreviewProcessingError.
        """
        target = os.path.abspath(os.fspath(file_path))
        folder = os.path.dirname(target)
        if not os.path.isdir(folder):
            raise MissingFileError(f"download folder does not exist: {folder}")
        # Raises the mapped error before anything is written: an error page never becomes a file.
        deadline = time.monotonic() + processing_timeout
        while True:
            response = self.request("GET", url, path, params=params, timeout=timeout, stream=True)
            if response.status_code != 202:
                break
            response.close()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise PreviewProcessingError(
                    f"GET {path}: still processing after {processing_timeout:.0f} s"
                )
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            self.retry.sleep(min(remaining, 1.0 if wait is None else max(wait, 0.1)))
        total_header = response.headers.get("Content-Length")
        total = int(total_header) if total_header and total_header.isdigit() else None
        fd, tmp_path = tempfile.mkstemp(prefix=".kitsu-", suffix=".part", dir=folder)
        done = 0
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in response.iter_content(chunk_size=C.CHUNK_SIZE):
                    if not chunk:
                        continue
                    out.write(chunk)
                    done += len(chunk)
                    if progress_callback is not None:
                        progress_callback(done, total)
            if total is not None and done != total:
                raise DownloadError(f"GET {path}: got {done} of {total} bytes")
            os.replace(tmp_path, target)
        except requests.exceptions.RequestException as exc:
            _remove_quietly(tmp_path)
            raise DownloadError(
                f"GET {path} was cut after {done} bytes: {type(exc).__name__}"
            ) from exc
        except BaseException:
            _remove_quietly(tmp_path)
            raise
        finally:
            response.close()
        return target


def _keep_headers(request: Any) -> Any:
    return request


def _remove_quietly(file_path: str) -> None:
    try:
        os.unlink(file_path)
    except OSError:
        pass


class _MultipartStream:
    """A multipart/form-data body read from disk chunk by chunk, with a known length.

    requests would otherwise load every file in memory before sending.
    """

    def __init__(
        self,
        fields: Mapping[str, Any],
        files: list[tuple[str, str]],
        progress_callback: Optional[ProgressCallback],
        boundary: str,
    ) -> None:
        self.boundary = boundary
        self.content_type = f"multipart/form-data; boundary={self.boundary}"
        self._progress = progress_callback
        self._parts: list[Union[bytes, str]] = []
        for name, value in fields.items():
            if value is None:
                continue
            text = value if isinstance(value, str) else _form_value(value)
            head = f'Content-Disposition: form-data; name="{_quote(name)}"'
            self._parts.append(
                f"--{self.boundary}\r\n{head}\r\n\r\n".encode() + text.encode() + b"\r\n"
            )
        for name, file_path in files:
            filename = os.path.basename(file_path)
            self._parts.append(
                (
                    f"--{self.boundary}\r\nContent-Disposition: form-data; "
                    f'name="{_quote(name)}"; filename="{_quote(filename)}"\r\n'
                    f"Content-Type: {_content_type(filename)}\r\n\r\n"
                ).encode()
            )
            self._parts.append(file_path)
            self._parts.append(b"\r\n")
        self._parts.append(f"--{self.boundary}--\r\n".encode())
        self._length = sum(
            len(p) if isinstance(p, bytes) else os.path.getsize(p) for p in self._parts
        )
        self._iter = self._chunks()
        self._buffer = b""
        self._sent = 0
        self._file: Optional[IO[bytes]] = None

    def __len__(self) -> int:
        return self._length

    def _chunks(self) -> Iterator[bytes]:
        for part in self._parts:
            if isinstance(part, bytes):
                yield part
                continue
            with open(part, "rb") as handle:
                self._file = handle
                while True:
                    chunk = handle.read(C.CHUNK_SIZE)
                    if not chunk:
                        break
                    yield chunk
            self._file = None

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._iter, None)
            if chunk is None:
                break
            self._buffer += chunk
        if size < 0:
            data, self._buffer = self._buffer, b""
        else:
            data, self._buffer = self._buffer[:size], self._buffer[size:]
        if data:
            self._sent += len(data)
            if self._progress is not None:
                self._progress(self._sent, self._length)
        return data

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _content_type(filename: str) -> str:
    # Zou keeps the part's type as the attachment's mimetype and makes thumbnails from it.
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ")


def _form_value(value: Any) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)
