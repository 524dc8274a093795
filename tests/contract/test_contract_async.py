"""The async client against both backends (driven with asyncio.run: no plugin needed)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from contract_backend import Backend
from contract_helpers import png_size, write_png

from kitsu_sdk.aio import AsyncKitsuClient


def test_async_comment_preview_and_download(
    kitsu: Backend, production: dict[str, Any], tmp_path: Path
) -> None:
    source = write_png(tmp_path / "frame.png", 40, 30)

    async def scenario() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], bytes]:
        async with AsyncKitsuClient(kitsu.host) as aclient:
            await aclient.log_in(kitsu.admin_email, kitsu.admin_password)
            comment, preview = await aclient.task.publish_preview(
                production["shot_task"], production["wfa"], "async", preview_file_path=source
            )
            the_task = await aclient.task.get_task(production["shot_task"]["id"])
            target = tmp_path / "back.png"
            await aclient.files.download_preview_file(preview, str(target))
            return comment, preview, the_task, target.read_bytes()

    comment, preview, the_task, data = asyncio.run(scenario())
    assert comment["text"] == "async" and preview["extension"] == "png"
    assert the_task["task_status_id"] == production["wfa"]["id"]
    assert png_size(data) == (40, 30)


def test_async_playlist_round_trip(kitsu: Backend, production: dict[str, Any]) -> None:
    async def scenario() -> dict[str, Any]:
        async with AsyncKitsuClient(kitsu.host) as aclient:
            await aclient.log_in(kitsu.admin_email, kitsu.admin_password)
            made = await aclient.playlist.new_playlist(
                production["project"], "Async", episode=production["episode"]
            )
            await aclient.playlist.add_entity_to_playlist(made, production["shot"])
            return dict(await aclient.playlist.get_playlist(made))

    got = asyncio.run(scenario())
    assert [s["entity_id"] for s in got["shots"]] == [production["shot"]["id"]]
