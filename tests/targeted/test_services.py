"""Services for outreach requests and AP placements: happy paths, transitions and every message."""

import datetime as dt

import pytest
from django.utils import timezone

from opensend.access.models import AuditEvent
from opensend.access.principal import principal_for_user
from opensend.accounts.roles import OrganisationKind
from opensend.children.models import TimelineEvent
from opensend.core import clock
from opensend.core.errors import ApplicationError, Conflict, NotFound
from opensend.targeted import services
from opensend.targeted.models import OutreachStatus, PlacementStatus
from opensend.targeted.workflow import OUTREACH_TRANSITIONS, PLACEMENT_TRANSITIONS
from tests.factories import MembershipFactory, OrganisationFactory, SettingFactory
from tests.targeted.factories import OutreachRequestFactory, PlacementFactory, area

pytestmark = pytest.mark.django_db

ASK = {
    "service": "educational_psychology",
    "question": "How can we help with reading?",
    "tried": "Phonics catch-up",
    "urgency": "routine",
}


@pytest.fixture
def world():
    w = area()
    w["by_senco"] = principal_for_user(w["senco"])
    w["by_la"] = principal_for_user(w["caseworker"])
    return w


def _ask(w, **overrides):
    return services.outreach_request_create(by=w["by_senco"], child=w["child"], **(ASK | overrides))


def test_transition_tables_cover_every_status():
    assert set(OUTREACH_TRANSITIONS) == set(OutreachStatus)
    assert set(PLACEMENT_TRANSITIONS) == set(PlacementStatus)


def test_senco_asks_la_accepts_and_answers_and_time_is_measured(world):
    request = _ask(world)
    assert request.status == "requested"
    assert request.setting == world["school"] and request.local_authority == world["la"]
    request.requested_at = timezone.now() - dt.timedelta(days=9)
    request.save()
    services.outreach_decide(by=world["by_la"], request_id=request.pk, accept=True, expected_version=1)
    done = services.outreach_answer(
        by=world["by_la"],
        request_id=request.pk,
        kind="advice",
        answer="Try paired reading",
        expected_version=2,
    )
    assert done.status == "answered" and done.days_to_answer == 9 and done.version == 3
    kinds = list(TimelineEvent.objects.filter(child=world["child"]).values_list("kind", flat=True))
    assert {"outreach.requested", "outreach.accepted", "outreach.answered"} <= set(kinds)
    actions = set(AuditEvent.objects.filter(child=world["child"]).values_list("action", flat=True))
    assert {"outreach.requested", "outreach.accepted", "outreach.answered"} <= actions


def test_a_visit_is_recorded_with_its_date(world):
    request = _ask(world)
    services.outreach_decide(by=world["by_la"], request_id=request.pk, accept=True)
    done = services.outreach_answer(
        by=world["by_la"], request_id=request.pk, kind="visit", answer="Observed", visited_on=clock.today()
    )
    assert done.visited_on == clock.today() and done.answer_kind == "visit"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"service": "magic"}, "service", "Choose which service you are asking"),
        ({"service": "other"}, "service_other", "Enter the name of the service you are asking"),
        ({"question": "  "}, "question", "Enter what you would like the service to help with"),
        ({"tried": ""}, "tried", "Enter what the setting has already tried"),
        ({"urgency": "yesterday"}, "urgency", "Choose how urgent the request is"),
    ],
)
def test_a_request_with_bad_input_is_refused_with_a_clear_message(world, overrides, field, message):
    with pytest.raises(ApplicationError) as error:
        _ask(world, **overrides)
    assert (error.value.field, error.value.message) == (field, message)


def test_a_second_open_request_to_the_same_service_is_refused(world):
    _ask(world)
    with pytest.raises(ApplicationError) as error:
        _ask(world)
    assert error.value.message.startswith("There is already an open request to this service")
    _ask(world, service="other", service_other="Sensory support team")  # another service is fine


def test_only_the_childs_senco_may_ask(world):
    other_senco = principal_for_user(MembershipFactory(organisation=SettingFactory(), role="senco").user)
    for by in (other_senco, world["by_la"]):
        with pytest.raises(NotFound):
            services.outreach_request_create(by=by, child=world["child"], **ASK)


def test_a_decline_needs_a_reason(world):
    request = _ask(world)
    with pytest.raises(ApplicationError) as error:
        services.outreach_decide(by=world["by_la"], request_id=request.pk, accept=False, reason=" ")
    assert (error.value.field, error.value.message) == ("reason", "Enter why the request is declined")
    done = services.outreach_decide(by=world["by_la"], request_id=request.pk, accept=False, reason="Not ours")
    assert done.status == "declined"


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        (
            {"kind": "poem", "answer": "x"},
            "kind",
            "Choose whether you are giving advice or recording a visit",
        ),
        ({"kind": "advice", "answer": ""}, "answer", "Enter the advice"),
        ({"kind": "visit", "answer": ""}, "answer", "Enter what was done and advised at the visit"),
        ({"kind": "visit", "answer": "x"}, "visited_on", "Enter the date of the visit"),
        (
            {"kind": "visit", "answer": "x", "visited_on": dt.date(2999, 1, 1)},
            "visited_on",
            "The date of the visit must be today or in the past",
        ),
    ],
)
def test_an_answer_with_bad_input_is_refused(world, kwargs, field, message):
    request = _ask(world)
    services.outreach_decide(by=world["by_la"], request_id=request.pk, accept=True)
    with pytest.raises(ApplicationError) as error:
        services.outreach_answer(by=world["by_la"], request_id=request.pk, **kwargs)
    assert (error.value.field, error.value.message) == (field, message)


def test_a_visit_before_the_request_is_refused(world):
    request = _ask(world)
    services.outreach_decide(by=world["by_la"], request_id=request.pk, accept=True)
    with pytest.raises(ApplicationError) as error:
        services.outreach_answer(
            by=world["by_la"], request_id=request.pk, kind="visit", answer="x", visited_on=dt.date(2000, 1, 1)
        )
    assert error.value.message.startswith(
        "The date of the visit must be on or after the date of the request ("
    )


def test_status_changes_outside_the_table_are_refused(world):
    request = _ask(world)
    with pytest.raises(ApplicationError) as error:
        services.outreach_answer(by=world["by_la"], request_id=request.pk, kind="advice", answer="x")
    assert error.value.message == "This request is requested, so it cannot be answered. Accept it first"
    services.outreach_withdraw(by=world["by_senco"], request_id=request.pk, reason="Resolved")
    with pytest.raises(ApplicationError) as error:
        services.outreach_decide(by=world["by_la"], request_id=request.pk, accept=True)
    assert error.value.message == "This request is withdrawn, so it cannot be accepted"


def test_a_stale_version_is_a_conflict(world):
    request = _ask(world)
    services.outreach_decide(by=world["by_la"], request_id=request.pk, accept=True)
    with pytest.raises(Conflict):
        services.outreach_withdraw(by=world["by_senco"], request_id=request.pk, expected_version=1)


def test_only_the_la_decides_and_only_the_setting_withdraws(world):
    request = _ask(world)
    with pytest.raises(NotFound):
        services.outreach_decide(by=world["by_senco"], request_id=request.pk, accept=True)
    with pytest.raises(NotFound):
        services.outreach_withdraw(by=world["by_la"], request_id=request.pk)
    other_la_request = OutreachRequestFactory()
    with pytest.raises(NotFound):
        services.outreach_decide(by=world["by_la"], request_id=other_la_request.pk, accept=True)


# Alternative provision -------------------------------------------------------------------------


def _refer(w, by="by_la", **overrides):
    today = clock.today()
    values = {
        "tier": "tier_2",
        "purpose": "Re-engage with learning",
        "provider": w["provider"],
        "start_on": today - dt.timedelta(days=30),
        "planned_end_on": today + dt.timedelta(days=60),
    } | overrides
    return services.placement_refer(by=w[by], child=w["child"], **values)


def test_a_placement_runs_from_referral_through_reviews_to_its_outcome(world):
    placement = _refer(world, by="by_senco")
    assert placement.referred_by_kind == "setting" and placement.referring_organisation == world["school"]
    today = clock.today()
    services.placement_start(
        by=world["by_la"], placement_id=placement.pk, started_on=today - dt.timedelta(days=20)
    )
    review = services.placement_review(
        by=world["by_senco"],
        placement_id=placement.pk,
        reviewed_on=today - dt.timedelta(days=5),
        progress="Good",
        decision="extend",
        new_planned_end_on=today + dt.timedelta(days=90),
    )
    placement.refresh_from_db()
    assert placement.planned_end_on == review.new_planned_end_on
    done = services.placement_end(
        by=world["by_la"],
        placement_id=placement.pk,
        ended_on=today,
        outcome="return_to_mainstream",
        outcome_setting=world["school"],
    )
    assert done.status == "ended" and done.outcome_setting == world["school"]
    kinds = set(TimelineEvent.objects.filter(child=world["child"]).values_list("kind", flat=True))
    assert {
        "ap_placement.referred",
        "ap_placement.started",
        "ap_placement.reviewed",
        "ap_placement.ended",
    } <= kinds
    actions = set(AuditEvent.objects.filter(child=world["child"]).values_list("action", flat=True))
    assert {"ap_placement.referred", "ap_placement.reviewed", "ap_placement.ended"} <= actions


def test_an_la_referral_names_the_la(world):
    placement = _refer(world)
    assert placement.referred_by_kind == "local_authority" and placement.referring_organisation == world["la"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"tier": "tier_9"}, "tier", "Choose the tier of alternative provision"),
        ({"purpose": ""}, "purpose", "Enter the purpose of the placement"),
        ({"provider": None}, "provider", "Choose the provider from the list"),
        ({"start_on": None}, "start_on", "Enter the start date"),
        ({"planned_end_on": None}, "planned_end_on", "Enter the planned end date"),
        (
            {"start_on": dt.date(2026, 5, 1), "planned_end_on": dt.date(2026, 4, 30)},
            "planned_end_on",
            "The planned end date must be on or after the start date",
        ),
    ],
)
def test_a_referral_with_bad_input_is_refused(world, overrides, field, message):
    with pytest.raises(ApplicationError) as error:
        _refer(world, **overrides)
    assert (error.value.field, error.value.message) == (field, message)


def test_a_provider_must_be_an_education_setting_and_not_already_open(world):
    with pytest.raises(ApplicationError) as error:
        _refer(world, provider=OrganisationFactory(kind=OrganisationKind.HEALTH_BODY))
    assert error.value.message == "Choose the provider from the list"
    _refer(world)
    with pytest.raises(ApplicationError) as error:
        _refer(world)
    assert error.value.message == "The child already has an open referral or placement at this provider"


def test_start_date_checks(world):
    placement = _refer(world)
    cases = [
        (None, "Enter the date the placement started"),
        (dt.date(2999, 1, 1), "The start date must be today or in the past"),
    ]
    for started_on, message in cases:
        with pytest.raises(ApplicationError) as error:
            services.placement_start(by=world["by_la"], placement_id=placement.pk, started_on=started_on)
        assert error.value.message == message
    past = PlacementFactory(
        child=world["child"], start_on=dt.date(2020, 1, 1), planned_end_on=dt.date(2020, 2, 1)
    )
    with pytest.raises(ApplicationError) as error:
        services.placement_start(by=world["by_la"], placement_id=past.pk, started_on=dt.date(2020, 3, 1))
    assert error.value.message == "The start date must be on or before the planned end date (1 February 2020)"


@pytest.fixture
def active(world):
    placement = PlacementFactory(
        child=world["child"],
        start_on=dt.date(2025, 1, 6),
        planned_end_on=dt.date(2025, 4, 4),
        status="active",
    )
    return world, placement


def _review(world, placement, **overrides):
    values = {"reviewed_on": dt.date(2025, 2, 14), "progress": "Settled", "decision": "continue"} | overrides
    return services.placement_review(by=world["by_la"], placement_id=placement.pk, **values)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"reviewed_on": None}, "reviewed_on", "Enter the date of the review"),
        (
            {"reviewed_on": dt.date(2025, 1, 5)},
            "reviewed_on",
            "The review date must be on or after the day the placement started (6 January 2025)",
        ),
        ({"reviewed_on": dt.date(2999, 1, 1)}, "reviewed_on", "The review date must be today or in the past"),
        ({"progress": " "}, "progress", "Enter the progress the child has made"),
        ({"decision": "maybe"}, "decision", "Choose what happens next"),
        ({"decision": "extend"}, "new_planned_end_on", "Enter the new planned end date"),
        (
            {"decision": "extend", "new_planned_end_on": dt.date(2025, 4, 4)},
            "new_planned_end_on",
            "The new planned end date must be after the current one (4 April 2025)",
        ),
    ],
)
def test_a_review_with_bad_input_is_refused(active, overrides, field, message):
    world, placement = active
    with pytest.raises(ApplicationError) as error:
        _review(world, placement, **overrides)
    assert (error.value.field, error.value.message) == (field, message)


def test_a_review_cannot_go_back_before_the_last_one_or_happen_when_not_active(active):
    world, placement = active
    _review(world, placement, reviewed_on=dt.date(2025, 3, 1))
    with pytest.raises(ApplicationError) as error:
        _review(world, placement, reviewed_on=dt.date(2025, 2, 1))
    assert error.value.message == "The review date must be on or after the last review (1 March 2025)"
    referred = _refer(world)
    with pytest.raises(ApplicationError) as error:
        _review(world, referred)
    assert (
        error.value.message == "This placement is referred: reviews can be recorded only while it is active"
    )


def _end(world, placement, **overrides):
    values = {"ended_on": dt.date(2025, 4, 4), "outcome": "other", "outcome_notes": "Moved away"} | overrides
    return services.placement_end(by=world["by_la"], placement_id=placement.pk, **values)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ended_on": None}, "ended_on", "Enter the date the placement ended"),
        (
            {"ended_on": dt.date(2025, 1, 1)},
            "ended_on",
            "The end date must be on or after the start date (6 January 2025)",
        ),
        ({"ended_on": dt.date(2999, 1, 1)}, "ended_on", "The end date must be today or in the past"),
        ({"outcome": ""}, "outcome", "Choose the outcome of the placement"),
        ({"outcome": "return_to_mainstream"}, "outcome_setting", "Choose the setting the child returned to"),
        ({"outcome": "onward_placement"}, "outcome_setting", "Choose the setting of the onward placement"),
        ({"outcome": "other", "outcome_notes": ""}, "outcome_notes", "Describe the outcome"),
    ],
)
def test_ending_with_bad_input_or_without_an_outcome_is_refused(active, overrides, field, message):
    world, placement = active
    with pytest.raises(ApplicationError) as error:
        _end(world, placement, **overrides)
    assert (error.value.field, error.value.message) == (field, message)
    placement.refresh_from_db()
    assert placement.status == "active"


def test_an_onward_placement_names_its_setting(active):
    world, placement = active
    done = _end(world, placement, outcome="onward_placement", outcome_setting=world["provider"])
    assert done.outcome == "onward_placement" and done.outcome_setting == world["provider"]


def test_cancel_needs_a_reason_and_only_a_referral_can_be_cancelled(active):
    world, placement = active
    with pytest.raises(ApplicationError) as error:
        services.placement_cancel(by=world["by_la"], placement_id=placement.pk, reason="Changed plans")
    assert error.value.message == "This placement is active, so it cannot be cancelled"
    referred = _refer(world)
    with pytest.raises(ApplicationError) as error:
        services.placement_cancel(by=world["by_la"], placement_id=referred.pk, reason="")
    assert (error.value.field, error.value.message) == ("reason", "Enter why the referral is cancelled")
    done = services.placement_cancel(by=world["by_la"], placement_id=referred.pk, reason="Family moved")
    assert done.status == "cancelled"


def test_someone_else_cannot_manage_a_placement(active):
    _, placement = active
    stranger = principal_for_user(MembershipFactory(organisation=SettingFactory(), role="senco").user)
    with pytest.raises(NotFound):
        services.placement_start(by=stranger, placement_id=placement.pk, started_on=dt.date(2025, 1, 6))
