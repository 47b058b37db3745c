"""Personal links to a case's web form: issued into question mails, looked up when they are opened.

A link's token is random (192 bits, URL-safe) and stored only as its SHA-256, the way a password reset
token is kept: the token has far too much entropy to guess from its hash, so one unsalted fast hash
suffices. A case has one link per mail that carried one, and every one of them works while the case
is a draft or open (whether a case takes answers is the caller's rule, from its status).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence

from sqlalchemy import delete
from sqlmodel import Session, col, select

from store.models import Case, WebLink, utcnow

#: Random bytes in a token: 192 bits, 32 URL-safe characters.
TOKEN_BYTES = 24


def token_hash(token: str) -> str:
    """The SHA-256 of a link token, as lowercase hex: what the store keeps and looks up."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def issue_link(session: Session, case_id: int) -> str:
    """A new link token for a case, stored hashed in the caller's transaction; returns the token."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(
        WebLink(
            case_id=case_id,
            token_hash=token_hash(token),
            csrf_key=secrets.token_hex(32),
            created_at=utcnow(),
        )
    )
    session.flush()
    return token


def find_link(session: Session, token: str) -> tuple[WebLink, Case] | None:
    """The link with this token and its case, or None when no such link exists."""
    row = session.exec(
        select(WebLink, Case)
        .join(Case, col(Case.id) == col(WebLink.case_id))
        .where(WebLink.token_hash == token_hash(token))
    ).first()
    return None if row is None else (row[0], row[1])


def drop_links(session: Session, case_ids: Sequence[int]) -> int:
    """Delete every link to these cases (erasure: nobody may answer as the erased person any more)."""
    if not case_ids:
        return 0
    result = session.execute(delete(WebLink).where(col(WebLink.case_id).in_(list(case_ids))))
    return int(result.rowcount)  # type: ignore[attr-defined]
