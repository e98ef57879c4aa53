import datetime as dt
from decimal import Decimal

import pytest

from opensend.access.models import AuditEvent
from opensend.accounts.roles import Role
from opensend.children.models import TimelineEvent
from opensend.core.errors import ApplicationError, NotFound
from opensend.support import services
from opensend.support.codes import BroadArea, ConcernKind, ConcernStatus, NextStep, SupportPlanStatus
from opensend.support.models import RegisterEntry, SencoRecord
from tests.factories import ChildFactory, SettingFactory

from .factories import la_staff, senco_at

D = dt.date
pytestmark = pytest.mark.django_db


def _plan(world, **kw):
    values = {
        "starts_on": D(2025, 9, 1),
        "review_due_on": D(2025, 12, 1),
        "areas": [BroadArea.COMMUNICATION_INTERACTION],
        "needs": "Finds it hard to follow instructions",
    } | kw
    return services.plan_open(by=world.senco, child=world.child, setting=world.school, **values)


def _add(world, **kw):
    values = {"provision": "K", "primary_need": "SLCN", "starts_on": D(2025, 9, 1)} | kw
    return services.register_entry_add(by=world.senco, child=world.child, setting=world.school, **values)


def test_a_concern_escalated_opens_a_register_entry_and_tells_the_family(world):
    concern = services.concern_record(
        by=world.senco,
        child=world.child,
        setting=world.school,
        kind=ConcernKind.PROGRESS_CHECK_TWO,
        observed_on=D(2026, 1, 10),
        areas=["semh", "communication_interaction"],
        summary="Rarely speaks",
        raised_by="Nursery key person",
    )
    assert concern.areas == ["communication_interaction", "semh"]  # in the Code of Practice's order
    entry = services.concern_escalate(
        by=world.senco, concern_id=concern.pk, primary_need="SLCN", starts_on=D(2026, 1, 20)
    )
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.ESCALATED and concern.register_entry == entry
    assert entry.provision == "K" and entry.ends_on is None
    family_events = TimelineEvent.objects.filter(child=world.child, visible_to_family=True)
    assert family_events.filter(kind="support.register_added").exists()
    # The concern itself is not shown to the family; the move to SEN support is.
    assert not family_events.filter(kind="support.concern_recorded").exists()
    actions = set(AuditEvent.objects.filter(child_id=world.child.pk).values_list("action", flat=True))
    assert {
        "support.concern_recorded",
        "support.concern_escalated",
        "support.register_entry_added",
    } <= actions
    with pytest.raises(ApplicationError, match="already been dealt with"):
        services.concern_escalate(
            by=world.senco, concern_id=concern.pk, primary_need="SLCN", starts_on=D(2026, 1, 20)
        )


def test_a_duplicate_open_register_entry_is_refused_in_plain_words(world):
    _add(world)
    with pytest.raises(ApplicationError) as error:
        _add(world, primary_need="ASD")
    assert error.value.field == "child"
    assert "Amara Okafor is already on Oak Tree Primary's SEN register" in error.value.message
    assert RegisterEntry.objects.count() == 1


def test_an_ended_entry_frees_the_child_for_a_new_one(world):
    entry = _add(world)
    services.register_entry_end(by=world.senco, entry_id=entry.pk, ends_on=D(2025, 12, 1), expected_version=1)
    again = _add(world, provision="E", primary_need="ASD", starts_on=D(2026, 1, 5))
    assert again.pk != entry.pk


def test_ending_with_a_stale_version_is_a_conflict(world):
    entry = _add(world)
    from opensend.core.errors import Conflict

    with pytest.raises(Conflict):
        services.register_entry_end(
            by=world.senco, entry_id=entry.pk, ends_on=D(2025, 12, 1), expected_version=9
        )


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"primary_need": "XYZ"}, "primary_need", "XYZ is not a need type the school census knows"),
        ({"primary_need": ""}, "primary_need", "Choose the child's primary need"),
        (
            {"primary_need": "NSA", "provision": "E"},
            "primary_need",
            "NSA (no specialist assessment) can only",
        ),
        ({"secondary_need": "NSA"}, "secondary_need", "NSA (no specialist assessment) can only"),
        ({"secondary_need": "SLCN"}, "secondary_need", "must differ from the primary need"),
        ({"provision": "S"}, "provision", "Choose SEN support (K) or EHC plan (E)"),
        ({"starts_on": D(2026, 3, 1)}, "starts_on", "today or in the past"),
    ],
)
def test_register_entries_with_codes_the_census_does_not_allow_are_refused(world, values, field, message):
    with pytest.raises(ApplicationError) as error:
        _add(world, **values)
    assert error.value.field == field
    assert message in error.value.message


def test_ds_and_nsa_are_census_codes(world):
    assert _add(world, primary_need="NSA").primary_need == "NSA"
    other = ChildFactory(responsible_la=world.la, current_setting=world.school)
    entry = services.register_entry_add(
        by=world.senco,
        child=other,
        setting=world.school,
        provision="E",
        primary_need="DS",
        starts_on=D(2025, 9, 1),
    )
    assert entry.get_primary_need_display() == "Down syndrome"


def test_only_the_senco_of_the_childs_setting_may_write(world):
    other_school = SettingFactory(local_authority=world.la)
    _, other_senco = senco_at(other_school)
    _, caseworker = la_staff(world.la)
    for principal in (other_senco, caseworker):
        with pytest.raises(NotFound):
            services.register_entry_add(
                by=principal,
                child=world.child,
                setting=world.school,
                provision="K",
                primary_need="SLCN",
                starts_on=D(2025, 9, 1),
            )
    # A SENCo cannot put another school's pupil on their own register either.
    with pytest.raises(NotFound):
        services.register_entry_add(
            by=other_senco,
            child=world.child,
            setting=other_school,
            provision="K",
            primary_need="SLCN",
            starts_on=D(2025, 9, 1),
        )


def test_a_plan_cycle_assess_plan_do_review(world):
    entry = _add(world)
    plan = _plan(world)
    assert plan.cycle == 1 and plan.register_entry == entry
    outcome = services.plan_outcome_add(
        by=world.senco,
        plan_id=plan.pk,
        area="communication_interaction",
        description="Follows a 2-step instruction",
        target_on=D(2025, 12, 1),
    )
    oap_item = services.plan_provision_add(
        by=world.senco,
        plan_id=plan.pk,
        item=services.ProvisionInput(
            "communication_interaction",
            "Visual prompts",
            "Class teacher",
            "Every lesson",
            "Ongoing",
            Decimal(0),
            oap_ref="national:CI-1",
        ),
    )
    beyond = services.plan_provision_add(
        by=world.senco,
        plan_id=plan.pk,
        item=services.ProvisionInput(
            "communication_interaction", "Speech therapy", "NHS SLT", "Weekly", "10 weeks", Decimal("600.00")
        ),
    )
    assert oap_item.ordinarily_available and oap_item.oap_title.startswith("Language-rich")
    assert not beyond.ordinarily_available
    review = services.plan_review_record(
        by=world.senco,
        plan_id=plan.pk,
        reviewed_on=D(2025, 12, 1),
        summary="Good progress",
        progress={outcome.pk: ("achieved", "Well done")},
        next_step=NextStep.NEW_CYCLE,
    )
    plan.refresh_from_db()
    assert plan.status == SupportPlanStatus.CLOSED and plan.closed_on == D(2025, 12, 1)
    assert review.progress.get().rating == "achieved"
    assert _plan(world, starts_on=D(2025, 12, 2), review_due_on=D(2026, 3, 1)).cycle == 2
    with pytest.raises(ApplicationError, match="finished"):
        services.plan_outcome_add(
            by=world.senco,
            plan_id=plan.pk,
            area="communication_interaction",
            description="x",
            target_on=D(2026, 1, 1),
        )


def test_an_outcome_without_a_date_is_refused(world):
    plan = _plan(world)
    with pytest.raises(ApplicationError) as error:
        services.plan_outcome_add(
            by=world.senco,
            plan_id=plan.pk,
            area="communication_interaction",
            description="Reads",
            target_on=None,
        )
    assert error.value.field == "target_on"
    assert error.value.message == "Enter the date by which the outcome should be achieved"


def test_a_review_before_the_plan_started_is_refused(world):
    plan = _plan(world)
    outcome = services.plan_outcome_add(
        by=world.senco,
        plan_id=plan.pk,
        area="communication_interaction",
        description="Reads",
        target_on=D(2025, 12, 1),
    )
    with pytest.raises(ApplicationError) as error:
        services.plan_review_record(
            by=world.senco,
            plan_id=plan.pk,
            reviewed_on=D(2025, 8, 31),
            summary="x",
            progress={outcome.pk: ("some", "")},
            next_step="continue",
        )
    assert error.value.field == "reviewed_on"
    assert (
        error.value.message
        == "The review date must be on or after the day the plan started (1 September 2025)"
    )


def test_a_review_needs_progress_against_every_outcome(world):
    plan = _plan(world)
    services.plan_outcome_add(
        by=world.senco,
        plan_id=plan.pk,
        area="communication_interaction",
        description="Reads",
        target_on=D(2025, 12, 1),
    )
    with pytest.raises(ApplicationError, match="Choose the progress towards “Reads”"):
        services.plan_review_record(
            by=world.senco,
            plan_id=plan.pk,
            reviewed_on=D(2025, 12, 1),
            summary="x",
            progress={},
            next_step="continue",
        )


def test_provision_must_name_real_ordinarily_available_provision_for_its_area(world):
    plan = _plan(world)
    item = services.ProvisionInput(
        "communication_interaction", "x", "y", "z", "w", Decimal(0), oap_ref="national:NOPE"
    )
    with pytest.raises(ApplicationError, match="from the list"):
        services.plan_provision_add(by=world.senco, plan_id=plan.pk, item=item)
    wrong_area = services.ProvisionInput(
        "communication_interaction", "x", "y", "z", "w", Decimal(0), oap_ref="national:SEMH-1"
    )
    with pytest.raises(ApplicationError, match="another area of need"):
        services.plan_provision_add(by=world.senco, plan_id=plan.pk, item=wrong_area)


def test_local_provision_from_the_settings_la_is_ordinarily_available(world):
    _, manager = la_staff(world.la, Role.LA_SEND_MANAGER)
    local = services.local_provision_add(
        by=manager, local_authority=world.la, area="communication_interaction", title="Northshire talk boost"
    )
    plan = _plan(world)
    item = services.plan_provision_add(
        by=world.senco,
        plan_id=plan.pk,
        item=services.ProvisionInput(
            "communication_interaction",
            "Talk boost",
            "TA",
            "Weekly",
            "6 weeks",
            Decimal(0),
            oap_ref=f"local:{local.pk}",
        ),
    )
    assert item.ordinarily_available and item.oap_title == "Northshire talk boost"
    _, caseworker = la_staff(world.la)
    with pytest.raises(NotFound):
        services.local_provision_add(by=caseworker, local_authority=world.la, area="semh", title="x")


def test_the_senco_record_keeps_one_current_row_and_needs_a_date_for_a_qualification(world):
    with pytest.raises(ApplicationError, match="Enter the date the qualification was achieved"):
        services.senco_record_set(
            by=world.senco, setting=world.school, name="Grace", qualification="nasenco", achieved_on=None
        )
    services.senco_record_set(
        by=world.senco, setting=world.school, name="Grace", qualification="none_yet", achieved_on=None
    )
    services.senco_record_set(
        by=world.senco,
        setting=world.school,
        name="Grace Adeyemi",
        qualification="npq_senco",
        achieved_on=D(2025, 7, 1),
    )
    current = SencoRecord.objects.get(setting=world.school, current=True)
    assert current.qualification == "npq_senco" and current.user == world.senco_user
    assert SencoRecord.objects.filter(setting=world.school).count() == 2


def test_putting_a_child_on_sen_support_emails_the_family_what_happens_next(
    world, django_capture_on_commit_callbacks
):
    from django.core import mail

    from opensend.notify.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        services.register_entry_add(
            by=world.senco,
            child=world.child,
            setting=world.school,
            provision="K",
            primary_need="SLCN",
            starts_on=D(2026, 1, 20),
        )
    sent = Notification.objects.get(kind="support.started")
    assert sent.recipient == world.parent
    assert [m.to for m in mail.outbox] == [[world.parent.email]]
    body = mail.outbox[0].body
    assert "20 January 2026" in body and "support plan" in body
    assert f"/support/children/{world.child.pk}/plans/" in body
