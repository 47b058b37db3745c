"""Hostile mail in-process: real corpus messages, mutated, never crash or stall the parsers.

Each mutation is one way broken or malicious mail arrives: truncated MIME, wrong boundaries, bad
base64, unknown and lying charsets, huge headers, thousands of parts, deep nesting, NUL bytes, bare
CRs, flipped bytes, CR/LF smuggled into Subject, From and file names. The mutators are shared with
tests/bot/test_hostile_mail.py, which sends a few of these messages through the real SMTP server.
"""

from __future__ import annotations

import base64
import random
import re
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.clean import clean_description
from parsers.extract import extract_fields
from parsers.fields import CASE_TYPES, PRIORITIES
from parsers.message import ParsedMessage, parse_message
from tests.corpora import corpus_files, needs_corpus

SEED_LIMIT = 200_000  # bytes; the few bigger corpus files make every example slow and add nothing
# A hang guard, not a speed goal (bench/ measures speed): CPU seconds per message for parse + clean +
# extract; quadratic reading of these inputs takes minutes, linear reading a few seconds at most here.
TIME_LIMIT = 5.0

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_HEADER_END = re.compile(rb"\r?\n\r?\n")


def seed_messages() -> list[bytes]:
    """Whole messages (headers and body) from ../shared/corpus, small enough to mutate quickly."""
    out = []
    for path in corpus_files():
        raw = path.read_bytes()
        if len(raw) <= SEED_LIMIT and re.match(rb"[\x21-\x39\x3b-\x7e]+:", raw[:200].lstrip()):
            out.append(raw)
    return out


SEEDS = seed_messages()


# -- mutators: each takes a `rnd` (random.Random) and the bytes, returns new bytes ---------------


def _split(raw: bytes) -> tuple[bytes, bytes]:
    end = _HEADER_END.search(raw)
    if end is None:
        return raw, b""
    return raw[: end.start()], raw[end.end() :]


def _join(head: bytes, body: bytes) -> bytes:
    return head + b"\r\n\r\n" + body


def truncate(rnd: random.Random, raw: bytes) -> bytes:
    """Cut anywhere: mid-header, mid-boundary, mid-base64."""
    return raw[: rnd.randint(0, len(raw))]


def wrong_boundary(rnd: random.Random, raw: bytes) -> bytes:
    """The declared boundary is not the one the body uses, or is empty, or is never closed."""
    choice = rnd.choice([b"wrong-boundary", b"", b'"', b"--", b"x" * 200, b"=_NextPart_\x00"])
    mutated = re.sub(rb'(?i)boundary="?[^";\r\n]*"?', b'boundary="' + choice + b'"', raw)
    if mutated == raw:  # not multipart: make it claim to be, with a boundary that never appears
        head, body = _split(raw)
        head = re.sub(rb"(?im)^content-type:.*(\r?\n[ \t].*)*", b"", head)
        mutated = _join(head + b"\r\nContent-Type: multipart/mixed; boundary=" + choice, body)
    if rnd.random() < 0.5:
        mutated = re.sub(rb"(?m)^(--[^\r\n]+?)--\r?$", rb"\1", mutated)  # drop the closing delimiters
    return mutated


def bad_base64(rnd: random.Random, raw: bytes) -> bytes:
    """Parts say base64 but carry garbage, stray padding and non-alphabet bytes."""
    mutated = re.sub(rb"(?i)content-transfer-encoding:[^\r\n]*", b"Content-Transfer-Encoding: base64", raw)
    if mutated == raw:
        head, body = _split(raw)
        mutated = _join(head + b"\r\nContent-Transfer-Encoding: base64", body)
    head, body = _split(mutated)
    junk = [b"!!!", b"====", b"=", b"\xff\xfe", b"A", b"%%", b"\x00", b"QUJD=RA"]
    pieces = bytearray(body)
    for _ in range(rnd.randint(1, 20)):
        at = rnd.randint(0, len(pieces))
        pieces[at:at] = rnd.choice(junk)
    return _join(head, bytes(pieces))


CHARSETS = [
    "x-unknown-42",
    "utf-7",
    "utf-16",
    "utf-32",
    "iso-2022-jp",
    "gb2312",
    "ks_c_5601-1987",
    "us-ascii",
    "binary",
    "",
    "../../etc/passwd",
    "x" * 300,
    "unicode-1-1-utf-7",
    "cp65001",
    "hz-gb-2312",
    "utf-8\x00",
    "idna",
    "rot13",
    "base64",
    "zlib",
    "punycode",
]


def lying_charset(rnd: random.Random, raw: bytes) -> bytes:
    """Body and encoded-word charsets that Python does not know, or that do not match the bytes."""
    name = rnd.choice(CHARSETS).encode("latin-1")
    mutated = re.sub(rb'(?i)charset="?[^";\s]*"?', b'charset="' + name + b'"', raw)
    head, body = _split(mutated)
    payload = base64.b64encode(rnd.randbytes(rnd.randint(0, 60)))
    word = b"=?" + name + b"?B?" + payload + b"?="
    if rnd.random() < 0.5:
        head = re.sub(rb"(?im)^subject:", b"Subject: " + word + b" ", head, count=1)
    else:
        head = b"Subject: " + word + b"\r\nFrom: " + word + b" <lying@acme.no>\r\n" + head
    return _join(head, body)


def huge_header(rnd: random.Random, raw: bytes) -> bytes:
    """One header of up to 300 KB: a single line, folded, or thousands of Message-IDs."""
    size = rnd.randint(1_000, 300_000)
    kind = rnd.choice(["line", "folded", "references", "subject"])
    if kind == "line":
        header = b"X-Huge: " + b"a" * size
    elif kind == "folded":
        header = b"X-Huge: " + b"\r\n ".join([b"b" * 70] * (size // 72 + 1))
    elif kind == "references":
        header = b"References: " + b"\r\n ".join(b"<%d@spam.example>" % i for i in range(size // 20))
    else:
        header = b"Subject: " + b" ".join([b"ord"] * (size // 4))
    return header + b"\r\n" + raw


def many_parts(rnd: random.Random, raw: bytes) -> bytes:
    """The message as one part among up to 2,000 tiny text and attachment parts."""
    count = rnd.randint(2, 2_000)
    parts = []
    for i in range(count):
        if i == count // 2:
            parts.append(b"Content-Type: message/rfc822\r\n\r\n" + raw)
        elif i % 3:
            parts.append(b"Content-Type: text/plain\r\n\r\npart %d" % i)
        else:
            parts.append(
                b"Content-Type: application/octet-stream\r\n"
                b"Content-Disposition: attachment; filename=f%d.bin\r\n"
                b"Content-Transfer-Encoding: base64\r\n\r\nAAEC" % i
            )
    body = b"".join(b"--MANY\r\n" + p + b"\r\n" for p in parts) + b"--MANY--\r\n"
    head = b"From: Many <many@acme.no>\r\nSubject: many parts\r\nMIME-Version: 1.0\r\n"
    return head + b"Content-Type: multipart/mixed; boundary=MANY\r\n\r\n" + body


def nested(depth: int, inner: bytes) -> bytes:
    """`inner` (a whole message) at the bottom of `depth` levels of multipart/mixed."""
    head = b"From: Deep <deep@acme.no>\r\nSubject: nested\r\nMIME-Version: 1.0\r\n"
    head += b"Content-Type: multipart/mixed; boundary=b0\r\n\r\n"
    opening = b"".join(
        b"--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n" % (i - 1, i) for i in range(1, depth)
    )
    bottom = b"--b%d\r\nContent-Type: message/rfc822\r\n\r\n%s\r\n--b%d--\r\n" % (depth - 1, inner, depth - 1)
    closing = b"".join(b"--b%d--\r\n" % i for i in range(depth - 2, -1, -1))
    return head + opening + bottom + closing


def deep_nesting(rnd: random.Random, raw: bytes) -> bytes:
    """The message under up to 200 levels of multipart."""
    return nested(rnd.randint(2, 200), raw)


def nul_bytes(rnd: random.Random, raw: bytes) -> bytes:
    """NUL bytes in headers and body, alone and in runs."""
    pieces = bytearray(raw)
    for _ in range(rnd.randint(1, 50)):
        at = rnd.randint(0, len(pieces))
        pieces[at:at] = b"\x00" * rnd.choice([1, 1, 2, 100])
    return bytes(pieces)


INJECTED = b"Bcc: victim@evil.example"


def crlf_injection(rnd: random.Random, raw: bytes) -> bytes:
    """CR/LF smuggled into Subject, From's display name and a file name, encoded every way mail can."""
    target = rnd.choice(["subject", "from", "filename", "filename2231"])
    q_crlf = b"=?utf-8?Q?Hei=0D=0A" + INJECTED.replace(b" ", b"_").replace(b":", b"=3A") + b"?="
    b_crlf = b"=?utf-8?B?" + base64.b64encode(b"Hei\r\n" + INJECTED) + b"?="
    word = rnd.choice([q_crlf, b_crlf, b"Hei\r" + INJECTED])
    head, body = _split(raw)
    if target == "subject":
        head = b"Subject: " + word + b"\r\n" + re.sub(rb"(?im)^subject:", b"X-Old-Subject:", head)
    elif target == "from":
        head = b"From: " + word + b" <kari@acme.no>\r\n" + re.sub(rb"(?im)^from:", b"X-Old-From:", head)
    else:
        if target == "filename":
            disposition = b'attachment; filename="' + word + b'.txt"'
        else:
            disposition = b"attachment; filename*=utf-8''evil%0D%0ABcc%3A%20victim%40evil.example.txt"
        head = re.sub(rb"(?im)^(content-type|mime-version):.*(\r?\n[ \t].*)*(\r?\n)?", b"", head)
        head += b"\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=INJ"
        body = (
            b"--INJ\r\nContent-Type: text/plain\r\n\r\nSee the file.\r\n"
            b"--INJ\r\nContent-Type: text/plain\r\nContent-Disposition: "
            + disposition
            + b"\r\n\r\n"
            + body[:2000]
            + b"\r\n--INJ--\r\n"
        )
    return _join(head, body)


def flip_bytes(rnd: random.Random, raw: bytes) -> bytes:
    """Random bytes overwritten: what a broken relay or disk does."""
    pieces = bytearray(raw)
    for _ in range(rnd.randint(1, 40)):
        if pieces:
            pieces[rnd.randrange(len(pieces))] = rnd.randrange(256)
    return bytes(pieces)


def line_endings(rnd: random.Random, raw: bytes) -> bytes:
    """Bare CR or doubled and reversed line ends where CRLF belongs, everywhere or in the first lines."""
    choice = rnd.choice([b"\r", b"\r\r\n", b"\n\r"])
    return re.sub(rb"\r?\n", choice, raw, count=0 if rnd.random() < 0.5 else 10)


MUTATORS: list[Callable[[random.Random, bytes], bytes]] = [
    truncate,
    wrong_boundary,
    bad_base64,
    lying_charset,
    huge_header,
    many_parts,
    deep_nesting,
    nul_bytes,
    crlf_injection,
    flip_bytes,
    line_endings,
]


def mutate(rnd: random.Random, raw: bytes, steps: int) -> tuple[bytes, list[str]]:
    """`steps` mutations of `raw`, chosen by `rnd`; returns the bytes and the mutators' names."""
    names = []
    for _ in range(steps):
        mutator = rnd.choice(MUTATORS)
        names.append(mutator.__name__)
        raw = mutator(rnd, raw)
    return raw, names


@st.composite
def hostile_messages(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    """A corpus message after one to three mutations (hypothesis picks seed, mutators and randomness)."""
    raw = draw(st.sampled_from(SEEDS))
    rnd = draw(st.randoms(use_true_random=False))
    return mutate(rnd, raw, draw(st.integers(1, 3)))


# -- what every message must satisfy --------------------------------------------------------------


def read_timed(raw: bytes) -> tuple[ParsedMessage, str, float]:
    """parse_message + clean_description + extract_fields, as the engine runs them; and the CPU time
    taken (a hang guard: this process's CPU seconds, whatever else the machine is doing)."""
    started = time.process_time()
    parsed = parse_message(raw)
    description = clean_description(parsed.text)
    fields = extract_fields(description, subject=parsed.subject, sent_at=parsed.date)
    elapsed = time.process_time() - started
    assert fields.type in (*CASE_TYPES, None) and fields.priority in (*PRIORITIES, None)
    return parsed, description, elapsed


def assert_safe(parsed: ParsedMessage, description: str) -> None:
    """Nothing a header can be rebuilt from carries a control byte; no NUL reaches the store."""
    for value in (parsed.subject, parsed.sender, parsed.sender_name, parsed.message_id, *parsed.to):
        assert not _CONTROL.search(value), value[:200]
    assert re.fullmatch(r"<[^<>\s]+>", parsed.message_id)
    for attachment in parsed.attachments:
        assert attachment.filename and not _CONTROL.search(attachment.filename), attachment.filename
    assert "\x00" not in parsed.text and "\x00" not in description


@needs_corpus
@settings(
    max_examples=300,
    deadline=None,  # the time limit is asserted below, per message, with time.monotonic
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)
@given(hostile_messages())
def test_mutated_corpus_mail_parses_safely_and_in_time(case: tuple[bytes, list[str]]) -> None:
    """Mutated real mail: no exception, within the CPU limit, no control bytes in headers, names or text."""
    raw, mutations = case
    parsed, description, elapsed = read_timed(raw)
    assert elapsed < TIME_LIMIT, (mutations, elapsed)
    assert_safe(parsed, description)


@needs_corpus
def test_each_mutator_changes_real_mail() -> None:
    """The mutators do something to every kind of seed (a mutator that returns its input proves nothing)."""
    rnd = random.Random(7)
    for mutator in MUTATORS:
        changed = sum(mutator(rnd, raw) != raw for raw in SEEDS[:40])
        assert changed >= 30, mutator.__name__


def _multipart(parts: list[bytes]) -> bytes:
    body = b"".join(b"--P\r\n" + p + b"\r\n" for p in parts) + b"--P--\r\n"
    return b"From: kari@acme.no\r\nSubject: parts\r\nMIME-Version: 1.0\r\n" + (
        b"Content-Type: multipart/mixed; boundary=P\r\n\r\n" + body
    )


def test_ten_thousand_parts_parse_in_time() -> None:
    """10,000 parts (text and attachments) are read within the CPU limit and every attachment is kept."""
    parts = [
        b"Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=f%d.bin\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nAAEC" % i
        if i % 2
        else b"Content-Type: text/plain\r\n\r\nline %d" % i
        for i in range(10_000)
    ]
    parsed, description, elapsed = read_timed(_multipart(parts))
    assert elapsed < TIME_LIMIT and len(parsed.attachments) == 5_000
    assert_safe(parsed, description)


def test_two_hundred_levels_of_nesting_reach_the_text() -> None:
    """A message under 200 levels of multipart is read in time and its text is found."""
    inner = b"From: kari@acme.no\r\nSubject: inner\r\n\r\nInnloggingen feiler i Chrome 131.\r\n"
    parsed, description, elapsed = read_timed(nested(200, inner))
    assert elapsed < TIME_LIMIT and "Chrome 131" in parsed.text
    assert_safe(parsed, description)


def test_thousand_levels_of_nesting_do_not_raise() -> None:
    """parse_message never raises, even for a 1,000-level multipart (a few KB of bytes)."""
    inner = b"From: kari@acme.no\r\nSubject: inner\r\n\r\nHei.\r\n"
    parsed, description, elapsed = read_timed(nested(1_000, inner))
    assert elapsed < TIME_LIMIT
    assert_safe(parsed, description)
    # mail-parser gave up with its own error (as `mailparser.parse_from_bytes` does), and the
    # standard library read it instead
    assert parsed.defects[0] == "mail-parser: MailParserRecursionError"


def test_nul_in_charset_name_does_not_raise() -> None:
    """A charset name with a NUL in it (`charset=\\x00utf-8` on a base64 HTML body) parses."""
    raw = (
        b"From: kari@acme.no\r\nSubject: nul\r\nContent-Type: text/html; charset=\x00utf-8\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.b64encode(b"<p>Hei, det virker ikke.</p>")
        + b"\r\n"
    )
    parsed, description, _elapsed = read_timed(raw)
    assert "Hei" in parsed.text
    assert_safe(parsed, description)


def test_nul_bytes_opening_header_lines_do_not_raise() -> None:
    """NUL bytes at the start of the headers after Content-Type (a mangled relay) do not make it raise."""
    raw = (
        b"\x00From: kari@acme.no\r\nContent-Type: text/html; charset=utf-8\r\n\x00Subject: nul\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode(b"<p>Hei.</p>") + b"\r\n"
    )
    parsed, description, _elapsed = read_timed(raw)
    assert_safe(parsed, description)


def affected_list(count: int) -> bytes:
    """A customer pasting the addresses of every user who cannot log in."""
    users = ", ".join(f"bruker{i}@acme.no" for i in range(count)).encode()
    head = b"From: kari@acme.no\r\nSubject: Innlogging\r\n\r\n"
    return head + b"Disse brukerne kan ikke logge inn: " + users + b".\r\n"


def test_a_few_hundred_affected_users_are_read_in_time() -> None:
    """A list of 500 affected users' addresses is read quickly, every address kept."""
    parsed, description, elapsed = read_timed(affected_list(500))
    assert elapsed < TIME_LIMIT / 4
    assert len(extract_fields(description, subject=parsed.subject).affected_users) == 500


def test_six_thousand_affected_users_are_read_in_time() -> None:
    """6,000 addresses in one sentence (120 KB, far under the size limit) are read within the CPU limit."""
    _parsed, _description, elapsed = read_timed(affected_list(6_000))
    assert elapsed < TIME_LIMIT


@pytest.mark.parametrize(
    "header",
    [
        b"X-Huge: " + b"a" * 1_000_000,
        b"X-Huge: " + b"\r\n ".join([b"b" * 70] * 14_000),
        b"Subject: " + b" ".join([b"ord"] * 250_000),
    ],
    ids=["one-line", "folded", "subject"],
)
def test_one_megabyte_header_parses_in_time(header: bytes) -> None:
    """A 1 MB header (one line, folded, or the Subject itself) is read in under 2 s."""
    raw = b"From: kari@acme.no\r\n" + header + b"\r\nSubject: stor\r\n\r\nHei, se vedlegg.\r\n"
    parsed, description, elapsed = read_timed(raw)
    assert elapsed < TIME_LIMIT and parsed.sender == "kari@acme.no"
    assert len(parsed.subject) <= 4000
    assert_safe(parsed, description)


@needs_corpus
@pytest.mark.parametrize("seed", range(4))
def test_crlf_in_subject_from_and_filename_never_survives(seed: int) -> None:
    """Every way of smuggling CR/LF into Subject, From or a file name is flattened to one line."""
    rnd = random.Random(seed)
    for raw in SEEDS[:25]:
        parsed, description, _ = read_timed(crlf_injection(rnd, raw))
        assert_safe(parsed, description)
