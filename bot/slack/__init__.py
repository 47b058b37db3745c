"""Slack: slash commands, the portal form as a modal, follow-ups and staff posts (issue 5).

`create_slack` is the one entry point `casebot serve` uses; it returns None (and says so once) when
`SLACK_BOT_TOKEN` / `SLACK_SIGNING_SECRET` are not set.
"""
