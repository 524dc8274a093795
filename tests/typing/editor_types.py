"""What an editor shows for gazu-style code (checked by tests/test_typing.py with mypy and
pyright): results are the TypedDicts, not Any, whichever way a function is reached."""

import kitsu_sdk as gazu
from kitsu_sdk import KitsuClient

shot = gazu.shot.get_shot("x")
reveal_type(shot)  # noqa: F821
client = KitsuClient("http://kitsu.test/api")
reveal_type(client.shot.get_shot("x"))  # noqa: F821
reveal_type(gazu.task.all_tasks_for_shot(shot))  # noqa: F821


async def read(aclient: gazu.AsyncKitsuClient) -> None:
    reveal_type(await aclient.shot.get_shot("x"))  # noqa: F821
