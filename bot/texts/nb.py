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
    "questions_still": "Takk, vi har lagt det til i sak #{id}. Vi trenger fortsatt:",
    "questions_tip": (
        "Tips: skjermbilder av hele nettleservinduet, inkludert adresselinjen, hjelper oss mye. "
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
    "q_scope": "Gjelder det én bruker, flere brukere eller alle?",
    "q_affected_users": "Hvilke brukere gjelder det (brukernavn eller bruker-ID)?",
    "q_observed_on": "Når skjedde det, eller når så dere det første gang (dato)?",
    "q_recurring": "Skjer det igjen og igjen, eller var det et engangstilfelle?",
    "q_module": "Hvilken modul gjelder det (f.eks. avvik, risiko, sjekklister, dokumenter)?",
    "complete": (
        "Takk! Sak #{id} er nå komplett og sendt videre til saksbehandlerne våre. Her er et sammendrag:"
    ),
    "complete_first": (
        "Takk for henvendelsen. Vi har registrert den som sak #{id}: «{subject}», og sendt den videre "
        "til saksbehandlerne våre. Her er et sammendrag:"
    ),
    "followup_noted": "Takk, vi har lagt meldingen din til i sak #{id}.",
    "attachments_rejected": (
        "Vi kunne ikke ta imot disse filene (vi tar imot høyst {limit} filer per melding): {names}. "
        "Send dem gjerne i et nytt svar."
    ),
    "withdrawn": (
        "Som du ba om, er tilgangen saksbehandlerne våre hadde til å logge på systemet deres for sak "
        "#{id} trukket tilbake. Selve saken er fortsatt åpen."
    ),
    "withdrawn_none": (
        "Saksbehandlerne våre hadde ikke tilgang til å logge på systemet deres for sak #{id}, så ingenting "
        "er endret."
    ),
    "closed_by_customer": (
        "Som du ba om, er sak #{id} nå lukket. Saksbehandlernes påloggingstilgang er avsluttet. "
        "Trenger du mer hjelp, svarer du bare på denne e-posten, så åpnes saken igjen."
    ),
    "closed_by_staff": (
        "Sak #{id} er nå lukket. Saksbehandlernes påloggingstilgang er avsluttet. "
        "Trenger du mer hjelp, svarer du bare på denne e-posten, så åpnes saken igjen."
    ),
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
    "summary_observed": "Observert",
    "summary_recurring": "Gjentakende",
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
    "yes": "Ja",
    "no": "Nei",
    "recurring_true": "Ja, gjentakende",
    "recurring_false": "Nei, et engangstilfelle",
    "staff_new_subject": "Ny sak #{id} ({type}, {priority}) fra {customer}: {subject}",
    "staff_complete_subject": "Sak #{id} er komplett ({type}, {priority}) fra {customer}: {subject}",
    "staff_intro": "En sak er klar til behandling.",
    "staff_new_intro": "En ny sak er registrert; casebot spør kunden om det som mangler.",
    "unknown_customer": "ukjent kunde",
    "staff_grant_alert_subject": "Påloggingstilgangen for sak #{id} kunne ikke trekkes tilbake",
    "staff_grant_alert": (
        "casebot har prøvd å trekke tilbake påloggingstilgangen for sak #{id} ({customer}, {instance}) "
        "siden {since} uten å lykkes. Den fortsetter å prøve. Siste feil: {error}"
    ),
}
