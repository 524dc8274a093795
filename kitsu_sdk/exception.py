"""The exception tree (drawn and defined in `kitsu_sdk._core.errors`: KitsuError at the root,
APIError with status, method, path and message) and gazu's exception names as aliases.
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
    InvalidResponseError,
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
    "InvalidResponseError",
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
