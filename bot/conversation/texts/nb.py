"""Norske tekster (bokmål). Nøklene må være de samme som i `en.py`."""

TEXTS: dict[str, str] = {
    "case_tag": "[Sak #{id}]",
    "greeting": "Hei {name},",
    "greeting_anonymous": "Hei,",
    "signoff": "Med vennlig hilsen\n{team}",
    "received": "Takk for henvendelsen. Vi har registrert den som sak #{id}: «{subject}».",
    "questions_intro": (
        "For at vi skal kunne starte med en gang, ber vi deg svare på spørsmålene under. Svar på denne "
        "e-posten, med egne ord eller med nummer:"
    ),
    "questions_tip": (
        "Tips: skjermbilder av hele nettleservinduet, inkludert adresselinjen, hjelper oss mye. "
        "Legg gjerne bare ett spørsmål i hver sak."
    ),
    "questions_tip_app": (
        "Tips: et skjermbilde fra appen (trykk sideknappen og volum opp samtidig) hjelper oss mye. "
        "Legg gjerne bare ett spørsmål i hver sak."
    ),
    "q_login_allowed": (
        "Kan saksbehandlerne våre logge på systemet deres for å løse saken? (ja/nei)\n"
        "   Tilgangen gjelder bare så lenge saken er åpen, og dere kan når som helst trekke den tilbake "
        "ved å svare «trekk tilbake påloggingen». Alle saksbehandlere har full taushetsplikt."
    ),
    "q_personal_data": (
        "Skal det behandles personopplysninger for å løse saken? (ja/nei)\n"
        "   Vi fører en logg over behandling av personopplysninger (GDPR artikkel 30.2), og svaret ditt "
        "brukes der."
    ),
    "q_browser": (
        "Hvilken nettleser og versjon bruker dere (f.eks. Chrome 131, Edge, Firefox)? Skjer det i appen: "
        "iOS eller Android, og hvilken app-versjon? (App-versjonen står nederst i menyen til venstre i "
        "appen.)"
    ),
    "q_app_version": "Hvilken versjon av appen har dere? (Den står nederst i menyen til venstre.)",
    "still_need": "Vi trenger fortsatt:",
    "understood": "Takk! Dette har vi notert: {items}.",
    "not_understood": (
        "Beklager, vi klarte ikke helt å lese svaret ditt. Her er spørsmålene igjen, kortere; et ord eller "
        "to på hvert holder:"
    ),
    "q_app": (
        "Hvilken app bruker dere: iOS eller Android, og hvilken app-versjon? (Versjonen står nederst i "
        "menyen til venstre i appen.)"
    ),
    "q_login_allowed_again": "Kan vi logge på systemet deres for denne saken? Svar «ja» eller «nei».",
    "q_personal_data_again": (
        "Kommer vi til å se personopplysninger (f.eks. navn på ansatte) i saken? Svar «ja» eller «nei»."
    ),
    "q_browser_again": "Hvor skjer det? For eksempel «Chrome», «Edge», «Firefox» eller «iPhone-appen 5.12».",
    "q_app_again": "Hvilken app? For eksempel «iPhone, 5.12.3» eller «Android, 5.11».",
    "q_app_version_again": "Hvilken app-versjon? For eksempel «5.12.3» (nederst i menyen i appen).",
    "q_scope_again": "Hvem har problemet? Svar «bare meg», «flere» eller «alle».",
    "q_scope_users_again": (
        "Hvem har problemet? Svar «bare meg», «alle», eller «flere» med brukernavnene hvis dere har dem."
    ),
    "q_affected_users_again": "Hvilke brukere? Brukernavnene holder, f.eks. «kari.n, ola».",
    "q_observed_on_again": "Når så dere det første gang? En dato som «3. november» eller «i går» holder.",
    "q_recurring_again": "Skjer det hver gang? Svar «hver gang» eller «bare én gang».",
    "q_module_again": "Hvilken del av systemet? For eksempel «avvik», «sjekklister» eller «dokumenter».",
    "explain_login_allowed": (
        "Om pålogging: for å finne årsaken til et problem, eller for å sette opp det dere ba om, kan "
        "saksbehandlerne våre trenge å se systemet deres slik dere ser det. Vi logger bare på hvis dere "
        "sier ja, bare mens saken er åpen, og dere kan når som helst trekke tillatelsen tilbake ved å svare "
        "«trekk tilbake påloggingen». Hver pålogging står i revisjonsloggen vår."
    ),
    "explain_personal_data": (
        "Om personopplysninger: navn på ansatte, kontaktopplysninger, helse- eller fraværsopplysninger og "
        "lignende er personopplysninger, også i skjermbilder og rapporter. Vi spør fordi vi fører en "
        "protokoll over saker der vi behandler personopplysninger på vegne av dere (GDPR artikkel 30.2); "
        "viser saken slike opplysninger, svarer dere «ja»."
    ),
    "explain_app_version": (
        "Om app-versjonen: åpne menyen til venstre i Landax-appen; versjonen (f.eks. 5.12.3) står nederst."
    ),
    "explain_browser": (
        "Om nettleseren: programmet dere åpner Landax i, f.eks. Chrome, Edge, Firefox eller Safari. "
        "«Hjelp → Om» i nettleseren viser versjonen."
    ),
    "explain_other": (
        "Om spørsmålet om {label}: vi spør for å kunne finne feilen uten å måtte spørre dere igjen."
    ),
    "unknown_noted": (
        "Det er helt greit: vi har notert det som ikke kjent ({labels}), og spør ikke om det igjen."
    ),
    "gave_up": "Vi spør ikke mer om {labels}; saksbehandleren vår tar det derfra.",
    "login_limited_noted": (
        "Du gir oss lov til å logge inn bare en tid. Det kan vi ikke stille inn her, så saksbehandleren "
        "avtaler påloggingen med deg, og vi spør ikke om det igjen. Inntil da logger vi ikke inn."
    ),
    "complete_unknown": "Ikke kjent ennå: {labels}. Saksbehandleren vår tar det derfra.",
    "new_problem_offer": (
        "Det høres ut som du også beskriver et annet problem. Vi holder ett problem per sak, slik at hvert "
        "havner hos rett person: skal vi opprette en egen sak for det? Svar bare «ja»."
    ),
    "new_problem_opened": "Vi har opprettet sak #{new_id} for det andre problemet; du hører fra oss der.",
    "same_as_taken": "Fra sak #{other} har vi hentet: {items}.",
    "same_as_not_found": "Vi fant ikke sak #{other} blant sakene deres, så vi har ikke hentet noe derfra.",
    "reopened_consent": (
        "Sak #{id} er åpnet igjen, og vi har lagt til meldingen din. Tillatelsen til å logge på gjaldt til "
        "saken ble lukket, så vi spør på nytt:"
    ),
    "consent_given": (
        "Saksbehandlerne våre kan nå logge på systemet deres for sak #{id}, så lenge saken er åpen. "
        "Dere kan når som helst trekke tillatelsen tilbake ved å svare «trekk tilbake påloggingen»."
    ),
    "consent_refused_noted": (
        "Vi har notert at saksbehandlerne våre ikke skal logge på systemet deres i sak #{id}."
    ),
    "q_scope": "Gjelder det én bruker, flere brukere eller alle?",
    "q_scope_users": ("Gjelder det én bruker, flere brukere eller alle? Er det flere: hvilke (brukernavn)?"),
    "q_affected_users": "Hvilke brukere gjelder det (brukernavn eller bruker-ID)?",
    "q_observed_on": "Når skjedde det, eller når så dere det første gang (dato)?",
    "q_recurring": "Skjer det igjen og igjen, eller var det et engangstilfelle?",
    "q_module": "Hvilken modul gjelder det (f.eks. avvik, risiko, sjekklister, dokumenter)?",
    "complete": (
        "Takk! Sak #{id} er nå komplett og sendt videre til saksbehandlerne våre. Her er et sammendrag:"
    ),
    "complete_reopened": "Den ligger hos saksbehandlerne våre igjen. Dette står i saken:",
    "complete_first": (
        "Takk for henvendelsen. Vi har registrert den som sak #{id}: «{subject}», og sendt den videre "
        "til saksbehandlerne våre. Her er et sammendrag:"
    ),
    "contact_noted": (
        "Du ønsker å bli ringt eller å ta det i et møte: det har vi notert i sak #{id}, så saksbehandleren "
        "ser det."
    ),
    "contact_noted_phone": (
        "Du ønsker å bli ringt, på {phone}: det har vi notert i sak #{id}, så saksbehandleren ser det. Er "
        "nummeret feil, svar med det riktige."
    ),
    "followup_question_noted": (
        "Spørsmålet ditt er lagt til i sak #{id}, og saksbehandleren svarer deg i denne tråden."
    ),
    "urgent_noted": (
        "Vi har registrert den med prioritet {priority}, og saksbehandlerne ser den allerede: svar på det du "
        "kan under, så begynner de med det de har."
    ),
    "followup_noted": "Takk, vi har lagt meldingen din til i sak #{id}.",
    "attachments_rejected": (
        "Vi kunne ikke ta imot disse filene (vi tar imot høyst {limit} filer per melding): {names}. "
        "Send dem gjerne i et nytt svar."
    ),
    "attachments_rejected_more": " og {count} til",
    "change_needs_confirmation": (
        "Vi har fått en melding i sak #{id} som ber oss {what}. Slike endringer gjør vi bare når de "
        "kommer som svar på en e-post fra oss om saken, fra deg, så vi har ikke gjort det. Var det deg, "
        "svar på denne e-posten med «Ja, det var meg», så gjør vi det. Var det ikke deg, svar «Nei, "
        "det var ikke meg»."
    ),
    "change_disowned": (
        "Takk for at du sa fra. Vi har ikke endret noe i sak #{id}, og vi har tatt vare på meldingen i saken."
    ),
    "change_and": " og å ",
    "change_close": "lukke saken",
    "change_withdraw": "trekke tilbake tillatelsen saksbehandlerne våre har til å logge på systemet deres",
    "change_login_yes": "la saksbehandlerne våre logge på systemet deres",
    "change_login_no": "ikke logge på systemet deres",
    "withdrawn": (
        "Som du ba om, er tilgangen saksbehandlerne våre hadde til å logge på systemet deres for sak "
        "#{id} trukket tilbake. Selve saken er fortsatt åpen."
    ),
    "withdrawn_none": (
        "Saksbehandlerne våre hadde ikke tilgang til å logge på systemet deres for sak #{id}, så ingenting "
        "er endret."
    ),
    "closed_by_customer": (
        "Som du ba om, er sak #{id} nå lukket. {access}"
        "Trenger du mer hjelp, svarer du bare på denne e-posten, så åpnes saken igjen."
    ),
    "closed_by_staff": (
        "Sak #{id} er nå lukket. {access}"
        "Trenger du mer hjelp, svarer du bare på denne e-posten, så åpnes saken igjen."
    ),
    # etter "lukket", bare når saksbehandlerne kunne logge inn til da
    "closed_access_ended": "Saksbehandlernes påloggingstilgang er avsluttet. ",
    "reminder": "En vennlig påminnelse om sak #{id}: «{subject}». Vi trenger fortsatt:",
    "abandoned": (
        "Vi har ikke hørt fra deg på en stund, så sak #{id} er nå lukket. "
        "Trenger du fortsatt hjelp, svarer du bare på denne e-posten, så åpnes saken igjen."
    ),
    "reopened": "Sak #{id} er åpnet igjen, og vi har lagt meldingen din til i den.",
    "summary_type": "Type",
    "summary_subject": "Emne",
    "summary_priority": "Prioritet",
    "summary_customer": "Kunde",
    "summary_instance": "Instans",
    "summary_reporter": "Registrert av",
    "summary_handler": "Ønsket saksbehandler",
    "summary_login": "Pålogging tillatt",
    "summary_personal": "Behandling av personopplysninger",
    "summary_browser": "Nettleser",
    "summary_app": "App",
    "summary_scope": "Gjelder",
    "summary_users": "Berørte brukere",
    "summary_module": "Modul",
    "summary_record": "ID til registreringen",
    "summary_observed": "Observert dato",
    "summary_recurring": "Gjentakende",
    "in_app": "i appen (plattform ikke oppgitt)",
    "summary_attachments": "Vedlegg",
    "type_support": "Supportsak",
    "type_order": "Ordre",
    "type_bug": "Feilmelding",
    "type_improvement": "Forbedringsforslag",
    "type_agreement_change": "Avtaleendring",
    "priority_low": "Lav",
    "priority_normal": "Normal",
    "priority_high": "Høy",
    "priority_critical": "Kritisk",
    "scope_one": "Én bruker",
    "scope_several": "Flere brukere",
    "scope_all": "Alle brukere",
    "module_deviations": "Avvik",
    "module_risk": "Risiko",
    "module_checklists": "Sjekklister",
    "module_documents": "Dokumenter",
    "module_courses": "Kurs",
    "module_actions": "Tiltak",
    "module_meetings": "Møter",
    "module_reports": "Rapporter",
    "module_users": "Brukere",
    "module_inspections": "Inspeksjoner",
    "module_chemicals": "Stoffkartotek",
    "module_contracts": "Kontrakter",
    "module_competence": "Kompetanse",
    "module_annual_wheel": "Årshjul",
    "module_time_tracking": "Timeregistrering",
    "module_employees": "Ansatte",
    "module_absence": "Fravær",
    "yes": "Ja",
    "no": "Nei",
    "recurring_true": "Ja, gjentakende",
    "recurring_false": "Nei, et engangstilfelle",
    "staff_new_subject": "Ny sak #{id} ({type}, {priority}) fra {customer}: {subject}",
    "staff_complete_subject": "Sak #{id} er komplett ({type}, {priority}) fra {customer}: {subject}",
    "staff_intro": "En sak er klar til behandling.",
    "staff_new_intro": "En ny sak er registrert; casebot spør kunden om det som mangler.",
    "staff_answer_hint": (
        "Svar ved å svare på denne e-posten: casebot sender svaret ditt, med vedleggene, til {reporter} i "
        "sakens egen tråd. Sitert tekst tas ikke med."
    ),
    "staff_description_label": "Beskrivelse",
    "staff_missing": "Mangler fortsatt: {labels}",
    "staff_unknown": "Ikke kjent (kunden kan ikke svare): {labels}",
    "staff_followup_subject": "Nytt fra kunden i sak #{id} ({customer}): {subject}",
    "staff_followup_intro": "{who} skrev i sak #{id}:",
    "staff_reply_signoff": "Med vennlig hilsen\n{name}\n{team}",
    "staff_unplaced_subject": "Ikke sendt: {subject}",
    "staff_unplaced": (
        "casebot kunne ikke se hvilken sak e-posten din svarer på, så den er ikke sendt til noen kunde og "
        "har ikke opprettet noen sak.\n\n"
        "For å svare en kunde: svar på e-posten fra casebot om saken (svaradressen fører til saken), eller "
        "svar i tråden under sakens innlegg i Slack. For å registrere en sak for en kunde: videresend "
        "kundens e-post til supportadressen med meldingen og Fra-linjen."
    ),
    "slack_staff_answer_hint": "Svar i denne tråden for å svare kunden.",
    "handoff_intro": (
        "Sak #{id}, registrert i casebot av {reporter}, er komplett. Svar på denne e-posten går til kunden "
        "(Reply-To)."
    ),
    "handoff_followup_intro": "{who} skrev igjen i sak #{id}:",
    "unknown_customer": "ukjent kunde",
    "staff_grant_alert_subject": "Påloggingstilgangen for sak #{id} kunne ikke trekkes tilbake",
    "staff_grant_alert": (
        "casebot har prøvd å trekke tilbake påloggingstilgangen for sak #{id} ({customer}, {instance}) "
        "siden {since} uten å lykkes. Den fortsetter å prøve. Siste feil: {error}"
    ),
    # -- the portal form (the Slack modal and the web form) --
    "form_description": "Beskrivelse",
    "form_description_hint": (
        "Beskriv én ting per sak. Gjelder det et problem: hva du gjorde, hva som skjedde, og hva du ventet."
    ),
    "form_login_title": "Pålogging",
    "form_login_help": (
        "For å få løst saken kan det være hensiktsmessig at saksbehandler hos oss får logget seg på "
        "systemet deres. Påloggingsmuligheten gjelder kun så lenge denne saken er åpen, og dere kan når "
        "som helst trekke tillatelsen tilbake. Alle saksbehandlere har full taushetsplikt om all "
        "informasjon som man eventuelt kommer i berøring med i deres løsning."
    ),
    "form_login_label": "Tillat saksbehandlere å logge på for å løse denne saken",
    "form_personal_title": "Behandling av personopplysninger",
    "form_personal_help": (
        "Angi om det skal behandles personopplysninger ved behandling av denne saken. Dette vil brukes som "
        "en logg over behandling av personopplysninger, jf. GDPR artikkel 30.2."
    ),
    "form_personal_label": "Skal det behandles personopplysninger i denne saken?",
    "form_problem_title": "Om problemet (feilmeldinger)",
    "form_problem_help": (
        "Gjelder saken en feil, fyll gjerne inn det du vet: det sparer en runde med spørsmål."
    ),
    "form_app_platform": "App-plattform",
    "form_app_version": "App-versjon",
    "form_app_version_hint": "Står nederst i menyen til venstre i appen, f.eks. 5.12.3",
    "form_users_hint": "Brukernavn eller bruker-ID, skilt med komma",
    "form_files_hint": "Opptil 5 filer; et skjermbilde av hele nettleservinduet hjelper mye",
    "platform_ios": "iOS",
    "platform_android": "Android",
    "form_error_subject": "Skriv et emne.",
    "form_error_description": "Beskriv saken.",
    "form_error_choice": "Velg et av alternativene.",
    "form_error_app_version": "En app-versjon ser slik ut: 5.12.3.",
    "form_error_date": "Oppgi en dato som ÅÅÅÅ-MM-DD.",
    "form_error_future_date": "Den datoen er fram i tid.",
    "form_error_files": "Legg ved høyst {limit} filer.",
    "form_error_too_long": "Skriv høyst {limit} tegn her.",
    "form_link": "Du kan også svare i et skjema på nettet, der det vi allerede vet er fylt inn:\n{url}",
    # -- the web form (bot/web) --
    "web_page_title": "Sak #{id}: {subject}",
    "web_heading": "Sak #{id}",
    "web_intro_draft": (
        "Dette er skjemaet for saken din. Det vi allerede vet, er fylt inn, og feltene merket «Mangler» "
        "er det vi trenger før saksbehandlerne våre kan begynne. Rett det som er feil, og send."
    ),
    "web_intro_open": (
        "Saken din er hos saksbehandlerne våre. Her kan du legge ved filer eller rette opplysningene; du "
        "får en bekreftelse på e-post."
    ),
    "web_needed": "Mangler",
    "web_language": "Språk",
    "web_switch": "English",
    "web_section_case": "Saken",
    "web_reference": "Saksnummer",
    "web_not_chosen": "Ikke valgt",
    "web_browser_hint": (
        "For eksempel Chrome 131, Edge eller Firefox. Skjer det i appen, oppgir du appen under."
    ),
    "web_record_hint": "ID-en til registreringen det er problemer med",
    "web_files_title": "Vedlegg",
    "web_files_label": "Legg ved filer (opptil {count} til)",
    "web_files_have": "Allerede lagt ved saken:",
    "web_files_full": (
        "Saken har allerede de {limit} filene skjemaet tar imot. Send flere ved å svare på e-posten vår."
    ),
    "web_files_again": "Filer blir ikke tatt vare på når noe må rettes: velg dem på nytt.",
    "web_tip": (
        "Tips: For mer effektiv saksbehandling anbefaler vi at du tillater saksbehandler å logge på "
        "systemet deres. Legg også gjerne ved skjermbilder som beskriver spørsmålet eller hva saken "
        "handler om."
    ),
    "web_submit": "Send",
    "web_errors_title": "Rett dette før du sender:",
    "web_error_files_size": "Filene er til sammen større enn {mb} MB. Velg færre eller mindre filer.",
    "web_store_down": (
        "Vi fikk ikke lagret svarene dine akkurat nå. Ingenting på siden er tapt: send igjen om et minutt."
    ),
    "web_sent_title": "Takk",
    "web_sent_body": (
        "Vi har tatt imot svarene dine for sak #{id}. Om noen minutter får du en e-post fra oss: et "
        "sammendrag når saken er komplett, eller det vi fortsatt trenger."
    ),
    "web_sent_next": (
        "Saksbehandlerne våre begynner på saken så snart den er komplett. Så lenge saken er åpen, kan du "
        "komme tilbake til skjemaet med den samme lenken for å legge ved filer eller rette opplysninger."
    ),
    "web_sent_back": "Tilbake til skjemaet",
    "web_closed_title": "Sak #{id} er lukket",
    "web_closed_body": (
        "Saken er lukket, så skjemaet tar ikke imot flere svar. Trenger du mer hjelp med den, svarer du "
        "på en av e-postene våre om saken, så åpnes den igjen. Gjelder det noe nytt, skriver du til "
        "{address}."
    ),
    "web_not_found_title": "Lenken virker ikke",
    "web_not_found_body": (
        "Lenken kan være ufullstendig, eller saken den hørte til finnes ikke lenger. Bruk lenken i den "
        "nyeste e-posten fra oss om saken, eller svar på den e-posten."
    ),
    "web_forbidden_title": "Skjemaet kunne ikke tas imot",
    "web_forbidden_body": (
        "Skjemaet manglet sikkerhetskontrollen sin, så ingenting ble lagret. Åpne lenken i e-posten vår "
        "igjen, og send skjemaet derfra."
    ),
    "web_too_many_title": "For mange forespørsler",
    "web_too_many_body": "Vent et minutt, og prøv igjen.",
    "web_too_large_title": "For mye å sende på én gang",
    "web_too_large_body": (
        "Skjemaet var større enn vi kan ta imot på én gang ({mb} MB filer). Gå tilbake, velg færre eller "
        "mindre filer, og send igjen."
    ),
    "web_bad_form_title": "Skjemaet kunne ikke leses",
    "web_bad_form_body": "Åpne lenken i e-posten vår igjen, og send skjemaet derfra.",
    "web_store_down_page_title": "Skjemaet er ikke tilgjengelig akkurat nå",
    "web_store_down_page_body": "Prøv igjen om noen minutter.",
    # -- Slack (bot/slack) --
    "slack_questions_intro": (
        "For at vi skal kunne starte med en gang, ber vi deg svare på spørsmålene under: med knappene, "
        "eller med egne ord som svar i denne tråden."
    ),
    "slack_closed_by_customer": (
        "Som du ba om, er sak #{id} nå lukket. {access}"
        "Trenger du mer hjelp, skriver du bare i denne tråden, så åpnes saken igjen."
    ),
    "slack_closed_by_staff": (
        "Sak #{id} er nå lukket. {access}"
        "Trenger du mer hjelp, skriver du bare i denne tråden, så åpnes saken igjen."
    ),
    "slack_abandoned": (
        "Vi har ikke hørt fra deg på en stund, så sak #{id} er nå lukket. "
        "Trenger du fortsatt hjelp, skriver du bare i denne tråden, så åpnes saken igjen."
    ),
    "slack_withdraw_text": "Trekk tilbake påloggingen",
    "slack_close_text": "Lukk saken",
    "slack_modal_title": "Registrer sak",
    "slack_modal_submit": "Registrer sak",
    "slack_form_failed": "Beklager, skjemaet kunne ikke åpnes. Prøv `{command}` igjen.",
    "slack_store_down": "Beklager, vi fikk ikke lagret det akkurat nå. Prøv igjen om et minutt.",
    "slack_new_received": "Takk! Vi registrerer saken din og skriver til deg her i Slack.",
    "slack_files_failed": (
        "Vi fikk ikke hentet disse filene fra Slack, så de er ikke lagt ved saken din: {names}. "
        "Del dem gjerne på nytt i tråden til saken."
    ),
    "slack_not_yours": "Du kan ikke se sak #{id}: den finnes ikke, eller den tilhører en annen organisasjon.",
    "slack_already_closed": "Sak #{id} er allerede lukket.",
    "slack_close_accepted": "Sak #{id} blir lukket; du får en bekreftelse om et øyeblikk.",
    "slack_withdraw_accepted": (
        "Påloggingstilgangen for sak #{id} blir trukket tilbake; du får en bekreftelse om et øyeblikk."
    ),
    "slack_unknown_command": "Beklager, det forsto jeg ikke.",
    "slack_needs_id_show": "Hvilken sak? Skriv for eksempel `{command} vis 12`.",
    "slack_needs_id_close": "Hvilken sak? Skriv for eksempel `{command} lukk 12`.",
    "slack_needs_id_withdraw": "Hvilken sak? Skriv for eksempel `{command} trekk 12`.",
    "slack_dm_no_case": (
        "Takk! Denne meldingen hører ikke til et åpent spørsmål, så ingen sak er endret. "
        "Vil du registrere en ny sak, skriver du `{command} ny` og hva den gjelder."
    ),
    "slack_help": (
        "Dette kan jeg:\n"
        "• `{command}` eller `{command} ny`: registrer en sak med skjemaet\n"
        "• `{command} ny <tekst>`: registrer en sak med egne ord; jeg spør om resten\n"
        "• `{command} liste`: våre saker\n"
        "• `{command} vis 12`: én sak\n"
        "• `{command} lukk 12`: lukk en sak\n"
        "• `{command} trekk 12`: trekk tilbake påloggingstilgangen for en sak\n"
        "• `{command} hjelp`: denne hjelpen"
    ),
    "slack_list_title": "Våre saker",
    "slack_list_title_staff": "Alle saker",
    "slack_no_cases": "Ingen saker ennå.",
    "slack_more_cases": "… og {count} eldre saker.",
    "slack_case_title": "Sak #{id}",
    "slack_status_draft": "Venter på svar",
    "slack_status_open": "Åpen",
    "slack_status_closed": "Lukket",
    "slack_home_title": "Våre saker",
    "slack_home_hint": "Registrer en ny sak med {command}, eller skriv til meg her.",
    "slack_staff_missing": "Mangler fortsatt: {fields}",
    "slack_button_show": "Vis detaljer",
    "slack_button_close": "Lukk saken",
    "slack_button_cancel": "Avbryt",
    "slack_confirm_close_title": "Lukke saken?",
    "slack_confirm_close_text": "Sak #{id} blir lukket, og påloggingstilgangen for den avsluttes.",
    # -- kommandolinjen og oppstarten av `serve`, for driftspersonen (språk fra LC_ALL / LANG) --
    "cli_error": "casebot: {detail}",
    "cli_config_error": "feil i konfigurasjonen: {detail}",
    "cli_port_in_use": (
        "{setting} = {port}: {address} er allerede i bruk av et annet program; stopp det, eller velg en "
        "annen port i konfigurasjonen eller med {flag}"
    ),
    "cli_cannot_listen": "{setting} = {port}: kan ikke lytte på {address}: {reason}",
    "cli_store_unreachable": (
        "får ikke kontakt med lageret ({detail}); kjører databasen, og er [store] url riktig?"
    ),
    "cli_folder_read_only": (
        "{folder} er skrivebeskyttet ({setting}): casebot lagrer dataene sine der; gjør mappen "
        "skrivbar eller sett {setting} til en annen mappe"
    ),
    "cli_disk_full": "disken under {folder} er full ({setting}): frigjør plass og start igjen",
    "cli_folder_unwritable": "kan ikke skrive til {folder} ({setting}): {reason}",
    "cli_no_relay": (
        "ingen e-postrelé er satt opp: svarene skrives til {folder} (sett [outbound] host for å sende dem)"
    ),
    "cli_col_case": "Sak",
    "cli_col_status": "Status",
    "cli_col_type": "Type",
    "cli_col_priority": "Prioritet",
    "cli_col_customer": "Kunde",
    "cli_col_reporter": "Registrert av",
    "cli_col_age": "Alder",
    "cli_col_missing": "Mangler",
    "cli_col_subject": "Emne",
    "cli_col_instance": "Instans",
    "cli_col_granted": "Gitt",
    "cli_col_revoked": "Trukket",
    "cli_col_pending": "Ventende kall",
    "cli_col_id": "ID",
    "cli_col_received": "Mottatt",
    "cli_col_from": "Fra",
    "cli_col_size": "Størrelse",
    "cli_col_attempts": "Forsøk",
    "cli_col_error": "Feil",
    "cli_col_at": "Når",
    "cli_col_action": "Handling",
    "cli_col_actor": "Av",
    "cli_col_detail": "Detaljer",
    "cli_col_file": "Fil",
    "cli_col_content_type": "Slag",
    "cli_col_check": "Del",
    "cli_col_result": "Resultat",
    "cli_status_draft": "utkast",
    "cli_status_open": "åpen",
    "cli_status_closed": "lukket",
    "cli_age_days": "{n} d",
    "cli_age_hours": "{n} t",
    "cli_age_minutes": "{n} min",
    "cli_no_cases": "Ingen saker.",
    "cli_no_grants": "Ingen påloggingstilganger.",
    "cli_no_failed": "Ingen meldinger i karantene.",
    "cli_no_audit": "Ingenting i revisjonssporet til sak {id}.",
    "cli_case_title": "Sak #{id}: {subject}",
    "cli_case_state": "{via} · registrert {created}",
    "cli_case_closed": "lukket {at} ({reason})",
    "cli_description": "Beskrivelse",
    "cli_missing": "Mangler fortsatt",
    "cli_unknown": "Ukjent for kunden",
    "cli_participants": "Også i tråden",
    "cli_login_grant": "Påloggingstilgang",
    "cli_grant_none": "ingen",
    "cli_grant_active": "aktiv siden {at}",
    "cli_grant_revoked": "trukket {at}",
    "cli_conversation": "Samtale",
    "cli_no_messages": "Ingen meldinger.",
    "cli_message_in": "{at} · {sender} → casebot ({via})",
    "cli_message_out": "{at} · {sender} → {to} ({via})",
    "cli_attachments": "Vedlegg",
    "cli_no_attachments": "Ingen vedlegg.",
    "cli_check_ok": "ok",
    "cli_check_failed": "FEIL",
    "cli_check_off": "av",
    "cli_check_config": "konfigurasjon",
    "cli_check_store": "lager",
    "cli_check_outgoing": "mappe for utgående e-post",
    "cli_check_relay": "e-postrelé",
    "cli_check_slack": "Slack",
    "cli_check_grants": "webhook for tilganger",
    "cli_check_handoff": "webhook for overlevering",
    "cli_check_summary_ok": "Alt som er satt opp, virker.",
    "cli_check_summary_failed": "{count} del(er) virker ikke; se over.",
    "cli_check_slack_off": "SLACK_BOT_TOKEN og SLACK_SIGNING_SECRET er ikke begge satt",
    "cli_check_not_configured": "ikke satt opp",
}
