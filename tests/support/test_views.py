import datetime as dt

import pytest

from opensend.support.models import Concern, PlanOutcome, RegisterEntry, SupportPlan
from tests.conftest import signed_in_client

from .factories import PlanOutcomeFactory, RegisterEntryFactory, SupportPlanFactory, la_staff

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: dt.date | None) -> dict[str, str]:
    if day is None:
        return {f"{prefix}_day": "", f"{prefix}_month": "", f"{prefix}_year": ""}
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def test_senco_records_a_concern_and_moves_it_to_sen_support(world):
    client = signed_in_client(world.senco_user)
    url = f"/support/settings/{world.school.pk}/concerns/new/"
    assert "Record a concern or screening" in client.get(url).content.decode()
    bad = client.post(
        url,
        {
            "child": world.child.pk,
            "kind": "parent_concern",
            "summary": "Worried about talk",
            "raised_by": "Mother",
            **_date("observed_on", dt.date(2026, 1, 5)),
        },
    )
    body = bad.content.decode()
    assert (
        bad.status_code == 200 and "There is a problem" in body and "Choose at least one area of need" in body
    )
    assert "Worried about talk" in body  # nothing typed is lost
    response = client.post(
        url,
        {
            "child": world.child.pk,
            "kind": "parent_concern",
            "summary": "Worried about talk",
            "raised_by": "Mother",
            "areas": ["communication_interaction"],
            **_date("observed_on", dt.date(2026, 1, 5)),
        },
    )
    assert response.status_code == 302
    concern = Concern.objects.get()
    page = client.get(f"/support/settings/{world.school.pk}/concerns/").content.decode()
    assert "Move to SEN support" in page
    escalate = f"/support/concerns/{concern.pk}/escalate/"
    unknown = client.post(escalate, {"primary_need": "XYZ", **_date("starts_on", dt.date(2026, 1, 20))})
    assert "Choose a need type the school census knows" in unknown.content.decode()
    done = client.post(
        escalate, {"primary_need": "SLCN", "secondary_need": "", **_date("starts_on", dt.date(2026, 1, 20))}
    )
    assert (
        done.status_code == 302
        and done.headers["Location"] == f"/support/settings/{world.school.pk}/register/"
    )
    register = client.get(done.headers["Location"]).content.decode()
    assert "Okafor, Amara" in register and "SLCN" in register


def test_a_duplicate_register_entry_gets_a_clear_message_and_keeps_what_was_typed(world):
    RegisterEntryFactory(child=world.child, setting=world.school)
    client = signed_in_client(world.senco_user)
    response = client.post(
        f"/support/settings/{world.school.pk}/register/add/",
        {
            "child": world.child.pk,
            "provision": "K",
            "primary_need": "ASD",
            "secondary_need": "SEMH",
            **_date("starts_on", dt.date(2026, 1, 6)),
        },
    )
    body = response.content.decode()
    assert "Amara Okafor is already on Oak Tree Primary&#x27;s SEN register" in body
    assert 'href="#id_child"' in body
    assert '<option value="ASD" selected>' in body and '<option value="SEMH" selected>' in body
    assert 'value="6"' in body and 'value="2026"' in body
    assert RegisterEntry.objects.count() == 1


def test_an_outcome_without_a_date_is_refused_and_the_words_are_kept(world):
    plan = SupportPlanFactory(child=world.child, setting=world.school)
    client = signed_in_client(world.senco_user)
    response = client.post(
        f"/support/plans/{plan.pk}/outcomes/add/",
        {"area": "communication_interaction", "description": "Reads 20 words", **_date("target_on", None)},
    )
    body = response.content.decode()
    assert "Enter the date by which the outcome should be achieved" in body
    assert 'href="#id_target_on_day"' in body and "Reads 20 words" in body
    assert not PlanOutcome.objects.exists()


def test_a_review_before_the_plan_started_is_refused_with_the_start_date(world):
    plan = SupportPlanFactory(child=world.child, setting=world.school, starts_on=dt.date(2025, 9, 1))
    outcome = PlanOutcomeFactory(plan=plan)
    client = signed_in_client(world.senco_user)
    response = client.post(
        f"/support/plans/{plan.pk}/reviews/new/",
        {
            f"outcome_{outcome.pk}": "good",
            f"note_{outcome.pk}": "Nearly there",
            "summary": "Going well",
            "next_step": "continue",
            **_date("reviewed_on", dt.date(2025, 8, 1)),
        },
    )
    body = response.content.decode()
    assert "The review date must be on or after the day the plan started (1 September 2025)" in body
    assert "Nearly there" in body and "Going well" in body
    assert 'href="#id_reviewed_on_day"' in body
    assert not plan.reviews.exists()


def test_senco_opens_a_plan_adds_outcome_and_provision_and_reviews_it(world):
    client = signed_in_client(world.senco_user)
    response = client.post(
        f"/support/children/{world.child.pk}/plans/new/",
        {
            "areas": ["communication_interaction"],
            "needs": "Needs help with talk",
            "family_views": "Quiet at school",
            **_date("starts_on", dt.date(2025, 9, 1)),
            **_date("review_due_on", dt.date(2025, 12, 1)),
        },
    )
    plan = SupportPlan.objects.get()
    assert response.headers["Location"] == f"/support/plans/{plan.pk}/"
    client.post(
        f"/support/plans/{plan.pk}/outcomes/add/",
        {
            "area": "communication_interaction",
            "description": "Joins group talk",
            **_date("target_on", dt.date(2025, 12, 1)),
        },
    )
    form = client.get(f"/support/plans/{plan.pk}/provision/add/").content.decode()
    assert "Beyond ordinarily available provision" in form and "national:CI-1" in form
    for ref, what in (("national:CI-1", "Visual prompts"), ("", "Speech therapy")):
        client.post(
            f"/support/plans/{plan.pk}/provision/add/",
            {
                "area": "communication_interaction",
                "oap_ref": ref,
                "what": what,
                "who": "Teacher",
                "how_often": "Weekly",
                "how_long": "Term",
                "cost_pounds": "50",
            },
        )
    bad_cost = client.post(
        f"/support/plans/{plan.pk}/provision/add/",
        {
            "area": "communication_interaction",
            "what": "x",
            "who": "y",
            "how_often": "z",
            "how_long": "w",
            "cost_pounds": "lots",
        },
    )
    assert "Cost must be a number, like 120 or 45.50" in bad_cost.content.decode()
    outcome = plan.outcomes.get()
    client.post(
        f"/support/plans/{plan.pk}/reviews/new/",
        {
            f"outcome_{outcome.pk}": "achieved",
            "summary": "Done",
            "next_step": "continue",
            **_date("reviewed_on", dt.date(2025, 12, 1)),
        },
    )
    page = client.get(f"/support/plans/{plan.pk}/").content.decode()
    assert "Ordinarily available" in page and "Beyond ordinarily available" in page
    assert "Review on 1 December 2025" in page and "Achieved" in page
    assert "Total cost £100.00, of which £50.00 is beyond ordinarily available provision" in page


def test_the_family_sees_the_plan_read_only(world):
    plan = SupportPlanFactory(child=world.child, setting=world.school)
    client = signed_in_client(world.parent)
    listing = client.get(f"/support/children/{world.child.pk}/plans/").content.decode()
    assert "Support plan 1, Oak Tree Primary" in listing and "Start a support plan" not in listing
    page = client.get(f"/support/plans/{plan.pk}/").content.decode()
    assert "Review the plan" not in page and "Add an outcome" not in page
    assert client.get(f"/support/plans/{plan.pk}/outcomes/add/").status_code == 404
    assert client.get(f"/support/settings/{world.school.pk}/register/").status_code == 404


def test_la_view_and_census_pages(world):
    RegisterEntryFactory(child=world.child, setting=world.school, primary_need="DS")
    user, _ = la_staff(world.la)
    client = signed_in_client(user)
    assert client.get("/support/").headers["Location"] == "/support/area/"
    page = client.get("/support/area/?need=DS&provision=K").content.decode()
    assert "Okafor, Amara" in page and "Oak Tree Primary" in page
    assert "Okafor, Amara" not in client.get("/support/area/?need=ASD").content.decode()
    census = client.get("/support/area/census/").content.decode()
    assert "DS: Down syndrome" in census
    # LA staff read a setting's register but cannot change it.
    register = client.get(f"/support/settings/{world.school.pk}/register/").content.decode()
    assert "Okafor, Amara" in register and "Add a child to the register" not in register
    assert client.get(f"/support/settings/{world.school.pk}/register/add/").status_code == 404


def test_senco_page_records_the_qualification(world):
    client = signed_in_client(world.senco_user)
    url = f"/support/settings/{world.school.pk}/senco/"
    bad = client.post(
        url, {"name": "Grace Adeyemi", "qualification": "npq_senco", **_date("achieved_on", None)}
    )
    assert "Enter the date the qualification was achieved" in bad.content.decode()
    ok = client.post(
        url,
        {"name": "Grace Adeyemi", "qualification": "npq_senco", **_date("achieved_on", dt.date(2025, 7, 1))},
    )
    assert ok.status_code == 302
    assert "National professional qualification (NPQ) for SENCos" in client.get(url).content.decode()


def test_ordinarily_available_provision_is_public_with_local_additions(client, world):
    page = client.get("/support/ordinarily-available/").content.decode()
    assert "Ordinarily available provision" in page and "Small-group speech and language programme" in page
