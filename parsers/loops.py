"""Recognising mail that must never be answered: auto-replies, bounces, bulk mail, our own.

RFC 3834 asks responders not to answer `Auto-Submitted` mail; bounces come from the null sender or
MAILER-DAEMON; `Precedence: bulk/list/junk` and `List-Id` mark list traffic. Answering any of these
is how mail loops start.

Outlook and Exchange send out-of-office replies without RFC 3834's header. Such a reply is known by
its subject, which Outlook writes as a localised prefix before the subject it answers ("Automatisk
svar: …", "Out of Office: …", "Abwesenheitsnotiz: …"), together with a sign that a program wrote it
in answer to something: Exchange's `X-MS-Exchange-Inbox-Rules-Loop` or `X-Auto-Response-Suppress`, or
reply headers (`In-Reply-To`, `References`). The subject alone is not enough (a customer may write
"Fraværsmelding: skjemaet lagres ikke" about an absence form), and neither is
`X-Auto-Response-Suppress` alone: Outlook puts it on ordinary mail too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from parsers.message import ParsedMessage
from parsers.threading import is_support_address

_DAEMONS = ("mailer-daemon", "postmaster", "mail-daemon", "noreply", "no-reply", "do-not-reply", "donotreply")

# The subject prefixes Outlook, Exchange, Lotus Notes, GroupWise and webmail vacation programs write,
# by language; each ends in a colon (French puts a space before it).
_OUT_OF_OFFICE = (
    # Norwegian, Danish, Swedish
    "automatisk svar",
    "automatiskt svar",
    "autosvar",
    "fraværsmelding",
    "fraværsbesked",
    "frånvaromeddelande",
    "frånvaro",
    "ikke på kontoret",
    "ikke til stede",
    "inte på kontoret",
    # English
    "automatic reply",
    "auto reply",
    "auto-reply",
    "autoreply",
    "auto response",
    "auto-response",
    "autoresponse",
    "automatic response",
    "out of office",
    "out of the office",
    "out of office reply",
    "out of office autoreply",
    "away from the office",
    # German
    "automatische antwort",
    "abwesenheitsnotiz",
    "abwesenheitsmeldung",
    "abwesend",
    "nicht im büro",
    # Dutch
    "automatisch antwoord",
    "afwezig",
    "niet aanwezig",
    "niet op kantoor",
    # French
    "réponse automatique",
    "absence du bureau",
    "absent du bureau",
    "absente du bureau",
    "message d'absence",
    # Finnish, Icelandic
    "automaattinen vastaus",
    "poissaoloviesti",
    "sjálfvirkt svar",
    # Spanish, Portuguese, Italian
    "respuesta automática",
    "fuera de la oficina",
    "resposta automática",
    "ausente",
    "risposta automatica",
    "fuori sede",
    "fuori ufficio",
    # Polish, Czech, Slovak, Hungarian, Estonian
    "automatyczna odpowiedź",
    "odpowiedź automatyczna",
    "poza biurem",
    "automatická odpověď",
    "automatická odpoveď",
    "nepřítomen",
    "automatikus válasz",
    "házon kívül",
    "automaatvastus",
    # Russian, Ukrainian, Greek, Turkish
    "автоматический ответ",
    "автоматична відповідь",
    "αυτόματη απάντηση",
    "otomatik yanıt",
    "otomatik cevap",
    "ofis dışında",
    # Chinese, Japanese, Korean
    "自动回复",
    "自動回覆",
    "自動応答",
    "自動返信",
    "자동 회신",
    "부재중",
)
_OUT_OF_OFFICE_SUBJECT = re.compile(
    r"^\s*(?:\[[^\]]{0,40}\]\s*)?(?:" + "|".join(re.escape(p) for p in _OUT_OF_OFFICE) + r")\s*[:：]",
    re.IGNORECASE,
)


def out_of_office_subject(subject: str) -> bool:
    """Whether a subject opens with a localised out-of-office prefix ("Automatisk svar:", "Out of Office:",
    "Réponse automatique :"), after at most one bracketed tag such as "[EXTERNAL]"."""
    return _OUT_OF_OFFICE_SUBJECT.match(subject) is not None


def automatic_reason(message: ParsedMessage, envelope_from: str, own_addresses: Iterable[str]) -> str | None:
    """Why this message must not be answered, or None when a person wrote it."""
    own = list(own_addresses)
    sender = message.sender or envelope_from
    if not envelope_from or envelope_from == "<>":
        return "null-sender"
    local = envelope_from.lower().partition("@")[0]
    if local.startswith(_DAEMONS) or message.sender.partition("@")[0].startswith(_DAEMONS):
        return "mailer-daemon"
    if message.auto_submitted and message.auto_submitted.split(";")[0].strip() != "no":
        return "auto-submitted"
    if message.precedence in ("bulk", "list", "junk", "auto_reply"):
        return f"precedence-{message.precedence}"
    if message.list_id:
        return "mailing-list"
    if message.autoreply_headers:
        return "autoreply-header"
    if out_of_office_subject(message.subject) and (
        message.autoreply_hints or message.in_reply_to or message.references
    ):
        return "out-of-office"
    if message.content_type == "multipart/report":
        return "delivery-report"
    if sender and is_support_address(sender, own):
        return "own-mail"
    if is_support_address(envelope_from, own):
        return "own-mail"
    return None
