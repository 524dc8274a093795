"""kitsu_sdk: a Python client for Kitsu (Zou) with timeouts, retries, typed errors, token refresh
that keeps working, a per-client cache and a socket.io listener that reconnects.

Use it like gazu (`kitsu_sdk.set_host(h); kitsu_sdk.log_in(e, p); kitsu_sdk.shot.get_shot(i)`) or
with a client object (`c = KitsuClient(h); c.log_in(e, p); kitsu_sdk.shot.get_shot(i, client=c)`).
Family modules load on first attribute access, so importing the package stays cheap.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional, Union

from ._core.errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    HostError,
    InvalidIdError,
    InvalidInputError,
    KitsuConnectionError,
    KitsuError,
    KitsuTimeoutError,
    LoginError,
    NotFoundError,
    PermissionDeniedError,
    ServerError,
)
from ._core.version import __version__
from .client import KitsuClient, create_client, default_client, resolve_client, set_default_client

if TYPE_CHECKING:
    # What editors and type checkers see; at run time these load on first attribute access.
    from . import (  # noqa: F401 - the submodules, for type checkers
        aio,
        asset,
        bulk,
        cache,
        casting,
        client,
        comment,
        concept,
        config,
        context,
        custom_actions,
        edit,
        entity,
        event_names,
        events,
        exception,
        files,
        helpers,
        pagination,
        person,
        playlist,
        project,
        project_template,
        scene,
        search,
        shot,
        sorting,
        studio,
        sync,
        task,
        types,
        user,
    )
    from . import client as raw  # noqa: F401
    from ._core.call import Call, Flow, Op
    from ._core.refs import Ref
    from ._core.retry import RetryPolicy
    from .aio import AsyncKitsuClient
    from .exception import (  # noqa: F401
        AuthFailedException,
        DownloadFileException,
        FileDoesntExistException,
        GazuException,
        HostException,
        MethodNotAllowedException,
        NotAllowedException,
        NotAuthenticatedException,
        ParameterException,
        PreviewFileProcessingException,
        ProjectDoesntExistException,
        RouteNotFoundException,
        ServerErrorException,
        TaskMustBeADictException,
        TaskStatusNotFoundException,
        TooBigFileException,
        UploadFailedException,
        ValidationException,
    )

# A library's logger stays silent unless the application configures logging: without this, a
# DCC that set up no logging prints the SDK's retry warnings on its console.
logging.getLogger(__name__).addHandler(logging.NullHandler())

_SUBMODULES = frozenset(
    {
        "aio", "asset", "bulk", "cache", "casting", "client", "comment", "concept", "config",
        "context", "custom_actions", "edit", "entity", "event_names", "events", "exception",
        "files", "helpers", "pagination", "person", "playlist", "project", "project_template",
        "scene", "search", "shot", "sorting", "studio", "sync", "task", "types", "user",
    }
)  # fmt: skip
#: gazu's exception names, reachable from the top as `kitsu_sdk.AuthFailedException` (gazu
#: exports three there; scripts also reach for the others).
_GAZU_EXCEPTIONS = (
    "AuthFailedException", "DownloadFileException", "FileDoesntExistException",
    "GazuException", "HostException", "MethodNotAllowedException", "NotAllowedException",
    "NotAuthenticatedException", "ParameterException", "PreviewFileProcessingException",
    "ProjectDoesntExistException", "RouteNotFoundException", "ServerErrorException",
    "TaskMustBeADictException", "TaskStatusNotFoundException", "TooBigFileException",
    "UploadFailedException", "ValidationException",
)  # fmt: skip
#: Names users pass or annotate with, loaded with their module on first access.
_LAZY_NAMES = {
    **{name: ".exception" for name in _GAZU_EXCEPTIONS},
    "AsyncKitsuClient": ".aio",
    "Call": "._core.call",
    "Flow": "._core.call",
    "Op": "._core.call",
    "Ref": "._core.refs",
    "RetryPolicy": "._core.retry",
}


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES or name == "raw":
        # `raw` is gazu's alias of its client module (`from gazu import raw`).
        module = importlib.import_module(".client" if name == "raw" else f".{name}", __name__)
        globals()[name] = module
        return module
    if name in _LAZY_NAMES:
        value = getattr(importlib.import_module(_LAZY_NAMES[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kitsu_sdk' has no attribute {name!r}")


def set_host(url: str, client: Optional[KitsuClient] = None) -> None:
    """Set the API host, e.g. `https://kitsu.example.com/api` or `http://127.0.0.1:5000`.

    Returns None, as gazu's top-level `set_host` does (`kitsu_sdk.client.set_host` returns the
    normalised host).

    Args:
        url: the API URL, such as `https://kitsu.example.com/api`.
        client: the KitsuClient to use (None: the default client).
    """
    resolve_client(client).set_host(url)


def get_host(client: Optional[KitsuClient] = None) -> str:
    """The API host of the client.

    Args:
        client: the KitsuClient to use (None: the default client).
    """
    return resolve_client(client).host


def set_event_host(url: str, client: Optional[KitsuClient] = None) -> None:
    """Set where the socket.io event stream lives (derived from the host when unset).

    Returns None, as gazu's top-level `set_event_host` does (`kitsu_sdk.client.set_event_host`
    returns the normalised URL).

    Args:
        url: the socket.io URL of the events server.
        client: the KitsuClient to use (None: the default client).
    """
    resolve_client(client).set_event_host(url)


def get_event_host(client: Optional[KitsuClient] = None) -> str:
    """Where the client reaches the events server (socket.io).

    Args:
        client: the KitsuClient to use (None: the default client).
    """
    return resolve_client(client).event_host


def log_in(
    email: str,
    password: str,
    totp: Optional[str] = None,
    email_otp: Optional[str] = None,
    fido_authentication_response: Optional[dict[str, Any]] = None,
    recovery_code: Optional[str] = None,
    client: Optional[KitsuClient] = None,
) -> dict[str, Any]:
    """Log in; raises a LoginError subclass naming Zou's reason.

    Args:
        email: the user's e-mail address (or a desktop login).
        password: the password.
        totp: the current code of the user's authenticator app (two-factor authentication).
        email_otp: a one-time code received by e-mail (see send_email_otp).
        fido_authentication_response: the answer of a FIDO2 security key to Zou's challenge.
        recovery_code: one of the user's two-factor recovery codes.
        client: the KitsuClient to use (None: the default client).

    Calls: POST /auth/login
    """
    return resolve_client(client).log_in(
        email, password, totp, email_otp, fido_authentication_response, recovery_code
    )


def log_out(client: Optional[KitsuClient] = None) -> dict[str, Any]:
    """Revoke the session's tokens; returns `{}` (the cleared tokens), as gazu does. A token
    that already expired or was revoked is not an error: the client is logged out either way.

    Args:
        client: the KitsuClient to use (None: the default client).

    Calls: GET /auth/logout
    """
    return resolve_client(client).log_out()


def refresh_access_token(client: Optional[KitsuClient] = None) -> dict[str, str]:
    """Refresh the access token now.

    Args:
        client: the KitsuClient to use (None: the default client).

    Calls: GET /auth/refresh-token
    """
    return resolve_client(client).refresh_access_token()


def refresh_token(client: Optional[KitsuClient] = None) -> dict[str, str]:
    """gazu 0.x's name for `refresh_access_token`, still called by older integrations.

    Args:
        client: the KitsuClient to use (None: the default client).

    Calls: GET /auth/refresh-token
    """
    return resolve_client(client).refresh_access_token()


def send_email_otp(email: str, client: Optional[KitsuClient] = None) -> dict[str, Any]:
    """Ask Zou to send a one-time login code by e-mail.

    Args:
        email: the user's e-mail address.
        client: the KitsuClient to use (None: the default client).

    Calls: GET /auth/email-otp
    """
    return resolve_client(client).send_email_otp(email)


def set_token(
    token: Union[str, Mapping[str, str]], client: Optional[KitsuClient] = None
) -> dict[str, str]:
    """Use a bot/API token (str) or a tokens dict instead of logging in.

    Args:
        token: a bot or API access token (a string), or a tokens dict (`access_token`,
            `refresh_token`).
        client: the KitsuClient to use (None: the default client).
    """
    return resolve_client(client).set_token(token)


def create_session(
    host: str,
    email: str,
    password: str,
    totp: Optional[str] = None,
    email_otp: Optional[str] = None,
    fido_authentication_response: Optional[dict[str, Any]] = None,
    recovery_code: Optional[str] = None,
    ssl_verify: Union[bool, str] = True,
    cert: Any = None,
    use_refresh_token: bool = True,
    callback_not_authenticated: Any = None,
) -> KitsuClient:
    """A new logged-in client; use it in a `with` block to log out at the end.

    Args:
        host: the API URL, such as `https://kitsu.example.com/api`.
        email: the user's e-mail address.
        password: the password.
        totp: the current code of the user's authenticator app (two-factor authentication).
        email_otp: a one-time code received by e-mail (see send_email_otp).
        fido_authentication_response: the answer of a FIDO2 security key to Zou's challenge.
        recovery_code: one of the user's two-factor recovery codes.
        ssl_verify: verify TLS certificates (or a CA bundle path).
        cert: a client certificate (a path, or a (cert, key) tuple), or None.
        use_refresh_token: gazu's parameter; tokens are refreshed when possible.
        callback_not_authenticated: called as `callback(client)` when the token cannot be renewed.

    Calls: POST /auth/login (and GET /auth/logout when the block exits)
    """
    client = create_client(
        host,
        ssl_verify=ssl_verify,
        cert=cert,
        use_refresh_token=use_refresh_token,
        callback_not_authenticated=callback_not_authenticated,
    )
    client.log_in(email, password, totp, email_otp, fido_authentication_response, recovery_code)
    return client


__all__ = [
    *_GAZU_EXCEPTIONS,
    "APIError",
    "AsyncKitsuClient",
    "Call",
    "Flow",
    "Op",
    "Ref",
    "RetryPolicy",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "HostError",
    "InvalidIdError",
    "InvalidInputError",
    "KitsuClient",
    "KitsuConnectionError",
    "KitsuError",
    "KitsuTimeoutError",
    "LoginError",
    "NotFoundError",
    "PermissionDeniedError",
    "ServerError",
    "__version__",
    "create_client",
    "create_session",
    "default_client",
    "get_event_host",
    "get_host",
    "log_in",
    "log_out",
    "refresh_access_token",
    "refresh_token",
    "send_email_otp",
    "set_default_client",
    "set_event_host",
    "set_host",
    "set_token",
]
