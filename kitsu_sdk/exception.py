"""The exception tree (defined in the core, `_core/errors.py`) and gazu's names as aliases.

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

from ._core.errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    DefaultPasswordError,
    DownloadError,
    HostError,
    InactiveUserError,
    InvalidIdError,
    InvalidInputError,
    KitsuConnectionError,
    KitsuError,
    KitsuTimeoutError,
    LoginError,
    MethodNotAllowedError,
    MissingFileError,
    NotFoundError,
    NotFoundInKitsuError,
    OTPRequiredError,
    PayloadTooLargeError,
    PermissionDeniedError,
    PreviewProcessingError,
    RateLimitError,
    ServerError,
    TooManyAttemptsError,
    TransferError,
    TransportError,
    UploadError,
    WrongCredentialsError,
    WrongOTPError,
    error_for_response,
    message_from_body,
)

# gazu's names, so `except gazu.exception.RouteNotFoundException` ports unchanged.
GazuException = KitsuError
HostException = HostError
AuthFailedException = LoginError
NotAuthenticatedException = AuthenticationError
NotAllowedException = PermissionDeniedError
RouteNotFoundException = NotFoundError
MethodNotAllowedException = MethodNotAllowedError
ParameterException = BadRequestError
ValidationException = ConflictError
ServerErrorException = ServerError
TooBigFileException = PayloadTooLargeError
UploadFailedException = UploadError
DownloadFileException = DownloadError
PreviewFileProcessingException = PreviewProcessingError
FileDoesntExistException = MissingFileError
ProjectDoesntExistException = NotFoundInKitsuError
TaskStatusNotFoundException = NotFoundInKitsuError
TaskMustBeADictException = InvalidIdError

__all__ = [
    "APIError",
    "AuthFailedException",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "DefaultPasswordError",
    "DownloadError",
    "DownloadFileException",
    "FileDoesntExistException",
    "GazuException",
    "HostError",
    "HostException",
    "InactiveUserError",
    "InvalidIdError",
    "InvalidInputError",
    "KitsuConnectionError",
    "KitsuError",
    "KitsuTimeoutError",
    "LoginError",
    "MethodNotAllowedError",
    "MethodNotAllowedException",
    "MissingFileError",
    "NotAllowedException",
    "NotAuthenticatedException",
    "NotFoundError",
    "NotFoundInKitsuError",
    "OTPRequiredError",
    "ParameterException",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "PreviewFileProcessingException",
    "PreviewProcessingError",
    "ProjectDoesntExistException",
    "RateLimitError",
    "RouteNotFoundException",
    "ServerError",
    "ServerErrorException",
    "TaskMustBeADictException",
    "TaskStatusNotFoundException",
    "TooBigFileException",
    "TooManyAttemptsError",
    "TransferError",
    "TransportError",
    "UploadError",
    "UploadFailedException",
    "ValidationException",
    "WrongCredentialsError",
    "WrongOTPError",
    "error_for_response",
    "message_from_body",
]
