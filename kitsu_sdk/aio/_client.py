"""AsyncKitsuClient: the async twin of KitsuClient, running the same operations on an event loop.

Everything the sync client promises holds: timeouts, bounded retries with the same safety rules,
one refresh for many concurrent tasks then re-login, typed errors, ids checked before the
network, streamed uploads and atomic downloads. It needs the `kitsu_sdk[async]` extra (httpx);
use one client from one event loop.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar, Union

from .._bindings import AsyncNamespaces
from .._client_base import (
    UNSET,
    ClientBase,
    __version__,
    _clean_params,
    is_zou_root,
    login_payload,
)
from .._core import constants as C
from .._core.auth import AsyncTokenAuth
from .._core.bulk import BulkResult, Many, run_many_async, workers
from .._core.cache_store import MISSING
from .._core.call import (
    Ask,
    Call,
    Download,
    Op,
    RawGet,
    Sleep,
    TextCall,
    Timeout,
    Upload,
    run_async,
)
from .._core.errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    InvalidInputError,
    KitsuError,
)
from .._core.lookups import Remember
from .._core.op_cache import mark_of
from .._core.pagination import PageWalk, page_params
from .._core.retry import RetryPolicy
from .._core.transfer import decode_body
from .._operations import raw

if TYPE_CHECKING:
    from .._core.aio_transport import AsyncTransport

logger = logging.getLogger(C.LOGGER_NAME)
T = TypeVar("T")


class AsyncKitsuClient(ClientBase, AsyncNamespaces):
    """An async connection to one Kitsu. Every module's functions are bound to it:
    `await aclient.shot.get_shot(shot_id)`.

        async with AsyncKitsuClient("https://kitsu.example.com/api") as aclient:
            await aclient.log_in("pipeline@example.com", "secret")
            shots = await aclient.shot.all_shots_for_project(project)

    Args:
        host: the API URL, e.g. `https://kitsu.example.com/api` or `http://127.0.0.1:5000`.
        ssl_verify: TLS verification (True, False or a CA bundle path).
        use_refresh_token: gazu.aio's parameter; tokens are always refreshed when possible.
        callback_not_authenticated: called as `callback(client)` (a plain or a coroutine
            function) when the token cannot be renewed; returning True replays the request once
            more.
        tokens: gazu.aio's tokens dict (`access_token`, `refresh_token`) to start with.
        access_token: an access token to start with (gazu.aio's).
        refresh_token: a refresh token to start with (gazu.aio's).
        event_host: the socket.io URL; derived from `host` when not given.
        token: a bot or API access token (str) or a `{"access_token", "refresh_token"}` dict.
        cert: a client certificate, as httpx takes it.
        timeout: (connect, read) seconds for API calls.
        transfer_timeout: (connect, read) seconds for file transfers.
        retry: a RetryPolicy (bounded retries with backoff).
        cache_enabled: turn the read cache on from the start.
        http_transport: an httpx transport to send through (tests pass `httpx.MockTransport`).
    """

    auth: AsyncTokenAuth

    def __init__(
        self,
        host: Optional[str] = None,
        ssl_verify: Union[bool, str] = True,
        use_refresh_token: bool = True,
        callback_not_authenticated: Optional[Callable[[AsyncKitsuClient], Any]] = None,
        tokens: Optional[Mapping[str, Optional[str]]] = None,
        access_token: Optional[str] = None,
        refresh_token: Optional[str] = None,
        *,
        event_host: Optional[str] = None,
        token: Union[str, Mapping[str, str], None] = None,
        cert: Any = None,
        timeout: Timeout = C.DEFAULT_TIMEOUT,
        transfer_timeout: Timeout = C.TRANSFER_TIMEOUT,
        retry: Optional[RetryPolicy] = None,
        cache_enabled: bool = False,
        http_transport: Any = None,
    ) -> None:
        super().__init__(
            host, event_host, ssl_verify, cert, timeout, transfer_timeout, retry, cache_enabled
        )
        self.callback_not_authenticated = callback_not_authenticated
        self._http_transport = http_transport
        self._transport: Optional[AsyncTransport] = None
        #: The tokens and how they are renewed (see _core.auth.AsyncTokenAuth).
        self.auth = AsyncTokenAuth(self._send_unauthenticated)
        self.auth.on_unrenewable = self._not_authenticated
        given = {k: v for k, v in dict(tokens or {}).items() if v}
        if access_token:
            given["access_token"] = access_token
        if refresh_token:
            given["refresh_token"] = refresh_token
        if given.get("access_token"):
            # `use_refresh_token` is gazu.aio's; tokens here are always refreshed when possible.
            self.set_tokens({k: str(v) for k, v in given.items()})
        if token is not None:
            self.set_token(token)

    # -- lifecycle ----------------------------------------------------------------------------

    @property
    def transport(self) -> AsyncTransport:
        # Built on first use, so that creating the client imports no HTTP library.
        if self._transport is None:
            from .._core.aio_transport import AsyncTransport

            self._transport = AsyncTransport(
                self.auth,
                verify=self.ssl_verify,
                cert=self.cert,
                retry=self._retry,
                user_agent=C.USER_AGENT.format(version=__version__),
                transport=self._http_transport,
            )
        return self._transport

    @property
    def retry(self) -> RetryPolicy:
        return self.transport.retry

    async def close(self) -> None:
        if self._transport is not None:
            await self._transport.close()

    async def __aenter__(self) -> AsyncKitsuClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.auth.has_session:
            try:
                await self.log_out()
            except KitsuError as error:
                logger.warning("log out on session exit failed: %s", error)
        await self.close()

    async def _not_authenticated(self) -> bool:
        callback = self.callback_not_authenticated
        if callback is None:
            return False
        outcome = callback(self)
        if hasattr(outcome, "__await__"):
            outcome = await outcome
        return bool(outcome)

    async def _send_unauthenticated(
        self, method: str, path: str, headers: Optional[dict[str, str]], json: Any, login: bool
    ) -> Any:
        response = await self.transport.request(
            method, self.url(path), path, headers=headers, json=json,
            timeout=self.timeout, authenticate=False, login=login, expect_json=True,
        )  # fmt: skip
        return decode_body(response)

    # -- authentication -------------------------------------------------------------------------

    async def log_in(
        self,
        email: str,
        password: str,
        totp: Optional[str] = None,
        email_otp: Optional[str] = None,
        fido_authentication_response: Optional[dict[str, Any]] = None,
        recovery_code: Optional[str] = None,
    ) -> dict[str, Any]:
        """Log in; returns Zou's answer (user, organisation, tokens). See KitsuClient.log_in.

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
        body = await self.auth.log_in(payload, remember=remember)
        self._identity_changed(before)
        logger.info("logged in as %s", payload["email"])
        return body

    async def log_out(self) -> dict[str, Any]:
        """Revoke the tokens on the server and forget them locally.

        Calls: GET /auth/logout
        """
        before = self.cache.scope() if self.cache.enabled else ""
        try:
            await self.request("GET", "auth/logout", cacheable=False)
        except (AuthenticationError, BadRequestError):
            pass  # already expired or revoked: logged out either way, as in gazu.aio
        finally:
            self.auth.clear()
            self._identity_changed(before)
        # gazu.aio's answer: the cleared tokens (scripts keep it as a "logged in" flag).
        return {"access_token": None, "refresh_token": None}

    async def refresh_access_token(self) -> dict[str, str]:
        """Get a new access token from the refresh token.

        Calls: GET /auth/refresh-token
        """
        await self.auth.refresh()
        # gazu returns Zou's answer, which holds the new access token only.
        return {"access_token": self.tokens["access_token"]}

    # -- operations -----------------------------------------------------------------------------

    async def run(self, op: Op[T]) -> T:
        """Run an operation (a Call or a Flow from kitsu_sdk's operation modules) on this client.

        A cached read operation (`@cached`) is served from the cache when it is on.

        Args:
            op: an operation: what a public function sends, as data
                (`kitsu_sdk._operations.<noun>.<function>(...)`).
        """
        cache = self.cache
        if cache.enabled:
            mark = mark_of(op)
            if mark is not None:
                key, value, generation = cache.lookup(mark)
                if key is None:
                    return await run_async(op, self._send_call)
                if value is not MISSING:
                    result: T = value
                    return result
                result = await run_async(op, self._send_call)
                cache.store(mark, key, result, generation)
                return result
        return await run_async(op, self._send_call)

    async def run_many(
        self, ops: Sequence[Op[T]], concurrency: Optional[int] = None
    ) -> BulkResult[T]:
        """Run many operations at once as tasks on this client, at most `concurrency` at a time
        (an asyncio semaphore; default: `aclient.concurrency`, 8 unless set); returns their
        BulkResult: results in input order, errors by index, nothing raised for a failed item
        (see KitsuClient.run_many).

        Args:
            ops: the operations to run (see `run`).
            concurrency: operations in flight at most (None: `client.concurrency`, 8 unless set).
        """
        items = list(ops)
        count = workers(concurrency, self.concurrency, len(items))
        return await run_many_async(items, self.run, count)

    async def _send_call(self, call: Call[Any]) -> Any:
        if isinstance(call, Many):
            return await self.run_many(call.ops, call.concurrency)
        if type(call) is Call or type(call) is TextCall:
            return await self.request(
                call.method,
                call.path,
                params=call.params,
                json=call.json,
                cacheable=call.cacheable,
                text=type(call) is TextCall,
            )
        if isinstance(call, Upload):
            return await self._send_upload(call)
        if isinstance(call, Download):
            args, options = self._download_args(call)
            return await self.transport.download(*args, **options)
        if isinstance(call, RawGet):
            args, options = self._raw_get_args(call)
            response = await self.transport.request(*args, **options)
            return bytes(response.content)
        if isinstance(call, Remember):
            return await self.lookups.afetch(call, self.run)
        if isinstance(call, Ask):
            return getattr(self, call.path)
        if isinstance(call, Sleep):
            import asyncio

            # As the sync client sleeps with retry.sleep: the policy's async_sleep when given.
            return await (self.retry.async_sleep or asyncio.sleep)(call.seconds)
        raise TypeError(f"not a call this client can send: {call!r}")

    async def _send_upload(self, call: Upload[Any], timeout: Timeout = UNSET) -> Any:
        response = await self.transport.upload(
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

    async def request(
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
        """Send a request and decode the answer (JSON, text, or None when empty). A write drops
        the client's cache entries (see KitsuClient.request).

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
        method = method.upper()
        path = path.lstrip("/")
        params = _clean_params(params)
        try:
            response = await self.transport.request(
                method,
                self.url(path),
                path,
                params=params,
                json=json,
                timeout=self.timeout if timeout is UNSET else timeout,
                expect_json=not text,
            )
        finally:
            if method != "GET" or not cacheable:
                self.cache.invalidate()
                self.lookups.forget_written(path)
        return response.text if text else decode_body(response)

    async def paginate(
        self,
        path: str,
        params: Optional[Mapping[str, Any]] = None,
        *,
        page_size: int = C.DEFAULT_PAGE_SIZE,
        max_items: Optional[int] = None,
    ) -> AsyncIterator[dict[str, Any]]:
        """Iterate lazily over every item of a paginated route: `async for row in
        aclient.paginate("data/tasks")`. One page is fetched at a time.

        Args:
            path: the API path of a paginated route (such as `data/tasks`).
            params: query parameters sent with every page.
            page_size: items asked per page.
            max_items: stop after this many items (None: every item).
        """
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        query = dict(params or {})
        walk = PageWalk(page_size)
        yielded = 0
        while walk.next_page is not None:
            if max_items is not None and yielded >= max_items:
                return  # as the sync PageIterator: no request for a page not needed
            page = walk.next_page
            body = await self.request("GET", path, params=page_params(query, page, page_size))
            for item in walk.take(body, page):
                if max_items is not None and yielded >= max_items:
                    return
                yielded += 1
                yield item

    # -- server ---------------------------------------------------------------------------------

    async def host_is_up(self) -> bool:
        """True when something answers `GET /` on the host.

        Calls: GET /
        """
        try:
            await self.transport.request(
                "GET", self.url(""), "", timeout=self.timeout, authenticate=False, retries=False
            )
        except APIError:
            return True
        except KitsuError:
            return False
        return True

    async def host_is_valid(self) -> bool:
        """True when the host answers `GET /` like Zou.

        Calls: GET /
        """
        try:
            response = await self.transport.request(
                "GET", self.url(""), "", timeout=self.timeout, authenticate=False, retries=False
            )
            body = response.json()
        except (KitsuError, ValueError):
            return False
        return is_zou_root(body)

    async def get_api_version(self) -> str:
        """Zou's version string.

        Calls: GET /
        """
        return await self.run(raw.get_api_version())

    async def get_current_user(self) -> dict[str, Any]:
        """The logged-in person (or bot).

        Calls: GET /auth/authenticated
        """
        return await self.run(raw.get_current_user())


def require_client(client: Optional[AsyncKitsuClient]) -> AsyncKitsuClient:
    """The client an async module function runs on: there is no default async client (one
    belongs to one event loop), as in gazu.aio.

    Args:
        client: the AsyncKitsuClient given as `client=`.
    """
    if not isinstance(client, AsyncKitsuClient):
        raise InvalidInputError(
            "kitsu_sdk.aio functions need client=AsyncKitsuClient(...) "
            f"(got {type(client).__name__})"
        )
    return client
