"""login, logout, status: the stored session (host, e-mail, refresh token; never a password)."""

from __future__ import annotations

import os
from typing import Optional

import click

from .._client import KitsuClient
from .._client_base import normalize_host
from .._core.errors import KitsuError
from ..config import delete_session, load_session, resolve_settings, save_session, session_path
from ._common import echo_json, fail, get_client, json_option, wants_json


def _pick_host(host: str) -> str:
    """The host as given when it answers like Zou, else with `/api` appended when that does
    (gazu-cli always appends it; a Zou served at the root has no /api)."""
    given = normalize_host(host if "://" in host else f"https://{host}")
    if given.endswith("/api"):
        return given
    if KitsuClient(given).host_is_valid():
        return given
    with_api = f"{given}/api"
    return with_api if KitsuClient(with_api).host_is_valid() else given


@click.command()
@click.option("--host", prompt=True, default=lambda: os.environ.get("KITSU_HOST") or None,
              help="Kitsu API URL.")  # fmt: skip
@click.option("--email", prompt=True, default=lambda: os.environ.get("KITSU_LOGIN") or None,
              help="User email.")  # fmt: skip
@click.option("--password", prompt=True, hide_input=True, help="User password.")
@click.option("--event-host", default=None, help="Events URL, when not derived from the host.")
def login(host: str, email: str, password: str, event_host: Optional[str]) -> None:
    """Log in to a Kitsu and store the session in the user's config dir (mode 0600).

    The refresh token is stored, never the password.
    """
    chosen = _pick_host(host)
    client = KitsuClient(chosen, event_host=event_host)
    try:
        client.log_in(email, password)
        refresh = client.tokens.get("refresh_token")
        if not refresh:
            fail("Kitsu gave no refresh token: nothing to store.")
        path = save_session(chosen, refresh, email=email.strip(), event_host=event_host)
    finally:
        client.close()
    click.echo(f"Logged in to {chosen} as {email.strip()} (session stored in {path})")


@click.command()
def logout() -> None:
    """Log out: revoke the stored session on the server and delete it."""
    session = load_session()
    if session is not None:
        client = KitsuClient(str(session["host"]))
        try:
            client.resume_session(str(session["refresh_token"]))
            client.log_out()
        except KitsuError as error:
            click.echo(f"Could not revoke the session on the server: {error}", err=True)
        finally:
            client.close()
    existed = delete_session()
    click.echo("Logged out." if existed else "Logged out (no stored session).")


@click.command()
@json_option
def status() -> None:
    """Show the host, Zou's version and the user, and where the settings came from."""
    client = get_client()
    settings = resolve_settings()
    user = client.get_current_user()
    version = client.get_api_version()
    auth_from = {
        "token": "KITSU_TOKEN",
        "password": "KITSU_LOGIN/KITSU_PASSWORD",
        "session": f"stored session ({session_path()})",
    }.get(settings.auth or "", "none")
    if settings.sources.get("auth") == "argument":
        auth_from = "arguments"
    if wants_json():
        echo_json(
            {
                "host": client.host,
                "event_host": client.event_host,
                "api_version": version,
                "user": user,
                "auth": settings.auth,
                "sources": settings.sources,
            }
        )
        return
    click.echo(f"Host:    {client.host}")
    click.echo(f"API:     {version}")
    name = " ".join(str(user.get(k) or "") for k in ("first_name", "last_name")).strip()
    click.echo(f"User:    {name} ({user.get('email')})")
    click.echo(f"Auth:    {auth_from}")
