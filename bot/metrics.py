"""Prometheus metrics, in one registry that `/metrics` serves."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

registry = CollectorRegistry()

messages_accepted = Counter(
    "casebot_messages_accepted_total",
    "Messages accepted and stored (SMTP 250 / Slack ack)",
    ["channel"],
    registry=registry,
)
messages_rejected = Counter(
    "casebot_messages_rejected_total",
    "Messages refused at the edge, by reason",
    ["channel", "reason"],
    registry=registry,
)
messages_processed = Counter(
    "casebot_messages_processed_total",
    "Inbound messages processed, by outcome",
    ["outcome"],
    registry=registry,
)
messages_quarantined = Gauge(
    "casebot_messages_quarantined", "Inbound messages in quarantine", registry=registry
)
questions_asked = Counter(
    "casebot_questions_asked_total", "Follow-up questions sent to customers", registry=registry
)
reminders_sent = Counter(
    "casebot_reminders_sent_total", "Reminders queued for silent drafts", registry=registry
)
grant_calls_failing = Gauge(
    "casebot_grant_calls_failing", "Grant and revoke calls whose last attempt failed", registry=registry
)
cases_by_status = Gauge("casebot_cases", "Cases by status", ["status"], registry=registry)
outbox_depth = Gauge("casebot_outbox_depth", "Outbox items not yet delivered", registry=registry)
outbox_oldest_age = Gauge(
    "casebot_outbox_oldest_age_seconds", "Age of the oldest undelivered outbox item", registry=registry
)
grants_active = Gauge("casebot_grants_active", "Login grants currently active", registry=registry)
grant_calls_pending = Gauge(
    "casebot_grant_calls_pending",
    "Grant and revoke calls not yet confirmed by the customer's system",
    registry=registry,
)
processing_latency = Histogram(
    "casebot_processing_latency_seconds",
    "From accept to processed, per inbound message",
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
    registry=registry,
)
