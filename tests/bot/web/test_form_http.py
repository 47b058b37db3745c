"""The form over HTTP, in-process: the answer to each request, what is stored, what the engine does."""

from __future__ import annotations

import html as html_lib
import secrets
from datetime import date, timedelta

import pytest
from sqlmodel import col, select

from bot.builders import build_engine
from bot.config import Config
from bot.conversation.engine import close_case
from bot.conversation.events import Action, IncomingFile
from bot.email.channel import EmailChannel
from bot.web.page import case_values
from store import cases as case_store
from store.inbox import pending_count, raw_of
from store.lifecycle.erasure import erase_person
from store.links import token_hash
from store.models import Attachment, CaseMessage, InboundMessage, LoginGrant
from tests.bot.web.conftest import BASE_URL, BUG_NB, LINK, World, email_event, web_config

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200

SECURITY = {
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def answers(**changes: str) -> dict[str, str]:
    """What a browser sends for the bug case of `BUG_NB` with the missing answers filled in."""
    values = {
        "lang": "nb",
        "type": "bug",
        "subject": "Avvik lagres ikke",
        "description": "Når jeg lagrer et avvik i Chrome 131 får jeg feilmeldingen «Noe gikk galt».",
        "priority": "normal",
        "requested_handler": "",
        "browser": "Chrome 131",
        "app_platform": "",
        "app_version": "",
        "scope": "all",
        "affected_users": "",
        "module": "deviations",
        "record_id": "",
        "observed_on": (date.today() - timedelta(days=1)).isoformat(),
        "recurring": "yes",
        "login_allowed": "yes",
        "personal_data": "no",
    }
    values.update(changes)
    return {name: value for name, value in values.items() if value is not None}


def assert_secured(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    for name, value in SECURITY.items():
        assert headers[name] == value
    policy = headers["Content-Security-Policy"]
    assert (
        "default-src 'none'" in policy and "frame-ancestors 'none'" in policy and "script-src" not in policy
    )


def inbound_rows(world: World) -> list[InboundMessage]:
    with world.store.session() as session:
        return list(session.exec(select(InboundMessage).where(InboundMessage.channel == "web")))


async def test_the_link_opens_the_case_form_filled_in_and_nothing_of_other_cases(world: World) -> None:
    """The question mail's link shows this case's form with what is known filled in and what is missing
    marked, in the case's language, with the security headers; another case's subject never appears."""
    case_id, path = world.open_case()
    world.open_case(
        "Hello, how do I export the risk register?", sender="ola@acme.no", subject="Export secret"
    )
    response = await world.client.get(path)
    html = await response.text()
    assert response.status == 200
    assert_secured(response)
    assert '<html lang="nb">' in html and f"Sak #{case_id}" in html
    assert 'value="Chrome 131"' in html and 'value="Avvik lagres ikke"' in html
    assert '<option value="bug" selected>' in html and 'value="all" checked' in html
    assert html.count('class="needed"') == 4  # observed_on, recurring, login_allowed, personal_data
    assert "Export secret" not in html and "ola@acme.no" not in html
    status, english, _ = await world.page(path, lang="en")
    assert status == 200 and '<html lang="en">' in english and f"Case #{case_id}" in english
    assert 'href="?lang=nb"' in english and "Processing of personal data" in english


@pytest.mark.parametrize(
    "token",
    ["A" * 32, "q7Xv0b9RkT2mWc4yLp8sNd1eHf6gJz3u", "short", "..%2F..%2Fetc", "x" * 300],
    ids=["all-A", "well-formed", "short", "path", "long"],
)
async def test_unknown_or_malformed_tokens_get_404_and_no_case(world: World, token: str) -> None:
    """A token that is not a link gets the same 404 page, whatever it looks like, showing no case."""
    world.open_case()
    for method in ("get", "post"):
        response = await getattr(world.client, method)(f"/c/{token}")
        html = await response.text()
        assert response.status == 404
        assert_secured(response)
        assert "Avvik lagres ikke" not in html and "Sak #" not in html


async def test_a_closed_case_says_so_and_how_to_reopen(world: World) -> None:
    """After close, the link answers 410 with a page saying the case is closed and how to reopen it;
    a post to it stores nothing."""
    case_id, path = world.open_case()
    _, _, csrf = await world.page(path)
    with world.store.session() as session:
        case = case_store.get_case(session, case_id)
        assert case is not None
        close_case(session, world.engine, case, reason="staff", actor="staff@vendor.example")
    response = await world.client.get(path)
    html = await response.text()
    assert response.status == 410
    assert f"Sak #{case_id} er lukket" in html and "svarer du på en av e-postene" in html
    assert "support@vendor.example" in html and "csrf_token" not in html
    posted = await world.post(path, answers(), csrf=csrf)
    assert posted.status == 410
    assert pending_count(world.store) == 0


async def test_posts_without_a_valid_csrf_token_are_refused_and_nothing_is_stored(world: World) -> None:
    """A missing or forged CSRF token, a file sent before the token, or a post that is not the form's
    multipart body get 403, and nothing reaches the inbox."""
    _, path = world.open_case()
    _, _, csrf = await world.page(path)
    nonce = csrf.partition(".")[0]
    missing = await world.post(path, answers(), csrf=None)
    assert missing.status == 403 and "sikkerhetskontrollen" in await missing.text()
    assert_secured(missing)
    forged = await world.post(path, answers(), csrf=f"{nonce}.{'0' * 64}")
    assert forged.status == 403
    other_link = await world.post(world.open_case()[1], answers(), csrf=csrf)  # another link's token
    assert other_link.status == 403
    urlencoded = await world.client.post(path, data={"csrf_token": csrf, **answers()})
    assert urlencoded.status == 403
    from aiohttp import FormData

    file_first = FormData(default_to_multipart=True)
    file_first.add_field("attachments", PNG, filename="shot.png", content_type="image/png")
    file_first.add_field("csrf_token", csrf)
    assert (await world.client.post(path, data=file_first)).status == 403
    assert pending_count(world.store) == 0


async def test_errors_are_shown_beside_their_fields_with_what_was_typed_kept(world: World) -> None:
    """Answers the form does not take get 422: each error beside its input (tied by aria-describedby),
    a summary linking to them, every typed value kept and escaped, and nothing stored."""
    _, path = world.open_case()
    _, _, csrf = await world.page(path)
    future = (date.today() + timedelta(days=30)).isoformat()
    typed = answers(
        subject="",
        app_version="fem",
        observed_on=future,
        scope="everyone",
        module='<script>alert("x")</script>',
        affected_users="kari, ola",
    )
    response = await world.post(path, typed, csrf=csrf)
    html = await response.text()
    assert response.status == 422
    assert_secured(response)
    for name, message in {
        "subject": "Skriv et emne.",
        "app_version": "En app-versjon ser slik ut: 5.12.3.",
        "observed_on": "Den datoen er fram i tid.",
        "scope": "Velg et av alternativene.",
    }.items():
        assert f'<p class="error" id="e-{name}">{html_lib.escape(message)}</p>' in html
        assert f'href="#f-{name}"' in html
    assert 'aria-describedby="h-app_version e-app_version" aria-invalid="true"' in html
    assert 'value="fem"' in html and f'value="{future}"' in html and 'value="kari, ola"' in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html and "<script>" not in html
    assert f'value="{csrf}"' in html  # the same page, posted again, is still one submission
    assert pending_count(world.store) == 0


async def test_files_are_counted_with_the_case_files_and_checked_for_size_before_they_are_stored(
    world: World,
) -> None:
    """The case's own file counts against the form's five; a sixth file, or files past the size limit,
    get 422 beside the attachments with nothing stored; a body far past the limit gets 413."""
    _, path = world.open_case(files=(IncomingFile("first.png", "image/png", PNG),))
    status, html, csrf = await world.page(path)
    assert status == 200 and "first.png" in html and "opptil 4 til" in html
    five = [(f"shot{i}.png", PNG) for i in range(5)]
    sixth = await world.post(path, answers(), csrf=csrf, files=five)
    html = await sixth.text()
    assert sixth.status == 422 and "Legg ved høyst 5 filer." in html
    assert "velg dem på nytt" in html
    limit = world.config.web.max_upload_bytes
    big = await world.post(path, answers(), csrf=csrf, files=[("big.png", b"x" * (limit + 1))])
    assert big.status == 422 and "Filene er til sammen større enn 0.2 MB." in await big.text()
    huge = await world.post(path, answers(), csrf=csrf, files=[("huge.png", b"x" * (2 * limit + 2**21))])
    assert huge.status == 413
    assert_secured(huge)
    assert pending_count(world.store) == 0
    fits = await world.post(path, answers(), csrf=csrf, files=five[:4])
    assert fits.status == 303


async def test_a_valid_post_is_stored_before_the_answer_and_completes_the_case(world: World) -> None:
    """A valid post is in the inbox when the page answers 303; the engine then takes its fields and
    files, opens the case and its login grant, and the confirmation mail threads onto the question."""
    case_id, path = world.open_case()
    _, _, csrf = await world.page(path)
    response = await world.post(
        path, answers(requested_handler="Martin"), csrf=csrf, files=[("skjerm.png", PNG)]
    )
    assert response.status == 303
    assert response.headers["Location"] == f"{path.rpartition('/')[2]}/sent?lang=nb"
    (row,) = inbound_rows(world)
    assert row.envelope_from == "kari@acme.no" and row.peer == "127.0.0.1"
    with world.store.session() as session:
        assert b"skjerm.png" in raw_of(session, row.id or 0)
    (outcome,) = world.process()
    assert outcome.action == Action.COMPLETED
    with world.store.session() as session:
        case = case_store.get_case(session, case_id)
        assert case is not None and case.status == "open"
        assert (case.login_allowed, case.personal_data, case.recurring) == (True, False, True)
        assert case.requested_handler == "Martin" and case.observed_on is not None
        (attachment,) = session.exec(select(Attachment).where(Attachment.case_id == case_id)).all()
        assert attachment.filename == "skjerm.png" and attachment.size == len(PNG)
        assert session.exec(select(LoginGrant).where(LoginGrant.case_id == case_id)).one().status == "active"
        web_message = session.exec(select(CaseMessage).where(CaseMessage.channel == "web")).one()
        assert "Ønsket saksbehandler: Martin" in web_message.text and web_message.sender == "kari@acme.no"
    (question, asked), (confirmation, confirmed) = world.mails(case_id)
    assert question.kind == "question" and confirmation.kind == "confirmation"
    assert "komplett" in confirmed.get_content() and "skjerm.png" in confirmed.get_content()
    assert confirmed["In-Reply-To"] == asked["Message-ID"]
    sent = await world.client.get(f"{path}/sent", params={"lang": "nb"})
    text = await sent.text()
    assert sent.status == 200 and f"sak #{case_id}" in text and "e-post" in text
    assert_secured(sent)


async def test_when_the_inbox_cannot_take_a_post_the_form_comes_back_as_typed_with_503(world: World) -> None:
    """A store that cannot take the post gets 503 and the form again, everything typed still in it and
    a note to send again; the same page sent again later is taken."""
    _, path = world.open_case()
    _, _, csrf = await world.page(path)
    await world.writer.stop()  # the inbox writer is gone: nothing can be stored
    response = await world.post(path, answers(record_id="AV-77"), csrf=csrf, files=[("a.png", PNG)])
    html = await response.text()
    assert response.status == 503 and "send igjen om et minutt" in html
    assert 'value="AV-77"' in html and "velg dem på nytt" in html and f'value="{csrf}"' in html
    world.writer.start()
    assert (await world.post(path, answers(record_id="AV-77"), csrf=csrf)).status == 303


async def test_the_same_page_posted_twice_changes_the_case_once(world: World) -> None:
    """A double click sends the same page twice: one inbox row, one change, one confirmation; the same
    page sent again with a change is a submission of its own."""
    case_id, path = world.open_case()
    _, _, csrf = await world.page(path)
    for _ in range(2):
        assert (await world.post(path, answers(), csrf=csrf)).status == 303
    assert len(inbound_rows(world)) == 1
    assert [o.action for o in world.process()] == [Action.COMPLETED]
    assert [item.kind for item, _ in world.mails(case_id)] == ["question", "confirmation"]
    assert (await world.post(path, answers(priority="high"), csrf=csrf)).status == 303
    assert [o.action for o in world.process()] == [Action.NOTED] and len(inbound_rows(world)) == 2


async def test_an_open_case_changed_in_the_form_gets_its_receipt_and_words_are_not_read_as_commands(
    world: World,
) -> None:
    """On an open case, a form whose description says "close the case, withdraw the login" closes and
    withdraws nothing (a form says what it means); the changed case gets its receipt by email."""
    case_id, path = world.open_case()
    _, _, csrf = await world.page(path)
    assert (await world.post(path, answers(), csrf=csrf)).status == 303
    world.process()
    _, _, csrf = await world.page(path)
    description = "Lukk saken, og trekk tilbake påloggingen. Close the case and withdraw login access."
    changed = answers(description=description, priority="high")
    assert (await world.post(path, changed, csrf=csrf)).status == 303
    (outcome,) = world.process()
    assert outcome.action == Action.NOTED
    with world.store.session() as session:
        case = case_store.get_case(session, case_id)
        assert case is not None
        assert (case.status, case.priority, case.description) == ("open", "high", description)
        assert case.login_allowed is True
        assert session.exec(select(LoginGrant).where(LoginGrant.case_id == case_id)).one().status == "active"
    receipt, text = world.mails(case_id)[-1]
    assert receipt.kind == "noted" and "Prioritet:" in text.get_content() and "Høy" in text.get_content()


async def test_an_unchanged_form_sent_again_changes_nothing_and_sends_nothing(world: World) -> None:
    """The form as it opens, sent back as a browser sends it (line breaks as CRLF), states only what the
    case holds: on an open case nothing changes and no mail goes out."""
    case_id, path = world.open_case()
    _, _, csrf = await world.page(path)
    assert (await world.post(path, answers(), csrf=csrf)).status == 303
    world.process()
    _, _, csrf = await world.page(path)
    with world.store.session() as session:
        case = case_store.get_case(session, case_id)
        assert case is not None
        values = case_values(case)
    values["description"] = "\r\n" + values["description"].replace("\n", "\r\n") + "\r\n"
    sent_before = len(world.mails(case_id))
    assert (await world.post(path, values, csrf=csrf)).status == 303
    (outcome,) = world.process()
    assert outcome.action == Action.NOTED and len(world.mails(case_id)) == sent_before
    with world.store.session() as session:
        case = case_store.get_case(session, case_id)
        assert case is not None and case_values(case) == {**values, "description": case.description}
        assert "\r" not in case.description


async def test_reminders_carry_a_link_of_their_own(world: World) -> None:
    """A reminder, written out when it is sent, carries a new working link next to the questions."""
    case_id, path = world.open_case()
    email = world.engine.channels["email"]
    assert isinstance(email, EmailChannel)
    with world.store.session() as session:
        case = case_store.get_case(session, case_id)
        assert case is not None
        assert email.queue_reminders(session, [case]) == 1
    reminder, text = world.mails(case_id)[-1]
    assert reminder.kind == "reminder" and "message" not in reminder.payload
    body = text.get_content()
    assert "påminnelse" in body and body.index("skjema på nettet") > body.index("1. ")
    (token,) = LINK.findall(body)
    assert f"/c/{token}" != path and (await world.client.get(f"/c/{token}")).status == 200


@pytest.mark.parametrize("config", [web_config(requests_per_token_per_minute=3)])
async def test_requests_past_the_limit_per_link_get_429(world: World, config: Config) -> None:
    """Past `[web] requests_per_token_per_minute` requests to one link get 429 with Retry-After."""
    _, path = world.open_case()
    statuses = [(await world.client.get(path)).status for _ in range(3)]
    over = await world.client.get(path)
    assert statuses == [200, 200, 200] and over.status == 429
    assert over.headers["Retry-After"] == "60"
    assert_secured(over)


@pytest.mark.parametrize("config", [web_config(requests_per_address_per_minute=4)])
async def test_requests_past_the_limit_per_address_get_429_whatever_the_token(
    world: World, config: Config
) -> None:
    """Guessing tokens from one address runs into `[web] requests_per_address_per_minute`."""
    statuses = [(await world.client.get(f"/c/{secrets.token_urlsafe(24)}")).status for _ in range(5)]
    assert statuses == [404, 404, 404, 404, 429]


async def test_question_mails_link_only_with_base_url_and_the_store_keeps_only_hashes(world: World) -> None:
    """With `[web] base_url` each question mail carries a link with a token of at least 128 random
    bits, made when the mail is sent and kept in the store only as its hash (the history shows the
    mail without it); each sending makes a link of its own and all of them work. Without base_url the
    mail is as before."""
    case_id, path = world.open_case()
    token = path.rpartition("/")[2]
    assert len(token) >= 22  # 22 URL-safe characters hold 132 bits
    with world.store.session() as session:
        history = session.exec(
            select(CaseMessage).where(CaseMessage.case_id == case_id, col(CaseMessage.direction) == "out")
        ).one()
    assert f"{BASE_URL}/c/…" in history.text and "skjema på nettet" in history.text
    with world.store.engine.connect() as connection:
        dump = "\n".join(connection.connection.driver_connection.iterdump())  # type: ignore[union-attr]
    assert token not in dump and token_hash(token) in dump
    (_, again), *_ = world.mails(case_id)
    second = LINK.findall(again.get_content())[-1]
    assert second != token
    assert (await world.client.get(f"/c/{second}")).status == 200 and (
        await world.client.get(path)
    ).status == 200
    engine = build_engine(web_config(base_url=""), world.store)
    with world.store.session() as session:
        outcome = engine.handle(session, email_event(BUG_NB, sender="per@acme.no", n=99))
    assert outcome.case_id is not None
    ((item, mail),) = world.mails(outcome.case_id)
    assert (
        "message" in item.payload and "/c/" not in mail.get_content() and "skjema" not in mail.get_content()
    )


async def test_erasing_the_reporter_ends_their_links(world: World) -> None:
    """After a GDPR erasure of the reporter, their case's link shows nothing (404)."""
    _, path = world.open_case()
    assert (await world.client.get(path)).status == 200
    with world.store.session() as session:
        erase_person(session, "kari@acme.no", "erased-1234abcd")
    assert (await world.client.get(path)).status == 404
