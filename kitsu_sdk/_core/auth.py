"""The tokens of one client: read at send time, refreshed ahead of expiry and after it under one
lock (many threads hitting expiry cause one refresh), re-login as a last resort. Never logged.
Also what keeps credentials home: which redirects may carry a request on, and tokens scrubbed
from the body excerpts errors keep."""

from __future__ import annotations

import base64
import json
import logging
import re
import threading
import time
from collections.abc import Awaitable, Generator, Mapping
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar, Union
from urllib.parse import urlsplit

from . import constants as C
from .errors import (
    APIError,
    AuthenticationError,
    InvalidInputError,
    KitsuError,
    error_for_response,
)

logger = logging.getLogger(C.LOGGER_NAME)

if TYPE_CHECKING:
    import asyncio

T = TypeVar("T")


def jwt_claims(token: Optional[str]) -> dict[str, Any]:
    """The unverified claims of a JWT (only `exp`, `iat`, `sub` are read); {} when not a JWT."""
    if not token or token.count(".") != 2:
        return {}
    payload = token.split(".")[1]
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, TypeError):
        return {}
    return claims if isinstance(claims, dict) else {}


def mask(token: Optional[str]) -> str:
    """Enough of a token to tell two apart in a repr, never enough to use it."""
    return "None" if not token else f"…{token[-4:]}" if len(token) > 12 else "***"


# -- what may leave for another host -------------------------------------------------------------


def origin(url: str) -> str:
    """`scheme://host:port` of a URL, the port made explicit: what two URLs must share for a
    request to carry its credentials and its body from one to the other."""
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme, 0)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def same_origin(old: str, new: str) -> bool:
    """True when a redirect from `old` to `new` stays with the same server: the same origin, or
    the same host moved from http to https on the standard ports (requests and httpx keep the
    Authorization header for exactly these)."""
    if origin(old) == origin(new):
        return True
    before, after = urlsplit(old), urlsplit(new)
    return (
        (before.hostname or "").lower() == (after.hostname or "").lower()
        and before.scheme == "http"
        and before.port in (80, None)
        and after.scheme == "https"
        and after.port in (443, None)
    )


class RedirectRefused(Exception):
    """Raised inside a transport's redirect handling: a 307/308 would carry the request's body
    (a password, data) to another origin. The transport turns it into an APIError."""

    def __init__(self, status: int, target: str) -> None:
        super().__init__(status, target)
        self.status = status
        self.target = target


def redirect_refused(refused: RedirectRefused, method: str, path: str) -> APIError:
    """The error for a refused redirect: what came, where it pointed, why it was not followed."""
    return APIError(
        refused.status, method, path,
        f"redirected to another host ({refused.target}): not followed, a request body (a "
        "password, data) is never sent to another host than the client's",
    )  # fmt: skip


_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?")
_SECRET_FIELD = re.compile(r'(?i)("(?:[a-z_]*token|password|otp_secret|secret)"\s*:\s*")[^"]*("?)')


def scrub(text: str) -> str:
    """`text` (the start of a body an error keeps) without tokens: JWTs and the values of
    token/password fields, even cut short, are replaced."""
    text = _JWT.sub("[redacted]", text)
    return _SECRET_FIELD.sub(lambda m: m.group(1) + "[redacted]" + m.group(2), text)


#: An unauthenticated request the token owner needs sent (a log-in or a refresh):
#: (method, path, headers, json body, is_login). A plain tuple: cheap to import and to build.
AuthRequest = tuple[str, str, Optional[dict[str, str]], Any, bool]


#: How the renewal steps below are written: they yield requests and receive decoded bodies
#: (or have the error thrown in), so the sync and async owners run the same steps.
Steps = Generator[AuthRequest, Any, T]
#: Sends an unauthenticated request: (method, path, headers, json, login) -> decoded body.
Sender = Callable[[str, str, Optional[dict[str, str]], Any, bool], Any]
AsyncSender = Callable[[str, str, Optional[dict[str, str]], Any, bool], Awaitable[Any]]


class TokenState:
    """Access and refresh tokens, the user they belong to, and the steps that renew them.

    Attributes:
        refresh_margin: refresh ahead of time this many seconds before expiry (or a quarter of
            the token's lifetime when that is shorter).
        refresh_count: how many refreshes happened (for tests and monitoring).
        on_unrenewable: called when neither refresh nor re-login worked; True means "try again".
    """

    def __init__(self) -> None:
        self._state = threading.Lock()
        self._access: Optional[str] = None
        self._claims: tuple[Optional[str], dict[str, Any]] = (None, {})
        self._refresh: Optional[str] = None
        self._credentials: Optional[tuple[str, str]] = None
        self.user: Optional[dict[str, Any]] = None
        # The access token whose proactive refresh failed: not tried again by every waiter.
        self._unrefreshed: Optional[str] = None
        self.refresh_count = 0
        self.refresh_margin = C.REFRESH_MARGIN
        self.on_unrenewable: Optional[Callable[[], Any]] = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(access={mask(self._access)}, refresh={mask(self._refresh)})"

    # -- state ------------------------------------------------------------------------------------

    @property
    def tokens(self) -> dict[str, str]:
        """The current tokens (a copy). Treat them as secrets."""
        with self._state:
            out = {"access_token": self._access, "refresh_token": self._refresh}
        return {key: value for key, value in out.items() if value}

    @property
    def has_session(self) -> bool:
        """True after a log-in (a refresh token exists), False for bot tokens or none."""
        return bool(self._access and self._refresh)

    def set_tokens(self, new_tokens: Mapping[str, str]) -> None:
        if not isinstance(new_tokens, Mapping) or not new_tokens.get("access_token"):
            raise InvalidInputError("tokens must be a dict with an 'access_token'")
        with self._state:
            self._access = new_tokens["access_token"]
            self._refresh = new_tokens.get("refresh_token") or None

    def set_token(self, token: Union[str, Mapping[str, str]]) -> None:
        """A bot/API token (no refresh, no re-login) or a tokens dict."""
        if isinstance(token, str):
            if not token.strip():
                raise InvalidInputError("the token is empty")
            self._credentials = None
            self.set_tokens({"access_token": token.strip()})
        else:
            self.set_tokens(token)

    def clear(self) -> None:
        with self._state:
            self._access = self._refresh = None
            self._credentials = None
            self._unrefreshed = None
            self.user = None

    def _access_claims(self, token: str) -> dict[str, Any]:
        # Read before every request: decode each token once.
        cached_token, claims = self._claims
        if cached_token != token:
            claims = jwt_claims(token)
            self._claims = (token, claims)
        return claims

    def identity(self) -> str:
        """Who the token belongs to (its subject, or a digest): part of every cache key."""
        token = self._access
        if not token:
            return "anonymous"
        sub = self._access_claims(token).get("sub")
        if sub:
            return str(sub)
        import hashlib  # here: only opaque (non-JWT) tokens need it, and it is slow to import

        return hashlib.sha256(token.encode()).hexdigest()[:16]

    def header(self) -> tuple[dict[str, str], Optional[str]]:
        """The Authorization header to send now, and the token it holds."""
        token = self._access
        return ({"Authorization": f"Bearer {token}"} if token else {}), token

    def expiring(self) -> Optional[str]:
        """The access token when it should be refreshed ahead of its expiry, else None."""
        token = self._access
        if not token or not self._refresh or token == self._unrefreshed:
            return None
        claims = self._access_claims(token)
        exp, iat = claims.get("exp"), claims.get("iat")
        if not isinstance(exp, (int, float)):
            return None
        margin = self.refresh_margin
        if isinstance(iat, (int, float)) and exp > iat:
            margin = min(margin, (exp - iat) / 4)
        return token if exp - time.time() <= margin else None

    # -- the steps (run under the owner's lock) ----------------------------------------------------

    def _fresh_steps(self, token: str) -> Steps[None]:
        if self._access != token or token == self._unrefreshed:
            return  # another thread or task refreshed it meanwhile, or just failed to
        try:
            yield from self._refresh_steps()
        except KitsuError as error:
            # Once per token: the others waiting on the lock go on, and an expired-token answer
            # renews it (refresh, then log in again) in _renew_steps.
            self._unrefreshed = token
            logger.warning("proactive token refresh failed: %s", error)

    def _renew_steps(self, stale_token: str) -> Steps[bool]:
        """After an expired-token answer: refresh once, else log in again once. True = replay."""
        if self._access and self._access != stale_token:
            return True  # another thread or task already renewed it
        if self._refresh:
            try:
                yield from self._refresh_steps()
                return True
            except KitsuError as error:
                logger.warning("token refresh failed: %s", error)
        if self._credentials:
            email, password = self._credentials
            try:
                yield from self._log_in_steps({"email": email, "password": password})
                logger.info("logged in again after the refresh token stopped working")
                return True
            except KitsuError as error:
                logger.warning("log in again failed: %s", error)
        return False

    def _refresh_now_steps(self) -> Steps[None]:
        if not self._refresh:
            raise AuthenticationError(
                401, "GET", "auth/refresh-token", "no refresh token (bot tokens cannot refresh)"
            )
        yield from self._refresh_steps()

    def _refresh_steps(self) -> Steps[None]:
        headers = {"Authorization": f"Bearer {self._refresh}"}
        body = yield ("GET", "auth/refresh-token", headers, None, False)
        token = body.get("access_token") if isinstance(body, dict) else None
        if not token:
            raise AuthenticationError(
                401, "GET", "auth/refresh-token", "no access token in the refresh answer", body
            )
        self._access = token
        if body.get("refresh_token"):
            self._refresh = body["refresh_token"]
        self.refresh_count += 1
        logger.debug("access token refreshed")

    def _log_in_steps(
        self, payload: dict[str, Any], remember: Optional[bool] = None
    ) -> Steps[dict[str, Any]]:
        body = yield ("POST", "auth/login", None, payload, True)
        accepted = isinstance(body, dict) and body.get("login", True) and body.get("access_token")
        if not accepted:
            raise error_for_response(400, "POST", "auth/login", body, login=True)
        self._access = body["access_token"]
        self._refresh = body.get("refresh_token")
        self.user = body.get("user")
        if remember is not None:
            self._credentials = (payload["email"], payload["password"]) if remember else None
        return dict(body)


def _run(steps: Steps[T], send: Sender) -> T:
    try:
        request = next(steps)
        while True:
            try:
                body = send(*request)
            except KitsuError as error:
                request = steps.throw(error)
            else:
                request = steps.send(body)
    except StopIteration as stop:
        result: T = stop.value
        return result


async def _run_async(steps: Steps[T], send: AsyncSender) -> T:
    try:
        request = next(steps)
        while True:
            try:
                body = await send(*request)
            except KitsuError as error:
                request = steps.throw(error)
            else:
                request = steps.send(body)
    except StopIteration as stop:
        result: T = stop.value
        return result


class TokenAuth(TokenState):
    """The tokens of a KitsuClient: renewals under a thread lock (many threads hitting expiry
    cause one refresh); `send` does the unauthenticated requests."""

    def __init__(self, send: Sender) -> None:
        super().__init__()
        self._send = send
        self._lock = threading.Lock()

    def ensure_fresh(self) -> None:
        """Refresh ahead of time when the access token is about to expire."""
        token = self.expiring()
        if token is not None:
            with self._lock:
                _run(self._fresh_steps(token), self._send)

    def renew(self, stale_token: str) -> bool:
        """After an expired-token answer: refresh once, else log in again once. True = replay."""
        with self._lock:
            if _run(self._renew_steps(stale_token), self._send):
                return True
        return bool(self.on_unrenewable and self.on_unrenewable())

    def log_in(self, payload: dict[str, Any], remember: bool) -> dict[str, Any]:
        """Log in with `payload`; keep the password for re-login only when `remember`."""
        with self._lock:
            return _run(self._log_in_steps(payload, remember), self._send)

    def refresh(self) -> None:
        """Get a new access token now (the refresh token is kept: Zou does not rotate it)."""
        with self._lock:
            _run(self._refresh_now_steps(), self._send)


class AsyncTokenAuth(TokenState):
    """The tokens of an AsyncKitsuClient: the same steps under an asyncio lock, so 50 tasks
    hitting an expired token cause one refresh. Use it from one event loop."""

    def __init__(self, send: AsyncSender) -> None:
        super().__init__()
        self._send = send
        self._lock: Optional[asyncio.Lock] = None

    @property
    def lock(self) -> asyncio.Lock:
        # Created on first use, inside the running loop (Python 3.9 binds a lock at creation).
        if self._lock is None:
            import asyncio  # here, so that importing kitsu_sdk does not import asyncio

            self._lock = asyncio.Lock()
        return self._lock

    async def ensure_fresh(self) -> None:
        token = self.expiring()
        if token is not None:
            async with self.lock:
                await _run_async(self._fresh_steps(token), self._send)

    async def renew(self, stale_token: str) -> bool:
        async with self.lock:
            if await _run_async(self._renew_steps(stale_token), self._send):
                return True
        outcome = self.on_unrenewable() if self.on_unrenewable else False
        if hasattr(outcome, "__await__"):
            outcome = await outcome
        return bool(outcome)

    async def log_in(self, payload: dict[str, Any], remember: bool) -> dict[str, Any]:
        async with self.lock:
            return await _run_async(self._log_in_steps(payload, remember), self._send)

    async def refresh(self) -> None:
        async with self.lock:
            await _run_async(self._refresh_now_steps(), self._send)
