"""clean_description keeps the customer's own words: checked on public reply-parser corpora and own cases."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from parsers.clean import clean_description
from parsers.html import html_to_text
from parsers.message import parse_message
from tests.corpora import CORPUS, needs_corpus

EMAILS = Path(__file__).resolve().parent.parent / "data" / "emails"


def _squash(text: str) -> str:
    """Text with runs of blank lines and trailing spaces made uniform: our rule does not keep layout."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def _load(source: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / source / "EXPECTED.json").read_text(encoding="utf-8"))
    return data


# --------------------------------------------------------------------------------- crisp (many locales)


def _crisp_common_cases() -> list[str]:
    if not CORPUS.is_dir():
        return []
    files = _load("crisp-oss-email-reply-parser")["files"]
    return sorted(
        name
        for name, cases in files.items()
        for case in cases
        if "COMMON_FIRST_FRAGMENT"
        in (case.get("first_fragment_trimmed_equals"), case.get("visible_text_trimmed_equals"))
    )


@needs_corpus
@pytest.mark.parametrize("name", _crisp_common_cases())
def test_crisp_reply_is_the_text_above_the_quote_header(name: str) -> None:
    """Every locale's quote header (Norwegian Gmail, Danish, Finnish, German, Outlook, …) ends the reply."""
    data = _load("crisp-oss-email-reply-parser")
    text = (CORPUS / "crisp-oss-email-reply-parser" / name).read_text(encoding="utf-8")
    assert clean_description(text) == data["COMMON_FIRST_FRAGMENT"]


def _crisp_regex_cases() -> list[tuple[str, str]]:
    if not CORPUS.is_dir():
        return []
    files = _load("crisp-oss-email-reply-parser")["files"]
    return [
        (name, regex)
        for name, cases in sorted(files.items())
        for case in cases
        for index, regex in case.get("fragment_regex", [])
        if index == 0
    ]


@needs_corpus
@pytest.mark.parametrize(("name", "regex"), _crisp_regex_cases())
def test_crisp_false_positives_keep_the_customers_text(name: str, regex: str) -> None:
    """Sentences that look like headers ("On the other hand", "sent from my iPhone app") are kept."""
    text = (CORPUS / "crisp-oss-email-reply-parser" / name).read_text(encoding="utf-8")
    assert re.search(regex, clean_description(text))


# ------------------------------------------------------------------------------------- github / zapier


def _reply_equals_cases() -> list[tuple[str, str, str]]:
    if not CORPUS.is_dir():
        return []
    out = []
    for source in ("github-email_reply_parser", "zapier-email-reply-parser"):
        for name, cases in sorted(_load(source)["files"].items()):
            out.extend((source, name, case["reply_equals"]) for case in cases if "reply_equals" in case)
    return out


@needs_corpus
@pytest.mark.parametrize(("source", "name", "expected"), _reply_equals_cases())
def test_github_and_zapier_visible_reply(source: str, name: str, expected: str) -> None:
    """Outlook, iPhone, BlackBerry and multi-word "Sent from" replies reduce to what the sender typed."""
    text = (CORPUS / source / name).read_bytes().decode("utf-8", "replace")
    assert _squash(clean_description(text)) == _squash(expected)


@needs_corpus
@pytest.mark.parametrize("name", ["email_long_quote.txt", "pathological.txt"])
def test_huge_and_pathological_bodies_stay_fast(name: str) -> None:
    """The 767 KB quote and the ReDoS case finish well inside upstream's one-second limit."""
    text = (CORPUS / "github-email_reply_parser" / name).read_text(encoding="utf-8")
    start = time.perf_counter()
    result = clean_description(text * (20 if name == "pathological.txt" else 1))
    assert time.perf_counter() - start < 0.5
    assert result


# --------------------------------------------------------------------------------------------- talon

# Cases where talon's expectation differs from our rule, and why.
_TALON_DIFFERENT = {
    "quotation_separator_takes_2_lines.txt": "talon keeps 'Regards, Roman'; we drop signatures",
    "reply_wraps_quotations.txt": "talon keeps 'Regards, Roman'; we drop signatures",
    "reply_wraps_nested_quotations.txt": "talon keeps 'Regards, Roman'; we drop signatures",
    "dont_parse_quotations_for_forwarded_messages.txt": "we keep the forwarded text, not its header block",
    "appointment_2.txt": "trailing spaces differ only",
    "appointment.txt": "talon keeps the signature block under it (name, company, phone); we drop it",
    "quotation_marker_false_positive.txt": "a '>>>' line of a newsletter is dropped as a quote",
    "reply_and_quotation_splitter_share_line_1.txt": "reply and 'On … wrote' on one line: not supported",
    "reply_and_quotation_splitter_share_line_2.txt": "reply and 'On … wrote' on one line: not supported",
    "reply_and_quotation_splitter_share_line_3.txt": "reply and 'On … wrote' on one line: not supported",
    "pattern_on_date_polymail.txt": "Polymail splits its header over a blank line and '<' lines",
    "pattern_date_email_with_unicode.txt": "a header with no colon and mojibake: not recognised",
    "link_breaks_quotation_markers_sequence_1.txt": "a short quoted line wrapped by a link is kept",
    "link_breaks_quotation_markers_sequence_2.txt": "a short quoted line wrapped by a link is kept",
}


def _talon_cases() -> list[str]:
    folder = CORPUS / "mailgun-talon" / "inline_text_quotations"
    if not folder.is_dir():
        return []
    expected = json.loads((folder / "EXPECTED.json").read_text(encoding="utf-8"))
    return sorted(name for name in expected if name not in _TALON_DIFFERENT)


@needs_corpus
@pytest.mark.parametrize("name", _talon_cases())
def test_talon_reply_including_norwegian_swedish_danish_headers(name: str) -> None:
    """Talon's quote headers ("På … skrev:", "Fra:/Sendt:/Til:", "Oprindelig meddelelse") end the reply."""
    folder = CORPUS / "mailgun-talon" / "inline_text_quotations"
    expected = json.loads((folder / "EXPECTED.json").read_text(encoding="utf-8"))[name]["expected_reply"]
    assert _squash(clean_description((folder / name).read_text(encoding="utf-8"))) == _squash(expected)


# ------------------------------------------------------------------------- talon's HTML and .eml replies


def _talon_html_cases() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(_load("mailgun-talon")["html_replies"])


@needs_corpus
@pytest.mark.parametrize("name", _talon_html_cases())
def test_talon_html_replies_from_outlook_hotmail_windows_mail_and_russian_clients(name: str) -> None:
    """Outlook's "From: … [mailto:…] / Sent:" block, Windows Mail's Russian one and the other clients'
    quotes end the reply; talon keeps the "Thanks, Alex" sign-off, which our rule drops."""
    html = (CORPUS / "mailgun-talon" / name).read_text(encoding="utf-8", errors="replace")
    assert clean_description(html_to_text(html)) == "Hi. I am fine."


def _talon_eml_cases() -> list[tuple[str, str]]:
    if not CORPUS.is_dir():
        return []
    return sorted(
        (name, case["expected_reply"]) for name, case in _load("mailgun-talon")["standard_replies"].items()
    )


@needs_corpus
@pytest.mark.parametrize(("name", "expected"), _talon_eml_cases())
def test_talon_standard_replies(name: str, expected: str) -> None:
    """Each client's reply is its own words. Where the customer wrote only "Hello" above the quoted
    message, our rule takes the message under it as what they sent (a forward with nothing added);
    mobile footers and `-- ` signatures go."""
    text = clean_description(parse_message((CORPUS / "mailgun-talon" / name).read_bytes()).text)
    if text.startswith("Hello\n"):
        assert "Hi" in text.split("\n", 1)[1]  # the quoted message, kept as the customer's content
    else:
        assert text == expected.split("\n")[0].strip()


# ------------------------------------------------------------------------------- mail-parser-reply


def _mpr_cases() -> list[tuple[str, str, str]]:
    if not CORPUS.is_dir():
        return []
    out = []
    for name, entry in sorted(_load("mail-parser-reply")["files"].items()):
        for case in entry["cases"]:
            for index, field, op, value in case["checks"]:
                # Its "equals" checks keep an Outlook dash rule we drop; contains/not_contains fit our rule.
                if index == 0 and field == "body" and op in ("contains", "not_contains"):
                    out.append((name, op, value))
    return out


@needs_corpus
@pytest.mark.parametrize(("name", "op", "value"), _mpr_cases())
def test_mail_parser_reply_danish_swedish_and_list_footers(name: str, op: str, value: str) -> None:
    """Danish/Swedish headers and sign-offs ("Mvh", "Kh", "Med venlig hilsen") and list footers go."""
    body = clean_description((CORPUS / "mail-parser-reply" / name).read_text(encoding="utf-8"))
    assert (value in body) == (op == "contains")


# ------------------------------------------------------------------------------------ our own cases

_CASES: list[tuple[str, str, str]] = [
    (
        "outlook_nb_block",
        "Hei,\n\nAvviket lagres ikke.\n\nFra: Landax Support <support@landax.no>\nSendt: 3. november 2026 10"
        ":00\n"
        "Til: Kari\nEmne: SV: Avvik\n\nHei Kari, hvilken nettleser?",
        "Hei,\n\nAvviket lagres ikke.",
    ),
    (
        "outlook_en_bold_block",
        "Works now, thanks.\n\n*From:* Support <support@landax.no>\n*Sent:* Monday\n*To:* Tom\n*Subject:* RE"
        ": x\n\nOld",
        "Works now, thanks.",
    ),
    (
        "apple_nb_header",
        "Det gjelder alle.\n\nDen 3. nov. 2026 kl. 10:12 skrev Landax Support <support@landax.no>:\n\n> Gjel"
        "der det alle?",
        "Det gjelder alle.",
    ),
    (
        "gmail_nb_wrapped_header",
        "Ja, hver gang.\n\nman. 2. nov. 2026 kl. 09:14 skrev Landax Support <\nsupport@landax.no>:\n\n> Skje"
        "r det ofte?",
        "Ja, hver gang.",
    ),
    (
        "opprinnelig_melding",
        "Edge.\n\n-----Opprinnelig melding-----\nFra: Support\nSendt: 2. nov\nTil: Ola\nEmne: Sak\n\nHvilken"
        " nettleser?",
        "Edge.",
    ),
    (
        "mvh_signature",
        "Feilen er borte nå.\n\nMvh\nOla Berg\nBergen Bygg AS\nTlf 900 00 000",
        "Feilen er borte nå.",
    ),
    ("hilsen_name", "Takk for raskt svar.\nHilsen Kari Nordmann", "Takk for raskt svar."),
    ("kind_regards", "Chrome 131.\n\nKind regards,\nJames\nQHSE Manager", "Chrome 131."),
    ("dash_dash_delimiter", "See attached.\n-- \nJohn Doe\nAcme", "See attached."),
    ("iphone_nb", "Bruker appen 5.12.3.\n\nSendt fra min iPhone", "Bruker appen 5.12.3."),
    ("outlook_mobile", "Ok, lukk saken.\n\nHent Outlook for iOS<https://aka.ms/o0ukef>", "Ok, lukk saken."),
    (
        "nb_disclaimer",
        "Rapporten er tom.\n\nDenne e-posten kan inneholde konfidensiell informasjon. Dersom du ikke er rett"
        " mottaker, "
        "vennligst slett den.",
        "Rapporten er tom.",
    ),
    (
        "en_banner_on_top",
        "CAUTION: This email originated from outside of the organization. Do not click links.\n\nThe page is"
        " blank.",
        "The page is blank.",
    ),
    (
        "regards_inside_sentence_stays",
        "With regards to the invoice, it is wrong.\nBest way to fix it?",
        "With regards to the invoice, it is wrong.\nBest way to fix it?",
    ),
    (
        "hilsen_word_inside_prose_stays",
        "Vi sendte en hilsen til alle ansatte, men varselet kom aldri frem.",
        "Vi sendte en hilsen til alle ansatte, men varselet kom aldri frem.",
    ),
    (
        "forward_without_comment_is_content",
        "---------- Videresendt melding ---------\nFra: Lise <lise@acme.no>\nDate: man. 2. nov. 2026\n"
        "Subject: Feil\nTo: Per <per@acme.no>\n\nAvvik 4521 kan ikke lukkes.\n\nHilsen Lise",
        "Avvik 4521 kan ikke lukkes.",
    ),
    (
        "outlook_forward_with_see_below",
        "Se under.\n\nMvh Per\n\n________________________________\nFra: Lise Moen <lise@acme.no>\nSendt: 2. "
        "nov\n"
        "Til: Per\nEmne: Risiko\n\nRisikovurderingen er borte.\n\nHilsen Lise",
        "Se under.\n\nRisikovurderingen er borte.",
    ),
    (
        "reply_with_long_own_text_drops_unquoted_history",
        "Vi har testet i Chrome og Edge, og feilen kommer i begge. Den kommer hver gang vi lagrer et avvik m"
        "ed vedlegg. "
        "Det gjelder alle brukerne hos oss, og det har vært slik siden mandag denne uken.\n\n"
        "Fra: Landax Support <support@landax.no>\nSendt: 3. nov\nTil: Ola\nEmne: SV: Avvik\n\nHvilken nettle"
        "ser?",
        "Vi har testet i Chrome og Edge, og feilen kommer i begge. Den kommer hver gang vi lagrer et avvik m"
        "ed vedlegg. "
        "Det gjelder alle brukerne hos oss, og det har vært slik siden mandag denne uken.",
    ),
    ("crlf_line_endings", "Hei,\r\nDet virker ikke.\r\n\r\nMvh\r\nOla\r\n", "Hei,\nDet virker ikke."),
    (
        "outlook_mailto_block",
        "Eksporten virker nå.\n\nFrom: Landax Support [mailto:support@landax.no]\nSent: Friday, November 27,"
        " 2026 12:06 PM\nTo: Kari\nSubject: RE: Eksport\n\nVirker eksporten nå?",
        "Eksporten virker nå.",
    ),
    (
        "outlook_mailto_block_on_behalf",
        "Yes, all users.\n\nFrom: Support [mailto:support@landax.no] On Behalf Of Ola\nSent: Monday, 2 Nov"
        "ember 2026 09:00\nTo: john@globex.com\nCc: jane@globex.com\nSubject: Case 12\n\nDoes it affect all?",
        "Yes, all users.",
    ),
    (
        "spanish_outlook_block",
        "Sí, todos.\n\nDe: Soporte <support@landax.no>\nEnviado el: lunes, 2 de noviembre de 2026 9:00\n"
        "Para: Ana\nAsunto: Caso 12\n\n¿Afecta a todos?",
        "Sí, todos.",
    ),
    (
        "russian_outlook_block",
        "Да, у всех.\n\nОт: Support <support@landax.no>\nОтправлено: 2 ноября 2026 г. 9:00\nКому: Иван\n"
        "Тема: Дело 12\n\nУ всех пользователей?",
        "Да, у всех.",
    ),
    (
        "japanese_outlook_block",
        "はい、全員です。\n\n差出人: Support <support@landax.no>\n送信日時: 2026年11月2日 9:00\n宛先: 山田\n"
        "件名: ケース 12\n\n全員ですか？",
        "はい、全員です。",
    ),
    (
        "russian_attribution",
        'Да, у всех.\n\n02.11.2026 09:00 пользователь "Support" <support@landax.no> написал:\n> У всех?',
        "Да, у всех.",
    ),
    (
        "czech_attribution",
        "Ano, všichni.\n\nDne 2. 11. 2026 9:00 Support <support@landax.no> napsal(a):\n> Všichni?",
        "Ano, všichni.",
    ),
    (
        "chinese_attribution",
        "是的，所有人。\n\n在 2026年11月2日 09:00，Support <support@landax.no> 写道：\n> 所有人吗？",
        "是的，所有人。",
    ),
    (
        "turkish_attribution",
        "Evet, herkes.\n\n2 Kas 2026 09:00 tarihinde Support <support@landax.no> şunu yazdı:\n> Herkes mi?",
        "Evet, herkes.",
    ),
    (
        "phone_and_title_after_thanks",
        "Rapporten er tom etter oppdateringen.\n\nTakk!\nKari Nordmann\nRådgiver HMS\nFjord Test AS\n"
        "Mob: +47 912 34 567\nTelefon (sentralbord) 22 12 34 56\nwww.fjord-test.no",
        "Rapporten er tom etter oppdateringen.",
    ),
    (
        "signature_block_without_signoff",
        "Rapporten er tom etter oppdateringen.\nKari Nordmann\nDaglig leder\nMob: +47 912 34 567",
        "Rapporten er tom etter oppdateringen.",
    ),
    (
        "signature_block_after_blank_line",
        "The report is empty.\n\nJohn Smith\nQHSE Manager | Globex Ltd\nDirect: +44 20 7946 0958\n"
        "john.smith@globex.com",
        "The report is empty.",
    ),
    (
        "phone_number_in_a_sentence_stays",
        "Ring meg gjerne på\n+47 912 34 567",
        "Ring meg gjerne på\n+47 912 34 567",
    ),
    (
        "german_signoff",
        "Der Bericht ist leer.\n\nMit freundlichen Grüßen\nHans Müller\nTel. +49 30 1234567",
        "Der Bericht ist leer.",
    ),
    ("swedish_signoff", "Rapporten är tom.\n\nMed vänliga hälsningar\nAnna", "Rapporten är tom."),
    ("dutch_signoff", "Het rapport is leeg.\n\nMet vriendelijke groet,\nJan", "Het rapport is leeg."),
    ("french_signoff", "Le rapport est vide.\n\nCordialement,\nMarie", "Le rapport est vide."),
    (
        "a_short_sentence_after_hi_is_the_reply",
        "Hi. I am fine.\n\nFrom: Alexander [mailto:abc@example.com]\nSent: Friday, June 27, 2014 12:06 PM\n"
        "To: Alexander\nSubject: Test\n\nHello! How are you?",
        "Hi. I am fine.",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), _CASES, ids=[c[0] for c in _CASES])
def test_own_cases(name: str, text: str, expected: str) -> None:
    """Norwegian and English history, signatures, footers and disclaimers go; prose and forwards stay."""
    assert clean_description(text) == expected


def test_empty_and_whitespace_only_bodies() -> None:
    """A body with nothing in it cleans to the empty string rather than failing."""
    assert clean_description("") == ""
    assert clean_description("\n \n\t\n") == ""


# ------------------------------------------------------------------------------- the labelled corpus


def _corpus_checks() -> list[tuple[str, list[str], list[str]]]:
    labels = json.loads((EMAILS / "expected.json").read_text(encoding="utf-8"))
    return [
        (name, entry.get("description_contains", []), entry.get("description_excludes", []))
        for name, entry in sorted(labels.items())
        if not name.startswith("_")
    ]


@pytest.mark.parametrize(
    ("name", "contains", "excludes"), _corpus_checks(), ids=[c[0] for c in _corpus_checks()]
)
def test_corpus_description_keeps_words_and_drops_history(
    name: str, contains: list[str], excludes: list[str]
) -> None:
    """In each corpus email the customer's sentences survive and the quoted or signed-off text does not."""
    description = clean_description(parse_message((EMAILS / name).read_bytes()).text)
    for phrase in contains:
        assert phrase in description, phrase
    for phrase in excludes:
        assert phrase not in description, phrase
    assert description.strip()


@pytest.mark.parametrize(
    ("body", "kept", "dropped"),
    [
        (
            "The menu button doesn't open anything.\nAll our technicians are affected.\n\nSam\n\nSam Riley\n"
            "Field Ops Manager\nMetro Facilities",
            "All our technicians are affected.",
            "Field Ops Manager",
        ),
        (
            "Is this known?\n\nObrigada,\nCarla\n\nCarla Mendes\nClinical Governance\nAtlantic Clinics",
            "Is this known?",
            "Clinical Governance",
        ),
        (
            "It worked in October.\n\nThanks,\nDana\n\nDana Whitfield\nController\nCorvus Build Group\n"
            "Office 617-555-0190 | Mobile 617-555-0133\n\nThis message may contain confidential information. "
            "If you received it in error, please delete it.",
            "It worked in October.",
            "Office 617-555-0190",
        ),
        (
            "Rapporten er tom.\n\nAnders\n\nAnders Lie\nController | Oslo Transportgruppen AS\n"
            "Mob: +47 922 11 334",
            "Rapporten er tom.",
            "Mob: +47 922 11 334",
        ),
        ("Feltet er tomt etter lagring.\nVi bruker\nGoogle Chrome\nWindows 11", "Google Chrome", ""),
        (
            "Is there a way to do it for a group?\n\nAppreciate it,\nTyler\n\nTyler Brooks\n"
            "EHS Manager | Midwest Grain Co.\nOffice: 555-0183\nMobile: 555-0157",
            "Is there a way to do it for a group?",
            "EHS Manager",
        ),
    ],
)
def test_a_signature_without_a_sign_off_or_delimiter_is_not_description(
    body: str, kept: str, dropped: str
) -> None:
    """Name, title, company and phone lines under the customer's words go; their last sentence stays."""
    description = clean_description(body)
    assert kept in description
    assert not dropped or dropped not in description


@pytest.mark.parametrize(
    "handover",
    ["Se melding fra montøren vår under.", "See the message from our shift leader below."],
)
def test_a_handover_naming_who_wrote_below_keeps_the_forwarded_words(handover: str) -> None:
    """ "Se melding fra X under" hands over the message below it: that message is the description too."""
    body = (
        f"Hei,\n\n{handover} Hans brukernavn er emilb.\n\nFra: Emil Berg <emil@firma.no>\n"
        "Sendt: mandag 16. november 2026 07:12\nTil: Liv Hagen <liv@firma.no>\nEmne: Kurs\n\n"
        "Hei Liv, jeg finner ikke kurset i appen. Har iPhone.\n\nEmil\n"
    )
    assert "Har iPhone." in clean_description(body)


@pytest.mark.parametrize(
    "handover", ["Sender vidare frå verkstadleiaren vår.", "Passing this on from our foreman."]
)
def test_a_nynorsk_forward_with_its_own_header_block_keeps_the_forwarded_words(handover: str) -> None:
    """A forward handed over in nynorsk or in English under an Outlook block in nynorsk ("Frå:") is the
    description too: the header block is left out, the words under it are kept."""
    body = (
        f"Hei,\n\n{handover} Kan de sjå på det?\n\nTone\n\n-----Opprinneleg melding-----\n"
        "Frå: Per Lid <per@verkstad.no>\nSendt: måndag 2. mars 2026 07:40\nTil: Tone <tone@verkstad.no>\n"
        "Emne: Sjekkliste\n\nHei Tone, sjekklista for truck vert ikkje lagra i appen.\n\nPer\n"
    )
    cleaned = clean_description(body)
    assert "sjekklista for truck vert ikkje lagra" in cleaned
    assert "Frå:" not in cleaned and "Sendt:" not in cleaned


@pytest.mark.parametrize(
    "introduction",
    [
        "Videresender fra en av montørene våre. Han hadde dette i går på anlegg 7, og han får ikke fullført"
        " runden før det er løst. Kan dere se på det?",
        "I'm forwarding this from one of our operators. He saw it yesterday on site 7 and cannot finish his"
        " round until it is fixed. Could you have a look?",
    ],
)
def test_a_forward_introduced_in_a_few_sentences_keeps_the_forwarded_words(introduction: str) -> None:
    """ "Videresender fra …" with a few sentences of introduction (more than a bare "se under") still
    hands over the message below: its words are the description too."""
    body = (
        f"Hei,\n\n{introduction}\n\nHilsen Hilde\n\nFra: Per Lid <per@firma.no>\n"
        "Sendt: tirsdag 24. februar 2026 14:22\nTil: Hilde <hilde@firma.no>\nEmne: Henger\n\n"
        "Hei Hilde, inspeksjonen INS-2026-014 henger ved signering i appen.\nPer\n"
    )
    cleaned = clean_description(body)
    assert "INS-2026-014 henger ved signering" in cleaned and "Sendt:" not in cleaned


def test_nynorsk_trip_lines_are_no_header_block_and_a_handover_to_it_is_no_forward() -> None:
    """ "Frå: Førde / Til: Bergen / Dato: …" in a customer's own text is a trip, not an Outlook block; a
    reply that passes the vendor's answer on to IT keeps only the customer's words."""
    trip = "Hei,\n\nEg la inn:\nFrå: Førde\nTil: Bergen\nDato: 02.11.2026\n\nSummen blir 0 kr.\n"
    assert "Summen blir 0 kr." in clean_description(trip)
    handover = (
        "Takk, eg sender dette vidare til IT-avdelinga.\n\n-----Opprinneleg melding-----\n"
        "Frå: Landax Support <support@landax.no>\nSendt: måndag 2. mars 2026 07:40\nTil: Kari <kari@x.no>\n"
        "Emne: Sak 12\n\nHei Kari, saka er løyst.\n"
    )
    assert "saka er løyst" not in clean_description(handover)
