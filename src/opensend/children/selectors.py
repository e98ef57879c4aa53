"""Every read of children's data: scoped by policy, and audited because it is personal data."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404

from opensend.access import audit
from opensend.access.models import AuditAction, AuditEvent
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.core.errors import ApplicationError
from opensend.rulebook.selectors import DeadlineInputs, closures_for, exception_facts_for

from .models import Child, FamilyLink, ProfessionalInvolvement, TimelineEvent
from .policies import child_policy

if TYPE_CHECKING:
    from opensend.accounts.models import Organisation, User

PAGE_SIZE = 25


def children_visible(principal: Principal) -> QuerySet[Child]:
    """Unaudited queryset for composing; callers that show rows must audit (use `child_page`)."""
    return child_policy.visible(principal, Child.objects.all())


def child_page(principal: Principal, *, query: str = "", page: int = 1, per_page: int = PAGE_SIZE) -> Page:
    qs = children_visible(principal).select_related("responsible_la", "current_setting")
    query = query.strip()
    if query:
        terms = query.split()
        for term in terms:
            qs = qs.filter(
                Q(first_name__icontains=term)
                | Q(last_name__icontains=term)
                | Q(upn__iexact=term)
                | Q(uln=term)
                | Q(nhs_number=term.replace(" ", ""))
            )
    qs = qs.order_by("last_name", "first_name", "id")
    paginator = Paginator(qs, per_page)
    result = paginator.get_page(page)
    audit.record_reads(principal, AuditAction.CHILD_LISTED, [c.pk for c in result.object_list])
    return result


def child_get(
    principal: Principal,
    child_id: int,
    *,
    action: str = "view",
    audit_as: str | None = AuditAction.CHILD_VIEWED,
) -> Child:
    """One child, if this principal may see them; 404 otherwise. Records the read as `audit_as`
    (None when the caller records a more specific read of the same page itself)."""
    child = child_policy.get_or_404(
        principal, action, Child.objects.select_related("responsible_la", "current_setting"), pk=child_id
    )
    if audit_as is not None:
        audit.record(principal, audit_as, child_id=child.pk, obj=child)
    return child


def child_timeline(principal: Principal, child: Child, *, limit: int = 50) -> list[TimelineEvent]:
    qs = child.timeline.select_related("organisation")
    if child_policy.is_family_of(principal, child) and not principal.grants_for(
        "la_caseworker", "la_send_manager"
    ):
        qs = qs.filter(visible_to_family=True)
    return list(qs[:limit])


def child_audit_page(principal: Principal, child: Child, *, page: int = 1) -> Page:
    """Who has looked at or changed this child's record (LA SEND managers)."""
    if not child_policy.can(principal, "view_audit", child):
        from django.http import Http404

        raise Http404("Page not found")
    audit.record(principal, AuditAction.CHILD_AUDIT_VIEWED, child_id=child.pk, obj=child)
    qs = (
        AuditEvent.objects.filter(child_id=child.pk)
        .select_related("organisation")
        .order_by("-occurred_at", "-id")
    )
    return Paginator(qs, 50).get_page(page)


@dataclass(frozen=True)
class OrganisationAccess:
    organisation_name: str
    opened: int  # opened or changed the record, or a part of it
    listed: int  # saw the child's name in a list
    last_at: object


def child_access_summary(principal: Principal, child: Child) -> list[OrganisationAccess]:
    """For the family: which organisations have opened, changed or listed the record, how often,
    and when last (issue 13). What the family's own accounts did is left out, also when one of
    them works for an organisation too: the rows would name their employer for their own visits."""
    if not child_policy.can(principal, "view_access_summary", child):
        raise Http404("Page not found")
    family = list(FamilyLink.objects.filter(child=child).values_list("user_id", flat=True))
    if child.young_person_user_id is not None:
        family.append(child.young_person_user_id)
    listed = Q(action__endswith=".listed")
    rows = (
        AuditEvent.objects.filter(child_id=child.pk, organisation__isnull=False)
        .exclude(actor_id__in=family)
        .values("organisation__name")
        .annotate(
            opened=Count("id", filter=~listed), listed=Count("id", filter=listed), last_at=Max("occurred_at")
        )
        .order_by("-last_at")
    )
    return [OrganisationAccess(r["organisation__name"], r["opened"], r["listed"], r["last_at"]) for r in rows]


# What the child's forms offer ---------------------------------------------------------------------


def education_settings(la_ids: list[int]) -> "QuerySet[Organisation]":
    """The education settings in these councils' areas, for choosing a child's current setting."""
    from opensend.accounts.models import Organisation
    from opensend.accounts.roles import OrganisationKind

    return Organisation.objects.filter(kind=OrganisationKind.EDUCATION_SETTING, local_authority_id__in=la_ids)


def own_local_authority(principal: Principal) -> "Organisation":
    """The council a new child's record belongs to: the LA officer's first LA grant."""
    from opensend.accounts.models import Organisation
    from opensend.accounts.roles import LA_STAFF_ROLES

    return Organisation.objects.get(pk=principal.grants_for(*LA_STAFF_ROLES)[0].organisation_id)


def granting_organisations() -> "QuerySet[Organisation]":
    """Organisations whose staff can be given access to a child's record."""
    from opensend.accounts.models import Organisation
    from opensend.accounts.roles import GRANT_ROLES

    return Organisation.objects.filter(memberships__role__in=GRANT_ROLES).distinct().order_by("name")


def user_by_email(email: str) -> "User":
    """An active account, for linking family or giving access; a plain error when there is none."""
    from opensend.accounts.models import User

    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ApplicationError(
            "There is no OpenSEND account with this email address. Ask them to create one first",
            field="email",
        )
    return user


def child_people(child: Child) -> tuple["QuerySet[FamilyLink]", "QuerySet[ProfessionalInvolvement]"]:
    """The family links and professional access of a child the caller already may manage."""
    links = FamilyLink.objects.filter(child=child).select_related("user").order_by("-valid_from")
    grants = (
        ProfessionalInvolvement.objects.filter(child=child)
        .select_related("user", "organisation")
        .order_by("-valid_to")
    )
    return links, grants


def involvement_of(child: Child, grant_id: int) -> ProfessionalInvolvement:
    grant = ProfessionalInvolvement.objects.filter(child=child, pk=grant_id).first()
    if grant is None:
        raise Http404("Page not found")
    return grant


def family_link_of(child: Child, link_id: int) -> FamilyLink:
    link = FamilyLink.objects.filter(child=child, pk=link_id).select_related("user", "child").first()
    if link is None:
        raise Http404("Page not found")
    return link


def deadline_inputs(
    principal: Principal, child: Child, *, setting: Organisation | None = None
) -> DeadlineInputs:
    """A child's recorded exception facts, and the closures of the setting asked for advice.

    `setting` defaults to the child's current setting. The principal must be allowed to view the
    child; otherwise this raises the same 404 as a missing child. The read is audited.
    """
    if not child_policy.can(principal, "view", child):
        raise Http404("Page not found")
    audit.record(principal, AuditAction.CHILD_EXCEPTIONS_VIEWED, child_id=child.pk, obj=child)
    if setting is None and child.current_setting_id is not None:
        setting = child.current_setting
    return DeadlineInputs(exceptions=exception_facts_for(child.pk), closures=closures_for(setting))
