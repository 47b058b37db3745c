"""Handing cases on to a helpdesk the team already runs (`[handoff]`).

    webhook   `HandoffWebhookNotifier` (a `StaffNotifier`: each complete case and later message as
              an outbox row) and `WebhookDeliverer` (POSTs it, signed; the outbox retries it)

The email hand-off is `bot.email.staff.HandoffEmailNotifier`. The JSON a webhook receives is
described by `webhook.schema.json` (JSON Schema 2020-12) next to this file.
"""
