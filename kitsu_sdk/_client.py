"""KitsuClient: all of a connection's state (host, tokens, session, cache) and its verbs.

Public through kitsu_sdk.client, which adds the default client and gazu's module-level helpers."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar, Union

from ._bindings import Namespaces
from ._core import constants as C
from ._core.auth import Sender, Steps, TokenAuth, _run
from ._core.bulk import BulkResult, Many, run_many_sync, workers
from ._core.cache_store import MISSING
from ._core.call import (
    Ask,
    Call,
    Download,
    Op,
    ProgressCallback,
    RawGet,
    Sleep,
    TextCall,
    Timeout,
    Upload,
    run_sync,
)
from ._core.errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    InvalidInputError,
    KitsuError,
)
from ._core.lookups import Remember
from ._core.op_cache import mark_of
from ._core.pagination import PageIterator
from ._core.refs import Ref
from ._operations import raw

if TYPE_CHECKING:
    from ._core.retry import RetryPolicy
    from ._core.transport import Transport

from ._client_base import (
    UNSET,
    ClientBase,
    __version__,
    _clean_params,
    is_zou_root,
    login_payload,
)

logger = logging.getLogger(C.LOGGER_NAME)
T = TypeVar("T")


class _DeferredAuth(TokenAuth):
    """TokenAuth that can log in (or resume a stored session from its refresh token) on the
    first authenticated request rather than at once: what a client configured from the
    environment does, so building one sends nothing. The deferred step belongs to the host it
    was given for: after `set_host` to another server it is dropped, never sent there."""

    def __init__(self, send: Sender, host: Callable[[], Optional[str]]) -> None:
        super().__init__(send)
        self._host_now = host
        self._deferred: Optional[tuple[Optional[str], Callable[[], Steps[Any]]]] = None

    @property
    def deferred(self) -> bool:
        """True while a log-in (or session resume) waits for the first request."""
        return self._deferred is not None

    def defer(self, steps: Callable[[], Steps[Any]]) -> None:
        with self._lock:
            self._deferred = (self._host_now(), steps)

    def ensure_fresh(self) -> None:
        if self._deferred is not None:
            with self._lock:
                deferred = self._deferred
                if deferred is not None:
                    host, steps = deferred
                    if host == self._host_now():
                        # Kept on failure: the next request tries again and says why it failed.
                        _run(steps(), self._send)
                    self._deferred = None
        super().ensure_fresh()

    def set_tokens(self, new_tokens: Mapping[str, str]) -> None:
        self._deferred = None
        super().set_tokens(new_tokens)

    def clear(self) -> None:
        self._deferred = None
        super().clear()

    def log_in(self, payload: dict[str, Any], remember: bool) -> dict[str, Any]:
        self._deferred = None
        return super().log_in(payload, remember)

    def password_steps(self, email: str, password: str) -> Steps[Any]:
        return self._log_in_steps({"email": email, "password": password}, remember=True)

    def resume_steps(self, refresh_token: str) -> Steps[Any]:
        self._refresh = refresh_token
        yield from self._refresh_steps()


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
        transfer_timeout: (connect, read) seconds for file transfers.
    """

    auth: _DeferredAuth

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
        self.auth = _DeferredAuth(self._send_unauthenticated, lambda: self._host)
        self.auth.on_unrenewable = self._not_authenticated
        if token is not None:
            self.set_token(token)

    @classmethod
    def from_env(cls, host: Optional[str] = None, **options: Any) -> KitsuClient:
        """A client configured like the default one: `host` (or `KITSU_HOST`, or the stored
        `kitsu login` session's host), and `KITSU_TOKEN`, or `KITSU_LOGIN` + `KITSU_PASSWORD`
        (logged in on the first request), or the stored session; `KITSU_EVENT_HOST`,
        `KITSU_TIMEOUT`, `KITSU_CA_BUNDLE`. Keyword options win (see kitsu_sdk.config).

        Args:
            host: the API URL; None: `KITSU_HOST`, or the stored session's host.
            options: KitsuClient options; they win over the environment.
        """
        from .config import client_from_settings, resolve_settings

        return client_from_settings(resolve_settings(host), **options)

    def log_in_later(self, email: str, password: str) -> None:
        """Log in with this e-mail and password on the first authenticated request (nothing is
        sent now); the password is kept for re-login, as `log_in` keeps it.

        Args:
            email: the user's e-mail address (or a desktop login).
            password: the password (kept for a re-login, as `log_in` keeps it).
        """
        payload, _ = login_payload(email, password, None, None, None, None)
        self.auth.defer(lambda: self.auth.password_steps(payload["email"], password))

    def resume_session(self, refresh_token: str) -> None:
        """Get an access token from this refresh token (a stored session) on the first
        authenticated request.

        Args:
            refresh_token: a refresh token from a stored session.
        """
        if not isinstance(refresh_token, str) or not refresh_token.strip():
            raise InvalidInputError("the refresh token is empty")
        token = refresh_token.strip()
        self.auth.defer(lambda: self.auth.resume_steps(token))

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
        from ._core.transfer import decode_body

        response = self.transport.request(
            method, self.url(path), path, headers=headers, json=json,
            timeout=self.timeout, authenticate=False, login=login, expect_json=True,
        )  # fmt: skip
        return decode_body(response)

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

        Args:
            email: the user's e-mail address (or a desktop login).
            password: the password.
            totp: the current code of the user's authenticator app (two-factor authentication).
            email_otp: a one-time code received by e-mail (see send_email_otp).
            fido_authentication_response: the answer of a FIDO2 security key to Zou's challenge.
            recovery_code: one of the user's two-factor recovery codes.

        Calls: POST /auth/login
        """
        payload, remember = login_payload(
            email, password, totp, email_otp, fido_authentication_response, recovery_code
        )
        before = self.cache.scope() if self.cache.enabled else ""
        body = self.auth.log_in(payload, remember=remember)
        self._identity_changed(before)
        logger.info("logged in as %s", payload["email"])
        return body

    def log_out(self) -> dict[str, Any]:
        """Revoke the tokens on the server and forget them locally.

        Calls: GET /auth/logout
        """
        before = self.cache.scope() if self.cache.enabled else ""
        try:
            self.request("GET", "auth/logout", cacheable=False)
        except (AuthenticationError, BadRequestError):
            pass  # already expired or revoked: logged out either way, as in gazu
        finally:
            self.auth.clear()
            self._identity_changed(before)
        # gazu's answer: the (now empty) tokens. An add-on keeps it as its "logged in" flag.
        return {}

    def refresh_access_token(self) -> dict[str, str]:
        """Get a new access token from the refresh token (kept: Zou does not rotate it).

        Calls: GET /auth/refresh-token
        """
        self.auth.refresh()
        # gazu returns Zou's answer, which holds the new access token only.
        return {"access_token": self.tokens["access_token"]}

    def send_email_otp(self, email: str) -> dict[str, Any]:
        """Ask Zou to e-mail a one-time code for `log_in(..., email_otp=)`.

        Args:
            email: the user's e-mail address.

        Calls: GET /auth/email-otp
        """
        from ._core.transfer import decode_body

        response = self.transport.request(
            "GET",
            self.url("auth/email-otp"),
            "auth/email-otp",
            params={"email": email},
            timeout=self.timeout,
            authenticate=False,
            expect_json=True,
        )
        return dict(decode_body(response) or {})

    # -- operations -----------------------------------------------------------------------------

    def run(self, op: Op[T]) -> T:
        """Run an operation (a Call or a Flow from kitsu_sdk's operation modules) on this client.

        A cached read operation (`@cached`) is served from the cache when it is on.

        Args:
            op: an operation: what a public function sends, as data
                (`kitsu_sdk._operations.<noun>.<function>(...)`).
        """
        cache = self.cache
        if cache.enabled:
            if self.auth.deferred:
                self.auth.ensure_fresh()  # the cache key needs the user a deferred log-in gives
            mark = mark_of(op)
            if mark is not None:
                key, value, generation = cache.lookup(mark)
                if key is None:
                    return run_sync(op, self._send_call)
                if value is not MISSING:
                    result: T = value
                    return result
                result = run_sync(op, self._send_call)
                cache.store(mark, key, result, generation)
                return result
        return run_sync(op, self._send_call)

    def run_many(self, ops: Sequence[Op[T]], concurrency: Optional[int] = None) -> BulkResult[T]:
        """Run many operations at once on this client's pooled session, at most `concurrency`
        at a time (default: `client.concurrency`, 8 unless set); returns their BulkResult.

        `result.results[i]` is what operation i returned (None where it failed) and
        `result.errors[i]` what it raised: one failure loses no other result, and nothing is
        raised for it (`result.raise_for_errors()` does). Each operation runs as `run(op)` would
        (cache, retries, token renewal), on a thread of its own.

        Args:
            ops: the operations to run (see `run`).
            concurrency: operations in flight at most (None: `client.concurrency`, 8 unless set).
        """
        items = list(ops)
        count = workers(concurrency, self.concurrency, len(items))
        return run_many_sync(items, self.run, count)

    def _send_call(self, call: Call[Any]) -> Any:
        if isinstance(call, Many):
            return self.run_many(call.ops, call.concurrency)
        if type(call) is Call or type(call) is TextCall:
            return self.request(
                call.method,
                call.path,
                params=call.params,
                json=call.json,
                cacheable=call.cacheable,
                text=type(call) is TextCall,
            )
        if isinstance(call, Upload):
            return self._send_upload(call)
        if isinstance(call, Download):
            args, options = self._download_args(call)
            return self.transport.download(*args, **options)
        if isinstance(call, RawGet):
            args, options = self._raw_get_args(call)
            response = self.transport.request(*args, **options)
            return bytes(response.content)
        if isinstance(call, Remember):
            return self.lookups.fetch(call, self.run)
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
            params=call.params,
            progress_callback=call.progress_callback,
        )
        self.cache.invalidate()
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
        text: bool = False,
    ) -> Any:
        """Send a request and decode the answer (JSON, text, or None when empty).

        Nothing is read from the cache here (the cache holds operations' results, see `run`);
        a write (any method but GET, or a GET with side effects: `cacheable=False`) drops the
        client's cache entries.

        Args:
            method: "GET", "POST", "PUT", "DELETE"...
            path: the API path, relative to the host (such as `data/projects`).
            params: query parameters (None values are left out).
            json: the JSON body.
            timeout: (connect, read) seconds for this request (default: the client's).
            cacheable: False for a GET with side effects: it drops the client's cache entries as a
                write does.
            text: return the answer's text instead of decoding JSON.
        """
        from ._core.transfer import decode_body

        method = method.upper()
        path = path.lstrip("/")
        params = _clean_params(params)
        try:
            response = self.transport.request(
                method, self.url(path), path, params=params, json=json,
                timeout=self._timeout(timeout), expect_json=not text,
            )  # fmt: skip
        finally:
            if method != "GET" or not cacheable:
                self.cache.invalidate()
                self.lookups.forget_written(path)
        return response.text if text else decode_body(response)

    def get(
        self,
        path: str,
        json_response: bool = True,
        params: Optional[Mapping[str, Any]] = None,
        *,
        timeout: Timeout = UNSET,
    ) -> Any:
        """GET an API path; the decoded JSON (or the text when `json_response` is False).

        Args:
            path: the API path, relative to the host (such as `data/projects`).
            json_response: decode the answer as JSON (False: return its text).
            params: query parameters, sent as the URL's query string.
            timeout: (connect, read) seconds for this request (default: the client's).
        """
        return self.request("GET", path, params=params, timeout=timeout, text=not json_response)

    def post(
        self,
        path: str,
        data: Any = None,
        *,
        params: Optional[Mapping[str, Any]] = None,
        timeout: Timeout = UNSET,
    ) -> Any:
        """POST a JSON body to an API path.

        Args:
            path: the API path, relative to the host (such as `data/projects`).
            data: the JSON body.
            params: query parameters, sent as the URL's query string.
            timeout: (connect, read) seconds for this request (default: the client's).
        """
        return self.request("POST", path, params=params, json=data, timeout=timeout)

    def put(
        self,
        path: str,
        data: Any = None,
        *,
        params: Optional[Mapping[str, Any]] = None,
        timeout: Timeout = UNSET,
    ) -> Any:
        """PUT a JSON body to an API path.

        Args:
            path: the API path, relative to the host (such as `data/projects`).
            data: the JSON body.
            params: query parameters, sent as the URL's query string.
            timeout: (connect, read) seconds for this request (default: the client's).
        """
        return self.request("PUT", path, params=params, json=data, timeout=timeout)

    def delete(
        self,
        path: str,
        params: Optional[Mapping[str, Any]] = None,
        *,
        timeout: Timeout = UNSET,
    ) -> Any:
        """DELETE an API path; Zou usually answers 204 (None here).

        Args:
            path: the API path, relative to the host (such as `data/projects`).
            params: query parameters, sent as the URL's query string.
            timeout: (connect, read) seconds for this request (default: the client's).
        """
        return self.request("DELETE", path, params=params, timeout=timeout)

    def paginate(
        self,
        path: str,
        params: Optional[Mapping[str, Any]] = None,
        *,
        page_size: int = C.DEFAULT_PAGE_SIZE,
        max_items: Optional[int] = None,
    ) -> PageIterator:
        """Iterate lazily over every item of a paginated route (both Zou envelopes).

        Args:
            path: the API path of a paginated route (such as `data/tasks`).
            params: query parameters sent with every page.
            page_size: items asked per page.
            max_items: stop after this many items (None: every item).
        """
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

        Args:
            path: the route under `data/` (such as `shots`).
            params: query parameters, sent as the URL's query string.
            paginated: walk every page of the route.
            limit: the page size when `paginated`.
            fields: only these columns of each row.

        Calls: GET /data/<path>
        """
        return self.run(raw.fetch_all(path, params, paginated, limit, fields))

    def fetch_first(
        self, path: str, params: Optional[Mapping[str, Any]] = None
    ) -> Optional[dict[str, Any]]:
        """The first row of `data/<path>`, or None.

        Args:
            path: the route under `data/` (such as `shots`).
            params: query parameters, sent as the URL's query string.

        Calls: GET /data/<path>
        """
        return self.run(raw.fetch_first(path, params))

    def fetch_one(
        self, model_name: str, id: Ref, params: Optional[Mapping[str, Any]] = None
    ) -> dict[str, Any]:
        """One row by id.

        Args:
            model_name: the model's route name (such as `"projects"`, `"shots"`).
            id: the row's id (a dict or object with an `id` works too).
            params: query parameters, sent as the URL's query string.

        Calls: GET /data/<model_name>/<id>
        """
        return self.run(raw.fetch_one(model_name, id, params))

    def create(self, model_name: str, data: Mapping[str, Any]) -> dict[str, Any]:
        """Create a row.

        Args:
            model_name: the model's route name (such as `"projects"`, `"shots"`).
            data: the new row's fields.

        Calls: POST /data/<model_name>
        """
        return self.run(raw.create(model_name, data))

    def update(self, model_name: str, model_id: Ref, data: Mapping[str, Any]) -> dict[str, Any]:
        """Update fields of a row.

        Args:
            model_name: the model's route name (such as `"projects"`, `"shots"`).
            model_id: the row's id (a dict or object with an `id` works too).
            data: the fields to change.

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
        """POST files as multipart form data, streamed from disk (see kitsu_sdk.client.upload).

        Args:
            path: the API path, relative to the host (such as `data/projects`).
            file_path: the file sent as the `file` field, or None.
            data: form fields sent with the files.
            extra_files: more files, sent as `file-2`, `file-3`...
            files: field names mapped to local file paths.
            progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
                transferred; None: no progress report.
            timeout: (connect, read) seconds for this transfer (default: the client's
                `transfer_timeout`).
        """
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

        Args:
            path: the API path, relative to the host (such as `data/projects`).
            file_path: where to write the file: a file path in a folder that exists (written
                atomically).
            params: query parameters, sent as the URL's query string.
            progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
                transferred; None: no progress report.
            processing_timeout: seconds to wait while Zou is still making the file (a preview being
                processed).
        """
        return self.run(
            raw.download(path, file_path, params, progress_callback, processing_timeout)
        )

    def get_file_data_from_url(self, url: str, full: bool = False) -> bytes:
        """The raw bytes at an API path (or a full URL when `full`).

        Args:
            url: an API path, or a full http(s) URL when `full`.
            full: `url` is a full URL, fetched without the client's token.
        """
        return self.run(raw.get_file_data_from_url(url, full))

    # -- server ---------------------------------------------------------------------------------

    def host_is_up(self) -> bool:
        """True when something answers `GET /` on the host.

        Calls: GET /
        """
        try:
            self.transport.request(
                "GET", self.url(""), "", timeout=self.timeout, authenticate=False, retries=False
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
                "GET", self.url(""), "", timeout=self.timeout, authenticate=False, retries=False
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


_default_client: Optional[KitsuClient] = None
_default_lock = threading.Lock()


def default_client() -> KitsuClient:
    """The process-wide client used when none is passed; created on first use from the
    environment (`KITSU_HOST`, `KITSU_TOKEN` or `KITSU_LOGIN` + `KITSU_PASSWORD`, ...) and the
    stored `kitsu login` session (see kitsu_sdk.config). Nothing is sent until a request."""
    global _default_client
    if _default_client is None:
        with _default_lock:
            if _default_client is None:
                _default_client = KitsuClient.from_env()
    return _default_client


def set_default_client(client: KitsuClient) -> KitsuClient:
    """Make `client` the one module functions use when no `client=` is given.

    Args:
        client: the KitsuClient the module functions use from now on.
    """
    global _default_client
    if not isinstance(client, KitsuClient):
        raise InvalidInputError("set_default_client needs a KitsuClient")
    _default_client = client
    return client


def resolve_client(client: Optional[KitsuClient] = None) -> KitsuClient:
    """`client` itself, or the default client: looked up at call time, never bound at import.

    Args:
        client: a KitsuClient, or None for the default client.
    """
    if client is None:
        return default_client()
    if not isinstance(client, KitsuClient):
        raise InvalidInputError(f"client must be a KitsuClient, got {type(client).__name__}")
    return client
