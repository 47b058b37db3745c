"""Everything casebot says exists in both languages, with the same placeholders."""

from __future__ import annotations

import string

from bot.conversation.replies import module_name
from bot.conversation.texts import en, nb, operator_language, say
from parsers.extract import DEFAULT_VOCABULARY


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_languages_have_the_same_keys() -> None:
    """No text is missing in Norwegian or in English."""
    assert set(nb.TEXTS) == set(en.TEXTS)


def test_both_languages_use_the_same_placeholders() -> None:
    """A placeholder filled in one language is filled in the other, so neither raises KeyError."""
    different = {k for k in nb.TEXTS if _fields(nb.TEXTS[k]) != _fields(en.TEXTS[k])}
    assert different == set()


def test_a_channel_has_its_own_wording_where_it_needs_one() -> None:
    """Slack does not tell people to reply to an email; email keeps its own text."""
    email = say("nb", "questions_intro", channel="email")
    slack = say("nb", "questions_intro", channel="slack")
    assert "e-post" in email and "e-post" not in slack
    assert say("en", "complete", channel="slack", id=3) == say("en", "complete", id=3)


def test_the_operator_language_follows_the_posix_locale() -> None:
    """The CLI speaks Norwegian under nb/nn/no locales, with LC_ALL over LC_MESSAGES over LANG."""
    assert operator_language({"LANG": "nb_NO.UTF-8"}) == "nb"
    assert operator_language({"LANG": "nn_NO"}) == "nb"
    assert operator_language({"LANG": "C.UTF-8"}) == "en"
    assert operator_language({}) == "en"
    assert operator_language({"LC_ALL": "en_GB.UTF-8", "LANG": "nb_NO.UTF-8"}) == "en"
    assert operator_language({"LC_ALL": "", "LC_MESSAGES": "no_NO", "LANG": "en_US"}) == "nb"


def test_modules_are_shown_by_their_names_and_unknown_ones_by_key() -> None:
    """Receipts and notifications name a module as people do in each language; a module of the
    operator's own `[[modules]]` that the texts do not know is shown by its key."""
    for module in DEFAULT_VOCABULARY.modules:
        assert module_name("nb", module.key) != module.key
        assert module_name("en", module.key) != module.key
    assert (module_name("nb", "deviations"), module_name("en", "deviations")) == ("Avvik", "Deviations")
    assert module_name("nb", "fleet") == "fleet"
