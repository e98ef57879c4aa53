"""Recording notifications and changing preferences: every write of the notify app.

Other apps call `notify(...)` inside their own service's transaction: the notification row is the
outbox (ADR 0130). A rolled-back change leaves no row and sends nothing; a committed one is sent
by `tasks.send_notification`, queued after commit, retried with backoff, and relayed again by
`tasks.send_due_notifications` should the queueing itself be lost.
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Model

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.core import clock
from opensend.core.errors import ApplicationError, NotFound
from opensend.core.tasks import enqueue_on_commit

from . import registry
from .audit import NotifyAudit
from .models import Notification, NotificationPreference, Status
from .policies import preference_policy
from .rendering import absolute_url, render_body, render_subject
from .tasks import send_notification

if TYPE_CHECKING:
    from opensend.accounts.models import User


def notify(
    *,
    to: "User",
    kind: str,
    context: Mapping[str, Any],
    link: str,
    child: "Model | None" = None,  # the child the notice is about (children.Child): its records follow
) -> Notification:
    """Record an email to `to` and send it once the caller's transaction commits.

    `kind` is a registered kind id (see `opensend.notify.registry` and `catalogue`); `context` fills
    its templates and must hold every key the kind lists in `required`; `link` is the page to sign
    in to (a path such as "/casework/12/", or an absolute URL). `child`, when given, scopes the record.

    The row is written even when nothing is sent: a person who switched the category off gets a
    `skipped` row (mandatory kinds ignore preferences). Unknown kinds and missing context are
    programming errors and raise at once, inside the caller's transaction.

    It must be called inside the transaction of the change it reports (ADR 0130): called outside
    one, from `on_commit` say, the notice would not be part of the change and could be lost with
    the process, so it refuses.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            "notify() records the notice in the caller's transaction: call it inside the service's "
            "@transaction.atomic, not after commit (ADR 0130)"
        )
    spec = registry.get(kind)
    missing = [key for key in spec.required if key not in context]
    if missing:
        raise ValueError(f"Notification {kind!r} needs context {', '.join(missing)}")
    ctx = dict(context)
    wanted = spec.mandatory or email_wanted(to, str(spec.category.value))
    status = Status.PENDING
    last_error = ""
    if not to.is_active:
        status, last_error = Status.SKIPPED, "The account is closed"
    elif not wanted:
        status = Status.SKIPPED
    notification = Notification.objects.create(
        recipient=to,
        email_address=to.email,
        kind=spec.id,
        category=str(spec.category.value),
        subject=render_subject(spec, ctx),
        body=render_body(spec, ctx),
        link=absolute_url(link),
        child_id=child.pk if child is not None else None,
        status=status,
        last_error=last_error,
        next_attempt_at=clock.now() if status == Status.PENDING else None,
    )
    if status == Status.PENDING:
        enqueue_on_commit(send_notification, notification.pk)
    return notification


def email_wanted(user: "User", category_id: str) -> bool:
    info = registry.CATEGORIES.get(category_id)
    if info is not None and info.mandatory:
        return True
    row = NotificationPreference.objects.filter(user=user, category=category_id).only("email").first()
    return True if row is None else row.email


@transaction.atomic
def preferences_set(*, by: Principal, email: Mapping[str, bool]) -> None:
    """Turn email on or off for each category named; categories not named keep their setting."""
    if not preference_policy.can(by, "edit") or by.user is None:
        raise NotFound()
    for category_id, wanted in email.items():
        info = registry.CATEGORIES.get(category_id)
        if info is None:
            known = ", ".join(registry.CATEGORIES)
            raise ApplicationError(
                f"There is no category of emails called {category_id!r}; the categories are {known}",
                field=f"email.{category_id}",
            )
        if info.mandatory and not wanted:
            raise ApplicationError(
                f"{info.label} cannot be turned off. {info.mandatory_reason}", field=f"email.{category_id}"
            )
    user = by.user
    before = {p.category: p.email for p in NotificationPreference.objects.filter(user=user)}
    changed: dict[str, dict[str, bool]] = {}
    for category_id, wanted in email.items():
        if registry.CATEGORIES[category_id].mandatory:
            continue
        old = before.get(category_id, True)
        if old != wanted:
            changed[category_id] = {"old": old, "new": bool(wanted)}
        NotificationPreference.objects.update_or_create(
            user=user, category=category_id, defaults={"email": bool(wanted)}
        )
    if changed:
        audit.record(by, NotifyAudit.PREFERENCES_CHANGED, detail={"email": changed})
