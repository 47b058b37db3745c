"""Each reader in parsers/reading, one kind of customer wording per row, under the portal's own labels.

A row says: in this text, the portal field under this label reads this value (None: the bot must ask).
The kinds are those of issue 15: mail written by people who never saw the rules.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.extract import extract_fields, extract_stated
from parsers.reading.people import writer_only
from parsers.reading.text import without_special_letters

SENT = datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo("Europe/Oslo"))  # a Monday

#: Portal label → field name in `Fields`.
LABEL = {
    "Type": "type",
    "Prioritet": "priority",
    "Påvirker": "scope",
    "Berørte brukere": "affected_users",
    "Ønsket saksbehandler": "requested_handler",
    "Tillat innlogging": "login_allowed",
    "Personopplysninger": "personal_data",
    "Nettleser": "browser",
    "App-plattform": "app_platform",
    "App-versjon": "app_version",
    "Modul": "module",
    "Registrerings-ID": "record_id",
    "Observert dato": "observed_on",
    "Gjentakende": "recurring",
}

ROWS: list[tuple[str, str, Any]] = [
    # Type: a symptom without the word "feil"
    ("Type", "Vi får ikkje lagra sjekklista, knappen gjer ingenting.", "bug"),
    ("Type", "Appen fryser når jeg skanner en QR-kode.", "bug"),
    ("Type", "when i edit an employee card the mobile number dosent save", "bug"),
    ("Type", "On the Galaxy S23 the camera button opens a black screen.", "bug"),
    ("Type", "Naar jeg soeker i haandboka faar jeg ingen treff.", "bug"),
    ("Type", "Skjemaet er helt tomt, ingen felter vises.", "bug"),
    ("Type", "Når vi velger kategori, blir skjemaet nullstilt og alt vi har skreve forsvinn.", "bug"),
    ("Type", "Risikoanalysen er låst for redigering for alle.", "bug"),
    # Type: the agreement, an order, an idea
    ("Type", "Vi ønsker å nedgradere avtalen fra neste kvartal.", "agreement_change"),
    ("Type", "We'd like to add 15 users to our plan.", "agreement_change"),
    (
        "Type",
        "We want to scale back to the basic package, from 60 to 35 users.",
        "agreement_change",
    ),
    (
        "Type",
        "We have decided to end our subscription when the period runs out.",
        "agreement_change",
    ),
    ("Type", "We need 20 more user licences from 1 December.", "order"),
    ("Type", "Vi ønsker å utvide med 10 brukere til.", "order"),
    ("Type", "Suggestion: let us copy a checklist between sites.", "improvement"),
    ("Type", "Det hadde vore fint om ein kunne leggje inn eit bilete i sjekklista.", "improvement"),
    ("Type", "Det ville spart oss for mye arbeid om systemet kunne gjort det.", "improvement"),
    # Type: a symptom told in everyday words: what the screen does, a regression, a message
    ("Type", "Når jeg trykker på Lagre skjer det ingenting.", "bug"),
    ("Type", "Nothing happens when I click Save on the action.", "bug"),
    ("Type", "Since the last update we get kicked out every ten minutes.", "bug"),
    ("Type", "Etter siste oppdatering blir vi kastet ut av systemet hele tiden.", "bug"),
    ("Type", "The list just keeps spinning and never loads.", "bug"),
    ("Type", "Det kommer opp 'Noe gikk galt' når jeg åpner rapporten.", "bug"),
    ("Type", "The totals in the report don't add up.", "bug"),
    ("Type", "Summen i rapporten stemmer ikke med listen.", "bug"),
    ("Type", "We no longer receive the notification emails.", "bug"),
    ("Type", "Varslene kommer ikke lenger på e-post.", "bug"),
    ("Type", "The app shuts down by itself when I take a photo.", "bug"),
    ("Type", "Appen lukker seg selv når jeg tar bilde.", "bug"),
    ("Type", "The app won't let me sign the checklist.", "bug"),
    ("Type", "Appen lar meg ikke signere sjekklisten.", "bug"),
    ("Type", "Suddenly all the actions are gone from the list.", "bug"),
    ("Type", "Datoene i kalenderen er forskjøvet med en dag.", "bug"),
    ("Type", "The reminders are sent twice to everyone.", "bug"),
    ("Type", "Vi får ikke sendt ut møtereferatet. Hvordan løser vi dette?", "bug"),
    ("Type", "How do I delete users who don't work here anymore?", "support"),
    ("Type", "Hvordan sletter jeg brukere som ikke lenger jobber her?", "support"),
    # Type: a change to what the agreement covers, an idea
    ("Type", "Vi ønsker å redusere antall brukere fra 40 til 25 ved neste fornyelse.", "agreement_change"),
    ("Type", "We only need 20 users from next quarter instead of 35.", "agreement_change"),
    ("Type", "Could we switch to annual billing from January?", "agreement_change"),
    ("Type", "Vi ønsker å gå over til årlig fakturering.", "agreement_change"),
    ("Type", "Vi ønsker å ta ut stoffkartoteket av avtalen vår.", "agreement_change"),
    ("Type", "Please remove the chemicals module from our subscription from next year.", "agreement_change"),
    ("Type", "Når vi endrer kontrakten, forsvinner vedleggene.", "bug"),
    ("Type", "It would be really useful if we could filter the list by department.", "improvement"),
    ("Type", "Kunne det vært mulig å få en knapp for å kopiere sjekklister?", "improvement"),
    ("Type", "Any plans to add a dark mode to the app?", "improvement"),
    ("Type", "Er det planer om å legge inn mørk modus i appen?", "improvement"),
    ("Type", "Vi skulle ønske at man kunne eksportere årshjulet til Outlook.", "improvement"),
    ("Type", "I have no idea why the report is empty, it worked last week.", "bug"),
    ("Type", "Can you tell me where the archive setting is?", "support"),
    ("Type", "Kan dere hjelpe oss med å sette opp varsler for tiltak?", "support"),
    ("Type", "Any PDF we attach shows as 0 KB. Older attachments open fine.", "bug"),
    ("Type", "Halve avdelingen ser ikke referatene, mens resten ser dem fint.", "bug"),
    ("Type", "Statistikken viser 0 % for oktober, selv om vi har registrert mye fravær.", "bug"),
    ("Type", "The report shows 0 injuries for Q3, but we had two.", "bug"),
    ("Type", "Signeringsfeltet tar ikke imot underskrift.", "bug"),
    ("Type", "Please cancel the Courses module at the end of our current term.", "agreement_change"),
    ("Type", "Vi trenger fem lisenser til på avtalen vår.", "agreement_change"),
    ("Type", "Vi kunne tenkt oss at man kunne knytte en risikovurdering til et prosjekt.", "improvement"),
    ("Type", "I can't figure out where the overdue list is. Any pointers would be great.", "support"),
    ("Type", "Can they have their own contracts list that our team cannot see?", "support"),
    # Type: a question stays a question
    ("Type", "The calendar view is narrow on my laptop. Is there a zoom setting I'm missing?", "support"),
    ("Type", "Is there an import template for safety data sheets?", "support"),
    # Påvirker: one, several or all, in everyday words
    ("Påvirker", "It's just my login, the others are fine.", "one"),
    ("Påvirker", "Det er berre eg som har problemet.", "one"),
    ("Påvirker", "En av mekanikerne får ikke tatt kurset.", "one"),
    ("Påvirker", "How do I reset the password for one of my lads?", "one"),
    ("Påvirker", "Only him so far, username eholm.", "one"),
    ("Påvirker", "Three of us finished the course, but none of us got a certificate.", "several"),
    ("Påvirker", "Det er bare meg og sjefen min som ikke får opp årshjulet.", "several"),
    ("Påvirker", "Det gjeld meg og to på lageret.", "several"),
    ("Påvirker", "It happened to four operators this week.", "several"),
    ("Påvirker", "Gjelder minst fire av snekkerne våre.", "several"),
    ("Påvirker", "I morges kan ingen av operatørene signere sjekklisten.", "all"),
    ("Påvirker", "Gjeld alle i butikken.", "all"),
    ("Påvirker", "Nothing loads at all for any of us.", "all"),
    ("Påvirker", "Det gjelder alle tiltakene vi har opprettet.", None),
    ("Påvirker", "The folders are gone for everyone except admins.", "several"),
    ("Påvirker", "Omtrent halve avdelingen ser ikke referatene.", "several"),
    ("Påvirker", "Gjelder de innleide på riggen, ca 15 stk.", "several"),
    ("Påvirker", "One of our new starters says the video won't play.", "one"),
    ("Påvirker", "Ingen av operatørane får kvittert ut sjekklistene.", "all"),
    ("Påvirker", "Since IT moved everyone to Edge last week it won't render.", None),
    ("Påvirker", "The series vanished. Nobody here deleted it.", None),
    ("Påvirker", "Tiltaket ble lukket uten at noen av oss har gjort det.", None),
    ("Påvirker", "Dave printed something, but nobody knows which report he used.", None),
    ("Påvirker", "The app menu is in Norwegian for me even though my profile is English.", "one"),
    ("Påvirker", "Push notifications stopped arriving on my iPhone.", None),
    ("Påvirker", "My account is locked since this morning.", "one"),
    ("Påvirker", "Jeg har bare testet på min egen bruker.", None),
    ("Påvirker", "Vi har iPhone alle sammen.", None),
    ("Påvirker", "Kollegene mine får det til, men ikke jeg.", "one"),
    ("Påvirker", "My colleague Kari can't open the checklist.", "one"),
    ("Påvirker", "Kontoen min er låst.", "one"),
    ("Påvirker", "Could you check this for me?", None),
    ("Påvirker", "Both my colleague and I get the same message.", "several"),
    ("Påvirker", "Vi er to som har problemet, meg og kollegaen min.", "several"),
    ("Påvirker", "Half of our users can't sign in.", "several"),
    ("Påvirker", "Halvparten av brukerne får ikke logget inn.", "several"),
    ("Påvirker", "Et par av de ansatte får ikke opp kurset.", "several"),
    ("Påvirker", "He has a Pixel 7, and we see the same on my phone.", "several"),
    ("Påvirker", "The whole team is locked out.", "all"),
    ("Påvirker", "Hele avdelingen er låst ute.", "all"),
    ("Påvirker", "Alle på lageret får samme melding.", "all"),
    ("Påvirker", "All 25 users get the error.", "all"),
    ("Påvirker", "Several employees appear twice in the list after the import.", None),
    ("Påvirker", "I ansattoversikten vises flere ansatte to ganger.", None),
    ("Påvirker", "Vi må dokumentere at alle har gyldig sertifikat, men lista viser feil.", None),
    ("Påvirker", "The report lists all employees twice.", None),
    # Berørte brukere: logins without dots, lists, the last name before a full stop
    ("Berørte brukere", "Users hbakke, tnilsen and olav can't log in.", ["hbakke", "tnilsen", "olav"]),
    (
        "Berørte brukere",
        "It's several people: users pwozniak, akowal and silje.",
        ["pwozniak", "akowal", "silje"],
    ),
    (
        "Berørte brukere",
        "Vi er tre personer som har merket det: frodeny, annek og larsp.",
        ["frodeny", "annek", "larsp"],
    ),
    ("Berørte brukere", "Det gjeld meg og to på lageret (lager2 og kjetil).", ["lager2", "kjetil"]),
    ("Berørte brukere", "Brukarnamnet mitt er oddnyr. Det starta i går.", ["oddnyr"]),
    ("Berørte brukere", "En av mekanikerne, brukernavn jlarsen, får ikke tatt kurset.", ["jlarsen"]),
    ("Berørte brukere", "All our users are affected.", []),
    ("Berørte brukere", "It's the user tnordby that can't sign.", ["tnordby"]),
    ("Berørte brukere", "Brukeren hmoen er plutselig borte.", ["hmoen"]),
    ("Berørte brukere", "Brukeren til truckføreren vår, hmoen, er borte.", ["hmoen"]),
    ("Berørte brukere", "The user interface is slow.", []),
    ("Berørte brukere", "Brukeren min er låst.", []),
    ("Berørte brukere", "Brukernavn trine.aas får feil.", ["trine.aas"]),
    # Observert dato: a stated date beats a weekday; habits and plans give no date (sent Monday 30 November)
    ("Observert dato", "Fra tirsdag 3. november har ingen av oss fått varsel.", "2026-11-03"),
    ("Observert dato", "From Tuesday 3 November the reminders stopped.", "2026-11-03"),
    ("Observert dato", "Fra og med 19. november har ingen fått e-post.", "2026-11-19"),
    ("Observert dato", "Feilen kom den 28.10 og har vært der siden.", "2026-10-28"),
    ("Observert dato", "Every Monday when we close the week the report times out.", None),
    ("Observert dato", "Vi fyller ut sjekklisten hver mandag, og den henger.", None),
    ("Observert dato", "The inspection is next Wednesday and the form is blank.", None),
    ("Observert dato", "Det skjer hver gang, ikke bare i dag.", None),
    ("Observert dato", "Stoffkartoteket er tomt. I går så alt normalt ut.", None),
    ("Observert dato", "The matrix shows the wrong colours after we edited it last week.", None),
    ("Observert dato", "We have a safety inspection on Friday and the checklist won't open.", None),
    ("Observert dato", "Vi skal ha revisjon på fredag og sjekklisten åpner ikke.", None),
    ("Observert dato", "We usually run the payroll export on Thursday; it failed.", None),
    ("Observert dato", "Kurset startet 2. november, og kursbevisene mangler.", None),
    ("Observert dato", "The employee started on Monday and can't log in.", None),
    # a plan in dialect ("vi ska ha øvelse på fredag"), and its urgency
    ("Observert dato", "Sjekklista lagres itte. Vi ska ha øvelse på fredag.", None),
    ("Prioritet", "Sjekklista lagres ikke. Dere må fikse det fort, vi har øvelse snart.", "high"),
    ("Prioritet", "Ingen av oss får lagret timer. Dette stopper hele avdelingen.", "critical"),
    ("Prioritet", "Rapporten viser feil tall. Det er ganske kritisk for oss.", "critical"),
    ("Tillat innlogging", "You can't fix this without logging in, so you may log in.", True),
    # a week with no day, a guessed day, a weekday of a habit
    ("Observert dato", "Siden forrige uke får vi ikke lagret avvik.", None),
    ("Observert dato", "Det byrja i førre veke, trur eg på onsdag.", None),
    ("Observert dato", "Maybe Tuesday, the export has been empty since.", None),
    ("Observert dato", "Vi har øvelse første tirsdag i hvert kvartal, og påminnelsen kommer ikke.", None),
    ("Observert dato", "Our audit is on Thursday 3 December and the report is empty.", None),
    ("Observert dato", "Det har vært sånn i hele forrige uke.", None),
    ("Observert dato", "Han skulle ta vernerunde i dag, men brukeren er borte.", None),
    ("Observert dato", "Sist gang var i dag tidlig.", None),
    ("Observert dato", "Vi får ikke avsluttet vernerunden fra i går.", None),
    ("Observert dato", "It started on 24 November.", "2026-11-24"),
    ("Observert dato", "Det gjelder alle brukere, og startet 3. november.", "2026-11-03"),
    ("Observert dato", "Det begynte 24. november.", "2026-11-24"),
    ("Observert dato", "Started on Monday according to our team.", "2026-11-23"),
    ("Observert dato", "We noticed it on the 25th.", "2026-11-25"),
    ("Observert dato", "Jeg la merke til det i morges.", "2026-11-30"),
    ("Observert dato", "Starting Nov 12th, any PDF we attach shows as 0 KB.", "2026-11-12"),
    ("Observert dato", "Jeg får ikke lagt til funn i vernerunden vi startet i dag.", "2026-11-30"),
    ("Observert dato", "The calendar counts Saturday and Sunday as leave days too.", None),
    (
        "Observert dato",
        "After we changed the departments on 1. October, we noticed it first on Thursday last week.",
        "2026-11-26",
    ),
    # Gjentakende
    # a wish for a rhythm put as a long statement, its "etc." no sentence end
    (
        "Gjentakende",
        "I would like to know how I can make a checklist (stage, exits, etc.) and use it for every event, "
        "without creating it again each time.",
        None,
    ),
    ("Gjentakende", "I have been logged out twice this morning already.", True),
    ("Gjentakende", "Every single export to Excel comes out empty.", True),
    ("Gjentakende", "Det har skjedd kvar gong eg har prøvd.", True),
    ("Gjentakende", "We assumed it was a fluke, but it's back.", True),
    ("Gjentakende", "Jeg trodde det var en tilfeldighet, men nå er det tilbake.", True),
    ("Gjentakende", "Just that one time, the others were fine.", False),
    ("Gjentakende", "We run that export every Friday.", None),
    ("Gjentakende", "Vi kjører rapporten hver mandag.", None),
    ("Gjentakende", "It happens about every other day.", True),
    ("Gjentakende", "Det skjer annenhver dag.", True),
    ("Gjentakende", "This is the third time this week.", True),
    ("Gjentakende", "Dette er tredje gang denne uka.", True),
    ("Gjentakende", "Det har skjedd noen ganger nå.", True),
    ("Gjentakende", "Whenever we try to save, the text disappears.", True),
    ("Gjentakende", "It's still happening.", True),
    ("Gjentakende", "Det skjer fremdeles.", True),
    ("Gjentakende", "Now and then the app crashes.", True),
    ("Gjentakende", "En gang i blant krasjer appen.", True),
    ("Gjentakende", "It only happened on Monday, since then it's fine.", False),
    ("Gjentakende", "Det skjedde bare i går, etter det har det gått fint.", False),
    ("Gjentakende", "Since the update, the list is empty.", None),
    ("Gjentakende", "Every photo I attach to a checklist item shows up rotated.", True),
    ("Gjentakende", "Det har bare skjedd denne ene gangen.", False),
    ("Gjentakende", "Our recurring safety committee meeting series vanished.", None),
    ("Gjentakende", "I only see one-off meetings, no repeat option.", None),
    ("Gjentakende", "Jeg har prøvd tre ganger nå i formiddag.", None),
    # Tillat innlogging: every everyday form, with and without æøå, nynorsk, English
    ("Tillat innlogging", "Det går fint at dere logger dere pa.", True),
    ("Tillat innlogging", "Sure, log in if it helps.", True),
    ("Tillat innlogging", "If you need to log in to our site that's fine by me.", True),
    (
        "Tillat innlogging",
        "This is critical for us. You can log in to blackrock.landax.no straight away.",
        True,
    ),
    ("Tillat innlogging", "Dere har lov til å gå inn i vikvvs.landax.no og se på oppsettet.", True),
    ("Tillat innlogging", "Dere har fullmakt til å logge på for å se på tilgangsstyringen.", True),
    ("Tillat innlogging", "Bare gå inn og se dere, holmenbarnehage.landax.no.", True),
    ("Tillat innlogging", "Ingen grunn til å logge inn hos oss.", False),
    # the customer's own login before a call is no condition; nynorsk "no" is "now"
    (
        "Tillat innlogging",
        "Rapporten feiler. Dere har lov til å logge inn. Vi prøvde å logge inn før vi kontaktet dere.",
        True,
    ),
    ("Tillat innlogging", "Dykk kan no logge på og sjå sjølv.", True),
    ("Nettleser", "Det skjedde i Chrome tidligere i dag, rapporten ble tom.", "Chrome"),
    # a yes on a condition opens nothing: staff settle it with the customer
    ("Tillat innlogging", "Dere kan logge inn, men ring meg før dere logger inn.", None),
    ("Tillat innlogging", "You can log in, but please call me before you log in.", None),
    ("Tillat innlogging", "Sjefen vil ikke at dere logger inn på systemet vårt.", False),
    ("Tillat innlogging", "My manager does not want you to log in to our system.", False),
    ("Tillat innlogging", "We'd rather you stayed out of our system, it's NHS policy.", False),
    ("Tillat innlogging", "Ikke gå inn i systemet vårt uten å avtale med meg først.", False),
    ("Tillat innlogging", "Pålogging: nei", False),
    ("Tillat innlogging", "Vi får ikke logget inn i appen.", None),
    ("Tillat innlogging", "De kan godt logge på.", True),
    ("Tillat innlogging", "Dykk kan logge inn om de treng det.", True),
    ("Tillat innlogging", "You have our permission to access the system.", True),
    ("Tillat innlogging", "Ja til pålogging.", True),
    ("Tillat innlogging", "No access to our system, please.", False),
    ("Tillat innlogging", "You must not access our system without a ticket from IT.", False),
    ("Tillat innlogging", "We have no access to our system since Monday.", None),
    ("Tillat innlogging", "De kan ikke logge inn.", None),
    ("Tillat innlogging", "You can access the system from the app menu.", None),
    # Personopplysninger
    ("Personopplysninger", "I've attached two screenshots; the screenshots show no names.", False),
    ("Personopplysninger", "Det kan stå navn på ansatte i rapportene.", True),
    ("Personopplysninger", "The attached example contains real employee names and sickness data.", True),
    ("Personopplysninger", "Skjermbildet viser bare tomme tabeller, så ikke noe personsensitivt.", False),
    ("Personopplysninger", "Skjermbildene viser bare testdata, ingen ekte personer.", False),
    ("Tillat innlogging", "Feel free to poke around in our account if that helps.", True),
    # Nettleser: indirect names; a browser used before, or guessed, is not today's as a fact
    # Batch 9: speed asked for in other words; Firefox's long-support release; every try fails
    ("Prioritet", "Could someone look at it today? We are back on paper forms.", "high"),
    ("Prioritet", "Vi setter stor pris på rask hjelp, revisjonen er på fredag.", "high"),
    ("Prioritet", "Please help us fast, the drivers are waiting.", "high"),
    ("Prioritet", "Thanks again for the quick help last spring! Now we'd like to order a course.", None),
    ("Prioritet", "Me må ha orden på dette i løpet av veka.", "high"),
    ("Nettleser", "All PCs run Firefox ESR 115 here.", "Firefox 115 ESR"),
    ("Nettleser", "Vi bruker Firefox 128 ESR.", "Firefox 128 ESR"),
    ("Gjentakende", "No matter what I type in the date field, it turns red.", True),
    ("Gjentakende", "Uansett kva eg vel i lista, blir feltet tomt.", True),
    ("Gjentakende", "No matter what the auditors find, the report should list it.", None),
    ("Registrerings-ID", "Vi ønsker å bestille 25 lisenser til. Vår bestilling: PO-44817.", None),
    ("Registrerings-ID", "Ny fakturaadresse på avtalen fra 1. mars. Referanse: 4410-HMS.", None),
    ("Registrerings-ID", "We want 10 more licences. Also deviation 4411 cannot be closed.", "4411"),
    ("Gjentakende", "Uansett kva eg vel no, så fungerer det.", None),
    ("Gjentakende", "The server ran continuously, the error appeared once.", None),
    ("Gjentakende", "Vi har oppdatert tre gonger sidan, og no er feilen borte.", None),
    ("Nettleser", "Chrome. Like every browser it caches the old page.", "Chrome"),
    ("Påvirker", "Det gjeld både for meg og for kollegaen min Sindre (sindre.v).", "several"),
    ("Påvirker", "Me and my colleague Tom cannot save the form.", "several"),
    ("Påvirker", "Only I seem to be affected so far.", "one"),
    ("Nettleser", "The page is blank in all browsers we tried.", "all browsers"),
    ("Nettleser", "Siden er tom uansett hvilken nettleser vi bruker.", "alle nettlesere"),
    ("Nettleser", "Is it the same in all browsers? We only tried Edge 131.", "Edge 131"),
    ("Nettleser", "Den er ikkje tom i alle nettlesarar.", None),
    ("Nettleser", "I use Apple's own browser on a MacBook.", "Safari"),
    ("Nettleser", "I use the Mozilla one, version 132. In Edge it is working.", "Firefox 132"),
    ("Nettleser", "Jeg bruker den nettleseren som fulgte med Windows, den fra Microsoft.", "Edge"),
    ("Nettleser", "We used to be on Firefox before we switched, and it was fine then.", None),
    ("Nettleser", "Jeg sitter på en Mac, så det er kanskje Safari, usikker.", None),
    ("Nettleser", "Eg trur det er Chrome eg brukar, men er ikkje sikker.", None),
    ("Nettleser", "Før brukte vi Internet Explorer og da var det greit, men nå bruker alle Edge.", "Edge"),
    ("Nettleser", "Vi brukte Chrome før, men nå bruker alle Firefox 133.", "Firefox 133"),
    ("Nettleser", "Det virker i Edge, men ikke i Chrome.", "Chrome"),
    # App-plattform and App-versjon: devices imply the platform; the web on a phone is no app
    ("App-plattform", "The app closes itself when I attach a photo. Phone is a Pixel 8.", "android"),
    ("App-plattform", "Bruker en Huawei-telefon, appversjon 5.11.4.", "android"),
    ("App-plattform", "Vi bruker Landax-appen på nettbrettet fra Apple.", "ios"),
    # a contrast names the one where it happens; a guess about something else leaves the device a fact
    ("App-plattform", "Appen krasjer på iPhone, men ikke på Android.", "ios"),
    ("App-plattform", "Works fine on iPhone, fails on Android in the app.", "android"),
    ("App-plattform", "Jeg tror appen har en feil på Android, den lukker seg.", "android"),
    ("Prioritet", "Det er ikke sånn at dere må fikse det fort, men rapporten er feil.", None),
    ("Observert dato", "Det begynte forrige uke, på mandag, eksporten er tom.", date(2026, 11, 23)),
    ("Observert dato", "Vi så feilen på fredag i hvert fall, og den er der fortsatt.", date(2026, 11, 27)),
    ("Observert dato", "Æ ska bare si ifra at appen har krasja sia fredag.", date(2026, 11, 27)),
    ("Gjentakende", "We want to send the report to the board. Every time I open it, it is empty.", True),
    # both platforms, or a guess, name no one platform: it is asked
    ("App-plattform", "Appen låser seg for oss alle. Vi har både iPhone og Android-telefoner.", None),
    ("App-plattform", "The app rotates every photo. It's a work phone, I believe Android, not sure.", None),
    ("Påvirker", "Saldoen blir feil for alle brukarane våre.", "all"),
    ("Påvirker", "Alle sjåførene unntatt meg får feil i appen.", "several"),
    ("Påvirker", "All the reports except the monthly one are empty.", None),
    ("Påvirker", "I first thought it was just my login, but nobody in the office can open it.", "all"),
    ("Påvirker", "Ingen av dei tilsette får opna rapporten.", "all"),
    ("App-plattform", "Det gjelder Samsung-nettbrettet vi har i hallen, appversjon 5.12.3.", "android"),
    ("App-plattform", "We don't use the app, we open Landax in Chrome on our Android phones.", None),
    ("App-versjon", "They fill in checklists offline on the Android app 5.14.2.", "5.14.2"),
    ("App-versjon", "Appen henger, og menyen viser 5.11.0.", "5.11.0"),
    ("App-versjon", "Push stopped after I updated my iPhone to iOS 18.1.", None),
    ("App-versjon", "I'm on the latest app, 5.14.2.", "5.14.2"),
    ("App-versjon", "Appen er på 5.12.0.", "5.12.0"),
    ("App-versjon", "Landax 5.14.1 on Android.", "5.14.1"),
    ("App-versjon", "We run iOS 17.5.1 and the app crashes.", None),
    ("App-versjon", "Chrome 131.0.6778 on the phone.", None),
    # Registrerings-ID: letters and hyphens, an id in a link, a registration the modules do not name
    (
        "Registrerings-ID",
        "I am the approver on risk assessment RA-3307 but the button is greyed out.",
        "RA-3307",
    ),
    ("Registrerings-ID", "In the inspection AUD-7781 we registered 6 findings.", "AUD-7781"),
    ("Registrerings-ID", "Utskriften av ROS-analysen ROS-2026-014 er blank.", "ROS-2026-014"),
    ("Registrerings-ID", "Avvik nr 2026-0412 kan ikke lukkes.", "2026-0412"),
    ("Registrerings-ID", "Det gjelder hendelse 55231 fra i går.", "55231"),
    ("Registrerings-ID", "Se https://acme.landax.no/avvik/vis/4521 for eksempel.", "4521"),
    ("Registrerings-ID", "We are certified to ISO-9001 and use UTF-8.", None),
    # Modul: inflected and everyday names
    ("Modul", "How do I reset the password for one of my lads?", "users"),
    ("Modul", "Brukeren er plutselig borte fra brukerlisten.", "users"),
    ("Modul", "Timeregistreringen for uke 44 lar seg ikke sende inn.", "time_tracking"),
    ("Modul", "When I press Submit on my weekly timesheet nothing happens.", "time_tracking"),
    ("Modul", "Vi la inn en ny ansatt i personalmodulen, men ansattkortet viser feil avdeling.", "employees"),
    ("Modul", "Fraværet for desember vises ikke i oversikten.", "absence"),
    ("Modul", "The absence export comes out empty.", "absence"),
    ("Modul", "Hun er fraværende i dag, så jeg skriver for henne.", None),
    ("Modul", "Når vi arkiverer ein kontrakt, forsvinn alle vedlegga.", "contracts"),
    ("Modul", "Finnes det en ferdig ROS-mal for kontorarbeid?", "risk"),
    ("Modul", "Hver mandag henger ukesrapporten for avvik.", "reports"),
    ("Modul", "The department filter in the deviation statistics report ignores sub-departments.", "reports"),
    ("Modul", "Attachments larger than 5 MB fail to upload on actions.", "actions"),
    # Ønsket saksbehandler, in English and dialect
    ("Ønsket saksbehandler", "Would it be possible for Ingrid to handle this?", "Ingrid"),
    ("Ønsket saksbehandler", "We would like to work with Thomas Lie again, who set us up.", "Thomas Lie"),
    ("Ønsket saksbehandler", "Hvis mulig vil vi gjerne jobbe med Ingrid igjen.", "Ingrid"),
    ("Ønsket saksbehandler", "We would like to work with Excel files directly.", None),
    ("Ønsket saksbehandler", "Vi vil gjerne jobbe med Excel.", None),
    ("Ønsket saksbehandler", "Kan Martin ta den? Han hjalp oss sist.", "Martin"),
    ("Ønsket saksbehandler", "Would it be possible for you to look at this today?", None),
    # Prioritet
    ("Prioritet", "No rush at all, whenever you get to it.", "low"),
    ("Prioritet", "Knappen gjør ingenting. Dette stopper produksjonen vår.", "critical"),
    ("Prioritet", "Dette må fikses raskt, det er sensitive personopplysninger.", "high"),
    ("Prioritet", "We'd like this fixed quickly, it's our feeding log.", "high"),
    ("Prioritet", "No huge rush, whenever you can.", "low"),
    ("Prioritet", "I need this fixed by tomorrow morning, it goes to the board at 9.", "high"),
    ("Prioritet", "Dette må være i orden innen fredag.", "high"),
    ("Prioritet", "The line stays stopped until the incident is logged.", "critical"),
    ("Prioritet", "Heile anlegget står. Me kan ikkje starte ovnane.", "critical"),
    # More of the kinds, as customers wrote them
    ("Registrerings-ID", "Avvik 12-0456 kan ikke lukkes.", "12-0456"),
    ("Påvirker", "A few people in finance can't use the reports anymore.", "several"),
    ("Påvirker", "The Approve button is greyed out for me.", "one"),
    ("Påvirker", "Not just me: the list is slow for everyone.", "all"),
    ("Påvirker", "Ikke bare meg, alle får den samme feilen.", "all"),
    ("Berørte brukere", "Brukernavn: ukjent.", []),
    ("Berørte brukere", "Vi er tre personer: meg, Kari og Ola.", []),
    ("Tillat innlogging", "Go ahead, log in and have a look.", True),
    ("Tillat innlogging", "Det er greit at dere går inn og ser.", True),
    ("Observert dato", "Since Tuesday the 24th the export fails.", "2026-11-24"),
    ("Registrerings-ID", "Sak RA-55 er relatert.", None),
    ("Registrerings-ID", "Produktet med nummer 55231 har fått feil faresymboler.", "55231"),
    ("Berørte brukere", "New users don't get the welcome email with their login link.", []),
    ("Type", "Dokumentet ble flyttet, og siden da får vi ikke åpnet det.", "bug"),
    # Batch 3: a name asked, as a question or a wish, to take the case; a request that ends there
    ("Ønsket saksbehandler", "Could Jonas have a look at this? He set us up.", "Jonas"),
    ("Ønsket saksbehandler", "Can Priya pick this up, please?", "Priya"),
    ("Ønsket saksbehandler", "Would Tom take this one? He knows our setup.", "Tom"),
    ("Ønsket saksbehandler", "Gjerne la Marius ta saken, han kjenner oss.", "Marius"),
    ("Ønsket saksbehandler", "Lat Kari sjå på saka, ho hjelpte oss sist.", "Kari"),
    ("Ønsket saksbehandler", "Kan Martin ta denne saken?", "Martin"),
    ("Ønsket saksbehandler", "Kunne Siri se paa dette?", "Siri"),
    ("Ønsket saksbehandler", "Knappen virker ikke. Kan Per ta en titt på dette når han er tilbake?", "Per"),
    ("Ønsket saksbehandler", "Kan Ola ta det opp med ledelsen først?", None),
    ("Ønsket saksbehandler", "Could Ola check this with his team before Friday?", None),
    ("Ønsket saksbehandler", "Could anyone have a look at this?", None),
    # a name asked to help, to get in touch, to run a course; not a colleague the writer will ask
    ("Ønsket saksbehandler", "Could Elin help us? She set up our archive.", "Elin"),
    ("Ønsket saksbehandler", "Please ask Arne to call me when he is back.", "Arne"),
    ("Ønsket saksbehandler", "Be gjerne Torunn sjå på saka.", "Torunn"),
    ("Ønsket saksbehandler", "We'd love Hilde to run the course again.", "Hilde"),
    ("Ønsket saksbehandler", "I will ask Per to call you tomorrow.", None),
    ("Ønsket saksbehandler", "Can Ola help us with the rollout on our side?", None),
    ("Ønsket saksbehandler", "We'd love Teams to work with this.", None),
    # Batch 3: who is affected, in everyday words
    (
        "Påvirker",
        "Since Monday none of our drivers can sign the checklist. The office people are fine.",
        "several",
    ),
    ("Påvirker", "None of our nurses can open the handbook.", "all"),
    ("Påvirker", "The Approve button is grey for her (user kari.s) although she owns the risk.", "one"),
    ("Påvirker", "Knappen er grå for han, sjølv om han er ansvarleg.", "one"),
    ("Påvirker", "Could you check the settings for him?", None),
    ("Påvirker", "I set up the checklist for her yesterday.", None),
    ("Påvirker", "Æ får ikkje lagra, og det e bare mæ.", "one"),
    ("Påvirker", "Rapporten er tom både for meg og de andre på lageret.", "several"),
    ("Påvirker", "The export fails for me and my colleagues in sales.", "several"),
    ("Påvirker", "When I save, the page reloads. The same thing is happening to my supervisor.", "several"),
    ("Påvirker", "Kollegaen min Per har samme feil når han lagrer.", "several"),
    ("Påvirker", "The same thing happens to our customers when they open the portal.", None),
    ("Påvirker", "The four temporary worker accounts get an error when they sign.", "several"),
    ("Påvirker", "De tre innleide ansatte får feilmelding ved innlogging.", "several"),
    ("Påvirker", "Matrisen viser feil farge. Det gjelder alle avdelingene våre.", "all"),
    ("Påvirker", "Lista er tom, og det gjeld alle kontora.", "all"),
    ("Påvirker", "Can we get one report for all departments?", None),
    ("Påvirker", "How do we issue certificates? Several people have asked for proof.", None),
    ("Påvirker", "How do we deactivate 25 people who don't work here anymore?", None),
    ("Påvirker", "Hvordan skriver vi ut kursbevis? Tre personer har spurt om det.", None),
    ("Påvirker", "Everyone in the warehouse gets the error; the office staff have no problems.", "several"),
    ("Påvirker", "Nobody can open the handbook in Edge; other browsers are fine.", "all"),
    ("Påvirker", "Alle på lageret får feilen, de andre på kontoret har ingen problemer.", "several"),
    # Batch 3: the users named give the scope when no phrase does; the writer's own login does not
    ("Påvirker", "Brukeren til sjåføren vår, tnilsen, er borte fra lista.", "one"),
    ("Påvirker", "His username is emilb and he can't find the course.", "one"),
    ("Påvirker", "Users audit1, audit2 and audit3 get Access denied.", "several"),
    ("Påvirker", "Jeg får feilmelding hver gang. Brukernavnet mitt er mona.ruud.", None),
    # Batch 3: logins with an initial, after "user" in a parenthesis, after a dialect "e"
    ("Berørte brukere", "The Approve button is grey for him (user ole.m) though he owns it.", ["ole.m"]),
    (
        "Berørte brukere",
        "It's me and two colleagues, users anna.k, piotr.w and m.berg.",
        ["anna.k", "piotr.w", "m.berg"],
    ),
    ("Berørte brukere", "Brukernavnet mitt e roark.", ["roark"]),
    ("Berørte brukere", "Two users (akhan, b.jones) can't sign.", ["akhan", "b.jones"]),
    ("Berørte brukere", "Det gjelder lageret, 3 stk: kari.n, per, ola.b", ["kari.n", "per", "ola.b"]),
    ("Berørte brukere", "Brukarnamnet mitt er siljeh, og eg får ikkje logga inn.", ["siljeh"]),
    ("Berørte brukere", "Username eholm, he can't log in since yesterday.", ["eholm"]),
    ("Berørte brukere", "The user who has left still gets reminders.", []),
    ("Berørte brukere", "Vi bruker fjord.landax.no, og brukeren får ikke logget inn.", []),
    ("Berørte brukere", "Every user sees 9 a.m. instead of 10 a.m. on the form.", []),
    # Batch 3: which module, where a word elsewhere points wrong
    ("Modul", "Revisjonsdatoen i lista stemmer ikke med dokumentet.", "documents"),
    ("Modul", "Revisjonsnummeret på prosedyren er feil.", "documents"),
    ("Modul", "The employee list is empty in the app.", "employees"),
    ("Modul", "Ansattlista er tom etter oppdateringa.", "employees"),
    ("Modul", "Hvordan gjør vi import av ansatte fra lønnssystemet?", "employees"),
    ("Modul", "The employee import stops at row 40.", "employees"),
    ("Modul", "How do we deactivate a user who has left without losing the deviations they logged?", "users"),
    ("Modul", "Hvordan kan vi deaktivere en bruker uten å slette avvikene hennes?", "users"),
    ("Modul", "Hvordan kan vi slette brukerens avvik?", "deviations"),
    ("Modul", "What do we do with users who have left but reported deviations?", "users"),
    ("Modul", "Hva gjør vi med brukere som har sluttet?", "users"),
    ("Modul", "Nobody can log in since 6:15, so the morning shift cannot do the safety rounds.", None),
    ("Modul", "Ingen får logget inn, og vi skal ha vernerunde kl 9.", None),
    ("Modul", "Jeg får ikke logget inn i avviksmodulen.", "deviations"),
    ("Modul", "We'd like to book our six new coordinators onto your basic user course.", None),
    ("Modul", "Vi ønsker å kjøpe et kurs i Landax for de nye superbrukerne.", None),
    ("Modul", "We want to order the e-learning course 'Fire safety' for 10 employees.", "courses"),
    # Batch 3: when it was seen, in nynorsk and dialect; an event's day, a vague week, a day it came back
    ("Observert dato", "Sidan måndag har ingen av oss fått varsel.", "2026-11-23"),
    ("Observert dato", "I fredags slutta lista å virke.", "2026-11-27"),
    ("Observert dato", "Frå tysdag har appen kræsja.", "2026-11-24"),
    ("Observert dato", "Det byrja for tre dagar sidan.", "2026-11-27"),
    ("Observert dato", "Æ fær ikkje lagt inn tiltak i dag tidlig.", "2026-11-30"),
    ("Observert dato", "Vi fikk ikke endret tiltaket i går.", "2026-11-29"),
    ("Observert dato", "Dette oppdaget vi på fredag.", "2026-11-27"),
    ("Observert dato", "The employee list is empty since the update this morning.", "2026-11-30"),
    ("Observert dato", "Etter oppdateringa i går er lista tom.", "2026-11-29"),
    ("Observert dato", "Det gjelder tiltakene vi opprettet etter oppdateringen forrige uke.", None),
    (
        "Observert dato",
        "Since the update last week some inspections vanish. We first noticed on Thursday 26 November.",
        "2026-11-26",
    ),
    (
        "Observert dato",
        "Dokumentet ble godkjent i forrige uke. I dag viser det gammel versjon.",
        "2026-11-30",
    ),
    ("Observert dato", "Det begynte en gang i forrige uke, tror jeg.", None),
    ("Observert dato", "It started sometime last week.", None),
    ("Observert dato", "Det skjedde en gang i går, og så var det borte.", "2026-11-29"),
    ("Observert dato", "Feilen er tilbake, i dag skjer det igjen med avvik 5102.", None),
    ("Observert dato", "The export failed again today.", None),
    ("Observert dato", "We ran the first aid course last week and need certificates for it.", None),
    # Batch 3: a rhythm that is the customer's routine, a wish or the old normal is no recurrence
    ("Gjentakende", "Vi kjører alltid ut rapporten hver mandag. I mandag var den tom.", None),
    ("Gjentakende", "We always run the export on Fridays, and this Friday it was empty.", None),
    ("Gjentakende", "How do I set a checklist to repeat each week?", None),
    ("Gjentakende", "We'd like the checklist to pop up every morning for the night shift.", None),
    ("Gjentakende", "Hvordan får vi sjekklista til å komme opp hver uke?", None),
    ("Gjentakende", "It's every single user on our site.", None),
    ("Gjentakende", "Det gjeld kvar einaste brukar hos oss.", None),
    ("Gjentakende", "Før fekk vi alltid varsel med ein gong, no kjem ingenting.", None),
    ("Gjentakende", "We used to always get the email straight away.", None),
    ("Gjentakende", "Tidligere fungerte det alltid, nå feiler det hver gang.", True),
    ("Gjentakende", "We would like to know why it fails every time we save.", True),
    ("Gjentakende", "Hvordan kan det ha seg at den feiler hver gang?", True),
    ("Gjentakende", "It fails every single time I save.", True),
    ("Gjentakende", "We use Chrome and it crashes every time we open a report.", True),
    ("Gjentakende", "Every Monday we run the export for the board.", None),
    ("Gjentakende", "It happens with every report we export.", True),
    ("Gjentakende", "Det har skjedd på alle egenmeldinger vi har lagt inn denne uken.", True),
    ("Gjentakende", "Det har skjedd flere ganger, så det er ikke et engangstilfelle.", True),
    ("Gjentakende", "Feilen er tilbake.", True),
    ("Gjentakende", "The problem is back since this morning.", True),
    ("Gjentakende", "After a restart it worked, so it was only one time.", False),
    ("Gjentakende", "Det har berre skjedd ein gong.", False),
    # Batch 3: no urgency in more words
    ("Prioritet", "No urgency, just something to consider for the roadmap.", "low"),
    ("Prioritet", "Det hastar ikkje, ta det når det passar.", "low"),
    ("Prioritet", "Dette kan vente til etter nyttår.", "low"),
    ("Prioritet", "Ingen stress med dette.", "low"),
    # Batch 3: a host name's ".no" is no "no"
    ("Tillat innlogging", "Our system is vantage.landax.no, you have permission to log in.", True),
    ("Tillat innlogging", "Vi er på fjord.landax.no, dere kan logge inn.", True),
    # Batch 5: people counted by their trade or role, the writer and others, the writer as the only one
    ("Påvirker", "Seven or eight of our electricians get a blank page.", "several"),
    ("Påvirker", "A handful of warehouse workers cannot sign the checklist.", "several"),
    ("Påvirker", "Det er 4-5 montører som ikke får lagret timene.", "several"),
    ("Påvirker", "Noen av lærerne våre ser ikke elevlista.", "several"),
    ("Påvirker", "Both I and our site manager get the error.", "several"),
    ("Påvirker", "Det gjelder meg og minst tre andre på verkstedet.", "several"),
    ("Påvirker", "I'm the only one who uses that export, so I can't say if others see it.", "one"),
    ("Påvirker", "Eg er den einaste som brukar den rapporten.", "one"),
    ("Påvirker", "Dette gjelder samtlige renholdere, ca. 60 stk.", "all"),
    ("Påvirker", "We are 35 employees and since Monday the report is empty.", None),
    ("Påvirker", "We tried 3 different users and the page stays blank.", None),
    ("Påvirker", "Vi har fått to nye avdelingsledere som trenger tilgang.", None),
    ("Påvirker", "Please send the course link to some consultants.", None),
    # Batch 5: the problem on two days; a routine told with the verb first; the writer's old success
    ("Gjentakende", "It froze yesterday and again this morning.", True),
    ("Gjentakende", "Samme feil i går og i dag òg.", True),
    # a weekday or shift rhythm may be the customer's routine ("every shift the foreman signs"): asked
    # (a symptom said with it is the problem's rhythm: "times out every weekday" recurs, as batch 5's writer
    # labelled it)
    ("Gjentakende", "The upload times out every weekday around nine.", True),
    ("Gjentakende", "Hver fredag sender jeg rapporten til styret. Hvordan legger jeg til en kolonne?", None),
    ("Gjentakende", "Every quarter I export the chemical list; where is the button now?", None),
    ("Gjentakende", "Registering leave for others used to work, I did it many times last year.", None),
    # Batch 5: login allowed or refused in more forms; health data named as such; a handler requested
    ("Tillat innlogging", "Dere har lov å logge dere på og se.", True),
    ("Tillat innlogging", "De har løyve til å logge inn hos oss.", True),
    ("Tillat innlogging", "Company rules do not allow outside consultants to access our tenant.", False),
    ("Tillat innlogging", "The app won't let me log in after the update.", None),
    ("Personopplysninger", "The attached export has the names of our residents on it.", True),
    ("Personopplysninger", "There is no medical information in the screenshot.", False),
    ("Personopplysninger", "Vedlegget inneholder sykmeldingsgrunner for to ansatte.", True),
    ("Ønsket saksbehandler", "We would ask that Henrik take this one, he knows our setup.", "Henrik"),
    ("Ønsket saksbehandler", "Vi ber om at Sofie ser på saken.", "Sofie"),
    # Batch 5: an outage in the present perfect, a request to treat it as critical, "står i praksis stille"
    ("Prioritet", "The portal is down for all of us since lunch.", "critical"),
    ("Prioritet", "The portal has been down this morning but works now.", None),
    ("Prioritet", "Could you treat this as critical, the audit starts at noon.", "critical"),
    ("Prioritet", "Vi står i praksis stille på lageret.", "critical"),
    ("Prioritet", "The site was down for a few minutes last night but works now.", None),
    # Batch 6: a whole shift in nynorsk, "nokre av oss", people on watch; the others are fine and the writer
    # tells of their own trouble
    ("Påvirker", "Heile nattskiftet har same feilen.", "all"),
    ("Påvirker", "Det gjeld nokre av oss på lageret.", "several"),
    ("Påvirker", "Flere av kveldsvaktene får ikke lagret.", "several"),
    ("Påvirker", "Når jeg åpner rapporten er den tom. Kollegaene mine har ikke merket noe.", "one"),
    ("Påvirker", "The page is blank when I open it; my colleagues haven't noticed anything.", "one"),
    ("Påvirker", "We get a blank page. The other offices are fine.", None),
    # Batch 6: again today, "and again", not a one-off, not once since, "på'n igjen", the same last week too;
    # a monthly run with a symptom after "when" is the problem's rhythm
    ("Gjentakende", "It crashed on Monday and today it crashed again.", True),
    ("Gjentakende", "It failed this morning and again just now.", True),
    ("Gjentakende", "Today I uploaded it again and it worked.", None),
    ("Gjentakende", "This is not a one-off request, we want it for all sites.", None),
    ("Gjentakende", "Dette er ikke et engangstilfelle.", True),
    ("Gjentakende", "He has not got into the folder a single time since.", True),
    ("Gjentakende", "Nå e det på'n igjen med innlogginga.", True),
    ("Gjentakende", "Det var det samme forrige måned også.", True),
    ("Gjentakende", "Every month when we run the summary, the totals are different.", True),
    ("Gjentakende", "I tried again today and now it works.", None),
    # Batch 6: health data "står" in a record; names beside another personal detail; no names of staff
    ("Personopplysninger", "Det står helseopplysninger i meldingene.", True),
    ("Personopplysninger", "The export has the names of our cleaners and their shifts.", True),
    ("Personopplysninger", "Uttrekket har navn og telefonnummer til de ansatte.", True),
    ("Personopplysninger", "The screenshot shows no staff names.", False),
    ("Personopplysninger", "The report lists the names of the checklists.", None),
    # Batch 6: login refused as a policy on external access, "helst ikkje at dokker"; urgency in more words;
    # a deadline "of" a date
    ("Tillat innlogging", "Sorry, our rules don't permit remote access by suppliers.", False),
    ("Tillat innlogging", "Our security policy does not allow external access to the system.", False),
    ("Tillat innlogging", "Eg vil helst ikkje at dykk loggar inn.", False),
    ("Prioritet", "Det hastar, vi må ha dette klart.", "high"),
    ("Prioritet", "A bit of urgency would help.", "high"),
    ("Prioritet", "Dette er alvorlig for oss.", "high"),
    ("Prioritet", "We have an audit tomorrow morning and need the reports.", "high"),
    ("Observert dato", "We need it before the deadline of 3 November.", None),
    # Batch 6: logins in parentheses after the people, one of them plainly a login
    ("Berørte brukere", "Det er låst for meg (siv.h) og Arne (arneb) også.", ["siv.h", "arneb"]),
    ("Berørte brukere", "Both Tom (t_berg) and me (lise.k) see it.", ["t_berg", "lise.k"]),
    ("Berørte brukere", "Kari (leder) og Ola (verneombud) har sett på det.", []),
    ("Berørte brukere", "Please ask Ola (ola.n) to call me back.", []),
    # Batch 6: the checklist in nynorsk's definite form, the employees module by name, a password, user import
    ("Modul", "Kontrollista for dagleg sjekk vil ikkje opne seg.", "checklists"),
    ("Modul", "How do I archive a leaver in the employees module?", "employees"),
    ("Modul", "I forgot my password, and now the deviation form won't open.", "deviations"),
    ("Modul", "The user import stops at row 3.", "users"),
    ("Registrerings-ID", "Databladet mangler for stoff nr 5120 i kartoteket.", "5120"),
    # The vendor named as the one who logs in, with a word that permits or refuses it close by
    ("Tillat innlogging", "You lot are welcome to poke around in our setup.", True),
    ("Tillat innlogging", "Dokker får logge inn viss de treng det.", True),
    ("Tillat innlogging", "Your support people shouldn't go into our tenant.", False),
    ("Tillat innlogging", "When you log in as admin the menu is empty.", None),
    ("Tillat innlogging", "Do you need to log in to see this?", None),
    # Batch 6: "i går, i Chrome" is a day and a browser; the browser at home is not the one; "on priority";
    # Swedish "tidregistrering"; personal data and a consequence after ", så"
    ("Nettleser", "Det skjedde i går, i Chrome.", "Chrome"),
    ("Nettleser", "Firefox on the work laptops, Edge at home.", "Firefox"),
    ("Prioritet", "Kindly check this on priority.", "high"),
    ("Modul", "Tidregistreringen visar fel timmar.", "time_tracking"),
    ("Personopplysninger", "Det står helseopplysninger der, så dere kan ikke logge inn.", True),
    ("Personopplysninger", "Lista har navn på ansatte, så ja, det er personopplysninger.", True),
    ("Type", "Appen frys når eg opnar sjekklista. Kva gjer eg?", "bug"),
    # From a review of today's rules: wordings they missed
    ("Gjentakende", "It happened on Tuesday and then again on Thursday.", True),
    ("Gjentakende", "Dette er ikke første gang.", True),
    ("Gjentakende", "This is not the first time I write to you about this invoice.", None),
    ("Personopplysninger", "Saka gjeld helseopplysningar.", True),
    ("Tillat innlogging", "Support is free to log on and investigate.", True),
    ("Påvirker", "Kollegaen min har fått same feilen, så det er ikkje berre meg.", "several"),
    ("Påvirker", "Turns out it's not just me.", "several"),
    # From a review of today's rules: what must not be read
    (
        "Tillat innlogging",
        "Vi kan ikke la eksterne konsulenter få tilgang til avvikene, hvordan begrenser vi det?",
        None,
    ),
    ("Tillat innlogging", "Our policy does not allow external consultants to access patient data.", False),
    ("Påvirker", "Jeg er eneste administrator her. Ingen av de ansatte får logget inn.", "all"),
    ("Påvirker", "The others have not had a chance to try it yet.", None),
    ("Påvirker", "The form must be signed by two supervisors.", None),
    ("Tillat innlogging", "You can't access the archive from the app, only from the web.", None),
    ("Tillat innlogging", "Landax can't access our AD, so the import fails.", None),
    ("Personopplysninger", "Rapporten viser navn på leverandørene.", None),
    ("Personopplysninger", "The GDPR page has a typo.", None),
    ("Nettleser", "Det går ikke i Chrome, går fint i Edge.", "Chrome"),
    ("Prioritet", "Vi har tilsyn i morgen, men det er ikke noe galt, bare et spørsmål.", None),
    # Batch 5: the day something runs out is no day a problem was seen
    ("Observert dato", "Our SSO certificate expires on 3 October; how do we replace it?", None),
    ("Observert dato", "Avtalen med leverandøren gikk ut 12. november uten at noen fikk varsel.", None),
    # Batch 7: "all" of a part is several: all but some, nobody of the leaders or of a shift, the others
    # still fine
    ("Påvirker", "All our staff apart from the two planners see an empty calendar.", "several"),
    ("Påvirker", "Ingen av avdelingslederne får påminnelsen lenger.", "several"),
    ("Påvirker", "None of the drivers on the early shift can sign the checklist.", "several"),
    (
        "Påvirker",
        "Ingen av sykepleierne får lagret. Helsefagarbeiderne får fortsatt varsel som før.",
        "several",
    ),
    ("Påvirker", "Nobody gets the reminder, but the people in the other offices are fine.", "several"),
    ("Påvirker", "Ingen av oss på kontoret får åpnet rapporten.", "all"),
    ("Påvirker", "Ingen av sjåførene får logget inn i appen.", "all"),
    # Batch 7: numbers and dates that identify a person are personal data; no pictures of people is none
    ("Personopplysninger", "Fila inneholder fødselsnummer og adresse på beboerne.", True),
    ("Personopplysninger", "The roster has the drivers' dates of birth in it.", True),
    ("Personopplysninger", "Bildene viser bare maskinen, det er ingen bilder av personer.", False),
    ("Personopplysninger", "The invoice has our customer number on it.", None),
    # Batch 7: rhythms that are not the problem's: a habit with the verb first, a calendar's schedule, what
    # people keep doing, the writer's own lapse, a chore inside a how-to question
    ("Gjentakende", "Sjekklistene bruker vi hele tiden, og de fungerer fint.", None),
    ("Gjentakende", "The summary is sent on the 15th of every month to the board.", None),
    ("Gjentakende", "Our carers keep entering full names in the free text.", None),
    ("Gjentakende", "I make them by hand and sometimes I forget one.", None),
    ("Gjentakende", "Går det an å kopiere skjemaet, så jeg slipper å lage et nytt hver uke?", None),
    ("Gjentakende", "The app keeps crashing when I open a checklist.", True),
    ("Gjentakende", "Hvordan kan vi unngå at den krasjer hver gang vi lagrer?", True),
    # Batch 7: a handler asked for through the vendor; the writer's own departure dates nothing
    ("Ønsket saksbehandler", "Please ask Mr. Lars Holm to take over the activation.", "Lars Holm"),
    ("Ønsket saksbehandler", "Kan dere be Siri ta saken?", "Siri"),
    ("Ønsket saksbehandler", "I will ask Lars to take over the activation internally.", None),
    ("Observert dato", "I need the wheel set up before I go on leave on Friday.", None),
    ("Observert dato", "When I assigned the course yesterday, it gave error 500.", "2026-11-29"),
    # Batch 7: a reason is a clause of its own; a schedule counted in minutes is no rhythm of the problem
    ("Personopplysninger", "Dere får ikke logge inn, siden det ligger helseopplysninger der.", True),
    ("Personopplysninger", "There is no personal data because it is only machine logs.", False),
    ("Gjentakende", "The report is generated every 15 minutes, but today's is missing.", None),
    ("Gjentakende", "We are losing money every minute the line stands.", None),
    ("Observert dato", "Arbeidstilsynet kommer på torsdag, så vi må ha dette klart.", None),
    # Batch 7: it comes back in other words; one failure tried again does not
    ("Gjentakende", "Same problem again with the delivery checklist.", True),
    ("Gjentakende", "The export fails every working day around noon.", True),
    ("Gjentakende", "Varslingen har aldri fungert hos oss.", True),
    ("Gjentakende", "Det har skjedd tre gonger til sidan, så det er ikkje ein eingongsfeil.", True),
    ("Gjentakende", "We have never worked with checklists before, how do we start?", None),
    ("Gjentakende", "Jeg har prøvd to ganger nå, den henger bare.", None),
    # From a hostile review of the batch 7 kinds: what they must not read
    ("Påvirker", "None of the managers or employees can log in.", "all"),
    ("Personopplysninger", "The inspection list has the cranes' ID numbers and the due dates.", None),
    ("Personopplysninger", "Can you add a field with date of birth to the employee card?", None),
    ("Gjentakende", "The app keeps asking me to log in again.", True),
    ("Gjentakende", "Every morning I have to restart the tablet before it syncs.", True),
    ("Gjentakende", "It crashes on the 1st of every month when the payroll export runs.", True),
    ("Ønsket saksbehandler", "Could you ask Microsoft to look into the SSO part?", None),
    ("Prioritet", "Vi står helt fast med oppsettet av årshjulet.", None),
    ("Modul", "Resepsjonen på motellet får ikke signert sjekklistene.", "checklists"),
    # Orders and changes of the agreement: the module ordered or cancelled, not the data to export or what
    # a plan's storage holds
    ("Modul", "Vi sier opp avtalen fra 1. mars. Vi trenger en eksport av alle avvik før vi slutter.", None),
    ("Modul", "We'd like to upgrade to Enterprise to get more storage for our inspection photos.", None),
    ("Modul", "Vi vil gjerne bestille sjekklister til avdelingen i Molde.", "checklists"),
    ("Modul", "We want to cancel the chemicals module from next quarter.", "chemicals"),
]


@pytest.mark.parametrize(("label", "text", "value"), ROWS, ids=[f"{r[0]}: {r[1][:50]}" for r in ROWS])
def test_the_portal_field_reads(label: str, text: str, value: Any) -> None:
    fields = extract_fields(text, sent_at=SENT)
    got = getattr(fields, LABEL[label])
    if isinstance(value, list):
        assert list(got) == value
    elif isinstance(value, str) and LABEL[label] == "observed_on":
        assert got == date.fromisoformat(value)
    else:
        assert got == value


def test_norwegian_letters_in_a_rule_also_match_a_plain_keyboard() -> None:
    assert (
        without_special_letters(r"\bfår ikke\b|[a-zæøå]+")
        == r"\bf(?:å|aa|a)r (?:ikk(?:j?e)|ikkj|itte|itj|ittj)\b|[a-zæøå]+"
    )


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Dere får itte logge inn hos oss.", "login_allowed", False),  # Sørlandet
        ("Dokker får itj logge inn i systemet vårt.", "login_allowed", False),  # Trøndelag
        ("Det e itte personopplysninga i skjermbildan.", "personal_data", False),
        ("Dokker får gjerne logge inn.", "login_allowed", True),
    ],
)
def test_dialect_negations_read_as_ikke(text: str, field: str, value: object) -> None:
    """A statement written with the dialects' "itte", "itj", "ittj" reads as one written with "ikke"."""
    assert getattr(extract_fields(text), field) == value


_PHRASES = [
    "Feilen kom på lørdag.",
    "Det skjedde sist søndag.",
    "Prioritet: høy",
    "Pålogging: avslått",
    "Tilgang: innvilget",
    "Personopplysninger: nei",
    "vi får ikke lagret, det haster ikke",
    "gjelder bare meg og én bruker",
    "fra og med 3. mars, for to uker siden, i forgårs",
    "dere må gjerne logge dere på",
    "ønsker at Åse tar saken",
    "det er ingen personopplysninger",
    "sjekklisten i årshjulet og stoffkartoteket",
]
_PLAIN = {"å": ("a", "aa"), "ø": ("o", "oe"), "æ": ("ae", "e"), "Å": ("A", "Aa"), "Ø": ("O", "Oe")}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PHRASES), st.integers(0, 1)), min_size=1, max_size=6))
def test_norwegian_typed_without_special_letters_is_read_and_never_raises(
    parts: list[tuple[str, int]],
) -> None:
    """Every rule that widens "ø" to "o" or "oe" reads such text to a valid value ("lordag" is Saturday)."""
    text = " ".join(
        "".join(_PLAIN[ch][pick] if ch in _PLAIN else ch for ch in phrase) for phrase, pick in parts
    )
    for fields in (extract_fields(text, sent_at=SENT), extract_stated(text, sent_at=SENT)):
        assert fields.priority in (None, "low", "normal", "high", "critical")
        assert fields.observed_on is None or fields.observed_on <= SENT.date()


def test_a_weekday_without_its_special_letter_is_that_weekday() -> None:
    assert extract_fields("Feilen kom på lordag.", sent_at=SENT).observed_on == date(2026, 11, 28)
    assert extract_stated("Prioritet: hoey").priority == "high"


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("Det er bare meg.", True),
        ("Det gjelder berre eg, dei andre får det til", True),
        ("bare min bruker", True),
        ("Only me so far.", True),
        ("just my login, the others are fine", True),
        ("Only I am affected", True),
        ("Ingen andre har sett det.", True),
        ("Nobody else has it", True),
        ("Bare meg og Per", False),
        ("just me and two in the warehouse", False),
        ("Én bruker", False),
        ("one of our drivers", False),
        ("A colleague gets the error", False),
        ("Jeg har bare testet på min egen bruker", False),
    ],
)
def test_who_is_affected_the_writer_alone(text: str, alone: bool) -> None:
    """Gjelder / Affected: "only me" makes the reporter the affected user; "one user" does not."""
    assert writer_only(text) is alone
