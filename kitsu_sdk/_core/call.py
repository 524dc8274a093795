"""Operations as data. A `Call` says what one exchange with Zou sends and how its answer becomes the
result; a `Flow` is a generator that yields calls and receives their answers, for operations of
several requests. Nothing here does I/O: the runners (`run_sync` for KitsuClient, `run_async` for
AsyncKitsuClient) send each call and hand the answer, or the error, back to the flow.

    def get_shot(shot_id: Ref) -> Call[Shot]:
        return get(f"data/shots/{to_id(shot_id, 'shot')}")

    def new_shot(project, sequence, name, ...) -> Flow[Shot]:
        found = yield from get_shot_by_name(sequence, name)    # a Call or a Flow composes
        if found is not None:
            return found
        return (yield from post(f"data/projects/{project_id}/shots", body))

Iterating over a Call yields the call itself and returns its finished result, which is what makes
`yield from a_call` and `yield from a_flow` read (and type) the same.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Generator, Mapping
from typing import Any, Callable, Generic, Optional, TypeVar, Union, overload
from urllib.parse import unquote, urlsplit

from . import constants as C
from .errors import InvalidInputError, MissingFileError, PreviewProcessingError, UploadError

T = TypeVar("T")
U = TypeVar("U")

Params = Optional[Mapping[str, Any]]
#: `progress_callback(bytes_done, bytes_total_or_None)` for uploads and downloads.
ProgressCallback = Callable[[int, Optional[int]], Any]
#: A local file path, as a string or a pathlib.Path.
PathLike = Union[str, os.PathLike[str]]
#: A timeout as requests and httpx take it: seconds, (connect, read), or None for none.
Timeout = Union[float, tuple[float, float], None]


def returns_none(_answer: Any) -> None:
    """`then` for calls whose answer is not the result (204s, acknowledgements)."""
    return None


def check_route(path: str) -> None:
    """Refuse an API path that data could have bent: a query or fragment inside it, a backslash,
    or a "." / ".." / "/" hidden in a segment (also once percent-decoded, as a server reads
    it). Operations build paths from ids and escaped names; this is the last guard."""
    control = any(ord(c) < 32 or ord(c) == 127 for c in path)
    bad = control or "?" in path or "#" in path or "\\" in path
    if not bad:
        for part in path.split("/"):
            decoded = unquote(part)
            if decoded in (".", "..") or "/" in decoded or "\\" in decoded:
                bad = True
                break
    if bad:
        shown = path if len(path) <= 200 else path[:199] + "…"
        raise InvalidInputError(f"not an API path (data must not change the route): {shown!r}")


class Call(Generic[T]):
    """One HTTP exchange, as data: method, API path, query, JSON body, and `then`, the pure
    function that turns the decoded answer into the result.

    `cacheable=False` marks a GET with side effects (like a write, it empties the client's
    cache entries).
    """

    __slots__ = ("method", "path", "params", "json", "then", "cacheable", "cache_mark")

    def __init__(
        self,
        method: str,
        path: str,
        *,
        params: Params = None,
        json: Any = None,
        then: Optional[Callable[[Any], T]] = None,
        cacheable: bool = True,
    ) -> None:
        if "://" not in path:  # whole URLs (files elsewhere) are checked where they are used
            check_route(path)
        self.method = method
        self.path = path
        self.params = params
        self.json = json
        self.then = then
        self.cacheable = cacheable
        #: Set by `op_cache.cached` on a cached read operation's call (run() serves it).
        self.cache_mark: Any = None

    def finish(self, answer: Any) -> T:
        """The result for Zou's decoded answer."""
        then = self.then
        result: T = answer if then is None else then(answer)
        return result

    def map(self, function: Callable[[T], U]) -> Call[U]:
        """The same exchange, with `function` applied to the result."""
        first = self.finish
        clone: Call[Any] = _copy(self)
        clone.then = lambda answer: function(first(answer))
        clone.cache_mark = None  # another result: not the marked operation's any more
        return clone

    def __iter__(self) -> Generator[Call[Any], Any, T]:
        answer = yield self
        return self.finish(answer)

    def __repr__(self) -> str:
        query = f" params={dict(self.params)!r}" if self.params else ""
        return f"<{type(self).__name__} {self.method} /{self.path}{query}>"


def _copy(call: Call[Any]) -> Call[Any]:
    clone = object.__new__(type(call))
    for cls in type(call).__mro__:
        for name in getattr(cls, "__slots__", ()):
            if hasattr(call, name):
                setattr(clone, name, getattr(call, name))
    return clone


class Upload(Call[T]):
    """A multipart POST streamed from disk: form `fields`, `files` as (field, local path)."""

    __slots__ = ("fields", "files", "progress_callback")

    def __init__(
        self,
        path: str,
        files: list[tuple[str, str]],
        fields: Optional[Mapping[str, Any]] = None,
        *,
        params: Params = None,
        progress_callback: Optional[ProgressCallback] = None,
        then: Optional[Callable[[Any], T]] = None,
    ) -> None:
        super().__init__("POST", path, params=params, then=then, cacheable=False)
        self.files = files
        self.fields = dict(fields or {})
        self.progress_callback = progress_callback

    def finish(self, answer: Any) -> T:
        # Zou answers 200 for some failures of the file it received: they are errors here.
        if isinstance(answer, dict) and answer.get("status") == "broken":
            raise PreviewProcessingError(f"Zou could not process the file sent to {self.path}")
        if isinstance(answer, dict) and answer.get("error") is True:
            raise UploadError(f"upload to {self.path} failed: {answer.get('message')}")
        return super().finish(answer)


def download_target(file_path: Any) -> str:
    """The absolute path a download writes, checked before any request: a path (not None), not
    an existing folder, in a folder that exists."""
    if isinstance(file_path, bool) or not isinstance(file_path, (str, os.PathLike)):
        raise InvalidInputError(f"a download needs a file path, got {type(file_path).__name__}")
    if "\x00" in os.fspath(file_path):
        raise InvalidInputError("a download path cannot hold a NUL character")
    target = os.path.abspath(os.fspath(file_path))
    name = os.path.basename(target)
    if len(name.encode("utf-8", "surrogateescape")) > 255:
        raise InvalidInputError(f"download file name too long ({len(name)} characters)")
    if os.path.isdir(target):
        raise InvalidInputError(f"download target is a folder, give a file path: {target[:300]}")
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        raise MissingFileError(f"download folder does not exist: {folder[:300]}")
    return target


class Download(Call[T]):
    """A GET streamed into `target` atomically; the answer is the absolute path written.

    `full`: `path` is a whole URL (a file elsewhere), and then `authenticate=False` keeps the
    Kitsu token from going to another host.
    """

    __slots__ = ("target", "progress_callback", "processing_timeout", "full", "authenticate")

    def __init__(
        self,
        path: str,
        target: PathLike,
        *,
        params: Params = None,
        progress_callback: Optional[ProgressCallback] = None,
        processing_timeout: float = C.PROCESSING_TIMEOUT,
        full: bool = False,
        authenticate: bool = True,
        then: Optional[Callable[[Any], T]] = None,
    ) -> None:
        super().__init__("GET", path, params=params, then=then, cacheable=False)
        self.target = download_target(target)
        self.progress_callback = progress_callback
        self.processing_timeout = processing_timeout
        self.full = full
        self.authenticate = authenticate

    @property
    def label(self) -> str:
        """What logs and errors name: the API path, or a full URL without its query (it may
        hold a signature)."""
        if not self.full:
            return self.path
        parts = urlsplit(self.path)
        return f"{parts.scheme}://{parts.netloc}{parts.path}"


class RawGet(Call[T]):
    """A GET whose answer is the body's bytes (a full URL when `full`, else an API path)."""

    __slots__ = ("full",)

    def __init__(
        self,
        path: str,
        *,
        params: Params = None,
        full: bool = False,
        then: Optional[Callable[[Any], T]] = None,
    ) -> None:
        super().__init__("GET", path, params=params, then=then, cacheable=False)
        self.full = full


class TextCall(Call[T]):
    """A request whose answer is the body's text as Zou sent it, undecoded: gazu returns the
    text of every DELETE ("" for a 204) and of `get(..., json_response=False)`."""

    __slots__ = ()


class Sleep(Call[None]):
    """Wait `seconds` (a flow polling Zou): the sync client sleeps, the async one awaits."""

    __slots__ = ("seconds",)

    def __init__(self, seconds: float) -> None:
        super().__init__("SLEEP", "", then=returns_none, cacheable=False)
        self.seconds = max(0.0, float(seconds))


#: What an operation may ask the client it runs on, without a request.
ASKABLE = frozenset({"host", "web_root", "event_host", "logged_in_user"})


class Ask(Call[T]):
    """Asks the running client for something it knows (`web_root` for entity URLs, ...)."""

    __slots__ = ()

    def __init__(self, name: str, *, then: Optional[Callable[[Any], T]] = None) -> None:
        if name not in ASKABLE:
            raise ValueError(f"an operation cannot ask the client for {name!r}")
        super().__init__("ASK", name, then=then, cacheable=False)


def web_root() -> Call[str]:
    """The Kitsu web app's URL of the running client (for entity links), without a request."""
    return Ask("web_root", then=str)


#: A multi-step operation: yields calls, receives their answers, returns the result.
Flow = Generator[Call[Any], Any, T]


def known(value: T) -> Flow[T]:
    """An operation whose result needs no request (an API path built from an id, ...)."""
    yield from ()
    return value


#: What every operation returns: one call, or a flow of them.
Op = Union[Call[T], Flow[T]]


# -- building calls -----------------------------------------------------------------------------


@overload
def get(path: str, params: Params = None, *, cacheable: bool = True) -> Call[Any]: ...
@overload
def get(
    path: str, params: Params = None, *, then: Callable[[Any], T], cacheable: bool = True
) -> Call[T]: ...
def get(
    path: str,
    params: Params = None,
    *,
    then: Optional[Callable[[Any], Any]] = None,
    cacheable: bool = True,
) -> Call[Any]:
    """GET an API path."""
    return Call("GET", path, params=params, then=then, cacheable=cacheable)


@overload
def post(path: str, json: Any = None, *, params: Params = None) -> Call[Any]: ...
@overload
def post(
    path: str, json: Any = None, *, params: Params = None, then: Callable[[Any], T]
) -> Call[T]: ...
def post(
    path: str,
    json: Any = None,
    *,
    params: Params = None,
    then: Optional[Callable[[Any], Any]] = None,
) -> Call[Any]:
    """POST a JSON body to an API path."""
    return Call("POST", path, params=params, json=json, then=then)


@overload
def put(path: str, json: Any = None, *, params: Params = None) -> Call[Any]: ...
@overload
def put(
    path: str, json: Any = None, *, params: Params = None, then: Callable[[Any], T]
) -> Call[T]: ...
def put(
    path: str,
    json: Any = None,
    *,
    params: Params = None,
    then: Optional[Callable[[Any], Any]] = None,
) -> Call[Any]:
    """PUT a JSON body to an API path."""
    return Call("PUT", path, params=params, json=json, then=then)


@overload
def delete(path: str, params: Params = None) -> Call[str]: ...
@overload
def delete(path: str, params: Params = None, *, then: Callable[[Any], T]) -> Call[T]: ...
def delete(
    path: str, params: Params = None, *, then: Optional[Callable[[Any], Any]] = None
) -> Call[Any]:
    """DELETE an API path; the result is the answer's text, as gazu's ("" for a 204), unless
    `then` makes something else of that text."""
    return TextCall("DELETE", path, params=params, then=then)


# -- running operations -------------------------------------------------------------------------


def run_sync(op: Op[T], send: Callable[[Call[Any]], Any]) -> T:
    """Run an operation with a blocking `send(call) -> answer`.

    An error raised by `send` is thrown into the flow at the `yield` that asked for the call,
    so a flow can catch it (a create that falls back to a lookup); uncaught, it propagates.
    """
    if isinstance(op, Call):
        return op.finish(send(op))
    try:
        step = next(op)
        while True:
            try:
                answer = send(step)
            except Exception as error:  # noqa: BLE001 - handed to the flow, re-raised there
                step = op.throw(error)
            else:
                step = op.send(answer)
    except StopIteration as stop:
        result: T = stop.value
        return result


async def run_async(op: Op[T], send: Callable[[Call[Any]], Awaitable[Any]]) -> T:
    """`run_sync` with an awaitable `send`: the same operations, run on an event loop."""
    if isinstance(op, Call):
        return op.finish(await send(op))
    try:
        step = next(op)
        while True:
            try:
                answer = await send(step)
            except Exception as error:  # noqa: BLE001 - handed to the flow, re-raised there
                step = op.throw(error)
            else:
                step = op.send(answer)
    except StopIteration as stop:
        result: T = stop.value
        return result
