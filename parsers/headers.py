"""Header values as text: encoded-words (RFC 2047) and raw 8-bit bytes decoded, control characters gone.

The standard library hands a header that arrived with raw 8-bit bytes back as an `email.header.Header`
whose text is replacement characters; its bytes are still there, and `parsers.charsets` decides what
they say. Encoded-words in a charset Python does not know (`unicode-1-1-utf-7`, a misspelt label) are
decoded by the WHATWG label table too.
"""

from __future__ import annotations

import re
from email.header import Header, decode_header, make_header
from typing import Any

from parsers.charsets import codec_for, decode_bytes, decode_header_bytes

__all__ = ["MAX_HEADER", "clean_header_text", "decode_header_value"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_HEADER = 4000
_FOLD = re.compile(r"\r?\n(?=[ \t])")


def clean_header_text(value: str, limit: int = MAX_HEADER) -> str:
    """One line of text, safe to show and to reuse in a header: no CR, LF or other control bytes."""
    if value.isprintable() and "  " not in value and value[:1] != " " and value[-1:] != " ":
        return value[:limit]  # the usual header: no controls and no whitespace but single spaces
    return " ".join(_CONTROL.sub(" ", value).split())[:limit]


def _chunk(data: bytes | str, charset: str | None) -> str:
    if isinstance(data, str):
        return data
    if charset is None:
        return data.decode("raw-unicode-escape")  # how decode_header hands back unencoded text
    if codec_for(charset) is None:
        return decode_header_bytes(data)
    return decode_bytes(data, charset)


def _encoded_words(raw: str) -> str:
    """`raw` with its encoded-words decoded, each by the WHATWG label of its charset."""
    if "=?" not in raw:
        return raw  # no encoded-words: nothing to decode (most headers of most mail)
    # Unfolded first: clients fold inside an encoded-word ("=?…?Q?a\r\n\tb?="), which then spans lines.
    raw = _FOLD.sub("", raw)
    try:
        chunks = decode_header(raw)
    except Exception:  # noqa: BLE001 - not even the encoded-word syntax holds: keep the raw text
        return raw
    try:
        # make_header puts back the spaces decode_header took out (RFC 2047 section 6.2).
        return str(make_header([(data, codec_for(charset) or charset) for data, charset in chunks]))
    except Exception:  # noqa: BLE001 - a lying or unknown charset: decode chunk by chunk
        return "".join(_chunk(data, charset) for data, charset in chunks)


def decode_header_value(value: Any, fallbacks: tuple[str, ...] = ()) -> str:
    """A header's text from what `email.message.Message.get` returned (a str, or a `Header` when the
    value had raw 8-bit bytes); `fallbacks` are the message's own charsets as
    `parsers.charsets.header_fallbacks` gives them, tried for 8-bit bytes that are not UTF-8.
    Never raises."""
    if value is None:
        return ""
    if isinstance(value, Header):
        try:
            parts = decode_header(value)
        except Exception:  # noqa: BLE001 - keep the standard library's own reading
            return str(value)
        value = "".join(
            decode_header_bytes(data, fallbacks) if isinstance(data, bytes) else data for data, _ in parts
        )
    return _encoded_words(str(value))
