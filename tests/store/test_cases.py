"""Case queries the channels use: who sees which case, Slack threads, the last message to thread onto."""

from __future__ import annotations

from sqlmodel import select

from store import cases
from store.db import Store
from store.models import Case, CaseStatus


def _case(store: Store, **values: object) -> int:
    with store.session() as session:
        case = cases.create_case(session, subject="sak", **values)
        assert case.id is not None
        return case.id


def test_customers_see_their_organisations_cases_and_staff_see_all(store: Store) -> None:
    """A user sees their own and their organisation's cases, newest first; staff see every case."""
    own = _case(store, reporter="U1", customer=None)
    colleague = _case(store, reporter="U2", customer="Acme AS")
    other = _case(store, reporter="U3", customer="Globex Ltd")
    with store.session() as session:
        mine = cases.visible_cases(session, user_id="U1", customer="Acme AS", staff=False)
        everything = cases.visible_cases(session, user_id="S1", customer=None, staff=True)
        alone = cases.visible_cases(session, user_id="U1", customer=None, staff=False)
    assert [c.id for c in mine] == [colleague, own]
    assert [c.id for c in everything] == [other, colleague, own]
    assert [c.id for c in alone] == [own]


def test_a_slack_thread_is_remembered_once_and_found_again(store: Store) -> None:
    """The first posted message becomes the case's thread; a later one does not replace it."""
    case_id = _case(store, reporter="U1", channel="slack", status=CaseStatus.DRAFT)
    cases.remember_thread(store, case_id, "D1", "100.1")
    cases.remember_thread(store, case_id, "D1", "200.2")
    assert cases.case_thread(store, case_id) == ("D1", "100.1")
    with store.session() as session:
        found = cases.case_in_thread(session, "D1", "100.1")
        waiting = cases.waiting_draft(session, "U1")
    assert found is not None and found.id == case_id
    assert waiting is not None and waiting.id == case_id


def test_the_last_message_to_thread_onto_is_of_the_same_channel(store: Store) -> None:
    """An email reply threads onto the newest email message unless a Slack one came after it; a web form
    answer is passed over when asked (it answered the mail that linked to it)."""
    case_id = _case(store, reporter="kari@acme.no")
    with store.session() as session:
        case = session.get(cases.Case, case_id)
        assert case is not None
        cases.add_message(session, case, direction="in", channel="email", external_id="<a@acme.no>")
        assert cases.last_external_id(session, case_id, "email") == "<a@acme.no>"
        cases.add_message(session, case, direction="in", channel="slack", external_id="slack:msg:D1:1")
        assert cases.last_external_id(session, case_id, "email") is None
        cases.add_message(session, case, direction="in", channel="web", external_id="web:1:abc")
        assert cases.last_external_id(session, case_id, "email", passing=("web",)) is None
        cases.add_message(session, case, direction="out", channel="email", external_id="<q@vendor>")
        cases.add_message(session, case, direction="in", channel="web", external_id="web:1:def")
        assert cases.last_external_id(session, case_id, "email") is None
        assert cases.last_external_id(session, case_id, "email", passing=("web",)) == "<q@vendor>"
        assert cases.places_of(session, [case_id]) == {case_id: (None, None)}


def test_a_case_locked_for_update_is_read_as_the_other_writer_left_it(store_url: str, store: Store) -> None:
    """A case this transaction read before it took the lock is read again under the lock: what another
    writer committed in between (PostgreSQL's read committed) is not overwritten with the old values.
    SQLite has one writer and a snapshot per transaction, so there it is the same read twice."""
    case_id = _case(store, reporter="kari@acme.no")
    with store.session() as first:
        seen = cases.get_case(first, case_id)
        assert seen is not None and seen.asked == []
        if store_url.startswith("postgresql"):
            with store.session() as second:
                other = cases.get_case_for_update(second, case_id)
                assert other is not None
                other.asked = ["browser"]
                second.add(other)
            locked = cases.get_case_for_update(first, case_id)
            assert locked is seen and locked.asked == ["browser"]
        else:
            assert cases.get_case_for_update(first, case_id) is seen


def test_a_case_created_after_a_rolled_back_one_is_itself(store: Store) -> None:
    """A message whose savepoint is rolled back (the importer quarantines it and goes on) leaves its case's
    id free on SQLite; the next case created in the same session takes it and must be read as itself, not
    as the rolled-back case the session still holds."""
    with store.session() as session:
        first = None
        try:
            with session.begin_nested():
                first = cases.create_case(session, subject="message one", reporter="one@acme.no")
                raise RuntimeError("the message failed")
        except RuntimeError:
            pass
        with session.begin_nested():
            second = cases.create_case(session, subject="message two", reporter="two@acme.no")
        assert first is not None  # held, as a caller still holding it would
        assert (second.subject, second.reporter) == ("message two", "two@acme.no")
        stored = session.exec(select(Case.token).where(Case.id == second.id)).one()
        assert second.token == stored
