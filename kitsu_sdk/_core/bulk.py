"""Fan-outs: many operations run at once on one client, with bounded concurrency.

`Many` is the call an operation yields to fan out: the client runs its operations (threads on the
sync client's pooled session, tasks under a semaphore on the async one), at most `concurrency`
at a time, and answers a `BulkResult`: the results in input order, the errors by index. A
failure is kept with its index and loses no other result; nothing is raised for it.

    def new_shots(project, sequence, names) -> Flow[BulkResult[Shot]]:
        return (yield from many([shot.new_shot(project, sequence, n) for n in names]))

The executors (`run_many_sync`, `run_many_async`) take the client's `run`, so every operation
they run goes through the client's cache, retries and token renewal as a single one would.
"""

from __future__ import annotations

from collections.abc import Awaitable, Iterator, Sequence
from typing import Any, Callable, Generic, Optional, TypeVar

from . import constants as C
from .call import Call, Op
from .errors import InvalidInputError

T = TypeVar("T")


class BulkResult(Generic[T]):
    """What a fan-out gives: `results[i]` is the result of item i (None where it failed),
    `errors[i]` the exception item i raised. Iterating gives the results in input order."""

    __slots__ = ("results", "errors")

    def __init__(self, results: list[Optional[T]], errors: Optional[dict[int, Exception]] = None):
        self.results = results
        self.errors: dict[int, Exception] = dict(errors or {})

    @property
    def ok(self) -> bool:
        """True when every item succeeded."""
        return not self.errors

    def succeeded(self) -> list[T]:
        """The results of the items that succeeded, in input order."""
        return [r for i, r in enumerate(self.results) if i not in self.errors and r is not None]

    def raise_for_errors(self) -> None:
        """Raise the error of the first item that failed (the others stay in `errors`)."""
        if self.errors:
            raise self.errors[min(self.errors)]

    def __len__(self) -> int:
        return len(self.results)

    def __iter__(self) -> Iterator[Optional[T]]:
        return iter(self.results)

    def __getitem__(self, index: int) -> Optional[T]:
        return self.results[index]

    def __repr__(self) -> str:
        return f"<BulkResult {len(self.results)} items, {len(self.errors)} errors>"


def check_concurrency(concurrency: Any) -> Optional[int]:
    """None (the client's setting) or a positive int; refused otherwise, before any request."""
    if concurrency is None:
        return None
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise InvalidInputError(f"concurrency must be a positive int, got {concurrency!r}")
    return concurrency


class Many(Call[BulkResult[Any]]):
    """Run these operations on the running client, at most `concurrency` at a time (None: the
    client's `concurrency`); the answer is their BulkResult."""

    __slots__ = ("ops", "concurrency")

    def __init__(self, ops: Sequence[Op[Any]], concurrency: Optional[int] = None) -> None:
        super().__init__("MANY", "", cacheable=False)
        self.ops = list(ops)
        self.concurrency = check_concurrency(concurrency)

    def __repr__(self) -> str:
        return f"<Many {len(self.ops)} operations, concurrency={self.concurrency}>"


def many(ops: Sequence[Op[T]], concurrency: Optional[int] = None) -> Call[BulkResult[T]]:
    """The call that fans these operations out (see `Many`)."""
    call: Call[BulkResult[T]] = Many(ops, concurrency)
    return call


def workers(concurrency: Optional[int], default: Any, count: int) -> int:
    """How many run at once: the given bound, else the client's, never more than the items."""
    bound = check_concurrency(concurrency)
    if bound is None:
        bound = check_concurrency(default) or C.BULK_CONCURRENCY
    return max(1, min(bound, count))


def run_many_sync(
    ops: Sequence[Op[T]], run: Callable[[Op[T]], T], concurrency: int
) -> BulkResult[T]:
    """Run `ops` with `run` on at most `concurrency` threads; results in input order."""
    items = list(ops)
    results: list[Optional[T]] = [None] * len(items)
    errors: dict[int, Exception] = {}

    def one(index: int) -> None:
        try:
            results[index] = run(items[index])
        except Exception as error:  # noqa: BLE001 - kept with its index, by design
            errors[index] = error

    if concurrency <= 1 or len(items) <= 1:
        for index in range(len(items)):
            one(index)
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(concurrency, thread_name_prefix="kitsu_sdk-bulk") as pool:
            for _ in pool.map(one, range(len(items))):
                pass
    return BulkResult(results, dict(sorted(errors.items())))


async def run_many_async(
    ops: Sequence[Op[T]], run: Callable[[Op[T]], Awaitable[T]], concurrency: int
) -> BulkResult[T]:
    """Run `ops` with `run` as tasks, at most `concurrency` at once; results in input order."""
    import asyncio

    items = list(ops)
    results: list[Optional[T]] = [None] * len(items)
    errors: dict[int, Exception] = {}
    gate = asyncio.Semaphore(concurrency)

    async def one(index: int) -> None:
        async with gate:
            try:
                results[index] = await run(items[index])
            except Exception as error:  # noqa: BLE001 - kept with its index, by design
                errors[index] = error

    await asyncio.gather(*(one(index) for index in range(len(items))))
    return BulkResult(results, dict(sorted(errors.items())))
