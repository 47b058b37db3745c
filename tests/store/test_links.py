"""Form links in the store: kept only as hashes, found by their token, gone with an erased person."""

from __future__ import annotations

from sqlalchemy import text

from store import cases, links
from store.db import Store
from store.lifecycle.erasure import erase_person
from store.models import CaseStatus


def _case(store: Store, reporter: str = "kari@acme.no") -> int:
    with store.session() as session:
        case = cases.create_case(
            session, status=CaseStatus.DRAFT, reporter=reporter, subject="s", description="d"
        )
        assert case.id is not None
        return case.id


def test_a_link_is_found_by_its_token_and_stored_only_as_its_hash(store: Store) -> None:
    """Each issued token is new and random, finds its own case, and only its SHA-256 is in the table."""
    first, second = _case(store), _case(store, "ola@acme.no")
    with store.session() as session:
        tokens = [
            links.issue_link(session, first),
            links.issue_link(session, first),
            links.issue_link(session, second),
        ]
    assert len(set(tokens)) == 3 and all(len(t) == 32 for t in tokens)
    with store.session() as session:
        found = [links.find_link(session, t) for t in tokens]
        assert [f[1].id for f in found if f] == [first, first, second]
        altered = tokens[0][:-1] + ("y" if tokens[0].endswith("x") else "x")  # one character other
        assert links.find_link(session, altered) is None
        assert links.find_link(session, "") is None
    with store.engine.connect() as connection:
        stored = connection.execute(text("SELECT token_hash, csrf_key FROM web_links")).all()
    assert {row[0] for row in stored} == {links.token_hash(t) for t in tokens}
    assert not any(token in row[0] + row[1] for token in tokens for row in stored)
    assert len({row[1] for row in stored}) == 3  # each link signs its forms with a key of its own


def test_erasing_a_person_drops_the_links_to_their_cases_only(store: Store) -> None:
    """Erasure leaves nobody able to answer as the erased person; other people's links still work."""
    theirs, others = _case(store), _case(store, "ola@acme.no")
    with store.session() as session:
        their_token, other_token = links.issue_link(session, theirs), links.issue_link(session, others)
    with store.session() as session:
        erase_person(session, "kari@acme.no", "erased-00000000")
    with store.session() as session:
        assert links.find_link(session, their_token) is None
        assert links.find_link(session, other_token) is not None
        assert links.drop_links(session, []) == 0
