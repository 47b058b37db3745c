"""The data lifecycle (issue 8): the GDPR art. 30(2) record, retention, erasure, mailbox import."""
