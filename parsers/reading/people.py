"""Who the case is about: the scope (one, several or all users), the users named, the handler asked for."""

from __future__ import annotations

import re

from parsers.fields import Scope
from parsers.reading.language import COMMON_WORDS
from parsers.reading.text import clause_before, sentences, words

__all__ = ["ALL_BUT_SOME", "affected_users", "requested_handler", "scope", "writer_only"]

_SCOPE_SEVERAL_NEG = words(r"\b(?:ikke alle|not all|not everyone|not everybody|ikke for alle)\b")
# "det er ikkje berre meg likevel", "it's not just me": more than the writer, where nothing says how many
_NOT_ONLY_ME = words(r"\b(?:ikke|not) (?:bare|berre|kun|just|only) (?:meg|me|mæ|eg|jeg)\b")
_SCOPE_ALL = words(
    r"\balle (?:våre |vore |de |dei |vi |disse |desse |)(?:brukere|brukerne|brukarar|brukarane|ansatte"
    r"|kolleger|kollegaer|medarbeidere|avdelinger|avdelingane|lokasjoner)\b"
    r"|\balle (?:hos oss|i (?:firmaet|bedriften|organisasjonen|selskapet|kommunen))\b"
    r"|\balle (?:får|har|opplever|ser|sliter|melder|mister)\b|\b(?:gjelder|for) alle\s*(?:[.,!\n]|$)"
    r"|\bnot (?:a )?single one of (?:our|the) (?:users|staff|employees|people|colleagues)\b"
    r"|\bingen (?:på|i) (?:fabrikken|anlegget|kontoret|lageret|avdelingen|avdelinga|huset|bedrifta|firmaet"
    r"|skolen|sjukeheimen|sykehjemmet|verkstedet|butikken|basen) (?:\w+ |)(?:får|kan|klarer|kjem|kommer)\b"
    r"|\bingen (?:av (?:oss|brukerne|brukarane|våre brukere|de ansatte|dei tilsette) |brukere |brukarar |)"
    r"(?:kan|får|klarer|kommer|fekk|fikk|kjem)\b"
    r"|\bhei?le (?:firmaet|bedriften|organisasjonen|selskapet|kommunen)\b"
    r"|\ball (?:of )?(?:our |the |)(?:users|employees|staff|colleagues|accounts)\b|\beveryone\b|\beverybody\b"
    r"|\bevery user\b|\bnobody\b|\bno one\b|\bnone of (?:us|our users|the users)\b"
    r"|\bthe (?:whole|entire) (?:company|organi[sz]ation)\b|\ball of us\b"
)
_SCOPE_ONE = words(
    r"\b(?:kun|bare)\s+(?:én|en|1|ene|ett)\s+(?:bruker|person|ansatt|av (?:oss|brukerne|våre brukere))\b"
    r"|\b(?:kun|bare) (?:meg|for meg|min bruker|jeg)\b(?! og\b)|\bgjelder (?:kun |bare |)(?:meg|min bruker"
    r"|denne brukeren)\b(?! og\b)"
    r"|\b(?:én|1) bruker\b|\ben enkelt (?:bruker|ansatt)\b|\b(?:en|én) av (?:brukerne|våre brukere"
    r"|de ansatte|våre ansatte)\b"
    r"|\ben (?:bruker|ansatt) (?:hos oss |)(?:får|har|opplever|kan ikke|klarer ikke|sliter)\b"
    r"|\b(?:only|just) (?:me|for me|one user|my user|a single user|this user|one person|one of (?:our"
    r"|the) users|"
    r"one (?:employee|colleague))\b|\b(?:a single|one) (?:user|employee)\b|\bone of our (?:users|employees)\b"
    r"|\bnobody else\b|\bingen andre\b"
)
_SCOPE_SEVERAL = words(
    r"\b(?:flere|fleire|noen|nokre|enkelte|mange) (?:av (?:våre |vore |)(?:brukerne|brukere|oss|de ansatte"
    r"|ansatte|kollegene)"
    r"|brukere|"
    r"ansatte|personer|kolleger|kollegaer|medarbeidere)\b"
    r"|\b(?:to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|\d{1,3}) (?:av (?:brukerne|oss|våre brukere|de ansatte)|"
    r"brukere|brukerne|ansatte|personer)\b"
    r"|\b(?:several|some|multiple|a few|many|a couple of|two|three|four|five|six|seven|eight|nine|ten"
    r"|\d{1,3})"
    r" (?:of (?:our|the|my) )?(?:users|employees|people|colleagues|staff members|accounts)\b"
)


# Kinds the lists above miss (issue 15): people named by their trade ("ingen av operatørene", "one of
# my lads"), "berre eg", "only him", "three of us", "meg og sjefen".
_PEOPLE = (
    r"(?:\w+erne|\w+ørene|\w+orene|\w+arane|\w+ørane|\w+orane|\w+arne|kollega\w*|ansatte|tilsette|elevene"
    r"|sjåførene"
    r"|lærlingene|brukarane)"
)
_PEOPLE_EN = (
    r"(?:lads|guys|users|employees|staff|colleagues|workers|drivers|technicians|operators|nurses|teachers"
    r"|engineers|\w+men|managers)"
)
_MORE_ALL = words(
    rf"\bingen av (?:oss|dei|de|våre|{_PEOPLE})\b|\b(?:gjelder|gjeld) alle (?:i|på|hos)\b"
    r"|\bfor any of us\b|\b(?:alle|all) (?:of )?(?:our|the|våre) \w+ (?:are|were) affected\b"
    r"|\ball (?:of )?our \w+ (?:are|were|have|can't|cannot)\b|\bkvar einaste (?:brukar|tilsett)\w*"
)
_MORE_ONE = words(
    r"\b(?:det er |)(?:berre|bare|kun) (?:eg|jeg|meg|han|hun|ho|henne|honom)\b(?! og)"
    r"|\b(?:only|just) (?:him|her|me|my login|my account|my user)\b(?! and)"
    r"|\b(?:for me|for meg|for my user|for min bruker)(?=\s*[.,!?;\n]|$)"
    rf"|\b(?:en|ein|éin|ei) av {_PEOPLE}\b|\bone of (?:my|our|the) {_PEOPLE_EN}\b"
    r"|\bno other (?:\w+ |)(?:users|drivers|colleagues|\w+ers|\w+ors) (?:have|has|are|is|see|seem)\b"
    r"|\b(?:en|ein|a) (?:kollega|colleague|co-worker|coworker)\b (?:finner|får|har|kan|can|has|gets|is)\b"
)
_MORE_SEVERAL = words(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|a few|several|some) of us\b"
    r"|\b(?:meg|me|eg|jeg) og (?:to|tre|fire|sjefen|en kollega|ein kollega|\w+en min|\w+a mi)\b"
    r"|\bme and (?:two|three|four|my \w+)\b"
    rf"|\b(?:to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|\d{{1,3}}) av {_PEOPLE}\b"
    r"|\b(?:to|happened to|affects|affecting) (?:two|three|four|five|six|\d{1,3}) (?:other |more |)"
    rf"{_PEOPLE_EN}\b"
    r"|\b(?:a few|some|several|many) (?:people|folks) in\b|\b\d{1,2} other (?:guys|people|users|colleagues)\b"
)


# Everyday wordings (issue 15): the writer's own phone or account, "for me", the others being fine; "both
# of us", "half of the users", "the same on my phone"; the whole team, everyone at a place. That the
# others are fine is left to the question: it says who is not affected, not that only the writer is.
_DEVICE = r"(?:account|user account|login|profile)"
_MINE_NB = r"(?:bruker|brukar|konto|brukerkonto|profil)"
# "Only I seem to be affected so far": the writer alone, for the scope and for who is affected.
_ONLY_I_SEEM = r"\bonly i (?:seem|appear) to (?:be |)(?:affected|have|get|see)\b"
_EVERYDAY_ONE = words(
    rf"{_ONLY_I_SEEM}|"
    rf"\b(?:on|in|with|from) my (?:own |){_DEVICE}\b|\bpå (?:min|mi|mitt) (?:egen |eigen |){_MINE_NB}\b"
    rf"|\bpå {_MINE_NB}(?:en|et|a) (?:min|mi|mitt)\b"
    rf"|\bmy {_DEVICE} (?:is|has|was|keeps|gets|won't|doesn't|can't)\b"
    rf"|\b{_MINE_NB}(?:en|a) (?:min|mi) (?:er|har|ble|blei|vart|får|kan)\b"
    r"|\bfor (?:me|meg)\b(?! (?:and|og|or|eller|to|å|som|too|as well|også|òg))"
    r"|\b(?:men|but) (?:ikke|ikkje|not) (?:jeg|eg|meg|me|for me|for meg)\b|\b(?:except|unntatt|bortsett fra) "
    r"(?:me|meg)\b"
    r"|\b(?:my|min|mi) (?:colleague|co-worker|coworker|kollega|sjef|boss|manager|leder) (?:\w+ |)"
    r"(?:can't|cannot|can not|isn't|is not|has|gets|got|is|får|fikk|kan ikke|har|klarer|ser)\b"
    r"|\b(?:only|just|bare|kun|berre) (?:one|a single|en|ein|ei|éin|én) (?:of|av)\b"
)
_EVERYDAY_SEVERAL = words(
    r"\bboth of us\b|\bwe both\b|\bboth (?:my|our) \w+ and (?:i|me)\b|\b(?:my|a) (?:colleague|co-worker"
    r"|coworker) and (?:i|me)\b|\bme and (?:a|my) (?:colleague|co-worker|coworker)\b"
    r"|\b(?:begge to|oss begge|vi begge|begge av oss|begge brukerne|begge brukarane)\b"
    r"|\b(?:kollega(?:en|aen)? min|min kollega) og (?:jeg|eg|meg)\b"
    r"|\b(?:vi|me) er (?:to|tre|fire|fem|seks|\d{1,2}) (?:stykker |stk\.? |personer |)(?:som|her)\b"
    r"|\b(?:half|halvparten|most|de fleste|a number|a handful|en håndfull|et par|a couple|et fåtall)"
    r" (?:of|av) (?:us|oss|our|the|våre|de|dei|brukerne|brukarane|ansatte|dei tilsette)\b"
    r"|\b(?:a handful|en håndfull|et par|et fåtall|a couple) (?:of |)(?:users|people|colleagues|brukere"
    r"|ansatte|personer|kolleger|kollegaer|stykker)\b"
    r"|\b(?:the same|det samme|same thing|same problem|samme (?:feil|problem)) (?:\w+ ){0,2}(?:on|for|with|på"
    r"|hos) (?:my|me|min|mi|mitt|meg)\b"
    r"|\bfor (?:me|meg) (?:too|as well|også|òg)\b|\b(?:also|too|også|òg) (?:on|for|with|på|hos) (?:my|me|min"
    r"|mi|meg)\b"
)
# Everyone but some ("all users except admins", "alle unntatt lederne"): several. Not "all users but
# especially the admins" nor "alle brukerne utenom arbeidstid" (outside working hours). Also read in replies.
_ALL_BUT_SOME = (
    r"\b(?:everyone|everybody|all users|all of us|all (?:our |the |of our |)(?:users|staff|employees|people)"
    r"|alle|alle (?:brukerne|brukere|ansatte|de ansatte)) (?:except|but|apart from|other than|unntatt|untatt"
    r"|bortsett fra|utenom)\b"
    r"(?! (?:also|especially|particularly|mostly|mainly|arbeidstid\w*|kontortid\w*|åpningstid\w*|working)\b)"
    # a group of people but the writer or the admins: "alle laererne unntatt meg", "all the drivers except us"
    r"|\balle (?:\w+ ){1,2}(?:unntatt|untatt|bortsett fra|utenom) (?:meg|mæ|eg|oss|admin\w*|leder\w*|leiar\w*"
    r"|sjef\w*)\b"
    r"|\ball (?:the |our )?\w+ (?:except|apart from|other than|but) (?:me|us|the admins?|admins?|managers?"
    r"|the managers?)\b"
)
ALL_BUT_SOME = words(_ALL_BUT_SOME)
# Everyone but some, half of a group, a count said to be affected: several.
_ALL_BUT = words(
    _ALL_BUT_SOME
    + r"|\bhalve (?:avdelingen|avdelinga|teamet|gjengen|kontoret|staben|laget|skiftet|lageret|firmaet"
    r"|bedriften)\b"
    r"|\bhalf (?:of )?(?:the|our) (?:team|department|office|staff|users|site|crew|employees|people)\b"
    r"|\b(?:gjelder|gjeld|affects?|affecting)\b(?![^.!?\n]{0,40}\b(?:alle|samtlige|all)\b)"
    r"[^.!?\n]{0,60}\b(?:ca\.? |omtrent |about |around |rundt "
    r"|)\d{1,3}"
    r" (?:stk|stykker|personer|people|users|brukere|ansatte)\b"
    r"|\bone of (?:my|our|the) (?:\w+ ){0,2}\w+(?:ers|ors|ists|ees|ants|ents|men) (?:says|said|reports"
    r"|reported"
    r"|tells|told|called|complains|complained|mentioned|noticed|gets|got|sees|saw|tried|tries)\b"
)
_EVERYDAY_ALL = words(
    r"\b(?:whole|entire) (?:team|department|office|site|staff|workforce|unit|ward|school|warehouse"
    r"|company|organi[sz]ation)\b(?! \w+er\b| office\b)"
    r"|\bhei?le \w*(?:avdelingen|avdelinga|teamet|kontoret|staben|laget|lageret|huset|skolen"
    r"|sykehjemmet|sjukeheimen|butikken)\b|\bsamtlige\b"
    r"|\balle (?:på|i|hos|ved) (?:avdeling\w*|kontoret|lageret|butikken|bedrifta|firmaet|teamet|huset"
    r"|anlegget"
    r"|verkstedet|sjukeheimen|sykehjemmet|skolen|barnehagen|byggeplassen|hallen|fabrikken|basen|laget|skiftet"
    r"|\w+avdeling\w*)\b"
    r"|\ball (?:\d+|of the \d+|\d+ of (?:our|the)) (?:users|employees|of us|people|staff|colleagues"
    r"|accounts)\b"
    r"|\balle (?:\d+|de \d+) (?:brukerne|brukere|ansatte|av oss)\b"
)
# Batch 3 kinds (issue 15). One: "greyed out for him (user ole.m)", dialect "det e bare mæ". Several:
# the writer and others ("for meg og de andre i ledergruppen", "same thing is happening to my manager
# also"), a count of people with words between ("the three external auditor accounts"). All: every
# department ("det gjelder alle avdelingene"), none of a trade ("none of our field engineers can").
_THIRD_PERSON_ONE = words(
    r"\bfor (?:him|her|ham|henne|han|ho|hennar)(?=\s*[.,!?;(\n]|$|\s+(?:only|alone|alene|aleine)\b)"
    r"|\b(?:det (?:er|e|æ) |)(?:bare|berre|kun) (?:mæ|mæg|mej|mei)\b(?! og\b)"
)
_SYMPTOM_BEFORE = re.compile(
    r"\b(?:grey\w*|gray\w*|grå|missing|mangler|borte|gone|empty|tom|fail\w*|feil\w*|error\w*|blank|hidden"
    r"|locked|låst|broken|disabled|ikke|ikkje|not|\w+n't|cannot|crash\w*|henger|hangs?|wrong)\b"
)
_WRITER_AND_OTHERS = words(
    r"\b(?:meg|mæ|eg|jeg|æ|me) og (?:de andre|dei andre|resten|kollegene|kollegaene|kollegaane"
    r"|kollegane)\b"
    # "både for meg og for kollegaen min Sindre", "me and my colleague Tom"
    r"|\b(?:meg|mæ|eg|jeg|æ|me) (?:og|and) (?:for |)(?:(?:kollega|kollegaen|kollegen|sjefen|lederen|leiaren)"
    r" (?:min|mi)|(?:min|mi) (?:kollega|sjef|leder|leiar)|my (?:colleague|co-worker|coworker|manager|boss))\b"
    r"|\b(?:me|i) and (?:the others|the rest|my (?:colleagues|co-workers|coworkers|team)|others)\b"
    r"|\b(?:the same|same) (?:thing |problem |issue |error |)(?:is |was |)(?:happening|happens|happened"
    r"|occurring|occurs) (?:to|for|with) (?:my|our) (?:colleagues?|co-workers?|coworkers?|manager|boss"
    r"|supervisor|team leader|team|other users)\b"
    r"|\b(?:my|our) (?:colleague|co-worker|coworker|manager|boss|supervisor|team leader)\b(?: [\w.]+){0,2}"
    r" (?:has|have|gets|sees|is having) (?:the same|this too|it too)\b"
    r"|\b(?:kollega(?:en)? min|sjefen min|lederen min|leiaren min|min kollega|min sjef|min leder)\b"
    r"(?: \w+){0,2} (?:har|får|ser|opplever|fått|fekk|fikk) (?:det samme|det same|samme (?:feil|problem"
    r"|feilen)|same (?:feil|feilen|problem|problemet))\b"
    r"|\bdet samme skjer (?:også |òg |)(?:for|hos|med) (?:kollega\w*|sjefen|lederen|leiaren)\b"
)
_COUNTED_PEOPLE = words(
    r"\b(?:the|these|those|our|de|dei|disse|våre) (?:two|three|four|five|six|seven|eight|nine|ten|to|tre"
    r"|fire|fem|seks|sju|syv|åtte|ti|\d{1,3})(?: (?!new\b|nye\b)[a-zæøå-]+){1,2} (?:users|accounts"
    r"|employees|people|colleagues|workers|auditors|brukere|brukarar|kontoer|ansatte|tilsette|personer"
    r"|kolleger|kollegaer)\b"
)
# A shift or a crew, however whole, is a group of the customer's people, not everyone: "the whole night
# shift", "heile skiftet", "hele verkstedgjengen", "the whole site office" (batch 6, 9 and 10 all label it
# several).
_WHOLE_GROUP = words(
    r"\b(?:whole|entire) (?:\w+ |)(?:shift|crew|gang|site office)\b"
    r"|\bhei?le \w*(?:skiftet|skifte|gjengen|gjengjen|vakta|vakten|nattevakta)\b"
    r"|\balle (?:på|i) (?:\w*skiftet|\w*gjengen|vakta|nattevakta)\b"
)
_EVERY_GROUP = words(
    rf"\bnone of (?:our|the|my) (?:[a-z-]+ |){_PEOPLE_EN}\b|"
    r"\b(?:gjelder|gjeld|affects|affecting) (?:alle|all|all of) (?:(?:our|the|våre) |)"
    r"(?:avdelingene|avdelingane|avdelinger|avdelingar|lokasjonene|lokasjoner|kontorene|kontora"
    r"|departments|locations|sites|offices)\b"
)
# Batch 5 kinds (issue 15). Several: a count or "a few" of people named by their trade or role ("5 or 6
# drivers", "a few of our offshore supervisors", "tre av sykepleierne"), the writer and someone else ("both
# I and the chief engineer", "meg og minst to andre"). One: the writer as the only one ("I'm the only one
# who gets that report", "eg er den einaste").
_ROLE_EN = (
    r"(?:(?:user|employee|colleague|co-worker|coworker|worker|driver|nurse|supervisor|technician|engineer"
    r"|operator|manager|teacher|electrician|mechanic|cleaner|inspector|auditor|agent|consultant|student"
    r"|doctor|pharmacist|carer|assistant|apprentice|leader|member|officer|planner|coordinator|therapist"
    r"|volunteer|contractor|installer|fitter|welder|chef|receptionist|caretaker|foreman|guy|lad|person"
    r"|account|login)s|people|staff|crew|folks|foremen|men)"
)
_ROLE_NB = (
    r"(?:bruker|brukar|ansatt|tilsett|kolleg|personer|folk|sjåfør|sykepleier|sjukepleiar|lærer|lærar|montør"
    r"|elektriker|mekaniker|leder|leiar|operatør|arbeider|arbeidar|renholder|vekter|assistent|konsulent|elev"
    r"|studenter|lærling|lege|inspektør|revisorer|selger|kokk|pleier|pleiar|tekniker|ingeniør|koordinatorer"
    r"|formann|formenn|gutt|jente|dame|damer|kar|mann|menn|konto|kontoar|matros|skipper|\w*vakt)\w*"
)
_COUNT_EN = (
    r"(?:(?:at least|about|around|roughly|some|maybe) |)(?:\d{1,3}(?:\s*(?:-|–|or|to)\s*\d{1,3})?|two|three"
    r"|four|five|six|seven|eight|nine|ten|twelve|twenty|a few|a handful of|a couple of|several|some|many"
    r"|multiple|various)"
)
_COUNT_NB = (
    r"(?:(?:minst|ca\.?|omtrent|rundt|kanskje|cirka) |)(?:\d{1,3}(?:\s*(?:-|–|til|eller)\s*\d{1,3})?|to|tre"
    r"|fire|fem|seks|sju|syv|åtte|ni|ti|tolv|tjue|noen få|noen|nokre|flere|fleire|enkelte|mange|et par"
    r"|ein del|en del)"
)
_COUNTED_ROLES = words(
    rf"\b{_COUNT_EN} (?:of (?:our|the|my|your) |)(?:[a-z-]+ ){{0,2}}?{_ROLE_EN}\b"
    rf"|\b{_COUNT_NB} (?:av (?:våre|vore|de|dei|mine) |)(?:[a-zæøå-]+ ){{0,2}}?{_ROLE_NB}\b"
)
# "We are 40 employees", "vi har 12 brukere", "one of 30 drivers", "mellom to ansatte": the size of the
# customer or people the case is about, not who is affected; "tried 3 different users" tells where the
# writer tried; "three new leaders" are people to be added.
_A_HEADCOUNT = re.compile(
    r"(?:\b(?:we are|we're|we have|we employ|vi er|vi har|har vi|me er|me har|out of|of|av|med|with"
    r"|company of|totalt|total|between|mellom|tried|testet|testa|prøvd|prøvde|by|plass til|room for"
    r"|space for)\s+(?:\w+\s+)?$)"
)
# "Please send the link to some consultants", "add three of our drivers": people acted on by a request.
_ACTED_ON_BEFORE = re.compile(
    r"\b(?:send|sende|give|gi|assign|tildel|tildele|invite|inviter|invitere|add|legg til|legge til|register"
    r"|registrer|registrere|create|opprett|opprette)\b"
)
_NEW_PEOPLE = re.compile(r"\b(?:new|nye|nyansatte|nytilsette|nytilsatte)\b")
_IN_TOTAL = re.compile(r"\s*(?:\w+\s+){0,2}?(?:in total|i alt|totalt|altogether|til sammen|tilsammen)\b")
_BOTH_WRITER_AND = words(
    r"\bboth (?:i|me|myself) and\b|\bbåde (?:jeg|meg|eg|æ|mæ) og\b"
    r"|\b(?:meg|mæ|eg|jeg|æ|me|i) (?:og|and) (?:at least |about |around |minst |ca\.? |omtrent |rundt "
    r"|kanskje |)(?:\d{1,3}|two|three|four|five|six|to|tre|fire|fem|seks)"
    r" (?:andre|other|others|more|til|flere)\b"
)
_ONLY_ONE_WRITER = words(
    r"\b(?:i'm|i am|im) the only (?:one|person|user)\b|\b(?:jeg|eg|æ) er (?:den |)(?:eneste|einaste)"
    r"(?= som\b| her\b| med\b|\s*[.,!]|$)"
)
# The others unaffected, for the writer alone: "kollegaene mine har ikke merket noe", "the others are fine";
# not "the others have not tried yet" nor "they have not reported it, but they have the same problem".
_OTHERS_UNAFFECTED = words(
    r"\b(?:the others|others|the rest|everyone else|resten|de andre|dei andre|kollega\w*"
    r"|(?:my|our) colleagues|colleagues)\b(?: [\w-]+){0,4}? (?:(?:har|have|has) (?:ikke|ikkje|not|never)"
    r" (?:merket|merka|klaget|klaga|noticed|complained)|(?:haven't|hasn't) (?:noticed|complained)"
    r"|(?:are|is|er) (?:fine|ok|okay|unaffected"
    r"|not affected|fint|greit|ikke berørt))\b(?![^.!?\n]*\b(?:same|samme|too|også|òg|yet|ennå|enno)\b)"
)

# The writer alone speaks of the trouble (no "we"), for `_OTHERS_UNAFFECTED`.
_WRITER_ALONE = re.compile(r"\b(?:jeg|eg|æ|i)\b")
_WE = re.compile(r"\b(?:vi|we)\b")


# Others who are fine make an "all" a group: "none of our field engineers can … Office staff on the
# web have no problems", "the other offices are fine".
_OTHERS_FINE = words(
    r"\b(?:others|the rest|everyone else|resten|de andre|dei andre|dei|de|they|kollega\w*|colleagues"
    r"|\w*vaktene|\w*vaktane|(?:(?:other|andre|the|our|våre|\w+) |)"
    r"(?:staff|users|colleagues|people|offices|departments|sites|ansatte|tilsette|brukere|brukarar|kolleger"
    r"|kollegaer|kontor\w*|avdeling\w*))\b(?: [\w-]+){0,4}?"
    r" (?:(?:have|has|had|har) (?:no|ingen|ikke noe|ikkje noko) (?:problems?|issues?|trouble|problem\w*)"
    # batch 5-6: "kollegaene mine på kaia har ikke klaget", "dei på laboratoriet har ikkje merka noko",
    # "the others haven't noticed anything", "dei seier det går fint"
    r"|(?:har|have|has) (?:ikke|ikkje|not|never) (?:merket|merka|meldt|klaget|klaga|sett|noticed|complained"
    r"|reported|seen|had)\b|(?:haven't|hasn't) (?:noticed|complained|reported|seen|had)\b"
    r"|(?:sier|seier|say|says) (?:at |)(?:det|it) (?:går|works|is) (?:fint|bra|greit|fine|ok)\b"
    r"|(?:are|is|seem|seems|er|går) (?:fine|ok|okay|unaffected|not affected|fint|greit|bra|ikke berørt))\b"
)


# People who are the data the problem shows ("flere ansatte vises to ganger", "the report lists all
# employees"), or whom a rule is about ("we must document that everyone has…"), are not who is affected.
_PEOPLE_AS_DATA_AFTER = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:vises|visast|appear\w*|show up|shows up|are (?:shown|listed|displayed|duplicated)"
    r"|står (?:dobbelt|to ganger|oppført)|er (?:registrert|oppført|duplisert|listet)"
    # people who asked for something, or who left: "several people have asked for proof", "25 people
    # in Landax who don't work here anymore", "tre som har sluttet"
    r"|(?:have |has |had |har |hadde |)(?:asked|requested|spør|spurt|spurte|etterspurt|bedt|ba om)"
    r"|(?:who|som) (?:have left|has left|left|no longer work|don't work|do not work|har sluttet|har slutta"
    r"|sluttet|slutta|ikke jobber|ikkje jobbar))\b"
)
_PEOPLE_AS_DATA_BEFORE = re.compile(
    r"\b(?:lists?|listed|shows?|showing|viser|lister|exports?|eksporterer|includes?|inkluderer|contains?"
    r"|inneholder|registrerte|registered|la inn|added|importerte|imported|vises|visast|står|created"
    r"|opprettet|oppretta)\s+(?:\w+\s+)?$"
)
_A_RULE_BEFORE = re.compile(r"\b(?:må|skal|should|must|need to|needs to|have to|has to|krav\w*|require\w*)\b")
_TRIED = re.compile(r"\b(?:testet|testa|tested|prøvd|prøvde|tried|checked|sjekket|sjekka)\b")
_ASKED_OF_YOU = re.compile(r"\b(?:you|dere|du|deg)\b")


# What the writer believed at first ("I thought it was just me", "trodde først det bare var meg").
_FIRST_THOUGHT = words(
    r"\b(?:thought|believed|assumed|figured|trodde|tenkte|trudde|antok)\b(?:\s+\w+){0,4}\s*$"
)


_BUT_AFTER = re.compile(r"\b(?:men|but|actually|faktisk|viste seg|turns out|turned out)\b")


def _not_the_scope(low: str, match: re.Match[str], said: str) -> bool:
    """Whether a scope phrase names people that are data, the subject of a rule, or asks a favour."""
    if said == "one":
        # "Could you check this for me?" asks a favour, "jeg har bare testet på min egen bruker" tells
        # where the writer tried: neither says who is affected.
        before = clause_before(low, match.start())
        if _TRIED.search(before):
            return True
        if _FIRST_THOUGHT.search(before) and _BUT_AFTER.search(low, match.end(), match.end() + 120):
            return True  # "At first I thought it was just my account, but nobody can search": a belief
        return match.group(0).startswith("for ") and bool(_ASKED_OF_YOU.search(before))
    if _PEOPLE_AS_DATA_AFTER.match(low, match.end()) or _PEOPLE_AS_DATA_BEFORE.search(
        low[max(0, match.start() - 30) : match.start()]
    ):
        return True
    before = clause_before(low, match.start(), 60)
    if _MOVED_BY_SOMEONE.search(before) or _DID_IT.match(low, match.end()):
        return True
    return bool(re.search(r"\b(?:at|that|sure)\s+$", before) and _A_RULE_BEFORE.search(before))


# "IT moved everyone to Edge": the people are the object of someone's act. "Nobody here deleted it",
# "uten at noen av oss har gjort det", "nobody knows which report": they are named as not having done or
# known something, not as affected.
_MOVED_BY_SOMEONE = re.compile(
    r"\b(?:moved|switched|told|asked|sent|gave|emailed|informed|notified|trained|reminded|invited|flyttet"
    r"|flytta"
    r"|ba|bad|sendte|ga|gav|informerte|varslet|inviterte)\s+$"
)
_DID_IT = re.compile(
    r"\s+(?:here\s+|of us\s+|her\s+|av oss\s+|)(?:has |have |had |har |hadde |)(?:deleted|changed|touched|did"
    r"|done|removed|edited|slettet|sletta|endret|endra|gjorde|gjort|rørte|rørt|fjernet|knows|knew|remembers"
    r"|vet|veit|visste|husker)\b"
)


# The writer says they are the only one affected ("bare meg", "det er berre eg", "only me", "just my
# login"): then the reporter is the affected user. "One user", "one of us" or "a colleague" name someone else
# or no one, and give no user.
_WRITER_ONLY = words(
    r"\b(?:det er |)(?:bare|kun|berre|bara) (?:meg|jeg|eg|mæ|je|mig|min bruker|min konto)\b"
    r"(?! (?:og|och|å|&)\b)"
    r"|\b(?:only|just) (?:me|my login|my account|my user)\b(?! and\b)|\b(?:only|just) i (?:am|have|get|see)\b"
    rf"|{_ONLY_I_SEEM}"
    r"|\b(?:nobody|no one|ingen) (?:else|andre|anna|annen)\b"
)

# "Supervisors still get theirs", "Lederne i de andre avdelingene får varsel som normalt": people the writer
# sets apart are still fine, so "all" was all of a part.
_OTHERS_STILL = words(
    r"(?<!\balle )(?<!\ball )(?<!\busers )(?<!\bbrukerne )(?<!\beveryone )(?<!\bvi )(?<!\bwe )"
    r"\b(?:(?:still|fortsatt|fremdeles) (?:get|gets|receive|receives|får|mottar)|(?:får|mottar) (?:fortsatt"
    r"|fremdeles)) (?:theirs|sine|sitt|varsel\w*|notifications?|e-?mails?|e-post\w*)\b"
    r"|\b(?:i|in|på|at) (?:de|dei|the) (?:andre|other) (?:avdeling\w*|departments?|sites?|kontor\w*|offices?"
    r"|skift\w*|shifts?)\b(?:(?!nothing|ingenting|not|ikke|ikkje)[^.!?\n]){0,40}\b(?:som normalt|som vanlig"
    r"|as normal|as usual|fine|fint)\b"
)
# "ingen av vekterne på nattskiftet", "none of our site managers", "ingen av avdelingslederne": nobody of a
# group the writer narrows by place or shift, or of the leaders, is a part of the users (several).
_A_PART_OF_US = words(
    r"(?:none of (?:our|the|my) (?:[a-z-]+ |)|ingen av )(?:\w*(?:managers|leaders|heads|admins|administrators"
    r"|ledere|lederne|ledarane|sjefer|sjefene|sjefane)\b(?!\s+(?:or|and|nor|eller|og)\b)"
    r"|(?!(?:oss|us|dei|de|them)\b)\w+ (?:på|i|in|on|at) (?:the |our |)(?:\w+ |)"
    r"(?:\w+skift\w*|\w*shift"
    r"|nattskiftet|dagskiftet|\w*avdeling\w*|\w+ department|\w+ office|lageret|kontoret)\b)"
)


def writer_only(text: str) -> bool:
    """Whether the writer says they alone are affected ("bare meg", "only me", "just my login").

    `text` is what the customer wrote (any case). Used so that "only me" makes the reporter, by their
    address, the affected user; a display name is never taken for one.
    """
    low = text.lower()
    return any(not _not_the_scope(low, match, "one") for match in _WRITER_ONLY.finditer(low))


def scope(low: str) -> Scope | None:
    """One, several or all users, from the first phrase that says so."""
    found: list[tuple[int, Scope]] = []
    for pattern, said in (
        (_WHOLE_GROUP, "several"),
        (_SCOPE_SEVERAL_NEG, "several"),
        (_ALL_BUT, "several"),
        (_MORE_SEVERAL, "several"),
        (_SCOPE_ALL, "all"),
        (_MORE_ALL, "all"),
        (_SCOPE_ONE, "one"),
        (_MORE_ONE, "one"),
        (_SCOPE_SEVERAL, "several"),
        (_EVERYDAY_SEVERAL, "several"),
        (_EVERYDAY_ALL, "all"),
        (_EVERYDAY_ONE, "one"),
        (_THIRD_PERSON_ONE, "one"),
        (_WRITER_AND_OTHERS, "several"),
        (_COUNTED_PEOPLE, "several"),
        (_EVERY_GROUP, "all"),
        (_COUNTED_ROLES, "several"),
        (_BOTH_WRITER_AND, "several"),
    ):
        for match in pattern.finditer(low):
            if _not_the_scope(low, match, said):
                continue
            if (
                pattern is _THIRD_PERSON_ONE
                and match.group(0).startswith("for ")
                and not _SYMPTOM_BEFORE.search(clause_before(low, match.start()))
            ):
                continue  # "I set it up for her" names who it was done for, not who is affected
            if said == "several" and (
                _A_HEADCOUNT.search(low[max(0, match.start() - 30) : match.start()])
                or _IN_TOTAL.match(low, match.end())
                or (
                    pattern is _COUNTED_ROLES
                    and (
                        _NEW_PEOPLE.search(match.group(0))
                        or _ACTED_ON_BEFORE.search(clause_before(low, match.start(), 60))
                    )
                )
            ):
                continue
            if pattern is _ALL_BUT and match.group(0).startswith("one of"):
                found.append((match.start(), "one"))
                break
            if said in ("all", "one") and low[max(0, match.start() - 6) : match.start()].endswith(
                ("ikke ", "ikkje ", "not ")
            ):
                continue  # "ikke alle", "not just me": the opposite of what the phrase says
            if said == "all" and re.match(r"\s*(?:else|andre)\b", low[match.end() : match.end() + 7]):
                continue  # "everybody else is fine" says the others are not affected
            found.append((match.start(), said))  # type: ignore[arg-type]
            break
    if not found:
        # "Når jeg registrerer ... henger den. Kollegaene mine har ikke klaget": the others are fine and the
        # writer tells of their own trouble alone.
        # "I'm the only one who gets that report" counts only where nothing else says who is affected
        # ("Jeg er eneste administrator ... ingen av ansatte får logget inn" is everyone).
        if any(not _not_the_scope(low, m, "one") for m in _ONLY_ONE_WRITER.finditer(low)):
            return "one"
        if _NOT_ONLY_ME.search(low):
            return "several"
        if _WRITER_ALONE.search(low) and not _WE.search(low) and _OTHERS_UNAFFECTED.search(low):
            return "one"
        return None
    # "ikke alle" also contains "alle": the negated form starts first and so wins.
    found.sort(key=lambda pair: pair[0])
    if found[0][1] == "all" and (
        _OTHERS_FINE.search(low) or _OTHERS_STILL.search(low) or _A_PART_OF_US.match(low, found[0][0])
    ):
        return "several"
    return found[0][1]


_USER_CONTEXT = words(
    r"\b(?:bruker\w*|brukar\w*|user\w*|konto\w*|account\w*|login\w*|pålogg\w*|innlogg\w*|logge?r? inn|"
    r"logget inn|log in|ansatt\w*|employee\w*|gjelder|affected|berørt\w*|kollega\w*|colleague\w*)\b"
)
_CONTACT_CONTEXT = words(r"\b(?:kontakt\w*|contact|ring\w*|call|nås|reach|svar til|reply to|cc)\b")
_USERNAME = re.compile(
    r"(?<![\w@./-])([a-zæøå][a-zæøå0-9]*(?:[._][a-zæøå0-9]+){1,2})(?![\w@-]|\.[a-zæøå0-9])"
)
_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+)")
_USER_ID = words(
    r"\b(?:bruker-?id|brukerid|user[- ]?id|ansatt(?:nummer|nr|-?id)|employee (?:id|number)|bruker(?:nummer"
    r"|nr))"
    r"\s*(?:nr\.?|#|:|er|is)?\s*(?P<ids>\d{1,10}(?:\s*(?:,|og|and|&|/)\s*\d{1,10})*)"
)
_NAMED_LOGIN = words(
    r"\b(?:brukernavn(?:et)?|brukeren|username|user name|user|bruker|login)\s*(?:er|is|:|=)?\s*"
    r"[\"'«“]?(?P<name>[a-zæøå][\w@-]{0,40}(?:\.[\w@-]{1,40}){0,3})[\"'»”]?(?=[\s,.;:!?)]|$)"
)
_NOT_USERNAME_END = frozenset(
    [
        "no",
        "com",
        "net",
        "org",
        "se",
        "dk",
        "io",
        "eu",
        "de",
        "uk",
        "fi",
        "nu",
        "info",
        "biz",
        "pdf",
        "png",
        "jpg",
        "jpeg",
        "gif",
        "docx",
        "doc",
        "xlsx",
        "xls",
        "csv",
        "txt",
        "zip",
        "msg",
        "eml",
        "html",
        "htm",
        "js",
        "ts",
        "py",
        "exe",
        "ps1",
        "bat",
        "ini",
        "json",
        "xml",
        "md",
        "rtf",
        "pptx",
        "ppt",
        "heic",
        "mov",
        "mp4",
        "log",
    ]
)
_ABBREVIATIONS = frozenset(
    ["f.eks", "bl.a", "m.m", "e.g", "i.e", "t.o.m", "f.o.m", "o.l", "a.s", "d.v.s", "p.t"]
)


def affected_users(text: str, vendor_suffixes: tuple[str, ...]) -> tuple[str, ...]:
    """Usernames, e-mail addresses and user ids the customer names as affected, in order, once each."""
    low = text.lower()
    found: list[tuple[int, str]] = []
    for match in _USER_ID.finditer(low):
        for id_match in re.finditer(r"\d+", match.group("ids")):
            found.append((match.start("ids") + id_match.start(), id_match.group(0)))
    # A sentence names users only where the whole text does (see `_sentences`): most mail never does.
    for start, sentence in sentences(low) if _USER_CONTEXT.search(low) else ():
        if not _USER_CONTEXT.search(sentence) or _CONTACT_CONTEXT.search(sentence):
            continue
        for match in _EMAIL.finditer(sentence):
            address = match.group(1).rstrip(".")
            if not address.endswith(tuple(f"@{s}" for s in vendor_suffixes)):
                found.append((start + match.start(), address))
        masked = _EMAIL.sub(lambda m: " " * len(m.group(0)), sentence)
        for match in _USERNAME.finditer(masked):
            name = match.group(1)
            parts = re.split(r"[._]", name)
            if name in _ABBREVIATIONS or parts[-1] in _NOT_USERNAME_END or not _login_parts(parts):
                continue
            # Usernames are written lowercase; "feilen.Det" is a missing space, not a login.
            original = text[start + match.start() : start + match.end()]
            if original != original.lower() or "www" in parts:
                continue
            found.append((start + match.start(), name))
        for match in _NAMED_LOGIN.finditer(masked):
            name = match.group("name").rstrip(".")
            if name.rsplit(".", 1)[-1] in _NOT_USERNAME_END:
                continue  # "vi bruker bremnes.landax.no": a host or a file, not a login
            if re.search(r"[._@\d]", name) and not re.fullmatch(r"[\d.]+", name):
                found.append((start + match.start("name"), name))
        found.extend(
            (start + at, name) for at, name in _plain_logins(masked, text[start : start + len(masked)])
        )
    # Capitals are checked in `text` at the places found in `low`: only where lowercasing kept lengths.
    if len(low) == len(text) and _LOGIN_LIST.search(low):
        masked_text = _EMAIL.sub(lambda m: " " * len(m.group(0)), low)
        found.extend(_plain_logins(masked_text, text))
    if len(low) == len(text):
        found.extend(_one_named_user(low, text))
        found.extend(_logins_in_parentheses(text))
    found.sort(key=lambda pair: pair[0])
    out: list[str] = []
    # Every name kept, and every part of one ("ola.hansen" of "ola.hansen@acme.no", "4411" of
    # "bruker-4411"): a name already covered is the same user named twice. Sets keep this linear,
    # so a pasted list of thousands of addresses cannot stall the inbox worker.
    covered: set[str] = set()
    for _, name in found[:_MAX_USERS]:
        if name in covered:
            continue
        out.append(name)
        covered.add(name)
        covered.update(_USER_PARTS.split(name))
        covered.add(name.partition("@")[0])
    return tuple(out)


# "meg (jon.o) og Kari (kari.b)", "Sigurd (sjaastad)": a login in parentheses after a person.
_PERSON_THEN_PARENS = re.compile(
    r"\b(?:meg|me|mæ|myself|him|her|ham|henne|ho|han|hun|[A-ZÆØÅ][a-zæøå]+)\s+\(([a-zæøå][\w.-]{1,30}[a-z0-9])\)"
)


def _logins_in_parentheses(text: str) -> list[tuple[int, str]]:
    """Logins in parentheses right after a person, by sentence: taken when one of them is plainly a login
    (a dot, an underscore, a hyphen or a digit in it); "Kari (leder)" alone names a role, not a login."""
    out: list[tuple[int, str]] = []
    if not _PERSON_THEN_PARENS.search(text):
        return out  # most mail has none: no need to split it into sentences
    for start, sentence in sentences(text):
        if _CONTACT_CONTEXT.search(sentence.lower()):
            continue  # "ask Ola (ola.n) to call me": whom to reach, not who is affected
        found = [
            (start + m.start(1), m.group(1))
            for m in _PERSON_THEN_PARENS.finditer(sentence)
            # "Test (v2.1)": a version; "Kestrel (kestrel.landax.no)": a host
            if not re.search(r"\d\.\d", m.group(1)) and m.group(1).rsplit(".", 1)[-1] not in _NOT_USERNAME_END
        ]
        if any(re.search(r"[._\d-]", name) for _, name in found):
            out.extend((at, name) for at, name in found if name not in COMMON_WORDS)
    return out


def _login_parts(parts: list[str]) -> bool:
    """Whether the parts of a dotted name make a login: "ola.hansen", and an initial beside a name
    ("tomasz.k", "m.berg"), but not "a.m." or "nr.5"."""
    if min(len(part) for part in parts) >= 2:
        return True
    short = [part for part in parts if len(part) < 2]
    return all(part.isalpha() for part in short) and any(len(part) >= 3 and part.isalpha() for part in parts)


# A plain login, or one with a dot, underscore or hyphen in a list of them ("(akhan, b.jones, anl-fornebu)").
_LOGIN_NAME = r"[a-zæøå](?:[a-zæøå0-9]{1,19}(?:[._-][a-zæøå0-9]{1,19})?|[._-][a-zæøå0-9]{2,19})"
_LIST_SEPARATOR = r"\s*(?:,\s*(?:og\s+|and\s+|)|\s+og\s+|\s+and\s+|\s*&\s*)"
# Logins with neither dot nor digit ("olav", "hbakke") are read only where the customer says they are
# usernames, or as a list of two or more after users or people are named; the list ends the sentence
# or the parenthesis, so "users are affected by it" is no list.
_LOGIN_LIST = re.compile(
    r"(?:(?P<one>\b(?:brukernavn\w*|brukarnamn\w*|usernames?|user names?|logins?|login names?)"
    r"\s*(?:mitt |min |hans |hennes |hennar |his |her |my |)(?:(?:er|e|æ|is|are)\s|[:=])?\s*)"
    r"|(?P<many>\b(?:users|brukere|brukarar|brukerne)\s*:?\s*|\b(?:oss|us|personer|people|brukere|users|stk|stykker)\b"
    r"[^.:\n]{0,60}:\s*|\b(?:meg|me|oss|us|to|tre|two|three)\b[^.()\n]{0,40}\(\s*))"
    # A list is closed by "og"/"and" ("a, b and c can't log in"), or ends the sentence or the parenthesis.
    rf"(?P<names>{_LOGIN_NAME}(?:,\s*{_LOGIN_NAME}){{0,30}}\s+(?:og|and)\s+{_LOGIN_NAME}\b"
    rf"|{_LOGIN_NAME}(?:{_LIST_SEPARATOR}{_LOGIN_NAME}){{0,30}}(?=\s*(?:[,;)!?\n]|\.(?!\w)|$)))"
)
# Common words are no logins: "people: everyone and anyone" names no one.
_NOT_A_LOGIN = COMMON_WORDS | {
    *("også", "also", "here", "her", "der", "there", "anyone", "everyone", "ukjent", "unknown", "samme"),
    *("same", "hans", "hennes", "his", "mine", "vedlagt", "attached", "below", "under", "nedenfor"),
    # what follows "login" as a noun: "their login link", "login page"
    *("link", "links", "lenke", "lenken", "page", "side", "siden", "screen", "details", "info", "problems"),
    *("issues", "data", "button", "knappen", "form", "prompt"),
    # what follows "user" as a relative or question word: "a user who has left"
    *("who", "whom", "whose", "which", "that", "what", "where", "when", "som", "der", "hvem", "hvis", "kven"),
}


_PRONOUNS = frozenset(
    ["he", "she", "they", "i", "we", "it", "han", "hun", "ho", "de", "dei", "vi", "jeg", "eg"]
)


# One user named by a plain login right after the word "user" ("the user tnordby can't sign", "brukeren
# hmoen er borte") or set off by commas after it ("brukeren til truckføreren vår, hmoen, er borte").
_ONE_USER = re.compile(
    r"\b(?:the user|user|brukeren|brukaren)\s+(?P<name>[a-zæøå][a-zæøå0-9]{2,19})\s+(?:som|that|who|er|is|has"
    r"|har|får|kan|can't|cannot|doesn't|does|gets|got|was|ble|vart|fikk|kommer|klarer|mangler|can|sees|ser)\b"
    r"|\b(?:brukeren|brukaren|the user|user)\b[^,.\n]{0,30},\s+(?P<set>[a-zæøå][a-zæøå0-9]{2,19}),"
)


# Words that follow "user" as part of a noun, not as a login: "the user interface is slow".
_USER_NOUNS = frozenset(
    [
        "interface",
        "account",
        "accounts",
        "list",
        "admin",
        "administration",
        "administrator",
        "group",
        "groups",
        "role",
        "roles",
        "rights",
        "profile",
        "name",
        "names",
        "settings",
        "management",
        "manual",
        "guide",
        "experience",
        "id",
        "ids",
        "type",
        "types",
        "level",
        "access",
        "permissions",
        "data",
        "menu",
        "page",
        "overview",
        "licence",
        "license",
        "licenses",
        "licences",
        "count",
        "number",
        "base",
        "directory",
        "support",
        "session",
        "sessions",
        "agent",
        "details",
        "info",
        "information",
        "form",
        "module",
        "portal",
        "import",
        "export",
        "sync",
        "login",
        "password",
        "min",
        "mi",
        "mitt",
        "vår",
        "vårt",
        "din",
        "sin",
        "hans",
        "hennes",
        "deres",
        "som",
        "til",
        "med",
        "har",
        "er",
    ]
)


def _one_named_user(low: str, original: str) -> list[tuple[int, str]]:
    """A single plain login named as the user (see `_ONE_USER`), written lowercase, not a common word."""
    found: list[tuple[int, str]] = []
    for match in _ONE_USER.finditer(low):
        group = "name" if match.group("name") else "set"
        name = match.group(group)
        start, end = match.start(group), match.end(group)
        if name in _NOT_A_LOGIN or name in _USER_NOUNS or original[start:end] != name:
            continue
        found.append((start, name))
    return found


def _plain_logins(low: str, original: str) -> list[tuple[int, str]]:
    """Logins without dots or digits, where the text says they are logins (see `_LOGIN_LIST`)."""
    found: list[tuple[int, str]] = []
    for match in _LOGIN_LIST.finditer(low):
        names = [m for m in re.finditer(_LOGIN_NAME, match.group("names"))]
        if match.group("one") is not None and names and names[-1].group() in _PRONOUNS:
            names = names[:-2]  # "his username is emilb and he can't…": the sentence goes on
        if match.group("many") is not None and len(names) < 2:
            continue
        offset = match.start("names")
        picked = [
            (offset + m.start(), m.group())
            for m in names
            if m.group() not in _NOT_A_LOGIN
            and original[offset + m.start() : offset + m.end()] == m.group()  # written lowercase
        ]
        if len(picked) == len([m for m in names if m.group() not in ("og", "and")]):
            found.extend(picked)
    return found


_MAX_USERS = 10_000
_USER_PARTS = re.compile(r"[@\s,;:/()-]+")


_NAME = r"(?P<name>(?-i:[A-ZÆØÅ][a-zæøåéü]+(?:[ -][A-ZÆØÅ][a-zæøåéü]+)?))"
#: After a name someone wants to work with: the sentence goes on about the person, or ends ("work with
#: Thomas Lie again", not "work with Excel files").
_PERSON_END = r"(?=\s*(?:again\b|igjen\b|[,.;!]|who\b|som\b|$))"
_TAKE_EN = (
    r"(?:handle|take|have a look at|take a look at|look at|look into|work on|pick up|deal with|follow up"
    r"|help (?:us |me |)with|check)"
)
_THE_CASE_EN = r"(?:this(?: one| case| ticket| issue| request)?|it|the (?:case|ticket|issue|request))"
_TAKE_NB = (
    r"(?:ta|ta seg av|ta hand om|ta en titt på|ta ein titt på|ta en kikk på|se på|se nærmere på|sjå på"
    r"|sjekke|kikke på|titte på|følge opp|fylgje opp|håndtere"
    r"|hjelpe oss med|hjelpe meg med)"
)
_THE_CASE_NB = r"(?:saken|saka|denne(?: saken| saka)?|dette|den|det|henvendelsen|spørsmålet)"
#: The request ends there: "can Ola take it up with the board" asks nothing of the vendor.
_CASE_END = (
    r"(?=\s*(?:[?.!,;\n]|$|(?:please|for us|for oss|again|igjen|if|hvis|om|når|when|as|siden|since)\b))"
)
_HANDLER = tuple(
    words(p, re.IGNORECASE)
    for p in (
        r"\b(?:ønsker|vil gjerne|ønsket|foretrekker|håper)\s+(?:at\s+|)(?:det er\s+|)"
        + _NAME
        + r"\s+(?:tar|ser|behandler|håndterer|følger|kan ta|får|skal|blir)\b",
        r"\b(?:ønsker|foretrekker|vil ha|vil gjerne ha|ønsker oss)\s+"
        + _NAME
        + r"\s+(?:som saksbehandler|på saken|på denne|på dette)\b",
        r"\b(?:ønsket saksbehandler|ønsker saksbehandler|saksbehandler|requested handler|preferred handler|"
        r"handler)\s*[:=]\s*" + _NAME,
        r"\b(?:would it be possible|is it possible|could it be possible|would it be ok)\s+for\s+"
        + _NAME
        + r"\s+to\s+(?:handle|take|look|deal|pick|follow|help|work)\b",
        r"\b(?:send|sett|tildel|gi|gjerne send)\s+(?:saken|denne saken|denne|dette)\s+til\s+" + _NAME,
        r"\b(?:would like|would love|(?:we|i|they)['’]d (?:like|love)|want|prefer|wish|hope)\s+"
        r"(?:for\s+|that\s+|)"
        + _NAME
        + r"\s+(?:to\s+|)(?:handle|handles|take|takes|look|looks|work|works|deal|pick|follow|check|help"
        r"|run|runs|hold|holds|teach|teaches)\b",
        r"\bassign\s+(?:this|it|the case|this case|the ticket|this ticket|)\s*to\s+" + _NAME,
        # "May I request that Marius handle this case", "jeg ber om at Kari tar saken"
        r"\b(?:request|ask|suggest|propose)\s+that\s+"
        + _NAME
        + r"\s+(?:handle|handles|take|takes|look|looks|work|works|deal|picks?|follow|check|help)\b",
        r"\b(?:ber om|be om|spør om)\s+at\s+" + _NAME + r"\s+(?:tar|ser|behandler|følger|sjekker|får)\b",
        # batch 7: "Please also ask Ms. Ingrid Dahl to coordinate the activation", "be Ola følge opp saken"
        r"\b(?:please|kindly|could you|can you|would you)\s+(?:also\s+|)ask\s+(?:ms|mr|mrs|dr)\.?\s+"
        + _NAME
        + r"\s+to\s+(?:coordinate"
        r"|handle|take care of|take over|follow up|look into|deal with)\b",
        # "Kindly ask Henrik to contact me, as he handled our previous order" (not "ask Microsoft to look
        # into the SSO part": a person is asked to get in touch)
        r"\b(?:please|kindly|could you|can you|would you)\s+(?:also\s+|)ask\s+"
        + _NAME
        + r"\s+to\s+(?:contact|call|phone|ring|get in touch with|reach out to)\s+(?:me|us)\b",
        r"\b(?:be|ber)\s+(?:gjerne\s+|)"
        + _NAME
        + r"\s+(?:om å\s+|)(?:ta|følge opp|fylgje opp|koordinere|se på|sjå på)\s+"
        + _THE_CASE_NB
        + _CASE_END,
        r"\b(?:would like|'d like|want|prefer|hope)\s+to\s+work\s+with\s+" + _NAME + _PERSON_END,
        r"\b(?:vil|ønsker)\s+(?:vi\s+|jeg\s+|)(?:gjerne\s+|)(?:å\s+|)(?:jobbe|arbeide)\s+med\s+"
        + _NAME
        + _PERSON_END,
        r"\b(?:could|can)\s+"
        + _NAME
        + r"\s+(?:please\s+|)(?:handle|take|look at|work on|pick up)\s+(?:this|it|the case)\b",
        r"\b(?:preferably|ideally)\s*,?\s*(?:by\s+|with\s+|)" + _NAME + r"\b",
        r"\bgjerne\s+(?:at\s+|)" + _NAME + r"\s+(?:tar|ser på|følger opp|som)\b",
        # A name asked to take the case: "Could Jonas have a look at this?", "can Ingrid pick this up",
        # "la Marius ta saken", "lat Kari sjå på saka", "kan Martin ta denne saken?"
        r"\b(?:could|can|would|will|may|might|please let|let)\s+" + _NAME + r"\s+(?:please\s+|maybe\s+|)"
        rf"(?:{_TAKE_EN}\s+{_THE_CASE_EN}|pick (?:this|it) up"
        r"|help (?:us|me)(?=\s*[?.!]|\s+(?:again|on this|out)\b))"
        rf"{_CASE_END}",
        r"\b(?:kan|kunne|kanskje|la|lat|få)\s+" + _NAME + r"\s+(?:gjerne\s+|evt\.?\s+|)"
        rf"{_TAKE_NB}\s+{_THE_CASE_NB}{_CASE_END}",
    )
)
_NOT_A_NAME = frozenset(
    [
        "Landax",
        "Dere",
        "Du",
        "Vi",
        "Jeg",
        "You",
        "We",
        "Support",
        "Supporten",
        "This",
        "It",
        "Den",
        "Det",
        "De",
        "Han",
        "Hun",
        "Someone",
        "Noen",
        "Dette",
        "Saken",
        "Anyone",
        "Anybody",
        "Somebody",
        "Nokon",
        "Someone",
        "Dykk",
        "Dokker",
        # products, which people work with too
        "Excel",
        "Word",
        "Outlook",
        "Teams",
        "Windows",
        "Chrome",
        "Edge",
        "Firefox",
        "Safari",
        "Android",
        "Power",
    ]
)


def requested_handler(text: str) -> str | None:
    for pattern in _HANDLER:
        match = pattern.search(text)
        if match and match.group("name").split()[0] not in _NOT_A_NAME:
            return match.group("name")
    return None
