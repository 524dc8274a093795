"""A production built through the fault proxy, with about 10% of the requests given a fault the
SDK can survive, by the sync client and by the async one; then Zou, read directly, must hold
exactly what was planned: every entity counted, none missing, none twice.

The faults: 502/503/504 bursts, 429 (every method), resets before and after Zou handled the
request, stalls past the read timeout, JSON bodies cut short, downloads cut mid-stream, drawn by
a seeded policy that never faults one request more times in a row than the SDK retries.
Idempotent calls ride them out inside the SDK. A POST whose answer was lost raises a typed error
(the SDK never repeats it); the workload then does what a pipeline TD would do: look the thing
up by name and try again only when it is not there. Those cases are counted and reported.

The workload code here is also what test_restart_and_expiry.py runs (`Api`, `Workload`).
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import os
import pathlib
import time
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, TypeVar

import pytest
from fault_proxy import Choice, Fault, FaultProxy, SeededPolicy
from it_helpers import unique
from it_media import write_png

from kitsu_sdk import KitsuClient
from kitsu_sdk._core.retry import RetryPolicy
from kitsu_sdk.exception import (
    DownloadError,
    InvalidResponseError,
    KitsuConnectionError,
    KitsuTimeoutError,
    UploadError,
)

pytestmark = pytest.mark.integration

T = TypeVar("T")

#: Errors after which a write may or may not have landed: look it up before trying again.
OUTCOME_UNKNOWN = (
    KitsuConnectionError,
    KitsuTimeoutError,
    InvalidResponseError,
    UploadError,
    DownloadError,
)
#: How many times the workload tries one step at the application level.
TD_ATTEMPTS = 4

#: (connect, read) seconds for the workload's clients; a stall outlasts the read timeout.
TIMEOUT = (5.0, 6.0)  # generous: a loaded CI machine answers some calls in seconds
STALL = TIMEOUT[1] + 1.5
FAULT_RATE = 0.10
SEED = int(os.environ.get("KITSU_FAULT_SEED", "20261201"))

IDEMPOTENT = frozenset({"GET", "PUT"})
ANY = frozenset({"GET", "PUT", "POST"})
#: What the SDK survives: by itself for idempotent calls, with a lookup at the application level
#: for a POST whose answer was lost. Never an HTML 200 (raised, by design) nor DELETEs.
SURVIVABLE = [
    Choice(Fault.http(502), 1.0, IDEMPOTENT, burst=2),
    Choice(Fault.http(503), 1.0, IDEMPOTENT, burst=2),
    Choice(Fault.http(504), 1.0, IDEMPOTENT, burst=2),
    Choice(Fault.rate_limit("1"), 1.0, ANY),
    Choice(Fault.reset_before(), 1.0, ANY),
    Choice(Fault.reset_after(), 1.5, ANY),
    Choice(Fault.stall(STALL), 0.4, IDEMPOTENT),
    Choice(Fault.truncated_json(), 1.0, IDEMPOTENT),
    Choice(Fault.cut_download(), 6.0, frozenset({"GET"}), path=r"^/(pictures|movies)/"),
]


# -- one client, sync or async, called the same way ----------------------------------------------


class Api:
    """`await api.call("shot.new_shot", ...)` on a KitsuClient (in a worker thread) or an
    AsyncKitsuClient (awaited): one workload for both."""

    def __init__(self, client: Any, pool: Optional[concurrent.futures.Executor] = None) -> None:
        self.client = client
        self.is_async = not isinstance(client, KitsuClient)
        self.pool = pool

    async def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        namespace, function = name.split(".")
        target = getattr(getattr(self.client, namespace), function)
        if self.is_async:
            return await target(*args, **kwargs)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, lambda: target(*args, **kwargs))

    async def close(self) -> None:
        if self.is_async:
            await self.client.close()
        else:
            self.client.close()


def sync_api(host: str, workers: int = 8, **options: Any) -> Api:
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
    return Api(KitsuClient(host, **options), pool)


def async_api(host: str, **options: Any) -> Api:
    from kitsu_sdk.aio import AsyncKitsuClient

    return Api(AsyncKitsuClient(host, **options))


async def log_in(api: Api, credentials: tuple[str, str]) -> None:
    if api.is_async:
        await api.client.log_in(*credentials)
    else:
        await asyncio.get_running_loop().run_in_executor(
            api.pool, lambda: api.client.log_in(*credentials)
        )


# -- the plan ------------------------------------------------------------------------------------


@dataclass
class Plan:
    """A small TV-show production: names only; `expected()` counts what it makes."""

    episodes: list[str]
    sequences: dict[str, list[str]]  # episode -> its sequences
    shots: dict[str, list[str]]  # sequence -> its shots
    assets: list[tuple[str, str]]  # (asset type name, asset name)
    casting: dict[str, list[str]]  # shot -> the assets cast in it
    shot_task_types: tuple[str, ...] = ("Layout", "Animation")
    asset_task_types: tuple[str, ...] = ("Modeling",)
    previews: frozenset[str] = frozenset()  # shots whose comment gets a PNG preview

    def all_shots(self) -> list[str]:
        return [shot for shots in self.shots.values() for shot in shots]

    def expected(self) -> dict[str, int]:
        shots = self.all_shots()
        return {
            "episodes": len(self.episodes),
            "sequences": sum(len(s) for s in self.sequences.values()),
            "shots": len(shots),
            "assets": len(self.assets),
            "casting links": sum(len(a) for a in self.casting.values()),
            "tasks": len(shots) * len(self.shot_task_types)
            + len(self.assets) * len(self.asset_task_types),
            "comments": len(shots),
            "previews": len(self.previews),
            "downloads": 2 * len(self.previews),
        }


def make_plan(episodes: int = 3, sequences: int = 2, shots: int = 4, assets: int = 8) -> Plan:
    """E01 is the episode Zou gives every new TV show: the plan reuses it."""
    episode_names = [f"E{e + 1:02d}" for e in range(episodes)]
    sequence_names = {ep: [f"{ep}_SQ{s + 1:02d}" for s in range(sequences)] for ep in episode_names}
    shot_names = {
        sq: [f"{sq}_SH{(n + 1) * 10:04d}" for n in range(shots)]
        for sqs in sequence_names.values()
        for sq in sqs
    }
    kinds = ("Character", "Prop")
    asset_list = [(kinds[i % 2], f"{kinds[i % 2].lower()}_{i + 1:02d}") for i in range(assets)]
    all_shots = [s for ss in shot_names.values() for s in ss]
    casting = {
        shot: sorted({asset_list[i % assets][1], asset_list[(i + 1) % assets][1]})
        for i, shot in enumerate(all_shots)
    }
    previews = frozenset(all_shots[::2])
    return Plan(episode_names, sequence_names, shot_names, asset_list, casting, previews=previews)


def comment_text(shot: str) -> str:
    return f"first pass on {shot}"


# -- the workload ----------------------------------------------------------------------------------


@dataclass
class Built:
    """What the workload made, by name, as the ids it was given."""

    project: dict[str, Any] = field(default_factory=dict)
    episodes: dict[str, str] = field(default_factory=dict)
    sequences: dict[str, str] = field(default_factory=dict)
    shots: dict[str, dict[str, Any]] = field(default_factory=dict)
    assets: dict[str, dict[str, Any]] = field(default_factory=dict)
    tasks: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    comments: dict[str, dict[str, Any]] = field(default_factory=dict)
    previews: dict[str, dict[str, Any]] = field(default_factory=dict)
    downloads: dict[str, str] = field(default_factory=dict)


class Workload:
    """A pipeline TD's production-building script on one client (`api`), with the TD's
    check-and-retry around the writes whose outcome a lost answer leaves unknown."""

    def __init__(self, api: Api, png: pathlib.Path, downloads: pathlib.Path) -> None:
        self.api = api
        self.png = png
        self.download_dir = downloads
        self.built = Built()
        #: Application-level retries, by "step: error type", and the errors' messages.
        self.lost: collections.Counter[str] = collections.Counter()
        self.errors: list[str] = []
        self.task_types: dict[str, dict[str, Any]] = {}
        self.asset_types: dict[str, dict[str, Any]] = {}
        self.todo: dict[str, Any] = {}
        self.wip: dict[str, Any] = {}
        self.concurrency = asyncio.Semaphore(4)

    async def td(
        self,
        step: str,
        action: Callable[[], Awaitable[T]],
        lookup: Optional[Callable[[], Awaitable[Optional[T]]]] = None,
    ) -> T:
        """Do `action`; when its outcome is unknown, look for its result, else do it again."""
        for attempt in range(1, TD_ATTEMPTS + 1):
            try:
                return await action()
            except OUTCOME_UNKNOWN as error:
                self.lost[f"{step}: {type(error).__name__}"] += 1
                self.errors.append(f"{step}: {type(error).__name__}: {error}"[:300])
                if attempt == TD_ATTEMPTS:
                    raise
            if lookup is not None:
                found = await lookup()
                if found is not None:
                    return found
        raise AssertionError("unreachable")

    # -- setup -----------------------------------------------------------------------------

    async def start(self, project_name: str) -> dict[str, Any]:
        call = self.api.call
        project: dict[str, Any] = await self.td(
            "project", lambda: call("project.new_project", project_name, "tvshow")
        )
        self.built.project = project
        for task_type in await call("task.all_task_types"):
            self.task_types.setdefault(f"{task_type['for_entity']}:{task_type['name']}", task_type)
        for asset_type in await call("asset.all_asset_types"):
            self.asset_types[asset_type["name"]] = asset_type
        self.todo = await call("task.get_task_status_by_short_name", "todo")
        self.wip = await call("task.get_task_status_by_short_name", "wip")
        return project

    # -- steps -------------------------------------------------------------------------------

    async def episode(self, name: str) -> str:
        project = self.built.project
        made = await self.td("episode", lambda: self.api.call("shot.new_episode", project, name))
        self.built.episodes[name] = made["id"]
        return str(made["id"])

    async def sequence(self, episode: str, name: str) -> str:
        project, episode_id = self.built.project, self.built.episodes[episode]
        made = await self.td(
            "sequence", lambda: self.api.call("shot.new_sequence", project, name, episode_id)
        )
        self.built.sequences[name] = made["id"]
        return str(made["id"])

    async def asset(self, plan: Plan, type_name: str, name: str) -> None:
        project, asset_type = self.built.project, self.asset_types[type_name]
        made = await self.td(
            "asset", lambda: self.api.call("asset.new_asset", project, asset_type, name)
        )
        self.built.assets[name] = made
        for task_type in plan.asset_task_types:
            await self.task(made, f"Asset:{task_type}", name)

    async def task(self, entity: dict[str, Any], task_type: str, entity_name: str) -> None:
        entity = {**entity, "project_id": self.built.project["id"]}
        kind = self.task_types[task_type]
        made = await self.td(
            "task", lambda: self.api.call("task.new_task", entity, kind, "main", self.todo)
        )
        self.built.tasks[(entity_name, task_type)] = made

    async def shot(self, plan: Plan, sequence: str, name: str) -> None:
        call = self.api.call
        project, sequence_id = self.built.project, self.built.sequences[sequence]
        made = await self.td("shot", lambda: call("shot.new_shot", project, sequence_id, name))
        self.built.shots[name] = made
        for task_type in plan.shot_task_types:
            await self.task(made, f"Shot:{task_type}", name)
        casting = [
            {"asset_id": self.built.assets[asset]["id"], "nb_occurences": 1}
            for asset in plan.casting[name]
        ]
        await call("casting.update_shot_casting", project, made, casting)  # PUT: SDK retries
        # What a TD's script reads back before going on (GETs: the SDK retries them).
        fresh = await call("shot.get_shot", made)
        tasks = await call("task.all_tasks_for_shot", made)
        if fresh["id"] != made["id"] or len(tasks) != len(plan.shot_task_types):
            raise AssertionError(f"{name}: read back {fresh['name']} with {len(tasks)} tasks")
        task = self.built.tasks[(name, f"Shot:{plan.shot_task_types[0]}")]
        comment = await self.comment(task, comment_text(name))
        self.built.comments[name] = comment
        if name in plan.previews:
            preview = await self.preview(task, comment)
            self.built.previews[name] = preview
            self.built.downloads[name] = await self.download(preview, f"{name}.png")
            await self.download(preview, f"{name}.original.png", original=True)

    async def comment(self, task: dict[str, Any], text: str) -> dict[str, Any]:
        call = self.api.call

        async def lookup() -> Optional[dict[str, Any]]:
            for comment in await call("task.all_comments_for_task", task):
                if comment.get("text") == text:
                    return dict(comment)
            return None

        made: dict[str, Any] = await self.td(
            "comment", lambda: call("task.add_comment", task, self.wip, text), lookup
        )
        return made

    async def preview(self, task: dict[str, Any], comment: dict[str, Any]) -> dict[str, Any]:
        """add_preview is two POSTs (an empty record, then the file): after a lost answer, use
        what the server has: a record with its file, or an empty record to upload into."""
        call, png = self.api.call, str(self.png)
        empty: list[dict[str, Any]] = []

        async def lookup() -> Optional[dict[str, Any]]:
            ids = set((await call("task.get_comment", comment))["previews"] or [])
            mine = [p for p in await call("task.all_previews_for_task", task) if p["id"] in ids]
            ready = [p for p in mine if p.get("file_size")]
            empty[:] = [p for p in mine if not p.get("file_size")][:1]
            return dict(ready[0]) if ready else None

        async def publish() -> dict[str, Any]:
            if empty:
                self.lost["preview: upload into the empty record"] += 1
                return dict(await call("task.upload_preview_file", empty[0], png))
            return dict(await call("task.add_preview", task, comment, png))

        made: dict[str, Any] = await self.td("preview", publish, lookup)
        return made

    async def download(
        self, preview: dict[str, Any], file_name: str, original: bool = False
    ) -> str:
        """A cut download leaves no file behind and raises: download it again."""
        target = str(self.download_dir / file_name)
        function = "download_preview_file" if original else "download_preview_file_thumbnail"
        written: str = await self.td(
            "download", lambda: self.api.call(f"files.{function}", preview, target)
        )
        return written

    # -- the whole production ---------------------------------------------------------------

    async def build(self, plan: Plan) -> Built:
        for episode in plan.episodes:  # E01 first: Zou made it with the project
            await self.episode(episode)
        await gather_limited(
            self.concurrency,
            [self.sequence(ep, sq) for ep, sqs in plan.sequences.items() for sq in sqs]
            + [self.asset(plan, kind, name) for kind, name in plan.assets],
        )
        await gather_limited(
            self.concurrency,
            [self._sequence_shots(plan, sq, shots) for sq, shots in plan.shots.items()],
        )
        return self.built

    async def _sequence_shots(self, plan: Plan, sequence: str, shots: list[str]) -> None:
        for shot in shots:
            await self.shot(plan, sequence, shot)
        listed = await self.api.call("shot.all_shots_for_sequence", self.built.sequences[sequence])
        if sorted(s["name"] for s in listed) != sorted(shots):
            raise AssertionError(f"{sequence} lists {[s['name'] for s in listed]}")

    # -- a stream of small units (a shot, its task, a comment), for long runs --------------------

    async def unit(self, sequence: str, name: str, task_type: str = "Shot:Animation") -> None:
        call = self.api.call
        project, sequence_id = self.built.project, self.built.sequences[sequence]
        made = await self.td("shot", lambda: call("shot.new_shot", project, sequence_id, name))
        await self.task(made, task_type, name)
        task = self.built.tasks[(name, task_type)]
        self.built.comments[name] = await self.comment(task, comment_text(name))
        fresh = await call("shot.get_shot", made)
        tasks = await call("task.all_tasks_for_shot", made)
        if fresh["id"] != made["id"] or [t["id"] for t in tasks] != [task["id"]]:
            raise AssertionError(f"{name}: read back {fresh['name']} with {len(tasks)} tasks")
        self.built.shots[name] = made

    async def units(self, sequence: str, keep_going: Callable[[], bool], workers: int = 3) -> int:
        """Make units in `sequence` with `workers` concurrent loops while `keep_going()`."""
        numbers = iter(range(1, 100_000))

        async def worker() -> None:
            while keep_going():
                await self.unit(sequence, f"{sequence}_SH{next(numbers):04d}")

        await asyncio.gather(*(worker() for _ in range(workers)))
        return len(self.built.shots)


async def gather_limited(limit: asyncio.Semaphore, jobs: Iterable[Awaitable[Any]]) -> list[Any]:
    async def one(job: Awaitable[Any]) -> Any:
        async with limit:
            return await job

    return list(await asyncio.gather(*(one(job) for job in jobs)))


# -- what the server holds -------------------------------------------------------------------------


@dataclass
class Tally:
    expected: dict[str, int]
    found: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def check(self, what: str, names: list[str], wanted: Iterable[str]) -> None:
        """`names` (what Zou holds) must be `wanted`, each exactly once."""
        wanted = sorted(wanted)
        self.found[what] = self.found.get(what, 0) + len(names)
        twice = sorted({n for n in names if names.count(n) > 1})
        missing = sorted(set(wanted) - set(names))
        extra = sorted(set(names) - set(wanted))
        if twice:
            self.problems.append(f"{what} twice: {twice}")
        if missing:
            self.problems.append(f"{what} missing: {missing}")
        if extra:
            self.problems.append(f"{what} not planned: {extra}")

    def line(self) -> str:
        return ", ".join(f"{k} {self.found.get(k, 0)}/{v}" for k, v in self.expected.items())


def verify(admin: KitsuClient, plan: Plan, built: Built, downloads: pathlib.Path) -> Tally:
    """Read Zou directly (no proxy) and compare with the plan."""
    tally = Tally(plan.expected())
    project = built.project
    episodes = admin.shot.all_episodes_for_project(project)
    tally.check("episodes", [e["name"] for e in episodes], plan.episodes)
    sequences = admin.shot.all_sequences_for_project(project)
    wanted_sequences = [sq for sqs in plan.sequences.values() for sq in sqs]
    tally.check("sequences", [s["name"] for s in sequences], wanted_sequences)
    shots = admin.shot.all_shots_for_project(project)
    tally.check("shots", [s["name"] for s in shots], plan.all_shots())
    for shot in shots:
        sequence = next((s for s in sequences if s["id"] == shot["parent_id"]), None)
        if sequence is None or shot["name"] not in plan.shots.get(sequence["name"], []):
            tally.problems.append(f"shot {shot['name']} is not in its planned sequence")
    assets = admin.asset.all_assets_for_project(project)
    tally.check("assets", [a["name"] for a in assets], [name for _, name in plan.assets])

    asset_names = {a["id"]: a["name"] for a in assets}
    links: list[str] = []
    for shot in shots:
        for entry in admin.casting.get_shot_casting(shot):
            links.append(f"{shot['name']}>{asset_names.get(entry['asset_id'], entry['asset_id'])}")
    wanted_links = [f"{s}>{a}" for s, cast in plan.casting.items() for a in cast]
    tally.check("casting links", links, wanted_links)

    entity_names = {**{s["id"]: s["name"] for s in shots}, **asset_names}
    tasks = admin.task.all_tasks_for_project(project)
    type_names = {t["id"]: f"{t['for_entity']}:{t['name']}" for t in admin.task.all_task_types()}
    task_keys = [
        f"{entity_names.get(t['entity_id'], t['entity_id'])}/{type_names.get(t['task_type_id'])}"
        for t in tasks
    ]
    wanted_tasks = [f"{s}/Shot:{t}" for s in plan.all_shots() for t in plan.shot_task_types] + [
        f"{a}/Asset:{t}" for _, a in plan.assets for t in plan.asset_task_types
    ]
    tally.check("tasks", task_keys, wanted_tasks)

    comments: list[str] = []
    previews: list[str] = []
    for task in tasks:
        owner = entity_names.get(task["entity_id"], task["entity_id"])
        for comment in admin.task.all_comments_for_task(task):
            comments.append(f"{owner}:{comment.get('text')}")
        for preview in admin.task.all_previews_for_task(task):
            previews.append(owner)
            if not preview.get("file_size") or preview.get("status") != "ready":
                tally.problems.append(f"preview of {owner} has no file: {preview.get('status')}")
    tally.check("comments", comments, [f"{s}:{comment_text(s)}" for s in plan.all_shots()])
    tally.check("previews", previews, plan.previews)

    files = sorted(os.listdir(downloads))
    wanted_files = [f"{s}{end}" for s in plan.previews for end in (".png", ".original.png")]
    tally.check("downloads", files, wanted_files)
    for name in files:
        if not (downloads / name).read_bytes().startswith(b"\x89PNG"):
            tally.problems.append(f"download {name} is not a PNG")
    return tally


def verify_units(admin: KitsuClient, built: Built, sequence: str) -> Tally:
    """Zou (read directly) holds each unit of `sequence` once: its shot, one task, one comment."""
    tally = Tally(
        {"shots": len(built.shots), "tasks": len(built.shots), "comments": len(built.shots)}
    )
    shots = admin.shot.all_shots_for_sequence(built.sequences[sequence])
    tally.check("shots", [s["name"] for s in shots], built.shots)
    names = {s["id"]: s["name"] for s in shots}
    tasks = [t for t in admin.task.all_tasks_for_project(built.project) if t["entity_id"] in names]
    tally.check("tasks", [names[t["entity_id"]] for t in tasks], built.shots)
    comments: list[str] = []
    for task in tasks:
        for comment in admin.task.all_comments_for_task(task):
            comments.append(f"{names[task['entity_id']]}:{comment.get('text')}")
    tally.check("comments", comments, [f"{s}:{comment_text(s)}" for s in built.shots])
    return tally


# -- the test --------------------------------------------------------------------------------------


async def run_workload(
    kind: str,
    proxy: FaultProxy,
    credentials: tuple[str, str],
    plan: Plan,
    work: pathlib.Path,
    seed: int,
    close_afterwards: Callable[[dict[str, Any]], None],
) -> Workload:
    options: dict[str, Any] = {"timeout": TIMEOUT, "retry": RetryPolicy()}
    api = sync_api(proxy.url, **options) if kind == "sync" else async_api(proxy.url, **options)
    downloads = work / "downloads"
    downloads.mkdir()
    workload = Workload(api, write_png(work / "preview.png", 80, 45, (30, 90, 200)), downloads)
    try:
        await log_in(api, credentials)  # before the faults: a session to start from
        proxy.policy = SeededPolicy(seed, FAULT_RATE, SURVIVABLE, max_in_a_row=3)
        close_afterwards(await workload.start(unique(f"faults-{kind}")))
        await workload.build(plan)
    finally:
        proxy.policy = None
        await api.close()
        if api.pool is not None:
            api.pool.shutdown(wait=False)
    return workload


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_production_under_injected_faults(
    kind: str,
    kitsu_host: str,
    kitsu_credentials: tuple[str, str],
    admin_client: KitsuClient,
    tmp_path: pathlib.Path,
    reliability_figures: list[str],
    close_afterwards: Callable[[dict[str, Any]], None],
) -> None:
    plan = make_plan()
    seed = SEED + (0 if kind == "sync" else 1)
    started = time.monotonic()
    with FaultProxy(kitsu_host, max_seconds=300, max_requests=3000) as proxy:
        try:
            workload = asyncio.run(
                asyncio.wait_for(
                    run_workload(
                        kind, proxy, kitsu_credentials, plan, tmp_path, seed, close_afterwards
                    ),
                    280,
                )
            )
        finally:
            figures = proxy.figures()
    built = workload.built
    tally = verify(admin_client, plan, built, tmp_path / "downloads")
    reliability_figures.append(
        f"workload under faults [{kind}, seed {seed}, {time.monotonic() - started:.0f} s]: "
        f"requests {figures['received']} (forwarded to Zou {figures['forwarded']}), "
        f"faults {figures['faults_total']} {figures['faults']}, "
        f"application-level retries {sum(workload.lost.values())} {dict(workload.lost)}; "
        f"entities found/expected: {tally.line()}"
    )
    assert tally.problems == [], tally.problems
    assert tally.found == tally.expected
    assert figures["over_budget"] == 0 and figures["upstream_errors"] == 0
    # About a tenth of the requests were faulted (bursts and policy draws): the proof is real.
    assert figures["faults_total"] >= 0.05 * figures["received"]
