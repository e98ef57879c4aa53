"""Keeping term and closure dates: who may, what is refused, and that the engine uses them."""

import datetime as dt

import pytest

from opensend.access.models import AuditEvent
from opensend.accounts.roles import Role
from opensend.rulebook.models import ClosurePeriod
from opensend.rulebook.selectors import closures_for
from tests.conftest import signed_in_client
from tests.factories import LocalAuthorityFactory, MembershipFactory, SettingFactory

pytestmark = pytest.mark.django_db


def _form(start: dt.date, end: dt.date, description: str = "Summer holiday") -> dict[str, str]:
    return {
        "action": "add",
        "starts_on_day": str(start.day),
        "starts_on_month": str(start.month),
        "starts_on_year": str(start.year),
        "ends_on_day": str(end.day),
        "ends_on_month": str(end.month),
        "ends_on_year": str(end.year),
        "description": description,
    }


def test_a_senco_adds_their_settings_summer_closure_and_the_engine_reads_it():
    setting = SettingFactory()
    senco = MembershipFactory(role=Role.SENCO, organisation=setting)
    client = signed_in_client(senco.user)
    response = client.post(f"/rules/closures/{setting.pk}/", _form(dt.date(2026, 7, 22), dt.date(2026, 9, 2)))
    assert response.status_code == 302
    period = ClosurePeriod.objects.get(organisation=setting)
    assert (period.starts_on, period.ends_on) == (dt.date(2026, 7, 22), dt.date(2026, 9, 2))
    assert closures_for(setting)[0].starts_on == dt.date(2026, 7, 22)
    assert AuditEvent.objects.filter(action="closure.added", actor=senco.user).exists()
    page = client.get(f"/rules/closures/{setting.pk}/")
    assert b"22 Jul 2026" in page.content


def test_a_setting_without_dates_shows_its_las_defaults():
    la = LocalAuthorityFactory()
    setting = SettingFactory(local_authority=la)
    ClosurePeriod.objects.create(organisation=la, starts_on=dt.date(2026, 7, 20), ends_on=dt.date(2026, 9, 1))
    manager = MembershipFactory(role=Role.LA_SEND_MANAGER, organisation=la)
    page = signed_in_client(manager.user).get(f"/rules/closures/{setting.pk}/")
    assert page.status_code == 200
    assert b"uses" in page.content and b"20 July 2026" in page.content


def test_bad_dates_get_a_clear_message_and_keep_what_was_typed():
    setting = SettingFactory()
    senco = MembershipFactory(role=Role.SENCO, organisation=setting)
    client = signed_in_client(senco.user)
    response = client.post(
        f"/rules/closures/{setting.pk}/", _form(dt.date(2026, 9, 2), dt.date(2026, 7, 22), "Backwards")
    )
    assert response.status_code == 400
    assert b"The last closed day must be the same as or after the first" in response.content
    assert b'value="Backwards"' in response.content
    ClosurePeriod.objects.create(
        organisation=setting, starts_on=dt.date(2026, 7, 22), ends_on=dt.date(2026, 9, 2)
    )
    overlap = client.post(f"/rules/closures/{setting.pk}/", _form(dt.date(2026, 8, 1), dt.date(2026, 8, 5)))
    assert b"This overlaps the closure from 22 July 2026 to 2 September 2026" in overlap.content
    assert ClosurePeriod.objects.count() == 1


def test_another_settings_senco_gets_404_and_cannot_add_or_remove():
    setting, other = SettingFactory(), SettingFactory()
    period = ClosurePeriod.objects.create(
        organisation=other, starts_on=dt.date(2026, 7, 22), ends_on=dt.date(2026, 9, 2)
    )
    senco = MembershipFactory(role=Role.SENCO, organisation=setting)
    client = signed_in_client(senco.user)
    assert client.get(f"/rules/closures/{other.pk}/").status_code == 404
    removed = client.post(f"/rules/closures/{other.pk}/", {"action": "remove", "period_id": period.pk})
    assert removed.status_code == 404
    assert ClosurePeriod.objects.filter(pk=period.pk).exists()
    assert client.get(f"/api/v1/rulebook/closures/{other.pk}").status_code == 404


def test_the_api_adds_lists_and_removes_closures_in_the_one_error_shape():
    la = LocalAuthorityFactory()
    manager = MembershipFactory(role=Role.LA_SEND_MANAGER, organisation=la)
    client = signed_in_client(manager.user)
    url = f"/api/v1/rulebook/closures/{la.pk}"
    created = client.post(
        url,
        {"starts_on": "2026-12-21", "ends_on": "2027-01-01", "description": "Christmas"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert [c["description"] for c in client.get(url).json()] == ["Christmas"]
    bad = client.post(
        url, {"starts_on": "2027-01-05", "ends_on": "2027-01-01"}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["fields"] == {
        "ends_on": ["The last closed day must be the same as or after the first"]
    }
    assert client.delete(f"{url}/{created.json()['id']}").status_code == 204
    assert client.get(url).json() == []


def test_the_closures_index_lists_what_an_la_manager_keeps():
    la = LocalAuthorityFactory(name="Northshire")
    SettingFactory(local_authority=la, name="Oak Tree Primary")
    SettingFactory(name="Elsewhere Academy")
    manager = MembershipFactory(role=Role.LA_SEND_MANAGER, organisation=la)
    page = signed_in_client(manager.user).get("/rules/closures/")
    assert b"Northshire" in page.content and b"Oak Tree Primary" in page.content
    assert b"Elsewhere Academy" not in page.content
