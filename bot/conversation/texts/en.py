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
    "questions_tip": (
        "Tip: screenshots of the whole browser window, including the address bar, help us a lot. "
        "Please keep to one question per case."
    ),
    "questions_tip_app": (
        "Tip: a screenshot from the app (press the side and volume-up buttons together) helps us a lot. "
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
    "still_need": "We still need:",
    "understood": "Thank you! We have noted: {items}.",
    "not_understood": (
        "We could not quite read your answer, sorry. Here are the questions again, shorter; a word or two "
        "for each is enough:"
    ),
    "q_app": (
        "Which app do you use: iOS or Android, and which app version? (The version is shown at the bottom "
        "of the menu on the left in the app.)"
    ),
    "q_login_allowed_again": 'May we log in to your system for this case? Answer "yes" or "no".',
    "q_personal_data_again": (
        'Will we see personal data (e.g. employee names) in this case? Answer "yes" or "no".'
    ),
    "q_browser_again": 'Where does it happen? For example "Chrome", "Edge", "Firefox", or "iPhone app 5.12".',
    "q_app_again": 'Which app? For example "iPhone, 5.12.3" or "Android, 5.11".',
    "q_app_version_again": 'Which app version? For example "5.12.3" (bottom of the menu in the app).',
    "q_scope_again": 'Who has the problem? Answer "only me", "several" or "everyone".',
    "q_scope_users_again": (
        'Who has the problem? Answer "only me", "everyone", or "several" with their usernames if you '
        "have them."
    ),
    "q_affected_users_again": 'Which users? Their usernames are enough, e.g. "kari.n, ola".',
    "q_observed_on_again": 'When did you first see it? A date like "3 November" or "yesterday" is enough.',
    "q_recurring_again": 'Does it happen every time? Answer "every time" or "only once".',
    "q_module_again": 'Which part of the system? For example "deviations", "checklists" or "documents".',
    "explain_login_allowed": (
        "About logging in: to find the cause of a problem, or to set up what you asked for, our support "
        "staff may need to see your system as you do. "
        "We log in only if you say yes, only while this case is open, and you can withdraw it at any "
        'time by replying "withdraw login access". Every login is in our audit log.'
    ),
    "explain_personal_data": (
        "About personal data: names of employees, contact details, health or absence information and the "
        "like count as personal data, also in screenshots and reports. We ask because we keep a record "
        "of every case where we process personal data on your behalf (GDPR article 30(2)); if your case "
        'shows such information, answer "yes".'
    ),
    "explain_app_version": (
        "About the app version: open the menu on the left in the Landax app; the version (e.g. 5.12.3) is "
        "shown at the bottom."
    ),
    "explain_browser": (
        'About the browser: the program you open Landax in, e.g. Chrome, Edge, Firefox or Safari. "Help → '
        'About" in the browser shows its version.'
    ),
    "explain_other": (
        "About the question on {label}: we ask so that we can find the problem without asking you again."
    ),
    "unknown_noted": (
        "That is fine: we have noted it as not known ({labels}), and will not ask about it again."
    ),
    "gave_up": "We will not ask again about {labels}; our support staff will take it from there.",
    "login_limited_noted": (
        "You allow us to log in for a limited time only. We cannot set that here, so the person handling "
        "your case will agree the login with you, and we will not ask about it again. Until then we will "
        "not log in."
    ),
    "complete_unknown": "Not known yet: {labels}. Our support staff will take it from there.",
    "new_problem_offer": (
        "It sounds as if you also describe another problem. We keep one problem per case, so that each gets "
        'the right person: shall we open a case of its own for it? Just reply "yes".'
    ),
    "new_problem_opened": "We have opened case #{new_id} for the other problem; you will hear from us there.",
    "same_as_taken": "From case #{other} we have taken: {items}.",
    "same_as_not_found": "We could not find case #{other} among your cases, so we took nothing from it.",
    "reopened_consent": (
        "Case #{id} is open again, and we have added your message to it. The permission to log in ended "
        "when the case closed, so we ask again:"
    ),
    "consent_given": (
        "Our support staff may now log in to your system for case #{id}, while the case is "
        'open. You can withdraw this at any time by replying "withdraw login access".'
    ),
    "consent_refused_noted": "We have noted that our staff may not log in to your system for case #{id}.",
    "q_scope": "Does it affect one user, several users or everyone?",
    "q_scope_users": (
        "Does it affect one user, several users or everyone? If several: which users (usernames)?"
    ),
    "q_affected_users": "Which users are affected (username or user ID)?",
    "q_observed_on": "When did it happen, or when did you first notice it (date)?",
    "q_recurring": "Does it happen again and again, or did it happen only once?",
    "q_module": "Which module is it about (e.g. deviations, risk, checklists, documents)?",
    "complete": (
        "Thank you! Case #{id} is now complete and has been passed to our support team. Here is a summary:"
    ),
    "complete_reopened": "It is with our support team again. Here is what the case holds:",
    "complete_first": (
        'Thank you for contacting us. We have registered your request as case #{id}: "{subject}", '
        "and passed it to our support team. Here is a summary:"
    ),
    "contact_noted": (
        "You would like a call or a meeting: we have noted that on case #{id}, so the person handling it "
        "sees it."
    ),
    "contact_noted_phone": (
        "You would like a call, on {phone}: we have noted that on case #{id}, so the person handling it sees "
        "it. If the number is wrong, reply with the right one."
    ),
    "followup_question_noted": (
        "Your question is on case #{id}, and the person handling the case will answer you in this thread."
    ),
    "urgent_noted": (
        "We have registered it with priority {priority}, and our staff can already see it: answer what you "
        "can below, and they will start with what they have."
    ),
    "followup_noted": "Thank you, we have added your message to case #{id}.",
    "attachments_rejected": (
        "We could not take these files (we accept at most {limit} files per message): {names}. "
        "Please send them in a new reply."
    ),
    "attachments_rejected_more": " and {count} more",
    "change_needs_confirmation": (
        "We received a message on case #{id} asking us to {what}. We make such changes only when they "
        "come as a reply to one of our emails about the case, from you, so we have not done it. If it "
        'was you, please reply to this email with "Yes, that was me" and we will do it. If it was not you, '
        'reply "No, that was not me".'
    ),
    "change_disowned": (
        "Thank you for letting us know. We have changed nothing on case #{id}, and the message is kept on "
        "the case."
    ),
    "change_and": " and to ",
    "change_close": "close the case",
    "change_withdraw": "withdraw our staff's permission to log in to your system",
    "change_login_yes": "let our staff log in to your system",
    "change_login_no": "not log in to your system",
    "withdrawn": (
        "As you asked, our staff's access to log in to your system for case #{id} has been withdrawn. "
        "The case itself stays open."
    ),
    "withdrawn_none": (
        "Our staff had no access to log in to your system for case #{id}, so nothing was changed."
    ),
    "closed_by_customer": (
        "As you asked, case #{id} is now closed. {access}"
        "If you need more help, just reply to this email and the case opens again."
    ),
    "closed_by_staff": (
        "Case #{id} is now closed. {access}"
        "If you need more help, just reply to this email and the case opens again."
    ),
    # after "closed", only when staff could log in until then
    "closed_access_ended": "Login access for our staff has ended. ",
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
    "summary_observed": "Date observed",
    "summary_recurring": "Recurring",
    "in_app": "in the app (platform not given)",
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
    "module_deviations": "Deviations",
    "module_risk": "Risk",
    "module_checklists": "Checklists",
    "module_documents": "Documents",
    "module_courses": "Courses",
    "module_actions": "Actions",
    "module_meetings": "Meetings",
    "module_reports": "Reports",
    "module_users": "Users",
    "module_inspections": "Inspections",
    "module_chemicals": "Chemicals",
    "module_contracts": "Contracts",
    "module_competence": "Competence",
    "module_annual_wheel": "Annual wheel",
    "module_time_tracking": "Time tracking",
    "module_employees": "Employees",
    "module_absence": "Absence",
    "yes": "Yes",
    "no": "No",
    "recurring_true": "Yes, again and again",
    "recurring_false": "No, only once",
    "staff_new_subject": "New case #{id} ({type}, {priority}) from {customer}: {subject}",
    "staff_complete_subject": "Case #{id} is complete ({type}, {priority}) from {customer}: {subject}",
    "staff_intro": "A case is ready for handling.",
    "staff_new_intro": "A new case was registered; casebot is asking the customer for the missing details.",
    "staff_answer_hint": (
        "Answer by replying to this email: casebot sends your answer, with its attachments, to {reporter} in "
        "the case's own thread. Quoted text is left out."
    ),
    "staff_description_label": "Description",
    "staff_missing": "Still missing: {labels}",
    "staff_unknown": "Not known (the customer cannot say): {labels}",
    "staff_followup_subject": "New from the customer on case #{id} ({customer}): {subject}",
    "staff_followup_intro": "{who} wrote on case #{id}:",
    "staff_reply_signoff": "Best regards,\n{name}\n{team}",
    "staff_unplaced_subject": "Not sent: {subject}",
    "staff_unplaced": (
        "casebot could not tell which case your email answers, so it was sent to no customer and opened "
        "no case.\n\n"
        "To answer a customer, reply to casebot's email about the case (its reply address leads to the "
        "case), or answer in the thread of the case's post in Slack. To register a case for a customer, "
        "forward their email to the support address with their message and its From line included."
    ),
    "slack_staff_answer_hint": "Reply in this thread to answer the customer.",
    "handoff_intro": (
        "Case #{id}, registered with casebot by {reporter}, is complete. Replying to this email reaches "
        "the customer (Reply-To)."
    ),
    "handoff_followup_intro": "{who} wrote again on case #{id}:",
    "unknown_customer": "unknown customer",
    "staff_grant_alert_subject": "Login access for case #{id} could not be revoked",
    "staff_grant_alert": (
        "casebot has tried to revoke staff login access for case #{id} ({customer}, {instance}) since "
        "{since} without success. It keeps trying. Last error: {error}"
    ),
    # -- the portal form (the Slack modal and the web form) --
    "form_description": "Description",
    "form_description_hint": (
        "Describe one matter per case. For a problem: what you did, what happened, and what you expected."
    ),
    "form_login_title": "Login",
    "form_login_help": (
        "To solve the case it can help if our support staff can log in to your system. The access applies "
        "only while this case is open, and you can withdraw it at any time. All our staff are bound by "
        "confidentiality about anything they may see in your solution."
    ),
    "form_login_label": "Allow our support staff to log in to solve this case",
    "form_personal_title": "Processing of personal data",
    "form_personal_help": (
        "State whether personal data will be processed to handle this case. This is kept as a record of "
        "processing of personal data, cf. GDPR article 30(2)."
    ),
    "form_personal_label": "Will personal data be processed for this case?",
    "form_problem_title": "Problem details (bug reports)",
    "form_problem_help": ("For a bug report, please fill in what you know: it saves a round of questions."),
    "form_app_platform": "App platform",
    "form_app_version": "App version",
    "form_app_version_hint": "Shown at the bottom of the menu on the left in the app, e.g. 5.12.3",
    "form_users_hint": "Usernames or user IDs, separated by commas",
    "form_files_hint": "Up to 5 files; a screenshot of the whole browser window helps a lot",
    "platform_ios": "iOS",
    "platform_android": "Android",
    "form_error_subject": "Please write a subject.",
    "form_error_description": "Please describe the case.",
    "form_error_choice": "Please pick one of the options.",
    "form_error_app_version": "An app version looks like 5.12.3.",
    "form_error_date": "Please give a date as YYYY-MM-DD.",
    "form_error_future_date": "That date is in the future.",
    "form_error_files": "Please attach at most {limit} files.",
    "form_error_too_long": "Please keep this to at most {limit} characters.",
    "form_link": (
        "You can also answer in a form on the web, where what we already know is filled in:\n{url}"
    ),
    # -- the web form (bot/web) --
    "web_page_title": "Case #{id}: {subject}",
    "web_heading": "Case #{id}",
    "web_intro_draft": (
        "This is the form for your case. What we already know is filled in, and the fields marked "
        '"Needed" are what we still need before our support team can start. Correct anything that is '
        "wrong, and send."
    ),
    "web_intro_open": (
        "Your case is with our support team. Here you can add files or correct the details; you get a "
        "confirmation by email."
    ),
    "web_needed": "Needed",
    "web_language": "Language",
    "web_switch": "Norsk bokmål",
    "web_section_case": "The case",
    "web_reference": "Case reference",
    "web_not_chosen": "Not chosen",
    "web_browser_hint": (
        "For example Chrome 131, Edge or Firefox. If it happens in the app, give the app below."
    ),
    "web_record_hint": "The ID of the registration that has the problem",
    "web_files_title": "Attachments",
    "web_files_label": "Add files (up to {count} more)",
    "web_files_have": "Already attached to the case:",
    "web_files_full": (
        "This case already has the {limit} files the form takes. Send more by replying to our email."
    ),
    "web_files_again": "Files are not kept when something needs correcting: please choose them again.",
    "web_tip": (
        "Tip: for faster handling we recommend that you allow our staff to log in to your system. "
        "Screenshots that show the question or the problem help a lot too."
    ),
    "web_submit": "Send",
    "web_errors_title": "Please correct the following before you send:",
    "web_error_files_size": (
        "The files are larger than {mb} MB together. Please choose fewer or smaller files."
    ),
    "web_store_down": (
        "We could not save your answers just now. Nothing on this page is lost: please send again in a "
        "minute."
    ),
    "web_sent_title": "Thank you",
    "web_sent_body": (
        "We have received your answers for case #{id}. In a few minutes you get an email from us: a "
        "summary when the case is complete, or what we still need."
    ),
    "web_sent_next": (
        "Our support team starts on the case as soon as it is complete. While the case is open you can "
        "come back to the form with the same link, to add files or correct details."
    ),
    "web_sent_back": "Back to the form",
    "web_closed_title": "Case #{id} is closed",
    "web_closed_body": (
        "This case is closed, so its form takes no more answers. If you need more help with it, reply "
        "to one of our emails about the case and it opens again. For something new, write to {address}."
    ),
    "web_not_found_title": "This link does not work",
    "web_not_found_body": (
        "The link may be incomplete, or the case it belonged to no longer exists. Use the link in the "
        "newest email from us about your case, or reply to that email."
    ),
    "web_forbidden_title": "The form could not be accepted",
    "web_forbidden_body": (
        "The form was missing its security check, so nothing was saved. Open the link in our email "
        "again and send the form from there."
    ),
    "web_too_many_title": "Too many requests",
    "web_too_many_body": "Please wait a minute and try again.",
    "web_too_large_title": "Too much to send at once",
    "web_too_large_body": (
        "The form was larger than we can take in one go ({mb} MB of files). Go back, choose fewer or "
        "smaller files, and send again."
    ),
    "web_bad_form_title": "The form could not be read",
    "web_bad_form_body": "Open the link in our email again and send the form from there.",
    "web_store_down_page_title": "The form is not available just now",
    "web_store_down_page_body": "Please try again in a few minutes.",
    # -- Slack (bot/slack) --
    "slack_questions_intro": (
        "So that we can start right away, please answer the questions below: with the buttons, or in your "
        "own words as a reply in this thread."
    ),
    "slack_closed_by_customer": (
        "As you asked, case #{id} is now closed. {access}"
        "If you need more help, just write in this thread and the case opens again."
    ),
    "slack_closed_by_staff": (
        "Case #{id} is now closed. {access}"
        "If you need more help, just write in this thread and the case opens again."
    ),
    "slack_abandoned": (
        "We have not heard from you for a while, so case #{id} is now closed. "
        "If you still need help, just write in this thread and the case opens again."
    ),
    "slack_withdraw_text": "Withdraw login access",
    "slack_close_text": "Close this case",
    "slack_modal_title": "Register a case",
    "slack_modal_submit": "Register case",
    "slack_form_failed": "Sorry, the form could not be opened. Please try `{command}` again.",
    "slack_store_down": "Sorry, we could not save that just now. Please try again in a minute.",
    "slack_new_received": "Thank you! We are registering your case and will message you here in Slack.",
    "slack_files_failed": (
        "We could not fetch these files from Slack, so they are not attached to your case: {names}. "
        "Please share them again in the case's thread."
    ),
    "slack_not_yours": "You cannot see case #{id}: it does not exist, or it belongs to another organisation.",
    "slack_already_closed": "Case #{id} is already closed.",
    "slack_close_accepted": "Case #{id} will be closed; you will get a confirmation in a moment.",
    "slack_withdraw_accepted": (
        "Login access for case #{id} will be withdrawn; you will get a confirmation in a moment."
    ),
    "slack_unknown_command": "Sorry, I did not understand that.",
    "slack_dm_no_case": (
        "Thanks! This message is not part of an open question, so no case was changed. "
        "To register a new case, write `{command} new` followed by what it is about."
    ),
    "slack_needs_id_show": "Which case? Write for example `{command} show 12`.",
    "slack_needs_id_close": "Which case? Write for example `{command} close 12`.",
    "slack_needs_id_withdraw": "Which case? Write for example `{command} withdraw 12`.",
    "slack_help": (
        "What I can do:\n"
        "• `{command}` or `{command} new`: register a case with the form\n"
        "• `{command} new <text>`: register a case from your own words; I ask for the rest\n"
        "• `{command} list`: our cases\n"
        "• `{command} show 12`: one case\n"
        "• `{command} close 12`: close a case\n"
        "• `{command} withdraw 12`: withdraw login access for a case\n"
        "• `{command} help`: this help"
    ),
    "slack_list_title": "Our cases",
    "slack_list_title_staff": "All cases",
    "slack_no_cases": "No cases yet.",
    "slack_more_cases": "… and {count} older cases.",
    "slack_case_title": "Case #{id}",
    "slack_status_draft": "Waiting for answers",
    "slack_status_open": "Open",
    "slack_status_closed": "Closed",
    "slack_home_title": "Our cases",
    "slack_home_hint": "Register a new case with {command}, or write to me here.",
    "slack_staff_missing": "Still missing: {fields}",
    "slack_button_show": "Show details",
    "slack_button_close": "Close case",
    "slack_button_cancel": "Cancel",
    "slack_confirm_close_title": "Close the case?",
    "slack_confirm_close_text": "Case #{id} will be closed and login access for it ends.",
    # -- the command line and `serve`'s start-up, for the operator (language from LC_ALL / LANG) --
    "cli_error": "casebot: {detail}",
    "cli_config_error": "configuration error: {detail}",
    "cli_port_in_use": (
        "{setting} = {port}: {address} is already in use by another program; stop it, or choose another "
        "port in the config or with {flag}"
    ),
    "cli_cannot_listen": "{setting} = {port}: cannot listen on {address}: {reason}",
    "cli_store_unreachable": (
        "the store cannot be reached ({detail}); is the database running, and is [store] url right?"
    ),
    "cli_folder_read_only": (
        "{folder} is read-only ({setting}): casebot keeps its data there; make it writable or set {setting} "
        "to another folder"
    ),
    "cli_disk_full": "the disk under {folder} is full ({setting}): free some space and start again",
    "cli_folder_unwritable": "{folder} cannot be written ({setting}): {reason}",
    "cli_no_relay": (
        "no mail relay configured: replies are written to {folder} (set [outbound] host to send them)"
    ),
    "cli_col_case": "Case",
    "cli_col_status": "Status",
    "cli_col_type": "Type",
    "cli_col_priority": "Priority",
    "cli_col_customer": "Customer",
    "cli_col_reporter": "Reporter",
    "cli_col_age": "Age",
    "cli_col_missing": "Missing",
    "cli_col_subject": "Subject",
    "cli_col_instance": "Instance",
    "cli_col_granted": "Granted",
    "cli_col_revoked": "Revoked",
    "cli_col_pending": "Pending call",
    "cli_col_id": "ID",
    "cli_col_received": "Received",
    "cli_col_from": "From",
    "cli_col_size": "Size",
    "cli_col_attempts": "Attempts",
    "cli_col_error": "Error",
    "cli_col_at": "When",
    "cli_col_action": "Action",
    "cli_col_actor": "By",
    "cli_col_detail": "Detail",
    "cli_col_file": "File",
    "cli_col_content_type": "Kind",
    "cli_col_check": "Part",
    "cli_col_result": "Result",
    "cli_status_draft": "draft",
    "cli_status_open": "open",
    "cli_status_closed": "closed",
    "cli_age_days": "{n} d",
    "cli_age_hours": "{n} h",
    "cli_age_minutes": "{n} min",
    "cli_no_cases": "No cases.",
    "cli_no_grants": "No login grants.",
    "cli_no_failed": "No messages in quarantine.",
    "cli_no_audit": "Nothing in the audit trail of case {id}.",
    "cli_case_title": "Case #{id}: {subject}",
    "cli_case_state": "{via} · registered {created}",
    "cli_case_closed": "closed {at} ({reason})",
    "cli_description": "Description",
    "cli_missing": "Still missing",
    "cli_unknown": "Not known to the customer",
    "cli_participants": "Also in the thread",
    "cli_login_grant": "Login access",
    "cli_grant_none": "none",
    "cli_grant_active": "active since {at}",
    "cli_grant_revoked": "revoked {at}",
    "cli_conversation": "Conversation",
    "cli_no_messages": "No messages.",
    "cli_message_in": "{at} · {sender} → casebot ({via})",
    "cli_message_out": "{at} · {sender} → {to} ({via})",
    "cli_attachments": "Attachments",
    "cli_no_attachments": "No attachments.",
    "cli_check_ok": "ok",
    "cli_check_failed": "FAILED",
    "cli_check_off": "off",
    "cli_check_config": "configuration",
    "cli_check_store": "store",
    "cli_check_outgoing": "outgoing mail folder",
    "cli_check_relay": "mail relay",
    "cli_check_slack": "Slack",
    "cli_check_grants": "grant webhook",
    "cli_check_handoff": "hand-off webhook",
    "cli_check_summary_ok": "Everything configured works.",
    "cli_check_summary_failed": "{count} part(s) do not work; see above.",
    "cli_check_slack_off": "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not both set",
    "cli_check_not_configured": "not configured",
}
