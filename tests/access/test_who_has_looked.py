"""The "who has looked" pages state only what is true (issue 13 item 3)."""

import pytest

from opensend.access import audit, chain
from opensend.access.models import AuditAction
from opensend.access.principal import principal_for_user
from opensend.accounts.roles import Role
from tests.conftest import signed_in_client
from tests.factories import ChildFactory, FamilyLinkFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def family():
    caseworker = MembershipFactory(role=Role.LA_CASEWORKER)
    link = FamilyLinkFactory(child=ChildFactory(responsible_la=caseworker.organisation))
    return caseworker, link


def test_the_family_page_counts_seeing_a_name_in_a_list_apart_from_opening_the_record(family):
    caseworker, link = family
    staff = signed_in_client(caseworker.user)
    staff.get("/children/")  # the child in a list
    staff.get("/children/")
    staff.get(f"/children/{link.child_id}/")  # the record opened
    from opensend.children.selectors import child_access_summary

    rows = child_access_summary(principal_for_user(link.user), link.child)
    assert [(r.organisation_name, r.opened, r.listed) for r in rows] == [(caseworker.organisation.name, 1, 2)]
    page = signed_in_client(link.user).get(f"/children/{link.child_id}/who-has-accessed/").content.decode()
    assert "Opened or changed" in page and "Saw in a list" in page
    assert "does not list what you and other family members linked to the record did" in page


def test_a_parent_who_also_works_for_an_organisation_is_not_listed_as_that_organisation(family):
    _caseworker, link = family
    school = MembershipFactory(user=link.user, role=Role.SENCO, organisation__kind="education_setting")
    parent = principal_for_user(link.user)
    assert parent.organisation_id == school.organisation_id  # what the audit row records
    audit.record(parent, AuditAction.CHILD_VIEWED, child_id=link.child_id, obj=link.child)
    from opensend.children.selectors import child_access_summary

    assert child_access_summary(parent, link.child) == []


def test_the_staff_page_says_what_the_trail_is_and_that_it_is_sealed(family):
    caseworker, link = family
    manager = MembershipFactory(role=Role.LA_SEND_MANAGER, organisation=caseworker.organisation)
    signed_in_client(caseworker.user).get(f"/children/{link.child_id}/")
    page = signed_in_client(manager.user).get(f"/children/{link.child_id}/who-has-looked/").content.decode()
    assert "cannot be altered" not in page
    assert "Each entry is sealed to the one before it" in page
    assert "first organisation the person worked for" in page
    # ...and what it says is so: every row on the page is sealed onto an unbroken chain.
    assert chain.verify().whole
