"""Slack Block Kit for what casebot says: replies, staff posts, case lists, App Home.

Pure functions from values to JSON-ready dicts, so they are easy to test and cheap to call inside a
transaction. Anything a customer wrote passes through `escape` before it reaches a block: Slack reads
`<!channel>` or `<@U123>` in mrkdwn as a ping, and `&`, `<`, `>` are the only characters that start one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from bot.conversation.replies import CaseLike, Reply, case_summary_lines
from bot.conversation.requirements import YES_NO_FIELDS
from bot.conversation.texts import say

Block = dict[str, Any]

# Slack's own limits: a section's text, a field, and how many fields one section holds.
_SECTION_MAX = 2900
_FIELD_MAX = 1900
_FIELDS_PER_SECTION = 10
_FALLBACK_MAX = 3500
_SLACK_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")

#: action_ids of the buttons casebot posts; the listeners match on these.
ANSWER_ACTION = re.compile(r"^casebot_answer_(yes|no)$")
STAFF_SHOW = "casebot_staff_show"
STAFF_CLOSE = "casebot_staff_close"
HOME_SHOW = "casebot_home_show"


def escape(text: str) -> str:
    """Text a person wrote, made inert for mrkdwn: no mentions, no links, no special commands."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Message and command text as the person typed it: Slack sends &, <, > as entities."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _mrkdwn(text: str) -> Block:
    return {"type": "mrkdwn", "text": _clip(text, _SECTION_MAX)}


def section(text: str) -> Block:
    """A section of already-escaped mrkdwn."""
    return {"type": "section", "text": _mrkdwn(text)}


def context(text: str) -> Block:
    return {"type": "context", "elements": [_mrkdwn(text)]}


def _plain(text: str) -> Block:
    return {"type": "plain_text", "text": _clip(text, 75), "emoji": True}


def button(text: str, action_id: str, value: dict[str, Any], *, style: str | None = None) -> Block:
    element: Block = {
        "type": "button",
        "text": _plain(text),
        "action_id": action_id,
        "value": json.dumps(value, separators=(",", ":")),
    }
    if style:
        element["style"] = style
    return element


def field_sections(rows: Sequence[tuple[str, str]]) -> list[Block]:
    """Label/value rows as section fields, ten to a section (Slack's maximum)."""
    fields = [
        {"type": "mrkdwn", "text": _clip(f"*{escape(label)}*\n{escape(value)}", _FIELD_MAX)}
        for label, value in rows
    ]
    return [
        {"type": "section", "fields": fields[i : i + _FIELDS_PER_SECTION]}
        for i in range(0, len(fields), _FIELDS_PER_SECTION)
    ]


def summary_rows(case: Any, lang: str, attachments: list[str] | None = None) -> list[tuple[str, str]]:
    """The portal receipt, with a Slack reporter shown by name rather than by bare user id."""
    rows = list(case_summary_lines(case, lang, attachments))
    reporter_label = say(lang, "summary_reporter")
    if _SLACK_ID.match(case.reporter or ""):
        shown = f"{case.reporter_name} ({case.reporter})" if case.reporter_name else case.reporter
        rows = [(label, shown if label == reporter_label else value) for label, value in rows]
    return rows


#: The portal label a yes/no answer is shown under (the summary's label for that field).
_ANSWER_LABELS = {
    "login_allowed": "summary_login",
    "personal_data": "summary_personal",
    "recurring": "summary_recurring",
}


def answer_label(field: str, lang: str) -> str:
    """The label a yes/no field's answer reads under, in `lang` ("Pålogging", "Gjentakende")."""
    return say(lang, _ANSWER_LABELS.get(field, "summary_login"))


def answer_word(field: str, answer: bool, lang: str) -> str:
    """How a yes/no answer reads for `field`: "ja"/"nei", or "gjentakende"/"engangstilfelle"."""
    if field == "recurring":
        return say(lang, "recurring_true" if answer else "recurring_false")
    return say(lang, "yes" if answer else "no")


def answer_buttons(case_id: int, field: str, lang: str) -> Block:
    """Yes/No buttons for one yes/no question; the value says which case and field they answer."""
    return {
        "type": "actions",
        "block_id": f"casebot_answer:{case_id}:{field}",
        "elements": [
            button(
                answer_word(field, True, lang),
                "casebot_answer_yes",
                {"case": case_id, "field": field, "answer": True},
            ),
            button(
                answer_word(field, False, lang),
                "casebot_answer_no",
                {"case": case_id, "field": field, "answer": False},
            ),
        ],
    }


def reply_blocks(reply: Reply, case: CaseLike, *, first_name: str) -> list[Block]:
    """A reply to a customer: greeting, paragraphs, numbered questions (buttons for yes/no), summary."""
    lang = reply.language
    greeting = say(lang, "greeting", name=first_name) if first_name else say(lang, "greeting_anonymous")
    blocks: list[Block] = [section(escape(greeting))]
    # The engine already worded the paragraphs for the case's channel (`say`'s `channel`).
    blocks.extend(section(escape(p)) for p in reply.paragraphs)
    for number, (name, text) in enumerate(reply.questions, start=1):
        blocks.append(section(f"*{number}.* {escape(text)}"))
        if name in YES_NO_FIELDS and case.id is not None:
            blocks.append(answer_buttons(case.id, name, lang))
    if reply.summary:
        blocks.extend(field_sections(reply.summary))
    if reply.tip:
        blocks.append(context(escape(reply.tip)))
    blocks.extend(section(escape(line)) for line in reply.closing)
    return blocks


def fallback_text(blocks: Sequence[Block]) -> str:
    """The notification text Slack shows where blocks cannot be: the first section's text."""
    for block in blocks[1:] or blocks:
        text = block.get("text", {}).get("text")
        if text:
            return _clip(str(text), _FALLBACK_MAX)
    return "casebot"


def answered_block(label: str, answer: str) -> Block:
    """What replaces a question's buttons once it is answered, so the same click is not made twice."""
    return context(f"✓ {escape(label)}: *{escape(answer)}*")


def staff_blocks(case: Any, lang: str, *, kind: str, missing: list[str]) -> list[Block]:
    """A case for the staff channel: headline, the receipt, the customer's words, buttons."""
    values = {
        "id": case.id,
        "type": say(lang, f"type_{case.type}"),
        "priority": say(lang, f"priority_{case.priority}"),
        "customer": case.customer or say(lang, "unknown_customer"),
        "subject": case.subject,
    }
    headline = say(lang, "staff_complete_subject" if kind == "complete" else "staff_new_subject", **values)
    intro = say(lang, "staff_intro" if kind == "complete" else "staff_new_intro")
    blocks: list[Block] = [section(f"*{escape(headline)}*"), context(escape(intro))]
    blocks.extend(field_sections(summary_rows(case, lang)))
    if case.description:
        blocks.append(section(escape(_clip(case.description, 2500))))
    if missing:
        names = ", ".join(missing)
        blocks.append(context(escape(say(lang, "slack_staff_missing", fields=names))))
    blocks.append(context(escape(say(lang, "slack_staff_answer_hint"))))
    blocks.append(staff_actions(case.id, lang))
    return blocks


def followup_blocks(case: Any, lang: str, said: Any) -> list[Block]:
    """A customer's later message, posted in the thread of the case's staff post."""
    who = f"{said.sender_name} ({said.sender})" if said.sender_name else said.sender
    blocks: list[Block] = [section(f"*{escape(say(lang, 'staff_followup_intro', who=who, id=case.id))}*")]
    if said.text.strip():
        blocks.append(section(escape(_clip(said.text.strip(), 2500))))
    if said.files:
        names = ", ".join(f.filename for f in said.files)
        blocks.append(context(escape(f"{say(lang, 'summary_attachments')}: {names}")))
    return blocks


def staff_reply_blocks(reply: Reply, *, team: str) -> list[Block]:
    """A staff member's answer, as the customer sees it in Slack: their words, then who wrote them."""
    lang = reply.language
    blocks: list[Block] = [section(escape(p)) for p in reply.paragraphs]
    if reply.files:
        names = ", ".join(f.filename for f in reply.files)
        blocks.append(context(escape(f"{say(lang, 'summary_attachments')}: {names}")))
    signoff = say(lang, "staff_reply_signoff", name=reply.author_name or team, team=team)
    blocks.append(context(escape(signoff.replace("\n", " · "))))
    return blocks


def staff_actions(case_id: int, lang: str) -> Block:
    close = button(say(lang, "slack_button_close"), STAFF_CLOSE, {"case": case_id}, style="danger")
    close["confirm"] = {
        "title": _plain(say(lang, "slack_confirm_close_title")),
        "text": _plain(say(lang, "slack_confirm_close_text", id=case_id)),
        "confirm": _plain(say(lang, "slack_button_close")),
        "deny": _plain(say(lang, "slack_button_cancel")),
    }
    return {
        "type": "actions",
        "block_id": f"casebot_staff:{case_id}",
        "elements": [button(say(lang, "slack_button_show"), STAFF_SHOW, {"case": case_id}), close],
    }


def case_line(case: Any, lang: str) -> str:
    """One case in a list: `#12 · Open · Bug report · subject`, escaped."""
    status = say(lang, f"slack_status_{case.status}")
    return (
        f"*#{case.id}* · {escape(status)} · {escape(say(lang, f'type_{case.type}'))} · {escape(case.subject)}"
    )


def case_list_blocks(cases: Sequence[Any], lang: str, *, title: str) -> list[Block]:
    blocks: list[Block] = [section(f"*{escape(title)}*")]
    if not cases:
        blocks.append(context(escape(say(lang, "slack_no_cases"))))
    blocks.extend(section(case_line(case, lang)) for case in cases[:40])
    if len(cases) > 40:
        blocks.append(context(escape(say(lang, "slack_more_cases", count=len(cases) - 40))))
    return blocks


def case_detail_blocks(case: Any, lang: str, attachments: list[str], missing: list[str]) -> list[Block]:
    blocks: list[Block] = [section(case_line(case, lang))]
    blocks.extend(field_sections(summary_rows(case, lang, attachments)))
    if case.description:
        blocks.append(section(escape(_clip(case.description, 2500))))
    if missing:
        blocks.append(context(escape(say(lang, "slack_staff_missing", fields=", ".join(missing)))))
    return blocks


def home_view(cases: Sequence[Any], lang: str, *, command: str) -> dict[str, Any]:
    """App Home: the portal's «Våre saker», newest first, each with a button to see it."""
    blocks: list[Block] = [
        {"type": "header", "text": _plain(say(lang, "slack_home_title"))},
        context(escape(say(lang, "slack_home_hint", command=command))),
    ]
    if not cases:
        blocks.append(section(escape(say(lang, "slack_no_cases"))))
    for case in cases[:40]:
        block = section(case_line(case, lang))
        block["accessory"] = button(say(lang, "slack_button_show"), HOME_SHOW, {"case": case.id})
        blocks.append(block)
    return {"type": "home", "blocks": blocks}
