"""What the sync and async transports share around the bytes: decoding an answer, the multipart
body streamed from disk, the temporary file a download goes to before it is renamed into place,
the wait while Zou still processes a preview. No network here."""

from __future__ import annotations

import mimetypes
import os
import secrets
import time
from collections.abc import Iterator, Mapping
from typing import IO, Any, Optional, Protocol, Union

from . import constants as C
from .auth import scrub
from .call import ProgressCallback
from .errors import (
    DownloadError,
    InvalidResponseError,
    MissingFileError,
    PreviewProcessingError,
)
from .refs import echo
from .retry import retry_after_seconds


class _Answer(Protocol):
    @property
    def content(self) -> bytes: ...

    @property
    def text(self) -> str: ...

    def json(self) -> Any: ...


_NOT_PARSED = object()
#: How much of a body that is not JSON an error keeps.
BODY_EXCERPT = 2000


def decode_body(response: _Answer) -> Any:
    """The JSON body, the text when it is not JSON, None when empty (requests or httpx)."""
    parsed = getattr(response, "kitsu_body", _NOT_PARSED)
    if parsed is not _NOT_PARSED:
        return parsed
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return response.text


def json_problem(response: Any) -> Optional[str]:
    """Parse a success's body once, keeping the result on the response for `decode_body`; what
    is wrong when it is not JSON (None when it is JSON or empty)."""
    content = response.content
    if not content:
        response.kitsu_body = None
        return None
    try:
        response.kitsu_body = response.json()
        return None
    except ValueError:
        kind = response.headers.get("Content-Type") or "no content type"
        if "json" in kind.lower():
            return f"a JSON body cut short or malformed ({len(content)} bytes)"
        return f"a body that is not JSON ({kind}, {len(content)} bytes)"


def unusable_success(response: Any, method: str, path: str) -> Optional[InvalidResponseError]:
    """None when a success's body is JSON (kept for `decode_body`) or empty; else the error to
    raise. Its `cut` says whether the body was JSON cut short: worth another try where repeating
    is safe, where a page that is not JSON at all (a proxy's, a wrong host's) will not change."""
    problem = json_problem(response)
    if problem is None:
        return None
    status = response.status_code
    error = InvalidResponseError(
        status, method, path, f"answered {status} with {problem}", scrub(body_excerpt(response))
    )
    error.cut = "cut short" in problem
    return error


def body_excerpt(response: Any) -> str:
    """The start of a body, for an error (never the whole of a large page)."""
    text: str = response.text
    return text if len(text) <= BODY_EXCERPT else text[:BODY_EXCERPT] + "…"


def check_upload_files(files: list[tuple[str, str]]) -> None:
    """Refuse, before sending anything, files that are not there."""
    for _field, file_path in files:
        if not os.path.isfile(file_path):
            raise MissingFileError(f"no such file to upload: {echo(file_path, 300)}")


def _new_part_file(folder: str) -> tuple[int, str]:
    """A new, uniquely named file in `folder`, created as `open()` would (mode 0666 minus the
    umask: people sharing a render farm's folder can read the result), never an existing one."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)  # novm: flags
    for _ in range(100):
        path = os.path.join(folder, f".kitsu-{secrets.token_hex(8)}.part")
        try:
            return os.open(path, flags, 0o666), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free name for a part file in {folder}")


class PartFile:
    """A download in progress: a temporary file beside the target, renamed over it by `commit`;
    `discard` (or leaving a `with` block on an error) removes it, so nothing partial is left."""

    def __init__(
        self, target: str, path: str, progress_callback: Optional[ProgressCallback]
    ) -> None:
        self.target = target
        self.path = path
        self.done = 0
        self._progress = progress_callback
        fd, self.tmp_path = _new_part_file(os.path.dirname(target))
        self._out: IO[bytes] = os.fdopen(fd, "wb")

    def __enter__(self) -> PartFile:
        return self

    def __exit__(self, exc_type: Any, *rest: object) -> None:
        if exc_type is not None:
            self.discard()

    def write(self, chunk: bytes, total: Optional[int]) -> None:
        if not chunk:
            return
        try:
            self._out.write(chunk)
        except OSError as error:  # a full disk, a quota: typed, and the part file goes
            raise DownloadError(
                f"GET {self.path}: cannot write {self.target[:300]}: {error}"
            ) from error
        self.done += len(chunk)
        if self._progress is not None:
            self._progress(self.done, total)

    def commit(self, total: Optional[int]) -> str:
        self._out.close()
        if total is not None and self.done != total:
            raise DownloadError(f"GET {self.path}: got {self.done} of {total} bytes")
        try:
            os.replace(self.tmp_path, self.target)
        except OSError as error:
            raise DownloadError(
                f"GET {self.path}: cannot write {self.target[:300]}: {error}"
            ) from error
        return self.target

    def discard(self) -> None:
        self._out.close()
        try:
            os.unlink(self.tmp_path)
        except OSError:
            pass


class ProcessingWait:
    """Zou answers 202 (with Retry-After) while a preview's variants are still being built: how
    long to wait before asking again, for at most `timeout` seconds in all."""

    def __init__(self, path: str, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout

    def next_wait(self, retry_after: Optional[str]) -> float:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise PreviewProcessingError(
                f"GET {self.path}: still processing after {self.timeout:.0f} s"
            )
        wait = retry_after_seconds(retry_after)
        return min(remaining, 1.0 if wait is None else max(wait, 0.1))


def content_length(value: Optional[str]) -> Optional[int]:
    return int(value) if value and value.isdigit() else None


class MultipartStream:
    """A multipart/form-data body read from disk chunk by chunk, with a known length.

    requests would otherwise load every file in memory before sending.
    """

    def __init__(
        self,
        fields: Mapping[str, Any],
        files: list[tuple[str, str]],
        progress_callback: Optional[ProgressCallback],
        boundary: str,
    ) -> None:
        self.boundary = boundary
        self.content_type = f"multipart/form-data; boundary={self.boundary}"
        self._progress = progress_callback
        self._parts: list[Union[bytes, str]] = []
        for name, value in fields.items():
            if value is None:
                continue
            text = value if isinstance(value, str) else _form_value(value)
            head = f'Content-Disposition: form-data; name="{_quote(name)}"'
            self._parts.append(
                f"--{self.boundary}\r\n{head}\r\n\r\n".encode() + text.encode() + b"\r\n"
            )
        for name, file_path in files:
            filename = os.path.basename(file_path)
            self._parts.append(
                (
                    f"--{self.boundary}\r\nContent-Disposition: form-data; "
                    f'name="{_quote(name)}"; filename="{_quote(filename)}"\r\n'
                    f"Content-Type: {_content_type(filename)}\r\n\r\n"
                ).encode()
            )
            self._parts.append(file_path)
            self._parts.append(b"\r\n")
        self._parts.append(f"--{self.boundary}--\r\n".encode())
        self._length = sum(
            len(p) if isinstance(p, bytes) else os.path.getsize(p) for p in self._parts
        )
        self._iter = self._chunks()
        self._buffer = b""
        self._sent = 0
        self._file: Optional[IO[bytes]] = None

    def __len__(self) -> int:
        return self._length

    def _chunks(self) -> Iterator[bytes]:
        for part in self._parts:
            if isinstance(part, bytes):
                yield part
                continue
            with open(part, "rb") as handle:
                self._file = handle
                while True:
                    chunk = handle.read(C.CHUNK_SIZE)
                    if not chunk:
                        break
                    yield chunk
            self._file = None

    def __iter__(self) -> Iterator[bytes]:
        """The body chunk by chunk (for clients that take an iterator), reporting progress."""
        for chunk in self._chunks():
            self._sent += len(chunk)
            if self._progress is not None:
                self._progress(self._sent, self._length)
            yield chunk

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._iter, None)
            if chunk is None:
                break
            self._buffer += chunk
        if size < 0:
            data, self._buffer = self._buffer, b""
        else:
            data, self._buffer = self._buffer[:size], self._buffer[size:]
        if data:
            self._sent += len(data)
            if self._progress is not None:
                self._progress(self._sent, self._length)
        return data

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _content_type(filename: str) -> str:
    # Zou keeps the part's type as the attachment's mimetype and makes thumbnails from it.
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ")


def _form_value(value: Any) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)
