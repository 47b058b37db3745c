"""The case-type model: the packaged weights load, pure-Python inference agrees with scikit-learn, and
the type read from everyday wording of each kind, in both languages, is the right one.

The wording in the tables is written for these tests, not taken from the labelled sets.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from parsers.extract import extract_fields
from parsers.fields import CASE_TYPES
from parsers.reading import kind, type_model

ROOT = Path(__file__).resolve().parents[2]


def test_packaged_model_loads_with_every_case_type_and_a_vocabulary() -> None:
    model = type_model.load()
    assert sorted(model.classes) == sorted(CASE_TYPES)
    assert len(model.weights) > 1000
    assert type_model.load() is model  # read once


def test_text_without_a_known_word_gets_no_answer_from_the_model() -> None:
    assert type_model.predict("", "") is None
    assert type_model.predict("", "qqqzx wvvyk") is None
    assert kind.case_type("", "") is None  # the portal's default applies


def test_a_file_with_a_class_that_is_no_case_type_is_refused() -> None:
    bad = {"classes": ["bug", "complaint"], "intercepts": [0, 0], "weights": {"w:x": [1, 2]}}
    with pytest.raises(ValueError, match="case types"):
        type_model.TypeModel.from_json(json.dumps(bad))
    short = {"classes": ["bug", "support"], "intercepts": [0, 0], "weights": {"w:x": [1]}}
    with pytest.raises(ValueError, match="rows"):
        type_model.TypeModel.from_json(json.dumps(short))


def test_features_read_the_subject_apart_and_only_the_start_of_a_long_description() -> None:
    got = type_model.features("appen krasjer", "knappen fungerer ikke")
    assert got[:2] == ["s:appen", "s:krasjer"]
    assert {"w:knappen", "b:^ knappen", "b:knappen fungerer", "p:knapp", "p:funge", "w:ikke"} <= set(got)
    long = "ord " * 10_000
    assert len(type_model.features("", long)) < type_model.MAX_CHARS


def _training_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_type_model", ROOT / "bench" / "train_type_model.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("with_letters", "without"),
    [
        ("når jeg søker i håndboka får jeg ingen treff", "naar jeg soeker i haandboka faar jeg ingen treff"),
        (
            "vi får ikkje lagra sjekklista, knappen gjer ingenting",
            "vi faar ikkje lagra sjekklista, knappen gjer ingenting",
        ),
        ("ærlig talt fungerer ikke eksporten", "aerlig talt fungerer ikke eksporten"),
    ],
)
def test_text_with_and_without_norwegian_letters_reads_the_same(with_letters: str, without: str) -> None:
    """ "håndboka" typed as "haandboka" is the same word to the model."""
    assert type_model.features("", with_letters) == type_model.features("", without)
    assert type_model.predict("", with_letters) == type_model.predict("", without)


def test_pure_python_inference_matches_scikit_learn_and_the_packaged_file_is_current() -> None:
    pytest.importorskip("sklearn")
    train = _training_script()
    emails = [*train.load(train.OLD_CORPUS), *train.load(train.TUNE)]
    vectoriser, model = train.fit(emails)
    exported = type_model.TypeModel.from_json(json.dumps(train.export(vectoriser, model)))
    packaged = type_model.load()
    sample = emails[::3] + [
        train.Email(text, "", text.lower(), "")
        for text in ("Appen fryser når jeg åpner kameraet.", "How do I add a new site?", "Takk for sist!")
    ]
    x = vectoriser.transform([type_model.features(e.subject_low, e.low) for e in sample])
    decided = model.predict(x)
    probabilities = model.predict_proba(x).max(axis=1)
    decisions = model.decision_function(x)
    for email, want, probability, scores in zip(sample, decided, probabilities, decisions, strict=True):
        ours = exported.predict(email.subject_low, email.low)
        assert ours is not None
        assert ours.kind == want, email.name
        assert ours.probability == pytest.approx(probability, abs=1e-3)
        assert exported.scores(email.subject_low, email.low) == pytest.approx(list(scores), abs=1e-3)
        shipped = packaged.predict(email.subject_low, email.low)
        assert shipped is not None and shipped.kind == want, f"{email.name}: run bench/train_type_model.py"


@pytest.mark.parametrize(
    ("subject", "text", "expected"),
    [
        # A symptom with no "feil", "bug" or "error" in it
        ("Lagre", "Når jeg trykker på lagre-knappen skjer det ingenting, skjemaet blir stående.", "bug"),
        (
            "",
            "Appen stopper opp hver gang jeg skal ta bilde av et avvik, og så må jeg starte den på nytt.",
            "bug",
        ),
        ("Scanning", "The app hangs as soon as I scan the QR code on the machine.", "bug"),
        (
            "",
            "When I press submit on the inspection form nothing happens, the spinner just keeps going.",
            "bug",
        ),
        # A question about how to do something
        ("Spørsmål", "Hvordan legger jeg til en ny avdeling i organisasjonskartet?", "support"),
        ("", "Kan dere forklare hvor jeg endrer hvem som får varsel om nye avvik?", "support"),
        ("Question", "How do I give a new employee access to the training courses?", "support"),
        ("", "Where do I change which person gets the reminder for the yearly review?", "support"),
        # An order
        ("Bestilling", "Vi vil gjerne bestille modulen for kjemikalier til vår avdeling.", "order"),
        ("Order", "We would like to order 8 additional licences for our new office.", "order"),
        # A change to the agreement
        ("Avtale", "Vi ønsker å nedgradere avtalen vår til færre brukere fra nyttår.", "agreement_change"),
        ("Our plan", "Please add 12 users to our plan from next month.", "agreement_change"),
        ("Oppsigelse", "Vi sier opp abonnementet vårt fra 1. mars.", "agreement_change"),
        ("Contract", "We want to cancel our subscription at the end of the period.", "agreement_change"),
        # An idea
        (
            "Forslag",
            "Forslag: det hadde vært fint å kunne kopiere en sjekkliste til en annen avdeling.",
            "improvement",
        ),
        ("Idea", "Suggestion: let us export the deviation list straight to Excel.", "improvement"),
        ("", "It would be great if reminders could also go out as text messages.", "improvement"),
    ],
)
def test_case_type_of_everyday_wording(subject: str, text: str, expected: str) -> None:
    assert extract_fields(text, subject=subject).with_portal_defaults().type == expected
