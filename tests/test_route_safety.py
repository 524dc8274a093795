"""No data from the server, or from a caller, can change a request's route."""

from __future__ import annotations

import pathlib

import pytest
import responses
from responses import matchers
from unit_helpers import url

from kitsu_sdk import KitsuClient, files
from kitsu_sdk import client as raw
from kitsu_sdk.exception import InvalidInputError

ATT = "11111111-1111-4111-8111-111111111111"


@pytest.mark.parametrize(
    ("stored_name", "segment"),
    [
        ("../../../../auth/logout?.txt", "file"),  # found on a real server: revoked the session
        ("notes?.txt", "notes%3F.txt"),
        ("a#b.txt", "a%23b.txt"),
        ("..", "file"),
        ("plain.pdf", "plain.pdf"),
    ],
)
def test_a_stored_attachment_name_cannot_change_the_route(
    api: responses.RequestsMock,
    client: KitsuClient,
    tmp_path: pathlib.Path,
    stored_name: str,
    segment: str,
) -> None:
    api.get(url(f"data/attachment-files/{ATT}/file/{segment}"), body=b"bytes")
    record = {"id": ATT, "name": stored_name}
    written = files.download_attachment_file(record, tmp_path / "out.bin", client=client)
    assert pathlib.Path(written).read_bytes() == b"bytes"
    assert len(api.calls) == 1
    assert api.calls[0].request.path_url.startswith(f"/api/data/attachment-files/{ATT}/file/")


def test_a_download_target_is_checked_before_any_request(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: pathlib.Path
) -> None:
    record = {"id": ATT, "name": "a.txt"}
    for target, error in [
        (None, InvalidInputError),
        (tmp_path, InvalidInputError),  # an existing folder
        (tmp_path / "missing" / "a.txt", InvalidInputError),  # MissingFileError is one
    ]:
        with pytest.raises(error):
            files.download_attachment_file(record, target, client=client)  # type: ignore[arg-type]
    assert len(api.calls) == 0


def test_raw_helpers_take_a_query_in_the_path_as_gazu_and_keep_the_route(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/shots"), json=[],
            match=[matchers.query_param_matcher({"project_id": "p", "limit": "2"})])  # fmt: skip
    assert raw.get("data/shots?project_id=p", params={"limit": 2}, client=client) == []
    with pytest.raises(InvalidInputError):
        raw.get("data/shots/../../auth/logout", client=client)
    with pytest.raises(InvalidInputError):
        raw.fetch_all("shots/%2e%2e/%2e%2e/auth", client=client)
    assert len(api.calls) == 1
