import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from opensend.access.principal import principal_for_user
from opensend.accounts.models import Membership, Organisation, User
from opensend.accounts.roles import OrganisationKind, Role
from opensend.children.identifiers import validate_nhs_number, validate_uln, validate_upn
from opensend.children.models import Child, FamilyLink, ProfessionalInvolvement, TimelineEvent
from opensend.children.policies import child_policy
from opensend.core import clock
from opensend.synthetic.demo import DEMO_PASSWORD, DEMO_TOTP_KEY_HEX, SETTINGS

pytestmark = pytest.mark.django_db

STAFF = {
    "caseworker@opensend.test": (Role.LA_CASEWORKER, "Barnet"),
    "manager@opensend.test": (Role.LA_SEND_MANAGER, "Barnet"),
    "panel@opensend.test": (Role.PANEL_MEMBER, "Barnet"),
    "senco@opensend.test": (Role.SENCO, "Hollybrook Primary School"),
    "health@opensend.test": (Role.HEALTH_PROFESSIONAL, "North Central London Integrated Care Board"),
    "socialcare@opensend.test": (Role.SOCIAL_CARE_PROFESSIONAL, "Barnet Children with Disabilities Team"),
    "mediator@opensend.test": (Role.MEDIATOR, "North London SEND Mediation Service"),
    "analyst@opensend.test": (Role.ANALYST_LA, "Barnet"),
    "regional.analyst@opensend.test": (Role.ANALYST_REGIONAL, "London"),
    "national.analyst@opensend.test": (Role.ANALYST_NATIONAL, "Department for Education"),
    "admin@opensend.test": (Role.SYSTEM_ADMIN, "Department for Education"),
}


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    # The people and children only: each app's tests check the part it adds to the demo.
    seed("--people-only")


def visible_to(email):
    user = User.objects.get(email=email)
    return child_policy.visible(principal_for_user(user), Child.objects.all())


def barnet_children():
    return Child.objects.filter(responsible_la__la_code_old="302")


def test_seeds_fifty_children_in_barnet_with_valid_identifiers(demo):
    children = list(barnet_children())
    assert len(children) == Child.objects.count() == 50
    for child in children:
        if child.upn:
            assert validate_upn(child.upn) == child.upn
            assert child.upn[1:4] == "302"
        if child.uln:
            assert validate_uln(child.uln) == child.uln
        assert validate_nhs_number(child.nhs_number) == child.nhs_number
        assert child.upn or child.uln or child.upn_unknown
        assert 0 <= child.age_on(clock.today()) <= 25
        assert re.fullmatch(r"[A-Z]{1,2}\d{1,2} \d[A-Z]{2}", child.postcode)
    assert all(c.uln for c in children if c.age_on(clock.today()) >= 16 and c.upn)
    no_upn = [c for c in children if not c.upn]
    assert len(no_upn) >= 3
    assert all(c.upn_unknown == "UN1" for c in no_upn if c.age_on(clock.today()) < 6)
    school_age = [c for c in children if 4 <= c.age_on(clock.today()) <= 16]
    assert len(school_age) > 25


def test_every_child_has_a_parent_with_responsibility_and_a_timeline(demo):
    for child in barnet_children():
        links = FamilyLink.objects.live(clock.today()).filter(child=child, has_parental_responsibility=True)
        assert 1 <= links.count() <= 2
        assert child.timeline.filter(kind="child.created", title="Record created").exists()
    parents = User.objects.filter(family_links__isnull=False).exclude(email="parent@opensend.test")
    assert all(u.email.endswith("@example.org") for u in parents)
    assert TimelineEvent.objects.filter(kind="child.created").count() == 50


def test_demo_settings_and_services_are_in_barnet(demo):
    barnet = Organisation.objects.get(la_code_old="302")
    settings = Organisation.objects.filter(
        kind=OrganisationKind.EDUCATION_SETTING, local_authority=barnet, urn__in=[s.urn for s in SETTINGS]
    )
    assert settings.count() == 8  # the core settings; apps' demo parts may add providers (a PRU)
    assert all(re.fullmatch(r"\d{6}", s.urn) for s in settings)
    assert {"Primary", "Secondary", "Nursery", "16 plus"} <= set(settings.values_list("phase", flat=True))
    assert settings.filter(setting_type__icontains="special").exists()
    for kind in (OrganisationKind.HEALTH_BODY, OrganisationKind.SOCIAL_CARE_TEAM):
        assert Organisation.objects.get(kind=kind).local_authority == barnet
    assert Organisation.objects.filter(kind=OrganisationKind.MEDIATION_SERVICE).count() == 1


@pytest.mark.parametrize(("email", "expected"), STAFF.items())
def test_each_staff_account_signs_in_with_a_membership_and_two_factor(demo, email, expected):
    role, organisation = expected
    user = User.objects.get(email=email)
    assert user.check_password(DEMO_PASSWORD)
    membership = Membership.objects.live(clock.today()).get(user=user)
    assert (membership.role, membership.organisation.name) == (role, organisation)
    assert membership.valid_from == dt.date(2024, 1, 1) and membership.valid_to is None
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed and device.key == DEMO_TOTP_KEY_HEX
    assert principal_for_user(user).is_staff_user
    assert user.is_staff == (email == "admin@opensend.test")


def test_regional_analyst_is_in_the_london_region(demo):
    membership = Membership.objects.get(user__email="regional.analyst@opensend.test")
    assert membership.organisation.kind == OrganisationKind.REGION
    assert membership.organisation.code == "E12000007"


def test_parent_sees_exactly_their_two_taylor_children(demo):
    sam = User.objects.get(email="parent@opensend.test")
    assert sam.full_name == "Sam Taylor" and sam.check_password(DEMO_PASSWORD)
    visible = visible_to("parent@opensend.test")
    assert visible.count() == 2
    assert {c.last_name for c in visible} == {"Taylor"}
    assert not TOTPDevice.objects.filter(user=sam).exists()


def test_young_person_is_seventeen_and_sees_their_own_record(demo):
    visible = list(visible_to("young.person@opensend.test"))
    assert len(visible) == 1
    jordan = visible[0]
    assert jordan.full_name == "Jordan Okafor"
    assert jordan.young_person_user.full_name == "Jordan Okafor"
    assert jordan.age_on(clock.today()) == 17
    assert validate_uln(jordan.uln)


def test_health_sees_only_its_five_live_grants_not_the_expired_one(demo):
    visible = visible_to("health@opensend.test")
    assert visible.count() == 5
    grants = ProfessionalInvolvement.objects.filter(user__email="health@opensend.test")
    live = grants.filter(ProfessionalInvolvement.live_filter(clock.today()))
    assert set(visible) == {g.child for g in live}
    expired = grants.exclude(pk__in=live)
    assert expired.count() == 1 and expired.get().valid_to < clock.today()
    assert expired.get().child not in set(visible)
    for grant in live:
        assert grant.reason
        assert 150 <= (grant.valid_to - clock.today()).days <= 200


@pytest.mark.parametrize(
    ("email", "count"),
    [
        ("socialcare@opensend.test", 3),
        ("mediator@opensend.test", 1),
        ("caseworker@opensend.test", 50),
        ("manager@opensend.test", 50),
    ],
)
def test_grants_and_la_staff_see_what_the_demo_promises(demo, email, count):
    assert visible_to(email).count() == count


def test_senco_sees_the_children_at_the_first_primary_school(demo):
    visible = visible_to("senco@opensend.test")
    assert visible.count() >= 8
    assert {c.current_setting.name for c in visible} == {"Hollybrook Primary School"}


@pytest.mark.parametrize(
    "email",
    [
        "analyst@opensend.test",
        "regional.analyst@opensend.test",
        "national.analyst@opensend.test",
        "panel@opensend.test",
        "admin@opensend.test",
    ],
)
def test_analysts_panel_and_admin_see_no_child_records(demo, email):
    assert visible_to(email).count() == 0


def test_seeding_twice_changes_nothing(demo):
    counts = (
        Child.objects.count(),
        User.objects.count(),
        Organisation.objects.count(),
        FamilyLink.objects.count(),
    )
    assert "already seeded" in seed()
    assert (
        Child.objects.count(),
        User.objects.count(),
        Organisation.objects.count(),
        FamilyLink.objects.count(),
    ) == counts


def test_reset_rebuilds_the_demo_area_without_duplicates(demo):
    counts = (
        Child.objects.count(),
        User.objects.count(),
        Organisation.objects.count(),
        ProfessionalInvolvement.objects.count(),
        TOTPDevice.objects.count(),
    )
    assert "Seeded" in seed("--reset", "--people-only")
    assert (
        Child.objects.count(),
        User.objects.count(),
        Organisation.objects.count(),
        ProfessionalInvolvement.objects.count(),
        TOTPDevice.objects.count(),
    ) == counts
    assert visible_to("parent@opensend.test").count() == 2


def test_seed_follows_the_project_clock(db, time_machine):
    time_machine.move_to(dt.datetime(2030, 6, 1, 12, tzinfo=dt.UTC))
    seed("--people-only")
    jordan = Child.objects.get(young_person_user__email="young.person@opensend.test")
    assert clock.today() == dt.date(2030, 6, 1)
    assert jordan.age_on(dt.date(2030, 6, 1)) == 17
    assert visible_to("health@opensend.test").count() == 5


def test_demo_totp_prints_a_code_the_demo_devices_accept(demo):
    out = StringIO()
    call_command("demo_totp", stdout=out)
    code = out.getvalue().strip()
    assert re.fullmatch(r"\d{6}", code)
    device = TOTPDevice.objects.get(user__email="caseworker@opensend.test")
    assert device.verify_token(code)


@pytest.mark.parametrize("email", ["caseworker@opensend.test", "parent@opensend.test"])
def test_demo_accounts_sign_in_through_the_real_pages(demo, client, email):
    from opensend.synthetic.management.commands.demo_totp import demo_totp_code

    response = client.post("/account/sign-in/", {"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    home = client.get("/")
    if email == "caseworker@opensend.test":  # staff are asked for a security code, not to set one up
        assert home.headers["Location"] == "/account/sign-in/security-code/"
        response = client.post("/account/sign-in/security-code/", {"token": demo_totp_code()})
        assert response.status_code == 302
        home = client.get("/")
    assert home.status_code == 200


def test_demo_admin_can_use_the_django_admin(demo, client):
    from opensend.synthetic.management.commands.demo_totp import demo_totp_code

    client.post("/account/sign-in/", {"email": "admin@opensend.test", "password": DEMO_PASSWORD})
    client.post("/account/sign-in/security-code/", {"token": demo_totp_code()})
    assert client.get("/admin/accounts/organisation/?q=Barnet").status_code == 200


# Every app that adds a part to the demo area (one extension each in `DEMO_EXTENSIONS`).
APPS_WITH_A_DEMO_PART = ("support", "targeted", "casework", "panels", "notices", "advice", "plans")


def _rows_per_app() -> dict[str, int]:
    from django.apps import apps

    return {
        label: sum(model._default_manager.count() for model in apps.get_app_config(label).get_models())
        for label in APPS_WITH_A_DEMO_PART
    }


@pytest.mark.django_db
def test_the_full_demo_includes_every_apps_part_and_resets_cleanly():
    from opensend.synthetic.demo.area import DEMO_EXTENSIONS

    # A new extension must be added to the list above, so that its part is checked too.
    assert len(DEMO_EXTENSIONS) == len(APPS_WITH_A_DEMO_PART)
    seed()
    counts = _rows_per_app()
    assert all(counts.values()), counts
    seed("--reset")
    assert _rows_per_app() == counts
