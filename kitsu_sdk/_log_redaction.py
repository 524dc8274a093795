"""Tokens and passwords kept out of log output: `redact(text)`, `RedactingFilter` (a logging.Filter
that redacts each record it sees), and `LogRedaction`, a hold that puts that filter on the SDK's
loggers and on those of the network libraries under it for as long as it is held (the event
listeners hold one while they run). Nothing is installed at import time.

Why on the loggers: engineio logs every packet it sends (INFO), the socket.io connect packet and
its access token included; httpcore logs response headers (DEBUG), and Zou's log-in answer sets
the tokens as cookies; websocket-client's trace prints the handshake's Authorization header. A
logger's filters see every record that logger makes, whatever handlers the application attached
(a handler's filter would only guard that handler). They do not see the records of its children:
each logger is held by name, and the ones that exist under the libraries' names when a hold
starts are held too.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from typing import Any, Optional

REDACTED = "[redacted]"

#: The loggers held by default: these, and every existing logger under these prefixes.
LOGGER_PREFIXES = (
    "kitsu_sdk", "socketio", "engineio", "websocket", "urllib3", "requests", "httpx", "httpcore",
    "aiohttp",
)  # fmt: skip
LOGGER_NAMES = (
    "kitsu_sdk", "kitsu_sdk.events", "socketio.client", "engineio.client", "websocket",
    "urllib3.connectionpool", "urllib3.connection", "urllib3.poolmanager", "urllib3.util.retry",
    "requests", "httpx", "httpcore.connection", "httpcore.http11", "httpcore.http2",
    "httpcore.proxy", "aiohttp.client", "aiohttp.internal", "aiohttp.websocket",
)  # fmt: skip

# A JWT (Zou's access, refresh and bot tokens): base64url `{"...` header, payload, signature.
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}(?:\.[A-Za-z0-9_-]*)?")
_SCHEME = re.compile(r"(?i)\b(bearer\s+|basic\s+)[^\s\"',;)\]}]+")
_URL_PASSWORD = re.compile(r"(://[^/\s:@]+:)[^/\s@]+@")
# A field whose name says it holds a secret, in JSON, a Python repr, a header, a query or a form.
_KEY = (
    r"[A-Za-z0-9_-]*(?:password|passwd|passphrase|secret|token|api[_-]?key|authorization|cookie)"
    r"[A-Za-z0-9_-]*|(?:t|email_)?otp|recovery_code|fido_authentication_response"
)
_FIELD = re.compile(
    r"(?i)(?P<key>\\?[\"']?\b(?:" + _KEY + r")\b\\?[\"']?)(?P<sep>\s*[:=]\s*)"
    r"(?P<value>\\\"(?:[^\"\\]|\\[^\"])*\\\"|b?\"(?:[^\"\\]|\\.)*\"|b?'(?:[^'\\]|\\.)*'"
    r"|[^\s\"',;&{}\[\]()<>]+)"
)


def _field(match: re.Match[str]) -> str:
    value = match.group("value")
    if value.startswith('\\"'):
        kept = '\\"' + REDACTED + '\\"'
    elif value[:1] in ("'", '"') or value[:2] in ("b'", 'b"'):
        quote = value[-1]
        kept = value[: value.index(quote) + 1] + REDACTED + quote
    elif value.lower() in ("bearer", "basic"):
        kept = value  # `Authorization: Bearer <token>`: the scheme stays, the token went already
    else:
        kept = REDACTED
    return match.group("key") + match.group("sep") + kept


def redact(text: str) -> str:
    """`text` with JWTs, Bearer/Basic credentials, URL passwords and the values of secret-named
    fields (password, *token*, *secret*, cookie, authorization, otp...) replaced."""
    text = _JWT.sub(REDACTED, text)
    text = _SCHEME.sub(lambda m: m.group(1) + REDACTED, text)
    text = _URL_PASSWORD.sub(lambda m: m.group(1) + REDACTED + "@", text)
    return _FIELD.sub(_field, text)


_FORMATTER = logging.Formatter()


class RedactingFilter(logging.Filter):
    """Redacts a record's message, exception text and stack in place; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string: keep its parts, redacted
            message = f"{record.msg} {record.args!r}"
            record.msg, record.args = redact(message), None
        else:
            clean = redact(message)
            if clean != message:
                record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[1] is not None:
            text = record.exc_text or _FORMATTER.formatException(record.exc_info)
            clean = redact(text)
            if clean != text:
                record.exc_text = clean  # formatters use it instead of formatting again
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_FILTER = RedactingFilter()
_lock = threading.Lock()
_holds: dict[logging.Logger, int] = {}


def _default_loggers() -> list[logging.Logger]:
    found = {name: logging.getLogger(name) for name in LOGGER_NAMES}
    for name, existing in list(logging.Logger.manager.loggerDict.items()):
        if isinstance(existing, logging.Logger) and name.split(".")[0] in LOGGER_PREFIXES:
            found[name] = existing
    return list(found.values())


class LogRedaction:
    """A hold on the redacting filter for some loggers: `add()` (the default set) or
    `add(loggers)`, then `release()`. Holds are counted per logger: the filter leaves a logger
    when the last hold on it is released."""

    def __init__(self) -> None:
        self._loggers: list[logging.Logger] = []

    def add(self, loggers: Optional[Iterable[Any]] = None) -> None:
        """Hold these loggers (logging.Logger or LoggerAdapter; others are ignored)."""
        targets = _default_loggers() if loggers is None else list(loggers)
        with _lock:
            for target in targets:
                found = getattr(target, "logger", target)  # a LoggerAdapter's logger
                if not isinstance(found, logging.Logger) or found in self._loggers:
                    continue
                self._loggers.append(found)
                _holds[found] = _holds.get(found, 0) + 1
                found.addFilter(_FILTER)

    def release(self) -> None:
        with _lock:
            for found in self._loggers:
                count = _holds.get(found, 0) - 1
                if count > 0:
                    _holds[found] = count
                else:
                    _holds.pop(found, None)
                    found.removeFilter(_FILTER)
            self._loggers = []

    @property
    def held(self) -> list[logging.Logger]:
        return list(self._loggers)
