"""Bytes in a declared charset turned into text the way browsers do it, and bytes of no known charset
turned into the most likely text.

Mail clients name a charset and mean a superset of it: Outlook labels windows-1252 text
`iso-8859-1` (or `us-ascii`), so its curly quotes, dashes, `€` and `…` come out as C1 control
characters when the label is taken at its word. The WHATWG Encoding Standard
(https://encoding.spec.whatwg.org/, "Names and labels") fixes what each label means, and browsers
decode mail-like text by it; `_ENCODINGS` is its label table, each encoding mapped to the Python codec
that decodes it.

Two departures, both for mail: labels the standard maps to its "replacement" encoding
(`iso-2022-kr`, `hz-gb-2312`, `iso-2022-cn`) are decoded with Python's codec where it has one,
because a support agent needs the text and plain text carries no script; and UTF-7 (RFC 2152), which
the standard leaves out, is decoded, because old mail clients send `unicode-1-1-utf-7`.

Text of no declared charset, or whose bytes do not fit the declared one, is read as UTF-8 when it is
valid UTF-8, else as what charset-normalizer detects, else as windows-1252 (which decodes any byte).
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

import charset_normalizer

__all__ = ["codec_for", "decode_bytes", "decode_header_bytes", "detect", "header_fallbacks"]

# WHATWG encoding name: (Python codec, its labels separated by spaces). The labels are the standard's.
_ENCODINGS: dict[str, tuple[str, str]] = {
    "utf-8": ("utf-8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"),
    "ibm866": ("cp866", "866 cp866 csibm866 ibm866"),
    "iso-8859-2": (
        "iso8859-2",
        "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2",
    ),
    "iso-8859-3": (
        "iso8859-3",
        "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3",
    ),
    "iso-8859-4": (
        "iso8859-4",
        "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4",
    ),
    "iso-8859-5": (
        "iso8859-5",
        "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988",
    ),
    "iso-8859-6": (
        "iso8859-6",
        "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e "
        "iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987",
    ),
    "iso-8859-7": (
        "iso8859-7",
        "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 "
        "iso_8859-7 iso_8859-7:1987 sun_eu_greek",
    ),
    "iso-8859-8": (
        "iso8859-8",
        "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598 "
        "iso_8859-8 iso_8859-8:1988 visual",
    ),
    "iso-8859-8-i": ("iso8859-8", "csiso88598i iso-8859-8-i logical"),
    "iso-8859-10": ("iso8859-10", "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"),
    "iso-8859-13": ("iso8859-13", "iso-8859-13 iso8859-13 iso885913"),
    "iso-8859-14": ("iso8859-14", "iso-8859-14 iso8859-14 iso885914"),
    "iso-8859-15": ("iso8859-15", "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"),
    "iso-8859-16": ("iso8859-16", "iso-8859-16"),
    "koi8-r": ("koi8-r", "cskoi8r koi koi8 koi8-r koi8_r"),
    "koi8-u": ("koi8-u", "koi8-ru koi8-u"),
    "macintosh": ("mac-roman", "csmacintosh mac macintosh x-mac-roman"),
    "windows-874": ("cp874", "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"),
    "windows-1250": ("cp1250", "cp1250 windows-1250 x-cp1250"),
    "windows-1251": ("cp1251", "cp1251 windows-1251 x-cp1251"),
    "windows-1252": (
        "cp1252",
        "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 "
        "iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252",
    ),
    "windows-1253": ("cp1253", "cp1253 windows-1253 x-cp1253"),
    "windows-1254": (
        "cp1254",
        "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 latin5 "
        "windows-1254 x-cp1254",
    ),
    "windows-1255": ("cp1255", "cp1255 windows-1255 x-cp1255"),
    "windows-1256": ("cp1256", "cp1256 windows-1256 x-cp1256"),
    "windows-1257": ("cp1257", "cp1257 windows-1257 x-cp1257"),
    "windows-1258": ("cp1258", "cp1258 windows-1258 x-cp1258"),
    "x-mac-cyrillic": ("mac-cyrillic", "x-mac-cyrillic x-mac-ukrainian"),
    # The standard's GBK decoder is its gb18030 decoder, a superset of GB2312 and GBK.
    "gbk": ("gb18030", "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk"),
    "gb18030": ("gb18030", "gb18030"),
    "big5": ("big5hkscs", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"),
    "euc-jp": ("euc-jp", "cseucpkdfmtjapanese euc-jp x-euc-jp"),
    "iso-2022-jp": ("iso-2022-jp", "csiso2022jp iso-2022-jp"),
    # Shift_JIS and EUC-KR as the standard decodes them are Microsoft's supersets.
    "shift_jis": ("cp932", "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"),
    "euc-kr": (
        "cp949",
        "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 "
        "windows-949",
    ),
    # "replacement" in the standard; see the module docstring.
    "iso-2022-kr": ("iso2022_kr", "csiso2022kr iso-2022-kr"),
    "hz-gb-2312": ("hz", "hz-gb-2312"),
    "iso-2022-cn": ("gb18030", "iso-2022-cn iso-2022-cn-ext"),
    "utf-16be": ("utf-16-be", "unicodefffe utf-16be"),
    "utf-16le": ("utf-16-le", "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le"),
    # Not in the standard; see the module docstring.
    "utf-7": ("utf-7", "csunicode11utf7 unicode-1-1-utf-7 unicode-2-0-utf-7 utf-7 x-unicode20utf7"),
}

_BY_LABEL = {label: codec for codec, labels in _ENCODINGS.values() for label in labels.split()}
_WHITESPACE = "\t\n\f\r "
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# Detection reads this much at most: enough to tell a charset, and it keeps huge bodies linear.
_DETECT_BYTES = 64 * 1024
_HIGH_RUN = re.compile(rb"[\x80-\xff]{2}")


@lru_cache(maxsize=256)
def codec_for(label: str | None) -> str | None:
    """The Python codec that decodes text labelled `label` (a MIME charset parameter or an encoded-word's
    charset, any case, surrounding whitespace ignored; RFC 2231 language suffixes `*xx` dropped), or None
    for no label or one the standard does not know."""
    if not label:
        return None
    name = label.strip(_WHITESPACE).lower().partition("*")[0].strip('"')
    return _BY_LABEL.get(name)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def detect(data: bytes) -> str | None:
    """The text charset-normalizer finds most likely for `data` (bytes that are not UTF-8), or None.

    Short texts fit several single-byte charsets equally well ("får" is as likely windows-1250 as
    windows-1252); among the equally likely readings windows-1252's is taken, since a support desk's
    mail is mostly Western European.
    """
    sample = data[:_DETECT_BYTES]
    if not _HIGH_RUN.search(sample):
        # Every non-ASCII byte stands alone between ASCII ones: the shape of Western European text in a
        # single-byte charset ("F\xe5r ikke"); multi-byte charsets write runs of them.
        return data.decode("cp1252", "replace")
    try:
        results = charset_normalizer.from_bytes(sample)
        best = results.best()
        if best is None:
            return None
        chosen = next(
            (m for m in results if m.chaos <= best.chaos + 0.01 and "cp1252" in m.could_be_from_charset),
            best,
        )
        encoding: str = chosen.encoding
    except Exception:  # noqa: BLE001 - a detector bug must not cost the message
        return None
    return _strict(data, "cp1252" if "cp1252" in chosen.could_be_from_charset else encoding)


def decode_bytes(data: bytes, label: str | None) -> str:
    """Text of a MIME part whose charset parameter is `label` (None when it has none); never raises.

    A byte order mark wins over the label (as the standard says); bytes that fit the label's encoding
    are decoded by it; bytes that do not (a UTF-8 label on Latin-1 bytes, no label on 8-bit text) are
    read as UTF-8, else as detected, else as the label says with replacement characters.
    """
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(bom_codec, "replace")
    codec = codec_for(label)
    if codec is not None:
        text = _strict(data, codec)
        if text is not None:
            return text
    elif data.isascii():
        return data.decode("ascii")
    text = _strict(data, "utf-8")
    if text is None:
        text = detect(data)
    if text is None:
        text = data.decode(codec or "cp1252", "replace")
    return text


_MULTI_BYTE = frozenset(
    {"gb18030", "big5hkscs", "cp932", "euc-jp", "iso-2022-jp", "cp949", "iso2022_kr", "hz", "utf-7"}
)


def header_fallbacks(labels: list[str]) -> tuple[str, ...]:
    """The codecs to try, in order, for raw 8-bit header bytes of a message whose parts declare the
    charsets `labels`: multi-byte ones first (their bytes rarely fit by chance, while a single-byte
    charset decodes nearly anything), each once."""
    codecs_ = [c for c in dict.fromkeys(codec_for(label) for label in labels) if c and c != "utf-8"]
    return tuple(sorted(codecs_, key=lambda c: c not in _MULTI_BYTE))


def decode_header_bytes(data: bytes, fallbacks: tuple[str, ...] = ()) -> str:
    """Header text sent as raw 8-bit bytes (RFC 6532 allows only UTF-8; old clients send their own
    charset): UTF-8 first, then the message's own charsets (`fallbacks`, Python codec names as
    `header_fallbacks` gives them), then detection, then windows-1252; never raises."""
    text = _strict(data, "utf-8")
    if text is not None:
        return text
    for codec in fallbacks:
        text = _strict(data, codec)
        if text is not None:
            return text
    return detect(data) or data.decode("cp1252", "replace")
