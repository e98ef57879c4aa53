import pytest

from opensend.access.models import AuditEvent
from opensend.access.principal import principal_for_user
from opensend.accounts.roles import Role
from opensend.children.models import TimelineEvent
from opensend.children.services import child_responsible_la_change
from opensend.core.errors import ApplicationError, NotFound
from tests.factories import ChildFactory, LocalAuthorityFactory, MembershipFactory, SettingFactory


@pytest.mark.django_db
def test_the_responsible_council_changes_with_a_timeline_entry_and_audit():
    old, new = LocalAuthorityFactory(), LocalAuthorityFactory(name="Westshire Council")
    child = ChildFactory(responsible_la=old)
    by = principal_for_user(MembershipFactory(role=Role.LA_CASEWORKER, organisation=new).user)
    changed = child_responsible_la_change(by=by, child=child, new_la=new, reason="Plan transferred")
    assert changed.responsible_la == new and changed.version == child.version + 1
    assert TimelineEvent.objects.filter(child=child, kind="child.responsible_la_changed").exists()
    assert AuditEvent.objects.filter(child_id=child.pk, action="child.updated").exists()
    with pytest.raises(ApplicationError):
        child_responsible_la_change(by=by, child=changed, new_la=new, reason="again")
    with pytest.raises(ApplicationError):
        child_responsible_la_change(by=by, child=changed, new_la=SettingFactory(), reason="x")


@pytest.mark.django_db
def test_staff_of_neither_council_cannot_change_it():
    child = ChildFactory()
    stranger = principal_for_user(MembershipFactory(role=Role.LA_CASEWORKER).user)
    with pytest.raises(NotFound):
        child_responsible_la_change(by=stranger, child=child, new_la=LocalAuthorityFactory(), reason="x")
