"""Pages through real HTTP: the SENCo asks, the LA answers, the family reads; errors keep what was
typed; lists keep the same number of queries per page."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opensend.core import clock
from opensend.targeted.models import APPlacement, OutreachRequest
from tests.conftest import signed_in_client
from tests.factories import ChildFactory, FamilyLinkFactory
from tests.targeted.factories import OutreachRequestFactory, PlacementFactory, area

pytestmark = pytest.mark.django_db


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_senco_asks_la_accepts_and_answers_and_the_senco_and_family_see_the_answer():
    w = area()
    senco, la = signed_in_client(w["senco"]), signed_in_client(w["caseworker"])
    child = w["child"]
    page = senco.get(f"/targeted/children/{child.pk}/")
    assert page.status_code == 200 and b"Ask for outreach or advice" in page.content
    response = senco.post(
        f"/targeted/children/{child.pk}/outreach/new/",
        {
            "service": "speech_and_language",
            "question": "Is this delay usual?",
            "tried": "Talk Boost",
            "urgency": "soon",
        },
    )
    request = OutreachRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/targeted/outreach/{request.pk}/"

    queue = la.get("/targeted/outreach/?status=requested")
    assert child.last_name.encode() in queue.content
    assert (
        la.post(f"/targeted/outreach/{request.pk}/decide/", {"decision": "accept", "version": 1}).status_code
        == 302
    )
    response = la.post(
        f"/targeted/outreach/{request.pk}/answer/",
        {"kind": "advice", "answer": "Use narrative work", "version": 2},
    )
    assert response.status_code == 302
    shown = senco.get(f"/targeted/outreach/{request.pk}/")
    assert b"Use narrative work" in shown.content and b"Answered" in shown.content

    parent = FamilyLinkFactory(child=child).user
    family = signed_in_client(parent)
    listing = family.get("/targeted/outreach/")
    assert (
        b"Advice from specialist services" in listing.content and child.last_name.encode() in listing.content
    )
    detail = family.get(f"/targeted/outreach/{request.pk}/")
    assert b"Use narrative work" in detail.content and b"Accept or decline" not in detail.content
    assert family.get(f"/targeted/outreach/{request.pk}/answer/").status_code == 404


def test_an_error_shows_the_summary_and_keeps_what_was_typed():
    w = area()
    senco = signed_in_client(w["senco"])
    response = senco.post(
        f"/targeted/children/{w['child'].pk}/outreach/new/",
        {"service": "other", "question": "My typed question", "tried": "", "urgency": "routine"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert "Enter what the setting has already tried" in html and "My typed question" in html
    response = senco.post(
        f"/targeted/children/{w['child'].pk}/outreach/new/",
        {"service": "other", "question": "My typed question", "tried": "Lots", "urgency": "routine"},
    )
    assert "Enter the name of the service you are asking" in response.content.decode()
    assert "<title>Error:" in response.content.decode()
    assert not OutreachRequest.objects.exists()


def test_decline_without_reason_is_shown_on_the_form():
    w = area()
    request = OutreachRequestFactory(child=w["child"])
    la = signed_in_client(w["caseworker"])
    html = la.post(
        f"/targeted/outreach/{request.pk}/decide/", {"decision": "decline", "version": 1}
    ).content.decode()
    assert "Enter why the request is declined" in html and 'href="#id_reason"' in html


def test_the_answer_times_page_for_the_la():
    w = area()
    OutreachRequestFactory(child=w["child"], status="answered", answered_at=clock.now(), days_to_answer=12)
    la = signed_in_client(w["caseworker"])
    html = la.get("/targeted/outreach/answer-times/").content.decode()
    assert "How long services take to answer" in html and "12" in html
    today = clock.today()
    bad = la.get(
        "/targeted/outreach/answer-times/",
        {**_date("since", today), **_date("until", today - dt.timedelta(days=1))},
    )
    assert "The end of the period must be on or after its start" in bad.content.decode()
    assert signed_in_client(w["senco"]).get("/targeted/outreach/answer-times/").status_code == 404


def test_referral_review_and_end_through_the_pages():
    w = area()
    la = signed_in_client(w["caseworker"])
    child = w["child"]
    today = clock.today()
    start = today - dt.timedelta(days=40)
    response = la.post(
        f"/targeted/children/{child.pk}/alternative-provision/new/",
        {
            "tier": "tier_2",
            "purpose": "Rebuild routines",
            "provider": w["provider"].pk,
            **_date("start_on", start),
            **_date("planned_end_on", start - dt.timedelta(days=1)),
        },
    )
    html = response.content.decode()
    assert "The planned end date must be on or after the start date" in html and "Rebuild routines" in html
    response = la.post(
        f"/targeted/children/{child.pk}/alternative-provision/new/",
        {
            "tier": "tier_2",
            "purpose": "Rebuild routines",
            "provider": w["provider"].pk,
            **_date("start_on", start),
            **_date("planned_end_on", today + dt.timedelta(days=40)),
        },
    )
    placement = APPlacement.objects.get()
    assert response["Location"] == f"/targeted/alternative-provision/{placement.pk}/"
    assert (
        la.post(
            f"/targeted/alternative-provision/{placement.pk}/start/",
            {**_date("started_on", start), "version": 1},
        ).status_code
        == 302
    )
    before = la.post(
        f"/targeted/alternative-provision/{placement.pk}/review/",
        {
            **_date("reviewed_on", start - dt.timedelta(days=1)),
            "progress": "Typed progress",
            "decision": "continue",
            "version": 2,
        },
    ).content.decode()
    assert (
        "The review date must be on or after the day the placement started" in before
        and "Typed progress" in before
    )
    assert (
        la.post(
            f"/targeted/alternative-provision/{placement.pk}/review/",
            {**_date("reviewed_on", today), "progress": "Settled", "decision": "continue", "version": 2},
        ).status_code
        == 302
    )
    no_outcome = la.post(
        f"/targeted/alternative-provision/{placement.pk}/end/", {**_date("ended_on", today), "version": 3}
    )
    assert "Choose the outcome of the placement" in no_outcome.content.decode()
    ended = la.post(
        f"/targeted/alternative-provision/{placement.pk}/end/",
        {
            **_date("ended_on", today),
            "outcome": "return_to_mainstream",
            "outcome_setting": w["school"].pk,
            "version": 3,
        },
    )
    assert ended.status_code == 302
    detail = la.get(f"/targeted/alternative-provision/{placement.pk}/").content.decode()
    assert "Returned to mainstream" in detail and "Settled" in detail and w["school"].name in detail

    parent = signed_in_client(FamilyLinkFactory(child=child).user)
    assert "Settled" in parent.get(f"/targeted/alternative-provision/{placement.pk}/").content.decode()
    assert parent.get(f"/targeted/alternative-provision/{placement.pk}/review/").status_code == 404


def test_cancel_through_the_page():
    w = area()
    placement = PlacementFactory(child=w["child"])
    senco = signed_in_client(w["senco"])
    empty = senco.post(
        f"/targeted/alternative-provision/{placement.pk}/cancel/", {"reason": "", "version": 1}
    )
    assert "Enter why the referral is cancelled" in empty.content.decode()
    assert (
        senco.post(
            f"/targeted/alternative-provision/{placement.pk}/cancel/", {"reason": "Moved", "version": 1}
        ).status_code
        == 302
    )


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_pages_keep_the_same_number_of_queries_per_page():
    w = area()
    la = signed_in_client(w["caseworker"])
    OutreachRequestFactory(child=w["child"])
    PlacementFactory(child=w["child"])
    small = (
        _count(la, "/targeted/outreach/"),
        _count(la, "/targeted/alternative-provision/"),
        _count(la, f"/targeted/children/{w['child'].pk}/"),
    )
    for _ in range(40):
        child = ChildFactory(responsible_la=w["la"], current_setting=w["school"])
        OutreachRequestFactory(child=child)
        PlacementFactory(child=child)
    for _ in range(5):
        OutreachRequestFactory(child=w["child"], service="other", service_other="x", status="declined")
        PlacementFactory(child=w["child"], status="cancelled")
    big = (
        _count(la, "/targeted/outreach/"),
        _count(la, "/targeted/alternative-provision/"),
        _count(la, f"/targeted/children/{w['child'].pk}/"),
    )
    assert small == big
    assert b"Next" in la.get("/targeted/outreach/?page=1").content
    assert la.get("/targeted/outreach/?page=2").status_code == 200


def test_people_without_a_tie_get_404():
    w = area()
    request = OutreachRequestFactory()
    placement = PlacementFactory()
    senco = signed_in_client(w["senco"])
    for url in (
        f"/targeted/outreach/{request.pk}/",
        f"/targeted/alternative-provision/{placement.pk}/",
        f"/targeted/children/{request.child_id}/",
        f"/targeted/children/{request.child_id}/outreach/new/",
    ):
        assert senco.get(url).status_code == 404, url
