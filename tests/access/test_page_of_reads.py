import pytest

from opensend.access.audit import page_of_reads
from opensend.access.models import AuditEvent
from opensend.access.principal import principal_for_user
from opensend.children.models import TimelineEvent
from tests.factories import ChildFactory, MembershipFactory


@pytest.mark.django_db
def test_a_page_of_child_rows_leaves_one_read_row_per_child_shown_and_no_more():
    caseworker = MembershipFactory()
    for child in ChildFactory.create_batch(30, responsible_la=caseworker.organisation):
        TimelineEvent.objects.create(child=child, kind="test", title="Something happened")
    rows = TimelineEvent.objects.order_by("pk")
    page = page_of_reads(principal_for_user(caseworker.user), rows, "child.listed", page=2, per_page=25)
    shown = [row.child_id for row in page.object_list]
    assert shown == [row.child_id for row in rows[25:]]
    logged = AuditEvent.objects.filter(action="child.listed", actor=caseworker.user)
    assert sorted(logged.values_list("child_id", flat=True)) == sorted(shown)
