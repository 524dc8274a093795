"""TokenAuth on its own: claims, masking, identity; the refresh/replay paths are exercised
through the transport in test_transport.py."""

from __future__ import annotations

from typing import Any, Optional

import pytest
from unit_helpers import make_jwt

from kitsu_sdk._core.auth import TokenAuth, jwt_claims, mask
from kitsu_sdk.exception import AuthenticationError, InvalidInputError, WrongCredentialsError


def test_jwt_claims_reads_the_payload_without_verifying() -> None:
    token = make_jwt(60, sub="abc")
    assert jwt_claims(token)["sub"] == "abc"
    assert jwt_claims("not-a-jwt") == {}
    assert jwt_claims("a.!!!.c") == {}
    assert jwt_claims(None) == {}


def test_mask_never_shows_a_usable_token() -> None:
    token = make_jwt()
    assert mask(token) == f"…{token[-4:]}"
    assert mask("short") == "***"
    assert mask(None) == "None"


class Recorder:
    def __init__(self, answers: list[Any]) -> None:
        self.answers = answers
        self.sent: list[tuple[str, str, Optional[dict[str, str]], Any, bool]] = []

    def __call__(
        self, method: str, path: str, headers: Optional[dict[str, str]], body: Any, login: bool
    ) -> Any:
        self.sent.append((method, path, headers, body, login))
        return self.answers.pop(0)


def test_log_in_remembers_the_password_only_when_asked() -> None:
    send = Recorder(
        [
            {"login": True, "access_token": "a", "refresh_token": "r", "user": {"id": 1}},
            {"login": True, "access_token": "b", "refresh_token": "r2"},
        ]
    )
    auth = TokenAuth(send)
    auth.log_in({"email": "e", "password": "p", "totp": "1"}, remember=False)
    assert auth.user == {"id": 1} and auth.tokens == {"access_token": "a", "refresh_token": "r"}
    send.answers.insert(0, {"error": True})  # the refresh fails; no password to log in again
    assert auth.renew("a") is False
    assert [s[1] for s in send.sent] == ["auth/login", "auth/refresh-token"]
    assert send.sent[1][2] == {"Authorization": "Bearer r"}


def test_a_refused_login_body_is_a_login_error() -> None:
    auth = TokenAuth(Recorder([{"login": False, "message": "Wrong email or password."}]))
    with pytest.raises(WrongCredentialsError):
        auth.log_in({"email": "e", "password": "p"}, remember=True)
    assert auth.tokens == {}


def test_identity_and_bot_tokens() -> None:
    auth = TokenAuth(Recorder([]))
    assert auth.identity() == "anonymous"
    auth.set_token(make_jwt(sub="someone"))
    assert auth.identity() == "someone" and not auth.has_session
    auth.set_token("opaque-bot-token")
    assert len(auth.identity()) == 16 and "opaque" not in auth.identity()
    with pytest.raises(AuthenticationError):
        auth.refresh()
    with pytest.raises(InvalidInputError):
        auth.set_tokens({"refresh_token": "x"})
    assert "opaque-bot-token" not in repr(auth)
    auth.clear()
    assert auth.tokens == {}
