"""Slack: slash commands, the portal form as a modal, follow-ups and staff posts (issue 5).

`integration.create_slack` is the one entry point `casebot serve` uses (only when `SLACK_BOT_TOKEN` and
`SLACK_SIGNING_SECRET` are both set). The pieces, each small:

    integration  the Bolt app on POST /slack/events, wired as a `ChatIntegration`
    listeners    answer Slack fast; store what changes a case; answer what only reads
    intake       stored request → `InboundEvent` → engine, in the inbox worker
    channel      `CustomerChannel` / `StaffNotifier`: replies and staff posts into the outbox
    delivery     outbox item → Web API call; errors sorted into retry / give up
    blocks       Block Kit rendering, with customer text escaped
    modal        the portal form as a modal, and reading a submitted one
    commands     the slash command's words (English and Norwegian)
    identity     who a Slack user is: customer, language, staff
    files        downloading shared files with the bot token
    queries      the few store reads and writes only Slack needs
"""
