"""Persons (zou/app/blueprints/crud/person.py): creation with Zou's checks (role, unique e-mail
for non-bots, password kept by the fake for log-in, a bot's access token), updates (a person may
update themself, without role/active/departments unless admin), departments."""

from __future__ import annotations

from typing import Any

from ._fake import Request, Response, Row, abort, json_response, route, wrong_parameter
from ._routes_crud import create_row, serialize, update_row

ROLES = ("user", "admin", "supervisor", "manager", "client", "vendor")
CONTRACT_TYPES = (
    "open-ended", "fixed-term", "short-term", "freelance", "apprentice", "internship",
)  # fmt: skip
ADMIN_ONLY = (
    "role", "departments", "active", "is_bot", "archived", "is_generated_from_ldap", "ldap_uid",
    "last_presence", "studio_id", "expiration_date",
)  # fmt: skip
MIN_PASSWORD_LENGTH = 8  # Zou's default MIN_PASSWORD_LENGTH
PROTECTED = ("password", "jti", "totp_enabled", "email_otp_enabled", "fido_enabled")


@route("POST", "data/persons")
def new_person(req: Request) -> Any:
    req.require_admin()
    body = req.json()
    if not isinstance(body, dict):
        raise wrong_parameter("Data are empty.")
    body = dict(body)
    password = body.pop("password", None)
    if body.get("role", "user") not in ROLES:
        raise wrong_parameter("Invalid role")
    if body.get("contract_type", "open-ended") not in CONTRACT_TYPES:
        raise wrong_parameter("Invalid contract_type")
    email = body.get("email")
    if email is not None:
        email = str(email).strip()
        if "@" not in email:
            raise wrong_parameter("Email is not valid.")
        body["email"] = email
        if not body.get("is_bot") and any(
            p.get("email") == email and not p.get("is_bot") for p in req.store.all("persons")
        ):
            raise wrong_parameter("Email already in use.")
    for key in ("totp_enabled", "email_otp_enabled", "fido_enabled"):
        body.pop(key, None)
    person = create_row(req, "persons", body)
    if password:
        req.fake.passwords[person["id"]] = str(password)
    out = serialize("persons", person, relations=True)
    if person.get("is_bot"):
        out["access_token"] = req.fake.issue_tokens(person["id"])["access_token"]
    return json_response(out, 201)


@route("PUT", "data/persons/<person_id>")
def update_person(req: Request) -> Any:
    person = req.store.require("persons", req.params["person_id"])
    if person["id"] != (req.user or {}).get("id"):
        req.require_admin()
    body = req.json()
    if not isinstance(body, dict):
        raise wrong_parameter("Data are empty.")
    changes = {k: v for k, v in body.items() if k not in PROTECTED}
    if not req.is_admin:
        for key in ADMIN_ONLY:
            changes.pop(key, None)
    if "role" in changes and changes["role"] not in ROLES:
        raise wrong_parameter("Invalid role")
    if isinstance(changes.get("departments"), list):
        changes["departments"] = [
            d["id"] if isinstance(d, dict) else d for d in changes["departments"]
        ]
    if "email" in changes and changes["email"] != person.get("email"):
        email = str(changes["email"]).strip()
        if any(
            p.get("email") == email and p["id"] != person["id"] and not p.get("is_bot")
            for p in req.store.all("persons")
        ):
            raise wrong_parameter("Email already in use.")
    saved_role = req.user
    try:
        req.user = req.fake.admin if person["id"] == (req.user or {}).get("id") else req.user
        updated = update_row(req, "persons", person, changes)
    finally:
        req.user = saved_role
    if {"first_name", "last_name"} & set(changes):
        updated["full_name"] = f"{updated['first_name']} {updated['last_name']}".strip()
    return serialize("persons", updated)


@route("POST", "actions/persons/<person_id>/departments/add")
def add_department(req: Request) -> Any:
    req.require_admin()
    person = req.store.require("persons", req.params["person_id"])
    department = req.store.require("departments", (req.json() or {}).get("department_id"))
    departments = list(person.get("departments") or [])
    if department["id"] not in departments:
        departments.append(department["id"])
    req.store.update("persons", person["id"], {"departments": departments})
    return json_response(serialize("persons", person, relations=True), 201)


@route("DELETE", "actions/persons/<person_id>/departments/<department_id>")
def remove_department(req: Request) -> Any:
    req.require_admin()
    person = req.store.require("persons", req.params["person_id"])
    departments = [d for d in person.get("departments") or [] if d != req.params["department_id"]]
    req.store.update("persons", person["id"], {"departments": departments})
    return Response(204, {}, b"")


def _not_bot(req: Request) -> Row:
    person = req.store.require("persons", req.params["person_id"])
    if person.get("is_bot"):
        raise wrong_parameter("This person is a bot.")
    return person


@route("POST", "actions/persons/<person_id>/change-password")
def change_password(req: Request) -> Any:
    person = _not_bot(req)
    req.require_admin()
    body = req.json() or {}
    password, confirmation = str(body.get("password") or ""), body.get("password_2")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise abort(400, "Password is too short.")
    if confirmation is not None and confirmation != password:
        raise abort(400, "Confirmation password doesn't match.")
    if not person.get("active", True):
        raise abort(400, "User is unactive.")
    req.fake.passwords[person["id"]] = password
    return {"success": True}


@route("GET", "actions/persons/<person_id>/invite")
def invite(req: Request) -> Any:
    _not_bot(req)
    req.require_admin()
    return {"success": True, "message": "Email sent"}
