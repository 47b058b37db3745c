"""Shapes of raw RFC 5322 bytes that more than one reader needs: where a header block ends, and what
a header line looks like."""

from __future__ import annotations

import re

#: The blank line that ends a header block (CRLF or bare LF mail).
HEADER_END = re.compile(rb"\r?\n\r?\n")
#: The start of a header line: a field name (printable ASCII, no colon) and its colon.
HEADER_NAME = re.compile(rb"[\x21-\x39\x3b-\x7e]+[ \t]*:")
