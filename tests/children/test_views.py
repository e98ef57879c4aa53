"""The children's pages, through real HTTP requests with signed-in browsers."""

import datetime as dt
import html
import re

import pytest

from opensend.access.models import AuditAction, AuditEvent
from opensend.accounts.roles import Role
from opensend.children.models import Child
from tests.conftest import signed_in_client
from tests.factories import ChildFactory, FamilyLinkFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseworker():
    return MembershipFactory(role=Role.LA_CASEWORKER, user=UserFactory(full_name="Casey Worker"))


@pytest.fixture
def la(caseworker):
    return caseworker.organisation


@pytest.fixture
def child(la):
    return ChildFactory(
        responsible_la=la,
        first_name="Amira",
        last_name="Khan",
        upn="H801200001001",
        date_of_birth=dt.date(2015, 3, 27),
    )


def _form_data(child: Child, **overrides) -> dict[str, str]:
    data = {
        "first_name": child.first_name,
        "middle_names": child.middle_names,
        "last_name": child.last_name,
        "preferred_name": child.preferred_name,
        "date_of_birth_day": str(child.date_of_birth.day),
        "date_of_birth_month": str(child.date_of_birth.month),
        "date_of_birth_year": str(child.date_of_birth.year),
        "sex": child.sex,
        "ethnicity": child.ethnicity,
        "upn": child.upn,
        "uln": child.uln,
        "upn_unknown": child.upn_unknown,
        "nhs_number": child.nhs_number,
        "address_line_1": child.address_line_1,
        "address_line_2": child.address_line_2,
        "town": child.town,
        "postcode": child.postcode,
        "current_setting": "",
        "version": str(child.version),
    }
    return data | overrides


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_child_edit_saves_and_returns_to_the_record(caseworker, child):
    client = signed_in_client(caseworker.user)
    response = client.post(f"/children/{child.pk}/edit/", _form_data(child, preferred_name="Ami"))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/children/{child.pk}/"
    child.refresh_from_db()
    assert child.preferred_name == "Ami"
    assert child.version == 2


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("upn", "H801200001002", "This UPN's check letter does not match its numbers"),
        ("upn", "H80120", "A unique pupil number (UPN) is 13 characters long"),
        ("uln", "9434765919", "This ULN's last number does not match the rest"),
        ("nhs_number", "9434765918", "This is not a valid NHS number"),
        ("postcode", "NOT A CODE", "Enter a real postcode, like SW1A 1AA"),
    ],
)
def test_child_edit_with_a_bad_identifier_keeps_what_was_typed_and_shows_the_error_summary(
    caseworker, child, field, typed, message
):
    client = signed_in_client(caseworker.user)
    response = client.post(
        f"/children/{child.pk}/edit/", _form_data(child, first_name="Amy-Rose", **{field: typed})
    )
    assert response.status_code == 200
    page = _text(response)
    assert 'class="govuk-error-summary"' in page
    assert "There is a problem" in page
    assert f'<a href="#id_{field}">{message}' in page
    assert f'value="{typed}"' in page
    assert 'value="Amy-Rose"' in page
    child.refresh_from_db()
    assert child.first_name == "Amira"
    assert child.version == 1


def test_concurrent_edit_shows_the_second_editor_the_saved_version_and_keeps_their_typing(
    caseworker, child, la
):
    colleague = MembershipFactory(organisation=la, role=Role.LA_CASEWORKER)
    first, second = signed_in_client(caseworker.user), signed_in_client(colleague.user)
    assert first.get(f"/children/{child.pk}/edit/").status_code == 200
    assert second.get(f"/children/{child.pk}/edit/").status_code == 200

    saved = first.post(f"/children/{child.pk}/edit/", _form_data(child, first_name="Amelia"))
    assert saved.status_code == 302
    clash = second.post(f"/children/{child.pk}/edit/", _form_data(child, first_name="Aaliyah", town="Leeds"))

    assert clash.status_code == 200
    page = _text(clash)
    assert "Someone else changed this record while you were editing it" in page
    assert "The record as it is now saved" in page
    assert "Amelia" in page  # the saved version
    assert 'value="Aaliyah"' in page  # what they typed
    assert 'value="Leeds"' in page
    assert re.search(r'name="version" value="2"', page)
    child.refresh_from_db()
    assert (child.first_name, child.town, child.version) == ("Amelia", "", 2)

    # Saving again is a deliberate choice and now succeeds.
    again = second.post(f"/children/{child.pk}/edit/", _form_data(child, first_name="Aaliyah", version="2"))
    assert again.status_code == 302
    child.refresh_from_db()
    assert (child.first_name, child.version) == ("Aaliyah", 3)


def _normalised_404(response) -> str:
    body = response.content.decode()
    body = re.sub(r'nonce="[^"]*"', "", body)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)


def test_missing_and_forbidden_children_get_identical_404_pages(caseworker, child):
    elsewhere = ChildFactory()
    missing_id = Child.objects.order_by("-pk").first().pk + 1000
    client = signed_in_client(caseworker.user)
    for suffix in ("", "edit/", "people/", "who-has-looked/", "who-has-accessed/"):
        forbidden = client.get(f"/children/{elsewhere.pk}/{suffix}")
        missing = client.get(f"/children/{missing_id}/{suffix}")
        assert forbidden.status_code == missing.status_code == 404, suffix
        assert _normalised_404(forbidden) == _normalised_404(missing), suffix
        assert "Page not found" in forbidden.content.decode()
    assert elsewhere.first_name not in client.get(f"/children/{elsewhere.pk}/").content.decode()


def test_reading_a_childs_page_writes_an_audit_row_with_request_id_and_ip(caseworker, child):
    client = signed_in_client(caseworker.user)
    response = client.get(f"/children/{child.pk}/", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200
    event = AuditEvent.objects.get(child_id=child.pk, action=AuditAction.CHILD_VIEWED)
    assert event.request_id == response.headers["X-Request-Id"]
    assert len(event.request_id) == 32
    assert event.ip_address == "203.0.113.9"
    assert event.actor_id == caseworker.user.pk
    assert event.organisation_id == caseworker.organisation_id


def test_the_list_page_writes_one_child_listed_row_per_child_shown(caseworker, child, la):
    other = ChildFactory(responsible_la=la)
    not_mine = ChildFactory()
    client = signed_in_client(caseworker.user)
    response = client.get("/children/")
    assert response.status_code == 200
    listed = AuditEvent.objects.filter(action=AuditAction.CHILD_LISTED)
    assert sorted(listed.values_list("child_id", flat=True)) == sorted([child.pk, other.pk])
    assert {e.request_id for e in listed} == {response.headers["X-Request-Id"]}
    assert not AuditEvent.objects.filter(child_id=not_mine.pk).exists()


def test_the_family_sees_which_organisations_have_accessed_the_record(caseworker, child, la):
    link = FamilyLinkFactory(child=child)
    signed_in_client(caseworker.user).get(f"/children/{child.pk}/")
    family = signed_in_client(link.user)
    response = family.get(f"/children/{child.pk}/who-has-accessed/")
    assert response.status_code == 200
    page = _text(response)
    assert la.name in page
    assert "Casey Worker" not in page  # organisations, not the people in them


def test_the_manager_sees_who_has_looked_at_the_record(caseworker, child, la):
    manager = MembershipFactory(
        organisation=la, role=Role.LA_SEND_MANAGER, user=UserFactory(full_name="Mo Manager")
    )
    signed_in_client(caseworker.user).get(f"/children/{child.pk}/", REMOTE_ADDR="198.51.100.7")
    response = signed_in_client(manager.user).get(f"/children/{child.pk}/who-has-looked/")
    assert response.status_code == 200
    page = _text(response)
    assert f"Casey Worker <{caseworker.user.email}>" in page
    assert "198.51.100.7" in page
    assert AuditEvent.objects.filter(
        child_id=child.pk, action=AuditAction.CHILD_AUDIT_VIEWED, actor=manager.user
    ).exists()


def test_a_caseworker_gets_404_on_who_has_looked(caseworker, child):
    response = signed_in_client(caseworker.user).get(f"/children/{child.pk}/who-has-looked/")
    assert response.status_code == 404


def test_a_manager_of_another_la_gets_404_on_who_has_looked(child):
    manager = MembershipFactory(role=Role.LA_SEND_MANAGER)
    response = signed_in_client(manager.user).get(f"/children/{child.pk}/who-has-looked/")
    assert response.status_code == 404
