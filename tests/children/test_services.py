"""Writes to a child's record through the services, on a real database."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine

from opensend.access.models import AuditAction, AuditEvent
from opensend.access.principal import principal_for_user
from opensend.accounts.roles import OrganisationKind, Role
from opensend.children import services
from opensend.children.models import Child, FamilyLink, ProfessionalInvolvement, TimelineEvent
from opensend.children.policies import child_policy
from opensend.core import clock
from opensend.core.errors import ApplicationError, Conflict
from tests.factories import (
    ChildFactory,
    MembershipFactory,
    OrganisationFactory,
    SettingFactory,
    UserFactory,
)

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db


def _at(year: int, month: int, day: int):
    return time_machine.travel(dt.datetime(year, month, day, 12, tzinfo=LONDON), tick=False)


@pytest.fixture
def caseworker():
    return MembershipFactory(role=Role.LA_CASEWORKER)


@pytest.fixture
def la(caseworker):
    return caseworker.organisation


@pytest.fixture
def by(caseworker):
    return principal_for_user(caseworker.user)


def _values(**overrides):
    values = {
        "first_name": "Amira",
        "last_name": "Khan",
        "date_of_birth": dt.date(2016, 5, 4),
        "sex": "F",
        "ethnicity": "APKN",
        "upn": "H801200001001",
    }
    return values | overrides


def test_child_create_saves_the_record_and_appends_timeline_and_audit(by, la):
    child = services.child_create(by=by, responsible_la=la, **_values())
    assert Child.objects.get(pk=child.pk).upn == "H801200001001"
    assert child.version == 1
    assert TimelineEvent.objects.filter(child=child, kind="child.created").count() == 1
    event = AuditEvent.objects.get(child_id=child.pk, action=AuditAction.CHILD_CREATED)
    assert event.actor_id == by.user.pk
    assert event.organisation_id == la.pk


def test_child_create_refuses_an_la_the_caseworker_does_not_work_for(by):
    other_la = MembershipFactory().organisation
    with pytest.raises(ApplicationError) as caught:
        services.child_create(by=by, responsible_la=other_la, **_values())
    assert caught.value.status_code == 404
    assert not Child.objects.exists()


def test_child_create_with_a_upn_already_on_another_record_is_an_error_on_the_upn_field(by, la):
    ChildFactory(upn="H801200001001")
    with pytest.raises(ApplicationError) as caught:
        services.child_create(by=by, responsible_la=la, **_values())
    assert caught.value.field == "upn"
    assert "already has this UPN" in caught.value.message
    assert Child.objects.count() == 1


def test_child_create_with_an_nhs_number_already_on_another_record_is_an_error_on_that_field(by, la):
    ChildFactory(nhs_number="9434765919")
    with pytest.raises(ApplicationError) as caught:
        services.child_create(
            by=by, responsible_la=la, **_values(upn="", upn_unknown="UN1", nhs_number="9434765919")
        )
    assert caught.value.field == "nhs_number"


def test_child_update_to_a_upn_already_on_another_record_is_an_error_on_the_upn_field(by, la):
    ChildFactory(upn="H801200001001")
    child = ChildFactory(responsible_la=la)
    with pytest.raises(ApplicationError) as caught:
        services.child_update(by=by, child_id=child.pk, expected_version=1, upn="H801200001001")
    assert caught.value.field == "upn"
    child.refresh_from_db()
    assert child.version == 1


def test_child_older_than_25_is_refused(by, la):
    with _at(2025, 6, 1), pytest.raises(ApplicationError) as caught:
        services.child_create(by=by, responsible_la=la, **_values(date_of_birth=dt.date(1999, 5, 31)))
    assert caught.value.field == "date_of_birth"
    assert "aged 0 to 25" in caught.value.message
    assert not Child.objects.exists()


def test_young_person_aged_25_is_accepted(by, la):
    with _at(2025, 6, 1):
        child = services.child_create(by=by, responsible_la=la, **_values(date_of_birth=dt.date(1999, 6, 2)))
    assert child.pk


def test_date_of_birth_in_the_future_is_refused(by, la):
    with _at(2025, 6, 1), pytest.raises(ApplicationError) as caught:
        services.child_create(by=by, responsible_la=la, **_values(date_of_birth=dt.date(2025, 6, 2)))
    assert caught.value.field == "date_of_birth"


def test_child_without_upn_or_uln_needs_a_reason(by, la):
    with pytest.raises(ApplicationError) as caught:
        services.child_create(by=by, responsible_la=la, **_values(upn="", uln=""))
    assert caught.value.field == "upn_unknown"
    assert not Child.objects.exists()
    child = services.child_create(by=by, responsible_la=la, **_values(upn="", upn_unknown="UN1"))
    assert child.upn_unknown == "UN1"


def test_child_with_only_a_uln_is_accepted(by, la):
    child = services.child_create(by=by, responsible_la=la, **_values(upn="", uln="9434765918"))
    assert child.uln == "9434765918"


def test_current_setting_must_be_an_education_setting(by, la):
    health = OrganisationFactory(kind=OrganisationKind.HEALTH_BODY)
    with pytest.raises(ApplicationError) as caught:
        services.child_create(by=by, responsible_la=la, **_values(current_setting=health))
    assert caught.value.field == "current_setting"


def test_child_update_with_a_stale_version_raises_conflict_and_saves_nothing(by, la):
    child = ChildFactory(responsible_la=la, first_name="Amira")
    services.child_update(by=by, child_id=child.pk, expected_version=1, first_name="Amy")
    timeline_before = TimelineEvent.objects.filter(child=child).count()
    audit_before = AuditEvent.objects.filter(child_id=child.pk).count()

    with pytest.raises(Conflict) as caught:
        services.child_update(by=by, child_id=child.pk, expected_version=1, first_name="Aimee")

    assert caught.value.status_code == 409
    assert caught.value.extra == {"current_version": 2}
    child.refresh_from_db()
    assert child.first_name == "Amy"
    assert child.version == 2
    assert TimelineEvent.objects.filter(child=child).count() == timeline_before
    assert AuditEvent.objects.filter(child_id=child.pk).count() == audit_before


def test_child_update_bumps_the_version_and_records_old_and_new_values(by, la):
    child = ChildFactory(responsible_la=la, first_name="Amira", last_name="Khan")
    updated = services.child_update(
        by=by, child_id=child.pk, expected_version=1, first_name="Amy", last_name="Khan"
    )
    assert updated.version == 2
    event = AuditEvent.objects.get(child_id=child.pk, action=AuditAction.CHILD_UPDATED)
    assert event.detail == {"first_name": {"old": "Amira", "new": "Amy"}}
    timeline = TimelineEvent.objects.get(child=child, kind="child.updated")
    assert "first name" in timeline.body


def test_child_update_does_not_write_sensitive_values_into_audit_or_timeline(by, la):
    child = ChildFactory(
        responsible_la=la, upn="H801200001001", postcode="", date_of_birth=dt.date(2015, 3, 27)
    )
    services.child_update(
        by=by,
        child_id=child.pk,
        expected_version=1,
        upn="P000000000001",
        nhs_number="9434765919",
        uln="9434765918",
        address_line_1="12 Acacia Avenue",
        postcode="SW1A 1AA",
        date_of_birth=dt.date(2015, 3, 28),
    )
    event = AuditEvent.objects.get(child_id=child.pk, action=AuditAction.CHILD_UPDATED)
    for field in ("upn", "nhs_number", "uln", "address_line_1", "postcode", "date_of_birth"):
        assert event.detail[field] == {"changed": True}
    written = json.dumps(event.detail) + " ".join(
        f"{t.title} {t.body}" for t in TimelineEvent.objects.filter(child=child)
    )
    for secret in ("H801200001001", "P000000000001", "9434765919", "9434765918", "Acacia", "SW1A", "2015-03"):
        assert secret not in written


def test_child_update_with_no_change_writes_nothing(by, la):
    child = ChildFactory(responsible_la=la, first_name="Amira")
    services.child_update(by=by, child_id=child.pk, expected_version=1, first_name="Amira")
    child.refresh_from_db()
    assert child.version == 1
    assert not AuditEvent.objects.filter(child_id=child.pk, action=AuditAction.CHILD_UPDATED).exists()


def test_child_update_by_another_las_caseworker_is_not_found(la):
    child = ChildFactory(responsible_la=la)
    outsider = principal_for_user(MembershipFactory().user)
    with pytest.raises(ApplicationError) as caught:
        services.child_update(by=outsider, child_id=child.pk, expected_version=1, first_name="X")
    assert caught.value.status_code == 404


def test_family_link_create_links_a_parent_who_then_sees_the_child(by, la):
    child = ChildFactory(responsible_la=la)
    parent = UserFactory()
    link = services.family_link_create(
        by=by, child=child, user=parent, relationship="father", has_parental_responsibility=True
    )
    assert FamilyLink.objects.live().filter(pk=link.pk).exists()
    assert AuditEvent.objects.filter(child_id=child.pk, action=AuditAction.FAMILY_LINK_CREATED).exists()
    assert TimelineEvent.objects.filter(child=child, kind="family.linked").exists()
    assert list(child_policy.visible(principal_for_user(parent), Child.objects.all())) == [child]


def test_family_link_create_refuses_a_second_live_link_for_the_same_person(by, la):
    child = ChildFactory(responsible_la=la)
    parent = UserFactory()
    services.family_link_create(
        by=by, child=child, user=parent, relationship="mother", has_parental_responsibility=True
    )
    with pytest.raises(ApplicationError) as caught:
        services.family_link_create(
            by=by, child=child, user=parent, relationship="mother", has_parental_responsibility=True
        )
    assert caught.value.field == "email"


def test_young_person_link_refuses_a_child_the_day_before_their_16th_birthday(by, la):
    child = ChildFactory(responsible_la=la, date_of_birth=dt.date(2010, 3, 27))
    young_person = UserFactory()
    with _at(2026, 3, 26), pytest.raises(ApplicationError) as caught:
        services.young_person_link(by=principal_for_user(by.user), child=child, user=young_person)
    assert "16th birthday" in caught.value.message
    child.refresh_from_db()
    assert child.young_person_user is None


def test_young_person_link_accepts_the_account_on_the_16th_birthday_and_it_acts_when_school_age_ends(by, la):
    # Born 27 March 2010: 16 on 27 March 2026; compulsory school age ends on the last Friday in June
    # of that school year, 26 June 2026, so the account acts for them from 27 June 2026 (ADR 0110).
    child = ChildFactory(responsible_la=la, date_of_birth=dt.date(2010, 3, 27))
    young_person = UserFactory()
    with _at(2026, 3, 27):
        services.young_person_link(by=principal_for_user(by.user), child=child, user=young_person)
        assert list(child_policy.visible(principal_for_user(young_person), Child.objects.all())) == []
    with _at(2026, 6, 26):
        assert list(child_policy.visible(principal_for_user(young_person), Child.objects.all())) == []
    with _at(2026, 6, 27):
        assert list(child_policy.visible(principal_for_user(young_person), Child.objects.all())) == [child]
    child.refresh_from_db()
    assert child.young_person_user == young_person


@pytest.fixture
def health_professional():
    return MembershipFactory(
        role=Role.HEALTH_PROFESSIONAL, organisation=OrganisationFactory(kind=OrganisationKind.HEALTH_BODY)
    )


def test_involvement_grant_gives_a_professional_access_to_one_child(by, la, health_professional):
    child = ChildFactory(responsible_la=la)
    ChildFactory(responsible_la=la)
    with _at(2025, 6, 1):
        services.involvement_grant(
            by=by,
            child=child,
            user=health_professional.user,
            organisation=health_professional.organisation,
            reason="Speech and language advice",
            valid_to=dt.date(2026, 6, 1),
        )
        seen = child_policy.visible(principal_for_user(health_professional.user), Child.objects.all())
        assert list(seen) == [child]
    assert AuditEvent.objects.filter(child_id=child.pk, action=AuditAction.INVOLVEMENT_GRANTED).exists()


def test_involvement_grant_refuses_more_than_a_year(by, la, health_professional):
    child = ChildFactory(responsible_la=la)
    with _at(2025, 6, 1), pytest.raises(ApplicationError) as caught:
        services.involvement_grant(
            by=by,
            child=child,
            user=health_professional.user,
            organisation=health_professional.organisation,
            reason="Advice",
            valid_to=dt.date(2026, 6, 3),
        )
    assert caught.value.field == "valid_to"
    assert "at most one year" in caught.value.message
    assert not ProfessionalInvolvement.objects.exists()


def test_involvement_grant_allows_exactly_one_year_but_not_a_day_more(by, la, health_professional):
    child = ChildFactory(responsible_la=la)
    grant = {
        "by": by,
        "child": child,
        "user": health_professional.user,
        "organisation": health_professional.organisation,
        "reason": "Advice",
    }
    with _at(2025, 6, 1):
        with pytest.raises(ApplicationError) as caught:
            services.involvement_grant(**grant, valid_to=dt.date(2026, 6, 2))
        assert caught.value.field == "valid_to"
        services.involvement_grant(**grant, valid_to=dt.date(2026, 6, 1))
    assert ProfessionalInvolvement.objects.get().valid_to == dt.date(2026, 6, 1)


def test_involvement_grant_refuses_an_end_date_in_the_past(by, la, health_professional):
    child = ChildFactory(responsible_la=la)
    with _at(2025, 6, 1), pytest.raises(ApplicationError) as caught:
        services.involvement_grant(
            by=by,
            child=child,
            user=health_professional.user,
            organisation=health_professional.organisation,
            reason="Advice",
            valid_to=dt.date(2025, 5, 31),
        )
    assert caught.value.field == "valid_to"


def test_involvement_grant_refuses_someone_who_is_not_a_professional_there(by, la, health_professional):
    child = ChildFactory(responsible_la=la)
    parent = UserFactory()
    other_caseworker = MembershipFactory(organisation=la, role=Role.LA_CASEWORKER)
    elsewhere = OrganisationFactory(kind=OrganisationKind.HEALTH_BODY)
    for user, organisation in (
        (parent, health_professional.organisation),
        (other_caseworker.user, la),
        (health_professional.user, elsewhere),
    ):
        with pytest.raises(ApplicationError) as caught:
            services.involvement_grant(
                by=by,
                child=child,
                user=user,
                organisation=organisation,
                reason="Advice",
                valid_to=clock.today() + dt.timedelta(days=30),
            )
        assert caught.value.field == "email"
        assert "not a health, social care or mediation professional" in caught.value.message
    assert not ProfessionalInvolvement.objects.exists()


def test_involvement_revoke_ends_the_professionals_access(by, la, health_professional):
    child = ChildFactory(responsible_la=la)
    grant = services.involvement_grant(
        by=by,
        child=child,
        user=health_professional.user,
        organisation=health_professional.organisation,
        reason="Advice",
        valid_to=clock.today() + dt.timedelta(days=30),
    )
    professional = principal_for_user(health_professional.user)
    assert child_policy.visible(professional, Child.objects.all()).filter(pk=child.pk).exists()

    services.involvement_revoke(by=by, grant=grant)

    assert not child_policy.visible(professional, Child.objects.all()).exists()
    assert not child_policy.can(professional, "view", child)
    assert AuditEvent.objects.filter(child_id=child.pk, action=AuditAction.INVOLVEMENT_REVOKED).count() == 1
    services.involvement_revoke(by=by, grant=grant)  # revoking twice records it once
    assert AuditEvent.objects.filter(child_id=child.pk, action=AuditAction.INVOLVEMENT_REVOKED).count() == 1


def test_involvement_ends_by_itself_after_its_end_date(by, la, health_professional):
    child = ChildFactory(responsible_la=la)
    with _at(2025, 6, 1):
        services.involvement_grant(
            by=by,
            child=child,
            user=health_professional.user,
            organisation=health_professional.organisation,
            reason="Advice",
            valid_to=dt.date(2025, 9, 1),
        )
    with _at(2025, 9, 2):
        assert not child_policy.visible(
            principal_for_user(health_professional.user), Child.objects.all()
        ).exists()


def test_senco_sees_children_at_their_setting_only(la):
    setting = SettingFactory(local_authority=la)
    senco = MembershipFactory(role=Role.SENCO, organisation=setting)
    pupil = ChildFactory(responsible_la=la, current_setting=setting)
    ChildFactory(responsible_la=la)
    assert list(child_policy.visible(principal_for_user(senco.user), Child.objects.all())) == [pupil]
