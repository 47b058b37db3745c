"""The product words the extractor knows: module names in both languages, and the customer-system hosts.

A vendor runs the bot for one product, so the module list and the host suffix are configuration, built
from the `[[modules]]` tables of the TOML config with `Vocabulary.from_config`. The default describes an
HSE and quality-management SaaS such as Landax.

A module form is a lowercase word or phrase. A trailing `*` makes it a stem that also matches
inflections and Norwegian compounds: `avvik*` matches "avviket", "avvikene", "avviksmodulen",
"avviksregistrering". Words a stem would catch wrongly ("dokumentasjon", "rapportere") are listed in
`exclude`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

__all__ = ["DEFAULT_VOCABULARY", "Module", "Vocabulary"]


@dataclass(frozen=True)
class Module:
    """One module of the product: its canonical key and every form a customer may write it in."""

    key: str
    forms: tuple[str, ...]
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """What the extractor needs to know about the product (see the module docstring)."""

    modules: tuple[Module, ...]
    instance_suffixes: tuple[str, ...] = ("landax.no",)
    #: First labels of hosts under the suffix that are the vendor's own sites, not a customer's system.
    vendor_hosts: tuple[str, ...] = (
        "www",
        "support",
        "kundeportal",
        "portal",
        "hjelp",
        "help",
        "status",
        "blogg",
        "blog",
        "api",
        "mail",
        "smtp",
        "cdn",
        "static",
        "docs",
        "app",
    )

    @classmethod
    def from_config(
        cls,
        modules: Sequence[Mapping[str, Any]],
        instance_suffixes: Sequence[str] = ("landax.no",),
        vendor_hosts: Sequence[str] | None = None,
    ) -> Vocabulary:
        """A vocabulary from plain config data.

        Each module is a mapping with `key` (the canonical lowercase English name) and its forms under
        any of `nb`, `en` or `forms` (lists of strings, `*` marks a stem), plus an optional `exclude` list.
        """
        built: list[Module] = []
        for entry in modules:
            key = str(entry["key"]).strip().lower()
            forms: list[str] = []
            for name in ("forms", "nb", "en"):
                forms.extend(_strings(entry.get(name, ())))
            if not forms:
                forms.append(key)
            exclude = _strings(entry.get("exclude", ()))
            built.append(
                Module(
                    key=key,
                    forms=_with_plain_spellings(forms, shortest=6),
                    exclude=_with_plain_spellings(exclude),
                )
            )
        suffixes = tuple(s.strip().lower().lstrip(".") for s in instance_suffixes if s.strip())
        if vendor_hosts is None:
            return cls(modules=tuple(built), instance_suffixes=suffixes)
        return cls(modules=tuple(built), instance_suffixes=suffixes, vendor_hosts=tuple(vendor_hosts))

    @cached_property
    def module_pattern(self) -> re.Pattern[str]:
        """One expression that finds any module form in lowercased text, the longest form first.

        The forms are grouped by their first character, `a(?:vvik…|…)|d(?:okument…|…)`: at each word
        the engine then rejects a group on one comparison instead of trying every form (2.5 times
        faster on a description). Forms that start differently cannot match at the same place, so the
        matches are those of the plain list of forms.
        """
        groups: dict[str, list[str]] = {}
        for form in sorted({f for m in self.modules for f in m.forms}, key=lambda f: (-len(f), f)):
            stem = form.endswith("*")
            words = form.rstrip("*").split()
            if not words:
                continue  # a bare "*" would match every word (the config refuses one)
            rest = r"[\s-]+".join([re.escape(words[0][1:]), *(re.escape(w) for w in words[1:])])
            groups.setdefault(words[0][0], []).append(rest + (r"[\wæøåé-]*" if stem else ""))
        alternatives = [re.escape(first) + "(?:" + "|".join(rests) + ")" for first, rests in groups.items()]
        if not alternatives:
            return re.compile(r"(?!x)x")
        return re.compile(r"(?<![\wæøåé])(?:" + "|".join(alternatives) + r")(?![\wæøåé])")

    @cached_property
    def _lookup(self) -> tuple[dict[str, str], tuple[tuple[int, dict[str, str]], ...], frozenset[str]]:
        exact: dict[str, str] = {}
        stems: list[tuple[str, str]] = []
        excluded: set[str] = set()
        for module in self.modules:
            excluded.update(e.lower() for e in module.exclude)
            for form in module.forms:
                normal = " ".join(form.rstrip("*").lower().replace("-", " ").split())
                if form.endswith("*"):
                    stems.append((normal, module.key))
                else:
                    exact.setdefault(normal, module.key)
        # Stems by length, longest first; of equal stems the first module's wins.
        by_length: dict[int, dict[str, str]] = {}
        for stem, key in stems:
            by_length.setdefault(len(stem), {}).setdefault(stem, key)
        return exact, tuple(sorted(by_length.items(), reverse=True)), frozenset(excluded)

    def module_of(self, matched: str, next_word: str = "", prev_word: str = "") -> str | None:
        """The module key a matched form belongs to, or None when the word (alone, or with the word
        before or after it) is an excluded look-alike ("of course", "møter på")."""
        exact, stems, excluded = self._lookup
        normal = " ".join(matched.lower().replace("-", " ").split())
        if (
            normal in excluded
            or f"{normal} {next_word.lower()}" in excluded
            or f"{prev_word.lower()} {normal}" in excluded
        ):
            return None
        if normal in exact:
            return exact[normal]
        for length, keys in stems:  # the longest stem the word starts with
            key = keys.get(normal[:length])
            if key is not None:
                return key
        return None


# How "æ", "ø" and "å" are typed on a keyboard without them: "timeforing", "timefoering", "haandbok".
_PLAIN_LETTERS = {"æ": ("æ", "e", "ae"), "ø": ("ø", "o", "oe"), "å": ("å", "a", "aa")}


def _with_plain_spellings(forms: Iterable[str], *, shortest: int = 0) -> tuple[str, ...]:
    """The forms and every way each is written without æ, ø and å ("møter på": "moter paa", …), once each;
    a plain spelling shorter than `shortest` characters is left out ("møte*" as "mote*" would be "motel")."""
    spelled: dict[str, None] = {}
    for form in forms:
        variants = [""]
        for letter in form:
            variants = [v + c for v in variants for c in _PLAIN_LETTERS.get(letter, (letter,))]
        spelled.update(dict.fromkeys(v for v in variants if v == form or len(v.rstrip("*")) >= shortest))
    return tuple(spelled)


def _strings(values: Any) -> Iterable[str]:
    if isinstance(values, str):
        return [values.strip().lower()] if values.strip() else []
    return [str(v).strip().lower() for v in values if str(v).strip()]


_DEFAULT_MODULES: tuple[dict[str, Any], ...] = (
    {
        "key": "deviations",
        "nb": ["avvik*", "uønsket hendelse*", "uønskede hendelse*", "hendelsesrapport*"],
        "en": ["deviation*", "non-conformit*", "nonconformit*", "incident report*"],
    },
    {
        "key": "risk",
        "nb": ["risiko*", "ros-analyse*", "ros analyse*", "ros-mal*", "ros", "sja", "sja-er"],
        "en": ["risks", "risk assessment*", "risk analys*", "risk matri*", "risk module", "risk register*"],
        "exclude": ["risikere", "risikerer", "risikerte"],
    },
    {
        "key": "checklists",
        "nb": ["sjekkliste*", "kontrolliste*", "sjekklista", "kontrollista"],
        "en": ["checklist*", "check list*", "check-list*"],
    },
    {
        "key": "documents",
        "nb": ["dokument*", "håndbok*", "håndbøker*", "prosedyre*", "rutinebeskrivelse*"],
        "en": ["document*", "handbook*", "procedures"],
        "exclude": [
            "dokumentasjon",
            "dokumentasjonen",
            "dokumentere",
            "dokumenterer",
            "dokumentert",
            "documentation",
            "documented",
            "documenting",
        ],
    },
    {
        "key": "courses",
        "nb": ["kurs*", "e-læring*", "opplæringsmodul*"],
        "en": ["course*", "e-learning*", "training module*", "training course*"],
        "exclude": [
            "of course",
            "courseware",
            "kursiv",
            "kursivt",
            "kursor",
            "kursoren",
            "kursorer",
            "kursen",
            "kursendring",
        ],
    },
    {
        "key": "actions",
        "nb": ["tiltak*", "handlingsplan*"],
        "en": [
            "actions module",
            "action plan*",
            "corrective action*",
            "action item*",
            "the action",
            "an action",
            "the actions",
            "on actions",
            "in actions",
        ],
    },
    {
        "key": "meetings",
        "nb": ["møte*", "møtereferat*", "møteinnkalling*", "referat*"],
        "en": ["meeting*", "minutes of meeting*"],
        # "Vi møter på en feil" is "we run into an error", not the meetings module.
        "exclude": ["møtes", "møtest", "møter på", "møtte på", "møtt på"],
    },
    {
        "key": "reports",
        "nb": ["rapport*", "statistikk*", "ukesrapport*", "månedsrapport*", "årsrapport*"],
        "en": [
            "reports",
            "report module",
            "reporting module",
            "report builder",
            "the report",
            "this report",
            "a report",
            "custom report*",
            "statistics",
            "monthly report*",
            "weekly report*",
            "annual report*",
            "quarterly report*",
            "yearly report*",
            "report id",
            "report generator",
        ],
        "exclude": ["rapportere", "rapporterer", "rapporterte", "rapportert", "rapportering"],
    },
    {
        "key": "users",
        "nb": [
            "brukeradministrasjon*",
            "brukermodul*",
            "brukeroppsett*",
            "brukerrolle*",
            "tilgangsstyring*",
            "brukeroversikt*",
            "rettighetsstyring*",
            "brukerliste*",
            "brukerkonto*",
            "ny bruker",
            "nye brukere",
            "tilbakestilling av passord",
            "tilbakestille passord*",
            "brukerimport*",
            # what is done to an account, not to its records ("slette brukerens avvik" is deviations)
            "deaktivere bruker",
            "deaktivere brukeren",
            "deaktivere brukere",
            "deaktivere brukerne",
            "deaktivere en bruker",
            "deaktivere ein brukar",
            "deaktivere brukaren",
            "deaktivering av bruker",
            "deaktivering av brukere",
            "slette bruker",
            "slette brukeren",
            "slette brukere",
            "slette brukerne",
            "slette en bruker",
            "slette ein brukar",
            "slette brukaren",
            "brukere som har sluttet",
            "brukarar som har slutta",
        ],
        "en": [
            "user administration",
            "user management",
            "user admin",
            "users module",
            "user roles",
            "user role",
            "access control",
            "user account*",
            "new user",
            "new users",
            "reset the password",
            "password reset",
            "reset password",
            # what is done to an account: "how do we deactivate a user who has left"
            "deactivate a user",
            "deactivate the user",
            "deactivate user",
            "deactivate users",
            "deactivating a user",
            "deactivating users",
            "delete a user",
            "delete the user",
            "delete user",
            "delete users",
            # accounts of people who left ("Removing people who left")
            "people who left",
            "people who have left",
            "users who left",
            "users who have left",
            # the user import
            "user import",
            "import users",
        ],
    },
    {
        "key": "inspections",
        "nb": [
            "inspeksjon*",
            "vernerunde*",
            "revisjon*",
            "internrevisjon*",
            "tilsyn",
            "tilsynet",
            "tilsynsrapport*",
        ],
        "en": ["inspection*", "safety round*", "safety walk*", "audits", "audit module", "internal audit*"],
        # a document's revision (its date, number or history) is no audit
        "exclude": [
            *("revisjonsdato", "revisjonsdatoen", "revisjonsdatoer", "revisjonsdatoene", "revisjonsdatoane"),
            *("revisjonsnummer", "revisjonsnummeret", "revisjonshistorikk", "revisjonshistorikken"),
        ],
    },
    {
        "key": "chemicals",
        "nb": ["stoffkartotek*", "kjemikalie*", "sikkerhetsdatablad*", "stoffdatablad*"],
        "en": ["chemical*", "safety data sheet*", "substance register*"],
    },
    {
        "key": "contracts",
        "nb": [
            "kontraktsmodul*",
            "kontraktoversikt*",
            "kontraktsoversikt*",
            "kontraktsregister*",
            "leverandørkontrakt*",
            "kontrakt",
            "kontrakten",
            "kontrakter",
            "kontraktene",
            "kontraktar",
            "kontraktane",
        ],
        "en": ["contract module", "contracts module", "contract register*", "supplier contract*"],
    },
    {
        "key": "competence",
        "nb": ["kompetanse*", "sertifikat*"],
        "en": ["competence*", "competency", "certificates", "skills matrix"],
    },
    {
        "key": "annual_wheel",
        "nb": ["årshjul*"],
        "en": ["annual wheel", "annual cycle", "year wheel"],
    },
    {
        "key": "time_tracking",
        "nb": ["timeregistrering*", "timeføring*", "timeliste*", "timeskjema*", "tidregistrering*"],
        "en": [
            "timesheet*",
            "time sheet*",
            "time tracking",
            "time registration*",
            "time entry",
            "time entries",
        ],
    },
    {
        "key": "employees",
        "nb": [
            *("personalmodul*", "ansattkort*", "ansattregister*", "ansattoversikt*", "personalregister*"),
            *("ansattliste*", "ansattlista", "tilsettliste*", "personalliste*"),
            *("import ansatte", "import av ansatte", "importere ansatte", "ansattimport*"),
            *("ansattmodul*", "ansatte-modul*", "modulen ansatte"),
        ],
        "en": [
            "employee list",
            "employee import",
            "import employees",
            "import of employees",
            "employee lists",
            "employee overview",
            "staff list",
            "employee register*",
            "employee module",
            "employee card*",
            "employee record*",
            "staff register*",
            "employees module",
            "employees list",
        ],
    },
    {
        "key": "absence",
        "nb": ["fravær*", "fråvær*", "sykefravær*", "egenmelding*", "feriesøknad*", "permisjonssøknad*"],
        "en": ["absence*", "sick leave", "leave request*", "holiday request*", "vacation request*"],
        "exclude": ["fraværende", "fråverande"],
    },
)

DEFAULT_VOCABULARY = Vocabulary.from_config(list(_DEFAULT_MODULES), ["landax.no"])
