"""The notifications of the EHC needs assessment journey (issue 5), ready for casework to send.

Every body says what changed and what the reader needs to do, and by when. Email text is plain
English for families; the wording of each is in `templates/notify/email/<kind id>.txt`.
"""

from .registry import Category, Kind, register

KINDS = (
    Kind(
        id="assessment.request_received",
        category=Category.STATUTORY,
        subject="We have received the request for an EHC needs assessment for {{ child_name }}",
        required=("child_name", "la_name", "received_on", "decision_due"),
        description="To the person who asked for an assessment, when the council records the request.",
    ),
    Kind(
        id="assessment.considering",
        category=Category.STATUTORY,
        subject="{{ la_name }} is considering an EHC needs assessment for {{ child_name }}",
        required=("child_name", "la_name", "respond_by"),
        description="To health, social care and the setting when the council considers an assessment.",
    ),
    Kind(
        id="assessment.decision",
        category=Category.STATUTORY,
        subject="Decision about {{ child_name }}: {{ decision }}",
        required=("child_name", "la_name", "decision", "reasons", "next_steps"),
        description="To the family when the council decides whether to assess or to issue a plan.",
    ),
    Kind(
        id="case.stage_changed",
        category=Category.CASEWORK,
        subject="{{ child_name }}'s EHC needs assessment: {{ stage }}",
        required=("child_name", "stage", "next_steps"),
        description="To the family and the caseworker when a case moves to its next stage.",
    ),
    Kind(
        id="advice.requested",
        category=Category.CASEWORK,
        subject="{{ advice_type }} advice needed for {{ child_name }} by {{ due_on|date:'j F Y' }}",
        required=("child_name", "la_name", "advice_type", "due_on"),
        description="To an adviser when the caseworker asks for advice.",
    ),
    Kind(
        id="advice.received",
        category=Category.CASEWORK,
        subject="{{ advice_type }} advice for {{ child_name }} has been received",
        required=("child_name", "advice_type", "from_name"),
        description="To the caseworker and the family when an adviser submits advice.",
    ),
    Kind(
        id="message.received",
        category=Category.MESSAGES,
        subject="New message from {{ sender_name }} about {{ child_name }}",
        required=("child_name", "sender_name"),
        description="When someone sends a message in a case's thread. The message itself is not emailed.",
    ),
    Kind(
        id="reminder.advice_due",
        category=Category.REMINDERS,
        subject="Reminder: {{ advice_type }} advice for {{ child_name }} is due on {{ due_on|date:'j F Y' }}",
        required=("child_name", "advice_type", "due_on"),
        description="To an adviser before their advice is due.",
    ),
    Kind(
        id="access.changed",
        category=Category.ACCESS,
        subject="Access changed at {{ organisation_name }}: {{ summary }}",
        required=("organisation_name", "summary", "by_name", "changed_on"),
        description="To an organisation's managers when a role, a grant or an API token there is given, "
        "changed or ended (issue 13).",
    ),
    Kind(
        id="access.role_given",
        category=Category.ACCESS,
        subject="You have been given the role {{ role }} at {{ organisation_name }}",
        required=("organisation_name", "role", "by_name"),
        description="To a person when a manager gives them a role, with how to set a password if the "
        "account is new (`new_account`).",
    ),
)


def register_catalogue() -> None:
    register(*KINDS)
