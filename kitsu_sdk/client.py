"""The default client and gazu's low-level helpers (`get`, `post`, `fetch_all`, `upload`, …) as
module functions that resolve a client at call time. KitsuClient itself lives in _client.py."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Callable, Optional, Protocol, Union

from ._client import KitsuClient, default_client, resolve_client, set_default_client
from ._client_base import (
    UNSET,
    derive_event_host,
    normalize_host,
    site_root,
    url_path_join,
)
from ._core.errors import (
    AuthenticationError,
    InvalidInputError,
    LoginError,
    error_for_response,
    message_from_body,
)
from ._core.transfer import decode_body
from ._raw import (
    create,
    delete,
    download,
    fetch_all,
    fetch_first,
    fetch_one,
    get,
    get_api_version,
    get_current_user,
    get_file_data_from_url,
    import_data,
    post,
    put,
    update,
    upload,
)


class _Response(Protocol):
    """What `check_status` reads of a response: a `requests.Response` (or httpx's) is one."""

    @property
    def status_code(self) -> int: ...

    @property
    def content(self) -> bytes: ...

    @property
    def text(self) -> str: ...

    def json(self) -> Any: ...

def create_client(
    host: str,
    ssl_verify: Union[bool, str] = True,
    cert: Any = None,
    use_refresh_token: bool = True,
    callback_not_authenticated: Optional[Callable[[KitsuClient], bool]] = None,
    **kwargs: Any,
) -> KitsuClient:
    """A new client for `host` (gazu's create_client). Tokens are always refreshed when possible.

    Args:
        host: the API URL, such as `https://kitsu.example.com/api`.
        ssl_verify: verify TLS certificates (or a CA bundle path).
        cert: a client certificate (a path, or a (cert, key) tuple), or None.
        use_refresh_token: gazu's parameter; tokens are always refreshed when possible.
        callback_not_authenticated: called as `callback(client)` when the token cannot be renewed;
            returning True replays the request.
        kwargs: more KitsuClient options (`timeout`, `retry`, `event_host`, `token`...)
    """
    return KitsuClient(
        host,
        ssl_verify=ssl_verify,
        cert=cert,
        callback_not_authenticated=callback_not_authenticated,
        **kwargs,
    )


# -- gazu's module-level helpers -----------------------------------------------------------------


def get_host(client: Optional[KitsuClient] = None) -> str:
    """The API host of the client.

    Args:
        client: the KitsuClient to use (None: the default client).
    """
    return resolve_client(client).host


def set_host(new_host: str, client: Optional[KitsuClient] = None) -> str:
    """Set the API host of the client (`https://kitsu.example.com/api` or a root-served Zou).

    Args:
        new_host: the API URL, such as `https://kitsu.example.com/api`.
        client: the KitsuClient to use (None: the default client).
    """
    return resolve_client(client).set_host(new_host)


def get_event_host(client: Optional[KitsuClient] = None) -> str:
    """Where the client reaches socket.io (derived from the host when unset).

    Args:
        client: the KitsuClient to use (None: the default client).
    """
    return resolve_client(client).event_host


def set_event_host(new_host: str, client: Optional[KitsuClient] = None) -> str:
    """Set where the client reaches socket.io.

    Args:
        new_host: the socket.io URL of the events server.
        client: the KitsuClient to use (None: the default client).
    """
    return resolve_client(client).set_event_host(new_host)


def get_api_url_from_host(client: Optional[KitsuClient] = None) -> str:
    """The Kitsu site URL: the host without its `/api` suffix (as gazu returns it).

    Args:
        client: the KitsuClient to use (None: the default client).
    """
    return resolve_client(client).web_root


def set_tokens(
    new_tokens: Mapping[str, str], client: Optional[KitsuClient] = None
) -> dict[str, str]:
    """Use these tokens (`access_token`, optional `refresh_token`) on the client.

    Args:
        new_tokens: `access_token` and optionally `refresh_token`.
        client: the KitsuClient to use (None: the default client).
    """
    return resolve_client(client).set_tokens(new_tokens)


def make_auth_header(client: Optional[KitsuClient] = None) -> dict[str, str]:
    """gazu's request headers: User-Agent, and Authorization when the client has a token (a
    secret: do not log it).

    Args:
        client: the KitsuClient to use (None: the default client).
    """
    return resolve_client(client).make_auth_header()


def check_status(
    request: _Response, path: str, client: Optional[KitsuClient] = None
) -> tuple[int, bool]:
    """gazu's status check of a response you got yourself (with `requests`): `(status, False)`
    for a success; for an expired token `(status, True)` after renewing it when the client has
    a refresh token (send the request again); else raises the SDK's error for the status
    (gazu's names are aliases: ParameterException for 400, RouteNotFoundException for 404 ...),
    carrying Zou's message.

    Args:
        request: the response (a `requests.Response` or alike).
        path: the API path the request was sent to (named in errors).
        client: the KitsuClient to use (None: the default client).
    """
    status = request.status_code
    if status < 400:
        return status, False
    sent = getattr(request, "request", None)
    method = getattr(sent, "method", None) or "GET"
    error = error_for_response(status, str(method), path, decode_body(request))
    if isinstance(error, AuthenticationError):
        resolved = resolve_client(client)
        if resolved.tokens.get("refresh_token"):
            resolved.refresh_access_token()
            return status, True
    raise error


def get_message_from_response(
    response: _Response, default_message: str = "No additional information"
) -> str:
    """Zou's message in an error response (`message`, `msg` or `error` of its JSON body).

    Args:
        response: the error response.
        default_message: the message when the body has none.
    """
    return message_from_body(decode_body(response), default_message)



def build_path_with_params(path: str, params: Optional[Mapping[str, Any]]) -> str:
    """`path?key=value&…` as gazu builds it: a list repeats its key (`ids=a&ids=b`), a path that
    already has a query gets `&…`. Unlike gazu, None values are left out (Zou would read the
    text "None").

    Args:
        path: the API path.
        params: the query parameters (None values are left out).
    """
    from urllib.parse import urlencode

    if not isinstance(path, str):
        raise InvalidInputError(f"path must be text, got {type(path).__name__}")
    if params is not None and not isinstance(params, Mapping):
        raise InvalidInputError(f"params must be a dict, got {type(params).__name__}")
    clean = {key: value for key, value in (params or {}).items() if value is not None}
    query = urlencode(clean, doseq=True)
    if not query:
        return path
    return f"{path}{'&' if '?' in path else '?'}{query}"


def get_full_url(path: str, client: Optional[KitsuClient] = None) -> str:
    """The full URL of an API path.

    Args:
        path: the API path.
        client: the KitsuClient to use (None: the default client).
    """
    return resolve_client(client).url(path)


def get_message_from_data(
    message_json: Any, default_message: str = "No additional information"
) -> str:
    """Zou's message in a decoded error body (`message`, `msg` or `error`).

    Args:
        message_json: the decoded body.
        default_message: the message when the body has none.
    """
    from ._core.errors import message_from_body

    return message_from_body(message_json, default_message)


def host_is_up(client: Optional[KitsuClient] = None) -> bool:
    """True when something answers at the host.

    Args:
        client: the KitsuClient to use (None: the default client).

    Calls: GET /
    """
    return resolve_client(client).host_is_up()


def host_is_valid(client: Optional[KitsuClient] = None) -> bool:
    """True when the host answers like Zou.

    Args:
        client: the KitsuClient to use (None: the default client).

    Calls: GET /
    """
    return resolve_client(client).host_is_valid()

















__all__ = [
    "UNSET",
    "KitsuClient",
    "LoginError",
    "build_path_with_params",
    "check_status",
    "create",
    "create_client",
    "default_client",
    "delete",
    "derive_event_host",
    "download",
    "fetch_all",
    "fetch_first",
    "fetch_one",
    "get",
    "get_api_url_from_host",
    "get_api_version",
    "get_current_user",
    "get_event_host",
    "get_file_data_from_url",
    "get_full_url",
    "get_host",
    "get_message_from_data",
    "get_message_from_response",
    "host_is_up",
    "host_is_valid",
    "import_data",
    "make_auth_header",
    "normalize_host",
    "post",
    "put",
    "resolve_client",
    "set_default_client",
    "set_event_host",
    "set_host",
    "set_tokens",
    "site_root",
    "update",
    "upload",
    "url_path_join",
]


