"""The exception tree and its single mapping function."""

from __future__ import annotations

import pickle

import pytest

from kitsu_sdk import exception as E


@pytest.mark.parametrize(
    ("status", "body", "cls"),
    [
        (400, {"error": True, "message": "bad"}, E.BadRequestError),
        (401, {"msg": "Missing JWT"}, E.AuthenticationError),
        (403, {"error": True, "message": "forbidden"}, E.PermissionDeniedError),
        (404, {"error": True, "message": "404 Not Found"}, E.NotFoundError),
        (405, {"message": "no"}, E.MethodNotAllowedError),
        (409, {"message": "conflict"}, E.ConflictError),
        (413, None, E.PayloadTooLargeError),
        (422, {"msg": "Not enough segments"}, E.AuthenticationError),
        (422, {"message": "Unprocessable"}, E.ConflictError),
        (429, None, E.RateLimitError),
        (500, {"error": True, "message": "Internal server error."}, E.ServerError),
        (503, "<html>busy</html>", E.ServerError),
        (418, None, E.APIError),
    ],
)
def test_mapping(status: int, body: object, cls: type[E.APIError]) -> None:
    error = E.error_for_response(status, "GET", "data/x", body)
    assert type(error) is cls
    assert error.status == status and error.path == "data/x" and error.method == "GET"
    assert str(status) in str(error)


def test_message_extraction() -> None:
    assert E.message_from_body({"message": "m", "msg": "x"}) == "m"
    assert E.message_from_body({"msg": "x"}) == "x"
    assert E.message_from_body(None) == "No additional information"
    assert E.message_from_body("  text ") == "text"


def test_tree_and_builtins() -> None:
    assert issubclass(E.NotFoundError, LookupError)
    assert issubclass(E.InvalidIdError, ValueError)
    assert issubclass(E.MissingFileError, FileNotFoundError)
    assert issubclass(E.KitsuConnectionError, ConnectionError)
    assert issubclass(E.KitsuTimeoutError, TimeoutError)
    for name in dir(E):
        obj = getattr(E, name)
        if isinstance(obj, type) and issubclass(obj, Exception) and obj.__module__ == E.__name__:
            assert issubclass(obj, E.KitsuError), name


def test_gazu_aliases() -> None:
    assert E.RouteNotFoundException is E.NotFoundError
    assert E.NotAuthenticatedException is E.AuthenticationError
    assert E.GazuException is E.KitsuError
    with pytest.raises(E.RouteNotFoundException):
        raise E.error_for_response(404, "GET", "data/x", {})


def test_api_errors_pickle() -> None:
    error = E.error_for_response(404, "GET", "data/x", {"message": "gone"})
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is E.NotFoundError and again.message == "gone"
