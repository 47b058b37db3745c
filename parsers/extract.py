"""Case fields read out of a customer's description, in Norwegian (bokmål) and English.

`extract_fields` reads the cleaned description (see `parsers.clean`) and the subject and returns the
fields the text states; `extract_stated` reads a short answer to the bot's questions. Each field (or
family of fields) has its reader in `parsers.reading`; this module composes them. The rules are small
vocabularies with inflections, read in the clause they occur in: "haster ikke" is low priority, "dere
må ikke logge inn" is a refusal, "vi får ikke logget inn" is a symptom and says nothing about the
vendor's access. A field the text does not state stays empty: a wrong guess is worse than a question.
That holds for `type` and `priority` too: without a cue they are None, and the case takes the portal's
defaults; only `language` always has a value.
"""

from __future__ import annotations

import re
from datetime import datetime

from parsers.fields import Fields, Scope
from parsers.reading import app, consent, dates, ids, kind, people
from parsers.reading.app import browser_at_start
from parsers.reading.language import detect_language
from parsers.threading import strip_reply_prefixes
from parsers.vocabulary import DEFAULT_VOCABULARY, Module, Vocabulary

__all__ = [
    "DEFAULT_VOCABULARY",
    "Module",
    "Vocabulary",
    "browser_at_start",
    "detect_language",
    "extract_fields",
    "extract_stated",
]


def extract_fields(
    text: str,
    *,
    subject: str = "",
    sent_at: datetime | None = None,
    vocabulary: Vocabulary = DEFAULT_VOCABULARY,
) -> Fields:
    """The case fields a cleaned description (and its subject) states.

    `sent_at` is the message's Date, an aware datetime: "i går" and "fredag" are resolved in its time
    zone. Without it relative dates stay unresolved and a date without a year is not guessed.
    """
    subject_text = strip_reply_prefixes(subject)
    subject_low = subject_text.lower()
    low = text.lower()
    both = f"{subject_text}\n{text}" if subject_text else text
    both_low = both.lower()
    found_type = kind.case_type(subject_low, low)
    problem = found_type in ("bug", "support", None)
    seen_in = app.browser(both) or app.every_browser(both_low)
    platform, version = app.landax_app(both_low, seen_in is not None)
    named_module = ids.module(subject_low, low, vocabulary, contractual=found_type in _CONTRACTUAL)
    if found_type == "agreement_change" and named_module == "contracts":
        named_module = None  # the customer's agreement with the vendor, not the contracts module
    users = people.affected_users(text, vocabulary.instance_suffixes) if problem else ()
    return Fields(
        type=found_type,
        priority=kind.priority(subject_low, low),
        instance=ids.instance(both_low, vocabulary),
        requested_handler=people.requested_handler(text),
        login_allowed=consent.login_allowed(low),
        personal_data=consent.personal_data(low),
        browser=seen_in,
        app_platform=platform,
        app_version=version,
        scope=_scope(low, users) if problem else None,
        affected_users=users,
        module=named_module,
        record_id=_record_id(low, text, vocabulary, contractual=found_type in _CONTRACTUAL),
        observed_on=dates.observed_on(low, text, sent_at) if problem else None,
        recurring=dates.recurring(low) if problem else None,
        language=detect_language(both),
    )


_CONTRACTUAL = frozenset({"order", "agreement_change"})


def _record_id(low: str, text: str, vocabulary: Vocabulary, *, contractual: bool) -> str | None:
    """The registration's id. In an order or an agreement change only one named beside a module ("avvik
    5521 mangler"): their "Referanse: 4410-HMS" or "PO-44817" is the purchase's (no labelled order or
    agreement change names a registration)."""
    found = ids.record_id(low, vocabulary, text)
    if found is None or not contractual:
        return found
    at = low.find(found.lower())
    return found if at > 0 and vocabulary.module_pattern.search(low[max(0, at - 30) : at]) else None


def _scope(low: str, users: tuple[str, ...]) -> Scope | None:
    """The scope the text states, or else the one its named users give: one other person's login named is
    one user, two or more are several ("brukernavnet hans er emilb", "audit1, audit2 and audit3"). The
    writer's own username tells who writes, not that no one else is affected."""
    said = people.scope(low)
    if said is not None or not users:
        return said
    if len(users) >= 2:
        return "several"
    return None if _OWN_LOGIN.search(low) else "one"


_OWN_LOGIN = re.compile(
    r"\b(?:brukernavnet mitt|mitt brukernavn|brukarnamnet mitt|mitt brukarnamn|min bruker|my username"
    r"|my user ?name|my login|my user)\b"
)


def extract_stated(
    text: str, *, sent_at: datetime | None = None, vocabulary: Vocabulary = DEFAULT_VOCABULARY
) -> Fields:
    """Only what a short piece of text states: no default type, priority or language, and every field read
    whatever the case type. This is how an answer to the bot's questions is read."""
    low = text.lower()
    seen_in = app.browser(text) or app.every_browser(low)
    platform, version = app.landax_app(low, seen_in is not None)
    return Fields(
        priority=kind.priority("", low),
        instance=ids.instance(low, vocabulary),
        requested_handler=people.requested_handler(text),
        login_allowed=consent.login_allowed(low),
        personal_data=consent.personal_data(low),
        browser=seen_in,
        app_platform=platform,
        app_version=version,
        scope=people.scope(low),
        affected_users=people.affected_users(text, vocabulary.instance_suffixes),
        module=ids.module("", low, vocabulary),
        record_id=ids.record_id(low, vocabulary, text),
        observed_on=dates.observed_on(low, text, sent_at),
        recurring=dates.recurring(low),
    )
