"""Reads of accounts for the people pages: organisations a person manages and their memberships.

Memberships are staff data, not children's: they are scoped by `membership_policy` and paginated,
and not audited as reads of a child's record are.
"""

from django.core.paginator import Page, Paginator
from django.db.models import F, Q
from django.http import Http404

from opensend.access.principal import Principal

from .models import Membership, Organisation
from .policies import membership_policy


def managed_organisations(principal: Principal) -> list[Organisation]:
    ids = membership_policy.managed_organisation_ids(principal)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def organisations_search(principal: Principal, query: str, *, page: int = 1) -> Page | None:
    """For system administrators: organisations whose name or code matches, 25 a page."""
    query = query.strip()
    if not membership_policy.is_system_admin(principal) or not query:
        return None
    qs = Organisation.objects.filter(
        Q(name__icontains=query) | Q(la_code_old=query) | Q(la_code_new__iexact=query) | Q(urn=query)
    ).order_by("name", "id")
    return Paginator(qs, 25).get_page(page)


def organisation_for_people(principal: Principal, organisation_id: int) -> Organisation:
    """The organisation of a people page; the same 404 when it is missing or not theirs to manage."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or not membership_policy.can(principal, "list", organisation):
        raise Http404("Page not found")
    return organisation


def memberships_page(principal: Principal, organisation: Organisation, *, page: int = 1) -> Page:
    """Everyone with a role at the organisation, those not ended first, 50 a page."""
    qs = (
        membership_policy.visible(principal, Membership.objects.filter(organisation=organisation))
        .select_related("user", "granted_by")
        .order_by(F("ended_at").asc(nulls_first=True), "user__full_name", "role", "id")
    )
    return Paginator(qs, 50).get_page(page)


def membership_get(principal: Principal, membership_id: int, action: str) -> Membership:
    qs = Membership.objects.select_related("user", "organisation")
    return membership_policy.get_or_404(principal, action, qs, pk=membership_id)
