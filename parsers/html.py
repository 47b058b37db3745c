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
    """The text of an HTML document by line; each line is kept as its pieces and joined once, so a
    document that is one long line (20,000 links and no block) costs linear time."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.done: list[str] = []
        self.line: list[str] = []
        self.skip_depth = 0
        self.quote_depth = 0

    def _newline(self) -> None:
        self.done.append("".join(self.line))
        self.line = []

    def lines(self) -> list[str]:
        return [*self.done, "".join(self.line)]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag == "br":
            self._newline()
        elif tag == "li":
            self._newline()
            self.line = ["- "]
        elif tag == "blockquote":
            self.quote_depth += 1
            self._newline()
        elif tag == "td":
            self.line.append(" ")
        elif tag in _BLOCK:
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
        if not self.line and not text.strip():
            return
        if self.quote_depth and not (self.line and self.line[0].startswith(">")):
            self.line = ["> " * self.quote_depth + "".join(self.line).lstrip()]
        self.line.append(text)


# Past this size an HTML body is read by `_quick_text`: html.parser costs about 1.5 µs a tag, and a
# 10 MB body of tags (Zammad's reports: 20,000 links, tables nested thousands deep) would take seconds.
_FULL_PARSE_LIMIT = 1024 * 1024
_INVISIBLE = re.compile(
    r"<(script|style|head|title|template)\b[^>]{0,2000}>.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_LINE_TAG = re.compile(
    r"</?(?:p|div|tr|table|ul|ol|li|h[1-6]|pre|hr|section|blockquote|br)\b[^>]{0,2000}>", re.IGNORECASE
)
_ANY_TAG = re.compile(r"<[^>]{0,2000}>")
_LINE_SPACES = re.compile(r"[ \t\u00a0]+")
_LINE_END = re.compile(r" ?\n ?")


def _quick_text(html: str) -> str:
    """The text of a very big HTML body in linear time, with its lines but without the list dashes and
    quote marks of the full reading."""
    text = _ANY_TAG.sub("", _LINE_TAG.sub("\n", _INVISIBLE.sub(" ", html)))
    text = _LINE_END.sub("\n", _LINE_SPACES.sub(" ", unescape(text).replace("\r", "")))
    return _BLANKS.sub("\n\n", text).strip()


def html_to_text(html: str) -> str:
    """Readable plain text of an HTML body; never raises on broken markup. Bodies over 1 MB are read
    by a quicker, plainer rule (see `_quick_text`)."""
    if len(html) > _FULL_PARSE_LIMIT:
        return _quick_text(html)
    collector = _TextCollector()
    try:
        collector.feed(html)
        collector.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient, but a mail body is hostile input
        return _BLANKS.sub("\n\n", unescape(re.sub(r"<[^>]{0,2000}>", " ", html))).strip()
    lines = [line.strip() if not line.startswith(">") else line.rstrip() for line in collector.lines()]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
