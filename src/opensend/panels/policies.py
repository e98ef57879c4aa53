"""Who may set up a panel, run its meetings, read its papers and see its decisions (ADR 0075).

- LA SEND managers configure their council's panel (members, chair, quorum, papers window).
- LA caseworkers and managers schedule meetings and put their council's cases on the agenda.
- The chair, or an LA SEND manager of the council, records attendance and decisions.
- Members (an active member who still holds a panel member or LA staff role at the council) see
  their panel's meetings, and each agenda case's papers from publication until `papers_until`.
- Families see their own child's decisions and letters. Nobody else sees anything.
"""

from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Q

from opensend.access.policy import Policy
from opensend.access.principal import Principal
from opensend.accounts.roles import LA_STAFF_ROLES, Role
from opensend.casework.policies import FAMILY, family_child_q
from opensend.core import clock

from .models import AgendaItem, Decision, Meeting, Panel, PanelMember

MEMBER_ROLES = LA_STAFF_ROLES | {Role.PANEL_MEMBER}


def staff_la_ids(principal: Principal) -> list[int]:
    return [g.organisation_id for g in principal.grants_for(*LA_STAFF_ROLES)]


def manager_la_ids(principal: Principal) -> list[int]:
    return [g.organisation_id for g in principal.grants_for(Role.LA_SEND_MANAGER)]


def member_la_ids(principal: Principal) -> list[int]:
    """Councils where this person holds a role that lets them sit on the panel."""
    return [g.organisation_id for g in principal.grants_for(*MEMBER_ROLES)]


def _reads(principal: Principal) -> bool:
    return principal.is_authenticated and principal.allows_scope("children:read")


def _writes(principal: Principal) -> bool:
    return principal.is_authenticated and principal.allows_scope("children:write")


def is_member(principal: Principal, panel: Panel) -> bool:
    if principal.user is None or panel.local_authority_id not in member_la_ids(principal):
        return False
    return PanelMember.objects.filter(panel=panel, user=principal.user, active=True).exists()


def is_chair(principal: Principal, panel: Panel) -> bool:
    return (
        principal.user is not None
        and panel.chair_id == principal.user.pk
        and panel.local_authority_id in member_la_ids(principal)
    )


def _member_meetings_q(principal: Principal, prefix: str = "") -> Q:
    user = principal.user
    la_ids = member_la_ids(principal)
    if user is None or not la_ids:
        return Q(pk__in=[])
    return Q(**{f"{prefix}panel__local_authority_id__in": la_ids}) & Q(
        Exists(PanelMember.objects.filter(panel=OuterRef(f"{prefix}panel"), user=user, active=True))
    )


class PanelPolicy(Policy):
    resource = "panel"
    actions = frozenset({"configure", "view"})

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if not principal.is_authenticated:
            return False
        if obj is None:
            if action == "configure":
                return bool(manager_la_ids(principal)) and _writes(principal)
            if action == "view":
                return bool(member_la_ids(principal)) and _reads(principal)
            return False
        panel: Panel = obj
        if action == "configure":
            return panel.local_authority_id in manager_la_ids(principal) and _writes(principal)
        if action == "view":
            return _reads(principal) and (
                panel.local_authority_id in staff_la_ids(principal) or is_member(principal, panel)
            )
        return False

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        if not _reads(principal):
            return qs.none()
        q = Q(local_authority_id__in=staff_la_ids(principal))
        user = principal.user
        if user is not None:
            q |= Q(local_authority_id__in=member_la_ids(principal)) & Q(
                Exists(PanelMember.objects.filter(panel=OuterRef("pk"), user=user, active=True))
            )
        return qs.filter(q)


class MeetingPolicy(Policy):
    resource = "panel_meeting"
    actions = frozenset({"list", "view", "schedule", "record", "papers"})

    def visible_q(self, principal: Principal, prefix: str = "") -> Q:
        return Q(**{f"{prefix}panel__local_authority_id__in": staff_la_ids(principal)}) | _member_meetings_q(
            principal, prefix
        )

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        if not _reads(principal):
            return qs.none()
        return qs.filter(self.visible_q(principal))

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if not principal.is_authenticated:
            return False
        if obj is None:
            if action in ("list", "view", "papers"):
                return bool(member_la_ids(principal)) and _reads(principal)
            if action == "schedule":
                return bool(staff_la_ids(principal)) and _writes(principal)
            if action == "record":
                return bool(member_la_ids(principal)) and _writes(principal)
            return False
        if isinstance(obj, AgendaItem):
            return action == "papers" and self.papers_open(principal, obj)
        meeting: Meeting = obj
        panel = meeting.panel
        if action in ("list", "view"):
            return _reads(principal) and (
                panel.local_authority_id in staff_la_ids(principal) or is_member(principal, panel)
            )
        if action == "schedule":
            return _writes(principal) and panel.local_authority_id in staff_la_ids(principal)
        if action == "record":
            return _writes(principal) and (
                panel.local_authority_id in manager_la_ids(principal) or is_chair(principal, panel)
            )
        if action == "papers":
            return self.meeting_papers_open(principal, meeting)
        return False

    def papers_open(self, principal: Principal, item: AgendaItem) -> bool:
        return self.meeting_papers_open(principal, item.meeting)

    def meeting_papers_open(self, principal: Principal, meeting: Meeting) -> bool:
        """The council's staff always; members only while the meeting's papers window is open."""
        if not _reads(principal):
            return False
        if meeting.panel.local_authority_id in staff_la_ids(principal):
            return True
        return window_open(meeting) and is_member(principal, meeting.panel)


def window_open(meeting: Meeting) -> bool:
    return (
        meeting.published_at is not None
        and meeting.published_at <= clock.now()
        and clock.today() <= meeting.papers_until
    )


def papers_visibility(principal: Principal) -> Q:
    """Registered with casework: members see their published agenda cases while the window is open."""
    user = principal.user
    la_ids = [g.organisation_id for g in principal.grants_for(Role.PANEL_MEMBER)]
    if user is None or not la_ids or not principal.allows_scope("children:read"):
        return Q(pk__in=[])
    items = AgendaItem.objects.filter(
        case=OuterRef("pk"),
        meeting__published_at__isnull=False,
        meeting__published_at__lte=clock.now(),
        meeting__papers_until__gte=clock.today(),
        meeting__panel__local_authority_id__in=la_ids,
        meeting__panel__members__user=user,
        meeting__panel__members__active=True,
    )
    return Q(Exists(items))


class DecisionPolicy(Policy):
    resource = "panel_decision"
    actions = frozenset({"view", "letter"})

    def visible_q(self, principal: Principal) -> Q:
        q = Q(case__local_authority_id__in=staff_la_ids(principal))
        if principal.roles() & FAMILY:
            q |= family_child_q(principal, prefix="case__child__")
        return q

    def visible(self, principal: Principal, qs: "models.QuerySet[Any]") -> "models.QuerySet[Any]":
        if not _reads(principal):
            return qs.none()
        return qs.filter(self.visible_q(principal))

    def can(self, principal: Principal, action: str, obj: Any = None) -> bool:
        if not _reads(principal) or action not in self.actions:
            return False
        if obj is None:
            return bool(principal.roles() & (LA_STAFF_ROLES | FAMILY))
        return Decision.objects.filter(self.visible_q(principal), pk=obj.pk).exists()


panel_policy = PanelPolicy()
meeting_policy = MeetingPolicy()
decision_policy = DecisionPolicy()


def chair_may_record_decision(principal: Principal, case: Any, to: str) -> bool:
    """The panel's chair may move a case on their panel's agenda to a decision stage: the panel
    decides for the council (registered as a casework move authority; the decision service checks
    quorum and the question first)."""
    from opensend.casework.workflow import DECISIONS

    if to not in DECISIONS or principal.user is None:
        return False
    return AgendaItem.objects.filter(
        case_id=case.pk,
        meeting__panel__chair_id=principal.user.pk,
        meeting__panel__local_authority_id=case.local_authority_id,
    ).exists() and bool(
        Panel.objects.filter(local_authority_id=case.local_authority_id, chair_id=principal.user.pk)
        .filter(local_authority_id__in=member_la_ids(principal))
        .exists()
    )


def council_has_panel(case: Any) -> bool:
    """A council with a panel decides whether to assess and to issue on the panel's pages, with
    quorum (registered with casework, which then leaves them off the case page)."""
    return Panel.objects.filter(local_authority_id=case.local_authority_id).exists()
