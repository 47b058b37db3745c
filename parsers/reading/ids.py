"""Where the problem is: the customer's instance host, the module, and the id of the registration."""

from __future__ import annotations

import re

from parsers.vocabulary import Vocabulary

__all__ = ["instance", "module", "record_id"]


def instance(low: str, vocabulary: Vocabulary) -> str | None:
    """The customer's own system host, e.g. "acme.landax.no", from a URL or a bare host name."""
    for suffix in vocabulary.instance_suffixes:
        pattern = re.compile(
            r"(?<![@\w.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+" + re.escape(suffix) + r")\b"
        )
        for match in pattern.finditer(low):
            host = match.group(1)
            first_label = host.split(".", 1)[0]
            if first_label in vocabulary.vendor_hosts or host == suffix:
                continue
            return host
    return None


# A login that fails is no module's problem: "nobody can log in … the morning shift cannot do the safety
# rounds" names a module only as what the outage stops.
_LOGIN_FAILS = re.compile(
    r"\b(?:(?:får|fær|kan|klarer|kunne|fikk)\s+(?:ikke|ikkje)\s+(?:å\s+)?(?:logget|logge|logga|logg)\s+(?:inn|på)"
    r"|(?:can't|cannot|can not|couldn't|could not|unable to|not able to)\s+(?:log|sign)\s*(?:in|on)\b"
    r"|(?:nobody|no one|ingen)\b[^.!?\n]{0,40}\b(?:can|could|får|fær|kan|klarer)\s+"
    r"(?:logget\s+inn|logge\s+inn|log\s*in|sign\s*in|logge\s+på))"
)


def login_fails(low: str) -> bool:
    """Whether the text says someone cannot log in at all (see `module`)."""
    return ("log" in low or "sign" in low) and bool(_LOGIN_FAILS.search(low))


def _vendor_training(low: str, match: re.Match[str], vocabulary: Vocabulary) -> bool:
    """Whether a course named is the vendor's training in the product ("kurs i Landax", "your Landax basic
    user course"), not a course in the customer's courses module."""
    products = "|".join(re.escape(s.split(".")[0]) for s in vocabulary.instance_suffixes)
    before = low[max(0, match.start() - 40) : match.start()]
    after = low[match.end() : match.end() + 20]
    return bool(
        re.search(rf"\b(?:your|deres|dykkar|{products})\s+(?:[\w-]+\s+){{0,2}}$", before)
        or re.match(rf"\s+(?:i|in|på|on)\s+(?:{products})\b", after)
    )


# What an order or a change of the agreement does to a module: the module named right after it is the
# case's.
_ORDERED = re.compile(
    r"\b(?:bestill\w*|kjøp\w*|buy\w*|order\w*|purchas\w*|add|adding|legge til|legg til|si opp|sier opp"
    r"|sa opp|kansell\w*|cancel\w*|avslutt\w*|aktiver\w*|activat\w*|ta i bruk|oppgrader\w*|upgrad\w*"
    r"|nedgrader\w*|downgrad\w*|remove|fjerne|terminat\w*|tilgang til|access to|plasser på|places on"
    r"|seats on)\b(?:\s+\S+){0,4}\s+$|\bmodul\w*\s+(?:for|til)\s+$|\bmodules?\s+for\s+$"
)


def module(subject_low: str, low: str, vocabulary: Vocabulary, *, contractual: bool = False) -> str | None:
    """The module the case is about: one named with "modul" wins, then the subject, then the first named.

    Where a login fails, only a module named as one ("avviksmodulen") counts. In an order or a change of
    the agreement (`contractual`) a module counts when named as one, in the subject, or as what is
    ordered, added or cancelled ("bestille stoffkartotek", "add the annual wheel"), not as data to export
    or what a plan's storage holds ("eksport av alle avvik", "turbine inspection photos"). A course that is
    the vendor's training in the product is no module.
    """
    explicit_only = login_fails(f"{subject_low}\n{low}")
    best: tuple[int, int, str] | None = None
    for source_rank, text in ((1, subject_low), (2, low)):
        for match in vocabulary.module_pattern.finditer(text):
            following = text[match.end() : match.end() + 20].split()
            next_word = following[0].strip(".,:;!?") if following else ""
            preceding = text[max(0, match.start() - 20) : match.start()].split()
            prev_word = preceding[-1].strip(".,:;!?") if preceding else ""
            key = vocabulary.module_of(match.group(0), next_word, prev_word)
            if key is None:
                continue
            word = match.group(0)
            after_next = following[1].strip(".,:;!?") if len(following) > 1 else ""
            if (
                next_word in ("report", "reports") or after_next in ("report", "reports")
            ) and "report" not in word:
                key = "reports"  # English puts the head noun last: a "deviation report" is a report
            explicit = "modul" in word or next_word.startswith(("modul", "module"))
            if (
                contractual
                and not explicit
                and source_rank == 2
                and not _ORDERED.search(text[max(0, match.start() - 40) : match.start()])
            ):
                continue
            if (explicit_only and not explicit) or (
                key == "courses" and not explicit and _vendor_training(text, match, vocabulary)
            ):
                continue
            rank = (0 if explicit else source_rank, match.start(), key)
            if best is None or rank < best:
                best = rank
    return best[2] if best else None


_DIGIT = re.compile(r"\d")
_RECORD_KEYWORD = re.compile(
    r"\b(?:id|id-?nummer|id-?nr|nr|nummer|number|no|ref|referanse|løpenummer)\s*[.:]?\s*[:#=]?\s*(?:er\s+"
    r"|is\s+|)"
    r"(?P<id>\d{2,6}-\d{2,8}|\d{2,10}|[a-z]{1,5}-\d{1,10}(?:-\d{1,6})?)\b"
    r"|#\s?(?P<hash>\d{2,10})\b"
    r"|[?&](?:id|recordid|record_id|avvikid|itemid)=(?P<url>\d{1,12})\b"
)
_RECORD_NOT = re.compile(
    r"\b(?:bruker\w*|user\w*|ansatt\w*|employee\w*|kunde\w*|customer\w*|org\w*|faktura\w*|invoice\w*"
    r"|ordre\w*|"
    r"order\w*|tlf|telefon\w*|phone|mob\w*|lisens\w*|licen[cs]e\w*|sak|saken|saksnr|saksnummer|case|ticket|"
    r"versjon|version|konto\w*|account\w*|post\w*|zip|org\.?nr|telefonnummer)\s*[-\s]?$"
)


_REGISTRATION_WORD = re.compile(
    r"\b(?:registrering\w*|registration|record|post|element|item|skjema\w*|form|produkt\w*|product)"
    r"(?:\s+(?:med|with))?\s*$"
)


# An id written as the product writes them, capitals, a hyphen and digits: "RA-3307", "AUD-7781", "T-8812",
# "ROS-2026-014".
_CODED_ID = re.compile(r"(?<![\w-])((?-i:[A-ZÆØÅ]{1,5})-\d{2,8}(?:-\d{2,8})?)(?![\w-])")
# Standards, encodings and postal codes look the same ("ISO-9001", "UTF-16", "NO-0150").
_NOT_AN_ID_PREFIX = frozenset(
    ["ISO", "EN", "NS", "IEC", "CVE", "UTF", "ISBN", "COVID", "NO", "SE", "DK", "FI"]
)
# A registration named by a word the module list does not hold: "hendelse 55231", "incident 4410".
_REGISTRATION_NUMBER = re.compile(
    r"\b(?:hendelse|hendelsen|incident|registrering|registreringen|record|inspeksjon|inspeksjonen|stoff"
    r"|stoffet|substance|kjemikalie|kjemikaliet|chemical)"
    r"\s+(?:nr\.?\s*|#\s?|no\.?\s*|)(\d{3,10})\b(?![.,]\d)"
)


def record_id(low: str, vocabulary: Vocabulary, original: str = "") -> str | None:
    """The id of the registration with the problem: "ID 4521", "avvik nr. 4521", "avvik #4521", "?id=4521",
    "RA-3307" (from `original`, the text as written, where capitals tell an id from a word), an id in a
    link to the customer's instance."""
    if not _DIGIT.search(low):
        return None  # every id read below has digits: a text without any names none
    for match in _RECORD_KEYWORD.finditer(low):
        value = match.group("id") or match.group("hash") or match.group("url")
        before = low[max(0, match.start() - 25) : match.start()]
        if _RECORD_NOT.search(before):
            continue
        # "nr. 4521" needs a registration word before it; "no 2" is English for "no".
        bare_number = match.group("id") and match.group(0).startswith(("nr", "nummer", "number", "no"))
        if (
            bare_number
            and not vocabulary.module_pattern.search(before)
            and not _REGISTRATION_WORD.search(before)
        ):
            continue
        return value.upper() if "-" in value else value
    for match in vocabulary.module_pattern.finditer(low):
        after = re.match(
            r"\s*(?:nr\.?|#|no\.?|number|id)?\s*[:.]?\s*(\d{2,6}-\d{2,8}|\d{3,10})\b(?!\.\d|[.,]\d|-\d)",
            low[match.end() : match.end() + 24],
        )
        if after and not re.fullmatch(r"(?:19|20)\d{2}", after.group(1)):
            return after.group(1)
    for match in _CODED_ID.finditer(original if len(original) == len(low) else ""):
        before = low[max(0, match.start() - 25) : match.start()]
        if match.group(1).split("-")[0] not in _NOT_AN_ID_PREFIX and not _RECORD_NOT.search(before):
            return match.group(1)  # "sak RA-55" is the vendor's case, not the registration
    numbered = _REGISTRATION_NUMBER.search(low)
    if numbered:
        return numbered.group(1)
    return _id_in_link(low, vocabulary)


def _id_in_link(low: str, vocabulary: Vocabulary) -> str | None:
    """A number that ends the path of a link to the customer's instance: ".../avvik/4521"."""
    for suffix in vocabulary.instance_suffixes:
        link = re.search(
            r"https?://[a-z0-9.-]+\." + re.escape(suffix) + r"/[^\s?#]*?/(\d{3,10})(?=$|[/?#\s])", low
        )
        if link:
            return link.group(1)
    return None
