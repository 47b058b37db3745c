"""HTML mail bodies turned into readable plain text.

Customers' mail clients often send HTML only. The engine reads text, so the markup goes and the
structure a reader sees stays: paragraphs and line breaks become newlines, list items become dashes,
quoted blocks become `>` lines (so the quote stripper treats them like plain-text quotes).
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_BLOCK = frozenset(
    {"p", "div", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr", "section"}
)
_SKIP = frozenset({"script", "style", "head", "title", "template"})
_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*){2,}")
_SPACES = re.compile(r"[ \t\u00a0]+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skip_depth = 0
        self.quote_depth = 0

    def _newline(self) -> None:
        self.lines.append("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag == "br":
            self._newline()
        elif tag == "li":
            self._newline()
            self.lines[-1] = "- "
        elif tag == "blockquote":
            self.quote_depth += 1
            self._newline()
        elif tag in _BLOCK or tag == "td":
            if tag == "td":
                self.lines[-1] += " "
            else:
                self._newline()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "blockquote":
            self.quote_depth = max(0, self.quote_depth - 1)
            self._newline()
        elif tag in _BLOCK or tag == "li":
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        text = _SPACES.sub(" ", data.replace("\r", "").replace("\n", " "))
        if not text.strip() and not self.lines[-1]:
            return
        if self.quote_depth and not self.lines[-1].startswith(">"):
            self.lines[-1] = "> " * self.quote_depth + self.lines[-1].lstrip()
        self.lines[-1] += text


def html_to_text(html: str) -> str:
    """Readable plain text of an HTML body; never raises on broken markup."""
    collector = _TextCollector()
    try:
        collector.feed(html)
        collector.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient, but a mail body is hostile input
        return _BLANKS.sub("\n\n", unescape(re.sub(r"<[^>]{0,2000}>", " ", html))).strip()
    lines = [line.strip() if not line.startswith(">") else line.rstrip() for line in collector.lines]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
