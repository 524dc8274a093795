"""The only module that imports requests: the session and its pool, timeouts, bounded retries,
token replay after a refresh, error mapping, streamed transfers and redacted logging."""

from __future__ import annotations

import io
import logging
import os
import time
import uuid
from collections import OrderedDict
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, Callable, Optional, Protocol, Union
from urllib.parse import urlsplit

import requests
import urllib3
from requests import sessions as _sessions
from requests.adapters import BaseAdapter, HTTPAdapter
from requests.cookies import RequestsCookieJar, extract_cookies_to_jar
from requests.structures import CaseInsensitiveDict
from requests.utils import (
    check_header_validity,
    get_encoding_from_headers,
    select_proxy,
    to_native_string,
)

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

_merge_hooks: Callable[..., Any] = _sessions.merge_hooks  # untyped in requests' stubs
# requests' own encoders (private or untyped in its stubs), used as they are.
_encode_params: Callable[[Any], Any] = vars(requests.models.RequestEncodingMixin)[
    "_encode_params"
].__func__
_to_native_string: Callable[[Any], str] = to_native_string
# Bounds of the per-session memos (cleared when full): prepared URLs, validated header pairs.
_PREPARED_URLS = 512
#: Connection pools an _ApiAdapter remembers (one per host and TLS setting in practice).
_POOLS = 16
_CHECKED_HEADERS = 64


def _merge_setting(
    request_setting: Any, session_setting: Any, dict_class: type = OrderedDict
) -> Any:
    """requests.sessions.merge_setting, step for step, without its per-call runtime Protocol
    check (`to_key_val_list` tests `isinstance(x, SupportsItems)`, ~15 µs, on values already
    known to be Mappings): the per-request setting wins, Mappings are merged, None drops a key."""
    if session_setting is None:
        return request_setting
    if request_setting is None:
        return session_setting
    if not (isinstance(session_setting, Mapping) and isinstance(request_setting, Mapping)):
        return request_setting
    merged = dict_class(list(session_setting.items()))
    merged.update(list(request_setting.items()))
    for key in [k for (k, v) in merged.items() if v is None]:
        del merged[key]
    return merged


class AuthHooks(Protocol):
    """What the transport asks of the token owner (_auth.TokenAuth)."""

    def header(self) -> tuple[dict[str, str], Optional[str]]: ...

    def ensure_fresh(self) -> None: ...

    def renew(self, stale_token: str) -> bool: ...


def _never_reached_server(exc: BaseException) -> bool:
    """True when the connection was never established, so the request cannot have landed."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    return never_reached(failure_kind(exc))


def _body_bytes(body: Any) -> bytes:
    """A prepared request's body as bytes: None, bytes, text, a file-like or an iterable."""
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    read = getattr(body, "read", None)
    if read is not None:
        data = read()
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return b"".join(c.encode("utf-8") if isinstance(c, str) else bytes(c) for c in body)


class InProcessAdapter(BaseAdapter):
    """Answers a request with an app of the in-process registry (`_core/in_process.py`)."""

    def __init__(self, prefix: str, app: in_process.App) -> None:
        super().__init__()
        self.prefix = prefix
        self.app = app

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Any = None,
    ) -> requests.Response:
        url = request.url or ""
        asked = in_process.build_request(
            self.prefix,
            request.method or "GET",
            url,
            dict(request.headers),
            _body_bytes(request.body),
        )
        status, headers, body = self.app(asked)
        response = requests.Response()
        response.status_code = status
        response.headers = CaseInsensitiveDict(headers)
        response.headers.setdefault("Content-Length", str(len(body)))
        response.raw = io.BytesIO(body)
        response.url = url
        response.request = request
        response.reason = "OK" if status < 400 else "ERROR"
        response.encoding = "utf-8"
        return response

    def close(self) -> None:
        pass


def _read_whole(response: requests.Response) -> None:
    """`response.content`, read in one call from urllib3 instead of requests' chunk generator,
    with the errors requests raises for each failure of the read (a body cut short is
    ChunkedEncodingError either way)."""
    raw = response.raw
    unread = getattr(response, "_content", None) is False
    if not unread or not isinstance(raw, urllib3.HTTPResponse):
        response.content  # noqa: B018  (requests' own read)
        return
    try:
        data = raw.read(decode_content=True)
    except urllib3.exceptions.ProtocolError as exc:
        raise requests.exceptions.ChunkedEncodingError(exc) from exc
    except urllib3.exceptions.DecodeError as exc:
        raise requests.exceptions.ContentDecodingError(exc) from exc
    except urllib3.exceptions.ReadTimeoutError as exc:
        raise requests.exceptions.ConnectionError(exc) from exc
    except urllib3.exceptions.SSLError as exc:
        raise requests.exceptions.SSLError(exc) from exc
    response._content = data or b""
    response._content_consumed = True  # type: ignore[attr-defined]


class _ApiAdapter(HTTPAdapter):
    """requests' HTTPAdapter without the per-call work whose answer does not change between calls
    of a direct (unproxied) request: the connection pool of a host and TLS setting is looked up
    once (requests parses the URL and rebuilds the pool key, a stat of the CA path included, on
    every call), the request target is the URL's path without a proxy lookup, and a response's
    cookie jar is filled only when the response sets a cookie. A request going through a proxy
    takes requests' own steps. Measured: ~40 µs of client CPU less per call (benchmarks/
    perf_suite.py, workload 4)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pools: dict[Any, Any] = {}

    def get_connection_with_tls_context(
        self, request: Any, verify: Any, proxies: Any = None, cert: Any = None
    ) -> Any:
        url = request.url or ""
        if (proxies and select_proxy(url, proxies)) or isinstance(cert, list):
            return super().get_connection_with_tls_context(request, verify, proxies, cert)
        cut = url.find("/", url.find("//") + 2)
        key = (url if cut < 0 else url[:cut], verify, cert)
        pool = self._pools.get(key)
        # A closed pool has no connection queue any more: ask the manager again.
        if pool is None or getattr(pool, "pool", None) is None:
            pool = super().get_connection_with_tls_context(request, verify, proxies, cert)
            if len(self._pools) >= _POOLS:
                self._pools.clear()
            self._pools[key] = pool
        return pool

    def close(self) -> None:
        # urllib3 2 leaves a pool its manager drops open: the remembered ones are closed here.
        pools, self._pools = list(self._pools.values()), {}
        super().close()
        for pool in pools:
            pool.close()

    def request_url(self, request: Any, proxies: Any) -> str:
        if proxies and select_proxy(request.url, proxies):
            return str(super().request_url(request, proxies))
        url = str(request.path_url)
        return f"/{url.lstrip('/')}" if url.startswith("//") else url

    def build_response(self, req: Any, resp: Any) -> requests.Response:
        headers = getattr(resp, "headers", None)
        if headers is None or "set-cookie" in headers or "set-cookie2" in headers:
            return super().build_response(req, resp)
        # requests' build_response, less the cookie extraction (no cookie was set).
        response = requests.Response()
        response.status_code = getattr(resp, "status", None)  # type: ignore[assignment]
        response.headers = CaseInsensitiveDict(headers)
        response.encoding = get_encoding_from_headers(response.headers)
        response.raw = resp
        response.reason = resp.reason
        response.url = req.url.decode("utf-8") if isinstance(req.url, bytes) else req.url
        response.request = req
        response.connection = self
        return response


class _Session(requests.Session):
    """A session whose own TLS setting is the one used. requests lets REQUESTS_CA_BUNDLE (or
    CURL_CA_BUNDLE) replace `session.verify` when a request passes no `verify` of its own
    (psf/requests#3829): `ssl_verify=False` or a CA bundle would be ignored on every machine
    that sets them (Debian's and many CI images do). The variables still apply when verification
    is simply on.

    A URL an in-process app is registered for (kitsu_sdk.testing.FakeKitsu) is answered by that
    app, decided per request: one dict check when nothing is registered."""

    def get_adapter(self, url: str) -> BaseAdapter:
        if in_process._APPS:
            found = in_process.app_for(url)
            if found is not None:
                return InProcessAdapter(*found)
        return super().get_adapter(url)

    def merge_environment_settings(
        self, url: Any, proxies: Any, stream: Any, verify: Any, cert: Any
    ) -> Any:
        if verify is None and self.verify is not True:
            verify = self.verify
        return super().merge_environment_settings(url, proxies, stream, verify, cert)


class _ApiSession(_Session):
    """The transport's own session: on a redirect to another origin, the Authorization header is
    dropped (requests does it) and a 307/308, which would carry the body there, is refused (as
    the async transport does): a log-in's password or a write's data stays with the client's
    host.

    It also skips the per-call work whose outcome does not change between calls. requests reads
    the proxy variables of the environment on every request (os.environ scanned several times:
    ~110 µs of a ~700 µs GET with a 35-variable environment, more with a larger one): here they
    are read once per host, with requests' own functions, and the answer is kept for that host
    until `forget_environment()` (the client's `set_host`) or a request to another host. The
    cookie jar is merged only when it holds a cookie; URLs already prepared and header pairs
    already validated are remembered (bounded memos)."""

    def __init__(self) -> None:
        super().__init__()
        # (host key, proxies from the environment, CA bundle from the environment): one entry,
        # replaced as a whole (a tuple), so threads read a consistent answer without a lock.
        self._environment: Optional[tuple[tuple[str, str], dict[str, str], Optional[str]]] = None
        self._prepared_urls: dict[tuple[str, str], str] = {}
        self._checked_headers: set[tuple[str, str]] = set()

    def forget_environment(self) -> None:
        """Read the proxy and CA bundle variables again on the next request."""
        self._environment = None

    def _environment_for(self, url: str) -> tuple[dict[str, str], Optional[str]]:
        # requests' answer depends on the URL only through its netloc (hostname and port:
        # NO_PROXY matches either), so the scheme and netloc are the key.
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc)
        cached = self._environment
        if cached is None or cached[0] != key:
            proxies = requests.utils.get_environ_proxies(url, no_proxy=None)
            bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
            cached = (key, proxies, bundle)
            self._environment = cached
        return dict(cached[1]), cached[2]

    def merge_environment_settings(
        self, url: Any, proxies: Any, stream: Any, verify: Any, cert: Any
    ) -> Any:
        # The same steps as requests.Session.merge_environment_settings (and _Session's TLS
        # rule), with the environment's answer for this host taken from the cache.
        if not self.trust_env or not isinstance(url, str) or (proxies and "no_proxy" in proxies):
            return super().merge_environment_settings(url, proxies, stream, verify, cert)
        if verify is None and self.verify is not True:
            verify = self.verify
        env_proxies, bundle = self._environment_for(url)
        if proxies is not None:
            for name, value in env_proxies.items():
                proxies.setdefault(name, value)
        if verify is True or verify is None:
            verify = bundle or verify
        return {
            "proxies": _merge_setting(proxies, self.proxies),
            "stream": _merge_setting(stream, self.stream),
            "verify": _merge_setting(verify, self.verify),
            "cert": _merge_setting(cert, self.cert),
        }

    def prepare_request(self, request: requests.Request) -> requests.PreparedRequest:
        # requests.Session.prepare_request step for step, minus the work whose outcome is known:
        # the cookie merge and Cookie header when neither the session nor the request has a
        # cookie (Zou authenticates by header), the URL preparation of a URL already prepared,
        # the validation of header pairs already validated.
        if request.cookies or len(self.cookies) or not self.auth:
            return super().prepare_request(request)
        prepared = requests.PreparedRequest()
        prepared.prepare_method(request.method)
        self._prepare_url(prepared, request.url, _merge_setting(request.params, self.params))
        self._prepare_headers(prepared, request.headers)
        prepared._cookies = RequestsCookieJar()  # type: ignore[attr-defined]
        prepared.prepare_body(request.data, request.files, request.json)
        prepared.prepare_auth(_merge_setting(request.auth, self.auth), request.url)
        prepared.prepare_hooks(_merge_hooks(request.hooks, self.hooks))
        return prepared

    def _prepare_url(self, prepared: requests.PreparedRequest, url: Any, params: Any) -> None:
        # PreparedRequest.prepare_url is a pure function of the URL and the encoded parameters
        # (it encodes a mapping first; a string is used as it is): remember its answers.
        if not isinstance(url, str) or isinstance(params, bytes):
            prepared.prepare_url(url, params)
            return
        if isinstance(params, str):
            encoded: Any = params
        elif isinstance(params, Mapping) and not params:
            encoded = ""  # what an empty mapping encodes to, without two Protocol checks
        else:
            encoded = _encode_params(params)
        if not isinstance(encoded, str):  # a file-like body given as params: requests' way
            prepared.prepare_url(url, params)
            return
        key = (url, encoded)
        done = self._prepared_urls.get(key)
        if done is None:
            prepared.prepare_url(url, encoded)
            if len(self._prepared_urls) >= _PREPARED_URLS:
                self._prepared_urls.clear()
            self._prepared_urls[key] = prepared.url or ""
        else:
            prepared.url = done

    def _prepare_headers(self, prepared: requests.PreparedRequest, headers: Any) -> None:
        # merge_setting(request headers, session headers, CaseInsensitiveDict) followed by
        # PreparedRequest.prepare_headers, in one pass: the same keys (case-insensitive, the
        # request's spelling and value winning, the session's position kept), None dropping a
        # header, each (name, value) pair of text validated once per session.
        pairs: Any
        session_headers = self.headers
        if session_headers is None or headers is None:
            pairs = (headers if session_headers is None else session_headers) or {}
            pairs = pairs.items()
        elif not (isinstance(session_headers, Mapping) and isinstance(headers, Mapping)):
            pairs = headers.items() if headers else ()
        else:
            merged: dict[Any, tuple[Any, Any]] = {}
            for name, value in session_headers.items():
                merged[name.lower()] = (name, value)
            for name, value in headers.items():
                merged[name.lower()] = (name, value)
            pairs = [pair for pair in merged.values() if pair[1] is not None]
        prepared.headers = CaseInsensitiveDict()
        checked = self._checked_headers
        for header in pairs:
            name, value = header
            if not (type(name) is str and type(value) is str and header in checked):
                check_header_validity(header)
                if type(name) is str and type(value) is str:
                    if len(checked) >= _CHECKED_HEADERS:
                        checked.clear()
                    checked.add(header)
            prepared.headers[_to_native_string(name)] = value

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        # requests.Session.send step for step, minus the steps that do nothing for an answer
        # that sets no cookie and is no redirect (the cookie jar's parsing of every answer, an
        # empty redirect walk): those steps still run when they have something to do. Response
        # hooks, or a call without the proxies request() merged, take requests' own path.
        hooks = request.hooks
        if (
            "proxies" not in kwargs
            or any(hooks.values())
            or not isinstance(request, requests.PreparedRequest)
        ):
            return super().send(request, **kwargs)
        kwargs.setdefault("stream", self.stream)
        kwargs.setdefault("verify", self.verify)
        kwargs.setdefault("cert", self.cert)
        allow_redirects = kwargs.pop("allow_redirects", True)
        adapter = self.get_adapter(url=request.url or "")
        started = _sessions.preferred_clock()
        response = adapter.send(request, **kwargs)
        response.elapsed = timedelta(seconds=_sessions.preferred_clock() - started)
        headers = getattr(response.raw, "headers", None)
        if headers is None or "set-cookie" in headers or "set-cookie2" in headers:
            extract_cookies_to_jar(self.cookies, request, response.raw)  # type: ignore[no-untyped-call]
        if response.is_redirect:
            if allow_redirects:
                history = list(self.resolve_redirects(response, request, **kwargs))
                if history:
                    history.insert(0, response)
                    response = history.pop()
                    response.history = history
            else:
                try:
                    response._next = next(  # type: ignore[attr-defined]
                        self.resolve_redirects(response, request, yield_requests=True, **kwargs)
                    )
                except StopIteration:
                    pass
        if not kwargs["stream"]:
            _read_whole(response)
        return response

    def rebuild_method(
        self, prepared_request: requests.PreparedRequest, response: requests.Response
    ) -> None:
        # Called on every redirect with the new URL set, before the body is kept or dropped.
        new = prepared_request.url or ""
        if (
            response.status_code in (307, 308)
            and prepared_request.body is not None
            and not same_origin(response.request.url or "", new)
        ):
            raise RedirectRefused(response.status_code, origin(new))
        super().rebuild_method(prepared_request, response)


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
        self.session: requests.Session = _ApiSession()
        adapter = _ApiAdapter(pool_connections=4, pool_maxsize=pool_maxsize, max_retries=0)
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

    def forget_environment(self) -> None:
        """Read the proxy and CA bundle variables again on the next request (after set_host)."""
        session = self.session
        if isinstance(session, _ApiSession):
            session.forget_environment()

    def new_session(self) -> requests.Session:
        """A separate session with this transport's TLS settings, for libraries that take one
        (engine.io's polling transport): its TLS setting wins over REQUESTS_CA_BUNDLE too."""
        session = _Session()
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
        expect_json: bool = False,
        retries: bool = True,
    ) -> requests.Response:
        """Send one logical request: retries, one token renewal and replay, errors raised.

        `body_factory`, when given, builds a fresh `data` body for every attempt (streams can be
        read only once).
        """
        method = method.upper()
        attempts = Attempts(self.retry if retries else NO_RETRY, method, path)
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
            except RedirectRefused as refused:
                raise redirect_refused(refused, method, path) from None
            except (requests.exceptions.InvalidURL, requests.exceptions.InvalidHeader) as exc:
                # Nothing was sent: the request itself cannot be made (a URL too long, a
                # control character). Not a network failure, so not retried.
                raise InvalidInputError(f"{method} {path[:200]}: cannot be sent: {exc}") from None
            except requests.exceptions.RequestException as exc:
                kind = failure_kind(exc)
                reached = not _never_reached_server(exc)
                wait = attempts.after_failure(exc, not reached) if retryable(kind) else None
                if wait is None:
                    raise self._transport_error(exc, method, path, url) from exc
                self.retry.sleep(wait)
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
                self.retry.sleep(wait)
                continue

            body_json = decode_body(response)
            response.close()
            error = error_for_response(status, method, path, body_json, login=login)
            renewable = authenticate and token is not None and attempts.should_renew(error, token)
            if renewable and token is not None and self._auth.renew(token):
                logger.info(
                    "%s %s: access token expired, replaying with a renewed one", method, path
                )
                continue
            if attempts.already_done(status):
                logger.info("%s %s: 404 after a lost answer: it was deleted", method, path)
                response.status_code, response._content = 204, b""
                return response
            wait = attempts.after_status(status, response.headers.get("Retry-After"))
            if wait is None:
                raise error
            self.retry.sleep(wait)

    @staticmethod
    def _transport_error(exc: BaseException, method: str, path: str, url: str) -> Exception:
        where = urlsplit(url).netloc or url[:100]
        if isinstance(exc, requests.exceptions.Timeout) and not isinstance(
            exc, requests.exceptions.ConnectTimeout
        ):
            return KitsuTimeoutError(
                f"{method} {path}: {where} sent no answer within the read timeout", method, path
            )
        reason = describe(failure_kind(exc), type(exc).__name__)
        return KitsuConnectionError(
            f"{method} {path}: cannot reach {where}: {reason}", method, path
        )

    # -- transfers ------------------------------------------------------------------------------

    def upload(
        self,
        url: str,
        path: str,
        fields: Mapping[str, Any],
        files: list[tuple[str, str]],
        *,
        params: Optional[Mapping[str, Any]] = None,
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
                "POST",
                url,
                path,
                params=params,
                headers=headers,
                timeout=timeout,
                body_factory=build,
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
