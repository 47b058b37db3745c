"""What kind of case a description is (the portal's "type") and how urgent (its "priority").

Both are None without a cue: the case then takes the portal's defaults (see `Fields.with_portal_defaults`).
"""

from __future__ import annotations

import re

from parsers.fields import CaseType, Priority
from parsers.reading import type_model
from parsers.reading.text import negated, words

__all__ = ["case_type", "combine", "priority", "rule_type"]

_TYPE_CUES: tuple[tuple[CaseType, int, re.Pattern[str]], ...] = (
    (
        "agreement_change",
        4,
        words(
            r"\bavtaleendring\w*|\bendr\w* (?:av |i |på )?(?:vår |våre |selve |)(?:avtale[nr]?"
            r"|abonnement\w*|lisensavtale\w*)\b"
            r"|\b(?:si|sier|sagt) opp\b|\boppsigelse\w*|\b(?:avslutte|terminere|nedgradere|oppgradere"
            r"|forlenge|fornye)"
            r" (?:vår |våre |)(?:avtale\w*|abonnement\w*|lisens\w*|kontrakt\w*)"
            r"|\bredusere (?:antall |)lisens\w*|\bfærre lisens\w*|\bfakturaadresse\w*|\bfakturamottaker\w*"
            r"|\bny kontaktperson for avtale\w*|\bagreement change\b|\bchange (?:to |of |in )?(?:our |the )?"
            r"(?:agreement|subscription|contract|plan|licen[cs]e agreement)\b|\bcancel (?:our |the |my )?"
            r"(?:subscription|agreement|contract|licen[cs]es?|account)\b|\bterminate (?:our |the )?"
            r"(?:agreement|subscription|contract)\b|\b(?:downgrade|upgrade) (?:our |the |to )"
            r"|\breduce (?:the number of |our )?licen[cs]es\b|\bbilling address\b|\binvoice address\b"
            r"|\brenew(?:al of)? (?:our |the )?(?:agreement|contract|subscription)\b"
        ),
    ),
    (
        "order",
        3,
        words(
            r"\bbestill\w*|\bordre\b|\bkjøpe\b|\bønsker å (?:kjøpe|ta i bruk|få tilgang til)\b"
            r"|\bpristilbud\w*"
            r"|\btilbud på\b|\bflere lisens\w*|\bekstra lisens\w*|\bnye lisens\w*"
            r"|\baktiver\w* (?:modul\w*|\w+modul\w*)|\bnytt? (?:modul|instans)\w*|\bplace an order\b"
            r"|\bwe(?:'d| would) like to (?:order|buy|purchase)\b|\border(?:ing)? (?:\d+|more|additional"
            r"|extra|new|the)\b"
            r"|\bpurchase\w*|\bbuy\b|\bquote for\b|\bprice quote\b|\bactivate the \w+ module\b"
            r"|\bnew instance\b"
        ),
    ),
    (
        "order",
        3,
        words(
            r"\b(?:\d+|to|tre|fire|fem|ti) (?:nye |ekstra |flere |)lisens\w*"
            r"|\b(?:\d+|more|additional|extra|new) licen[cs]es?\b",
        ),
    ),
    (
        "improvement",
        3,
        words(
            r"\bforbedringsforslag\w*|\bforslag\w*|\bforeslå\w*|\bønske om\b|\bønsker oss\b|\bsavner\b"
            r"|\b(?:hadde|ville) (?:det |)(?:vært|være) (?:fint|flott|bra|nyttig|praktisk|kjekt|ønskelig"
            r"|supert)"
            r"|\bkunne dere (?:lagt|lage|laget|fått|legge|gjøre|gjort)\b|\bny(?:e)? funksjon\w*"
            r"|\bforbedring\w*"
            r"|\bfeature request\b|\bsuggestion\w*|\bsuggest\w*|\bwould (?:be|love) (?:nice|great|helpful"
            r"|useful|"
            r"good|handy)\b|\bit would be (?:nice|great|helpful|useful|good)\b|\bcould you (?:add|make"
            r"|consider)\b"
            r"|\bnew feature\b|\benhancement\w*|\bimprovement\w*|\bwe miss\b|\bwish(?:list)?\b"
        ),
    ),
    (
        "bug",
        3,
        words(
            r"\bfeilmelding\w*|\bfungerer (?:ikke|dårlig)\b|\bvirker ikke\b|\bfunker ikke\b|\bkrasj\w*"
            r"|\bbug\w*|\berror\w*|\bnot working\b|\bdoes(?:n't| not) work\b|\bis(?:n't| not) working\b"
            r"|\bcrash\w*|\bbroken\b|\bødelagt\b|\b(?:blank|hvit|tom) (?:side|skjerm)\b|\bwhite screen\b"
            r"|\bblank page\b"
            r"|\bhenger\b|\bfryser\b|\bfrozen\b|\bfreez\w*|\blaster ikke\b|\bwon't load\b|\bvises ikke\b"
            r"|\bkommer ikke opp\b|\bnot (?:showing|loading|saving)\b|\bforsvunnet\b|\bdisappeared\b"
            r"|\bteknisk feil\b|\btimeout\b|\btidsavbrudd\b|\bhttp (?:500|502|503|404)\b|\b(?:500|502|503"
            r"|404)\b"
            r"|\btimes? out\b|\btimed out\b"
            r"|\bforsvinner\b|\bforsvant\b|\b(?:er|blitt|ble) borte\b|\bvanish\w*|\bdisappear\w*"
            r"|\b(?:er|ligger) nede\b|\b(?:is|went|are) (?:\w+ |)down\b|\boutage\b"
        ),
    ),
    (
        "bug",
        1,
        words(
            r"\bfeil\b|\bfeilen\b|\bproblem\w*|\bissue\b|\bgår ikke\b|\bfår ikke\b|\bkan ikke\b"
            r"|\bklarer ikke\b"
            r"|\blar seg ikke\b|\bcannot\b|\bcan't\b|\bunable to\b|\bstopped working\b"
            r"|\bslutte\w* å fungere\b"
            r"|\bwrong\b|\bincorrect\b|\bmangler\b|\bmissing\b|\blar (?:\w+ |)seg ikke\b"
            r"|\bmist(?:er|et)\b|\blost\b|\bdobbelt\b|\bduplikat\w*|\bduplicate\w*|\bser rar\w* ut\b"
            r"|\bvises feil\b"
            r"|\blooks (?:wrong|weird|strange|odd|broken)\b|\bnot \w+ing\b|\b(?:is|are|was|were) not \w+ed\b"
            r"|\b(?:isn't|aren't|wasn't|weren't) \w+ed\b|\bno longer exists?\b|\bfinnes ikke(?: lenger|)\b"
            r"|\bfailed\b|\bfails\b|\bfeilet\b|\bmislykte?s\b|\bdoes(?:n't| not) exist\b|\bblank\b"
            r"|\bgreyed out\b|\ber grå\b|\bikke finnes\b|\bkommer ikke\b"
        ),
    ),
    (
        "bug",
        1,
        # Norwegian passive with a negation ("lagres ikke", "lukkes ikke", "vises ikke") is a symptom.
        words(r"\b\w{3,}es ikke\b"),
    ),
    (
        "support",
        2,
        words(
            r"\bhvordan\b|\bhvor (?:finner|kan|ligger)\b|\ber det mulig\b|\bspørsmål\w*|\blurer på\b"
            r"|\bhjelp til\b"
            r"|\bhow (?:do|can|to|should)\b|\bwhere (?:do|can|is)\b|\bis (?:it|there a way) possible\b"
            r"|\bquestion\w*"
            r"|\bwondering\b|\bhelp with\b|\bguidance\b|\bveiledning\b|\bfinner ikke (?:hvor|ut|knappen"
            r"|menyen|valget)\b"
            r"|\bcan(?:'t|not) find\b|\bcould(?:n't| not) find\b"
        ),
    ),
)
# Kinds the cues above miss, each its own family, so that a rule can be read against the labels.
_MORE_CUES: tuple[tuple[CaseType, int, re.Pattern[str]], ...] = (
    (
        # Ending, shrinking or growing the agreement itself, in the customer's words.
        "agreement_change",
        4,
        words(
            r"\b(?:end|terminate|cancel|discontinue|downgrade|upgrade) (?:our|the|my) "
            r"(?:subscription|agreement|contract|plan|package)\b|\bscale (?:back|down)\b"
            r"|\breduce from \d+ to \d+\b"
            r"|\b(?:add|remove) \d+ (?:more |)users? (?:to|from) (?:our|the) "
            r"(?:plan|agreement|subscription)\b"
            r"|\bformal notice\b|\bnotice of termination\b"
            r"|\b(?:nedgrader|oppgrader)\w* (?:avtale\w*|abonnement\w*"
            r"|pakke\w*)|\bgå ned (?:til|fra) \d+ (?:brukere|lisenser)\b"
        ),
    ),
    (
        # More users or licences, bought outright.
        "order",
        3,
        words(
            r"\b\d+ (?:more|new|extra|additional) (?:user |)(?:licen[cs]es?|users)\b"
            r"(?! (?:to|from) (?:our|the) plan)"
            r"|\butvide med \d+\b|\b\d+ (?:nye |ekstra |)brukere? til\b"
        ),
    ),
    (
        # An idea, in nynorsk and as a wish for what the system could do.
        "improvement",
        3,
        words(
            r"\b(?:hadde|ville) (?:det |)vore (?:fint|flott|bra|nyttig|praktisk|kjekt)\b|\bframlegg\w*"
            r"|\bville spart oss\b|\bom (?:systemet|landax|programmet) kunne\b|\bwould save us\b"
            r"|\blet us (?:copy|add|set|choose|export|import|move|have)\b"
        ),
    ),
    (
        # A symptom written without "feil" or "error": what the screen shows, or does not.
        "bug",
        3,
        words(
            r"\b(?:svart|black) (?:skjerm|screen)\b|\bcuts? off\b|\b(?:is|are|gets?) cut\b|\bkutter av\b"
            r"|\bnullstil\w*|\bforsvinn\b|\brotated\b|\bingen treff\b|\bno (?:results|hits)\b"
            r"|\b(?:er|blir|ble) (?:helt |)tom(?:t|me|)\b|\bvise[rs] ingen\b|\bshows? (?:no|nothing)\b"
            r"|\bkjem ikkje\b|\bkommer (?:den |det |de |)ikke (?:inn|opp|fram|frem)\b"
            r"|\b(?:doesn't|does not|doesnt|dosent|won't|wont|will not|didn't|did not|don't|do not) (?:\w+ |)"
            r"(?:save|open|load|show|sync|upload|send|appear|update|print)\w*"
            r"|\blåst for (?:redigering|endring)\b|\blocked for editing\b|\bknappen gjer ingenting\b"
            r"|\b(?:gjør|gjer|does) (?:ingenting|nothing)\b"
            r"|\bfryser\b|\bfreezes\b|\bblir (?:bare|berre) (?:de|dei) \w+ (?:første |)\w*\s?lagr\w*"
        ),
    ),
    (
        "bug",
        1,
        words(
            r"\bstill (?:see|sees|shows?)\b|\bikke fått\b|\bnot (?:received|getting)\b|\bav seg selv\b"
            # Norwegian puts the subject between verb and negation: "får vi ikke åpnet", "kan eg ikkje"
            r"|\b(?:får|kan|klarer|fikk|kunne) (?:vi|jeg|eg|me|de|dei|han|hun|ho) ikke\b"
            r"|\bfår ikkje\b|\bikkje lagra\b|\bempty\b|\blar seg ikkje\b"
        ),
    ),
    (
        # A question about how to do something, or whether a setting exists.
        "support",
        2,
        words(
            r"\bis there (?:a|an|any) (?:\w+ ){0,2}(?:setting|option|way|template)\b|\bplease advise\b"
            r"|\bkorleis\b"
            r"|\bkva (?:gjer|skal|må)\b"
        ),
    ),
)
_TYPE_PRECEDENCE: tuple[CaseType, ...] = ("agreement_change", "order", "improvement", "bug", "support")
_IN_ORDER_TO = re.compile(r"\b(?:in order to|in order for|out of order)\b")


def case_type(subject_low: str, low: str) -> CaseType | None:
    """What kind of case a lowercased subject and description are: the rules and the model combined (see
    `combine`); None when neither reads a type, and the case takes the portal's default."""
    rules = rule_type(subject_low, low)
    if rules in _EXPLICIT:
        return rules
    return combine(rules, type_model.predict(subject_low, low))


# Types the rules only read from explicit wording (an order, a change of the agreement, an idea).
_EXPLICIT: frozenset[CaseType | None] = frozenset({"agreement_change", "order", "improvement"})
_CONFIDENT = 0.6  # the model's probability from which it overrules the rules (chosen by cross-validation)


def combine(rules: CaseType | None, prediction: type_model.Prediction | None) -> CaseType | None:
    """The type from the rules' answer and the model's: the rules' when they read an order, an agreement
    change or an idea (explicit wording they rarely misread), else the model's when it is confident (a
    symptom the rules have no word for, a question, a request they miss), else the rules'. Measured by
    `bench/train_type_model.py --evaluate`."""
    if rules in _EXPLICIT or prediction is None or prediction.probability < _CONFIDENT:
        return rules
    return prediction.kind


def rule_type(subject_low: str, low: str) -> CaseType | None:
    """The type whose cues weigh most, the subject counting double; None without cues."""
    scores: dict[CaseType, int] = dict.fromkeys(_TYPE_PRECEDENCE, 0)
    subject_low = _IN_ORDER_TO.sub(" ", subject_low)
    low = _IN_ORDER_TO.sub(" ", low)
    for kind, weight, pattern in _TYPE_CUES + _MORE_CUES:
        scores[kind] += 2 * weight * len(pattern.findall(subject_low))
        scores[kind] += weight * min(3, len(pattern.findall(low)))
    best = max(scores.values())
    if best == 0:
        return None
    return next(t for t in _TYPE_PRECEDENCE if scores[t] == best)


_PRIORITY_LABEL = words(
    r"\b(?:prioritet|priority)\s*[:=-]\s*(kritisk|critical|høy|hoy|high|urgent|normal|medium|middels|lav"
    r"|low)\b"
)
# A subject that opens with the urgency ("HASTER: …", "Critical - …") is the customer's own label.
_SUBJECT_PRIORITY = re.compile(r"^\W*(kritisk|critical|haster|hastesak|urgent|viktig|important|asap)\b")
_LOW = words(
    r"\bikke (?:så |noe |spesielt |veldig |)(?:viktig|kritisk|presserende|akutt)\b|\bhaster ikke\b"
    r"|\bingen hast\b"
    r"|\bikke (?:noe |)(?:hast|hastverk)\b|\bikke noe som haster\b|\bnår (?:dere|du) (?:har|får) tid\b"
    r"|\blav(?:ere)? prioritet\b|\bikke (?:en |)hastesak\b|\bnot (?:very |really |so |that |)(?:urgent"
    r"|critical|pressing)\b"
    r"|\bno (?:rush|hurry)\b|\blow(?:er)? priority\b|\bwhen(?:ever)? you (?:have|get) (?:the |some |)time\b"
    r"|\bnothing urgent\b|\bnot a priority\b|\bin no hurry\b"
)
_CRITICAL = words(
    r"\b(?:systemet|landax|løsningen|siden|nettsiden|tjenesten|appen|alt|hele systemet|instansen)"
    r" (?:er|ligger) (?:helt |totalt |fullstendig |)nede\b|\bnede for alle\b"
    r"|\bingen (?:av (?:oss|brukerne|våre brukere|de ansatte) |)(?:kan|får|klarer|kommer) (?:\w+ |)(?:jobbe"
    r"|arbeide|"
    r"logge|logget|brukt|bruke|gjort|gjøre|inn|jobbet)\b|\bingen får (?:logget|jobbet|gjort)\b"
    r"|\bingen kommer inn\b"
    r"|\bstår (?:helt |)stille\b|\b(?:er|dette er|saken er) (?:svært |veldig |)kritisk(?=\s*(?:[.,!]|$"
    r"|for\b))|\bkritisk (?:feil|sak|problem)\b"
    r"|\b(?:system|site|service|platform|landax|app|everything|instance|application) (?:is|went|has gone) "
    r"(?:completely |totally |)down\b|\b(?:nobody|no one|none of us|none of our users) (?:can|is able to) "
    r"(?:\w+ |)(?:work|log|use|access|get)\b|\bproduction (?:is |has |)(?:stopped|down)\b|\boutage\b"
    r"|\b(?:this|it) is critical\b|\bcritical (?:issue|bug|error|problem)\b|\bcompletely down\b"
    r"|\b(?:stopper|stanser|stoppar|stops|halts|is stopping|has stopped) (?:hele |all |our |)"
    r"(?:produksjonen|production|driften|operations)\b"
)
_HIGH = words(
    r"\bhaster\b|\bhastesak\b|\bhaste\w*\b|\burgent\w*|\basap\b|\bsnarest\b|\bså (?:fort|raskt"
    r"|snart) som mulig\b"
    r"|\bas soon as possible\b|\bhøy prioritet\b|\bhigh priority\b|\b(?:veldig|svært|særdeles) viktig\b"
    r"|\bvery important\b|\btime[- ]critical\b|\bhaste\b"
    r"|\b(?:fixed|solved|sorted) (?:quickly|fast|soon|asap|today)\b"
    r"|\b(?:må|bør) (?:fikses|løses|rettes) (?:raskt|fort|snart|i dag)\b"
    r"|\bprioriter\w* (?:dette|denne|saken)\b|\bplease priori[tz]i[sz]e\b"
)


def priority(subject_low: str, low: str) -> Priority | None:
    both = f"{subject_low}\n{low}"
    label = _PRIORITY_LABEL.search(both)
    if label:
        value = label.group(1)
        if value in ("kritisk", "critical"):
            return "critical"
        if value in ("høy", "hoy", "hoey", "high", "urgent"):
            return "high"
        return "low" if value in ("lav", "low") else "normal"
    for match in _CRITICAL.finditer(both):
        if not negated(both, match.start(), match.end()):
            return "critical"
    opening = _SUBJECT_PRIORITY.match(subject_low)
    if opening:
        return "critical" if opening.group(1) in ("kritisk", "critical") else "high"
    if _LOW.search(both):
        return "low"
    for match in _HIGH.finditer(both):
        if not negated(both, match.start(), match.end()):
            return "high"
    return None
