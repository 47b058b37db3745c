"""From a stored web form post to an engine event, in the inbox worker, like the email and Slack intakes.

The post was checked when it arrived (`bot.web.routes`), and the inbox keeps the answer as read
(`FormAnswer.as_record()`), so nothing is read twice. The event is a follow-up on the link's case
from its reporter (the link went to their mailbox), on the channel `web`, carrying the form's fields:
the engine takes them as it takes a Slack form's, and answers on the case's own channel (email).
"""

from __future__ import annotations

import base64
import json
from typing import Any

from bot.conversation.engine import Engine
from bot.conversation.events import Action, InboundEvent, IncomingFile, Outcome
from bot.conversation.form import FormAnswer
from bot.conversation.replies import case_summary_lines
from store import cases as case_store
from store.db import Store
from store.inbox import finish_inbound, raw_of, unfinished
from store.models import Case


def submission_text(answer: FormAnswer, filenames: list[str]) -> str:
    """The post as the case's history shows it: the portal's receipt of what was sent, then the
    description. Only a record: the engine takes the fields from the form itself."""
    stated: dict[str, Any] = {
        name: list(value) if isinstance(value, tuple) else value
        for name, value in answer.fields.stated().items()
    }
    sent = Case(token="", subject=answer.subject, description=answer.description, reporter="", **stated)
    lines = case_summary_lines(sent, answer.language, filenames)
    return "\n".join(f"{label}: {value}" for label, value in lines) + f"\n\n{answer.description}"


def web_event(case: Case, record: dict[str, Any], inbound_id: int) -> InboundEvent:
    """The engine event of one stored post on `case`."""
    answer = FormAnswer.from_record(record["form"])
    files = tuple(
        IncomingFile(str(f["filename"]), str(f["content_type"]), base64.b64decode(f["data"]))
        for f in record.get("files") or ()
    )
    return InboundEvent(
        channel="web",
        sender=case.reporter,
        sender_name=case.reporter_name,
        customer=case.customer,
        subject=answer.subject,
        text=submission_text(answer, [f.filename for f in files]),
        external_id=f"web:{record['link']}:{record['submission']}",
        files=files,
        case_id=case.id,
        inbound_id=inbound_id,
        form=answer.fields,
        form_subject=answer.subject,
        form_description=answer.description,
    )


def process_inbound(store: Store, engine: Engine, inbound_id: int) -> Outcome:
    """Turn one stored web form post into a case change, in one transaction with marking it done."""
    with store.session(fast=True) as session:
        row = unfinished(session, inbound_id)
        if row is None:
            return Outcome(case_id=None, action=Action.ALREADY_DONE)
        record: dict[str, Any] = json.loads(raw_of(session, inbound_id))
        case = case_store.get_case(session, int(record["case"]))
        if case is None:
            outcome = Outcome(case_id=None, action=Action.IGNORED, reason="the case no longer exists")
        else:
            outcome = engine.handle(session, web_event(case, record, inbound_id))
        finish_inbound(session, row, outcome.summary())
        return outcome
