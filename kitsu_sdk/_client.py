"""KitsuClient: all of a connection's state (host, tokens, session, cache) and its verbs.

Public through kitsu_sdk.client, which adds the default client and gazu's module-level helpers."""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar, Union
from urllib.parse import urlsplit, urlunsplit

from ._bindings import Namespaces
from ._core import constants as C
from ._core.auth import TokenAuth, TokenState, mask
from ._core.cache_store import ClientCache, is_missing
from ._core.call import (
    Ask,
    Call,
    Download,
    Op,
    ProgressCallback,
    RawGet,
    Sleep,
    Timeout,
    Upload,
    run_sync,
)
from ._core.errors import (
    APIError,
    HostError,
    InvalidInputError,
    KitsuError,
)
from ._core.pagination import PageIterator
from ._core.refs import Ref
from ._operations import raw

if TYPE_CHECKING:
    from ._core.retry import RetryPolicy
    from ._core.transport import Transport

__version__ = "0.1.0"
logger = logging.getLogger(C.LOGGER_NAME)
T = TypeVar("T")


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()
"""Marks "use the client's default" apart from an explicit None (which means: no timeout)."""


def normalize_host(url: str) -> str:
    """`https://kitsu.example.com/api/` -> `https://kitsu.example.com/api`; refuses non-URLs."""
    if not isinstance(url, str) or not url.strip():
        raise HostError(
            f"a Kitsu host must be a URL like https://kitsu.example.com/api, got {url!r}"
        )
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise HostError(
            f"a Kitsu host must be a URL like https://kitsu.example.com/api, got {url!r}"
        )
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


def site_root(api_host: str) -> str:
    """The Kitsu site for an API host: `https://k.example.com/api` -> `https://k.example.com`.

    A Kitsu behind nginx serves the web app and socket.io there; a root-served Zou is its own root.
    """
    parts = urlsplit(api_host)
    path = parts.path
    if path.endswith("/api"):
        path = path[: -len("/api")]
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


derive_event_host = site_root


def url_path_join(*items: str) -> str:
    """Join URL path pieces with single slashes."""
    return "/".join(str(item).strip("/") for item in items if str(item).strip("/"))


def login_payload(
    email: str,
    password: str,
    totp: Optional[str],
    email_otp: Optional[str],
    fido_authentication_response: Optional[dict[str, Any]],
    recovery_code: Optional[str],
) -> tuple[dict[str, Any], bool]:
    """The body of POST /auth/login, checked, and whether the password may be kept for re-login."""
    if not isinstance(email, str) or not email.strip():
        raise InvalidInputError("email (or desktop login) must be a non-empty string")
    if not isinstance(password, str) or not password:
        raise InvalidInputError("password must be a non-empty string")
    payload: dict[str, Any] = {"email": email.strip(), "password": password}
    extras = {
        "totp": totp,
        "email_otp": email_otp,
        "fido_authentication_response": fido_authentication_response,
        "recovery_code": recovery_code,
    }
    payload.update({k: v for k, v in extras.items() if v is not None})
    # One-time codes cannot be replayed: re-login is possible only with a password alone.
    one_time = any(v is not None for v in extras.values())
    return payload, not one_time


def is_zou_root(body: Any) -> bool:
    """True for what Zou answers at `GET /` (`{"api": "Zou", ...}`)."""
    return isinstance(body, dict) and body.get("api") == "Zou"


class ClientBase:
    """What the sync and async clients share: host, timeouts, TLS settings, tokens, the cache,
    and how a request's query and cache key are prepared. No I/O here."""

    auth: TokenState

    def __init__(
        self,
        host: Optional[str],
        event_host: Optional[str],
        ssl_verify: Union[bool, str],
        cert: Any,
        timeout: Timeout,
        transfer_timeout: Timeout,
        retry: Optional[RetryPolicy],
        cache_enabled: bool,
    ) -> None:
        self._host: Optional[str] = normalize_host(host) if host else None
        self._event_host: Optional[str] = normalize_host(event_host) if event_host else None
        self.ssl_verify = ssl_verify
        self.cert = cert
        self.timeout = timeout
        self.transfer_timeout = transfer_timeout
        self._retry = retry
        self.cache = ClientCache()
        self.cache.enabled = cache_enabled

    # -- configuration --------------------------------------------------------------------------

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(host={self._host!r}, user={self._user_label()!r}, "
            f"token={mask(self.auth.tokens.get('access_token'))})"
        )

    def _user_label(self) -> Optional[str]:
        return (self.user or {}).get("email") or (self.user or {}).get("id")

    @property
    def user(self) -> Optional[dict[str, Any]]:
        """The person Zou returned at log-in (None with a bot token)."""
        return self.auth.user

    @property
    def host(self) -> str:
        """The API URL; HostError when none was set."""
        if not self._host:
            raise HostError("no Kitsu host set: call set_host('https://kitsu.example.com/api')")
        return self._host

    def set_host(self, url: str) -> str:
        self._host = normalize_host(url)
        self.cache.clear()
        return self._host

    @property
    def web_root(self) -> str:
        """The Kitsu web app's URL (the host without its `/api` suffix), for entity links."""
        return site_root(self.host)

    @property
    def event_host(self) -> str:
        return self._event_host or derive_event_host(self.host)

    def set_event_host(self, url: str) -> str:
        self._event_host = normalize_host(url)
        return self._event_host

    # -- tokens ---------------------------------------------------------------------------------

    @property
    def tokens(self) -> dict[str, str]:
        """The current tokens (a copy). Treat them as secrets."""
        return self.auth.tokens

    def set_tokens(self, new_tokens: Mapping[str, str]) -> dict[str, str]:
        """Use these tokens (`access_token`, optional `refresh_token`)."""
        self.auth.set_tokens(new_tokens)
        self.cache.clear()
        return self.tokens

    def set_token(self, token: Union[str, Mapping[str, str]]) -> dict[str, str]:
        """Use a bot/API token (a string) or a tokens dict. Bot tokens cannot be refreshed."""
        self.auth.set_token(token)
        self.cache.clear()
        return self.tokens

    @property
    def refresh_count(self) -> int:
        return self.auth.refresh_count

    def _identity(self) -> str:
        return self.auth.identity()

    def url(self, path: str) -> str:
        """The full URL of an API path."""
        return f"{self.host}/{path.lstrip('/')}"

    def _cache_key(
        self, method: str, path: str, params: Any, cacheable: bool
    ) -> Optional[tuple[Any, ...]]:
        """The read cache's key for a request, or None when it is not served from the cache."""
        if method == "GET" and cacheable and self.cache.enabled:
            return ("GET", self._host, self._identity(), path, _freeze(params))
        return None

    def _cache_answer(
        self, key: Optional[tuple[Any, ...]], method: str, cacheable: bool, body: Any
    ) -> None:
        if key is not None:
            self.cache.set(key, body)
        elif method != "GET" or not cacheable:
            # Any write may change what earlier reads returned.
            self.cache.clear()


class KitsuClient(ClientBase, Namespaces):
    """A connection to one Kitsu: host, tokens, pooled session, timeouts, retry policy, cache.

    Safe to share between threads. Tokens are read at send time, refreshed under a lock (many
    threads hitting expiry cause one refresh), and never appear in logs or reprs. Every module's
    functions are bound to it too: `client.shot.get_shot(shot_id)`.

    Args:
        host: the API URL, e.g. `https://kitsu.example.com/api` or `http://127.0.0.1:5000`.
        event_host: the socket.io URL; derived from `host` when not given.
        token: a bot or API access token (str) or a `{"access_token", "refresh_token"}` dict.
        ssl_verify: TLS verification (True, False or a CA bundle path).
        cert: a client certificate, as requests takes it.
        timeout: (connect, read) seconds for API calls; `transfer_timeout` for files.
        retry: a RetryPolicy (bounded retries with backoff).
        callback_not_authenticated: called as `callback(client)` when the token cannot be
            renewed; returning True replays the request once more.
        cache_enabled: turn the read cache on from the start.
    """

    auth: TokenAuth

    def __init__(
        self,
        host: Optional[str] = None,
        *,
        event_host: Optional[str] = None,
        token: Union[str, Mapping[str, str], None] = None,
        ssl_verify: Union[bool, str] = True,
        cert: Any = None,
        timeout: Timeout = C.DEFAULT_TIMEOUT,
        transfer_timeout: Timeout = C.TRANSFER_TIMEOUT,
        retry: Optional[RetryPolicy] = None,
        callback_not_authenticated: Optional[Callable[[KitsuClient], bool]] = None,
        cache_enabled: bool = False,
    ) -> None:
        super().__init__(
            host, event_host, ssl_verify, cert, timeout, transfer_timeout, retry, cache_enabled
        )
        self.callback_not_authenticated = callback_not_authenticated
        self._transport_lock = threading.Lock()
        self._transport: Optional[Transport] = None
        #: The tokens and how they are renewed (see _core.auth.TokenAuth).
        self.auth = TokenAuth(self._send_unauthenticated)
        self.auth.on_unrenewable = self._not_authenticated
        if token is not None:
            self.set_token(token)

    @property
    def transport(self) -> Transport:
        # Built on first use so that `import kitsu_sdk` does not import requests.
        if self._transport is None:
            with self._transport_lock:
                if self._transport is None:
                    from ._core.transport import Transport

                    self._transport = Transport(
                        self.auth,
                        verify=self.ssl_verify,
                        cert=self.cert,
                        retry=self._retry,
                        user_agent=C.USER_AGENT.format(version=__version__),
                    )
        return self._transport

    @property
    def retry(self) -> RetryPolicy:
        return self.transport.retry

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()

    def __enter__(self) -> KitsuClient:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.auth.has_session:
            try:
                self.log_out()
            except KitsuError as error:
                logger.warning("log out on session exit failed: %s", error)
        self.close()

    def _not_authenticated(self) -> bool:
        callback = self.callback_not_authenticated
        return bool(callback and callback(self))

    def _send_unauthenticated(
        self,
        method: str,
        path: str,
        headers: Optional[dict[str, str]],
        json: Any,
        login: bool,
    ) -> Any:
        response = self.transport.request(
            method, self.url(path), path, headers=headers, json=json,
            timeout=self.timeout, authenticate=False, login=login,
        )  # fmt: skip
        return response.json()

    # -- authentication -------------------------------------------------------------------------

    def log_in(
        self,
        email: str,
        password: str,
        totp: Optional[str] = None,
        email_otp: Optional[str] = None,
        fido_authentication_response: Optional[dict[str, Any]] = None,
        recovery_code: Optional[str] = None,
    ) -> dict[str, Any]:
        """Log in; returns Zou's answer (user, organisation, tokens).

        Raises a LoginError subclass with Zou's reason: WrongCredentialsError, OTPRequiredError,
        WrongOTPError, TooManyAttemptsError, DefaultPasswordError, InactiveUserError.

        Calls: POST /auth/login
        """
        payload, remember = login_payload(
            email, password, totp, email_otp, fido_authentication_response, recovery_code
        )
        body = self.auth.log_in(payload, remember=remember)
        self.cache.clear()
        logger.info("logged in as %s", payload["email"])
        return body

    def log_out(self) -> dict[str, Any]:
        """Revoke the tokens on the server and forget them locally.

        Calls: GET /auth/logout
        """
        try:
            body = self.request("GET", "auth/logout", cacheable=False)
        finally:
            self.auth.clear()
            self.cache.clear()
        return body if isinstance(body, dict) else {}

    def refresh_access_token(self) -> dict[str, str]:
        """Get a new access token from the refresh token (kept: Zou does not rotate it).

        Calls: GET /auth/refresh-token
        """
        self.auth.refresh()
        return self.tokens

    def send_email_otp(self, email: str) -> dict[str, Any]:
        """Ask Zou to e-mail a one-time code for `log_in(..., email_otp=)`.

        Calls: GET /auth/email-otp
        """
        response = self.transport.request(
            "GET",
            self.url("auth/email-otp"),
            "auth/email-otp",
            params={"email": email},
            timeout=self.timeout,
            authenticate=False,
        )
        return dict(response.json())

    # -- operations -----------------------------------------------------------------------------

    def run(self, op: Op[T]) -> T:
        """Run an operation (a Call or a Flow from kitsu_sdk's operation modules) on this client."""
        return run_sync(op, self._send_call)

    def _send_call(self, call: Call[Any]) -> Any:
        if type(call) is Call:
            return self.request(
                call.method, call.path, params=call.params, json=call.json, cacheable=call.cacheable
            )
        if isinstance(call, Upload):
            return self._send_upload(call)
        if isinstance(call, Download):
            return self.transport.download(
                call.path if call.full else self.url(call.path),
                call.label,
                call.target,
                params=_clean_params(call.params),
                timeout=self.transfer_timeout,
                progress_callback=call.progress_callback,
                processing_timeout=call.processing_timeout,
                authenticate=call.authenticate,
            )
        if isinstance(call, RawGet):
            target = call.path if call.full else self.url(call.path)
            response = self.transport.request(
                "GET", target, call.path, timeout=self.transfer_timeout
            )
            return bytes(response.content)
        if isinstance(call, Ask):
            return getattr(self, call.path)
        if isinstance(call, Sleep):
            return self.retry.sleep(call.seconds)
        raise TypeError(f"not a call this client can send: {call!r}")

    def _send_upload(self, call: Upload[Any], timeout: Timeout = UNSET) -> Any:
        from ._core.transfer import decode_body

        response = self.transport.upload(
            self.url(call.path),
            call.path,
            call.fields,
            call.files,
            timeout=self.transfer_timeout if timeout is UNSET else timeout,
            progress_callback=call.progress_callback,
        )
        self.cache.clear()
        return decode_body(response)

    # -- requests -------------------------------------------------------------------------------

    def _timeout(self, timeout: Timeout) -> Timeout:
        return self.timeout if timeout is UNSET else timeout

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Optional[Mapping[str, Any]] = None,
        json: Any = None,
        timeout: Timeout = UNSET,
        cacheable: bool = True,
    ) -> Any:
        """Send a request and decode the answer (JSON, text, or None when empty).

        GETs are served from the cache when it is on, unless `cacheable` is False (GET routes
        with side effects); any other method empties the cache.
        """
        from ._core.transfer import decode_body

        method = method.upper()
        path = path.lstrip("/")
        params = _clean_params(params)
        key = self._cache_key(method, path, params, cacheable)
        if key is not None:
            cached = self.cache.get(key)
            if not is_missing(cached):
                return cached
        response = self.transport.request(
            method, self.url(path), path, params=params, json=json, timeout=self._timeout(timeout)
        )
        body = decode_body(response)
        self._cache_answer(key, method, cacheable, body)
        return body

    def get(
        self,
        path: str,
        json_response: bool = True,
        params: Optional[Mapping[str, Any]] = None,
        *,
        timeout: Timeout = UNSET,
    ) -> Any:
        """GET an API path; the decoded JSON (or the text when `json_response` is False)."""
        body = self.request("GET", path, params=params, timeout=timeout)
        if not json_response and not isinstance(body, str):
            return json.dumps(body) if body is not None else ""
        return body

    def post(
        self,
        path: str,
        data: Any = None,
        *,
        params: Optional[Mapping[str, Any]] = None,
        timeout: Timeout = UNSET,
    ) -> Any:
        """POST a JSON body to an API path."""
        return self.request("POST", path, params=params, json=data, timeout=timeout)

    def put(
        self,
        path: str,
        data: Any = None,
        *,
        params: Optional[Mapping[str, Any]] = None,
        timeout: Timeout = UNSET,
    ) -> Any:
        """PUT a JSON body to an API path."""
        return self.request("PUT", path, params=params, json=data, timeout=timeout)

    def delete(
        self,
        path: str,
        params: Optional[Mapping[str, Any]] = None,
        *,
        timeout: Timeout = UNSET,
    ) -> Any:
        """DELETE an API path; Zou usually answers 204 (None here)."""
        return self.request("DELETE", path, params=params, timeout=timeout)

    def paginate(
        self,
        path: str,
        params: Optional[Mapping[str, Any]] = None,
        *,
        page_size: int = C.DEFAULT_PAGE_SIZE,
        max_items: Optional[int] = None,
    ) -> PageIterator:
        """Iterate lazily over every item of a paginated route (both Zou envelopes)."""
        clean = path.lstrip("/")
        return PageIterator(
            lambda page_params: self.get(clean, params=page_params),
            params,
            page_size=page_size,
            max_items=max_items,
        )

    def fetch_all(
        self,
        path: str,
        params: Optional[Mapping[str, Any]] = None,
        paginated: bool = False,
        limit: Optional[int] = None,
        fields: Union[list[str], str, None] = None,
    ) -> list[dict[str, Any]]:
        """Every row of `data/<path>`; `paginated` walks the pages, `fields` trims the columns.

        Calls: GET /data/<path>
        """
        return self.run(raw.fetch_all(path, params, paginated, limit, fields))

    def fetch_first(
        self, path: str, params: Optional[Mapping[str, Any]] = None
    ) -> Optional[dict[str, Any]]:
        """The first row of `data/<path>`, or None.

        Calls: GET /data/<path>
        """
        return self.run(raw.fetch_first(path, params))

    def fetch_one(
        self, model_name: str, id: Ref, params: Optional[Mapping[str, Any]] = None
    ) -> dict[str, Any]:
        """One row by id.

        Calls: GET /data/<model_name>/<id>
        """
        return self.run(raw.fetch_one(model_name, id, params))

    def create(self, model_name: str, data: Mapping[str, Any]) -> dict[str, Any]:
        """Create a row.

        Calls: POST /data/<model_name>
        """
        return self.run(raw.create(model_name, data))

    def update(self, model_name: str, model_id: Ref, data: Mapping[str, Any]) -> dict[str, Any]:
        """Update fields of a row.

        Calls: PUT /data/<model_name>/<model_id>
        """
        return self.run(raw.update(model_name, model_id, data))

    def upload(
        self,
        path: str,
        file_path: Optional[str] = None,
        data: Optional[Mapping[str, Any]] = None,
        extra_files: Optional[list[str]] = None,
        files: Optional[Mapping[str, str]] = None,
        progress_callback: Optional[ProgressCallback] = None,
        *,
        timeout: Timeout = UNSET,
    ) -> Any:
        """POST files as multipart form data, streamed from disk (see kitsu_sdk.client.upload)."""
        call = raw.upload(path, file_path, data, extra_files, files, progress_callback)
        assert isinstance(call, Upload)
        return call.finish(self._send_upload(call, timeout))

    def download(
        self,
        path: str,
        file_path: Union[str, os.PathLike[str]],
        params: Optional[Mapping[str, Any]] = None,
        progress_callback: Optional[ProgressCallback] = None,
        processing_timeout: float = C.PROCESSING_TIMEOUT,
    ) -> str:
        """Stream an API path into `file_path`, atomically; returns the absolute path written.

        The status is checked before anything is written, the data goes to a temporary file in
        the same folder, renamed at the end: a failed download leaves no file behind.
        """
        return self.run(
            raw.download(path, file_path, params, progress_callback, processing_timeout)
        )

    def get_file_data_from_url(self, url: str, full: bool = False) -> bytes:
        """The raw bytes at an API path (or a full URL when `full`)."""
        return self.run(raw.get_file_data_from_url(url, full))

    # -- server ---------------------------------------------------------------------------------

    def host_is_up(self) -> bool:
        """True when something answers `GET /` on the host.

        Calls: GET /
        """
        try:
            self.transport.request(
                "GET", self.url(""), "", timeout=self.timeout, authenticate=False
            )
        except APIError:
            return True
        except KitsuError:
            return False
        return True

    def host_is_valid(self) -> bool:
        """True when the host answers `GET /` like Zou (`{"api": "Zou", ...}`).

        Calls: GET /
        """
        try:
            response = self.transport.request(
                "GET", self.url(""), "", timeout=self.timeout, authenticate=False
            )
            body = response.json()
        except (KitsuError, ValueError):
            return False
        return is_zou_root(body)

    def get_api_version(self) -> str:
        """Zou's version string.

        Calls: GET /
        """
        return self.run(raw.get_api_version())

    def get_current_user(self) -> dict[str, Any]:
        """The logged-in person (or bot).

        Calls: GET /auth/authenticated
        """
        return self.run(raw.get_current_user())


def _clean_params(params: Optional[Mapping[str, Any]]) -> Optional[dict[str, Any]]:
    """A copy without None values, booleans as Zou reads them, lists as JSON (Zou's IN filter)."""
    if not params:
        return None
    out: dict[str, Any] = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, (list, tuple)) and key not in _REPEATED_PARAMS:
            out[key] = json.dumps(list(value))
        else:
            out[key] = value
    return out


# Routes that read a parameter repeated (`?name_prefixes=a&name_prefixes=b`), not a JSON list.
_REPEATED_PARAMS = frozenset({"name_prefixes", "name_suffixes", "person_ids"})


def _freeze(params: Optional[Mapping[str, Any]]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, repr(v)) for k, v in (params or {}).items()))


# -- the default client ------------------------------------------------------------------------

_default_client: Optional[KitsuClient] = None
_default_lock = threading.Lock()


def default_client() -> KitsuClient:
    """The process-wide client used when none is passed; created on first use."""
    global _default_client
    if _default_client is None:
        with _default_lock:
            if _default_client is None:
                _default_client = KitsuClient()
    return _default_client


def set_default_client(client: KitsuClient) -> KitsuClient:
    """Make `client` the one module functions use when no `client=` is given."""
    global _default_client
    if not isinstance(client, KitsuClient):
        raise InvalidInputError("set_default_client needs a KitsuClient")
    _default_client = client
    return client


def resolve_client(client: Optional[KitsuClient] = None) -> KitsuClient:
    """`client` itself, or the default client: looked up at call time, never bound at import."""
    if client is None:
        return default_client()
    if not isinstance(client, KitsuClient):
        raise InvalidInputError(f"client must be a KitsuClient, got {type(client).__name__}")
    return client
