"""Runs parity cases with one library, gazu or kitsu_sdk, imported as `lib` (the names are the same:
that is the promise this suite checks).

Started by tests/parity/conftest.py under the interpreter that has the library (the gazu venv's
python for gazu, the project's for kitsu_sdk) and driven over stdin/stdout, one JSON object a
line. It only needs the standard library and `lib`: nothing from the test tree is imported, so it
runs with `python -I`.

    -> {"op": "init", "lib": "gazu", "host": ..., "tmp": ..., "values": {...}}
    <- {"ok": true}
    -> {"op": "case", "module": "shot", "function": "get_shot", "args": [...], "kwargs": {...},
        "save": null, "files": []}
    <- {"result": ...} | {"error": {...}} | {"missing": "..."} | {"unresolved": "..."}
    -> {"op": "exit"}

Placeholders in args: a string that is exactly "{name}" or "{name.key.0}" becomes that value (a
whole dict if it is one), a string containing such placeholders gets their text. Values come from
the init message ("values"), then from results saved by earlier cases ("save"), which belong to
this process only: each library builds on what it created itself. "{client}" is the library's
default client; {"$date": "2024-03-05"} a datetime.date.

Results are made JSON: tuples become lists, bytes a digest, a requests.Response its status, a
path its text, any other object its kind. Login credentials come from KITSU_LOGIN/KITSU_PASSWORD.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib
import json
import os
import pathlib
import re
import sys
import traceback
from typing import Any, Callable, Optional

#: "{name}" or "{name.key.0}"; "${name}" (a template, as in OTIO naming conventions) is left alone.
PLACEHOLDER = re.compile(r"(?<!\$)\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)*)\}")
MAX_MESSAGE = 300


class Unresolved(Exception):
    """A placeholder names a value this process does not have (its case failed)."""


class Runner:
    def __init__(self, lib_name: str, values: dict[str, Any]) -> None:
        self.lib_name = lib_name
        self.lib = importlib.import_module(lib_name)
        self.values = dict(values)

    # -- placeholders ---------------------------------------------------------------------
    def lookup(self, dotted: str) -> Any:
        head, *rest = dotted.split(".")
        if head == "client":
            return self.default_client()
        if head not in self.values:
            raise Unresolved(dotted)
        value = self.values[head]
        for part in rest:
            if isinstance(value, list) and part.lstrip("-").isdigit():
                index = int(part)
                if not -len(value) <= index < len(value):
                    raise Unresolved(dotted)
                value = value[index]
            elif isinstance(value, dict) and part in value:
                value = value[part]
            else:
                raise Unresolved(dotted)
        return value

    def resolve(self, data: Any) -> Any:
        if isinstance(data, str):
            whole = PLACEHOLDER.fullmatch(data)
            if whole:
                return self.lookup(whole.group(1))
            return PLACEHOLDER.sub(lambda m: str(self.lookup(m.group(1))), data)
        if isinstance(data, list):
            return [self.resolve(item) for item in data]
        if isinstance(data, dict):
            if set(data) == {"$date"}:
                return datetime.date.fromisoformat(self.resolve(data["$date"]))
            return {self.resolve(key): self.resolve(value) for key, value in data.items()}
        return data

    def default_client(self) -> Any:
        found = self.lib.client.default_client
        return found() if callable(found) else found

    # -- one case -------------------------------------------------------------------------
    def function(self, module: str, name: str) -> Optional[Callable[..., Any]]:
        try:
            owner = importlib.import_module(f"{self.lib_name}.{module}") if module else self.lib
        except ImportError:
            return None
        found = getattr(owner, name, None)
        return found if callable(found) else None

    def run_case(self, message: dict[str, Any]) -> dict[str, Any]:
        module, name = message["module"], message["function"]
        function = self.function(module, name)
        if function is None:
            return {"missing": f"{self.lib_name}.{module}.{name} does not exist"}
        try:
            args = self.resolve(message.get("args", []))
            kwargs = self.resolve(message.get("kwargs", {}))
            files = [self.resolve(path) for path in message.get("files", [])]
        except Unresolved as error:
            return {"unresolved": str(error)}
        outcome: dict[str, Any]
        try:
            result = function(*args, **kwargs)
        except Exception as error:  # the outcome to compare
            outcome = {"error": describe_error(error, self.lib_name)}
        else:
            if message.get("save"):
                self.values[message["save"]] = to_json(result)
            outcome = {"result": to_json(result)}
        if files:
            outcome["files"] = {str(path): file_digest(path) for path in files}
        return outcome


def describe_error(error: BaseException, lib_name: str) -> dict[str, Any]:
    """The class of `error`, the names it is known by (its classes and, for kitsu_sdk, the gazu
    exception names it is an instance of) and the start of its message."""
    names = [cls.__name__ for cls in type(error).__mro__ if cls not in (object, BaseException)]
    if lib_name == "kitsu_sdk":
        exceptions = importlib.import_module("kitsu_sdk.exception")
        for alias in dir(exceptions):
            cls = getattr(exceptions, alias)
            if alias.endswith("Exception") and isinstance(cls, type) and isinstance(error, cls):
                names.append(alias)
    frames = traceback.extract_tb(error.__traceback__)
    where = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else ""
    return {
        "type": type(error).__name__,
        "names": sorted(set(names)),
        "message": str(error)[:MAX_MESSAGE],
        "where": where,
    }


def file_digest(path: Any) -> Optional[dict[str, Any]]:
    try:
        data = pathlib.Path(str(path)).read_bytes()
    except OSError:
        return None
    return {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()[:16]}


def to_json(value: Any) -> Any:
    """`value` as plain JSON data (see the module docstring)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((to_json(item) for item in value), key=json.dumps)
    if isinstance(value, (bytes, bytearray)):
        return {"<bytes>": len(value), "sha256": hashlib.sha256(value).hexdigest()[:16]}
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    kind = type(value).__name__
    if kind == "Response" and hasattr(value, "status_code"):
        return {"<response>": value.status_code}
    return {"<object>": kind}


def main() -> int:
    # Libraries may print: only this channel carries the protocol.
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
    sys.stdout = sys.stderr
    runner: Optional[Runner] = None
    for line in sys.stdin:
        message = json.loads(line)
        op = message["op"]
        if op == "exit":
            break
        try:
            if op == "init":
                runner = Runner(message["lib"], message["values"])
                runner.lib.set_host(message["host"])
                runner.lib.log_in(os.environ["KITSU_LOGIN"], os.environ["KITSU_PASSWORD"])
                answer: dict[str, Any] = {"ok": True}
            elif op == "case" and runner is not None:
                answer = runner.run_case(message)
            else:
                answer = {"crash": f"unexpected message {op!r}"}
        except Exception as error:  # a bug of the runner: report it, keep serving
            lines = traceback.format_exception(type(error), error, error.__traceback__)
            answer = {"crash": "".join(lines)[-2000:]}
        channel.write(json.dumps(answer) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
