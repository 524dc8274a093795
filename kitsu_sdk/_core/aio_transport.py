"""The async transport, on httpx (the `kitsu_sdk[async]` extra): the same promises as the sync one,
with the same retry decisions (`retry.Attempts`), error mapping, token renewal steps, multipart
body and atomic downloads. The only module that imports httpx."""

from __future__ import annotations

import asyncio
import logging
import os
import ssl
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Mapping
from typing import Any, Callable, Optional, Protocol, Union
from urllib.parse import urlsplit

import httpx

from . import constants as C
from . import in_process
from .auth import RedirectRefused, origin, redirect_refused, same_origin
from .call import ProgressCallback, Timeout, download_target
from .errors import (
    DownloadError,
    InvalidInputError,
    KitsuConnectionError,
    KitsuTimeoutError,
    UploadError,
    error_for_response,
)
from .net_failures import describe, failure_kind, never_reached, retryable
from .retry import NO_RETRY, Attempts, RetryPolicy
from .transfer import (
    MultipartStream,
    PartFile,
    ProcessingWait,
    check_upload_files,
    content_length,
    decode_body,
    unusable_success,
)

logger = logging.getLogger(C.LOGGER_NAME)


class AsyncAuthHooks(Protocol):
    """What the async transport asks of the token owner (_core.auth.AsyncTokenAuth)."""

    def header(self) -> tuple[dict[str, str], Optional[str]]: ...

    async def ensure_fresh(self) -> None: ...

    async def renew(self, stale_token: str) -> bool: ...


def httpx_timeout(timeout: Timeout) -> httpx.Timeout:
    """requests' timeout forms ((connect, read), seconds, None) as httpx takes them."""
    if isinstance(timeout, tuple):
        connect, read = timeout
        return httpx.Timeout(read, connect=connect)
    return httpx.Timeout(timeout)


def _never_reached_server(exc: httpx.HTTPError) -> bool:
    """True when the connection was never established, so the request cannot have landed."""
    if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)):
        return True
    return never_reached(failure_kind(exc))


def _verify(verify: Union[bool, str], cert: Any) -> Union[bool, ssl.SSLContext]:
    # httpx wants an SSLContext for a CA bundle or a client certificate.
    if verify is False:
        return False
    if verify is True and not cert:
        return True
    context = ssl.create_default_context(cafile=verify if isinstance(verify, str) else None)
    if cert:
        certfile, keyfile = (cert, None) if isinstance(cert, str) else cert
        context.load_cert_chain(certfile, keyfile)
    return context


class _InProcessAsyncTransport(httpx.AsyncBaseTransport):
    """Answers a request with an app of the in-process registry (`_core/in_process.py`)."""

    def __init__(self, prefix: str, app: in_process.App) -> None:
        self.prefix = prefix
        self.app = app

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        asked = in_process.build_request(
            self.prefix, request.method, str(request.url), dict(request.headers), body
        )
        status, headers, content = self.app(asked)
        return httpx.Response(status, headers=headers, content=content, request=request)


class _RoutingAsyncClient(httpx.AsyncClient):
    """An httpx.AsyncClient that lets an in-process app (kitsu_sdk.testing.FakeKitsu) answer the
    URLs it is registered for, decided per request: one dict check when nothing is registered."""

    def _transport_for_url(self, url: httpx.URL) -> httpx.AsyncBaseTransport:
        if in_process._APPS:
            found = in_process.app_for(str(url))
            if found is not None:
                return _InProcessAsyncTransport(*found)
        return super()._transport_for_url(url)


class AsyncTransport:
    """Sends requests for one AsyncKitsuClient, on one event loop."""

    def __init__(
        self,
        auth: AsyncAuthHooks,
        *,
        verify: Union[bool, str] = True,
        cert: Any = None,
        retry: Optional[RetryPolicy] = None,
        user_agent: str = "kitsu_sdk",
        pool_maxsize: int = C.POOL_MAXSIZE,
        transport: Optional[httpx.AsyncBaseTransport] = None,
    ) -> None:
        self._auth = auth
        self.retry = retry or RetryPolicy()
        limits = httpx.Limits(max_connections=pool_maxsize, max_keepalive_connections=pool_maxsize)
        # Redirects are followed as the sync transport (requests) follows them: httpx drops
        # Authorization on a redirect to another origin, and a 307/308 that would carry the body
        # there is refused (_refuse_body_redirect). `transport` lets tests plug in
        # httpx.MockTransport.
        self.session = _RoutingAsyncClient(
            verify=_verify(verify, cert),
            limits=limits,
            headers={"User-Agent": user_agent},
            follow_redirects=True,
            transport=transport,
            event_hooks={"response": [_refuse_body_redirect]},
        )

    async def close(self) -> None:
        await self.session.aclose()

    async def _sleep(self, seconds: float) -> None:
        sleep: Optional[Callable[[float], Awaitable[Any]]] = self.retry.async_sleep
        await (sleep or asyncio.sleep)(seconds)

    async def request(
        self,
        method: str,
        url: str,
        path: str,
        *,
        params: Optional[Mapping[str, Any]] = None,
        json: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        timeout: Timeout = C.DEFAULT_TIMEOUT,
        stream: bool = False,
        authenticate: bool = True,
        login: bool = False,
        body_factory: Optional[Callable[[], AsyncIterator[bytes]]] = None,
        expect_json: bool = False,
        retries: bool = True,
    ) -> httpx.Response:
        """Send one logical request: retries, one token renewal and replay, errors raised.

        With `stream`, the answer's body is not read: the caller reads it, then closes it.
        """
        method = method.upper()
        attempts = Attempts(self.retry if retries else NO_RETRY, method, path)
        limit = httpx_timeout(timeout)
        while True:
            send_headers = dict(headers or {})
            token: Optional[str] = None
            if authenticate:
                await self._auth.ensure_fresh()
                auth_header, token = self._auth.header()
                send_headers.update(auth_header)
            content = body_factory() if body_factory is not None else None
            try:
                request = self.session.build_request(
                    method,
                    url,
                    params=_query(params),
                    json=json,
                    content=content,
                    headers=send_headers,
                    timeout=limit,
                )
            except httpx.InvalidURL as exc:
                raise InvalidInputError(f"{method} {path[:200]}: cannot be sent: {exc}") from None
            started = time.monotonic()
            try:
                response = await self.session.send(request, stream=True)
                if not stream or response.status_code >= 400:
                    await response.aread()
            except RedirectRefused as refused:
                raise redirect_refused(refused, method, path) from None
            except httpx.InvalidURL as exc:
                # Nothing was sent: the request itself cannot be made (a URL too long, a
                # control character). Not a network failure, so not retried.
                raise InvalidInputError(f"{method} {path[:200]}: cannot be sent: {exc}") from None
            except httpx.HTTPError as exc:
                kind = failure_kind(exc)
                wait = (
                    attempts.after_failure(exc, _never_reached_server(exc))
                    if retryable(kind)
                    else None
                )
                if wait is None:
                    raise _transport_error(exc, method, path, url) from exc
                await self._sleep(wait)
                continue
            elapsed = (time.monotonic() - started) * 1000
            logger.debug("%s %s -> %d (%.0f ms)", method, path, response.status_code, elapsed)
            status = response.status_code
            if status < 400:
                bad = unusable_success(response, method, path) if expect_json else None
                if bad is None:
                    return response
                wait = attempts.after_failure(bad, False) if bad.cut else None
                if wait is None:
                    raise bad
                await self._sleep(wait)
                continue

            await response.aclose()
            error = error_for_response(status, method, path, decode_body(response), login=login)
            renewable = authenticate and token is not None and attempts.should_renew(error, token)
            if renewable and token is not None and await self._auth.renew(token):
                logger.info(
                    "%s %s: access token expired, replaying with a renewed one", method, path
                )
                continue
            if attempts.already_done(status):
                logger.info("%s %s: 404 after a lost answer: it was deleted", method, path)
                return httpx.Response(204, request=response.request)
            wait = attempts.after_status(status, response.headers.get("Retry-After"))
            if wait is None:
                raise error
            await self._sleep(wait)

    async def upload(
        self,
        url: str,
        path: str,
        fields: Mapping[str, Any],
        files: list[tuple[str, str]],
        *,
        params: Optional[Mapping[str, Any]] = None,
        timeout: Timeout = C.TRANSFER_TIMEOUT,
        progress_callback: Optional[ProgressCallback] = None,
    ) -> httpx.Response:
        """POST a multipart body streamed from disk; `files` is a list of (field, local path)."""
        check_upload_files(files)
        boundary = uuid.uuid4().hex
        probe = MultipartStream(fields, files, progress_callback, boundary)
        headers = {"Content-Type": probe.content_type, "Content-Length": str(len(probe))}
        probe.close()

        async def body() -> AsyncIterator[bytes]:
            # Every attempt streams the files anew; reads are chunked (256 KiB) and local.
            for chunk in MultipartStream(fields, files, progress_callback, boundary):
                yield chunk

        try:
            # A multipart POST is not idempotent: retried only when the connection was refused.
            return await self.request(
                "POST",
                url,
                path,
                params=params,
                headers=headers,
                timeout=timeout,
                body_factory=body,
            )
        except (KitsuConnectionError, KitsuTimeoutError) as exc:
            raise UploadError(f"upload to {path} did not complete: {exc}") from exc

    async def download(
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
        """Stream `url` into `file_path` atomically; nothing is left behind on failure."""
        target = download_target(file_path)
        waiting = ProcessingWait(path, processing_timeout)
        while True:
            response = await self.request(
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
            await response.aclose()
            await self._sleep(waiting.next_wait(response.headers.get("Retry-After")))
        total = content_length(response.headers.get("Content-Length"))
        try:
            with PartFile(target, path, progress_callback) as part:
                async for chunk in response.aiter_bytes(C.CHUNK_SIZE):
                    part.write(chunk, total)
                return part.commit(total)
        except httpx.HTTPError as exc:
            raise DownloadError(
                f"GET {path} was cut after {part.done} bytes: {type(exc).__name__}"
            ) from exc
        finally:
            await response.aclose()


async def _refuse_body_redirect(response: httpx.Response) -> None:
    """httpx's response hook, run before a redirect is followed: a 307/308 keeps the method and
    the body, which must not go to another origin (the sync transport refuses it too)."""
    if response.status_code not in (307, 308) or "Location" not in response.headers:
        return
    request = response.request
    has_body = request.headers.get("Content-Length", "0") != "0" or (
        "Transfer-Encoding" in request.headers
    )
    target = str(request.url.join(response.headers["Location"]))
    if has_body and not same_origin(str(request.url), target):
        raise RedirectRefused(response.status_code, origin(target))


def _query(params: Optional[Mapping[str, Any]]) -> Optional[list[tuple[str, Any]]]:
    # requests repeats a key for a list value (`?a=1&a=2`); httpx does the same for lists, but
    # takes no tuples: give it pairs.
    if not params:
        return None
    pairs: list[tuple[str, Any]] = []
    for key, value in params.items():
        if isinstance(value, (list, tuple)):
            pairs.extend((key, item) for item in value)
        else:
            pairs.append((key, value))
    return pairs


def _transport_error(exc: httpx.HTTPError, method: str, path: str, url: str) -> Exception:
    where = urlsplit(url).netloc or url[:100]
    if isinstance(exc, httpx.TimeoutException) and not isinstance(
        exc, (httpx.ConnectTimeout, httpx.PoolTimeout)
    ):
        return KitsuTimeoutError(
            f"{method} {path}: {where} sent no answer within the read timeout", method, path
        )
    kind = failure_kind(exc)
    if isinstance(exc, httpx.ConnectTimeout) and kind == "other":
        kind = "connect-timeout"
    reason = describe(kind, type(exc).__name__)
    return KitsuConnectionError(f"{method} {path}: cannot reach {where}: {reason}", method, path)
