"""A linear model of the case type, read from a packaged file of weights: the second opinion in `kind`.

The model is multinomial logistic regression over the words of the subject and the cleaned description
(`features`: words, word pairs and five-letter word stems, in both languages). It was fitted by
`bench/train_type_model.py` on the labelled emails and exported to `type_model.json` beside this module:
the vocabulary, one weight per feature and type, and one intercept per type. Inference here is the same
arithmetic in pure Python (no scikit-learn at run time): each feature of the text that is in the
vocabulary counts once, the vector is scaled to unit length, and each type's score is its intercept
plus the dot product. The file is read once, on first use, with `importlib.resources`.

The model only ever answers with one of `parsers.fields.CASE_TYPES`, and says nothing (None) when the
text has no word it knows.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import cast

from parsers.fields import CASE_TYPES, CaseType

__all__ = ["MAX_CHARS", "Prediction", "TypeModel", "features", "load", "predict"]

#: The model reads the subject and at most this many characters of the description: the type is said
#: early, and a long body must not cost more than a short one.
MAX_CHARS = 2000
_STEM = 5  # letters kept of a longer word: "fungerer", "fungerte" and "funger" share "funge"
_TOKEN = re.compile(r"[a-zæøåéäöü0-9]+(?:'[a-z]+)?")
_MODEL_FILE = "type_model.json"
#: Norwegian letters as people write them without them ("haandboka", "soeker"): a text with and one without
#: æøå give the model the same words.
_ASCII = str.maketrans({"å": "aa", "ø": "oe", "æ": "ae"})


def features(subject_low: str, low: str) -> list[str]:
    """The model's features of a lowercased subject and description, in order, repeats included.

    Subject words are marked apart ("s:"), since a subject names the matter; the description gives its
    words ("w:"), adjacent word pairs ("b:") and the first five letters of each longer word ("p:").
    Æ, ø and å are read as ae, oe and aa, as they are typed on keyboards without them.
    Only the first `MAX_CHARS` characters of the description are read.
    """
    out = [f"s:{token}" for token in _TOKEN.findall(subject_low.translate(_ASCII))]
    tokens = _TOKEN.findall(low[:MAX_CHARS].translate(_ASCII))
    previous = "^"
    for token in tokens:
        out.append(f"w:{token}")
        out.append(f"b:{previous} {token}")
        if len(token) > _STEM:
            out.append(f"p:{token[:_STEM]}")
        previous = token
    return out


@dataclass(frozen=True)
class Prediction:
    """The model's answer: the type it scores highest and its softmax probability (0-1)."""

    kind: CaseType
    probability: float


@dataclass(frozen=True)
class TypeModel:
    """Exported weights: `classes` in score order, `intercepts` per class, and per feature one weight
    per class."""

    classes: tuple[CaseType, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    @classmethod
    def from_json(cls, text: str) -> TypeModel:
        """The model a `type_model.json` text holds.

        Raises ValueError when a class is not a case type or a row's length does not match the classes.
        """
        data = json.loads(text)
        classes = tuple(data["classes"])
        if not classes or any(name not in CASE_TYPES for name in classes):
            raise ValueError(f"type model classes must be case types, not {classes!r}")
        intercepts = tuple(float(v) for v in data["intercepts"])
        weights = {name: tuple(float(v) for v in row) for name, row in data["weights"].items()}
        if len(intercepts) != len(classes) or any(len(row) != len(classes) for row in weights.values()):
            raise ValueError("type model rows do not match its classes")
        return cls(cast(tuple[CaseType, ...], classes), intercepts, weights)

    def scores(self, subject_low: str, low: str) -> tuple[float, ...] | None:
        """Each class's decision score (scikit-learn's `decision_function`), or None when no feature of
        the text is in the vocabulary."""
        get = self.weights.get
        rows = [row for name in set(features(subject_low, low)) if (row := get(name))]
        if not rows:
            return None
        scale = 1.0 / math.sqrt(len(rows))
        totals = map(sum, zip(*rows, strict=True))  # per class, over the text's features
        return tuple(bias + scale * total for bias, total in zip(self.intercepts, totals, strict=True))

    def predict(self, subject_low: str, low: str) -> Prediction | None:
        """The most likely type and its probability; None when the text has no known feature."""
        scores = self.scores(subject_low, low)
        if scores is None:
            return None
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        best = scores.index(top)
        return Prediction(self.classes[best], exps[best] / sum(exps))


@cache
def load() -> TypeModel:
    """The packaged model, read once."""
    text = resources.files("parsers.reading").joinpath(_MODEL_FILE).read_text(encoding="utf-8")
    return TypeModel.from_json(text)


def predict(subject_low: str, low: str) -> Prediction | None:
    """The packaged model's answer for a lowercased subject and description (see `TypeModel.predict`)."""
    return load().predict(subject_low, low)
