"""What the panels services share: the actor's name for records, and a panel's quorum rule."""

from opensend.access.principal import Principal
from opensend.panels import quorum
from opensend.panels.models import Panel


def actor_name(by: Principal) -> str:
    """The name kept beside a record, so it outlives the account: the person's, or the API token's."""
    if by.user is not None:
        return by.user.full_name
    return by.token.name if by.token is not None else ""


def rule_of(panel: Panel) -> quorum.QuorumRule:
    """The panel's quorum as the pure rule `quorum.missing` checks (the chair is always needed)."""
    return quorum.QuorumRule(
        agencies=frozenset(panel.quorum_agencies), chair=True, min_members=panel.quorum_min_members
    )
