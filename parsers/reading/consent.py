"""Whether the customer lets the vendor log into their system, and whether the case involves personal data."""

from __future__ import annotations

import re
from bisect import bisect_right, insort

from parsers.reading.text import (
    CLAUSE_BREAK,
    NEGATOR,
    NORWEGIAN_NOT,
    clause_before,
    negated,
    sentences,
    words,
)

__all__ = ["LOGIN_ON_CONDITION", "login_allowed", "personal_data"]

_VENDOR = r"(?:dere|du|landax|supporten|support|saksbehandler\w*|konsulent\w*)"
_LOG_IN_NB = r"(?:logge?r?|logget|logg) (?:dere |deg |seg |)(?:inn|på)"
_LOGIN_LABEL = words(
    r"\b(?:pålogging\w*|innlogging\w*|tilgang|login(?: access)?|log[- ]?in|access)\s*[:=]\s*"
    r"(?P<v>ja|nei|yes|no|ok|tillatt|allowed|ikke tillatt|not allowed|granted|denied|innvilget|avslått)\b"
)
_LOGIN_NO = words(
    rf"\b(?:ønsker|vil) ikke at {_VENDOR} (?:skal |)(?:\w+ |){_LOG_IN_NB}"
    rf"|\b{_VENDOR} (?:må|skal|kan|får|bør) ikke (?:\w+ ){{0,2}}{_LOG_IN_NB}"
    rf"|\b(?:må|skal|kan|får|bør) {_VENDOR} ikke (?:\w+ ){{0,2}}{_LOG_IN_NB}"
    r"|\b(?:vennligst|venligst|ber (?:om at |)dere|husk å|dere bes) ikke (?:å |)logge? (?:dere |deg "
    r"|)(?:inn|på)\b"
    r"|\bikke logg (?:dere |deg |)(?:inn|på)\b|\b(?:ingen|ikke) (?:tillatelse|lov|tilgang) til (?:å "
    r"|)(?:logge|pålogging)"
    r"|\bgir ikke (?:dere |deg |)(?:tilgang|tillatelse|lov)\b|\btillater ikke (?:pålogging|innlogging"
    r"|at dere)\b"
    r"|\bingen (?:pålogging|innlogging|fjerntilgang)\b|\b(?:pålogging|innlogging) (?:er |)(?:ikke ønsket"
    r"|ikke tillatt|"
    r"ikke ok|ikke greit|uønsket)\b|\bikke ønskelig at (?:dere|du) logger\b|\buten å logge (?:inn|på)\b"
    r"|\b(?:please |kindly |)(?:do not|don't|dont) (?:\w+ ){0,2}log ?(?:in|on|into)\b"
    r"|\byou (?:may not|must not|mustn't|cannot|can't|are not allowed to|aren't allowed to|should not"
    r"|shouldn't)"
    r" (?:\w+ |)log ?(?:in|on)\b|\bwe (?:do not|don't|would rather not) (?:want|allow|permit|give|grant)"
    r" (?:you |your \w+ |anyone |)(?:to |)(?:log|login|access|permission)\b|\bno (?:login|log-in"
    r"|remote) access\b"
    r"|\bnot (?:ok|okay|allowed|permitted|comfortable with you) (?:for you |)to log\b|\bwithout logging in\b"
    r"|\b(?:login|log-in|access) is not (?:allowed|permitted|ok|okay|granted)\b"
)
_LOGIN_YES = words(
    rf"\b{_VENDOR} (?:kan|må|får|har lov til å|har tillatelse til å|kan godt|står fritt til å) "
    rf"(?:gjerne |godt |fint |fritt |bare |også |)(?:\w+ |){_LOG_IN_NB}"
    rf"|\blogg (?:dere |deg |)(?:gjerne|bare) (?:inn|på)\b|\b(?:ok|greit|fint|i orden) (?:at|om"
    rf"|hvis) (?:dere|du) logger"
    r"|\b(?:tillater|godkjenner|aksepterer|tillat) (?:\w+ |)(?:pålogging|innlogging)\b"
    r"|\b(?:pålogging|innlogging) (?:er |)(?:ok|greit|tillatt|i orden|fint)\b"
    r"|\b(?:gir|gi) (?:dere|deg|landax|saksbehandler\w*) (?:\w+ |)(?:tilgang|tillatelse|lov) til (?:å "
    r"|)(?:logge|pålogging)"
    rf"|\b(?:kan|kunne) {_VENDOR} (?:\w+ |){_LOG_IN_NB} (?:og|for å)\b"
    r"|\b(?:feel free|you(?:'re| are) welcome|you (?:may|are allowed to|have (?:our |my |)permission to)"
    r"|ok(?:ay)? (?:for you |)to|go ahead and|you can (?:go ahead and |)) (?:\w+ |)log ?(?:in|on|into)\b"
    r"|\bwe (?:allow|grant|give|approve) (?:you |your \w+ |)(?:\w+ |)(?:login|log-in|access|permission)\b"
    r"|\b(?:login|log-in|access) is (?:fine|ok|okay|allowed|granted|approved)\b"
    r"(?! (?:to|for) (?:all|everyone|everybody|our|the|them)\b)"
    r"|\b(?:could|can) you (?:please |)log ?(?:in|on|into) (?:and|to)\b|\bplease log ?(?:in|on|into) (?:and"
    r"|to)\b"
    r"|\b(?:happy|glad|fine|ok|okay) (?:for|with) you (?:to |)(?:\w+ |)log ?(?:in|on|into)\b"
)
_GENERIC_YOU = re.compile(
    r"\b(?:når|hvis|om|dersom|når man|when|if|once|after|before|whenever) (?:du|man|you)\b[^.!?\n]*$"
)


# Kinds the lists above miss (issue 15): everyday yes and no, "gå inn" for logging in, a mandate.
_ENTER = r"(?:logge?r? (?:dere |deg |seg |)(?:inn|på)|gå inn|ta en titt|kikke)"
_MORE_LOGIN_NO = words(
    r"\b(?:we'd|we would|i'd|i would) (?:rather|prefer) (?:that |)you (?:stayed|stay|kept|keep|did not|didn't"
    r"|don't|do not) (?:out|away|log)"
    r"|\bplease (?:stay|keep) out of\b|\bno need (?:for you |)to log ?(?:in|on)\b"
    r"|\bno (?:log ?in|login|access) (?:is |)(?:needed|necessary|required)\b"
    r"|\bingen (?:pålogging|innlogging) (?:er |)(?:nødvendig|trengs|påkrevd)\b"
    r"|\bikke gå inn i (?:systemet|løsningen|instansen|basen|landax)\b"
    r"|\bingen grunn til (?:å |)(?:logge|gå) (?:dere |)(?:inn|på)\b"
    r"|\b(?:helst|heller) ikke (?:at (?:dere|dokker|dykk|de|du) |)logg"
    # batch 5: a policy that allows no outsiders in ("we cannot allow external persons to log in")
    r"|\b(?:we|policy|policies|rules) (?:\w+ ){0,2}?(?:cannot|can't|can not|won't|will not|do not|don't"
    r"|does not|doesn't|are not able to|are unable to) (?:allow|permit|let) (?:(?:external|outside"
    r"|third[- ]party|any|other) |)(?:persons|people|parties|vendors|suppliers|you|anyone|outsiders"
    r"|consultants|landax|support) (?:to |)(?:log|access)"
    r"|\b(?:cannot|can't|can not|do not|don't|does not|doesn't|won't|will not) (?:allow|permit) (?:any |)"
    r"(?:external|outside|remote|third[- ]party) (?:login|log-in|logins|access)\b"
    # "we prefer that nobody from Landax connects to our system", "vil helst at dere ikke går inn i systemet"
    r"|\b(?:nobody|no one|none of you|noone) (?:from|at|of) (?:landax|your side|your team|your company"
    r"|support|the vendor)\b[^.!?\n]{0,20}?\b(?:connects?|logs? ?(?:in|on)|access(?:es)?|enters?|goes into"
    r"|gets into)\b"
    r"|\b(?:at|om) (?:dere|du|dokker|dykk) ikke (?:går|logger|kikker|tar en titt) (?:inn |)(?:i|på) "
    r"(?:systemet|løsningen|instansen|landax|basen|oss)\b"
    r"|\b(?:kan|vil|får) (?:vi |)ikke (?:tillate|la|gi) (?:at |)(?:dere|eksterne|andre|leverandør\w*"
    r"|utenforstående|konsulenter) (?:\w+ |)(?:logg|få tilgang|tilgang|gå inn)"
)
_MORE_LOGIN_YES = words(
    rf"\b(?:dere|du|de|dykk|dokker) har (?:min |vår |vårt |full |)(?:tillatelse|tillating|lov|løyve|fullmakt"
    rf"|samtykke|tilgang) (?:til |)(?:å |){_ENTER}"
    # "feel free to jump straight into our system", "you have my go-ahead"
    r"|\bfeel free to (?:\w+ ){0,2}?(?:jump|hop|dive|go|get) (?:straight |right |)(?:in|into)\b"
    r"|\byou have (?:my|our) (?:go-ahead|go ahead|blessing|full permission|permission)\b"
    r"(?=\s*(?:[.,!;]|$|to (?:log|access|go in|jump|look|get in)))"
    rf"|\b(?:bare|berre|gjerne) {_ENTER}\b(?! ikke)"
    r"|\bif you need to log ?(?:in|on)\b[^.!?\n]{0,40}\b(?:fine|ok|okay|go ahead)\b"
    r"|\byou can log ?(?:in|on|into) (?:to |)\S+\.(?:landax\.no|\w+)\b"
    r"|\byou can log ?(?:in|on) (?:straight|right)"
    r"|\b(?:sure|yes|ja|ok|go ahead)[,.!]? (?:just |go ahead and |)log ?(?:in|on)\b"
    r"|\bfeel free to (?:\w+ ){0,2}(?:look|poke) (?:around )?in our (?:system|site|instance|landax|account"
    r"|setup|installation)\b"
    r"|\b(?:ok|greit|fint|i orden) (?:at|om|hvis) (?:dere|du) (?:går inn|kikker|tar en titt)\b"
    r"|\blog ?(?:in|on) if (?:it helps|needed|you need|necessary)\b"
)

# Everyday yes and no in more forms: nynorsk and dialect "de/dykk kan godt logge på", access to the system
# named without "log in", a yes or no to login, consent.
_SYSTEM = r"(?:system|site|instance|account|landax|solution|installation|platform|data|setup)"
_EVERYDAY_LOGIN_YES = words(
    rf"\b(?:de|dei|dykk|dokker|dokk) (?:kan|må|får) (?:godt|gjerne) (?:\w+ |){_LOG_IN_NB}"
    rf"|\b(?:dykk|dokker|dokk) (?:kan|må|får) (?:\w+ |){_LOG_IN_NB}"
    rf"|\byou (?:may|are (?:allowed|welcome|free) to|have (?:our |my |full |)permission to) (?:access|go into"
    rf"|look (?:around |)in|enter|get into) (?:our|the) {_SYSTEM}\b"
    rf"|\b(?:dere er|du er) (?:hjertelig |)velkomne? til å {_ENTER}"
    r"|\b(?:dere|du) (?:kan|må|får) (?:gjerne |godt |bare |)gå inn (?:i|på)\b"
    r"|\b(?:ja|yes) (?:til|to) (?:pålogging|innlogging|login|log-in|logging in)\b"
    r"|\b(?:vi |we |i |jeg |)(?:samtykker|consent) (?:til|to) (?:pålogging|innlogging|login|log-in"
    r"|logging in|you"
    r" logging in|at dere logger)\b"
)
_EVERYDAY_LOGIN_NO = words(
    rf"\bno(?<![\w,] no)(?<!\wno) (?:access|login|log-in|logging in) (?:to|into|in|on) (?:our"
    rf"|the) {_SYSTEM}\b"
    rf"|\byou (?:may not|must not|mustn't|cannot|can't|should not|shouldn't|are not allowed to) (?:\w+ |)"
    rf"(?:access|enter|go into|get into) (?:our|the) {_SYSTEM}\b"
    r"|\b(?:må|skal|får|bør) (?:dere|du) ikke gå inn\b|\b(?:dere|du) (?:må|skal|får|bør) ikke gå inn\b"
    r"|\b(?:nei|no) (?:til|to) (?:pålogging|innlogging|login|log-in|logging in)\b"
    r"|\b(?:samtykker|consent) ikke\b|\b(?:do not|don't) consent\b|\bikke samtykke til (?:pålogging"
    r"|innlogging)\b"
)


# Every login phrase above names logging in, access or consent with one of these (as typed: "logg", "gå
# inn", "kikkje", "gir ikke lov"): a text without any says nothing of it, and most mail is read faster.
_LOGIN_WORDS = (
    "log",
    "inn",
    "tilgang",
    "access",
    "permission",
    "tillat",
    "lov",
    "titt",
    "kikk",
    "look",
    "poke",
    "enter",
    "into",
    "rather",
    "prefer",
    "out of",
    "grunn til",
    "samtykk",
    "consent",
)


# A question about how to keep people out asks about the customer's own roles, it refuses the vendor nothing.
_ASKS_HOW = re.compile(r"\b(?:how|hvordan|korleis|åssen)\b[^.!\n]*\?")


def _sentence_at(low: str, at: int) -> str:
    """The sentence of `low` (as `sentences` splits it) that holds the offset `at`."""
    return next((text for start, text in sentences(low) if start <= at < start + len(text)), low)


# "Please don't log in before you call me", "ask before logging in each time": a condition staff must meet,
# neither a yes nor a no (a grant would open before the condition is met); the question stays open for staff
# to settle with the customer. Shared by the first mail's reading and the answers'.
_STAFF_WHO = r"(?:dere|du|you|dokker|dykk)"
_LOG_IN = r"(?:log\w*|logg\w*)\s+(?:in|on|inn|på)"
_MEETS = (
    r"(?:(?:you|we|he|she|they|i|dere|vi|han|hun|de|jeg|eg)\s+)?(?:har\s+|have\s+|has\s+)?(?:call|ring|ask|spør"
    r"|talk|snakk|contact|kontakt|agree|avtal|clear|klarer)"
)
LOGIN_ON_CONDITION = re.compile(
    # staff log in, or are told not to, before a call: "dere får logge inn før vi har snakket", "please
    # don't log in before you call me", "ikke logg inn før dere har ringt"
    rf"(?:\b{_STAFF_WHO}\s+(?:[\w']+\s+){{0,3}}?|(?:^|[.!,;:]\s*|\bplease\s+|\bvennligst\s+|\bmen\s+|\bbut\s+)"
    r"(?:don'?t|do\s+not|ikke|ikkje|itte|itj)\s+)"
    rf"{_LOG_IN}\s+(?:\w+\s+){{0,2}}?(?:before|until|unless|without|før|uten|med\s+mindre)\s+{_MEETS}"
    # a call before staff log in: "ring meg først før dere logger inn" (not "no need to call before")
    r"|(?<!need to )(?<!have to )(?<!trengs ikke å )(?<!trenger ikke å )(?<!trenger ikkje å )"
    r"\b(?:ask|spør|call|ring|phone|contact|kontakt|varsle|tell|si\s+fra\s+til)\s+(?:us\s+|me\s+|oss\s+|meg\s+)?"
    r"(?:(?:first|først|forst|fyrst)\s+)?(?:before|før)\s+(?:logging|you\s+log|dere\s+logger|du\s+logger|å\s+logge)"
)

# A negation inside a permission phrase ("dokker får itj logge inn"); not "no" (nynorsk for "now": "dykk kan
# no logge på") nor "without" ("log in without us being there").
_REFUSING_WORD = re.compile(rf"{NORWEGIAN_NOT}|not|never|aldri|don't|dont|can't|cannot|won't")
# "You can't do it without logging in": a login needed, not refused.
_CANNOT_WITHOUT = re.compile(
    r"\b(?:can'?t|cannot|kan ikke|kan ikkje|kan itte|impossible|umulig|not possible|ikke mulig|no way)\b"
    r"[^.!?]*$"
)


def _on_condition(low: str, at: int) -> bool:
    """Whether the sentence holding the consent at offset `at`, or the next one, puts a condition on it
    ("Dere kan logge inn. Men ring meg først før dere logger inn.")."""
    spans = list(sentences(low))
    here = next((i for i, (start, text) in enumerate(spans) if start <= at < start + len(text)), None)
    if here is None:
        return bool(LOGIN_ON_CONDITION.search(low))
    return any(LOGIN_ON_CONDITION.search(text) for _, text in spans[here : here + 2])


def login_allowed(low: str) -> bool | None:
    """Whether the customer lets the vendor's staff log into their system; the last statement counts."""
    if not any(word in low for word in _LOGIN_WORDS):
        return None
    verdicts: list[tuple[int, bool]] = []
    for match in _LOGIN_LABEL.finditer(low):
        verdicts.append(
            (
                match.start(),
                match.group("v") in ("ja", "yes", "ok", "tillatt", "allowed", "granted", "innvilget"),
            )
        )
    for match in _LOGIN_NO.finditer(low):
        if match.group(0).startswith(("without", "uten")) and _CANNOT_WITHOUT.search(
            low[max(0, match.start() - 40) : match.start()]
        ):
            continue  # "you can't do it without logging in" says a login is needed, not that it is refused
        verdicts.append((match.start(), False))
    for match in _MORE_LOGIN_NO.finditer(low):
        if _ASKS_HOW.search(_sentence_at(low, match.start())):
            continue  # "Vi kan ikke la eksterne få tilgang, hvordan begrenser vi det?": their own rule
        verdicts.append((match.start(), False))
    for match in _EVERYDAY_LOGIN_NO.finditer(low):
        verdicts.append((match.start(), False))
    for pattern in (_EVERYDAY_LOGIN_YES, _MORE_LOGIN_YES):
        for match in pattern.finditer(low):
            if any(_REFUSING_WORD.fullmatch(word) for word in match.group(0).split()):
                verdicts.append((match.start(), False))  # "dokker får itj logge inn": a word inside refuses
            elif not negated(low, match.start(), match.end(), words_before=2):
                verdicts.append((match.start(), True))
    refusals = sorted(start for start, ok in verdicts if not ok)
    for match in _LOGIN_YES.finditer(low):
        if _GENERIC_YOU.search(clause_before(low, match.start() + 3, 50)):
            continue  # "when you log in, the page is blank" describes the product, it grants nothing
        # a refusal up to 60 characters before ("ikke logg inn … dere kan logge inn senere") stands
        nearest = bisect_right(refusals, match.start())
        if nearest and refusals[nearest - 1] > match.start() - 60:
            continue
        if negated(low, match.start(), match.start() + 1, words_before=2):
            verdicts.append((match.start(), False))
            insort(refusals, match.start())
            continue
        verdicts.append((match.start(), True))
    if not verdicts:
        return _vendor_enters(low)
    verdicts.sort(key=lambda pair: pair[0])
    if verdicts[-1][1] and _on_condition(low, verdicts[-1][0]):
        return None  # "dere kan logge inn, men ring meg før dere logger inn": for staff to settle
    return verdicts[-1][1]


# What no phrase above reads: the vendor named as the one who logs in or gets access, with a word that
# permits it or one that refuses it close by ("you lot are welcome to have a look in our system", "dokker
# får sjå i systemet", "your people should not go into our setup"). Measured on the tune emails before it
# was kept: one more answer read, nothing invented.
_VENDOR_WHO = (
    r"(?:you|you guys|you lot|your (?:team|staff|support|people)|dere|dokker|dykk|dokk|landax|supporten"
    r"|support)"
)
_ENTERS = (
    r"(?:log ?(?:in|on|into)|logg?e?r?|loggar|logget|access|tilgang|go into|gå inn|get into|poke around"
    r"|look around|have a look in|ta en titt i|kikke i)"
)
_VENDOR_ENTERS = words(rf"\b{_VENDOR_WHO}\b(?:\s+[\w'’]+){{0,4}}?\s+{_ENTERS}\b")
_PERMITS = re.compile(
    r"\b(?:welcome|free|ok|okay|fine|allowed|permission|permitted|gjerne|greit|fint|lov|løyve|tillat\w*"
    r"|go ahead|sure|happy|glad|godt)\b"
)
# "Can" alone permits only where it is our system or a need ("you can access our setup", "dokker får
# logge inn viss de treng det"); "you can access the system from the app menu" tells how the product works.
_MAY = re.compile(r"\b(?:may|can|could|kan|får)\b")
_OURS_OR_NEED = re.compile(
    r"\b(?:our|us|vårt|vår|våre|oss|if (?:you |)need\w*|if it helps|if necessary|viss (?:de|dere|dokker|dykk)"
    r" (?:treng|trenger)|hvis (?:dere|du) trenger|om (?:det |)(?:trengs|nødvendig)|ved behov)\b"
)
_WILL = re.compile(
    r"\b(?:may|must|mustn't|should|shouldn't|allowed|permitted|want|wish|rather|prefer|ønsker|vil|skal|bør|får"
    r"|må|lov|tillat\w*)\b"
)
_REFUSES = re.compile(r"\b(?:\w+n't|cannot|rather not|prefer not|helst ikke|heller ikke)\b")
_ASKED_TO = re.compile(r"\b(?:could|can|kan|kunne)\s+(?:you|dere|du)\b")
_IF_YOU = re.compile(
    r"\b(?:når|hvis|om|dersom|when|if|once|after|before|whenever)\s+(?:du|man|you|de|dere)\b"
)


def _vendor_enters(low: str) -> bool | None:
    """The last sentence that names the vendor logging in and permits (True) or refuses (False) it; None
    where none does. A sentence about what happens "when you log in" and a question that asks nothing
    of the vendor state nothing."""
    if not _VENDOR_ENTERS.search(low):
        return None
    verdict: bool | None = None
    for _, sentence in sentences(low):
        for match in _VENDOR_ENTERS.finditer(sentence):
            if _IF_YOU.search(sentence[max(0, match.start() - 15) : match.end()]):
                continue
            if "?" in sentence and not _ASKED_TO.search(sentence):
                continue
            clause = sentence[max(0, match.start() - 30) : match.end() + 10]
            if NEGATOR.search(clause) or _REFUSES.search(clause):
                # "your people should not go into our setup"; "you can't access it from the app" tells
                # what is possible, not what is allowed
                if _WILL.search(clause):
                    verdict = False
            elif _PERMITS.search(clause) or (
                _MAY.search(clause) and _OURS_OR_NEED.search(sentence[match.start() :])
            ):
                verdict = True
    return verdict


_PD_TERM = words(
    r"\bpersonopplysning\w*|\bpersondata\w*|\bpersonsensitiv\w*|\bsensitive (?:person)?opplysninger\b"
    r"|\bhelseopplysning\w*|\bpersonal (?:data|information|details)\b|\bpersonally identifiable\b|\bpii\b"
    r"|\bsensitive (?:personal )?data\b|\bgdpr\b"
    # batch 5: health and patient data named as such
    r"|\bhelseinformasjon\b|\bhelsedata\b|\bpasientopplysning\w*|\bpasientdata\b|\bsykmeldingsgrunn\w*"
    r"|\bsjukmeldingsgrunn\w*|\b(?:health|patient|medical) (?:information|info|data|details|records)\b"
    r"|\b(?:patient|health) or (?:health|patient|medical) (?:information|data|details)\b"
    r"|\breasons? for (?:the |)sick ?leave\b"
    # "it is sick leave information about my people", "sykefraværsopplysninger"
    r"|\bsick ?leave (?:information|info|data|details|records)\b|\bsykefraværsopplysning\w*"
    r"|\bsykmeldingsopplysning\w*"
)
_PD_LABEL = words(
    r"\b(?:personopplysninger|behandling av personopplysninger|personal data|gdpr)\s*[:=]\s*(?P<v>ja|nei"
    r"|yes|no)\b"
)
_PD_STATEMENT = re.compile(
    r"\b(?:inneholder|omfatter|gjelder|involverer|behandle\w*|innebærer|ligger|ligg|finnes|finst|inneheld"
    r"|er det|det er|vi har"
    r"|vil bli|blir|ja|står|stå|gjeld"
    r"|contain\w*|include\w*|involv\w*|process\w*|handle|is|are|there is|there are|yes|will|may"
    r"|can see"
    r"|see)\b"
)


# Names stand for personal data: "the screenshots show no names", "det kan stå navn på ansatte".
_NO_NAMES = words(
    r"\b(?:show|shows|contain|contains|has|have|viser|inneholder|har) (?:no|ingen) (?:\w+ |)(?:names|navn)\b"
    r"|\b(?:no|ingen) (?:names|navn) (?:in|i|on|på)\b"
    # "there's nothing personal in it", "ingenting personlig i fila" (not "nothing personal, but ...")
    r"|\b(?:nothing|ingenting|ikke noe|ikkje noko) (?:personal|personlig\w*|personleg\w*|sensitive|sensitivt)"
    r" (?:in|i|on|på) (?:it|them|this|that|there|here|den|det|dei|dem|der|her|saken|saka|the case"
    r"|(?:those|these|the|this|that|de|dei|disse|desse|dette|denne) [\w-]+)\b"
    r"(?![^.!?\n]*\b(?:but|except|apart from|other than|besides|men|bortsett|unntatt|utenom|however"
    r"|although)\b)"
    r"(?![\s\S]*\b(?:names?|navn|wait|vent)\b)"
    # test data stands for no personal data: "skjermbildene viser bare testdata, ingen ekte personer"
    r"|\b(?:bare|kun|only|just) (?:test ?data|testdata|dummy data|fiktive data|fictional data)\b"
    r"|\b(?:ingen|no) (?:ekte|virkelige|real|actual) (?:personer|people|persons|navn|names|employees"
    r"|ansatte)\b"
    # batch 7: "det er ingen bilder av personer", "no photos of people"
    r"|\b(?:ingen|no) (?:bilder|foto\w*|pictures|photos|images) (?:av|of)"
    r" (?:personer|people|persons|mennesker)\b"
    # names taken out of what is sent: "I blurred the names", "jeg har fjernet navnene fra skjermbildet"
    # (not "we removed the old names field", "the names are removed from the list since the update")
    # (names hidden "because it is sick leave information" say the case holds personal data: not read here)
    r"|\b(?:blurred|sladdet|sladda|masked|redacted|blanked out|anonymi[sz]ed|anonymisert|anonymiserte)"
    r" (?:\w+ ){0,2}?(?:names?|navn|navna|navnene|namna)\b(?!\s*(?:field|felt|column|kolonne))"
    r"(?![^.!?\n]*\b(?:because|fordi|sidan|siden|since|as it|as they|da det)\b)"
    r"|\b(?:names?|navn|navna|navnene|namna) (?:er|is|are|has been|have been|var|was|were) (?:\w+ |)"
    r"(?:blurred|sladdet|sladda|masked|redacted|blanked out|anonymi[sz]ed|anonymisert)\b"
    r"|\b(?:fjernet|fjerna|removed|hidden|skjult|cropped out|cropped|tatt bort|took out|taken out|took|taken"
    r"|tok|tatt)"
    r" (?:\w+ ){0,2}?(?:names?|navn|navna|navnene|namna)\b(?!\s*(?:field|felt|column|kolonne))"
    r" (?:\w+ ){0,3}?(?:fra|frå|from|in|i|på|on|of|out of|ut av|bort fra) (?:the |my |this |det |)"
    r"(?:skjermbild\w*|screenshot\w*"
    r"|screen shot\w*|bild\w*|vedlegg\w*|attachment\w*|image\w*|picture\w*)"
)
_NAMES = words(
    r"\b(?:kan (?:det |)stå|står (?:det |)|inneholder|contains?|includes?) (?:\w+ ){0,2}(?:names?|navn)\b"
    r"|\b(?:real |)employee names\b|\bnavn på (?:ansatte|de ansatte|personer|elever|pasienter)\b"
    r"|\bnavn og (?:fødselsdato|personnummer|fødselsnummer)\b|\bnames and (?:sick|health|dates of birth)"
    r"|\b(?:has|have|shows?|contains?|viser|har|inneholder|med|with) (?:the |)(?:full |)"
    r"(?:names?|navn|navnene)"
    r" (?:of|på|til) (?:my |our |the |a |an |dei |de |våre |)(?:[\w-]+ ){0,4}?"
    r"(?:staff|people|persons|patients"
    r"|residents|students|pupils|children|colleagues?|co-workers?|crew|employees?|workers|drivers|operators"
    r"|nurses|cleaners|technicians|users|members|participants|parents|teachers|ansatte|tilsette|kollega\w*"
    r"|pasient\w*|beboer\w*|elev\w*|barn\w*|sjåfør\w*|medarbeider\w*|bruker\w*|deltaker\w*|deltakar\w*"
    r"|konfirmant\w*|foreldr\w*|lærer\w*|lærar\w*|operatør\w*|montør\w*|sykepleier\w*|renholder\w*)\b"
    # names beside another personal detail: "navn og fraværsdager", "names and phone numbers of staff"
    r"|\b(?:navn|names)(?: og| and|,) (?:\w+ ){0,2}?(?:fødselsdato\w*|personnummer|fødselsnummer|fravær\w*"
    r"|birth ?dates?|addresses|adresser\w*"
    r"|sykefravær\w*|telefonnummer\w*|mobilnummer\w*|phone numbers?|dates? of birth"
    r"|injur\w*|sick\w*|diagnos\w*|health\w*)"
    r"|\b(?:staff|employee|worker|patient|pupil|student) names\b|\bansattnavn\b"
    # a screenshot or list that shows the people's names: "which shows their names and certificate numbers",
    # "hvor begge navn og fødselsnumrene synes" (not "shows no names", "shows the names of the folders")
    r"|\b(?:shows?|showing|viser|contains?|containing|inneholder) (?:their|his|her|both|both their|hans"
    r"|hennes|deira|deres|begge|begge deres) (?:full |)(?:names?|navn|navna|navnene)\b"
    r"|\b(?:navn|navna|navnene|names) (?:og|and) (?:\w+ ){0,2}?(?:fødselsnum\w*|personnum\w*)"
    # batch 7: a number or date that identifies a person, in what is sent ("lista inneholder passnummer og
    # fødselsdato", "the plans have the owners' names, ID numbers and addresses")
    r"|\b(?:has|have|contains?|includes?|shows?|inneholder|har|viser|står)\b"
    r"(?:(?!\b(?:no|not|ingen|ikke|ikkje|without|uten|removed|fjernet|field|felt|kolonne|column)\b)[^.?!\n]){0,40}?"
    r"\b(?:passnummer\w*|passport numbers?|fødselsnummer\w*|personnummer\w*|fødselsdato\w*|dates? of birth"
    r"|birth ?dates?|(?:employee|staff|national|personal) id(?:entity)?(?: numbers?|s)?|ansattnummer\w*"
    r"|social security numbers?)\b"
)


# Where the clause that names personal data is cut: a consequence (", så") or a reason ("siden").
_CLAUSE_CUT = re.compile(
    r",\s*(?:så|so|and so|derfor|therefore|thus)\b"
    # "This is containing sensitive personal information of our employees and we are not comfortable"
    r"|\s(?:and|og) (?:we|i|they|vi|jeg|eg|dei|de) (?:are|am|is|er|were|was|var)\b"
    # "dere får ikke logge inn, siden det ligger helseopplysninger der": the reason is a clause of its own
    r"|\b(?:siden|sidan|fordi|ettersom|because|as there|since there|since it)\b"
    r"|\bsida (?=(?:det|dei|de|vi|me|eg|han|ho|hun)\b)"
    # a predicate of its own after the term: "this is sensitive health information and should not be visible
    # to everyone", "det er helseopplysninger og skal ikke deles"
    r"|\s(?:and|og) (?:should|must|shall|cannot|can't|skal|bør|må|burde|skulle)\b"
)


# A yes or no said to the term right after it: "nei til personopplysninger", "no to personal data".
_CLAUSE_ENDS = re.compile(r"\s*(?:[.,;!]|$|og\b|and\b)")
# At a clause's start: not "brukerne som svarer nei til personopplysninger i appen".
_SAID_TO = re.compile(
    r"(?:^|[.,;:!\n]\s*|\b(?:og|and|men|but)\s+)(ja|nei|yes|no)\s+(?:til|to)\s+(?:the\s+|)$"
)


def personal_data(low: str) -> bool | None:
    """Whether handling the case involves personal data, as the customer states it (negations included)."""
    label = _PD_LABEL.search(low)
    if label:
        return label.group("v") in ("ja", "yes")
    verdict: bool | None = None
    if not _PD_TERM.search(low):
        return _names(low)  # no sentence can name it either (see `_sentences`)
    for start, sentence in sentences(low):
        for match in _PD_TERM.finditer(sentence):
            if "?" in sentence:
                continue  # a question about personal data states nothing
            clause = clause_before(sentence, match.start(), 80) + sentence[match.start() : match.end() + 40]
            clause = (
                CLAUSE_BREAK.split(clause)[0] if CLAUSE_BREAK.search(clause[len(clause) - 40 :]) else clause
            )
            # "Det er helseopplysninger der, så dere kan ikke logge inn": the part of the clause that names
            # the personal data, up to or from a ", så" ("..., så ja, saken vil involvere personopplysninger")
            at = len(clause_before(sentence, match.start(), 80))
            cuts = [m for m in _CLAUSE_CUT.finditer(clause)]
            start_at = max((m.end() for m in cuts if m.end() <= at), default=0)
            end_at = min((m.start() for m in cuts if m.start() >= at), default=len(clause))
            clause = clause[start_at:end_at]
            # only where nothing follows the term in its clause ("nei til personopplysninger i loggen, men
            # rapporten har navn" says more)
            said_to = (
                _SAID_TO.search(sentence[: match.start()])
                if _CLAUSE_ENDS.match(sentence, match.end())
                else None
            )
            if said_to:
                # "ja til pålogging, nei til personopplysninger": the verdict said to the term itself
                verdict = said_to.group(1) in ("ja", "yes")
            elif NEGATOR.search(clause):
                verdict = False
            elif _PD_STATEMENT.search(clause):
                verdict = True
            del start
            break
    # "If I send it, what is the safe way, because it is personal information?" asks; the names and birth
    # dates in the file it speaks of still say it
    return verdict if verdict is not None else _names(low)


# Every phrase of `_NO_NAMES` and `_NAMES` has one of these: a text without any is read faster.
_NAME_WORDS = (
    "name",
    "navn",
    "data",
    "ekte",
    "virkelige",
    "real",
    "actual",
    "person",
    "people",
    "mennesk",
    "nummer",
    "number",
    "dato",
    "birth",
    "employee id",
    "sensitiv",
)


def _names(low: str) -> bool | None:
    """Personal data as names: "no names" in what is sent, or names of staff in it (see `_NAMES`); where
    a text says both ("the screenshots show no names, but the records have employee names"), the last
    statement wins, as it does for the other yes/no answers."""
    if not any(word in low for word in _NAME_WORDS):
        return None
    last: tuple[int, bool] | None = None
    for match in _NO_NAMES.finditer(low):
        last = (match.start(), False)
    for match in _NAMES.finditer(low):
        if not negated(low, match.start(), match.end()) and (last is None or match.start() > last[0]):
            last = (match.start(), True)
    return None if last is None else last[1]
