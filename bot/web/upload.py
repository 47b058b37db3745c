"""Reading a posted form (`multipart/form-data`, RFC 7578) with its files checked while they arrive.

Nothing of a request is kept before it has shown the form's CSRF token: the form puts that hidden
input first, browsers send inputs in the page's order, and a file that comes before it ends the
request. Files past the allowed count, and bytes past the allowed size, are read to the void, never
kept, so the page can answer beside the field; a body far past the limits is cut off.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import BodyPartReader, MultipartReader

from bot.conversation.events import IncomingFile

#: What one text input may hold, in bytes (the longest, the description, takes 20,000 characters).
FIELD_BYTES = 128 * 1024
#: What all text inputs of one post may hold together, in bytes.
FIELDS_BYTES = 1024 * 1024
#: Inputs in one form post; the form has about twenty.
MAX_PARTS = 100
_CHUNK = 64 * 1024
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class FormRefused(Exception):
    """The post cannot be read as our form; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


@dataclass
class Upload:
    """What a form post held: its text inputs, the files kept, and what was refused."""

    values: dict[str, str] = field(default_factory=dict)
    files: list[IncomingFile] = field(default_factory=list)
    csrf: str = ""  # the verified CSRF token; "" when the post carried none that verified
    chosen: int = 0  # every file the post chose, kept or not
    over_size: bool = False  # a file did not fit in the size left (read to the void)


def file_name(raw: str) -> str:
    """A sender's file name as metadata: its last path segment, no control characters, 255 at most.

    Old browsers send the whole path (`C:\\Users\\kari\\shot.png`); the name is never used as a path.
    """
    name = re.split(r"[\\/]", raw)[-1]
    return _CONTROL.sub("", name).strip()[:255] or "file"


async def _read(part: BodyPartReader, keep: int, room: int) -> tuple[bytes, int]:
    """Up to `keep` bytes of a part, and how many it had in all (the rest is read to the void).

    Raises `FormRefused` (413) past `room` bytes: reading to the void stops somewhere.
    """
    kept = bytearray()
    total = 0
    while chunk := await part.read_chunk(_CHUNK):
        total += len(chunk)
        if total > room:
            raise FormRefused(413, "the post is far larger than the form takes")
        if len(kept) < keep:
            kept += chunk[: keep - len(kept)]
    return bytes(kept), total


async def read_upload(
    reader: MultipartReader,
    *,
    known: frozenset[str],
    verify: Callable[[str], bool],
    max_files: int,
    max_bytes: int,
) -> Upload:
    """The inputs named in `known` and up to `max_files` files of `attachments`, `max_bytes` together.

    `verify` checks the `csrf_token` input. Raises `FormRefused`: 403 when a file comes before a CSRF
    token that verifies, 413 when the post is far past the limits, 400 when it is not a flat form.
    """
    upload = Upload()
    used = 0
    room = 2 * max_bytes + FIELDS_BYTES  # what is read at all, kept or not
    parts = 0
    async for part in reader:
        parts += 1
        if parts > MAX_PARTS:
            raise FormRefused(413, "too many inputs")
        if not isinstance(part, BodyPartReader):
            raise FormRefused(400, "a nested multipart body is not a form")
        name = part.name or ""
        if part.filename is None:
            data, size = await _read(part, FIELD_BYTES, min(room, FIELD_BYTES))
            room -= size
            # Browsers send a textarea's line breaks as CRLF (HTML's form encoding); the case keeps LF.
            text = data.decode("utf-8", "replace").replace("\r\n", "\n")
            if name == "csrf_token":
                upload.csrf = text if verify(text) else ""
            elif name in known:
                upload.values[name] = text
            continue
        if not upload.csrf:
            raise FormRefused(403, "a file came before the form's CSRF token")
        wanted = name == "attachments" and len(upload.files) < max_files
        data, size = await _read(part, max_bytes - used if wanted else 0, room)
        room -= size
        # An empty file input is sent as a part with an empty name and no bytes: nothing was chosen.
        if name != "attachments" or not (part.filename or size):
            continue
        upload.chosen += 1
        if not wanted:
            continue
        if size > max_bytes - used:
            upload.over_size = True
            continue
        used += size
        content_type = part.headers.get("Content-Type", "application/octet-stream")
        upload.files.append(IncomingFile(file_name(part.filename or ""), content_type[:200], data))
    return upload
