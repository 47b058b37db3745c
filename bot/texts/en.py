"""English texts. Keys must match `nb.py`."""

TEXTS: dict[str, str] = {
    "case_tag": "[Case #{id}]",
    "greeting": "Hi {name},",
    "greeting_anonymous": "Hi,",
    "signoff": "Best regards,\n{team}",
    "received": 'Thank you for contacting us. We have registered your request as case #{id}: "{subject}".',
    "questions_intro": (
        "So that we can start right away, please answer the questions below. Just reply to this email, "
        "in your own words or by number:"
    ),
    "questions_still": "Thank you, we have added that to case #{id}. We still need:",
    "questions_tip": (
        "Tip: screenshots of the whole browser window, including the address bar, help us a lot. "
        "Please keep to one question per case."
    ),
    "q_login_allowed": (
        "May our support staff log in to your system to solve this case? (yes/no)\n"
        "   The access applies only while this case is open, and you can withdraw it at any time "
        'by replying "withdraw login access". All our staff are bound by confidentiality.'
    ),
    "q_personal_data": (
        "Will personal data need to be processed to handle this case? (yes/no)\n"
        "   We keep a record of processing of personal data (GDPR article 30(2)); your answer goes there."
    ),
    "q_browser": (
        "Which browser and version do you use (e.g. Chrome 131, Edge, Firefox)? If it happens in the "
        "app: iOS or Android, and which app version? (The app version is shown at the bottom of the "
        "menu on the left in the app.)"
    ),
    "q_app_version": (
        "Which version of the app do you have? (It is shown at the bottom of the menu on the left.)"
    ),
    "q_scope": "Does it affect one user, several users or everyone?",
    "q_affected_users": "Which users are affected (username or user ID)?",
    "q_observed_on": "When did it happen, or when did you first notice it (date)?",
    "q_recurring": "Does it happen again and again, or did it happen only once?",
    "q_module": "Which module is it about (e.g. deviations, risk, checklists, documents)?",
    "complete": (
        "Thank you! Case #{id} is now complete and has been passed to our support team. Here is a summary:"
    ),
    "complete_first": (
        'Thank you for contacting us. We have registered your request as case #{id}: "{subject}", '
        "and passed it to our support team. Here is a summary:"
    ),
    "followup_noted": "Thank you, we have added your message to case #{id}.",
    "attachments_rejected": (
        "We could not take these files (we accept at most {limit} files per message): {names}. "
        "Please send them in a new reply."
    ),
    "withdrawn": (
        "As you asked, our staff's access to log in to your system for case #{id} has been withdrawn. "
        "The case itself stays open."
    ),
    "withdrawn_none": (
        "Our staff had no access to log in to your system for case #{id}, so nothing was changed."
    ),
    "closed_by_customer": (
        "As you asked, case #{id} is now closed. Login access for our staff has ended. "
        "If you need more help, just reply to this email and the case opens again."
    ),
    "closed_by_staff": (
        "Case #{id} is now closed. Login access for our staff has ended. "
        "If you need more help, just reply to this email and the case opens again."
    ),
    "reminder": 'This is a friendly reminder about case #{id}: "{subject}". We still need:',
    "abandoned": (
        "We have not heard from you for a while, so case #{id} is now closed. "
        "If you still need help, just reply to this email and the case opens again."
    ),
    "reopened": "Case #{id} is open again, and we have added your message to it.",
    "summary_type": "Type",
    "summary_subject": "Subject",
    "summary_priority": "Priority",
    "summary_customer": "Customer",
    "summary_instance": "Instance",
    "summary_reporter": "Registered by",
    "summary_handler": "Requested handler",
    "summary_login": "Login allowed",
    "summary_personal": "Personal data processed",
    "summary_browser": "Browser",
    "summary_app": "App",
    "summary_scope": "Affected",
    "summary_users": "Affected users",
    "summary_module": "Module",
    "summary_record": "Record ID",
    "summary_observed": "Observed",
    "summary_recurring": "Recurring",
    "summary_attachments": "Attachments",
    "type_support": "Support case",
    "type_order": "Order",
    "type_bug": "Bug report",
    "type_improvement": "Improvement suggestion",
    "type_agreement_change": "Agreement change",
    "priority_low": "Low",
    "priority_normal": "Normal",
    "priority_high": "High",
    "priority_critical": "Critical",
    "scope_one": "One user",
    "scope_several": "Several users",
    "scope_all": "All users",
    "yes": "Yes",
    "no": "No",
    "recurring_true": "Yes, again and again",
    "recurring_false": "No, only once",
    "staff_new_subject": "New case #{id} ({type}, {priority}) from {customer}: {subject}",
    "staff_complete_subject": "Case #{id} is complete ({type}, {priority}) from {customer}: {subject}",
    "staff_intro": "A case is ready for handling.",
    "staff_new_intro": "A new case was registered; casebot is asking the customer for the missing details.",
    "unknown_customer": "unknown customer",
    "staff_grant_alert_subject": "Login access for case #{id} could not be revoked",
    "staff_grant_alert": (
        "casebot has tried to revoke staff login access for case #{id} ({customer}, {instance}) since "
        "{since} without success. It keeps trying. Last error: {error}"
    ),
}
