"""The browser a problem is seen in ("Chrome 131") and the Landax App's platform and version."""

from __future__ import annotations

import re

from parsers.fields import Platform
from parsers.reading.text import FOLDS_APART, NEGATOR, clause_before, negated, words

__all__ = ["browser", "browser_at_start", "every_browser", "landax_app"]

_BROWSER_NAMES: tuple[tuple[str, str, bool], ...] = (
    # (pattern, canonical family, whether the bare word must be capitalised to count)
    (r"samsung internet|samsung-nettleser\w*|samsung browser", "Samsung Internet", False),
    (r"(?i:internet explorer)|\bIE(?=\s?\d{1,2}\b|\b)|\bMSIE", "Internet Explorer", True),
    (r"microsoft edge|ms edge|edge-nettleser\w*|edge browser|Edge", "Edge", True),
    (r"google chrome|chrome|chromium", "Chrome", False),
    (r"mozilla firefox|firefox", "Firefox", False),
    (r"Safari|safari-nettleser\w*|safari browser", "Safari", True),
    (r"Opera|opera gx|opera browser", "Opera", True),
    (r"Brave|brave browser|brave-nettleser\w*", "Brave", True),
    (r"Vivaldi|vivaldi browser", "Vivaldi", True),
)
_BROWSER = re.compile(
    r"(?<![\w/.-])(?:"
    + "|".join(
        f"(?P<b{i}>{p})" if strict else f"(?P<b{i}>(?i:{p}))"
        for i, (p, _, strict) in enumerate(_BROWSER_NAMES)
    )
    + r")(?![a-zA-Z-])"
    + r"(?i:(?P<esr_before>\s+esr\b)?[\s,]*(?:\(|-)?\s*(?:versjon|version|ver\.?|v\.?)?\s*"
    + r"(?P<version>\d{1,3})(?:\.[\d.]+)?(?![\d])(?P<esr>\s*esr\b)?)?",
)
# Every name in `_BROWSER_NAMES` contains one of these (lowercased), or "IE" as written.
_BROWSER_WORDS = (
    "samsung",
    "internet explorer",
    "edge",
    "chrom",
    "firefox",
    "safari",
    "opera",
    "brave",
    "vivaldi",
)
_USER_AGENT = re.compile(
    r"\b(?:(?P<edge>Edg|Edge)/(?P<ev>\d+)|OPR/(?P<ov>\d+)|SamsungBrowser/(?P<sv>\d+)|Firefox/(?P<fv>\d+)"
    r"|Chrome/(?P<cv>\d+)|Version/(?P<safv>\d+)[\d.]* (?:Mobile/\w+ )?Safari/)"
)
# "I work with Edge 131" is the writer's job, not the browser working ("we work normally in Firefox" is)
_WORKS = (
    r"fungerer|virker|funker|works|working|is fine|fine|ok|(?<!\bi )(?<!\bwe )work"
    r"|(?:i|we) work(?!\s+(?:with|on|at|as)\b)"
)
# Whether it works, either way, before a negated browser: "det går ikke i Chrome", "fungerer i Firefox, men
# ikke i Chrome".
_WORKS_OR_NOT = re.compile(rf"\b(?:{_WORKS}|går)\b[^.!?\n]{{0,40}}$")
# "Det går fint i Firefox"; "det skjedde i går, i Chrome" is a day, not a browser that works.
_WORKS_IN = re.compile(rf"\b(?:{_WORKS}|går (?:fint|bra|greit))\b[^.!?\n]{{0,40}}$")
_BROWSER_CONTEXT = words(r"\b(?:nettleser\w*|browser\w*|versjon|version)\b")


def browser(text: str) -> str | None:
    """Family and major version of the browser the problem is seen in, e.g. "Chrome 131"."""
    agent = _user_agent_browser(text)
    if agent:
        return agent
    low = text.lower()
    candidates: list[tuple[int, int, str]] = []
    makers = any(maker in low for maker in _INDIRECT_MAKERS)
    for match in _INDIRECT.finditer(low) if makers else ():
        maker = next(
            _INDIRECT_FAMILY[name] for name, found in match.groupdict().items() if found and name != "ver"
        )
        if not _guessed_or_past(low, match.start(), match.end()):
            rank = _works_rank(low, match.start(), match.end())
            candidates.append((rank, match.start(), _browser_value(maker, match.group("ver"))))
    if "IE" not in text and not FOLDS_APART.search(text) and not any(word in low for word in _BROWSER_WORDS):
        return _best(candidates)  # no browser named: the expression below costs twenty times this test
    for match in _BROWSER.finditer(text):
        family = _browser_family(match)
        if family is None:
            continue
        # Capitalised look-alike words ("on the Edge", "brave") only count next to browser words.
        if family in ("Edge", "Opera", "Brave", "Vivaldi", "Safari") and not _browser_word_near(low, match):
            name = match.group(0).split()[0]
            alone = re.match(r"\s*(?:[.,;:!?)]|$)", text[match.end() : match.end() + 3]) is not None
            if not name[:1].isupper() or (
                (match.start() == 0 or text[match.start() - 2 : match.start()] == ". ") and not alone
            ):
                continue  # "Edge." or "Edge, I think" alone names the browser; "Edge cases" does not
        start, end = match.start(), match.end()
        if _guessed_or_past(low, start, end):
            continue  # "kanskje Safari, usikker", "we used to be on Firefox": not today's browser, as a fact
        if negated(low, start, end, words_before=2):
            # "fungerer i Firefox, men ikke i Chrome": the negated one is where it fails.
            sentence_before = low[max(0, start - 60) : start]
            if _WORKS_OR_NOT.search(re.split(r"[.!?\n]", sentence_before)[-1][:60] + " x"):
                candidates.append((0, start, _browser_value(family, match.group("version"), _esr(match))))
            continue
        version = match.group("version")
        # A later "works in Firefox" names the browser that is fine, not the one with the problem.
        candidates.append((_works_rank(low, start, end), start, _browser_value(family, version, _esr(match))))
    return _best(candidates)


def _best(candidates: list[tuple[int, int, str]]) -> str | None:
    """The browser with the problem: the first one not said to work; None when every one named is said
    to work ("it works fine in Chrome" names no browser with the problem)."""
    best = min(candidates) if candidates else None
    return best[2] if best is not None and best[0] == 0 else None


def _works_rank(low: str, start: int, end: int) -> int:
    """1 where the browser at low[start:end] is said to work ("works in Firefox", "in Edge it is working"),
    else 0."""
    clause = clause_before(low, start, 40)
    if _WORKS_IN.search(clause) and not NEGATOR.search(clause):
        return 1
    after = re.split(r"[.,!?;\n]|\bbut\b|\bmen\b", low[end : end + 40])[0]
    if _AT_HOME.match(after):
        return 1  # "Safari on the office Macs, Chrome at home": the one at home is not where it fails
    return 1 if _WORKS_AFTER.match(after) and not NEGATOR.search(after) else 0


_AT_HOME = re.compile(r"\s*(?:\d+\s*)?(?:at home|on my home \w+|hjemme|heime|på hjemme-?pc\w*)\b")


# A browser named as a guess or as the one used before is not today's browser as a fact: the question
# round confirms a guess.
_GUESS = re.compile(
    r"\b(?:tror|trur|trodde|kanskje|maybe|probably|i think|i believe|possibly|perhaps|usikker|not sure"
    r"|ikke sikker|ikkje sikker|vet ikke|veit ikkje|don't know|muligens|antakelig|antageligvis)\b"
)
_PAST = re.compile(
    r"\b(?:used to|før brukte|brukte (?:vi|jeg|eg|me)|tidligere brukte|previously|before we switched"
    r"|switched from|byttet fra|bytta frå|gikk over fra|in the past|we were on)\b"
)


def _guessed_or_past(low: str, start: int, end: int) -> bool:
    clause = clause_before(low, start, 60)
    after = re.split(r"[.,!?;\n]|\bbut\b|\bmen\b", low[end : end + 40])[0]
    if re.match(
        r"[\s,]*(?:(?:en|ein|ei) gang |once |)(?:før|tidligere|tidlegare|previously|before)\b"
        r"(?! (?:\w+ ){0,2}(?:fungerte|virket|worked))(?! i dag| i morges| today| this morning)",
        after,
    ):
        return True  # "Vi brukte Chrome før, men nå…": the browser they used before
    return bool(_GUESS.search(clause) or _GUESS.search(after) or _PAST.search(clause) or _PAST.search(after))


# Browsers named by their maker: "Apple's own browser", "the Mozilla one", "den fra Microsoft".
_INDIRECT = words(
    r"(?:(?P<safari>apple(?:'s|s| sin)? (?:own |egen |)(?:browser|nettleser)\w*)"
    r"|(?P<firefox>(?:the |)mozilla(?! firefox)(?: one| browser|-nettleseren| sin nettleser|)\b)"
    r"|(?P<edge>microsoft(?:'s|s| sin)? (?:own |egen |)(?:browser|nettleser)\w*|the microsoft one"
    r"|(?:nettleser\w*|browser)\b[^.!?\n]{0,50}\b(?:den |the one |)(?:fra|from) microsoft)"
    r"|(?P<chrome>google(?:'s|s| sin)? (?:own |egen |)(?:browser|nettleser)\w*))"
    r"(?:[\s,]*(?:versjon|version|ver\.?|v\.?)\s*(?P<ver>\d{1,3})(?![\d]))?"
)
# Every phrase of `_INDIRECT` names its browser's maker.
_INDIRECT_MAKERS = ("apple", "mozilla", "microsoft", "google")
_INDIRECT_FAMILY = {"safari": "Safari", "firefox": "Firefox", "edge": "Edge", "chrome": "Chrome"}
_WORKS_AFTER = re.compile(
    r"[\s,]*(?:(?:it|det|den|alt|everything) )?(?:is |er |)(?:works?|working|fungerer|virker|funker|fine|ok"
    r"|går fint|går bra|i orden)\b"
)


# Alone as an answer, "edge" or "opera" is the browser, capital letter or not.
_BROWSER_ANY_CASE = re.compile(_BROWSER.pattern, re.IGNORECASE)


# "It happens in all browsers", "uansett nettleser", "same in every browser we tried": the problem is not
# the browser's. Not "which browser", "not in all browsers" or "all browsers except Safari".
_EVERY_BROWSER = words(
    r"(?:in|on|with|across|from|using) (?:all|every|any|each) (?:of )?(?:the |our |my )?(?:different )?"
    r"(?:web ?)?browsers?\b"
    r"|(?:all|every|any) (?:the )?browsers? (?:we|i|they) (?:have )?(?:tried|try|use|used|tested|have)\b"
    r"|(?:regardless of|no matter|doesn't matter|does not matter|whatever|whichever)(?: (?:the|which|what))?"
    r" browser\b"
    r"|same (?:in|on|with) (?:all|every|each|any) (?:the )?browsers?\b|every browser\b"
    r"|(?:the )?browser (?:doesn't|does not|don't) matter\b"
    r"|nettleser(?:en)? (?:spiller|har) ingen(?: rolle| betydning)|nettlesaren spelar inga rolle"
    r"|(?:i|på|med|fra) (?:alle|samtlige) (?:de |dei )?(?:ulike |forskjellige )?nettles[ae]r\w*"
    r"|alle nettles[ae]r(?:ne|ane|e|ar)?\b"
    # said on its own, at the start of a sentence or after a dash: "All browsers, since 8", "I told you - all
    # browsers!" (not "we updated all browsers")
    r"|(?<![\w,] )(?<![\w,])all (?:the |)browsers\b"
    r"|(?:uansett|uavhengig av|same|samme|spiller ingen rolle|spelar inga rolle)(?: hvilken| kva| hvilke)?"
    r" nettles[ae]r\w*"
)
_EXCEPT = re.compile(
    r"\s*,?\s*(?:except|but not|apart from|besides|unntatt|bortsett fra|utenom|untatt|men ikke|men ikkje)\b"
)


_LIKE_BEFORE = re.compile(r"\b(?:like|as|som)\s+$")
_SENTENCE_END = re.compile(r"[.!?\n]")
_BROWSER_THING = re.compile(
    r"\s*(?:updates?|upgrades?|versions?|versjon\w*|oppdatering\w*|extensions?|plugins?|settings?|cache"
    r"|innstilling\w*|tabs?|windows?)\b"
)


def every_browser(low: str) -> str | None:
    """ "all browsers" / "alle nettlesere" when lowercased `low` says the problem is the same in every
    browser (so asking which one would ask what was answered); None otherwise, or when the phrase is
    negated, asked ("does it happen in all browsers?") or narrowed ("all browsers except Safari")."""
    if "browser" not in low and "nettles" not in low:
        return None  # every phrase below names the browser: most mail does not, and skips the scan
    for match in _EVERY_BROWSER.finditer(low):
        if negated(low, match.start(), match.end()) or _EXCEPT.match(low, match.end()):
            continue
        # "every browser update breaks something", "like every browser it caches"
        if _BROWSER_THING.match(low, match.end()) or _LIKE_BEFORE.search(low, 0, match.start()):
            continue
        end = _SENTENCE_END.search(low, match.end())
        if end and end.group(0) == "?":
            continue
        return "alle nettlesere" if "nettles" in match.group(0) else "all browsers"
    return None


def browser_at_start(text: str) -> str | None:
    """The browser a short answer opens with, any case, version optional: "edge", "Chrome 131, I think".

    This is how a reply to "which browser?" is read, where a bare word is the answer; in running text
    a capitalised look-alike ("on the Edge") needs browser words beside it (see `browser`).
    """
    match = _BROWSER_ANY_CASE.match(text.lstrip())
    if match is None:
        return None
    family = _browser_family(match)
    return _browser_value(family, match.group("version"), _esr(match)) if family else None


def _esr(match: re.Match[str]) -> bool:
    """Whether a Firefox is named as its Extended Support Release ("Firefox 128 ESR", "Firefox ESR 128"),
    which staff need: it lags the current release by many versions."""
    return bool(match.group("esr") or match.group("esr_before"))


def _browser_value(family: str, version: str | None, esr: bool = False) -> str:
    if version and (family != "Internet Explorer" or int(version) <= 11):
        return f"{family} {version} ESR" if esr and family == "Firefox" else f"{family} {version}"
    return family


def _browser_family(match: re.Match[str]) -> str | None:
    for i, (_, family, _) in enumerate(_BROWSER_NAMES):
        if match.group(f"b{i}"):
            return family
    return None


def _browser_word_near(low: str, match: re.Match[str]) -> bool:
    return bool(_BROWSER_CONTEXT.search(low[max(0, match.start() - 40) : match.end() + 30]))


def _user_agent_browser(text: str) -> str | None:
    if "Mozilla/" not in text:
        return None
    match = _USER_AGENT.search(text)
    if match is None:
        return None
    # Edge, Opera and Samsung also say "Chrome/" and "Safari/", so the most specific token decides.
    found = {name: v for name, v in match.groupdict().items() if v}
    for token, family in (("ev", "Edge"), ("ov", "Opera"), ("sv", "Samsung Internet")):
        specific = re.search(
            {"ev": r"\bEdg(?:e|A|iOS)?/(\d+)", "ov": r"\bOPR/(\d+)", "sv": r"SamsungBrowser/(\d+)"}[token],
            text,
        )
        if specific:
            return f"{family} {specific.group(1)}"
    if "fv" in found:
        return f"Firefox {found['fv']}"
    chrome = re.search(r"\bChrome/(\d+)", text)
    if chrome:
        return f"Chrome {chrome.group(1)}"
    if "safv" in found:
        return f"Safari {found['safv']}"
    return None


# A device names its platform: "a Pixel 8", "en Huawei-telefon", "nettbrettet fra Apple".
_IOS = words(
    r"\b(?:iphone\w*|ipad\w*|ios)\b|\b(?:nettbrett\w*|telefon\w*|mobil\w*|tablet|phone) (?:fra|from) apple\b"
    r"|\bapple-(?:nettbrett|telefon|mobil)\w*"
)
_ANDROID = words(
    r"\b(?:android\w*|samsung galaxy|galaxy (?:s|a|tab ?|note ?)\d+|google pixel|pixel \d+[a-z]?|huawei\w*"
    r"|oneplus\w*|xiaomi\w*|motorola\w*)\b|\bsamsung[- ](?:nettbrett|telefon|mobil|tablet|phone)\w*"
)
# Every device `_IOS` and `_ANDROID` read names one of these.
_PHONE_WORDS = (
    "iphone",
    "ipad",
    "ios",
    "apple",
    "android",
    "galaxy",
    "pixel",
    "huawei",
    "oneplus",
    "xiaomi",
    "motorola",
    "samsung",
)
# "We don't use the app, we open Landax in Chrome on our Android phones": the web on a phone.
_NOT_THE_APP = words(r"\b(?:not|don't use|do not use|ikke|bruker ikke|bruker ikkje) (?:the |)(?:app|appen)\b")
_APP_CONTEXT = words(
    r"\b(?:app|appen|apper|appene|apps|appversjon\w*|mobilapp\w*|landax[- ]app\w*|application)\b"
)
_APP_VERSION = words(
    r"\b(?:app[- ]?versjon(?:en)?|appversjon(?:en)?|app[- ]version|versjon(?:en)?|version|ver\.?|v\.?)"
    r"\s*(?:nr\.?|nummer|number|er|is|:)?\s*(?P<v>\d{1,3}\.\d{1,3}(?:\.\d{1,4}){0,2})\b"
    r"|\b(?:appen|app|the app)\s*\(?\s*(?P<w>\d{1,3}\.\d{1,3}\.\d{1,4}(?:\.\d{1,4})?)\b"
    r"|\b(?:viser|shows|står det|says)\s+(?P<x>\d{1,3}\.\d{1,3}\.\d{1,4})\b"
)
_BROWSER_NEAR = words(r"\b(?:nettleser\w*|browser\w*|chrome|edge|firefox|safari|opera)\b")
_OS_VERSION_BEFORE = re.compile(r"\b(?:ios|ipados|android|chrome|edge|firefox|safari|windows|macos|os)\s*$")


def landax_app(low: str, has_browser: bool) -> tuple[Platform | None, str | None]:
    """Landax App platform and version: platform from the device named, version as written."""
    version: str | None = None
    for match in _APP_VERSION.finditer(low):
        value = match.group("v") or match.group("w") or match.group("x")
        before = low[max(0, match.start() - 25) : match.start()]
        # "iOS 18.1" is the phone's version, "the Android app 5.14.2" the app's.
        if match.group("w") is None and (
            _OS_VERSION_BEFORE.search(before)
            or _OS_VERSION_BEFORE.search(low[match.start() : match.start() + 8])
        ):
            continue
        near = low[max(0, match.start() - 80) : match.end() + 60]
        if match.group("x") is not None and not _APP_CONTEXT.search(near):
            continue  # "menyen viser 5.11.0" is the app's only where the app is named
        # A version counts as the app's when the app is named near it or the number is app-shaped (x.y.z).
        if _APP_CONTEXT.search(near) or (value.count(".") >= 2 and not _BROWSER_NEAR.search(near)):
            version = value
            break
    if version is None:
        version = _bare_app_version(low)
    phone = any(word in low for word in _PHONE_WORDS)
    ios = _said(_IOS, low) if phone else None
    android = _said(_ANDROID, low) if phone else None
    platform: Platform | None = None
    if ios is not None and android is not None:
        fine_on_ios, fine_on_android = _fine_on(_IOS, low), _fine_on(_ANDROID, low)
        if fine_on_ios != fine_on_android:
            # "Appen krasjer på iPhone, men ikke på Android": the one where it happens
            ios, android = (None, android) if fine_on_ios else (ios, None)
        elif _BOTH_PLATFORMS.search(low):
            return None, version  # "Vi har både iPhone og Android": no one platform; asked
    if (ios is not None or android is not None) and not _NOT_THE_APP.search(low):
        app_named = bool(_APP_CONTEXT.search(low)) or version is not None
        # On a phone with a browser named and no app in sight, the customer means the mobile browser.
        if app_named or not has_browser:
            platform = "ios" if ios is not None and (android is None or ios < android) else "android"
    return platform, version


# A version written bare, three parts, where the app or a phone is named close by: "I'm on the latest
# app, 5.14.2", "Appen er på 5.12.0", "Landax 5.14.1 on Android", "App build 5.12.3 (1045)".
_BARE_VERSION = re.compile(r"(?<![\w.])(\d{1,2}\.\d{1,3}\.\d{1,3})(?!\w|\.\d)")
_APP_OR_PHONE = words(
    r"\b(?:app|appen|apps|application|build|landax|iphone\w*|ipad\w*|android\w*|telefon\w*|phone|mobil\w*)\b"
)


def _bare_app_version(low: str) -> str | None:
    """A bare x.y.z version near the app or a phone, not the phone's or a browser's own version."""
    for match in _BARE_VERSION.finditer(low):
        before = low[max(0, match.start() - 40) : match.start()]
        if _OS_VERSION_BEFORE.search(before) or re.search(
            r"\b(?:ios|ipados|android|windows|macos)\s+\S*$", before
        ):
            continue
        near = low[max(0, match.start() - 40) : match.end() + 30]
        if _APP_OR_PHONE.search(near) and not _BROWSER_NEAR.search(near):
            return match.group(1)
    return None


def _said(pattern: re.Pattern[str], low: str) -> int | None:
    """Where `pattern` first names a device as a fact, not as a guess of it ("I think it is Android but
    not sure", "tror det er en iPhone"); None if it never does. A guess about something else in the
    sentence ("Jeg tror appen har en feil på Android", "I don't know why the app on my iPhone crashes")
    leaves the device a fact."""
    for match in pattern.finditer(low):
        before = " ".join(low[max(0, match.start() - 40) : match.start()].split()[-4:])
        if _GUESS_OF_DEVICE_BEFORE.search(before) or _GUESS_OF_DEVICE_AFTER.match(low, match.end()):
            continue
        return match.start()
    return None


def _fine_on(pattern: re.Pattern[str], low: str) -> bool:
    """Whether every mention of a device says the problem is not there ("men ikke på Android", "my
    colleague's Android is fine", "iPhone-appen går fint")."""
    mentions = list(pattern.finditer(low))
    return bool(mentions) and all(
        _NOT_ON_BEFORE.search(low[max(0, m.start() - 30) : m.start()]) or _FINE_AFTER.match(low, m.end())
        for m in mentions
    )


# "I think it is Android", "tror det er en iPhone", "maybe an iPhone": the guess governs the device.
_GUESS_OF_DEVICE_BEFORE = re.compile(
    r"\b(?:i think|i believe|maybe|probably|perhaps|tror|trur|kanskje|antakelig)(?:\s+(?:it'?s|it is|it was"
    r"|det er|det e|det var|they are|de er|that it'?s|an?|en|ei|ein))*\s*$"
)
# "Android, I think", "iPhone men usikker", "Android but not sure": said of the device just named.
_GUESS_OF_DEVICE_AFTER = re.compile(
    r"[\w-]*\s*(?:,\s*|\s+)(?:i think|i believe|tror jeg|trur eg|tror eg|(?:but|men)\s+(?:not sure"
    r"|i'?m not sure|ikke sikker|usikker|ikkje sikker))\b"
)
_NOT_ON_BEFORE = re.compile(
    r"\b(?:ikke|ikkje|not|no)\s+(?:på\s+|on\s+|in\s+|i\s+)?(?:the\s+|my\s+)?$"
    r"|\b(?:works?|virker|funker|går|fungerer)\s+(?:\w+\s+)?(?:fine|fint|ok|bra)\s+(?:on|på|in|i)\s+(?:the\s+|my\s+)?$"
)
_FINE_AFTER = re.compile(
    r"[\w'-]*(?:\s+\w+){0,2}?\s+(?:is|are|er|går|works?|virker|funker|fungerer)\s+(?:\w+\s+)?(?:fine|fint|ok"
    r"|bra|greit|normalt|normally)\b"
)
# Both platforms named as a set ("både iPhone og Android", "iPhones and Android phones", "iOS/Android").
_DEVICE = r"(?:iphone\w*|ipad\w*|ios|android\w*|samsung\w*)(?:[- ](?:telefon\w*|mobil\w*|phones?|devices?))?"
_BOTH_PLATFORMS = re.compile(rf"\b{_DEVICE}\s*(?:og|and|&|/)\s*(?:på\s+|on\s+)?{_DEVICE}\b")
