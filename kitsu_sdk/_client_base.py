"""What the sync and async clients share: host handling, the log-in body, query cleaning, the
cache key, and `ClientBase` (host, timeouts, TLS settings, tokens, cache state). No I/O here."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional, Union
from urllib.parse import urlsplit, urlunsplit

from ._core import constants as C
from ._core.auth import TokenState, mask
from ._core.call import (
    Download,
    RawGet,
    Timeout,
)
from ._core.errors import (
    HostError,
    InvalidInputError,
)
from ._core.lookups import LookupMemo
from ._core.op_cache import ClientCache
from ._core.refs import echo
from ._core.version import __version__ as __version__

if TYPE_CHECKING:
    from ._core.retry import RetryPolicy


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()
"""Marks "use the client's default" apart from an explicit None (which means: no timeout)."""


def normalize_host(url: str) -> str:
    """`https://kitsu.example.com/api/` -> `https://kitsu.example.com/api`; refuses non-URLs.

    Args:
        url: the URL given for the host.
    """
    if not isinstance(url, str) or not url.strip():
        raise HostError(
            f"a Kitsu host must be a URL like https://kitsu.example.com/api, got {echo(url)}"
        )
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise HostError(
            f"a Kitsu host must be a URL like https://kitsu.example.com/api, got {echo(url)}"
        )
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


def site_root(api_host: str) -> str:
    """The Kitsu site for an API host: `https://k.example.com/api` -> `https://k.example.com`.

    A Kitsu behind nginx serves the web app and socket.io there; a root-served Zou is its own root.

    Args:
        api_host: the API URL.
    """
    if not isinstance(api_host, str):
        raise HostError(f"a Kitsu host must be a URL, got {type(api_host).__name__}")
    parts = urlsplit(api_host)
    path = parts.path
    if path.endswith("/api"):
        path = path[: -len("/api")]
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


derive_event_host = site_root


def url_path_join(*items: str) -> str:
    """Join URL path pieces with single slashes.

    Args:
        items: the parts to join with single slashes.
    """
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
    """What the sync and async clients share: host, timeouts, TLS settings, tokens, the cache
    state, and how a request's query is prepared. No I/O here."""

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
        self.cache = ClientCache(self, cache_enabled)
        #: Lookups that rarely change, kept a while by this client (the default task status...).
        self.lookups: LookupMemo[Any] = LookupMemo()
        #: Operations `run_many` (and the kitsu_sdk.bulk helpers) run at once by default.
        self.concurrency: int = C.BULK_CONCURRENCY

    # -- configuration --------------------------------------------------------------------------

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(host={self._host!r}, user={self._user_label()!r}, "
            f"token={mask(self.auth.tokens.get('access_token'))})"
        )

    def _user_label(self) -> Optional[str]:
        person = self.logged_in_user or {}
        return person.get("email") or person.get("id")

    @property
    def logged_in_user(self) -> Optional[dict[str, Any]]:
        """The person Zou returned at log-in (None with a bot token). `client.user` is gazu's
        `user` module (the logged-in person's tasks, filters, notifications ...)."""
        return self.auth.user

    def make_auth_header(self) -> dict[str, str]:
        """gazu's request headers: User-Agent, and Authorization when there is a token (a
        secret: do not log it)."""
        headers = {"User-Agent": C.USER_AGENT.format(version=__version__)}
        headers.update(self.auth.header()[0])
        return headers

    @property
    def host(self) -> str:
        """The API URL; HostError when none was set."""
        if not self._host:
            raise HostError("no Kitsu host set: call set_host('https://kitsu.example.com/api')")
        return self._host

    def set_host(self, url: str) -> str:
        """Point the client at another API host; returns the normalised URL.

        Args:
            url: the API URL, such as `https://kitsu.example.com/api`.
        """
        before = self.cache.scope() if self.cache.enabled else ""
        self._host = normalize_host(url)
        # The sync transport keeps the environment's proxy settings per host: read them again.
        forget = getattr(getattr(self, "_transport", None), "forget_environment", None)
        if forget is not None:
            forget()
        self._identity_changed(before)
        return self._host

    @property
    def web_root(self) -> str:
        """The Kitsu web app's URL (the host without its `/api` suffix), for entity links."""
        return site_root(self.host)

    @property
    def event_host(self) -> str:
        return self._event_host or derive_event_host(self.host)

    def set_event_host(self, url: str) -> str:
        """Set where the client reaches the events server; returns the normalised URL.

        Args:
            url: the socket.io URL of the events server.
        """
        self._event_host = normalize_host(url)
        return self._event_host

    # -- tokens ---------------------------------------------------------------------------------

    @property
    def tokens(self) -> dict[str, str]:
        """The current tokens (a copy). Treat them as secrets."""
        return self.auth.tokens

    def set_tokens(self, new_tokens: Mapping[str, str]) -> dict[str, str]:
        """Use these tokens (`access_token`, optional `refresh_token`).

        Args:
            new_tokens: `access_token` and optionally `refresh_token`.
        """
        before = self.cache.scope() if self.cache.enabled else ""
        self.auth.set_tokens(new_tokens)
        self._identity_changed(before)
        return self.tokens

    def set_token(self, token: Union[str, Mapping[str, str]]) -> dict[str, str]:
        """Use a bot/API token (a string) or a tokens dict. Bot tokens cannot be refreshed.

        Args:
            token: a bot or API access token (a string), or a tokens dict (`access_token`,
                `refresh_token`).
        """
        before = self.cache.scope() if self.cache.enabled else ""
        self.auth.set_token(token)
        self._identity_changed(before)
        return self.tokens

    @property
    def refresh_count(self) -> int:
        return self.auth.refresh_count

    def _identity(self) -> str:
        return self.auth.identity()

    def _identity_changed(self, before: str) -> None:
        """Log-in, log-out, host or token change: drop what the previous identity cached (and
        what the new one may have cached in an earlier session)."""
        self.lookups.clear()
        if self.cache.enabled and before:
            self.cache.clear(before)
            self.cache.clear()

    def url(self, path: str) -> str:
        """The full URL of an API path.

        Args:
            path: the API path.
        """
        if not isinstance(path, str):
            raise InvalidInputError(f"an API path must be text, got {type(path).__name__}")
        return f"{self.host}/{path.lstrip('/')}"

    def _download_args(self, call: Download[Any]) -> tuple[tuple[str, str, str], dict[str, Any]]:
        """The transport's download arguments for a Download call (both clients send it so)."""
        url = call.path if call.full else self.url(call.path)
        return (url, call.label, call.target), {
            "params": _clean_params(call.params),
            "timeout": self.transfer_timeout,
            "progress_callback": call.progress_callback,
            "processing_timeout": call.processing_timeout,
            "authenticate": call.authenticate,
        }

    def _raw_get_args(self, call: RawGet[Any]) -> tuple[tuple[str, str, str], dict[str, Any]]:
        """The transport's request arguments for a RawGet call: the bytes of a path or URL."""
        url = call.path if call.full else self.url(call.path)
        return ("GET", url, call.path), {"timeout": self.transfer_timeout, "params": call.params}


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


# -- the default client ------------------------------------------------------------------------
