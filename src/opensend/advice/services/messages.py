"""The case's message thread between the family and the council. Messages are never edited."""

from django.db import transaction

from opensend.access import audit
from opensend.access.audit import actor_name
from opensend.access.principal import Principal
from opensend.advice.audit import AdviceAudit
from opensend.advice.models import Message
from opensend.advice.policies import advice_policy, la_ids
from opensend.casework.models import AssessmentRequest
from opensend.core.errors import ApplicationError, NotFound

from .common import family_case_link, family_of, la_contacts, staff_case_link, tell

MAX_MESSAGE = 5000


@transaction.atomic
def message_send(*, by: Principal, case: AssessmentRequest, body: str) -> Message:
    """Post a message; the other side is told (by email, without the message) that it is there."""
    if not advice_policy.can(by, "message", case):
        raise NotFound()
    body = body.strip()
    if not body:
        raise ApplicationError("Write your message", field="body")
    if len(body) > MAX_MESSAGE:
        raise ApplicationError(
            f"Your message must be {MAX_MESSAGE} characters or fewer. It has {len(body)}", field="body"
        )
    from_family = case.local_authority_id not in la_ids(by)
    message = Message.objects.create(
        case=case,
        child=case.child,
        author=by.user,
        author_name=actor_name(by),
        from_family=from_family,
        body=body,
    )
    audit.record(by, AdviceAudit.MESSAGE_SENT, child_id=case.child_id, obj=message)
    context = {"child_name": case.child.full_name, "sender_name": message.author_name}
    if from_family:
        tell(
            la_contacts(case),
            kind="message.received",
            context=context,
            link=staff_case_link(case, "messages"),
            case=case,
        )
    else:
        recipients = [u for u in family_of(case.child) if u.pk != by.user_id]
        tell(
            recipients,
            kind="message.received",
            context=context,
            link=family_case_link(case, "messages"),
            case=case,
        )
    return message
