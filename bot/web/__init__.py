"""The web channel: the portal's «Registrer sak» form for one case, one click from every question mail.

`routes` serves `<base_url>/c/<token>` on casebot's public HTTP app and stores each valid submission
in the durable inbox (channel `web`) before the page answers; `intake` turns a stored submission into
an engine event in the inbox worker, the way the email and Slack intakes do. `page` renders the
Jinja2 templates (autoescaped) with the texts of `bot.conversation.texts`; `upload` reads a posted form
with its files checked for count and size while they arrive; `limits` counts requests per link and per
client address.
"""
