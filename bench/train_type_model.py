"""Fit the case-type model on the labelled emails and export it; or measure it against the rules.

Run (needs the `train` extra: `pip install -e '.[train]'`):

- `python bench/train_type_model.py` fits on every labelled email (tests/data/emails and
  tests/data/labelled/tune/emails) and writes parsers/reading/type_model.json;
- `python bench/train_type_model.py --evaluate` prints, for the rules alone, the model alone and the
  two combined as `parsers.reading.kind.case_type` combines them: accuracy of the type and recall per
  type, over repeated grouped k-fold cross-validation of the tune emails (the older corpus always
  trains), and over the tune emails of the latest batch (`NEWEST`) with the model fitted without them.

The model is multinomial logistic regression (scikit-learn, fixed seed, deterministic solver) over
`parsers.reading.type_model.features`, each feature counted once and the vector scaled to unit length,
so that the exported weights give the same decision in pure Python. Near-duplicate emails (word
three-gram Jaccard similarity of at least 0.1, or the same name after the number) share a group, and
a group is never split between training and test. Never reads tests/data/labelled/holdout/.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold

from parsers.clean import clean_description
from parsers.fields import CASE_TYPES, DEFAULT_TYPE, CaseType
from parsers.message import parse_message
from parsers.reading import kind
from parsers.reading.type_model import Prediction, TypeModel, features
from parsers.threading import strip_reply_prefixes

ROOT = Path(__file__).resolve().parent.parent
OLD_CORPUS = ROOT / "tests" / "data" / "emails"
TUNE = ROOT / "tests" / "data" / "labelled" / "tune" / "emails"
OUT = ROOT / "parsers" / "reading" / "type_model.json"
SEED = 20261130
NEWEST = "b11"  # the names of the latest labelled batch, kept apart in --evaluate
C = 10.0  # inverse regularisation strength, chosen by the cross-validation below (1, 10 and 100 tried)
MIN_DF = 2  # a feature seen in one email only is left out: it is a name or a number, and it bloats the file
DECIMALS = 5  # weights are rounded in the file; the tests check the decisions still match


@dataclass
class Email:
    """One labelled email as the model and the rules read it."""

    name: str
    subject_low: str
    low: str
    label: str
    features: list[str] = field(default_factory=list)
    rules: CaseType | None = None  # the rules' type; None when they read no cue
    group: int = 0


def load(folder: Path) -> list[Email]:
    """The labelled emails of one folder (its expected.json), read as `extract_fields` reads them."""
    if "holdout" in folder.parts:
        raise SystemExit("the holdout set is not for training or tuning")
    labels: dict[str, Any] = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    out = []
    for name, entry in sorted(labels.items()):
        if name.startswith("_"):
            continue
        parsed = parse_message((folder / name).read_bytes())
        subject_low = strip_reply_prefixes(parsed.subject).lower()
        low = clean_description(parsed.text).lower()
        out.append(
            Email(
                name,
                subject_low,
                low,
                entry["fields"]["type"],
                features(subject_low, low),
                kind.rule_type(subject_low, low),
            )
        )
    return out


def group_near_duplicates(emails: Sequence[Email]) -> None:
    """Give near-duplicates one group number (see the module docstring)."""
    parent = list(range(len(emails)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def shingles(email: Email) -> set[str]:
        tokens = re.findall(r"\w+", f"{email.subject_low} {email.low}")
        return {" ".join(tokens[i : i + 3]) for i in range(len(tokens) - 2)}

    def slug(name: str) -> str:
        return re.sub(r"^b\d[ab]?-", "", name).split("-", 1)[-1]

    sets = [shingles(e) for e in emails]
    for i, j in itertools.combinations(range(len(emails)), 2):
        union = len(sets[i] | sets[j])
        similar = union and len(sets[i] & sets[j]) / union >= 0.1
        if similar or slug(emails[i].name) == slug(emails[j].name):
            parent[root(i)] = root(j)
    for i, email in enumerate(emails):
        email.group = root(i)


def fit(train: Sequence[Email]) -> tuple[TfidfVectorizer, LogisticRegression]:
    """The vectoriser and the classifier fitted on `train`."""
    vectoriser = TfidfVectorizer(
        analyzer=lambda f: f, use_idf=False, binary=True, norm="l2", lowercase=False, min_df=MIN_DF
    )
    x = vectoriser.fit_transform([e.features for e in train])
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=10_000, random_state=SEED)
    model.fit(x, [e.label for e in train])
    return vectoriser, model


def export(vectoriser: TfidfVectorizer, model: LogisticRegression) -> dict[str, Any]:
    """The fitted model as `parsers.reading.type_model.TypeModel.from_json` reads it."""
    coef = model.coef_
    weights = {
        name: [round(float(v), DECIMALS) for v in coef[:, column]]
        for name, column in sorted(vectoriser.vocabulary_.items())
    }
    return {
        "about": "case-type model; written by bench/train_type_model.py, do not edit",
        "classes": [str(c) for c in model.classes_],
        "intercepts": [round(float(v), DECIMALS) for v in model.intercept_],
        "weights": weights,
    }


def dumps(data: dict[str, Any]) -> str:
    """`data` as JSON with one feature to a line, so that a refit shows as a readable diff."""
    head = {k: v for k, v in data.items() if k != "weights"}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "weights": {']
    rows = [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}" for k, v in data["weights"].items()]
    lines.append(",\n".join(rows))
    lines.append("}}")
    return "\n".join(lines) + "\n"


def predictions(
    fitted: tuple[TfidfVectorizer, LogisticRegression], emails: Sequence[Email]
) -> list[Prediction]:
    """The fitted model's answer per email, through the exported weights (what the bot runs)."""
    exported = TypeModel.from_json(json.dumps(export(*fitted)))
    out = []
    for email in emails:
        answer = exported.predict(email.subject_low, email.low)
        out.append(answer or Prediction(DEFAULT_TYPE, 0.0))
    return out


METHODS: dict[str, Callable[[Email, Prediction], str]] = {
    "rules": lambda e, p: e.rules or DEFAULT_TYPE,
    "model": lambda e, p: p.kind,
    "combined": lambda e, p: kind.combine(e.rules, p) or DEFAULT_TYPE,
}


def tally(rows: list[tuple[str, dict[str, str]]], title: str) -> None:
    """Print accuracy and per-type recall of each method over (label, {method: answer}) rows."""
    print(f"{title} (n={len(rows)})")
    print(f"{'method':<10}{'accuracy':>9}  " + " ".join(f"{t[:11]:>11}" for t in CASE_TYPES))
    for method in METHODS:
        right = sum(answers[method] == label for label, answers in rows)
        recalls = []
        for t in CASE_TYPES:
            of_t = [answers[method] for label, answers in rows if label == t]
            recalls.append(f"{sum(a == t for a in of_t)}/{len(of_t)}")
        print(f"{method:<10}{right / len(rows):>9.3f}  " + " ".join(f"{r:>11}" for r in recalls))
    print()


def answers(fitted: tuple[TfidfVectorizer, LogisticRegression], test: Sequence[Email]) -> list[Any]:
    return [
        (e.label, {m: f(e, p) for m, f in METHODS.items()})
        for e, p in zip(test, predictions(fitted, test), strict=True)
    ]


def cross_validate(pool: Sequence[Email], always: Sequence[Email], repeats: int, folds: int) -> list[Any]:
    """Rows of `tally` over `repeats` shuffles of grouped, stratified `folds`-fold splits of `pool`;
    `always` trains in every fold, less the near-duplicates of that fold's test emails."""
    rows = []
    for repeat in range(repeats):
        splitter = StratifiedGroupKFold(folds, shuffle=True, random_state=SEED + repeat)
        split = splitter.split(pool, [e.label for e in pool], [e.group for e in pool])
        for train_at, test_at in split:
            test = [pool[i] for i in test_at]
            held = {e.group for e in test}
            train = [pool[i] for i in train_at] + [e for e in always if e.group not in held]
            rows += answers(fit(train), test)
    return rows


def evaluate(repeats: int, folds: int) -> None:
    old, tune = load(OLD_CORPUS), load(TUNE)
    group_near_duplicates([*old, *tune])
    seen = [e for e in tune if not e.name.startswith(NEWEST)]
    unseen = [e for e in tune if e.name.startswith(NEWEST)]
    warnings.filterwarnings("ignore", message="The least populated class")  # 7 agreement changes, 5 folds
    tally(
        cross_validate(tune, old, repeats, folds),
        f"all tune emails, {repeats} x {folds}-fold grouped CV, each email scored {repeats} times "
        f"(the rules were written beside the ones before {NEWEST})",
    )
    tally(
        cross_validate(seen, old, repeats, folds),
        f"tune emails before {NEWEST}, {repeats} x {folds}-fold grouped CV"
        " (the rules were written beside these)",
    )
    tally(answers(fit([*old, *seen]), unseen), f"{NEWEST} tune emails, model fitted on all the others")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaluate", action="store_true", help="print the cross-validation tables")
    parser.add_argument("--repeats", type=int, default=5, help="shuffles of the k-fold split")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=OUT, help="where the model goes")
    args = parser.parse_args(argv)
    if args.evaluate:
        evaluate(args.repeats, args.folds)
        return 0
    emails = [*load(OLD_CORPUS), *load(TUNE)]
    data = export(*fit(emails))
    args.out.write_text(dumps(data), encoding="utf-8")
    print(
        f"wrote {args.out}: {len(data['weights'])} features, classes {data['classes']},"
        f" from {len(emails)} emails"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
