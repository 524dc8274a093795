"""The only module that imports requests: the session and its pool, timeouts, bounded retries,
token replay after a refresh, error mapping, streamed transfers and redacted logging."""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Mapping
from typing import Any, Callable, Optional, Protocol, Union

import requests
from requests.adapters import HTTPAdapter

from . import constants as C
from .call import ProgressCallback, Timeout
from .errors import (
    DownloadError,
    KitsuConnectionError,
    KitsuTimeoutError,
    UploadError,
    error_for_response,
)
from .retry import Attempts, RetryPolicy
from .transfer import (
    MultipartStream,
    PartFile,
    ProcessingWait,
    check_upload_files,
    content_length,
    decode_body,
    download_target,
)

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
        attempts = Attempts(self.retry, method, path)
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
                wait = attempts.after_failure(exc, _never_reached_server(exc))
                if wait is None:
                    raise self._transport_error(exc, method, path) from exc
                self.retry.sleep(wait)
                continue
            elapsed = (time.monotonic() - started) * 1000
            logger.debug("%s %s -> %d (%.0f ms)", method, path, response.status_code, elapsed)
            status = response.status_code
            if status < 400:
                return response

            body_json = decode_body(response)
            response.close()
            error = error_for_response(status, method, path, body_json, login=login)
            renewable = authenticate and token is not None and attempts.should_renew(error, token)
            if renewable and token is not None and self._auth.renew(token):
                logger.info(
                    "%s %s: access token expired, replaying with a renewed one", method, path
                )
                continue
            wait = attempts.after_status(status, response.headers.get("Retry-After"))
            if wait is None:
                raise error
            self.retry.sleep(wait)

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
        check_upload_files(files)
        # Every attempt rebuilds the stream, with the boundary the headers announce.
        boundary = uuid.uuid4().hex

        def build() -> MultipartStream:
            return MultipartStream(fields, files, progress_callback, boundary)

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
        authenticate: bool = True,
    ) -> str:
        """Stream `url` into `file_path` atomically; nothing is left behind on failure.

        Zou answers 202 (with Retry-After) while a preview's variants are still being built: wait
        and ask again for at most `processing_timeout` seconds, then raise PreviewProcessingError.
        """
        target = download_target(file_path)
        # Raises the mapped error before anything is written: an error page never becomes a file.
        waiting = ProcessingWait(path, processing_timeout)
        while True:
            response = self.request(
                "GET",
                url,
                path,
                params=params,
                timeout=timeout,
                stream=True,
                authenticate=authenticate,
            )
            if response.status_code != 202:
                break
            response.close()
            self.retry.sleep(waiting.next_wait(response.headers.get("Retry-After")))
        total = content_length(response.headers.get("Content-Length"))
        try:
            with PartFile(target, path, progress_callback) as part:
                for chunk in response.iter_content(chunk_size=C.CHUNK_SIZE):
                    part.write(chunk, total)
                return part.commit(total)
        except requests.exceptions.RequestException as exc:
            raise DownloadError(
                f"GET {path} was cut after {part.done} bytes: {type(exc).__name__}"
            ) from exc
        finally:
            response.close()


def _keep_headers(request: Any) -> Any:
    return request
