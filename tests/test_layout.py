"""The tree keeps the README's layout rule: imports point down, and SQL lives in `store/` only.

Floors, from the bottom (a module may import its own part and any part on a lower floor; two parts on
the same floor never import each other):

    parsers                         pure: bytes and text in, values out
    store                           tables, migrations, queries, the error hierarchy
    bot.config, bot.metrics,        what every part of bot reads
    bot.signing
    bot.conversation                the engine and what it says; knows no channel
    bot.email, bot.slack, bot.web,  the channels; the hand-off to a team's own helpdesk
    bot.handoff
    bot.builders                    the engine with its channels plugged in
    bot.runners, bot.lifecycle      background sweeps; GDPR, retention, import
    bot.server                      `casebot serve`: wiring, HTTP, health
    bot.cli                         the command line
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("parsers", "store", "bot")

FLOORS: dict[str, int] = {
    "parsers": 0,
    "store": 1,
    "bot": 2,  # bot/__init__.py
    "bot.config": 2,
    "bot.metrics": 2,
    "bot.signing": 2,
    "bot.conversation": 3,
    "bot.email": 4,
    "bot.slack": 4,
    "bot.web": 4,
    "bot.handoff": 4,
    "bot.builders": 5,
    "bot.runners": 6,
    "bot.lifecycle": 6,
    "bot.server": 7,
    "bot.cli": 8,
}
#: Parts that share a floor but may use each other: none (the floor table is the whole rule).
SQL_CALLS = frozenset({"select", "text", "update", "insert", "delete"})
SQL_LIBRARIES = ("sqlalchemy", "sqlmodel")


def _modules() -> Iterator[tuple[str, Path]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue  # Alembic's own scripts: part of store, and they are SQL
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            yield name, path


def part_of(module: str) -> str | None:
    """The layout part a dotted module name belongs to, or None when it is not ours."""
    pieces = module.split(".")
    if pieces[0] not in PACKAGES:
        return None
    if pieces[0] != "bot":
        return pieces[0]
    return ".".join(pieces[:2]) if len(pieces) > 1 else "bot"


def imports_of(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) for every import in the file, the ones inside functions too."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:  # `from bot import metrics` imports bot.metrics
                yield node.lineno, f"{node.module}.{alias.name}"


def forbidden_import(importer: str, imported: str) -> bool:
    """Whether the README's rule forbids `importer` (a module of ours) to import `imported`."""
    here, there = part_of(importer), part_of(imported)
    if here is None or there is None or here == there:
        return False
    return _floor(there) >= _floor(here)


def _floor(part: str) -> int:
    # A part missing from the table (a module that no longer exists, say) sits where its package starts.
    return FLOORS.get(part, FLOORS[part.split(".")[0]])


def test_every_part_has_a_floor() -> None:
    """A new sub-package of bot must be placed in the table above (and in the README) before it is used."""
    unplaced = {part_of(name) for name, _ in _modules()} - set(FLOORS)
    assert not unplaced


def test_imports_point_down() -> None:
    """No module imports a part on its own floor or above (parsers and store import nothing of bot)."""
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {imported}"
        for name, path in _modules()
        for line, imported in imports_of(path)
        if forbidden_import(name, imported) and not _is_attribute_import(imported)
    ]
    assert wrong == []


def _is_attribute_import(imported: str) -> bool:
    """`from bot.x import name` also yields `bot.x.name`; only a real module there counts as a part."""
    module = ROOT.joinpath(*imported.split("."))
    return not (module.with_suffix(".py").is_file() or (module / "__init__.py").is_file())


def test_sql_is_written_only_in_store() -> None:
    """Outside store/ no module builds SQL or runs a statement: it calls store's intention-named functions."""
    wrong: list[str] = []
    for name, path in _modules():
        if part_of(name) == "store":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in SQL_LIBRARIES:
                names = {alias.name for alias in node.names} & (SQL_CALLS | {"func", "col", "or_", "and_"})
                if names:
                    wrong.append(f"{where} imports {sorted(names)} from {node.module}")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("exec", "execute")
            ):
                wrong.append(f"{where} runs a statement (.{node.func.attr})")
    assert wrong == []


@pytest.mark.parametrize(
    ("importer", "imported", "forbidden"),
    [
        ("store.inbox", "bot.errors", True),
        ("parsers.extract", "store.models", True),
        ("bot.conversation.engine", "bot.slack.channel", True),
        ("bot.slack.channel", "bot.email.channel", True),
        ("bot.web.routes", "bot.slack.modal", True),
        ("bot.web.intake", "bot.conversation.form", False),
        ("bot.lifecycle.importer", "bot.server.app", True),
        ("bot.server.app", "bot.slack.app", False),
        ("bot.email.intake", "bot.conversation.engine", False),
        ("store.cases", "parsers.fields", False),
        ("bot.cli", "json", False),
    ],
)
def test_the_rule_itself(importer: str, imported: str, forbidden: bool) -> None:
    """The checker flags the kinds of import the layout review found, and lets downward ones pass."""
    assert forbidden_import(importer, imported) is forbidden
