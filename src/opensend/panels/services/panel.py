"""The panel: who chairs it, its quorum rule and papers window, and its members."""

from collections.abc import Iterable

from django.db import transaction

from opensend.access import audit
from opensend.access.principal import Principal
from opensend.accounts.models import Membership, Organisation, User
from opensend.accounts.roles import OrganisationKind
from opensend.core import clock
from opensend.core.errors import ApplicationError, Conflict, NotFound
from opensend.panels import quorum
from opensend.panels.audit import PanelsAudit
from opensend.panels.codes import Agency
from opensend.panels.models import Panel, PanelMember
from opensend.panels.policies import MEMBER_ROLES, panel_policy

MAX_PAPERS_DAYS = 30


@transaction.atomic
def panel_configure(
    *,
    by: Principal,
    local_authority: Organisation,
    name: str,
    quorum_agencies: Iterable[str] = (),
    quorum_min_members: int = 0,
    papers_days_after: int = 7,
    chair: User | None = None,
    expected_version: int | None = None,
) -> Panel:
    """Create or change the council's panel. The quorum can be tightened, never loosened below the
    national minimum; the chair must be an active member."""
    panel = Panel.objects.select_for_update().filter(local_authority=local_authority).first()
    probe = panel or Panel(local_authority=local_authority)
    if local_authority.kind != OrganisationKind.LOCAL_AUTHORITY or not panel_policy.can(
        by, "configure", probe
    ):
        raise NotFound()
    if panel is not None and expected_version is not None and panel.version != expected_version:
        raise Conflict(
            "Someone else changed the panel while you were looking at it. Nothing has been saved: "
            "check the panel as it is now, then make your change again",
            extra={"current_version": panel.version},
        )
    name = name.strip()
    if not name:
        raise ApplicationError("Enter the panel's name", field="name")
    agencies = set(quorum_agencies)
    unknown = agencies - set(Agency.values)
    if unknown:
        raise ApplicationError("Choose agencies from the list", field="quorum_agencies")
    rule = quorum.QuorumRule(agencies=frozenset(agencies), min_members=quorum_min_members)
    below = rule.below_national_minimum()
    if below:
        raise ApplicationError(
            "The quorum must include at least one member each from education, health and social care "
            f"and the chair (the national minimum). It leaves out {', '.join(below)}",
            field="quorum_agencies",
        )
    if not 0 <= quorum_min_members <= 30:
        raise ApplicationError("The number of members must be between 0 and 30", field="quorum_min_members")
    if not 0 <= papers_days_after <= MAX_PAPERS_DAYS:
        raise ApplicationError(
            f"Members can see papers for between 0 and {MAX_PAPERS_DAYS} days after a meeting",
            field="papers_days_after",
        )
    if chair is not None and (panel is None or not panel.members.filter(user=chair, active=True).exists()):
        raise ApplicationError("Choose the chair from the panel's members", field="chair")
    old = None
    if panel is None:
        panel = Panel(local_authority=local_authority)
    else:
        old = {"chair": panel.chair_id, "quorum": panel.quorum_agencies, "min": panel.quorum_min_members}
        panel.version += 1
    panel.name = name
    panel.quorum_agencies = sorted(agencies)
    panel.quorum_min_members = quorum_min_members
    panel.papers_days_after = papers_days_after
    panel.chair = chair
    panel.save()
    audit.record(
        by,
        PanelsAudit.PANEL_CONFIGURED,
        obj=panel,
        detail={
            "old": old,
            "new": {"chair": panel.chair_id, "quorum": panel.quorum_agencies, "min": quorum_min_members},
        },
    )
    return panel


@transaction.atomic
def panel_member_add(*, by: Principal, panel: Panel, user: User, agency: str) -> PanelMember:
    if not panel_policy.can(by, "configure", panel):
        raise NotFound()
    if agency not in Agency.values:
        raise ApplicationError("Choose the agency the member speaks for", field="agency")
    holds_role = (
        Membership.objects.live(clock.today())
        .filter(
            user=user, organisation_id=panel.local_authority_id, role__in=MEMBER_ROLES, user__is_active=True
        )
        .exists()
    )
    if not holds_role:
        raise ApplicationError(
            f"{user.full_name} does not hold a panel member, caseworker or SEND manager role at "
            f"{panel.local_authority.name}. Give them the panel member role first",
            field="user",
        )
    member = PanelMember.objects.select_for_update().filter(panel=panel, user=user).first()
    if member is not None and member.active:
        raise ApplicationError(f"{user.full_name} is already a member of the panel", field="user")
    if member is None:
        member = PanelMember.objects.create(panel=panel, user=user, agency=agency)
    else:
        member.active, member.agency = True, agency
        member.save(update_fields=["active", "agency", "updated_at"])
    audit.record(by, PanelsAudit.MEMBER_ADDED, obj=member, detail={"user": user.pk, "agency": agency})
    return member


@transaction.atomic
def panel_member_remove(*, by: Principal, member: PanelMember) -> PanelMember:
    panel = member.panel
    if not panel_policy.can(by, "configure", panel):
        raise NotFound()
    if panel.chair_id == member.user_id:
        raise ApplicationError(
            "Choose another chair before removing the chair from the panel", field="member"
        )
    if member.active:
        member.active = False
        member.save(update_fields=["active", "updated_at"])
        audit.record(by, PanelsAudit.MEMBER_REMOVED, obj=member, detail={"user": member.user_id})
    return member
