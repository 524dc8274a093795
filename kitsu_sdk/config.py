"""Where the default client's settings come from: explicit arguments, then the environment
(`KITSU_HOST`, `KITSU_EVENT_HOST`, `KITSU_TOKEN`, `KITSU_LOGIN` + `KITSU_PASSWORD`,
`KITSU_TIMEOUT`, `KITSU_CA_BUNDLE`), then the session `kitsu login` stored.

The stored session holds the host, the e-mail and the refresh token, never a password, in the
user's config dir (`$XDG_CONFIG_HOME/kitsu`, `~/.config/kitsu`, `%APPDATA%\\kitsu` on Windows),
written atomically with mode 0600. Only the default client (and `KitsuClient.from_env()`) reads
any of this: a plain `KitsuClient()` never does.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from ._client_base import normalize_host
from ._core import constants as C
from ._core.call import Timeout
from ._core.errors import InvalidInputError

if TYPE_CHECKING:
    from ._client import KitsuClient

__all__ = [
    "ENV_VARS",
    "Settings",
    "client_from_settings",
    "config_dir",
    "delete_session",
    "load_session",
    "resolve_settings",
    "save_session",
    "session_path",
]

#: The environment variables read, and what each sets.
ENV_VARS = {
    "KITSU_HOST": "the API URL, e.g. https://kitsu.example.com/api",
    "KITSU_EVENT_HOST": "the events (socket.io) URL; derived from the host when unset",
    "KITSU_TOKEN": "a bot or API access token (wins over KITSU_LOGIN/KITSU_PASSWORD)",
    "KITSU_LOGIN": "the e-mail (or desktop login) to log in with, on the first request",
    "KITSU_PASSWORD": "its password",
    "KITSU_TIMEOUT": "seconds to wait for an answer (or 'connect,read')",
    "KITSU_CA_BUNDLE": "a CA bundle file to verify the server's certificate with",
}

SESSION_FILE = "session.json"


def _environ(environ: Optional[Mapping[str, str]]) -> Mapping[str, str]:
    """`os.environ`, or the mapping given in its place (tests, a subprocess's environment)."""
    if environ is None:
        return os.environ
    if not isinstance(environ, Mapping):
        raise InvalidInputError(
            f"environ must be a mapping of variable names to values, got {type(environ).__name__}"
        )
    return environ


def _text(name: str, value: Any) -> Optional[str]:
    if value is not None and not isinstance(value, str):
        raise InvalidInputError(f"{name} must be text, got {type(value).__name__}")
    return value


# -- the config dir and the stored session -----------------------------------------------------


def config_dir(environ: Optional[Mapping[str, str]] = None) -> Path:
    """The user's kitsu config dir: `%APPDATA%\\kitsu` on Windows, else `$XDG_CONFIG_HOME/kitsu`
    or `~/.config/kitsu` (macOS too: command line tools live there).

    Args:
        environ: the environment (a mapping of variable names to values) whose `XDG_CONFIG_HOME`
            (`APPDATA` on Windows) locates the config dir; None reads `os.environ`.
    """
    env = _environ(environ)
    if sys.platform == "win32":
        base = env.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
    else:
        xdg = env.get("XDG_CONFIG_HOME", "")
        # The XDG spec: a relative path is invalid and is ignored.
        base = xdg if xdg and os.path.isabs(xdg) else str(Path.home() / ".config")
    return Path(base) / "kitsu"


def session_path(environ: Optional[Mapping[str, str]] = None) -> Path:
    """The file `kitsu login` writes (it may not exist).

    Args:
        environ: the environment (a mapping of variable names to values) whose `XDG_CONFIG_HOME`
            (`APPDATA` on Windows) locates the config dir; None reads `os.environ`.
    """
    return config_dir(environ) / SESSION_FILE


def load_session(environ: Optional[Mapping[str, str]] = None) -> Optional[dict[str, Any]]:
    """The stored session (`host`, `email`, `refresh_token`, ...), or None when there is none or
    it cannot be read (an unreadable session is as good as none: log in again).

    Args:
        environ: the environment (a mapping of variable names to values) whose `XDG_CONFIG_HOME`
            (`APPDATA` on Windows) locates the config dir; None reads `os.environ`.
    """
    path = session_path(environ)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not data.get("host") or not data.get("refresh_token"):
        return None
    return data


def save_session(
    host: str,
    refresh_token: str,
    email: Optional[str] = None,
    event_host: Optional[str] = None,
    environ: Optional[Mapping[str, str]] = None,
) -> Path:
    """Store a session (never a password): the folder made 0700, the file written whole to a
    temporary file created 0600 and renamed over the old one, so a reader never sees half a
    file and no other user can read it at any moment. Returns the file's path.

    Args:
        host: the API URL the session is for (e.g. `https://kitsu.example.com/api`), stored
            normalized (no trailing slash); not a URL: HostError.
        refresh_token: the refresh token to store; empty: InvalidInputError.
        email: the e-mail (or login) the session was opened with, stored as is (None: null).
        event_host: the events (socket.io) URL, stored normalized when given; None or empty:
            not stored (the client then derives it from the host).
        environ: the environment (a mapping of variable names to values) whose `XDG_CONFIG_HOME`
            (`APPDATA` on Windows) locates the config dir; None reads `os.environ`.
    """
    if not refresh_token:
        raise InvalidInputError("a stored session needs a refresh token")
    data: dict[str, Any] = {
        "host": normalize_host(host),
        "email": email,
        "refresh_token": refresh_token,
        "saved_at": int(time.time()),
    }
    if event_host:
        data["event_host"] = normalize_host(event_host)
    path = session_path(environ)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if sys.platform != "win32":
        os.chmod(path.parent, 0o700)
    # mkstemp creates the file with mode 0600 (O_EXCL): never readable by others, not even briefly.
    fd, temporary = tempfile.mkstemp(prefix=".session-", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    return path


def delete_session(environ: Optional[Mapping[str, str]] = None) -> bool:
    """Delete the stored session; True when there was one.

    Args:
        environ: the environment (a mapping of variable names to values) whose `XDG_CONFIG_HOME`
            (`APPDATA` on Windows) locates the config dir; None reads `os.environ`.
    """
    try:
        session_path(environ).unlink()
    except FileNotFoundError:
        return False
    return True


# -- settings --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """What the default client is made of, and where each part came from (`sources`:
    "argument", "environment" or "session"). The secrets stay out of the repr."""

    host: Optional[str] = None
    event_host: Optional[str] = None
    token: Optional[str] = field(default=None, repr=False)
    login: Optional[str] = None
    password: Optional[str] = field(default=None, repr=False)
    refresh_token: Optional[str] = field(default=None, repr=False)
    timeout: Optional[Timeout] = None
    ca_bundle: Optional[str] = None
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def auth(self) -> Optional[str]:
        """How the client authenticates: "token", "password", "session" or None."""
        if self.token:
            return "token"
        if self.login and self.password:
            return "password"
        if self.refresh_token:
            return "session"
        return None


def parse_timeout(value: str, name: str = "KITSU_TIMEOUT") -> tuple[float, float]:
    """`"30"` -> (5.0, 30.0) (the connect timeout never above the default's), `"3,120"` ->
    (3.0, 120.0). Refuses what is not one or two positive numbers."""
    parts = [part.strip() for part in str(value).split(",")]
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        numbers = []
    if len(numbers) not in (1, 2) or any(not n > 0 or n != n for n in numbers):
        raise InvalidInputError(
            f"{name} must be seconds (e.g. 30) or 'connect,read' (e.g. 5,120), got {value[:40]!r}"
        )
    if len(numbers) == 1:
        return (min(C.DEFAULT_TIMEOUT[0], numbers[0]), numbers[0])
    return (numbers[0], numbers[1])


def _check_timeout(value: Any) -> None:
    """A timeout argument: seconds (> 0), or a (connect, read) pair of them."""
    parts = value if isinstance(value, tuple) else (value,)
    if len(parts) not in (1, 2) or not all(
        isinstance(part, (int, float)) and not isinstance(part, bool) and part > 0 for part in parts
    ):
        raise InvalidInputError(
            f"timeout must be seconds or a (connect, read) pair of seconds, got {value!r:.60}"
        )


def _env(environ: Mapping[str, str], name: str) -> Optional[str]:
    value = environ.get(name, "")
    if not isinstance(value, str):
        raise InvalidInputError(f"the variable {name} must be text, got {type(value).__name__}")
    return value.strip() or None


def resolve_settings(
    host: Optional[str] = None,
    *,
    event_host: Optional[str] = None,
    token: Optional[str] = None,
    login: Optional[str] = None,
    password: Optional[str] = None,
    timeout: Optional[Timeout] = None,
    ca_bundle: Optional[str] = None,
    environ: Optional[Mapping[str, str]] = None,
    use_session: bool = True,
) -> Settings:
    """The settings: explicit arguments win over the environment, the environment over the
    stored session.

    Credentials go as a whole: a token or a login with its password from the arguments, else
    from the environment, else the stored session's refresh token. The stored session is used
    only for the host it was made for (a token never goes to another server).

    Args:
        host: the API URL; None: `KITSU_HOST`, else the stored session's host.
        event_host: the events (socket.io) URL; None: `KITSU_EVENT_HOST`, else the stored
            session's when the host came from the session too, else derived by the client.
        token: a bot or API access token; it wins over `login`/`password` and over every
            credential of the environment or the session.
        login: the e-mail (or desktop login) to log in with; used only with `password`.
        password: the password of `login`; one without the other is ignored (the credentials
            then come from the environment or the session).
        timeout: seconds (> 0) or a (connect, read) pair of them; None: `KITSU_TIMEOUT`
            (`"30"` or `"5,120"`), else the client's default.
        ca_bundle: the path of a CA bundle file to verify the server's certificate with (it
            must exist); None: `KITSU_CA_BUNDLE`, else the system's certificates.
        environ: the mapping read in place of `os.environ` (it also locates the stored
            session); None reads `os.environ`.
        use_session: False ignores the session `kitsu login` stored (host and credentials).
    """
    env = _environ(environ)
    for name, value in (
        ("host", host),
        ("event_host", event_host),
        ("token", token),
        ("login", login),
        ("password", password),
        ("ca_bundle", ca_bundle),
    ):
        _text(name, value)  # fmt: skip
    if timeout is not None:
        _check_timeout(timeout)
    sources: dict[str, str] = {}

    def pick(name: str, given: Any, variable: str) -> Any:
        if given is not None:
            sources[name] = "argument"
            return given
        value = _env(env, variable)
        if value is not None:
            sources[name] = "environment"
        return value

    chosen_host = pick("host", host, "KITSU_HOST")
    chosen_event_host = pick("event_host", event_host, "KITSU_EVENT_HOST")
    chosen_ca = pick("ca_bundle", ca_bundle, "KITSU_CA_BUNDLE")
    if chosen_ca is not None and not os.path.isfile(chosen_ca):
        raise InvalidInputError(f"the CA bundle {chosen_ca[:200]!r} is not a file")
    chosen_timeout: Optional[Timeout] = timeout
    if timeout is not None:
        sources["timeout"] = "argument"
    elif _env(env, "KITSU_TIMEOUT") is not None:
        chosen_timeout = parse_timeout(env["KITSU_TIMEOUT"])
        sources["timeout"] = "environment"

    credentials: dict[str, Optional[str]] = {}
    if token is not None or (login is not None and password is not None):
        credentials = (
            {"token": token} if token is not None else {"login": login, "password": password}
        )
        sources["auth"] = "argument"
    elif _env(env, "KITSU_TOKEN"):
        credentials = {"token": _env(env, "KITSU_TOKEN")}
        sources["auth"] = "environment"
    elif _env(env, "KITSU_LOGIN") and env.get("KITSU_PASSWORD"):
        credentials = {"login": _env(env, "KITSU_LOGIN"), "password": env["KITSU_PASSWORD"]}
        sources["auth"] = "environment"

    if use_session:
        session = load_session(env)
        if session is not None:
            stored_host = normalize_host(str(session["host"]))
            if chosen_host is None:
                chosen_host = stored_host
                sources["host"] = "session"
                if chosen_event_host is None and session.get("event_host"):
                    chosen_event_host = str(session["event_host"])
                    sources["event_host"] = "session"
            if not credentials and normalize_host(chosen_host) == stored_host:
                credentials = {
                    "refresh_token": str(session["refresh_token"]),
                    "login": session.get("email"),
                }
                sources["auth"] = "session"
    return Settings(
        host=chosen_host,
        event_host=chosen_event_host,
        token=credentials.get("token"),
        login=credentials.get("login"),
        password=credentials.get("password"),
        refresh_token=credentials.get("refresh_token"),
        timeout=chosen_timeout,
        ca_bundle=chosen_ca,
        sources=sources,
    )


def client_from_settings(settings: Settings, **options: Any) -> KitsuClient:
    """A KitsuClient made of `settings`: nothing is sent yet; a login and password (or a stored
    session) log in (or refresh) on the first authenticated request.

    Args:
        settings: the Settings `resolve_settings` returned (anything else: InvalidInputError).
        **options: keyword arguments for the KitsuClient constructor (`retry`, `cert`,
            `cache_enabled`, ...); an `event_host`, `timeout` or `ssl_verify` given here wins
            over the settings' event host, timeout and CA bundle.
    """
    from ._client import KitsuClient

    if not isinstance(settings, Settings):
        raise InvalidInputError(
            f"client_from_settings needs the Settings of resolve_settings, got "
            f"{type(settings).__name__}"
        )
    kwargs: dict[str, Any] = dict(options)
    if settings.event_host:
        kwargs.setdefault("event_host", settings.event_host)
    if settings.timeout is not None:
        kwargs.setdefault("timeout", settings.timeout)
    if settings.ca_bundle:
        kwargs.setdefault("ssl_verify", settings.ca_bundle)
    client = KitsuClient(settings.host, **kwargs)
    if settings.token:
        client.set_token(settings.token)
    elif settings.login and settings.password:
        client.log_in_later(settings.login, settings.password)
    elif settings.refresh_token:
        client.resume_session(settings.refresh_token)
    return client


def client_from_env(
    host: Optional[str] = None, environ: Optional[Mapping[str, str]] = None, **options: Any
) -> KitsuClient:
    """A client configured from the environment and the stored session (see resolve_settings).

    Args:
        host: the API URL; None: `KITSU_HOST`, else the stored session's host.
        environ: the mapping read in place of `os.environ` (it also locates the stored
            session); None reads `os.environ`.
        **options: keyword arguments for the KitsuClient constructor, as in
            `client_from_settings` (they win over the resolved settings).
    """
    return client_from_settings(resolve_settings(host, environ=environ), **options)
