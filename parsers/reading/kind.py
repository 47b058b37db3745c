"""What kind of case a description is (the portal's "type") and how urgent (its "priority").

Both are None without a cue: the case then takes the portal's defaults (see `Fields.with_portal_defaults`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from parsers.fields import CaseType, Priority
from parsers.reading import type_model
from parsers.reading.text import negated, words

__all__ = ["case_type", "combine", "priority", "rule_type"]


class _Needs:
    """A cue family every phrase of which has one of `needed` (lowercase, as typed): a text without any of
    them is not scanned, which spares most mail most of these expressions. Keep `needed` in step with the
    phrases."""

    def __init__(self, needed: tuple[str, ...], pattern: re.Pattern[str]) -> None:
        self.needed = needed
        self.pattern = pattern

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The pattern's matches in `text`, or none without a needed word."""
        if any(word in text for word in self.needed):
            yield from self.pattern.finditer(text)


_Cues = tuple[tuple[CaseType, int, re.Pattern[str] | _Needs], ...]
_TYPE_CUES: _Cues = (
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
        _Needs(
            ("lisens", "licen"),
            words(
                r"\b(?:\d+|to|tre|fire|fem|ti) (?:nye |ekstra |flere |)lisens\w*"
                r"|\b(?:\d+|more|additional|extra|new) licen[cs]es?\b",
            ),
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
            r"|\bfeature request\b|\bsuggestion\w*|\bsuggest\w*|\bwould love (?:nice|great|helpful|useful"
            r"|good"
            r"|handy)\b|\bit would be (?:nice|great|helpful|useful|good)\b|\bcould you (?:add|make"
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
            # nynorsk and dialect: "appen frys", "heng seg opp", "krasjar"
            r"|\bfrys\b|\bfraus\b|\bheng seg opp\b|\bhengjer\b"
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
        _Needs(("es ikk", "es itte", "es itj", "es ittj"), words(r"\b\w{3,}es ikke\b")),
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
_MORE_CUES: _Cues = (
    (
        # Ending, shrinking or growing the agreement itself, in the customer's words.
        "agreement_change",
        4,
        _Needs(
            (
                "subscription",
                "agreement",
                "contract",
                "plan",
                "package",
                "scale",
                "reduce",
                "notice",
                "grader",
                "ned til",
                "ned fra",
            ),
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
        _Needs(
            ("vore", "framlegg", "ville spart", "kunne", "would save", "let us"),
            words(
                r"\b(?:hadde|ville) (?:det |)vore (?:fint|flott|bra|nyttig|praktisk|kjekt)\b|\bframlegg\w*"
                r"|\bville spart oss\b|\bom (?:systemet|landax|programmet) kunne\b|\bwould save us\b"
                r"|\blet us (?:copy|add|set|choose|export|import|move|have)\b"
            ),
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
        _Needs(
            ("is there", "please advise", "korleis", "kva "),
            words(
                r"\bis there (?:a|an|any) (?:\w+ ){0,2}(?:setting|option|way|template)\b|\bplease advise\b"
                r"|\bkorleis\b"
                r"|\bkva (?:gjer|skal|må)\b"
            ),
        ),
    ),
)
# Everyday wordings of each kind, as people write who never saw the lists above (issue 15): what the
# screen does, a regression ("used to", "ikke lenger"), a wish, a change to what the agreement covers.
_EVERYDAY_CUES: _Cues = (
    (
        "bug",
        3,
        words(
            r"\b(?:skjer|skjedde) (?:det |)(?:ingenting|ingen ting)\b|\bingenting skjer\b"
            r"|\bnothing (?:happens|happened|responds|works|loads|shows)\b"
            r"|\b(?:gikk|går|gjekk|gjeng) galt\b|\b(?:went|goes|gone|going) wrong\b"
            r"|\b(?:kastet|kastes|kasta|hives|hivd) ut\b|\b(?:blir|ble|vert|vart) (?:\w+ |)(?:logget|logga"
            r"|logd) ut\b"
            r"|\blogges ut\b|\b(?:get|gets|got|getting|been|being|keep getting) (?:\w+ |)(?:logged|kicked"
            r"|thrown) out\b"
            r"|\bspin(?:s|ning)?\b|\bsnurr\w*|\bstår og laster\b|\bi evigheter\b|\b(?:takes|took"
            r"|loads) forever\b"
            r"|\bnever (?:loads|load|arrives?|arrived|shows? up|showed up|appears?|appeared|finish\w*"
            r"|complete\w*"
            r"|comes?|came|gets? sent|saves?)\b"
            r"|\bstemmer ikke\b|\bikke stemmer\b|\b(?:doesn't|does not|don't|do not|didn't) (?:add up|match"
            r"|tally)\b"
            r"|\bmismatch\w*|\bout of sync\b"
            r"|\b(?:ikke|ikkje) (?:\w+ ){0,2}lenger\b(?! (?:jobber|arbeider|ansatt|er ansatt|trenger"
            r"|har behov|bruker))"
            r"|\bno longer\b(?! (?:works? (?:here|for|at|with)|employed|with us|needs?|need|in use|uses?"
            r"|used))"
            r"|\b(?:lukker|lukka|avslutter|slår) seg (?:selv|sjølv|av|ned)\b"
            r"|\b(?:shuts?|closes?|closed|shut|quits?) (?:itself |)(?:down|by itself|itself)\b"
            r"|\baccess denied\b|\bpermission denied\b|\bingen tilgang\b|\bunauthori[sz]ed\b"
            r"|\bforskj[øo]v\w*|\b(?:shifted|off) by (?:one|an?|\d+) (?:day|hour)s?\b"
            r"|\b(?:one|an|a|\d+) (?:day|hour)s? (?:behind|ahead|off|too early|too late)\b"
            r"|\b(?:en|ein|ei|én|\d+) (?:dag|time|timer|dagar|dager) (?:for tidlig|for seint|for sent|bak"
            r"|feil)\b"
            r"|\b(?:won't|wont|will not|doesn't|does not|didn't|did not) let (?:me|us|them|him|her|you)\b"
            r"|\blar (?:meg|oss|dei|de|dem|han|ho|henne) (?:ikke|ikkje)\b|\b(?:vil|ville) (?:ikke|ikkje) "
            r"(?:starte|åpne|opne|lagre|laste|synkronisere|sende|vise|virke|fungere|lukke|oppdatere|slette"
            r"|la)\b"
            r"|\bgarbled\b|\b(?:rare|merkelige|strange|weird|odd|funny|wrong) (?:tegn|characters|symbols)\b"
            r"|\b(?:sent|sends|send|shows?|shown|appears?|listed|comes?|created|registered|sendes|sendt"
            r"|vises|kommer"
            r"|registreres|registrert|opprettes|opprettet|ligger) (?:\w+ |)(?:twice|double|two times"
            r"|to ganger"
            r"|dobbelt)\b|\bdobbelt opp\b"
            r"|\bsvarer (?:ikke|ikkje)\b|\breagerer (?:ikke|ikkje)\b|\bnot respond\w*|\bunresponsive\b"
            r"|\b(?:doesn't|does not|don't|do not|won't|wont|will not|didn't|did not|can't|cannot) (?:\w+ |)"
            r"(?:respond|react|work(?! here| for| at| there| with us)|start|close|submit|sign|export|import"
            r"|arrive|display|refresh|finish|complete"
            r"|calculate|count|connect|log (?:in|on)|come through|go through)\w*"
            r"|\b(?:screen|page|window|skjermen|siden|sida|bildet) (?:goes|turns|went|turned|blir|ble|går"
            r"|gikk|vert"
            r"|vart) (?:\w+ |)(?:white|black|blank|grey|gray|hvit|kvit|svart|grå|tom|blank)\b"
            r"|\bused to (?:work|show|be able|display|load|appear|get|receive|send|come|list|include)\b"
            r"|\b(?:fungerte|virket|funket|funka|verka|gjekk) (?:fint |bra |greit |helt fint |)(?:før"
            r"|tidlegare"
            r"|tidligere|til|fram til|frem til|helt til|inntil)\b|\bpleide (?:å|og) (?:virke|fungere|vise"
            r"|komme"
            r"|funke|gå)\b|\btidligere (?:fikk|kom|virket|fungerte|viste|kunne) (?:vi|jeg|eg|me|den|det|de)\b"
            r"|\bworked (?:fine |well |perfectly |)(?:until|before|last|yesterday"
            r"|in \w+ember"
            r"|in october|earlier)\b"
            r"|\bhvordan (?:løser|fikser|retter) (?:vi|jeg|man|eg|me) (?:dette|det|problemet|feilen)\b"
            r"|\bhow (?:do|can|should) (?:we|i) (?:fix|solve|resolve|get around|work around) (?:this|it"
            r"|that)\b"
            r"|\bwork-?arounds?\b|\bomgå\w*"
            r"|\b(?:lagres|vises|åpnes|opnast|sendes|sendast|lastes|oppdateres|synkroniseres|synkes|lukkes"
            r"|godkjennes|signeres|genereres|importeres|eksporteres|printes|registreres|lagrast|visast"
            r"|lagrest"
            r"|kommer|kjem) (?:\w+ |)(?:ikke|ikkje)(?: (?:inn|opp|fram|frem|ut|med|riktig|rett))?\b"
        ),
    ),
    (
        # "can't use the reports anymore": a phrase that only its end tells, so it stays a small expression
        "bug",
        3,
        _Needs(
            ("more",),
            words(
                r"\b\w+n't (?!work (?:here|for|at|with)\b)(?:\w+ ){0,3}any ?more\b"
                r"|\bnot (?!work (?:here|for|at|with)\b)(?:\w+ ){0,3}any ?more\b"
            ),
        ),
    ),
    (
        "bug",
        2,
        words(
            r"\bplutselig\w*|\bbrått\b|\bsuddenly\b|\ball of a sudden\b|\b(?:is|are|was|were) (?:all |now "
            r"|)gone\b"
            r"|\b(?:får|fikk|fått|kommer|dukker opp|get|gets|got|getting|pops up|popped up) (?:\w+ ){0,3}"
            r"(?:melding|meldinga|meldingen|message|beskjed|warning|advarsel|popup|pop-up)\b"
            r"|\btar (?:over |nesten |ca\.? |omtrent |)(?:\d+|ett|et|en|to|tre|fem|ti) (?:minutt|minutter"
            r"|sekund"
            r"|sekunder)\b|\btakes? (?:over |about |nearly |almost |)(?:\d+|a|one|two|three|five"
            r"|ten) (?:minutes?"
            r"|seconds?)\b|\bborte fra\b"
        ),
    ),
    (
        "bug",
        1,
        _Needs(
            ("oppdatering", "oppgradering", "update", "upgrade", "release", "access", "tilgang"),
            words(
                r"\b(?:etter|siden|since|after) (?:den |the |)(?:siste |latest |last |recent |nye |new |)"
                r"(?:oppdatering\w*|oppgradering\w*|update|upgrade|release)\b|\bno access\b"
                r"|\bhar ikke tilgang\b"
            ),
        ),
    ),
    (
        # What the customer sees contradicts what they know, or works elsewhere: "shows 0 % although we
        # registered plenty", "older attachments open fine", "mens resten ser dem fint".
        "bug",
        3,
        words(
            r"\b(?:other|older|newer|the other|the rest of the|resten av|andre|de andre|dei andre|eldre"
            r"|nyere)\s+"
            r"(?:\w+\s+){0,2}?(?:work|works|open|opens|look|looks|load|loads|show|shows|ser|fungerer|virker"
            r"|går"
            r"|opnar|åpnes|vises)\s+(?:\w+\s+)?(?:fine|ok|okay|normal|normally|correct|right|riktig|riktige"
            r"|rett"
            r"|bra|fint|greit|normalt)\b"
            r"|\b(?:mens|while|whereas) (?:resten|the rest|de andre|dei andre|others|the others|everyone else"
            r"|alle andre) (?:\w+ ){0,3}(?:fint|fine|ok|okay|normalt|normally|riktig|correctly)\b"
            r"|\b(?:tar|tek) (?:ikke|ikkje) (?:imot|i mot)\b|\b(?:ikke|ikkje) (?:tar|tek) (?:imot|i mot)\b"
            r"|\b(?:doesn't|does not|won't|will not|didn't|did not) accept\b|\brefuses? to\b"
        ),
    ),
    (
        "bug",
        2,
        words(
            r"\b(?:viser|shows?|står|says|displays?)\s+(?:as\s+|som\s+)?0\b"
            r"|\b(?:viser|shows?|står (?:som|det)|says|displays?|counts?)\b(?:[^.!?\n]"
            r"|\.(?=\w)){0,80}\b(?:selv om"
            r"|men (?:vi|han"
            r"|hun|ho|det|den|de|dei|eg|jeg)|but (?:we|he|she|it|they|i)|even though|although)\b"
        ),
    ),
    (
        # A module taken off the agreement, the end of the term.
        "agreement_change",
        4,
        _Needs(
            ("module", "end of", "current"),
            words(
                r"\bcancel (?:the |our |)\w+ module\b|\bsi opp (?:\w+modulen|modulen|\w+ modulen)\b"
                r"|\bend of (?:our |the |)(?:current |)(?:term|contract|period|subscription|agreement)\b"
                r"|\bcurrent (?:term|contract period)\b"
            ),
        ),
    ),
    (
        # Licences or users put on the agreement change the agreement, whatever purchase words surround
        # them ("trenger fem lisenser til på avtalen vår", "add 15 users to our plan"): it outweighs them.
        "agreement_change",
        9,
        _Needs(
            ("avtale", "our "),
            words(
                r"\b(?:lisens\w*|brukere|brukarar|users|licen[cs]es|seats) (?:\w+ ){0,2}(?:på|til|i|to|on) "
                r"(?:avtalen|vår avtale|our (?:agreement|plan|subscription|contract))\b"
            ),
        ),
    ),
    (
        "support",
        2,
        _Needs(
            ("?",),
            words(
                r"\b(?:can|could) (?:we|they|i) (?:have|get|set up|use|make|create|add|choose)\b"
                r"[^.!\n]{0,160}\?"
            ),
        ),
    ),
    (
        "agreement_change",
        4,
        words(
            r"\bfra \d+ til \d+ (?:brukere|brukarar|lisenser|lisensar)\b|\bfrom \d+ (?:users |licen[cs]es "
            r"|)to \d+"
            r" (?:users|licen[cs]es|seats)\b"
            r"|\b(?:redusere|reduser|reduce|lower|decrease|minske|færre|fewer|cut)\w* (?:\w+ ){0,3}"
            r"(?:brukere|brukarar|lisens\w*|users|licen[cs]es|seats)\b"
            r"|\b(?:trenger|treng) (?:bare|berre|kun) \d+ (?:brukere|brukarar|lisens\w*)\b"
            r"|\bonly need \d+ (?:users|licen[cs]es|seats)\b"
            r"|\b(?:årlig|månedlig|kvartalsvis|årleg|månadleg|annual|yearly|monthly|quarterly) (?:fakturering"
            r"|faktura|betaling|billing|invoicing|invoice|payment)\b|\bfaktureringsintervall\w*"
            r"|\bbilling (?:cycle|period|frequency)\b|\bved (?:neste |)fornyelse\w*|\bat (?:the |our "
            r"|)(?:next "
            r"|)renewal\b|\bavtaleperiode\w*|\bbindingstid\w*|\bcontract period\b"
            r"|\bfirmanavn\w*|\bselskapsnavn\w*|\bcompany name\b|\bnytt organisasjonsnummer\b"
            r"|\bnew organi[sz]ation number\b|\bfusjon\w*|\bmerger\b|\bmerged with\b"
        ),
    ),
    (
        "improvement",
        3,
        words(
            # "It would be great if…", not "any pointers would be great"
            r"\b(?:it|this|that|which|something|a \w+|an \w+) (?:would|could|'d) be (?:\w+ ){0,2}(?:nice"
            r"|great"
            r"|helpful|useful|good|handy|brilliant|fantastic|practical|valuable|awesome|ideal|easier|better"
            r"|lovely)\b"
            r"|\b(?:would|could) be (?:\w+ ){0,2}(?:nice|great|helpful|useful|good|handy|brilliant"
            r"|fantastic"
            r"|practical|valuable|awesome|ideal|easier|better|lovely) (?:if|to|for|when)\b"
            r"|\bit'd be (?:nice|great|useful|helpful|good)\b|\bwould(?<![\w,] would)(?<!\wwould) be (?:\w+ "
            r"|)(?:nice"
            r"|great"
            r"|helpful|useful|good|brilliant|fantastic|awesome|lovely)\b"
            r"|\b(?:kan|kunne) (?:vi|dere) få (?:lagt (?:inn|til) (?:en|et|ei)|laget (?:en|et|ei)|en ny"
            r"|et nytt|ei ny)\b"
            r"|\b(?:could|can) (?:you|we) (?:get|have) (?:a|an) (?:new |)\w+ (?:added|column|field|option"
            r"|button)\b"
            r"|\b(?:kunne|hadde) tenkt (?:oss|meg)\b|\bskulle gjerne hatt\b|\b(?:er det|is that) (?:noe"
            r"|something)"
            r" (?:dere vurderer|you(?:'d| would)? consider)\b|\bwould you consider\b"
            r"|\b(?:hadde|ville|kunne) (?:det |)(?:vært|være|vore) (?:\w+ |)(?:fint|flott|bra|nyttig"
            r"|praktisk|kjekt"
            r"|ønskelig|supert|enklere|lettere|bedre|gull|topp)\b"
            r"|\b(?:hadde|ville|kunne) (?:det |)(?:vært|være|vore) mulig å (?:få|kunne|legge|lage|velge)\b"
            r"|\bidea(?<!\bno idea)(?<!\bany idea)(?<!\ban idea)s?\b(?! (?:why|what|how|if|whether|where"
            r"|om hva|om kva))"
            r"|\bidé(?=\s*:)|\bidé til\b|\btips til\b"
            r"|\b(?:any|are there|do you have) plans? (?:to|for|of)\b|\bplaner om\b|\broadmap\b"
            r"|\b(?:fremtidig|framtidig|senere|seinare|kommende|neste) (?:versjon|oppdatering"
            r"|release)\b"
            r"|\bin (?:a |the |)(?:future|upcoming|later|coming) (?:version|release|update)s?\b"
            r"|\bwould love (?:to be able|it if|a way|an option|the option|the ability|to have|to see"
            r"|if)\b"
            r"|\bskulle ønske\b|\bskulle ønskt\b|\bi wish\b|\bwe wish\b"
            r"|\bplease consider\b|\bconsider (?:adding|making|introducing|allowing|building)\b"
            r"|\bvurder\w* å (?:legge til|lage|innføre|få inn|utvide)\b"
            r"|\bwould (?:really |)help (?:a lot|us|a great deal|enormously|massively)\b|\bit would help\b"
            r"|\bville (?:ha |)hjulpet\b|\bville (?:ha |)gjort (?:\w+ ){0,3}(?:enklere|lettere)\b"
            r"|\bwould make (?:\w+ ){0,3}(?:easier|simpler|faster|quicker)\b"
            r"|\b(?:would like|want|need|wish for|ask for|request|requesting) (?:an?|the) (?:option"
            r"|ability"
            r"|possibility|feature|function|way|setting)\b"
            r"|\b(?:ønsker|ønske|savner|trenger) (?:oss |)(?:en |et |ei |)(?:mulighet|funksjon|valg"
            r"|innstilling)\w* "
            r"(?:for|til) å\b"
        ),
    ),
    (
        "support",
        2,
        words(
            r"\b(?:can't|cannot|can not|couldn't) (?:figure|work) out\b|\b(?:don't|do not) understand how\b"
            r"|\bnot sure how (?:to|i|we)\b|\b(?:skjønner|forstår|skjønar) (?:ikke|ikkje) (?:hvordan"
            r"|korleis)\b"
            r"|\bklarer (?:ikke|ikkje) å finne ut\b|"
            r"\b(?:can|could) you (?:tell|show|explain|help|guide|walk)\b|\bkan (?:dere|du) (?:hjelpe"
            r"|forklare|vise"
            r"|fortelle)\b|\bhvor (?:er|gjør|legger|endrer|setter|skrur)\b"
        ),
    ),
)
# The customer's agreement with the vendor, and a change to it, in one sentence: "ta ut stoffkartoteket av
# avtalen vår", "move our agreement to our parent company". "Kontrakt" alone is the contracts module.
_AGREEMENT_NOUN = words(
    r"\b(?:avtalen|avtala|avtalene|vår avtale|våre avtaler|kundeavtale\w*|lisensavtale\w*|serviceavtale\w*"
    r"|abonnement\w*|subscriptions?|our (?:current |)(?:agreement|contract|plan|package|licen[cs]es?)"
    r"|the (?:agreement|plan|package)|licen[cs]e agreement)\b"
)
_AGREEMENT_VERB = words(
    r"\b(?:endre|endring|oppdatere|flytte|overføre|justere|nedgradere|oppgradere|redusere|fjerne|ta ut"
    r"|ta bort"
    r"|si opp|avslutte|terminere|bytte|gå over|legge til|utvide|forlenge|fornye|overta|change|update|amend"
    r"|move|transfer|adjust|downgrade|upgrade|reduce|remove|drop|take out|cancel|end|terminate|switch|add"
    r"|extend|renew|scale)\w*"
)
_SENTENCE_END = re.compile(r"[.!?\n]")
_AGREEMENT_TROUBLE = words(r"\b(?:kontrakt\w*|contract module|contracts module)\b")


def _agreement_sentences(low: str, most: int = 3) -> int:
    """How many sentences (at most `most`) name the agreement and a change to it."""
    count = 0
    done_to = -1
    for noun in _AGREEMENT_NOUN.finditer(low):
        if noun.start() < done_to:
            continue  # this sentence was read already
        start = max(low.rfind(end, 0, noun.start()) for end in ".!?\n") + 1
        end = _SENTENCE_END.search(low, noun.end())
        done_to = end.end() if end else len(low)
        sentence = low[start:done_to]
        if _AGREEMENT_VERB.search(sentence) and not _AGREEMENT_TROUBLE.search(sentence):
            count += 1
            if count == most:
                break
    return count


_TYPE_PRECEDENCE: tuple[CaseType, ...] = ("agreement_change", "order", "improvement", "bug", "support")
_IN_ORDER_TO = re.compile(r"\b(?:in order to|in order for|out of order)\b")


_ALL_CUES = _TYPE_CUES + _MORE_CUES + _EVERYDAY_CUES


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
# From this probability the model names the type when the rules read none: grouped cross-validation over the
# tune emails 0.964 -> 0.967, and the newest batch's tune half (model fitted without it) 0.94 -> 0.96;
# 0.4 gains nothing more.
_LEANING = 0.5


def combine(rules: CaseType | None, prediction: type_model.Prediction | None) -> CaseType | None:
    """The type from the rules' answer and the model's: the rules' when they read an order, an agreement
    change or an idea (explicit wording they rarely misread), else the model's when it is confident (a
    symptom the rules have no word for, a question, a request they miss), else the rules'. Measured by
    `bench/train_type_model.py --evaluate`. Where the rules read nothing the model needs less: its most
    likely type (`_LEANING`) beats the portal's default."""
    if rules in _EXPLICIT or prediction is None:
        return rules
    if prediction.probability >= _CONFIDENT or (rules is None and prediction.probability >= _LEANING):
        return prediction.kind
    return rules


def rule_type(subject_low: str, low: str) -> CaseType | None:
    """The type whose cues weigh most, the subject counting double; None without cues."""
    scores: dict[CaseType, int] = dict.fromkeys(_TYPE_PRECEDENCE, 0)
    subject_low = _IN_ORDER_TO.sub(" ", subject_low)
    low = _IN_ORDER_TO.sub(" ", low)
    # One scan of subject and text together; a cue before `cut` is in the subject. Three in the text say
    # it enough, so a huge text stops early.
    both = f"{subject_low}\n{low}" if subject_low else low
    cut = len(subject_low) + 1 if subject_low else 0
    for kind, weight, pattern in _ALL_CUES:
        in_text = 0
        for match in pattern.finditer(both):
            if match.start() < cut:
                scores[kind] += 2 * weight
                continue
            in_text += 1
            if in_text == 3:
                break
        scores[kind] += weight * in_text
    scores["agreement_change"] += 2 * 4 * _agreement_sentences(subject_low, most=1)
    scores["agreement_change"] += 4 * _agreement_sentences(low)
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
    r"|\bikke (?:noe |noko |noka |)(?:hast|hastverk)\b"
    r"|\b(?:itj|itte|ittj|ikkj|ikkje) nå (?:hast|som hast\w*)\b"
    r"|\bikke (?:noe|noko|noka) som hast(?:er|ar|a|e)\b(?! (?:meir|mer|more)\b)"
    r"|\bnår (?:dere|du) (?:har|får) tid\b"
    r"|\blav(?:ere)? prioritet\b|\bikke (?:en |)hastesak\b|\bnot (?:very |really |so |that |)(?:urgent"
    r"|critical|pressing)\b"
    r"|\bno (?:rush|hurry)\b|\blow(?:er)? priority\b|\bwhen(?:ever)? you (?:have|get) (?:the |some |)time\b"
    r"|\bnothing urgent\b|\bnot a priority\b|\bin no hurry\b"
    r"|\bno (?:huge|big|great|real|massive|particular|immediate) (?:rush|hurry)\b|\bingen (?:stor"
    r"|store) hast\b"
    r"|\bikke (?:så |)farlig\b|\bno big deal\b"
    # no urgency in more words: "No urgency, just for the roadmap", "det hastar ikkje", "det kan vente"
    r"|\bno (?:urgency|stress)\b|\bingen (?:stress|krise|hastverk)\b|\bhastar ikke\b"
    r"|\b(?:it|this|that|det|dette) (?:can|kan) (?:wait|vente)\b|\bnår det pass(?:er|ar)\b"
    r"|\bwhen(?:ever)? it suits\b"
)
_CRITICAL = words(
    r"\b(?:systemet|landax|løsningen|siden|nettsiden|tjenesten|appen|alt|hele systemet|instansen)"
    r" (?:er|ligger) (?:helt |totalt |fullstendig |)nede\b|\bnede for alle\b"
    r"|\bingen (?:av (?:oss|brukerne|våre brukere|de ansatte) |)(?:kan|får|klarer|kommer) (?:\w+ |)(?:jobbe"
    r"|arbeide|"
    r"logge|logget|brukt|bruke|gjort|gjøre|inn|jobbet)\b|\bingen får (?:logget|jobbet|gjort)\b"
    r"|\bingen kommer inn\b"
    r"|\bstår (?:helt |i praksis |praktisk talt |nesten |)stille\b"
    r"|\b(?:vi|produksjonen|driften|alt) står helt(?=\s*[!.]|\s*$)"
    r"|\b(?:er|dette er|saken er) (?:nå |no |svært |veldig |ganske |helt |særdeles |)kritisk(?=\s*(?:[.,!:]|$"
    r"|for\b))|\bkritisk (?:feil|sak|problem)\b"
    r"|\b(?:system|site|service|platform|landax|app|everything|instance|application|portal|website|server)"
    r" (?:is|went|has gone) "
    r"(?:completely |totally |)down\b|\b(?:nobody|no one|none of us|none of our users) (?:can|is able to) "
    r"(?:\w+ |)(?:work|log|use|access|get)\b|\bproduction (?:is |has |)(?:stopped|down)\b|\boutage\b"
    r"|\b(?:this|it) is (?:now |really |very |absolutely |)critical\b"
    r"|\bcritical (?:issue|bug|error|problem)\b|\bcompletely down\b"
    r"|\b(?:line|lines|plant|factory|production line) (?:stays |is |has |)(?:stopped|down|halted)\b"
    r"|\blosing production\b|\b(?:treat|handle|regard) (?:this|it|the case) as (?:critical|an emergency)\b"
    r"|\b(?:behandle|se på|ta) (?:dette|denne|saken|det) som (?:kritisk|kritisk sak)\b"
    r"|\b(?:heile |hele |)(?:anlegget|fabrikken|produksjonen|linja|linjen"
    r"|driften) står\b"
    r"(?! (?:som|i|på|under|oppført|det))"
    # the verb first, as Norwegian puts it after "nå"/"no": "og nå står produksjonen"
    r"|\b(?:nå|no|så) står (?:heile |hele |)(?:anlegget|fabrikken|produksjonen|linja|linjen|driften)\b"
    r"(?! (?:som|i|på|under|oppført))"
    r"|\b(?:kan ikke|kan ikkje|can't|cannot) (?:starte|start) (?:\w+ |)(?:produksjon\w*|production|the line"
    r"|linja|linjen|ovnane|ovnene|maskinene|driften|operations)\b"
    r"|\b(?:stopper|stanser|stoppar|stops|halts|is stopping|has stopped) (?:hele |heile |all |our |)"
    r"(?:produksjonen|production|driften|operations|avdelingen|avdelinga|arbeidet|work)\b"
)
_HIGH = words(
    # batch 6: nynorsk "hastar", "some urgency", "this is serious for us", an inspection or audit tomorrow
    r"\bhastar\b|\bhastær\b|\burgency\b|\bon (?:high |top |)priority\b"
    r"|\b(?:this|it) is (?:very |quite |really |)serious\b|\bdette er (?:veldig |svært |)alvorlig\b"
    # an inspection or audit tomorrow that needs what fails ("kontroll fra DSB i morgen og må ha dem")
    r"|\b(?:kontroll|kontrol|tilsyn|revisjon|audit|inspection|inspeksjon|befaring)\b[^.!?\n]{0,40}"
    r"\b(?:i morgen|tomorrow)\b[^.!?\n]{0,40}\b(?:må ha|må kunne|need|must|have to|trenger)\b"
    r"|\bhaster\b|\bhastesak\b|\bhaste\w*\b|\burgent\w*|\basap\b|\bsnarest\b|\bså (?:fort|raskt"
    r"|snart) som mulig\b"
    r"|\bas soon as possible\b|\bhøy prioritet\b|\bhigh priority\b|\b(?:veldig|svært|særdeles) viktig\b"
    r"|\bvery important\b|\btime[- ]critical\b|\bhaste\b"
    r"|\b(?:fixed|solved|sorted) (?:quickly|fast|soon|asap|today)\b"
    r"|\b(?:må|bør) (?:fikses|løses|rettes) (?:raskt|fort|snart|i dag)\b"
    # "dokker må fikse det fort" (not "hvis dere må …", "ikke sånn at dere må …", "I need to fix this fast")
    r"|(?<!hvis )(?<!if )(?<!om )(?<!at )\b(?:dere|dokker|dykk|du|you) (?:må|bør|need to|have to|must) "
    r"(?:fikse|løse|rette|fix|sort out|solve) (?:det|dette|den|this|it|that) (?:fort|raskt|kjapt|quickly|fast"
    r"|asap)\b"
    r"|\bprioriter\w* (?:dette|denne|saken)\b|\bplease priori[tz]i[sz]e\b"
    r"|\b(?:need|needs|must be|has to be|have to have) (?:this |it |that |)(?:fixed|solved|sorted|resolved"
    r"|working"
    r"|done|corrected|ready) (?:by|before) (?:tomorrow|today|tonight|end of (?:the |)day|eod|\w+day|\d)"
    r"|\bmå (?:være|bli|vere|verte) (?:fikset|løst|rettet|i orden|klar|klart|ordna) (?:innen|før|til) "
    r"(?:i morgen|i dag|\w+dag|kl)"
    # asking for speed in other words: "please help us fast", "look at it today", "rask hjelp", "må ha orden
    # på dette i løpet av veka"
    r"|\bhelp (?:us|me) (?:fast|quickly|asap|today)\b(?!-)"
    r"|\b(?:look at|look into|check) (?:it|this|that) today\b"
    r"|\b(?:need|want|appreciate|hope for|ask for|would love) (?:a |some |)(?:quick|fast|rapid) (?:help|fix"
    r"|response|reply)\b"
    r"|\b(?:trenger|ønsker|setter (?:stor |)pris på|håper på|ber om) (?:en |)(?:rask|kjapp|snarlig) (?:hjelp"
    r"|løsning|tilbakemelding|respons)\b"
    r"|\bhjelp (?:oss|meg) (?:raskt|fort|kjapt|i dag)\b|\bse på (?:det|dette|saken) (?:i dag|raskt|fort)\b"
    # batch 10 and a trial: "treat this quickly please", "please fast", "må fikses umiddelbart", "hjelp
    # omgående" (not a breach named: an HSE system records "personvernavvik" as a kind of deviation)
    r"|\b(?:please|kindly|can you|could you) (?:treat|handle|look at|deal with|process) (?:this|it|the case"
    r"|my request) (?:quickly|fast|urgently|immediately|right away)\b(?! as\b)"
    r"|\b(?:treat|handle|look at|deal with) (?:this|it) (?:quickly|fast|urgently),? please\b"
    r"|\bplease,? (?:be |)(?:fast|hurry)(?=\s*(?:[,.!]|$|because\b|as\b|since\b|we\b))"
    r"|\bskynd (?:dere|deg)\b(?! sakte)"
    r"|(?<!hvis noe )(?<!om noe )(?<!if it )\b(?:må|bør) (?:fikses|løses|rettes|ordnes)"
    r" (?:umiddelbart|omgående|straks|med en gang)\b"
    r"|\b(?:please |)(?:fix|solve|resolve) (?:this|it) (?:immediately|right away|at once)(?=\s*(?:[,.!]|$))"
    r"|\b(?:need|needs|trenger|treng|please|vennligst) (?:\w+ |)(?:help|hjelp) (?:omgående|umiddelbart"
    r"|immediately|right away)\b"
    r"|\bmå ha (?:dette |det |)(?:i orden|orden på (?:dette|det)|på plass|fiksa|fikset|løst) (?:i løpet av"
    r"|innen|før) (?:veka|uka|uken|helga|helgen|i morgen|\w+dag)\b"
)


def priority(subject_low: str, low: str) -> Priority | None:
    both = f"{subject_low}\n{low}"
    label = _PRIORITY_LABEL.search(both) if "priorit" in both else None
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
