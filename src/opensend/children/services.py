"""Every write to a child's record: each checks policy, writes, appends the timeline, audits."""

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from opensend.access import audit
from opensend.access.models import AuditAction
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation, User
from opensend.accounts.roles import GRANT_ROLES, LA_STAFF_ROLES
from opensend.core import clock
from opensend.core.errors import ApplicationError, Conflict, NotFound

from .models import Child, FamilyLink, ProfessionalInvolvement, TimelineEvent
from .policies import child_policy

CHILD_FIELDS = (
    "first_name",
    "middle_names",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "sex",
    "ethnicity",
    "upn",
    "uln",
    "upn_unknown",
    "nhs_number",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "current_setting",
)
# Identifiers whose values are not written into the audit detail or timeline, only that they changed.
_SENSITIVE = {"upn", "uln", "nhs_number", "address_line_1", "address_line_2", "postcode", "date_of_birth"}
MAX_AGE = 25


def timeline_append(
    *,
    child: Child,
    kind: str,
    title: str,
    by: Principal,
    body: str = "",
    visible_to_family: bool = True,
    occurred_at: dt.datetime | None = None,
) -> TimelineEvent:
    return TimelineEvent.objects.create(
        child=child,
        kind=kind,
        title=title,
        body=body,
        actor=by.user,
        actor_name=audit.actor_name(by),
        organisation_id=by.organisation_id,
        visible_to_family=visible_to_family,
        occurred_at=occurred_at or timezone.now(),
    )


def _check_child_values(values: dict[str, Any], *, la: Organisation) -> None:
    dob = values.get("date_of_birth")
    today = clock.today()
    if dob is not None:
        if dob > today:
            raise ApplicationError("Date of birth must be today or in the past", field="date_of_birth")
        age = today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))
        if age > MAX_AGE:
            raise ApplicationError(
                "OpenSEND holds records for children and young people aged 0 to 25: check the date of birth",
                field="date_of_birth",
            )
    if not values.get("upn") and not values.get("uln") and not values.get("upn_unknown"):
        raise ApplicationError(
            "Enter a UPN or ULN, or choose why the child does not have one",
            field="upn_unknown",
        )
    setting = values.get("current_setting")
    if setting is not None and setting.kind != "education_setting":
        raise ApplicationError("Choose a school, college or early years setting", field="current_setting")


def _unique_error(error: IntegrityError) -> ApplicationError:
    text = str(error).lower()
    for field, label in (("upn", "UPN"), ("uln", "ULN"), ("nhs", "NHS number")):
        if field in text:
            return ApplicationError(
                f"Another child's record already has this {label}. Check it, or find the existing record",
                field="nhs_number" if field == "nhs" else field,
            )
    return ApplicationError("This record clashes with another one. Check the identifiers")


@transaction.atomic
def child_create(*, by: Principal, responsible_la: Organisation, **values: Any) -> Child:
    if not child_policy.can(by, "create") or responsible_la.pk not in {
        g.organisation_id for g in by.grants_for(*LA_STAFF_ROLES)
    }:
        raise NotFound()
    _check_child_values(values, la=responsible_la)
    try:
        with transaction.atomic():
            child = Child.objects.create(responsible_la=responsible_la, **values)
    except IntegrityError as error:
        raise _unique_error(error) from error
    timeline_append(child=child, kind="child.created", title="Record created", by=by)
    audit.record(by, AuditAction.CHILD_CREATED, child_id=child.pk, obj=child)
    return child


@transaction.atomic
def child_update(*, by: Principal, child_id: int, expected_version: int, **values: Any) -> Child:
    """Change a record, refusing if someone else saved it since `expected_version` was read."""
    child = Child.objects.select_for_update().filter(pk=child_id).first()
    if child is None or not child_policy.can(by, "edit", child):
        raise NotFound()
    if child.version != expected_version:
        raise Conflict(
            "Someone else changed this record while you were editing it. Your changes have not been saved: "
            "check their changes below, then make yours again",
            extra={"current_version": child.version},
        )
    merged = {f: getattr(child, f) for f in CHILD_FIELDS} | values
    _check_child_values(merged, la=child.responsible_la)
    changed = [f for f in values if getattr(child, f) != values[f]]
    if not changed:
        return child
    detail = {
        f: (
            {"changed": True}
            if f in _SENSITIVE
            else {"old": _plain(getattr(child, f)), "new": _plain(values[f])}
        )
        for f in changed
    }
    for field in changed:
        setattr(child, field, values[field])
    child.version += 1
    try:
        with transaction.atomic():
            child.save()
    except IntegrityError as error:
        raise _unique_error(error) from error
    labels = ", ".join(str(getattr(Child._meta.get_field(f), "verbose_name", f)) for f in changed)
    timeline_append(
        child=child, kind="child.updated", title="Record updated", body=f"Changed: {labels}", by=by
    )
    audit.record(by, AuditAction.CHILD_UPDATED, child_id=child.pk, obj=child, detail=detail)
    return child


def _plain(value: Any) -> Any:
    if isinstance(value, Organisation):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@transaction.atomic
def family_link_create(
    *,
    by: Principal,
    child: Child,
    user: User,
    relationship: str,
    has_parental_responsibility: bool,
    valid_from: dt.date | None = None,
) -> FamilyLink:
    if not child_policy.can(by, "manage_relationships", child):
        raise NotFound()
    if FamilyLink.objects.live().filter(child=child, user=user).exists():
        raise ApplicationError("This person is already linked to the child", field="email")
    link = FamilyLink.objects.create(
        child=child,
        user=user,
        relationship=relationship,
        has_parental_responsibility=has_parental_responsibility,
        valid_from=valid_from or clock.today(),
    )
    timeline_append(
        child=child,
        kind="family.linked",
        title=f"{user.full_name} linked as {link.get_relationship_display().lower()}",
        by=by,
    )
    audit.record(by, AuditAction.FAMILY_LINK_CREATED, child_id=child.pk, obj=link)
    return link


@transaction.atomic
def family_link_end(*, by: Principal, link: FamilyLink, on: dt.date | None = None) -> FamilyLink:
    if not child_policy.can(by, "manage_relationships", link.child):
        raise NotFound()
    link.valid_to = on or clock.today()
    link.save(update_fields=["valid_to", "updated_at"])
    timeline_append(
        child=link.child, kind="family.unlinked", title=f"{link.user.full_name} no longer linked", by=by
    )
    audit.record(by, AuditAction.FAMILY_LINK_ENDED, child_id=link.child_id, obj=link)
    return link


@transaction.atomic
def young_person_link(*, by: Principal, child: Child, user: User) -> Child:
    """A young person's own account, from their 16th birthday."""
    if not child_policy.can(by, "manage_relationships", child):
        raise NotFound()
    if child.age_on(clock.today()) < 16:
        raise ApplicationError(
            "A young person can have their own account from their 16th birthday", field="email"
        )
    if Child.objects.filter(young_person_user=user).exclude(pk=child.pk).exists():
        raise ApplicationError(
            "This account is already linked to another young person's record", field="email"
        )
    child.young_person_user = user
    child.save(update_fields=["young_person_user", "updated_at"])
    timeline_append(child=child, kind="young_person.linked", title="Young person's own account linked", by=by)
    audit.record(by, AuditAction.YOUNG_PERSON_LINKED, child_id=child.pk, obj=child)
    return child


def _same_day_next_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@transaction.atomic
def involvement_grant(
    *,
    by: Principal,
    child: Child,
    user: User,
    organisation: Organisation,
    reason: str,
    valid_to: dt.date,
    case_reference: str = "",
) -> ProfessionalInvolvement:
    """Give a health, care or mediation professional time-limited access to one child's record."""
    if not child_policy.can(by, "manage_relationships", child):
        raise NotFound()
    if user.pk == by.user_id:
        raise ApplicationError("You cannot give yourself access. Ask a colleague to do it", field="email")
    today = clock.today()
    if valid_to < today:
        raise ApplicationError("The end date must be today or in the future", field="valid_to")
    if valid_to > _same_day_next_year(today):
        raise ApplicationError("Access can be given for at most one year at a time", field="valid_to")
    from opensend.accounts.models import Membership

    if (
        not Membership.objects.live(today)
        .filter(user=user, organisation=organisation, role__in=GRANT_ROLES)
        .exists()
    ):
        raise ApplicationError(
            "This person is not a health, social care or mediation professional at that organisation",
            field="email",
        )
    grant = ProfessionalInvolvement.objects.create(
        child=child,
        user=user,
        organisation=organisation,
        reason=reason,
        valid_to=valid_to,
        case_reference=case_reference,
        granted_by=by.user,
        valid_from=today,
    )
    timeline_append(
        child=child,
        kind="involvement.granted",
        by=by,
        title=f"{organisation.name} given access until {valid_to:%-d %B %Y}",
        body=reason,
    )
    audit.record(
        by,
        AuditAction.INVOLVEMENT_GRANTED,
        child_id=child.pk,
        obj=grant,
        detail={"user_id": user.pk, "valid_to": valid_to.isoformat()},
    )
    _tell_managers_of_grant(
        by, grant, f"gave {user.full_name} access to a child's record until {valid_to:%-d %B %Y}"
    )
    return grant


def _tell_managers_of_grant(by: Principal, grant: ProfessionalInvolvement, summary: str) -> None:
    """The professional's organisation and the child's council hear of every grant (ADR 0170)."""
    from opensend.accounts.services import tell_managers

    case = f", case {grant.case_reference}" if grant.case_reference else ""
    tell_managers(
        by=by,
        organisation=grant.organisation,
        summary=f"{summary} (grant {grant.pk}{case})",
        link="/",
        also_organisations=[grant.child.responsible_la_id],
        admins_when_nobody_else=False,
    )


@transaction.atomic
def involvement_revoke(*, by: Principal, grant: ProfessionalInvolvement) -> ProfessionalInvolvement:
    if not child_policy.can(by, "manage_relationships", grant.child):
        raise NotFound()
    if grant.revoked_at is None:
        grant.revoked_at = timezone.now()
        grant.save(update_fields=["revoked_at", "updated_at"])
        timeline_append(
            child=grant.child,
            kind="involvement.revoked",
            by=by,
            title=f"{grant.organisation.name}'s access removed",
        )
        audit.record(by, AuditAction.INVOLVEMENT_REVOKED, child_id=grant.child_id, obj=grant)
        _tell_managers_of_grant(by, grant, f"removed {grant.user.full_name}'s access to a child's record")
    return grant


@transaction.atomic
def involvement_end(*, by: Principal, grant: ProfessionalInvolvement, why: str) -> ProfessionalInvolvement:
    """End a grant because the piece of work it was given for is over (advice submitted, request
    cancelled). The calling service has authorised the work; this needs no relationship rights."""
    locked = (
        ProfessionalInvolvement.objects.select_for_update().select_related("organisation").get(pk=grant.pk)
    )
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at", "updated_at"])
        timeline_append(
            child=locked.child,
            kind="involvement.ended",
            by=by,
            title=f"{locked.organisation.name}'s access ended: {why}",
        )
        audit.record(
            by, AuditAction.INVOLVEMENT_REVOKED, child_id=locked.child_id, obj=locked, detail={"why": why}
        )
        _tell_managers_of_grant(
            by, locked, f"ended {locked.user.full_name}'s access to a child's record: {why}"
        )
    return locked


@transaction.atomic
def child_responsible_la_change(*, by: Principal, child: Child, new_la: Organisation, reason: str) -> Child:
    """Move the child's record to the council now responsible for them (a plan transferred under
    regulation 15). Staff of the old or the new council may do it; the calling service has checked
    the transfer itself. The old council's staff lose access to the record at once."""
    locked = Child.objects.select_for_update().filter(pk=child.pk).first()
    if locked is None:
        raise NotFound()
    staff_of = {g.organisation_id for g in by.grants_for(*LA_STAFF_ROLES)}
    if not staff_of & {locked.responsible_la_id, new_la.pk}:
        raise NotFound()
    if new_la.kind != "local_authority":
        raise ApplicationError("Choose a council", field="new_la")
    if new_la.pk == locked.responsible_la_id:
        raise ApplicationError("The child is already this council's responsibility", field="new_la")
    old_id = locked.responsible_la_id
    locked.responsible_la = new_la
    locked.version += 1
    locked.save(update_fields=["responsible_la", "version", "updated_at"])
    timeline_append(
        child=locked,
        kind="child.responsible_la_changed",
        title=f"{new_la.name} is now responsible for this child",
        body=reason,
        by=by,
    )
    audit.record(
        by,
        AuditAction.CHILD_UPDATED,
        child_id=locked.pk,
        obj=locked,
        detail={"responsible_la": {"old": old_id, "new": new_la.pk}, "reason": reason},
    )
    return locked
