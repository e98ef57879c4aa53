"""Reads of settings: the setting's pages, its roll, its SENCo and concerns, and the councils a
person works for (for the area view and ordinarily available provision)."""

from django.db.models import QuerySet
from django.http import Http404

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.models import Organisation
from opensend.accounts.roles import Role
from opensend.children.models import Child
from opensend.core.errors import ApplicationError
from opensend.support.audit import SupportAudit
from opensend.support.models import Concern, SencoRecord
from opensend.support.policies import concern_policy, la_ids, register_policy, setting_policy


def setting_get(principal: Principal, setting_id: int, *, action: str = "view") -> Organisation:
    setting = Organisation.objects.filter(pk=setting_id, kind="education_setting").first()
    if setting is None or not setting_policy.can(principal, action, setting):
        raise Http404("Page not found")
    return setting


def settings_visible(principal: Principal) -> QuerySet[Organisation]:
    return setting_policy.visible(principal, Organisation.objects.all()).order_by("name")


def children_at_setting(principal: Principal, setting: Organisation) -> QuerySet[Child]:
    """The setting's roll, for choosing a child on a form (the SENCo's own setting only)."""
    if not register_policy.may_write_for(principal, setting.pk):
        return Child.objects.none()
    return Child.objects.filter(current_setting=setting).order_by("last_name", "first_name")


def child_on_roll(principal: Principal, setting: Organisation, child_id: int, *, field: str) -> Child:
    """A child chosen on a form or in the API must be on the setting's roll."""
    child = children_at_setting(principal, setting).filter(pk=child_id).first()
    if child is None:
        raise ApplicationError("Choose a child on the setting's roll", field=field)
    return child


def senco_current(setting: Organisation) -> SencoRecord | None:
    return SencoRecord.objects.filter(setting=setting, current=True).first()


def concern_list(principal: Principal, setting: Organisation, *, limit: int = 100) -> list[Concern]:
    qs = (
        concern_policy.visible(principal, Concern.objects.filter(setting=setting))
        .select_related("child", "register_entry")
        .order_by("-observed_on", "-id")
    )
    rows = list(qs[:limit])
    audit.record_reads(principal, SupportAudit.CONCERNS_LISTED, [c.child_id for c in rows])
    return rows


def concern_get(principal: Principal, concern_id: int, *, action: str = "view") -> Concern:
    return concern_policy.get_or_404(
        principal, action, Concern.objects.select_related("child", "setting"), pk=concern_id
    )


# The councils a person works for ------------------------------------------------------------------


def area_local_authority(principal: Principal) -> Organisation:
    """The council whose area view this LA officer sees (their first LA grant)."""
    ids = la_ids(principal)
    if not ids:
        raise Http404("Page not found")
    return Organisation.objects.get(pk=ids[0])


def managed_local_authority(principal: Principal) -> Organisation:
    """The council whose local ordinarily available provision this SEND manager adds to."""
    grant = next(iter(principal.grants_for(Role.LA_SEND_MANAGER)), None)
    if grant is None:
        raise Http404("Page not found")
    return Organisation.objects.get(pk=grant.organisation_id)


def own_local_authority(principal: Principal) -> Organisation | None:
    """The council of anyone signed in (an LA's own, or the area their setting is in), or None."""
    la_id = next((g.local_authority_id for g in principal.grants if g.local_authority_id), None)
    return Organisation.objects.filter(pk=la_id).first() if la_id else None
