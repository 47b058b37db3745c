"""When the problem was seen (`observed_on`) and whether it comes back (`recurring`)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from parsers.reading.text import clause_before, negated, words

__all__ = ["observed_on", "recurring", "relative_day", "weekday_number"]

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "januar january jan",
        "februar february feb",
        "mars march mar",
        "april apr",
        "mai may",
        "juni june jun",
        "juli july jul",
        "august aug",
        "september sept sep",
        "oktober october okt oct",
        "november nov",
        "desember december des dec",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAYS: dict[str, int] = {
    "mandag": 0,
    "tirsdag": 1,
    "onsdag": 2,
    "torsdag": 3,
    "fredag": 4,
    "lørdag": 5,
    "søndag": 6,
    # as typed without "ø" (see `words`)
    "lordag": 5,
    "loerdag": 5,
    "sondag": 6,
    "soendag": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}


def weekday_number(word: str) -> int:
    """Monday 0 … Sunday 6, for a weekday in bokmål, nynorsk or English, typed with or without "å"/"ø"
    ("måndag", "mandag", "laurdag", "lordag", "sundag")."""
    if word in _WEEKDAYS:
        return _WEEKDAYS[word]
    plain = word.replace("aa", "a").replace("å", "a").replace("oe", "o").replace("ø", "o")
    return _WEEKDAY_PREFIX[plain[:3]]


_WEEKDAY_PREFIX = {
    **{"man": 0, "mon": 0, "tir": 1, "tys": 1, "tue": 1, "ons": 2, "wed": 2, "tor": 3, "thu": 3},
    **{"fre": 4, "fri": 4, "lor": 5, "lau": 5, "sat": 5, "son": 6, "sun": 6},
}
_NUMBER_WORDS = {
    "en": 1,
    "ett": 1,
    "én": 1,
    "one": 1,
    "a": 1,
    "to": 2,
    "two": 2,
    "tre": 3,
    "three": 3,
    "fire": 4,
    "four": 4,
    "fem": 5,
    "five": 5,
    "seks": 6,
    "six": 6,
    "sju": 7,
    "syv": 7,
    "seven": 7,
    "ei": 1,
    "eit": 1,
    "couple of": 2,
    "par": 2,
}
# Today, yesterday and the day before, as said ("i forrigårs" is a common typing of "i forgårs").
_NEAR_DAYS = (
    r"(?P<today>\bi dag\b|\bidag\b|\bi morges\b|\bi formiddag\b|\bi ettermiddag\b|\bi kveld\b|\btoday\b"
    r"|\bthis (?:morning|afternoon|evening)\b|\bearlier today\b)"
    r"|(?P<yesterday>\bi går\b|\bigår\b|\byesterday\b|\blast night\b|\bi går kveld\b)"
    r"|(?P<before_yesterday>\bi forr?i?gårs\b|\bday before yesterday\b)"
)
# A weekday, the last one before the text was written, or of last week ("tysdag i førre veke").
_WEEKDAY_PHRASE = (
    r"(?P<weekday>\b(?:(?P<last_week_first>(?:i |)(?:forrige|førre|sist) (?:uke|veke)(?:, på | på | )"
    r"|last week(?:, on | on | ))"
    r"|(?:forrige|førre|sist|på|siden|sidan|sia|i|last|on|this past|since|fra|frå) )?"
    r"(?P<wd>mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|måndag|tysdag|laurdag|sundag|monday"
    r"|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:en|s)?(?P<wd_last_week> (?:i |)(?:forrige|førre|sist) (?:uke|veke)| last week)?\b)"
)
_DATE = words(
    _NEAR_DAYS
    + r"|(?P<ago>\bfor (?P<n1>\d{1,2}|en|ett|én|ei|eit|to|tre|fire|fem|seks|sju|syv|et par) (?P<u1>dag|dager"
    r"|dagar|uke|uker|veke|veker|vekor) (?:siden|sidan)\b"
    r"|\b(?P<n2>\d{1,2}|a|one|two|three|four|five|six|seven|a couple of) (?P<u2>days?|weeks?) ago\b)"
    r"|"
    + _WEEKDAY_PHRASE  # before a week alone: "i forrige uke onsdag" names the day
    + r"|(?P<last_week>\b(?:i |)(?:forrige|førre|sist|siste) (?:uke|veke)\b|\blast week\b)"
    r"|(?P<weekend>\b(?:i|forrige|sist) helg(?:a|en)?\b|\b(?:over|during|at) the weekend\b|\blast weekend\b)"
    r"|(?P<iso>\b(?P<iy>20\d{2})-(?P<im>\d{1,2})-(?P<id>\d{1,2})\b)"
    r"|(?P<numeric>(?<![\d.,/:-])(?P<nd>\d{1,2})[./](?P<nm>\d{1,2})(?:[./](?P<ny>\d{4}|\d{2}))?(?![\d]"
    r"|[./]\d))"
    r"|(?P<day_month>\b(?P<dd>\d{1,2})(?:\.|st|nd|rd|th)?\s*(?:of\s+)?"
    + _MONTH
    + r"(?:\s*,?\s*(?P<dy>\d{4}))?\b)"
    r"|(?P<ordinal>\b(?:on|since|from) the (?P<od>\d{1,2})(?:st|nd|rd|th)\b(?!\s*(?:of\b|time|floor|place))"
    r"(?!\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))"
    r"|(?P<month_day>\b" + _MONTH.replace("month", "month2") + r"\s+(?P<md>\d{1,2})(?:st|nd|rd|th)?\b(?!:)"
    r"(?:\s*,?\s*(?P<my>\d{4}))?)"
)
_DATE_NOT_OBSERVED = re.compile(
    r"\b(?:frist|deadline|innen|by|before|før|med virkning|effective|gjeldende|"
    # a habit: "every Monday when we close the week" dates no problem
    r"hver|every|each|kvar|alle|skulle|should|"
    r"until|til og med|t\.o\.m|neste|next|møte\w*|meeting|kurs\w*|faktura\w*|invoice\w*|avtale\w*|agreement|"
    r"revisjon\w*|audit|ferie\w*|vacation|holiday|kl|klokken|at|version|versjon|v|"
    # an appointment, a visit or a habit: "the inspection on Friday", "we usually run it on Thursday"
    r"inspection|tilsyn\w*|kontroll\w*|befaring\w*|visit|besøk\w*|training|opplæring\w*|presentation"
    r"|workshop|webinar|deadline\w*|due|forfall\w*|usually|normally|vanligvis|normalt|pleier|typically|"
    # when something runs out: "the certificate expires on 14 January", "kontrakten som gjekk ut 30. november"
    r"expires?|expired|expiry|expiring|utløper|utløpt|utløpsdato|går ut|gjekk ut|gikk ut|renewal|fornyes|"
    # a date after an event names when that happened (an import, an update), not when the problem was seen
    r"oppdatering\w*|update\w*|upgrade\w*|oppgradering\w*|release\w*|imported|importert|created|opprettet|"
    r"installed|installert|sent|sendt|received|mottatt|changed|endret|registered|"
    r"fungerte|virket|funket|worked|was there|var der|was fine|gikk fint)\b\.?\s*(?:(?:i|on|in|den|the|før"
    r"|before|of|by|på|til|"
    r"siden|since)\s+){0,2}$"
)
_NOT_ONLY = re.compile(r"\b(?:ikke|ikkje|not) (?:bare|berre|only|just|kun)\s*$")
_WAS_FINE = re.compile(
    r"\s*,?\s*(?:så alt|var alt|alt var|så det|everything (?:was|looked)|it (?:was|worked))"
    r" (?:normalt?|fint|greit|bra|fine|ok|normal)\b"
)
_DATE_FOLLOWS = re.compile(
    r"\s*,?\s*(?:den |the |)\d{1,2}(?:[./]\d|(?:\.|st|nd|rd|th|)\s*(?:of\s+)?"
    + _MONTH.replace("(?P<month>", "(?:")
    + r"\b)"
)
# "The supplier sent new versions last week": a date in a clause about someone else's action.
_EVENT_IN_CLAUSE = re.compile(
    r"\b(?:sent|sendte|imported|importerte|installed|installerte|released|created|opprettet|updated"
    r"|edited|redigerte|la inn|lagt inn|added|entered"
    r"|oppdaterte|"
    r"upgraded|oppgraderte|moved|flyttet|ordered|bestilte|signed|signerte|changed|endret|endra|switched"
    r"|byttet|approved|godkjent|godkjente|godkjend|published|publisert|publiserte|revised|revidert)\b"
)
# "Æ fær ikkje lagt inn tiltak i dag": the act that fails is the symptom, not someone else's event.
_FAILS_BEFORE = re.compile(
    r"\b(?:ikke|ikkje|not|can't|cannot|couldn't|unable to|failed to|won't|doesn't|didn't|don't)\s+"
    r"(?:\w+\s+){0,2}$"
)
# "Since the update this morning", "it started after we imported new employees on Monday": the event's
# date is when the problem began.
_EVENT_WORD = r"(?:update\w*|upgrade\w*|oppdater\w*|oppgrader\w*|import\w*|release\w*|install\w*)"
_SINCE_EVENT = re.compile(
    r"\b(?:since|siden|sidan|after|etter|following)\s+(?:(?:the|a|an|our|we|vi|dere|you|at|siste|last|latest"
    rf"|new|nye)\s+){{0,3}}{_EVENT_WORD}\b"
)
# A day guessed: "trur eg på onsdag", "maybe Tuesday" (a guess before it in its clause), "mandag, tror jeg".
_GUESS_BEFORE = re.compile(
    r"\b(?:tror|trur|trudde|trodde|kanskje|maybe|perhaps|probably|i think|i believe|muligens|antakelig)\b"
    r"(?!\s+(?:ikke|ikkje|not)\b)"
)
_EVERY_AFTER = re.compile(
    r"\s+(?:i|in|of)\s+(?:hver|hvert|kvar|kvart|every|each)\b(?!\s+(?:fall|tilfelle)\b)"
)
_GUESS_AFTER = re.compile(r"\s*,?\s*(?:tror jeg|trur eg|tror eg|i think|i believe)\s*(?:[.!?\n]|$)")
# "Begynte en gang i forrige uke": some day in a week is no date.
_SOME_TIME_IN = re.compile(
    r"\b(?:en gang|ein gong|engang|some ?time|at some point|i løpet av|in the course of|en dag|ein dag"
    r"|one day|some day)\s*$"
)
# "Vi får igjen ikke lukket avvik, i dag gjelder det AV-5102": the day it came back, not the first.
_AGAIN_WORDS = re.compile(
    r"\b(?:igjen|again|på nytt|once more|nok en gang|er tilbake|is back|came back|kom tilbake|atter)\b"
)
# "Since the update last week … we first noticed on Monday November 2": the first sighting is the date.
_FIRST_SEEN = re.compile(
    r"\b(?:first (?:noticed|saw|seen|spotted|happened|time)|første gang\w*|fyrste gong\w*|først)\b"
    r"(?:\s+\w+){0,2}\s*$"
)
# "We ran the fire safety course last week": the day of an event the customer held.
_HELD = re.compile(
    r"\b(?:ran|held|hosted|arranged|completed|attended|gjennomførte|gjennomført|holdt|arrangerte|fullførte"
    r"|fullført|deltok på|hadde)\b[^.!?\n]*\b(?:course|kurs|meeting|møte|training|opplæring|workshop"
    r"|webinar|drill|øvelse|session|audit|revisjon)\w*"
)
# "The course started on 2 November", "den nye ansatte begynte på mandag": a start that is not the problem's.
_STARTED = re.compile(
    r"\b(?:started|startet|starta|begynte|byrja|began|begun|joined|sluttet|slutta|left|held|holdt)\b"
)
_PROBLEM_SUBJECT = re.compile(
    r"\b(?:it|this|that|det|dette|den|feilen|problemet|the (?:problem|issue|error|bug)|the trouble|trøbbelet)"
    r"\s+(?:\w+\s+)?$"
    # "gjelder alle brukere, og startet 3. november": the verb shares the sentence's subject, the problem
    r"|(?:,|\bog|\band|\bsom|\bwhich)\s*$"
)
# A span ("hele forrige uke", "all last week"), a plan ("han skulle ta vernerunden i dag"), the last time
# rather than the first ("sist gang var i dag"): none is the day the problem was first seen.
_SPAN_OR_PLAN = re.compile(
    r"(?:\b(?:i hele|hele|all|the whole|throughout|gjennom hele)\s+$)"
    r"|\b(?:skulle|skal|ska|sku|should|was going to|were going to|planned|planlagt|going to|will|har tenkt)\b"
    # ("Æ ska bare si ifra at appen har krasja sia mandag": saying, not planning)
    r"(?!\s+(?:bare\s+|berre\s+|just\s+)?(?:si|sei|seie|melde|fortelle|fortelja|let you know|tell)\b)"
    r"|\b(?:sist gang|siste gang|sist gong|last time|most recently|the latest)\b"
    # batch 7: the writer's own departure ("before I go on leave on Friday", "før jeg går ut i permisjon")
    # "Mattilsynet kommer på torsdag": a visit to come (Norwegian says the future in the present)
    r"|\bkommer\s+(?:hit\s+|til\s+oss\s+|tilbake\s+)?$"
    # a start to come, said in the present: "en ny lærling som begynner på mandag", "she starts on Monday"
    r"|\b(?:som|who|that)\s+(?:begynner|starter|byrjar|startar|starts|begins|is starting|is beginning)"
    r"\s+(?:hos oss\s+|with us\s+|here\s+|her\s+|)(?:på\s+|on\s+|)$"
    r"|\bbefore (?:i|we) (?:go|leave)\b|\bfør (?:jeg|vi|eg|me) (?:går|drar|reiser)\b|\bgo(?:ing)? on (?:leave"
    r"|holiday|vacation)\b"
)
# "Vernerunden fra i går", "the inspection from Friday": a thing named by its day.
_THING_FROM = re.compile(r"\b(?:\w{3,}(?:en|et|a|ene|ane)|the \w+) (?:fra|frå|from)\s+$")
_WEEKDAY_WORD = (
    r"(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|lordag|søndag|sondag|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday)"
)
_WEEKDAY_PAIR_AFTER = re.compile(rf"\s*(?:and|og|or|eller|to|til|te|-|–)\s*(?:on\s+)?{_WEEKDAY_WORD}")
_WEEKDAY_PAIR_BEFORE = re.compile(rf"{_WEEKDAY_WORD}\w*\s*(?:and|og|or|eller|to|til|te|-|–)\s*$")
# "for example 03/10 is read as 3 October", "f.eks. ei som var sjuk fra fredag": a date in an example.
_EXAMPLE_BEFORE = re.compile(
    r"\b(?:for example|for instance|e\.g\.|for eksempel|f\.\s?eks\.?|feks|eksempelvis|til dømes|t\.d\.)"
    r"[\s,:]*(?=\d)"
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_HABIT = re.compile(r"\b(?:usually|normally|typically|as a rule|vanligvis|normalt|pleier|pleide|som regel)\b")
_NUMERIC_CONTEXT = re.compile(r"\b(?:den|fra|siden|since|on|dato|date|d|the|skjedde|happened|oppstod)\.?\s*$")


def observed_on(low: str, original: str, sent_at: datetime | None) -> date | None:
    """The first date in the text that says when the problem was seen, resolved against `sent_at`."""
    today = sent_at.date() if sent_at is not None else None
    first: date | None = None  # the first date found, unless a later one is said to be the first seen
    for match in _DATE.finditer(low):
        before = low[max(0, match.start() - 25) : match.start()]
        clause = clause_before(low, match.start(), 50)
        since_event = _SINCE_EVENT.search(clause)
        not_observed = _DATE_NOT_OBSERVED.search(before)
        if not_observed and not (since_event and re.match(_EVENT_WORD, not_observed.group(0))):
            continue
        told = clause if not since_event else clause[: since_event.start()] + clause[since_event.end() :]
        if _someone_elses_event(told):
            continue  # "tiltakene vi har opprettet etter oppdateringen": made after it, not the problem
        if _HELD.search(clause):
            continue
        if (match.group("last_week") or match.group("weekend")) and _SOME_TIME_IN.search(before):
            continue
        if match.group("last_week") and not since_event:
            continue  # "Sidan førre veke", "jeg har sett det fra forrige uke": a week, no day to state
        if match.group("weekday") and _EVERY_AFTER.match(low, match.end()):
            continue  # "første tirsdag i hvert kvartal", "the first Monday of every month": a habit
        if _GUESS_BEFORE.search(" ".join(clause.split()[-3:])) or _GUESS_AFTER.match(low, match.end()):
            continue  # "trur eg på onsdag", "Monday, I think": a guess is asked, never stated
        clause_rest = re.split(r"[.,;!?\n]", low[match.end() : match.end() + 80], maxsplit=1)[0]
        if _AGAIN_WORDS.search(clause) or _AGAIN_WORDS.search(clause_rest):
            continue
        started = _STARTED.search(clause)
        if _SPAN_OR_PLAN.search(clause) or _THING_FROM.search(before):
            continue
        if _in_example(low, match.start()):
            continue
        # What happens today is seen today: "vernerunden vi startet i dag" dates the problem too.
        subject = clause[: started.start()].strip() if started and not match.group("today") else ""
        if (subject and not _PROBLEM_SUBJECT.search(subject + " ")) or _HABIT.search(clause):
            continue
        if _NOT_ONLY.search(before) or _WAS_FINE.match(low, match.end()):
            continue  # "ikke bare i dag", "i går så alt normalt ut": not the day it was seen
        if match.group("weekday") and (
            _WEEKDAY_PAIR_AFTER.match(low, match.end()) or _WEEKDAY_PAIR_BEFORE.search(before)
        ):
            continue  # "counts Saturday and Sunday as leave days": days of the week, not a date
        if match.group("weekday") and _DATE_FOLLOWS.match(low, match.end()):
            continue  # "fra tirsdag 3. november": the stated date that follows says it
        resolved = _resolve(match, before, original, today)
        if resolved is None:
            continue
        if today is not None and resolved > today:
            continue  # a date after the message is a deadline or a plan, not an observation
        if _FIRST_SEEN.search(low[max(0, match.start() - 40) : match.start()]):
            return resolved
        if first is None:
            first = resolved
    return first


def _in_example(low: str, at: int) -> bool:
    """Whether the date at `at` is in an example given in figures ("for example 03/10 is read as 3rd
    October instead of 10th March"): from the example to the sentence's end, dates illustrate a format and
    do not date the problem. A day in words after "for example" ("for example, yesterday the export
    failed") still dates it."""
    window = low[max(0, at - 150) : at + 1]
    cues = list(_EXAMPLE_BEFORE.finditer(window))
    return bool(cues) and not _SENTENCE_END.search(window, cues[-1].end())


def _someone_elses_event(clause: str) -> bool:
    """Whether the clause tells of an act (an import, an edit) that is not the failing act itself."""
    return any(not _FAILS_BEFORE.search(clause[: m.start()]) for m in _EVENT_IN_CLAUSE.finditer(clause))


_RELATIVE_DAY = words(_NEAR_DAYS + "|" + _WEEKDAY_PHRASE)


def relative_day(low: str, today: date) -> date | None:
    """The day a lowercased text names first by its relation to `today` (the day it was written): today,
    yesterday, the day before ("i forgårs"), or the last such weekday ("på måndag", "tysdag i førre
    veke"); None when it names none. Used for short answers, where no other reading of dates applies."""
    match = _RELATIVE_DAY.search(low)
    return _near_day(match.groupdict(), today) if match else None


def _near_day(groups: dict[str, str | None], today: date | None) -> date | None:
    """The day a match of `_NEAR_DAYS` or `_WEEKDAY_PHRASE` names, counted back from `today`."""
    if today is None:
        return None
    if groups.get("today"):
        return today
    if groups.get("yesterday"):
        return today - timedelta(days=1)
    if groups.get("before_yesterday"):
        return today - timedelta(days=2)
    wd = groups.get("wd")
    if wd is None:
        return None
    weekday = weekday_number(wd)
    if groups.get("wd_last_week") or groups.get("last_week_first"):
        return today - timedelta(days=today.weekday() + 7) + timedelta(days=weekday)
    return _last_weekday(today, weekday)


def _resolve(match: re.Match[str], before: str, original: str, today: date | None) -> date | None:
    kind = match.lastgroup
    groups = match.groupdict()
    if groups["today"] or groups["yesterday"] or groups["before_yesterday"] or groups["weekday"]:
        return _near_day(groups, today)
    if groups["ago"]:
        if today is None:
            return None
        amount = groups["n1"] or groups["n2"] or "1"
        unit = groups["u1"] or groups["u2"] or "dag"
        n = int(amount) if amount.isdigit() else _NUMBER_WORDS.get(amount.replace("et ", ""), 1)
        return today - timedelta(days=n * (7 if unit.startswith(("uke", "week")) else 1))
    if groups["last_week"]:
        # A week, not a day: its Monday is the earliest the problem can have been seen.
        return today - timedelta(days=today.weekday() + 7) if today else None
    if groups["weekend"]:
        return _last_weekday(today, 5) if today else None
    del kind
    year: int | None
    if groups["iso"]:
        return _safe_date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
    if groups["numeric"]:
        if groups["ny"] is None and not _NUMERIC_CONTEXT.search(before):
            return None  # "10.05" without a year is as often a time or a version as a date
        year = _full_year(groups["ny"]) if groups["ny"] else None
        day, month = int(groups["nd"]), int(groups["nm"])
        if (
            month > 12 >= day
            and "/" in match.group("numeric")
            and year is None
            and re.search(r"\b(?:since|from|on|started|began|until)\s*$", before)
        ):
            day, month = month, day  # "since 3/20": the American month first, as no month has 20
        return _with_year(day, month, year, today)
    if groups["day_month"]:
        month_word = groups["month"]
        if not _month_word_ok(month_word, match.start("month"), original):
            return None
        year = int(groups["dy"]) if groups["dy"] else None
        return _with_year(int(groups["dd"]), _MONTHS[month_word], year, today)
    if groups["ordinal"]:
        return _in_this_or_last_month(int(groups["od"]), today)
    if groups["month_day"]:
        month_word = groups["month2"]
        if not _month_word_ok(month_word, match.start("month2"), original):
            return None
        year = int(groups["my"]) if groups["my"] else None
        return _with_year(int(groups["md"]), _MONTHS[month_word], year, today)
    return None


def _in_this_or_last_month(day: int, today: date | None) -> date | None:
    """ "On the 25th": that day of this month, or of last month when it is still ahead."""
    if today is None:
        return None
    candidate = _safe_date(today.year, today.month, day)
    if candidate is not None and candidate <= today:
        return candidate
    last_month = today.replace(day=1) - timedelta(days=1)
    return _safe_date(last_month.year, last_month.month, day)


def _month_word_ok(word: str, start: int, original: str) -> bool:
    # "may" and "mar" are also ordinary English words; as months they are written with a capital.
    if word in ("may", "mar", "jun", "jul"):
        return original[start : start + 1].isupper()
    return True


def _last_weekday(today: date, weekday: int) -> date:
    """The latest `weekday` strictly before `today` ("fredag" said on a Friday means a week ago)."""
    days = (today.weekday() - weekday) % 7 or 7
    return today - timedelta(days=days)


def _full_year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _with_year(day: int, month: int, year: int | None, today: date | None) -> date | None:
    """A date; without a year, the latest such date not after `today` (None when there is no today)."""
    if year is not None:
        return _safe_date(year, month, day)
    if today is None:
        return None
    candidate = _safe_date(today.year, month, day)
    if candidate is None:
        return _safe_date(today.year - 1, month, day)
    if candidate > today:
        # Within a month ahead it is a date to come ("our audit is on 3 December"), not last year's.
        if (candidate - today).days <= 31:
            return None
        return _safe_date(today.year - 1, month, day)
    return candidate


_ONCE = words(
    r"\b(?:bare|kun) (?:skjedd |skjedde |hendt |hendte |vært |)(?:én|en|1) gang\b|\bengangstilfelle\w*"
    r"|\bengangs\w*"
    r"|\bikke (?:skjedd|hendt|gjentatt seg|kommet tilbake|oppstått) (?:igjen|siden|på nytt)\b"
    r"|\bikke (?:gjentakende|gjentagende)\b|\bhar ikke gjentatt seg\b|\bskjedde (?:bare |kun |)(?:én"
    r"|en) gang\b"
    r"|\b(?:only|just) (?:happened |occurred |)(?:one time|a single time)\b"
    r"|\b(?:bare|kun|berre) (?:skjedd |skjedde |hendt |hendte |vore |vært |)(?:ein|éin) gong\b"
    r"|\b(?:bare|kun|berre) (?:sett|opplevd|merka|merket|hatt) (?:det |den |)(?:én|en|ein|éin|1) g[ao]ng\b"
    r"|\b(?:only|just) (?:seen|noticed|had) (?:it|this|that) once\b"
    r"|\bonly (?:happened |occurred |)once\b|\bjust once\b|\bone-off\b(?! (?!(?:thing|issue|problem|event"
    r"|incident|glitch|error|bug)\b)[a-z])|\bone[- ]time (?:thing|issue|event"
    r"|occurrence)\b"
    r"|\b(?:has not|hasn't|did not|didn't|have not|haven't) (?:happened|occurred|come back|reappeared"
    r"|recurred)"
    r" (?:again|since)\b|\bnot recurring\b|\bhappened (?:only |just |)once\b|\bsingle (?:incident"
    r"|occurrence)\b"
)
_AGAIN = words(
    r"\bhver gang\b|\bgjentakende\b|\bgjentagende\b|\bgjentar seg\b|\bskjer stadig\b|\bstadig vekk\b"
    r"|\bhele tiden\b|\bigjen og igjen\b|\bgang på gang\b|\bhver (?:dag|morgen|uke|kveld|måned|innlogging)\b"
    r"|\bflere ganger\b|\bjevnlig\b|\bav og til\b|\binnimellom\b|\bsporadisk\b|\bperiodevis\b|\balltid\b"
    r"|\bskjer (?:igjen|fortsatt|hver)\b|\bfortsatt (?:et |)problem\b|\bkan reprodusere\b|\breproduserbar\w*"
    r"|\b(?:every|each) (?:time|day|morning|week|month|login|attempt)\b"
    # batch 7: "same issue again", "every weekday", "har aldri fungert" (it fails whenever it is tried),
    # "skjedd to gonger til", "to ganger nå"
    r"|\b(?:same|samme) (?:issue|problem|error|bug|feil|feilen|problemet) (?:again|igjen)\b"
    r"|\bevery (?:weekday|working day|workday|business day)\b|\bhver (?:hverdag|arbeidsdag|virkedag)\b"
    r"|\b(?:det|dette|den|it|this|that|\w+en|\w+et) (?:har|has) (?:aldri|never)"
    r" (?:fungert|virket|verka|worked)\b"
    r"|\b(?:to|tre|fire|\d+) g[ao]nger? (?:til|nå)\b|\b(?:two|three|four|\d+) (?:more|further) times\b"
    r"|\bkeeps? (?:happening|coming back"
    r"|failing|crashing)\b"
    r"|\brecurring\b(?! (?!(?:problem|issue|error|bug|fault|crash)\w*)[a-z])|\brepeatedly\b|\bconstantly\b"
    r"|\ball the time\b|\bagain and again\b|\bconsistently\b"
    r"|\b(?:down|nede|failing|feiler|crashing|krasjer|broken|unavailable|utilgjengelig)\b[^.!?\n]{0,20}"
    r"\b(?:continuously|kontinuerlig)\b"
    r"|\bseveral times\b|\bmultiple times\b|\bsometimes\b|\boccasionally\b|\bintermittent\w*\b|\balways\b"
    r"|\bfrom time to time\b|\breproducible\b|\bcan reproduce\b|\bhver eneste gang\b|\bhappens again\b"
)


_WEEKDAY_NAMES = (
    r"(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|monday|tuesday|wednesday|thursday|friday)"
)
# Kinds the lists above miss (issue 15): a count ("twice this morning"), "every single", nynorsk "kvar
# gong", a weekly habit of the problem, and a problem that came back after seeming a fluke.
_MORE_AGAIN = words(
    r"\b(?:twice|three times|(?:two|three|four|\d+) times) (?:this|today|already|now|in a row)\b"
    r"|\b(?:to|tre|fire|\d+) g[ao]nger (?:i dag|i morges|i går|allerede|på rad|denne uka|denne uken|siden"
    r"|sidan|etter det)\b|\b(?:two|three|four|\d+) times since\b"
    r"|\bevery single\b(?! (?:user|person|one|employee|colleague|account|member|site|office)s?\b)"
    r"|\bhver eneste\b(?! (?:bruker|person|ansatt|kollega|en\b|ein\b))"
    r"|\bkvar (?:gong|gang|einaste(?! (?:brukar|tilsett|person|kollega))|dag|veke)\b|\bkv[eæ]r gang\b"
    # batch 11: it came before ("Dette har skjedd før også", "this has happened before", "noe som går igjen")
    r"|\b(?:has|have|had) happened before\b|\bhar (?:skjedd|hendt|skjett) (?:før|tidligere|tidlegare)\b"
    r"|\bsom går igjen\b"
    # batch 10: "the third staff meeting in a row", "tredje gongen på rad", "is empty again since Thursday"
    r"|\b(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) (?:[\w-]+ |)(?:time|day|week|meeting|report|shift"
    r"|night|morning|export|run|login|attempt|upload|month|inspection|audit)s? in a row\b"
    r"|\b(?:andre|tredje|fjerde|femte) (?:gang|gangen|gong|gongen|dag|dagen|døgnet|møtet|natta|natten|morgen"
    r"|morgonen|uka|veka|gangen nå) på rad\b"
    r"|\b(?:is|are|er|e) (?:empty|blank|broken|wrong|gone|missing|slow|stuck|frozen|failing|tom|tomt"
    r"|tomme|feil|borte|treg|treigt) (?:again|igjen) (?:since|siden|sidan|sia)\b"
    r"|\b(?:feilen|problemet|the (?:error|problem|issue|bug|fault)) (?:er|is) (?:tilbake|back)\b"
    r"|\b(?:skjedd|skjer|skjedde|hender|hendt|hendte|happened|happens|happening|occurs|occurred) (?:på|med"
    r"|for|with|on|to|in|i) (?:alle|all|all of the|all the) \w+(?:er|ar|ene|ane|s)\b"
    rf"|\bon {_WEEKDAY_NAMES}s\b"
    r"|\b(?:it's|it is|they're|it has come) back\b|\b(?:er|var) (?:det|den|feilen) tilbake\b"
    r"|\b(?:the same|det samme) (?:happens|happened|skjer|skjedde) (?:again |igjen |)(?:today|i dag|now|nå)\b"
    r"|\bkeeps? \w+ing\b"
)
# More everyday counts and rhythms: "every other day", "the third time this week", "now and then",
# "whenever we save", "it's still happening".
_EVERYDAY_AGAIN = words(
    r"\bevery (?:other|second|few|couple of) (?:days?|weeks?|hours?|times?|mornings?)\b|\bannenhver (?:dag"
    r"|uke"
    r"|gang|morgen)\b|\bkvar andre (?:dag|veke)\b"
    r"|\b(?:for |)the (?:second|third|fourth|fifth|2nd|3rd|4th|5th) time\b|\b(?:andre|tredje|fjerde|femte) "
    r"(?:gang|gangen|gong|gongen)\b"
    r"|\b(?:a few|several|many|multiple|a couple of|numerous|countless|mange|noen|flere|et par|fleire|nokre"
    r"|enkelte) (?:times|ganger|gonger)\b"
    r"|\bgang etter gang\b|\bgong etter gong\b|\bany ?time (?:i|we|you|someone|they|he|she)\b"
    # (not the courtesy "whenever you have time", "whenever it suits you")
    r"|\bwhenever\b(?! (?:you|u) (?:have|get|find) (?:the |some |a |)(?:time|moment|minute|chance)\b"
    r"| (?:you|u) can(?=\s*(?:[.,!]|$))| it suits you\b| (?:convenient|possible)\b)"
    r"|\b(?:still|fremdeles|fortsatt|framleis|stadig) (?:happening|happens|occurring|occurs|skjer|hender"
    r"|skjer det)"
    r"\b|\bskjer (?:det |)(?:fremdeles|framleis|stadig)\b|\bandre ganger\b|\bnow and (?:then|again)\b"
    r"|\b(?:en|ei|ein) gang (?:i blant|imellom|innimellom)\b|\b(?:off and on|on and off|at times)\b"
    r"|\bnot always\b|\bsome days\b|\b(?:noen|enkelte|nokre) dager\b"
)
# "I tried again today": a retry, not the problem coming back.
_RETRIED = re.compile(r"\b(?:tried|try|trying|prøvde|prøvd|prøver|prøve|prøvd det)\s+$")
# "Vi har oppdatert tre gonger sidan": what the customer did that many times, not the problem.
_DONE_SINCE = re.compile(r"\b(?:oppdatert|oppdaterte|updated|restarted|restartet|installert|installed)\s+$")
# "Uansett kva eg vel no, så fungerer det": whatever is tried, it works; no failure that comes back.
_WORKS_AFTER = re.compile(
    r"[^.!?\n]{0,30}\b(?<!ikke )(?<!ikkje )(?<!not )"
    r"(?:fungerer|fungerar|virker|verkar|funker|works|working)\b"
    r"(?!\s+(?:ikke|ikkje|not)\b)"
)
# Batch 5 kinds (issue 15): the problem seen on two days ("i går og i dag au", "yesterday and again
# today", "igjen i dag").
_TWO_DAYS = words(
    r"\b(?:i går|yesterday|i forgårs|i forrigårs) (?:og|and|&) (?:again |igjen |then |så |)(?:i dag|today"
    r"|this morning|i morges|i morgest)\b"
    r"|\b(?:i går|yesterday) (?:og|and) (?:no|nå|now) (?:i dag|today) (?:igjen|again)\b"
    r"|\b(?:i dag|today|this morning|i morges|i morgest) (?:igjen|again|au|også|òg|too)\b"
    r"|\b(?:again|igjen) (?:i dag|today|this morning|i morges|i morgest)\b"
    # batch 6: "today it was empty again", "this morning and again just now", "it's not one time", "not a
    # single time since", "nå er det på'n igjen", "det va sånn forrige uke og"
    # "today it was empty again" names the problem, not a retry ("today I uploaded it again")
    r"|\b(?:i dag|today|this morning|i morges|i morgest),? (?:it|det|den|the \w+|\w+en|\w+et)"
    r" (?:was|is|var|er|failed|feilet|crashed|krasjet|kom|came|happened|skjedde) [^.!?\n]{0,25}"
    r"\b(?:igjen|again)\b"
    r"|\b(?:this morning|earlier|yesterday|i morges|tidligere|i går) (?:and|og) (?:again|igjen)"
    r" (?:just now|now|today|nå|i dag|nettopp)\b"
    r"|\b(?:not|ikke|ikkje) (?:a |an |en |ein |et |eit |)(?:one[- ]time|one-off|engangstilfelle"
    r"|engangshendelse|enkelttilfelle|e[in]*ng[ao]ngs(?:feil|tilfelle|hending|hendelse))"
    r"(?=\s*[.,!;]|\s*$| (?:thing|issue|problem|event|incident|error|glitch"
    r"|feil|hendelse)\b)"
    r"|\b(?:en|ein|éin|a) (?:eneste|einaste|single) (?:gang|gong|time) (?:sidan|siden|since)\b"
    # "on Tuesday and then again on Thursday", "ikke første gang"
    r"|\b(?:and|og) (?:then |så |)(?:again|igjen) (?:on|på|i) \w+(?:day|dag|dagen)\b"
    r"|\b(?:ikke|ikkje|not) (?:den |the |)(?:første|fyrste|first) (?:gang|gongen|gangen|gong|time)\b"
    r"(?! (?:(?:that |)(?:i|we|jeg|eg|vi|me) )?(?:write|writes|wrote|skriver|skriv|contact|kontakter|ask|spør"
    r"|report|melder|have to|må)\b)"
    r"|\b(?:er det|det er|e det|det e) på'?n? igjen\b"
    r"|\b(?:var|va|was) (?:det |)(?:sånn|slik|likt|det samme|the same)\b[^.!?\n]{0,20}"
    r"\b(?:forrige|førre|sist|last) (?:uke|veke|week|month|måned|gang|time)\s*(?:og|også|au|òg|too|as well)\b"
)
# "Every photo I attach" is each attempt; "every month I export" is a routine, read with `_AGAIN`.
_EVERY_ATTEMPT = words(
    r"\bevery (?!(?:day|week|month|year|quarter|morning|evening|night|weekday|time)\b)\w+"
    r" (?:i|we|they|he|she|you) (?:attach|upload|open|save|send|create|export|print|add|try"
    r"|sign)\w*"
    r"|\b(?:hvert|hver|kvart|kvar) \w+ (?:jeg|vi|eg|me|de|dei) (?:legger|laster|åpner|lagrer|sender|lager"
    r"|eksporterer|skriver|prøver|signerer)\b"
    # "no matter what I type", "uansett hva jeg skriver": every try fails
    r"|\b(?:no matter|regardless of) (?:what|which|how) (?:i|we|they|you) (?:type|enter|do|try|pick|choose"
    r"|select|click|write|put)\b|\bwhatever (?:i|we) (?:type|enter|do|try|pick|choose|select)\b"
    r"|\b(?:uansett|same|samme) (?:hva|kva|hvilken|kva for|åssen|hvordan) (?:jeg|vi|eg|me|dei|de) (?:skriver"
    r"|skriv|gjør|gjer|prøver|prøvar|velger|vel|legger inn|taster|trykker)\b"
)
_EVERYDAY_ONCE = words(
    r"\b(?:skjedde|hendte|hende|happened|occurred) (?:bare|kun|berre|only|just) (?:i går|i dag|yesterday"
    r"|today"
    r"|on \w+day|på \w+dag|den \d+|on the \d+)"
    r"|\b(?:since then|after that|siden da|etter det|etterpå) (?:it(?:'s| has| is) |det har |har det |det "
    r"|)(?:been |vært |gått |gikk |)(?:fine|ok|okay|normal|working|fint|greit|bra|normalt)\b"
    r"|\b(?:has been|have been|worked|har gått|har virket|har fungert) (?:fine|ok|normally|fint|greit|bra"
    r"|normalt) (?:since|etterpå|siden)\b"
)
_MORE_ONCE = words(
    r"\b(?:just|only) (?:that|this|the) (?:one|single) time\b|\b(?:bare|berre|kun) (?:den|denne|den eine"
    r"|den ene) (?:ene |eine |)gong(?:en)?\b|\b(?:bare|kun) den ene gangen\b|\bmaybe a one-off\b"
    r"|\b(?:bare|kun|berre|only|just) (?:\w+ ){0,2}(?:denne|den|this|that) (?:ene |eine |one |)(?:gangen"
    r"|gongen"
    r"|gang|time)\b"
)


# Batch 3 (issue 15): a rhythm that is not the problem's. The customer's own routine ("vi kjører alltid ut
# rapporten hver mandag"), what they want set up ("we'd like it to pop up each week", "hvordan får vi den
# til å komme hver uke"), or how it used to work ("før fekk vi det alltid med ein gong").
_WE = r"(?:vi|we|jeg|i|eg|me|our \w+|vår \w+|\w+en vår)"
_ROUTINE_VERB = (
    r"(?:kjører|kjørte|bruker|brukar|fyller|fyll|fills?|run|runs|ran|use|uses|prints?|sender|sends?|exports?"
    r"|eksporterer|lager|makes?|holder|holds?|pleier|usually|vanligvis)"
)
# The routine's verb right before the phrase ("vi kjører alltid", "we run the export on Fridays"), around
# it ("we always run"), or after it with its subject ("every Monday we run it"); "we use Chrome and it
# crashes every time" is the problem's rhythm.
_ROUTINE_BEFORE = re.compile(rf"\b{_WE}\s+(?:\w+\s+)?{_ROUTINE_VERB}\s+(?:[\w-]+\s+){{0,2}}$")
_SUBJECT_BEFORE = re.compile(rf"\b{_WE}\s+$")
_VERB_AFTER = re.compile(rf"\s*{_ROUTINE_VERB}\b")
_ROUTINE_AFTER = re.compile(rf"\s*(?:when |når |){_WE}\s+(?:\w+\s+)?{_ROUTINE_VERB}\b")
# Norwegian puts the verb before its subject after a fronted phrase: "hver måned tar jeg ut en rapport";
# "sometimes I forget one" is the writer's own lapse.
_ROUTINE_INVERTED = re.compile(
    r"\s*(?:tar|tek|henter|kjører|køyrer|sender|lager|lagar|eksporterer|bruker|brukar|fyller|printer"
    r"|skriver)\s+(?:jeg|vi|eg|me)\b|\s*(?:i|we)\s+(?:forget|forgot)\b"
)
# Batch 7: "avvik bruker vi hele tiden" (the verb before its subject, before the phrase); "emailed on the
# 1st of every month", "den 1. hver måned" (a calendar's schedule); "our dentists keep typing names" (what
# people do, not what the system does).
_INVERTED_BEFORE = re.compile(rf"\b{_ROUTINE_VERB}\s+(?:vi|jeg|eg|me)\s+$")
_SCHEDULE_BEFORE = re.compile(
    r"\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:day\s+)?of\s+$|\bden\s+\d{1,2}\.\s+(?:i\s+)?$"
)
_PEOPLE_KEEP = re.compile(
    r"(?:people|staff|users|employees|colleagues|workers|they|we|i|nurses|carers|teachers|drivers|\w+ists"
    r"|\w+ers|\w+ors)\s+keeps?\s+(?:typing|entering|writing|forgetting|asking|calling|adding|using|putting|making|creating"
    r"|registering|filling|choosing|picking)\b"
)
# "I did it many times already": the writer's own past success, not the problem's rhythm.
_DONE_BEFORE = re.compile(
    r"\b(?:did|done|gjort|gjorde|gjort det|used|brukt)\s+(?:it|this|that|det|dette|den)\s+(?:\w+\s+)?$"
)
_WISH = re.compile(
    r"\b(?:we'd like|we would like|i'd like|would like|want to|wants to|how (?:do|can|to|should)"
    r"|is it possible|can we|could we|ønsker å|ønsker at|vil gjerne|hvordan|kan vi|kunne vi|går det an"
    r"|er det mulig|slik at|set (?:up|it)|sette opp|setje opp|schedule|planlegge)\b"
)
_USED_TO = re.compile(
    r"\b(?:før|tidligere|tidlegare)\s+(?:\w+\s+)?(?:fikk|fekk|var|gikk|fungerte|virket|verka|kom|hadde|såg"
    r"|så)\s+(?:\w+\s+){0,2}$"
    r"|\b(?:used to|previously|until (?:now|recently)|in the past)\s+(?:[\w-]+\s+){0,2}$"
)
# "We'd like to know why it fails every time": a wish about the problem still tells its rhythm.
_SYMPTOM = re.compile(
    r"\b(?:fail\w*|feil\w*|crash\w*|error\w*|problem\w*|krasj\w*|henger|hangs?|stops?|stopper|ikke|ikkje"
    r"|not|never|aldri|disappear\w*|forsvinn\w*|lost|\w+n't|empty|tom|tomt|blank|wrong|galt|missing|mangler"
    r"|borte|gone|freez\w*|fryser|times? out|timeout|slow|treg|spinn\w*|grey\w*|gray\w*|grå|different"
    r"|forskjellig\w*|annerledes)\b"
)


def _sentence_start(low: str, at: int) -> int:
    """Where the sentence holding offset `at` starts, an abbreviation's period ("etc.", "f.eks.") being
    no sentence end; at most 300 characters back."""
    end = at
    while True:
        start = max(low.rfind(mark, 0, end) for mark in ".!?\n")
        if start < 0 or start < at - 300:
            return max(start + 1, at - 300, 0)
        if low[start] != "." or not _ABBREVIATION_END.search(low, max(0, start - 6), start + 1):
            return start + 1
        end = start


_ABBREVIATION_END = re.compile(r"\b(?:etc|osv|e\.g|f\.eks|i\.e|bl\.a|ca|m\.m|dvs|evt|ev|mm)\.$")


def _not_the_problems_rhythm(low: str, match: re.Match[str]) -> bool:
    """Whether a rhythm phrase tells the customer's routine, a wish or the old normal (see `_WISH`)."""
    before = clause_before(low, match.start(), 80)
    after = re.split(r"[.,;!?\n]", low[match.end() : match.end() + 40], maxsplit=1)[0]
    when = _ROUTINE_AFTER.match(after)
    if when and when.group(0).lstrip().startswith(("when ", "når ")):
        # "Every month when I run the report, the numbers are different": the problem's rhythm
        end = match.end() + when.end()
        if _SYMPTOM.search(re.split(r"[.!?\n]", low[end : end + 120], maxsplit=1)[0]):
            return bool(_USED_TO.search(before))
    routine = (
        _ROUTINE_BEFORE.search(before)
        or (_SUBJECT_BEFORE.search(before) and _VERB_AFTER.match(after))
        or when
        or _ROUTINE_INVERTED.match(after)
        or _DONE_BEFORE.search(before)
        or _INVERTED_BEFORE.search(before)
        or (_SCHEDULE_BEFORE.search(before) and not _SYMPTOM.search(before))
        or _PEOPLE_KEEP.search(low[max(0, match.start() - 20) : match.end()])
    )
    wish = _WISH.search(before)
    if wish is None:
        # "Går det an å lage én sjekkliste ..., uten at jeg må opprette en ny hver morgen?": a question
        # about a wish, however far back in the sentence it starts
        start = max(low.rfind(mark, 0, match.start()) for mark in ".!?\n") + 1
        end = min((i for i in (low.find(m, match.end()) for m in ".!?\n") if i >= 0), default=len(low))
        if low[end : end + 1] == "?":
            wish = _WISH.search(low[start : match.start()])
            before = low[start : match.start()]
        else:
            # "I would like to know how I can create a template (stage, exits, etc.) and use it for every
            # event": a long question put as a statement, its periods no sentence ends
            opened = _sentence_start(low, match.start())
            asked = _WISH.search(low[opened : match.start()])
            if asked and not _SYMPTOM.search(low[opened:end]):
                wish = asked
                before = low[opened : match.start()]
    if wish and _SYMPTOM.search(before[wish.end() :] + match.group(0) + after):
        wish = None
    return bool(routine or wish or _USED_TO.search(before))


def recurring(low: str) -> bool | None:
    # "ikke et engangstilfelle", "not a one-off": a negated one-off says it comes back.
    if any(
        not negated(low, m.start(), m.end())
        for pattern in (_ONCE, _MORE_ONCE, _EVERYDAY_ONCE)
        for m in pattern.finditer(low)
    ):
        return False
    for match in _AGAIN.finditer(low):
        if _not_the_problems_rhythm(low, match):
            continue
        if "nger " in match.group(0) and _RETRIED.search(low[max(0, match.start() - 20) : match.start()]):
            continue  # "har prøvd tre ganger nå": one failure tried again, not a problem that comes back
        phrase = match.group(0)
        # "ikke hver gang" still means it comes back; only a negated "gjentakende" says it does not.
        if phrase in ("hver gang", "every time", "alltid", "always") or not negated(
            low, match.start(), match.end()
        ):
            return True
    if any(
        not negated(low, m.start(), m.end())
        and not _not_the_problems_rhythm(low, m)
        # "vi har oppdatert tre gonger sidan": what the customer did, not the problem
        and not _DONE_SINCE.search(low[max(0, m.start() - 20) : m.start()])
        for m in _MORE_AGAIN.finditer(low)
    ):
        return True
    if any(
        not _not_the_problems_rhythm(low, m) and not _WORKS_AFTER.match(low, m.end())
        for m in _EVERY_ATTEMPT.finditer(low)
    ):
        return True
    if any(
        not negated(low, m.start(), m.end())
        and not _not_the_problems_rhythm(low, m)
        and not _RETRIED.search(low[max(0, m.start() - 20) : m.start()])
        for m in _TWO_DAYS.finditer(low)
    ):
        return True
    if any(
        (m.group(0) == "not always" or not negated(low, m.start(), m.end()))
        and not _not_the_problems_rhythm(low, m)
        for m in _EVERYDAY_AGAIN.finditer(low)
    ):
        return True
    return None
