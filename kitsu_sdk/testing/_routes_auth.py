"""auth/*, the API root: log-in, log-out, token refresh, who am I."""

from __future__ import annotations

from typing import Any

from ._fake import Request, abort_with, json_response, route

ORGANISATION = {
    "name": "Kitsu",
    "hours_by_day": 8.0,
    "has_avatar": False,
    "use_original_file_name": False,
    "timesheets_locked": False,
    "format_duration_in_hours": False,
    "hd_by_default": False,
    "chat_token_slack": "",
    "chat_webhook_mattermost": "",
    "chat_token_discord": "",
    "dark_theme_by_default": False,
    "type": "Organisation",
}


@route("GET", "", auth=False)
def api_root(req: Request) -> Any:
    return {"api": "Zou", "version": "1.0.97"}


def organisation(req: Request) -> dict[str, Any]:
    store = req.store
    row = store.first("organisations")
    if row is None:
        row = store.insert("organisations", ORGANISATION, type="Organisation")
    return row


@route("POST", "auth/login", auth=False)
def login(req: Request) -> Any:
    body = req.json()
    email = body.get("email") if isinstance(body, dict) else None
    password = body.get("password") if isinstance(body, dict) else None
    if not email:
        raise abort_with(
            400,
            {
                "error": True,
                "message": "Validation error.",
                "data": {"errors": [{"field": "email", "message": "Field required"}]},
            },
        )
    person = req.store.first("persons", email=email) or req.store.first(
        "persons", desktop_login=email
    )
    if (
        person is None
        or not person.get("active", True)
        or req.fake.passwords.get(person["id"]) != password
    ):
        raise abort_with(400, {"login": False, "message": "Wrong email or password."})
    tokens = req.fake.issue_tokens(person["id"])
    return {
        "user": person,
        "organisation": organisation(req),
        "login": True,
        "access_token": tokens["access_token"],
        "refresh_token": tokens["refresh_token"],
    }


@route("GET", "auth/logout")
def logout(req: Request) -> Any:
    from ._fake import read_jwt

    token = req.headers.get("authorization", "")[7:].strip()
    claims = read_jwt(token) or {}
    if claims.get("jti"):
        req.fake.revoked.add(str(claims["jti"]))
    return json_response({"logout": True})


@route("GET", "auth/refresh-token", auth=False)
def refresh_token(req: Request) -> Any:
    person = req.fake._authenticate(req.headers, kind="refresh")
    return {"access_token": req.fake.issue_tokens(person["id"])["access_token"]}


@route("GET", "auth/authenticated")
def authenticated(req: Request) -> Any:
    return {"authenticated": True, "user": req.user, "organisation": organisation(req)}
