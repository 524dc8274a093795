"""The one exception tree of kitsu_sdk (gazu's names for it are aliases in kitsu_sdk.exception).

    KitsuError
    ├── InvalidInputError (ValueError)         bad input caught before any request
    │   ├── InvalidIdError                     not a Kitsu id (a name where an id belongs…)
    │   ├── MissingFileError (FileNotFoundError)
    │   └── NotFoundInKitsuError (LookupError)  a name lookup that found nothing
    ├── HostError                              host unset, malformed, or not a Zou
    ├── TransportError                         nothing usable came back
    │   ├── KitsuConnectionError (ConnectionError)
    │   └── KitsuTimeoutError (TimeoutError)
    ├── TransferError
    │   ├── UploadError
    │   ├── DownloadError
    │   └── PreviewProcessingError
    └── APIError                               Zou answered with an error status
        ├── BadRequestError            400
        ├── AuthenticationError        401 (and Zou's 422 token errors)
        │   └── LoginError             a refused log-in, with Zou's reason
        │       ├── WrongCredentialsError, OTPRequiredError, WrongOTPError,
        │       └── TooManyAttemptsError, DefaultPasswordError, InactiveUserError
        ├── PermissionDeniedError      403
        ├── NotFoundError              404 (LookupError)
        ├── MethodNotAllowedError      405
        ├── ConflictError              409, 422
        ├── PayloadTooLargeError       413
        ├── RateLimitError             429
        └── ServerError                5xx

`error_for_response` is the single mapping from a status and body to a class.
"""

from __future__ import annotations

from typing import Any


class KitsuError(Exception):
    """Root of every error kitsu_sdk raises."""


class InvalidInputError(KitsuError, ValueError):
    """An argument is wrong; raised before anything is sent."""


class InvalidIdError(InvalidInputError):
    """A value that should be a Kitsu id (UUID), an entity dict or an object with `.id`."""


class MissingFileError(InvalidInputError, FileNotFoundError):
    """A local file given to an upload does not exist."""


class NotFoundInKitsuError(InvalidInputError, LookupError):
    """A lookup by name (a status short name, a task type…) found nothing on the server."""


class HostError(KitsuError):
    """The host is unset, malformed, or does not answer like a Zou server."""


class TransportError(KitsuError):
    """The request did not produce a usable answer."""

    def __init__(self, message: str, method: str = "", path: str = "") -> None:
        super().__init__(message)
        self.method = method
        self.path = path


class KitsuConnectionError(TransportError, ConnectionError):
    """The server could not be reached (refused, reset, DNS, TLS)."""


class KitsuTimeoutError(TransportError, TimeoutError):
    """The server did not answer within the timeout."""


class TransferError(KitsuError):
    """An upload or a download did not complete."""


class UploadError(TransferError):
    """An upload was refused or did not complete."""


class DownloadError(TransferError):
    """A download was refused or did not complete; no partial file is left."""


class PreviewProcessingError(TransferError):
    """Zou accepted a preview file but could not process it."""


class APIError(KitsuError):
    """Zou answered with an error status.

    Attributes:
        status: the HTTP status code.
        method: the HTTP method sent.
        path: the API path requested (no host, no query string).
        message: Zou's message, from `message`, `msg` or `error` in the body.
        body: the decoded JSON body, or the text when it was not JSON.
    """

    def __init__(
        self,
        status: int,
        method: str,
        path: str,
        message: str,
        body: Any = None,
    ) -> None:
        self.status = status
        self.method = method
        self.path = path
        self.message = message
        self.body = body
        super().__init__(f"{status} {method} {path}: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.status, self.method, self.path, self.message, self.body))


class InvalidResponseError(APIError):
    """A success status whose body is not what the route gives: an HTML page from a proxy, a
    JSON body cut short (`cut`). `body` holds the start of what came."""

    cut = False


class BadRequestError(APIError):
    """400: Zou refused the parameters or the body."""


class AuthenticationError(APIError):
    """401 (or Zou's 422 for malformed tokens): no valid token."""


class LoginError(AuthenticationError):
    """Zou refused a log-in; `reason` is a short code of why."""

    reason = "failed"


class WrongCredentialsError(LoginError):
    reason = "wrong_credentials"


class OTPRequiredError(LoginError):
    reason = "missing_otp"


class WrongOTPError(LoginError):
    reason = "wrong_otp"


class TooManyAttemptsError(LoginError):
    reason = "too_many_attempts"


class DefaultPasswordError(LoginError):
    """The account still has its default password; Zou wants it changed first."""

    reason = "default_password"


class InactiveUserError(LoginError):
    reason = "inactive"


class PermissionDeniedError(APIError):
    """403: the user may not do this."""


class NotFoundError(APIError, LookupError):
    """404: no such route or object."""


class MethodNotAllowedError(APIError):
    """405: the route exists but not for this method."""


class ConflictError(APIError):
    """409 or 422: the request conflicts with the server's state."""


class PayloadTooLargeError(APIError):
    """413: the body is over the server's limit."""


class RateLimitError(APIError):
    """429: too many requests."""


class ServerError(APIError):
    """5xx: the server failed."""


_STATUS_CLASSES: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    405: MethodNotAllowedError,
    409: ConflictError,
    413: PayloadTooLargeError,
    422: ConflictError,
    429: RateLimitError,
}

# flask-jwt-extended answers 422 for tokens it cannot decode: to a caller, "not authenticated".
_TOKEN_422_MARKERS = ("segments", "token", "signature", "jwt")


def message_from_body(body: Any, default: str = "No additional information") -> str:
    """Zou's error message from a decoded body (`message`, `msg` or `error`), followed by the
    fields its validation refused (`data.errors`), as gazu shows them: "Invalid (name: ...)".

    Args:
        body: the decoded body of an error answer.
        default: the message when the body has none.
    """
    if isinstance(body, dict):
        message = default
        for key in ("message", "msg", "error", "description"):
            value = body.get(key)
            if isinstance(value, str) and value:
                message = value
                break
        data = body.get("data")
        errors = data.get("errors") if isinstance(data, dict) else None
        if isinstance(errors, list):
            details = ", ".join(
                f"{error.get('field')}: {error.get('message')}"
                for error in errors
                if isinstance(error, dict)
            )
            if details:
                message = f"{message} ({details})"
        return message
    if isinstance(body, str) and body.strip():
        return body.strip()[:500]
    return default


def _login_error_class(body: Any, status: int) -> type[LoginError]:
    if not isinstance(body, dict):
        return LoginError
    if body.get("too_many_failed_login_attemps"):
        return TooManyAttemptsError
    if body.get("missing_OTP"):
        return OTPRequiredError
    if body.get("wrong_OTP"):
        return WrongOTPError
    if body.get("default_password"):
        return DefaultPasswordError
    if body.get("unactive") or status == 401:
        return InactiveUserError
    return WrongCredentialsError


def error_for_response(
    status: int, method: str, path: str, body: Any, *, login: bool = False
) -> APIError:
    """Build (not raise) the exception for an error answer. Pure: no I/O.

    Args:
        status: the HTTP status of the answer.
        method: the HTTP method sent.
        path: the API path requested.
        body: the decoded body of the answer.
        login: the answer is the log-in route's (a 404 or 405 then means a wrong host).
    """
    message = message_from_body(body)
    cls: type[APIError]
    if login and status in (404, 405):
        # No log-in route there: the host is wrong (a bare Zou serves its API at the root, one
        # behind Kitsu's nginx under /api), not the credentials.
        cls = _STATUS_CLASSES.get(status, APIError)
        message = f"no Kitsu log-in route at this host ({message}): check the host and its /api"
    elif login and status >= 500:
        cls = ServerError
    elif login:
        cls = _login_error_class(body, status)
    elif status == 422 and any(m in message.lower() for m in _TOKEN_422_MARKERS):
        cls = AuthenticationError
    elif status >= 500:
        cls = ServerError
    else:
        cls = _STATUS_CLASSES.get(status, APIError)
    return cls(status, method, path, message, body)
