"""Helpers for the contract suite: shape checks and media made here."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path
from typing import Any

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def is_id(value: Any) -> bool:
    """A Zou id: a lowercase UUID string."""
    return isinstance(value, str) and bool(UUID.match(value))


def has_keys(row: Any, *keys: str) -> bool:
    return isinstance(row, dict) and all(key in row for key in keys)


def ids(rows: Any) -> set[str]:
    return {row["id"] for row in rows}


def names(rows: Any) -> list[str]:
    return sorted(row["name"] for row in rows)


def png_bytes(
    width: int = 64, height: int = 48, rgb: tuple[int, int, int] = (200, 40, 40)
) -> bytes:
    """A valid RGB PNG, made without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def write_png(path: Path, width: int = 64, height: int = 48) -> str:
    path.write_bytes(png_bytes(width, height))
    return str(path)


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) of PNG bytes; fails on anything else."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:16]
    width, height = struct.unpack(">II", data[16:24])
    return width, height


#: A small file tree (working and output, shots and assets), lowercase.
TREE: dict[str, Any] = {
    kind: {
        "mountpoint": "/mnt/studio",
        "root": root,
        "folder_path": {
            "shot": "<Project>/shots/<Sequence>/<Shot>/<TaskType>",
            "asset": "<Project>/assets/<AssetType>/<Asset>/<TaskType>",
            "style": "lowercase",
        },
        "file_name": {
            "shot": "<Project>_<Shot>_<TaskType>_<Name>_v<Version>",
            "asset": "<Project>_<Asset>_<TaskType>_<Name>_v<Version>",
            "style": "lowercase",
        },
    }
    for kind, root in (("working", "prod"), ("output", "export"))
}
