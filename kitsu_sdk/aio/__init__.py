"""The async client: `AsyncKitsuClient` runs every module's operations on an event loop
(`await aclient.shot.get_shot(shot_id)`), and gazu.aio's primitives are here as functions
(`await kitsu_sdk.aio.get("data/projects", client=aclient)`). Needs `pip install
'kitsu_sdk[async]'` (httpx; aiohttp for the async event listener).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Callable, Optional, Union

from .._client_base import url_path_join
from .._core.call import ProgressCallback
from .._core.errors import AuthenticationError, error_for_response
from .._operations import raw
from ._client import AsyncKitsuClient, require_client
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
)
from .events import AsyncEventListener


async def upload(
    path: str,
    file_path: Optional[str] = None,
    data: Optional[Mapping[str, Any]] = None,
    extra_files: Optional[list[str]] = None,
    client: Optional[AsyncKitsuClient] = None,
    progress_callback: Optional[ProgressCallback] = None,
    files: Optional[Mapping[str, str]] = None,
) -> Any:
    """POST files as multipart form data streamed from disk, with progress (gazu.aio's order:
    `client` before `progress_callback`; `files` maps more field names to paths).

    Args:
        path: the API path.
        file_path: the file sent as the `file` field, or None.
        data: form fields sent with the files.
        extra_files: more files, sent as `file-2`, `file-3`...
        client: the AsyncKitsuClient to run on (required: there is no default async client).
        progress_callback: called as `progress_callback(done, total)` (bytes) while the file is
            transferred; None: no progress report.
        files: field names mapped to local file paths.

    Calls: POST /<path>
    """
    op = raw.upload(path, file_path, data, extra_files, files, progress_callback)
    return await require_client(client).run(op)


def get_full_url(path: str, client: Optional[AsyncKitsuClient] = None) -> str:
    """The full URL of an API path on the client's host.

    Args:
        path: the API path.
        client: the AsyncKitsuClient to run on (required: there is no default async client).
    """
    return require_client(client).url(path)


async def log_in(
    email: str,
    password: str,
    totp: Optional[str] = None,
    email_otp: Optional[str] = None,
    fido_authentication_response: Optional[dict[str, Any]] = None,
    recovery_code: Optional[str] = None,
    client: Optional[AsyncKitsuClient] = None,
) -> dict[str, Any]:
    """Log the client in; raises a LoginError subclass naming Zou's reason.

    Args:
        email: the user's e-mail address (or a desktop login).
        password: the password.
        totp: the current code of the user's authenticator app (two-factor authentication).
        email_otp: a one-time code received by e-mail (see send_email_otp).
        fido_authentication_response: the answer of a FIDO2 security key to Zou's challenge.
        recovery_code: one of the user's two-factor recovery codes.
        client: the AsyncKitsuClient to run on (required: there is no default async client).

    Calls: POST /auth/login
    """
    return await require_client(client).log_in(
        email, password, totp, email_otp, fido_authentication_response, recovery_code
    )


async def log_out(client: Optional[AsyncKitsuClient] = None) -> dict[str, Any]:
    """Revoke the client's tokens.

    Args:
        client: the AsyncKitsuClient to run on (required: there is no default async client).

    Calls: GET /auth/logout
    """
    return await require_client(client).log_out()


async def check_server_status(client: Optional[AsyncKitsuClient] = None) -> bool:
    """True when the host answers like a Zou.

    Args:
        client: the AsyncKitsuClient to run on (required: there is no default async client).

    Calls: GET /
    """
    return await require_client(client).host_is_valid()


async def create_session(
    host: str,
    email: str,
    password: str,
    totp: Optional[str] = None,
    email_otp: Optional[str] = None,
    fido_authentication_response: Optional[dict[str, Any]] = None,
    recovery_code: Optional[str] = None,
    ssl_verify: Union[bool, str] = True,
    use_refresh_token: bool = True,
    callback_not_authenticated: Optional[Callable[[AsyncKitsuClient], Any]] = None,
) -> AsyncKitsuClient:
    """A new logged-in AsyncKitsuClient: `async with await create_session(...) as aclient:`
    logs out and closes at the end.

    Args:
        host: the API URL, such as `https://kitsu.example.com/api`.
        email: the user's e-mail address.
        password: the password.
        totp: the current code of the user's authenticator app (two-factor authentication).
        email_otp: a one-time code received by e-mail (see send_email_otp).
        fido_authentication_response: the answer of a FIDO2 security key to Zou's challenge.
        recovery_code: one of the user's two-factor recovery codes.
        ssl_verify: verify TLS certificates (or a CA bundle path).
        use_refresh_token: gazu's parameter; tokens are refreshed when possible.
        callback_not_authenticated: called as `callback(client)` when the token cannot be renewed.

    Calls: POST /auth/login
    """
    client = AsyncKitsuClient(
        host,
        ssl_verify=ssl_verify,
        use_refresh_token=use_refresh_token,
        callback_not_authenticated=callback_not_authenticated,
    )
    try:
        await client.log_in(
            email, password, totp, email_otp, fido_authentication_response, recovery_code
        )
    except BaseException:
        await client.close()
        raise
    return client


async def check_status(
    response: Any, path: str, client: Optional[AsyncKitsuClient] = None
) -> tuple[int, bool]:
    """gazu.aio's status check of a response you got yourself (aiohttp's, or httpx's):
    `(status, False)` for a success; for an expired token `(status, True)` after renewing it
    when `client` has a refresh token (send the request again); else raises the SDK's error
    for the status (gazu's names are aliases), carrying Zou's message.

    Args:
        response: the response (aiohttp's or httpx's).
        path: the API path the request was sent to (named in errors).
        client: the AsyncKitsuClient to run on (required: there is no default async client).
    """
    status = int(getattr(response, "status_code", None) or response.status)
    if status < 400:
        return status, False
    if hasattr(response, "aread"):  # httpx
        content = await response.aread()
    else:  # aiohttp
        content = await response.read()
    body: Any
    try:
        body = json.loads(content) if content else None
    except ValueError:
        body = content.decode("utf-8", "replace")
    method = getattr(getattr(response, "request", None), "method", None)
    method = method or getattr(response, "method", None) or "GET"
    error = error_for_response(status, str(method), path, body)
    if isinstance(error, AuthenticationError) and client is not None:
        if client.tokens.get("refresh_token"):
            await client.refresh_access_token()
            return status, True
    raise error


__all__ = [
    "AsyncEventListener",
    "AsyncKitsuClient",
    "check_server_status",
    "check_status",
    "create",
    "create_session",
    "delete",
    "download",
    "fetch_all",
    "fetch_first",
    "fetch_one",
    "get",
    "get_api_version",
    "get_current_user",
    "get_file_data_from_url",
    "get_full_url",
    "import_data",
    "log_in",
    "log_out",
    "post",
    "put",
    "require_client",
    "update",
    "upload",
    "url_path_join",
]
