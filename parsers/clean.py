"""The customer's own words out of an email body: history, signatures, footers and disclaimers removed.

The case description must say what the customer wrote, not what the mail client piled under it. The
body is read line by line, once, so a 700 KB quoted thread or a hostile line costs linear time; the
few regular expressions run only on short windows of text (a line, or up to three joined lines).

What goes:

- quoted history: `>` lines, reply headers ("On … wrote:", "Den … skrev:", "tir. 18. apr. 2017 kl. 13:09
  skrev …:"), Outlook header blocks ("From:/Sent:/To:/Subject:", "Fra:/Sendt:/Til:/Emne:", and the German,
  Swedish and French forms), "-----Original Message-----" and its translations;
- signatures: a sign-off line ("Med vennlig hilsen", "Mvh", "Hilsen", "Kind regards", "Cheers", …) or a
  `-- ` delimiter and everything under it;
- mobile footers ("Sendt fra min iPhone", "Sent from my Galaxy", "Hent Outlook for iOS");
- legal disclaimers and "external sender" banners in Norwegian and English, paragraph by paragraph.

What stays: a forwarded message ("VS:"/"Fwd:") when it is the problem description, that is when the
forward is announced ("---------- Forwarded message ----------", "Videresendt melding") or the customer
wrote next to nothing above it ("Se under", "FYI", or nothing at all). Its own history, signature and
disclaimer are removed the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["clean_description", "reply_lines", "strip_signature"]

# How much of a body is read for the description (characters).
_MAX_BODY = 256 * 1024
# How many lines a reply header may be wrapped over ("On Tue, … John Doe <john@" + "example.com> wrote:").
_HEADER_WINDOW = 3
# Forwards inside forwards are followed this deep; past it the rest is history.
_MAX_FORWARD_DEPTH = 3
# A quoted line at least this long was probably wrapped by the client (which wraps at 72 to 78).
_WRAP_WIDTH = 60
# A header line longer than this is prose, not a mail client's header.
_MAX_HEADER_CHARS = 400

_WROTE_WORDS = (
    "wrote",
    "skrev",
    "skreiv",
    "schrieb",
    "écrit",
    "ecrit",
    "escribió",
    "scritto",
    "schreef",
    "napisał",
    "napisała",
    "kirjoitti",
    "sent",
    "escreveu",
    "geschreven",
    "viết",
    "skriver",
    "написал",
    "написала",
    "написав",
    "napsal",
    "napsala",
    "yazdı",
    "írta",
    "kirjutas",
    "skrifaði",
    "写道",
    "寫道",
    "έγραψε",
)
_WROTE = re.compile(
    r"\b(?:wrote|skrev|skreiv|schrieb|a\s+écrit|a\s+ecrit|escribió|escreveu|ha\s+scritto|schreef|geschreven|"
    r"napisał(?:\(a\))?|napisała|kirjoitti|viết|sent|skriver|написал(?:а|\(а\))?|написав|napsal(?:a|\(a\))?|"
    r"yazdı|írta|kirjutas|skrifaði|έγραψε)\s*[:：]?\s*$|(?:写道|寫道)\s*[:：]?\s*$"
)
# "On <date>, <name> wrote:" with the verb first or last, and the Gmail/Apple forms where the verb sits
# in the middle: "tir. 18. apr. 2017 kl. 13:09 skrev Test user <test@example.com>:".
_WROTE_MIDDLE = re.compile(
    r"\b(?:wrote|skrev|skreiv|schrieb|kirjoitti|napisał(?:\(a\))?|написал(?:а)?|napsal(?:a)?)\b[^:]{0,200}:\s*$"
)
_HEADER_OPENER = re.compile(
    r"^(?:on|den|på|am|le|el|il|op|dnia|w\s+dniu|em|the|в|dne|在|於)\b|^\W*\d|"
    r"^(?:man|tir|ons|tor|fre|lør|søn|mon|tue|wed|thu|fri|sat|sun)[a-zæøå]*\.?[\s,]"
)
# "30.09.2017, 18.30, "John" <john@example.com>:" and "2017-11-24 16:32 GMT+01:00 Baptiste <b@crisp.chat>:"
_TIME_OR_YEAR = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b(?:19|20)\d{2}\b")
# A decimal digit, what dates and times are written in ("²" and "①" are not, though str.isdigit says so).
_DIGIT = re.compile(r"\d")
_DATE_EMAIL_COLON = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*[>)\]]?\s*:\s*$")

# "-----Original Message-----", "-----Opprinnelig melding-----", "-----Reply Message-----", …
_SEPARATOR = re.compile(
    r"^[\s*_]*-{2,}\s*[\w' ]{0,30}\b(?:message|melding|meldingen|e-post|meddelelse|besked|nachricht|"
    r"meddelande|viesti|bericht|messaggio|mensaje|d'origine)\s*-{2,}[\s*_]*$"
)
_FORWARD_MARKER = re.compile(
    r"^[\s*_>-]*(?:-{2,}\s*)?(?:forwarded message|videresendt melding|videresendt e-post|"
    r"videresend melding|begin forwarded message|start på videresendt (?:melding|e-post|e-postmelding)|"
    r"start of forwarded message|weitergeleitete nachricht|vidarebefordrat meddelande|"
    r"videresendt besked|message transféré|original message follows)\b[\s:*-]*$"
)
_RULE = re.compile(r"^\s*(?:_{10,}|-{10,}|—{5,})\s*$")

_FROM_KEYS = (
    "from",
    "fra",
    "frå",  # nynorsk; only with an address (`_FROM_KEYS_WITH_ADDRESS`)
    "von",
    "från",
    "de",
    "van",
    "od",
    "lähettäjä",
    "avsender",
    "da",
    "message du",
    "от",
    "від",
    "feladó",
    "kimden",
    "saatja",
    "frá",
    "差出人",
    "发件人",
    "寄件者",
    "보낸 사람",
)
#: From-keys that are also everyday words in the customers' own text ("Frå: Førde, Til: Bergen" on a trip).
_FROM_KEYS_WITH_ADDRESS = frozenset({"frå"})
# Keys that can open a block when the client puts the date first ("Date: …" then "From: …").
_DATE_KEYS = (
    "date",
    "dato",
    "sent",
    "sendt",
    "datum",
    "gesendet",
    "skickat",
    "envoyé",
    "inviato",
    "enviado",
    "enviado el",
    "enviada em",
    "enviado em",
    "lähetetty",
    "odesláno",
    "küldve",
    "gönderildi",
    "отправлено",
    "дата",
    "надіслано",
    "送信日時",
    "发送时间",
    "日期",
    "寄件日期",
    "보낸 날짜",
)
_OTHER_KEYS = (
    "sent",
    "sendt",
    "date",
    "dato",
    "to",
    "til",
    "subject",
    "emne",
    "cc",
    "kopi",
    "bcc",
    "gesendet",
    "datum",
    "an",
    "betreff",
    "skickat",
    "till",
    "ämne",
    "envoyé",
    "à",
    "objet",
    "onderwerp",
    "verzonden",
    "aan",
    "wysłane",
    "temat",
    "do",
    "reply-to",
    "svar til",
    "importance",
    "prioritet",
    "a",
    "copie à",
    "sujet",
    "inviato",
    "oggetto",
    "kopia",
    "para",
    "asunto",
    "assunto",
    "vastaanottaja",
    "aihe",
    "komu",
    "předmět",
    "kopie",
    "címzett",
    "tárgy",
    "másolat",
    "kime",
    "konu",
    "bilgi",
    "кому",
    "тема",
    "копия",
    "копія",
    "宛先",
    "件名",
    "收件人",
    "主题",
    "抄送",
    "收件者",
    "主旨",
    "副本",
    "받는 사람",
    "제목",
    "enviado",
    "enviado el",
    "enviada em",
    "lähetetty",
    "odesláno",
    "küldve",
    "gönderildi",
    "отправлено",
    "送信日時",
    "发送时间",
)
# A header's name: up to three words of letters in any script ("From", "Enviado el", "差出人").
_HEADER_KEY = re.compile(
    r"^[*_\s]{0,10}([^\W\d_][^\W\d_ -]{0,20}(?:[ -][^\W\d_]{1,12}){0,2}?)[*_\s]{0,10}[:：][*_]*(?:\s|$)"
)

_SIGNOFF = re.compile(
    r"^(?:(?:med\s+)?(?:vennlig|venleg|venlig|vänlig|beste|varm|varme|hjertelig|god)?\s*"
    r"(?:hilsen|hilsener|helsing|helsning|hälsning|hilsner)"
    r"|takk\s+(?:og|&)\s+hilsen|mvh|m\.v\.h|vh|hilsen|kh|pozdrawiam|z\s+pow[aą]żaniem|z\s+powazaniem"
    r"|(?:kind|best|warm|warmest|many|kindest)\s+(?:regards|wishes)"
    r"|(?:with\s+)?(?:kind\s+|best\s+)?regards|cheers|sincerely|yours\s+(?:sincerely|truly|faithfully)"
    r"|thanks\s+(?:and|&)\s+(?:kind\s+|best\s+)?regards|best|all\s+the\s+best"
    # German, Swedish, Dutch, French, Finnish, Spanish, Italian, Portuguese, Czech, Hungarian, Russian
    r"|(?:mit\s+)?(?:freundlichen|freundliche|besten|beste|liebe|viele|herzliche|schöne)\s+grü(?:ß|ss)en?"
    r"|(?:viele\s+)?grü(?:ß|ss)e|gruß|mfg|(?:med\s+)?vänliga\s+hälsningar|hälsningar"
    r"|(?:met\s+)?(?:vriendelijke|hartelijke)\s+groet(?:en)?|groeten|mvg|(?:bien\s+)?cordialement"
    r"|bien\s+à\s+vous|(?:meilleures\s+)?salutations|ystävällisin\s+terveisin|terveisin"
    r"|(?:un\s+)?saludos?|atentamente|(?:cordiali|distinti)\s+saluti|saluti|atenciosamente"
    r"|s\s+pozdravem|üdvözlettel|с\s+уважением)\b"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
_THANKS = re.compile(
    r"^(?:thanks|thank you|many thanks|thanks a lot|thx|takk|tusen takk|takk for hjelpen)\s*[,.!]*\s*$",
    re.IGNORECASE,
)
_SIGNOFF_REST = re.compile(r"^[\s,.!:;\-–—]*(?:[^\w\s]+\s*)?(?:[\w.'-]+\s*){0,4}[\W_]*$")
_DELIMITER = frozenset({"--", "—", "-- --", "__"})
# A contact line of a signature: a phone ("Mob: +47 912 34 567", "Telefon (sentralbord) 22 12 34 56"),
# an address or a web site, with or without a label.
_CONTACT = re.compile(
    r"^(?:(?:tlf|tel|telefon|telephone|phone|ph|mob|mobil|mobile|cell|direkte|direct|dir|sentralbord|"
    r"switchboard|sentral|kontor|office|fax|faks|m|t|p|f|d|e|w|e-?post|e-?mail|mail|web|www|nett|"
    r"handy|tél|puh|gsm)\b[^:\d+@]{0,30}[:.]?[ \t]*)?"
    r"(?:\+?\(?\d[\d \t().-]{5,20}\d|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+)"
    r"(?:[ \t]*[|/,][ \t]*.{0,60})?[ \t]*$",
    re.IGNORECASE,
)
# A signature block is at most this many lines.
_MAX_SIGNATURE_LINES = 8

_MOBILE = re.compile(
    r"^(?:sent\s+from|sent\s+with|sendt\s+fra|sendt\s+med|skickat\s+från|gesendet\s+von|envoyé\s+de|"
    r"(?:get|hent|få|skaff)\s+outlook\s+for|download\s+outlook|sent\s+via|sendt\s+via"
    r"|envoyé\s+à\s+partir\s+de|"
    r"enviado\s+desde|inviato\s+da)\b(?P<rest>.{0,80})$",
    re.IGNORECASE,
)
_DEVICE_WORDS = re.compile(
    r"\b(?:iphone|ipad|ipod|android|samsung|galaxy|blackberry|mobile|mobil|mobilen|outlook|mail|e-post|"
    r"windows|huawei|xiaomi|pixel|smartphone|telefon|nettbrett|tablet|proton|gmail|yahoo|ios|"
    r"nokia|oneplus|motorola|sony|xperia|airmail|spark|superhuman|device|enhet)\b",
    re.IGNORECASE,
)
_MY_DEVICE = re.compile(r"^\s+(?:my|min|mitt|mi)\s+[\w-]+(?:\s+[\w-]+){0,4}\s*\.?\s*$", re.IGNORECASE)
_IMAGE_PLACEHOLDER = re.compile(
    r"^\s*(?:\[cid:[^\]]{1,200}\]|<image\d{0,4}\.(?:png|jpe?g|gif)>|\[image:[^\]]{0,200}\])\s*$"
)

# Phrases that on their own make a paragraph a disclaimer or a mail-gateway banner.
_DISCLAIMER_STRONG = (
    "intended recipient",
    "intended solely for",
    "intended only for",
    "if you have received this",
    "if you received this",
    "received this e-mail in error",
    "received this email in error",
    "received this message in error",
    "not the intended",
    "originated from outside",
    "from an external sender",
    "external email",
    "external sender",
    "do not click links",
    "think before you print",
    "consider the environment before printing",
    "rett mottaker",
    "riktig mottaker",
    "rette mottaker",
    "tiltenkte mottaker",
    "tiltenkt mottaker",
    "mottatt denne e-posten ved en feil",
    "mottatt denne eposten ved en feil",
    "mottatt denne meldingen ved en feil",
    "mottatt denne e-posten feilaktig",
    "ved en feiltakelse",
    "ekstern avsender",
    "ekstern e-post",
    "eksternt avsender",
    "ikke klikk på lenker",
    "ikke åpne vedlegg",
    "tenk miljø",
    "tenk på miljøet",
    "tenk på miljøet før du skriver ut",
    "vennligst informer avsender",
    "vennligst varsle avsender",
    "please notify the sender",
    "notify the sender immediately",
    "unauthorised use",
    "unauthorized use",
    "unauthorized review",
    "uautorisert bruk",
    "kan inneholde taushetsbelagt",
    "kan inneholde konfidensiell",
    "may contain confidential",
    "may contain privileged",
    "is strictly prohibited",
    "er strengt forbudt",
)
# Words a customer may well use about their own data; a paragraph needs two of them to be boilerplate.
_DISCLAIMER_WEAK = (
    "confidential",
    "privileged",
    "konfidensiell",
    "fortrolig",
    "taushetsplikt",
    "taushetsbelagt",
    "disclaimer",
    "ansvarsfraskrivelse",
    "virus",
    "slett",
    "delete",
    "prohibited",
    "forbudt",
    "recipient",
    "mottaker",
)

_FORWARD_CUES = re.compile(
    r"\b(?:videresend\w*|vidaresend\w*|forward\w*|fwd|fw|vs"
    # "Sender vidare frå skipperen vår", "sender denne videre", "passing this on from our foreman" (not
    # "passing this on to IT", "saken blir sendt videre til godkjenning")
    r"|passing\s+(?:this\s+|it\s+)?(?:on|along)(?!\s+to\b)"
    r"|(?<!blir )(?<!ble )(?<!vert )(?<!vart )(?:sender|sendar|sendt|sendte|sende)\s+(?:\w+\s+)?"
    r"(?:videre|vidare)(?!\s+til\b)|se\s+(?:under|nedenfor|nederst|neden\w*|mail\w*\s+under|"
    r"e-?post\w*\s+under|melding\w*\s+under|tråd\w*|vedlagt\w*)|see\s+(?:below|the\s+\w+\s+below|thread)|"
    # "Se melding fra montøren vår under", "See the message from our shift leader below"
    r"se\s+(?:mail|e-?post|melding|meldingen|tråden)\s+(?:\w+\s+){1,4}(?:under|nedenfor)|"
    r"see\s+(?:the\s+)?(?:message|mail|email|note)\s+(?:\w+\s+){1,5}below|"
    r"fyi|til\s+info\w*|for\s+info\w*|info\s+fra|fra\s+(?:min\s+|vår\s+)?kollega|from\s+(?:my|our"
    r"|a)\s+colleague|"
    r"below)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
# A greeting line: the greeting and at most a name ("Hei Kari,"), not a sentence ("Hi. I am fine.").
_GREETING = re.compile(
    r"^(?:hei|hallo|heisann|hey|hi|hello|dear|god\s+morgen|god\s+dag|good\s+morning|morn|til)\b"
    r"(?:[ \t,]+[\w.'-]{1,30}){0,3}[ \t]*[,!.:]?[ \t]*$",
    re.IGNORECASE,
)
# A short own part ("Hei, se under") makes the forwarded text the description; this many words is short.
_THIN_OWN_WORDS = 25
# Where the customer says in so many words that they forward it, a short introduction may be this long.
_INTRODUCED_WORDS = 45
_FORWARDING = re.compile(
    r"\b(?:videresender|videresendar|vidaresender|vidaresendar|forwarding|i\s+forward|i'?m\s+forwarding"
    r"|we\s+forward)\b",
    re.IGNORECASE,
)
# Mailing-list and Outlook footers sit under a long row of underscores.
_FOOTER_RULE = re.compile(r"^_{20,}$")
_DASH_NAME = re.compile(r"^[-/~]\s?[A-ZÆØÅ][\w'.-]*(?:\s[A-ZÆØÅ][\w'.-]*){0,2}$")
_PUNCTUATION_ONLY = re.compile(r"^[\s=_*~#—–-]+$")
_BLANK_RUN = re.compile(r"\n{3,}")


def clean_description(text: str) -> str:
    """The customer's own words from an email body: what a support agent should read as the description.

    Only the first 256 KB of the body are read: the customer's words come first, a description longer
    than that is a pasted log or a thread nobody reads whole, and the message itself keeps every byte.
    """
    if len(text) > _MAX_BODY:
        cut = text.rfind("\n", 0, _MAX_BODY)
        text = text[: cut if cut > 0 else _MAX_BODY]
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    return _clean_lines(normalised.split("\n"), depth=0)


def reply_lines(text: str) -> list[str]:
    """The lines of a reply down to the first unquoted earlier message, `>` quotes kept.

    Reading answers needs the quoted questions: customers write their answers between them. Reply headers
    ("On … wrote:") are blanked; an Outlook block, a separator or a forward marker ends the reply.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith(">"):
            low = stripped.lower()
            if _FORWARD_MARKER.match(low) or _SEPARATOR.match(low) or _header_block_at(lines, i):
                break
            if _RULE.match(stripped) and _header_block_at(lines, _next_nonblank(lines, i + 1)):
                break
            span = _reply_header_span(lines, i)
            if span:
                after = _next_nonblank(lines, i + span)
                if after < len(lines) and not lines[after].lstrip().startswith(">"):
                    break
                out.extend([""] * span)
                i += span
                continue
        out.append(lines[i])
        i += 1
    return out


def strip_signature(text: str) -> str:
    """`text` without its sign-off and what follows it, mobile footers and disclaimers."""
    return _strip_tail(text.split("\n"))


def _clean_lines(lines: Sequence[str], depth: int) -> str:
    own, history, explicit_forward = _split_history(lines)
    own_text = _strip_tail(own)
    if history is None:
        return own_text
    if depth < _MAX_FORWARD_DEPTH and (explicit_forward or _announces_forward(own_text)):
        forwarded = _clean_lines(history, depth + 1)
        return "\n\n".join(part for part in (own_text, forwarded) if part)
    return own_text


def _split_history(lines: Sequence[str]) -> tuple[list[str], list[str] | None, bool]:
    """The lines the customer wrote, the body of the first unquoted earlier message, and whether it is a
    forward by the client's own marker.

    `>` lines and reply headers that introduce them are dropped but reading goes on after them, because
    customers answer between quoted lines and under them. An unquoted earlier message (Outlook, a forward)
    ends the customer's part: nothing the customer wrote comes after it.
    """
    own: list[str] = []
    i = 0
    count = len(lines)
    after_quote = False
    while i < count:
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            own.append("")
            after_quote = False
            i += 1
            continue
        if stripped[0] == ">":
            after_quote = True
            i += 1
            continue
        if after_quote and len(lines[i - 1]) >= _WRAP_WIDTH:
            # A long quoted line the client wrapped without repeating the ">": still part of the quote.
            i += 1
            continue
        after_quote = False
        low = stripped.lower()
        if _FORWARD_MARKER.match(low):
            return own, _skip_header_block(lines, i + 1), True
        if _SEPARATOR.match(low):
            return own, _skip_header_block(lines, i + 1), False
        if _RULE.match(stripped) and _header_block_at(lines, _next_nonblank(lines, i + 1)):
            return own, _skip_header_block(lines, i + 1), False
        if _header_block_at(lines, i):
            return own, _skip_header_block(lines, i), False
        span = _reply_header_span(lines, i)
        if span:
            after = _next_nonblank(lines, i + span)
            if after >= count or lines[after].lstrip().startswith(">"):
                # The header of a `>` quote: drop it, keep reading for answers written under the quote.
                i += span
                continue
            return own, list(lines[i + span :]), False
        own.append(line)
        i += 1
    return own, None, False


def _next_nonblank(lines: Sequence[str], start: int) -> int:
    i = start
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _key_of(line: str) -> str | None:
    match = _HEADER_KEY.match(line.lower())
    return match.group(1).strip() if match else None


def _header_block_at(lines: Sequence[str], i: int) -> bool:
    """Whether an Outlook-style "From: … / Sent: … / To: …" block starts at line `i`."""
    if i >= len(lines) or len(lines[i]) > _MAX_HEADER_CHARS:
        return False
    first = _key_of(lines[i])
    if first not in _FROM_KEYS and first not in _DATE_KEYS:
        return False
    if first in _FROM_KEYS_WITH_ADDRESS and not ("@" in lines[i] or "<" in lines[i]):
        return False  # "Frå: Førde / Til: Bergen / Dato: …" is a trip in nynorsk, not a mail's header
    # A lone "From:" in prose is not a header; a client writes more headers right under it, and a block
    # that opens with the date names the sender within the next lines.
    for j in range(i + 1, min(i + 4, len(lines))):
        key = _key_of(lines[j])
        if key in _OTHER_KEYS or key in _FROM_KEYS:
            return True
    return False


def _skip_header_block(lines: Sequence[str], start: int) -> list[str]:
    """The lines after a header block that starts at or after `start` (blank lines before it skipped)."""
    i = _next_nonblank(lines, start)
    seen_key = False
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped:
            if seen_key:
                break
            i += 1
            continue
        key = _key_of(stripped)
        if key in _FROM_KEYS or key in _OTHER_KEYS or key in _DATE_KEYS:
            seen_key = True
            i += 1
            continue
        if seen_key and len(stripped) < 200 and i + 1 < len(lines):
            following = _key_of(lines[i + 1].strip())
            if "@" in stripped or stripped.endswith((";", ",")) or following in _OTHER_KEYS:
                # A wrapped To:, Cc: or Subject: line.
                i += 1
                continue
        break
    return list(lines[i:])


def _reply_header_span(lines: Sequence[str], i: int) -> int:
    """How many lines a reply header ("On … wrote:") starting at line `i` covers; 0 when there is none."""
    first = lines[i].strip().lower()
    if len(first) > _MAX_HEADER_CHARS or not _opens_like_header(first):
        return 0  # a header's first line opens like one, whatever lines are joined to it
    window = first
    for span in range(1, _HEADER_WINDOW + 1):
        if span > 1:
            if i + span - 1 >= len(lines):
                break
            nxt = lines[i + span - 1].strip().lower()
            # Gmail wraps a long address so that the closing ">:" lands on a line of its own.
            if (
                not nxt
                or (nxt.startswith(">") and not nxt.startswith(">:"))
                or len(window) + len(nxt) > _MAX_HEADER_CHARS
            ):
                break
            window = f"{window} {nxt}"
        if _is_reply_header(window):
            return span
    return 0


def _opens_like_header(first: str) -> bool:
    """Whether a line (lowercased) opens like a reply header: a date, a weekday, "On", "Den", "Am", …

    The verb alone would also match the last line of a paragraph that happens to sit right above the
    real header.
    """
    return (
        first.startswith("--")
        or bool(_HEADER_OPENER.search(first.lstrip(" -=*_")))
        or _DIGIT.search(first, 0, 40) is not None
    )


def _is_reply_header(window: str) -> bool:
    """Whether `window` (one to three joined lines, lowercased, the first opening like a header, see
    `_opens_like_header`) is a reply header."""
    window = window.strip(" -=*_")
    if not window.endswith((":", "：", *_WROTE_WORDS)):
        return False
    has_date_or_address = "@" in window or _DIGIT.search(window) is not None
    if not has_date_or_address and not _WROTE.search(window):
        return False
    if _WROTE.search(window) or _WROTE_MIDDLE.search(window):
        return True
    return bool(_DATE_EMAIL_COLON.search(window) and _TIME_OR_YEAR.search(window))


def _strip_tail(lines: Sequence[str]) -> str:
    """The customer's part without signature, mobile footer, disclaimers and image placeholders."""
    lines = _without_trailing_disclaimers(lines)
    kept: list[str] = []
    skipped = 0
    for line in lines:
        stripped = line.strip()
        if stripped in _DELIMITER or line.rstrip() == "--" or _FOOTER_RULE.match(stripped):
            break
        if stripped and _is_signoff(stripped):
            break
        if stripped and _THANKS.match(stripped) and _only_name_follows(lines, len(kept) + skipped):
            break
        if stripped and _is_mobile_footer(stripped):
            break
        if _IMAGE_PLACEHOLDER.match(line):
            skipped += 1
            continue
        kept.append(line.rstrip())
    while kept and (not kept[-1].strip() or _PUNCTUATION_ONLY.match(kept[-1])):
        kept.pop()
    # Contact lines first, then the name, title and company above them ("Tyler Brooks" / "EHS Manager").
    for find in (_signature_block_start, _name_block_start):
        block = find(kept)
        if block is not None:
            del kept[block:]
            while kept and not kept[-1].strip():
                kept.pop()
    if kept and _DASH_NAME.match(kept[-1].strip()):
        # "-Abhishek Kona" or "/John" as the very last line is a signature.
        kept.pop()
    text = "\n".join(kept)
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", text) if p.strip() and not _is_disclaimer(p)]
    return _BLANK_RUN.sub("\n\n", "\n\n".join(p.strip("\n") for p in paragraphs)).strip()


def _without_trailing_disclaimers(lines: Sequence[str]) -> Sequence[str]:
    """`lines` without the disclaimer paragraphs that end them: a signature above a disclaimer is still
    the end of what the customer wrote."""
    end = len(lines)
    while True:
        while end > 0 and not lines[end - 1].strip():
            end -= 1
        start = end
        while start > 0 and lines[start - 1].strip():
            start -= 1
        if start == end or start == 0 or not _is_disclaimer("\n".join(lines[start:end])):
            return lines[:end] if end < len(lines) else lines
        end = start


def _only_name_follows(lines: Sequence[str], index: int) -> bool:
    """Whether only a signature follows line `index`: at most three short lines (a name, a title) and
    contact lines (phones, addresses, a web site). "Thanks," is a sign-off only at the very end,
    elsewhere it is part of what the customer says."""
    rest = [line.strip() for line in lines[index + 1 : index + 2 + _MAX_SIGNATURE_LINES] if line.strip()]
    if len(lines) > index + 1 + _MAX_SIGNATURE_LINES and any(line.strip() for line in lines[index + 1 :]):
        return False
    names = [line for line in rest if not _CONTACT.match(line)]
    # A name, a second name line, a title and a company: "Dana" / "Dana Whitfield" / "Controller" / …
    return len(names) <= 5 and all(len(line) <= 40 for line in names)


def _is_signature_line(line: str) -> bool:
    """Whether a line reads like part of a signature block: a contact line, or a short line that is no
    sentence (a name, a job title, a company, an address)."""
    if _CONTACT.match(line):
        return True
    return (
        len(line) <= 60
        and len(line.split()) <= 6
        and (line[-1] not in ".?!,;:" or bool(_COMPANY_END.search(line)))
    )


# A company name may end in a period: "Midwest Grain Co.", "Acme Inc.".
_COMPANY_END = re.compile(r"\b(?:Co|Inc|Ltd|Corp|LLC|Pty|GmbH)\.$")


def _signature_block_start(kept: Sequence[str]) -> int | None:
    """Where a signature without a sign-off starts in the customer's last lines ("Kari Nordmann",
    "Rådgiver HMS", "Mob: +47 912 34 567"), or None: a run of signature lines at the end with a contact
    line among them, right under a blank line or a finished sentence."""
    start = len(kept)
    while start > 0 and len(kept) - start < _MAX_SIGNATURE_LINES:
        line = kept[start - 1].strip()
        if not line or not _is_signature_line(line):
            break
        start -= 1
    if start == len(kept) or start == 0 or not any(_CONTACT.match(line.strip()) for line in kept[start:]):
        return None
    above = kept[start - 1].strip()
    if above and above[-1] not in ".?!:)":
        return None  # the line above may be the end of the customer's own sentence
    return start


# A short sign-off in any language, ended by a comma: "Obrigada,", "Thanks a bunch,".
_SHORT_SIGNOFF = re.compile(r"^[^\W\d][\w' !]{0,24},$")
# A name that opens a signature: one to four capitalised words ("Sam Riley", "Kari Nordby").
_NAME_LINE = re.compile(r"^[A-ZÆØÅ][\w'.-]*(?:[ -][A-ZÆØÅ][\w'.-]*){0,3}$")
# Capitalised words a last line may hold that are no one's name.
_NOT_A_NAME_LINE = re.compile(
    r"\b(?:chrome|edge|firefox|safari|opera|windows|android|iphone|ipad|ios|mac|macos|landax|app|appen)\b"
    # An answer alone on a line ("Yes", "Nei", "Monday") under a list of answers is no one's name.
    r"|^\s*(?:yes|no|ja|nei|nope|yep|ok|okay|jo|never|aldri|always|alltid|everyone|alle|today|yesterday"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mandag|måndag|tirsdag|tysdag|onsdag"
    r"|torsdag|fredag|lørdag|laurdag|søndag|sundag|since|siden|sidan)\b",
    re.IGNORECASE,
)


def _name_block_start(kept: Sequence[str]) -> int | None:
    """Where a signature without a sign-off or a contact line starts: a name, then a title or a company
    ("Sam Riley" / "Field Ops Manager" / "Metro Facilities"), at the very end and under a blank line or a
    finished sentence; blank lines may part the block. None when the end is no such block."""
    start = len(kept)
    lines = 0
    while start > 0 and lines < _MAX_SIGNATURE_LINES:
        line = kept[start - 1].strip()
        if line and not _is_signature_line(line) and not _SHORT_SIGNOFF.match(line):
            break
        lines += bool(line)
        start -= 1
    names = [
        i
        for i in range(start, len(kept))
        if _NAME_LINE.match(kept[i].strip()) and not _NOT_A_NAME_LINE.search(kept[i])
    ]
    if not names:
        return None
    first = names[0]
    if first > start and _SHORT_SIGNOFF.match(kept[first - 1].strip()):
        first -= 1  # "Obrigada," / "Carla": the sign-off above the name goes with it
    if sum(1 for line in kept[first:] if line.strip()) < 2:
        return None  # a name alone is a sign-off, and harmless
    above = next((kept[i].strip() for i in range(first - 1, -1, -1) if kept[i].strip()), "")
    if not above or (kept[first - 1].strip() and above[-1] not in ".?!:)"):
        return None  # nothing of the customer's own above, or the name may end their sentence
    return first


def _is_signoff(line: str) -> bool:
    if len(line) > 80:
        return False
    match = _SIGNOFF.match(line)
    if match is None:
        return False
    rest = match.group("rest")
    # "Best" and "Hilsen" start sentences too; a sign-off is followed by nothing or a short name.
    if rest.strip() and rest.lstrip()[0].isalpha() and not line.split()[0].lower().startswith(("mvh", "vh")):
        first_rest_word = rest.split()[0]
        if first_rest_word[0].islower() and first_rest_word.lower() not in ("fra", "from", "og", "and"):
            return False
    return bool(_SIGNOFF_REST.match(rest))


def _is_mobile_footer(line: str) -> bool:
    match = _MOBILE.match(line)
    if match is None:
        return False
    rest = match.group("rest")
    # "Sent from my desk, is much easier …" is a sentence; a footer names a device or app and stops.
    if "," in rest.rstrip(",. ") or len(rest.split()) > 8:
        return False
    return bool(_DEVICE_WORDS.search(rest)) or bool(_MY_DEVICE.match(rest))


def _is_disclaimer(paragraph: str) -> bool:
    low = " ".join(paragraph.lower().split())
    if any(phrase in low for phrase in _DISCLAIMER_STRONG):
        return True
    return sum(1 for word in _DISCLAIMER_WEAK if word in low) >= 3


def _announces_forward(own_text: str) -> bool:
    """Whether the customer's own part only hands over the message below it ("Se under", "FYI", nothing)."""
    body = [line for line in own_text.split("\n") if line.strip() and not _GREETING.match(line.strip())]
    words = len(_WORD.findall(" ".join(body)))
    if words == 0:
        return True
    if words <= _THIN_OWN_WORDS and _FORWARD_CUES.search(own_text):
        return True
    # "Videresender fra en av driftsoperatørene våre. Jonas hadde dette i går …": a few sentences that say
    # it is a forward and introduce it
    return words <= _INTRODUCED_WORDS and bool(_FORWARDING.search(own_text))
