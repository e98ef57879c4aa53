import pytest
from django.test import Client

from .cases import CASES, Case

URL = "/api/v1/rulebook"


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{c.trigger}" for c in CASES])
def test_due_date_matches_the_hand_worked_table(client: Client, case: Case) -> None:
    params = {"rule": case.rule, "trigger": case.trigger.isoformat()}
    if case.second:
        params["second"] = case.second.isoformat()
    response = client.get(f"{URL}/due-date", params)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["due"] == case.due.isoformat(), case.why
    assert body["rule"] == case.rule
    assert body["trigger"] == case.trigger.isoformat()


@pytest.mark.django_db
def test_due_date_answer_carries_reference_and_explanation(client: Client) -> None:
    body = client.get(
        f"{URL}/due-date", {"rule": "T1", "trigger": "2025-01-10", "second": "2025-02-20"}
    ).json()
    assert body == {
        "due": "2025-03-20",
        "rule": "T1",
        "title": "Appeal to the SEND Tribunal",
        "reference": (
            "Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008, rule 20(1)(c), "
            "and rule 12 (calculating time)"
        ),
        "rule_set": "england-2014",
        "trigger": "2025-01-10",
        "second": "2025-02-20",
        "words": "later of: within / within",
        "explanation": body["explanation"],
    }
    assert "The later is (b), Thursday 20 March 2025." in body["explanation"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"rule": "Z9", "trigger": "2025-01-06"}, "rule", "There is no rule with the id 'Z9'"),
        ({"rule": "A8", "trigger": "6 Jan 2025"}, "trigger", "Enter the trigger date as YYYY-MM-DD"),
        ({"rule": "A8", "trigger": "2025-02-29"}, "trigger", "The trigger date must be a real date"),
        ({"rule": "T1", "trigger": "2025-01-06"}, "second", "Rule T1 needs a second date"),
        (
            {"rule": "X3", "trigger": "2025-01-06", "second": "soon"},
            "second",
            "Enter the second date as YYYY-MM-DD",
        ),
        (
            {"rule": "A2", "trigger": "2025-01-06", "second": "2025-01-07"},
            "second",
            "counted from one date only",
        ),
        (
            {"rule": "T1", "trigger": "2025-03-10", "second": "2025-03-09"},
            "second",
            "is before the day the decision letter was sent (Monday 10 March 2025)",
        ),
        ({"rule": "T11", "trigger": "2018-04-02"}, "trigger", "Rule T11 counts from Tuesday 3 April 2018"),
    ],
)
def test_bad_input_is_422_in_the_one_error_shape(
    client: Client, params: dict[str, str], field: str, message: str
) -> None:
    response = client.get(f"{URL}/due-date", params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert message in error["message"]
    assert list(error["fields"]) == [field]


@pytest.mark.django_db
def test_missing_parameters_are_422_naming_them(client: Client) -> None:
    response = client.get(f"{URL}/due-date", {"trigger": "2025-01-06"})
    assert response.status_code == 422
    assert "rule" in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_rule_list_has_every_rule_with_its_reference(client: Client) -> None:
    response = client.get(f"{URL}/rules")
    assert response.status_code == 200
    body = response.json()
    assert body["rule_set"]["id"] == "england-2014"
    assert body["rule_set"]["effective_from"] == "2014-09-01"
    assert len(body["rules"]) == 43
    assert {r["id"] for r in body["rules"]} == {c.rule for c in CASES}
    assert all(r["reference"] and r["description"] for r in body["rules"])


@pytest.mark.django_db
def test_one_rule_shows_its_counts_and_exceptions(client: Client) -> None:
    body = client.get(f"{URL}/rules/X3").json()
    assert body["unit"] == "later_of"
    assert body["needs_second_date"] is True
    assert [(c["unit"], c["offset"], c["words"]) for c in body["counts"]] == [
        ("months", 12, "beginning with"),
        ("months", 3, "beginning with"),
    ]
    assert (
        body["counts"][1]["period_text"] == "the period of 3 months beginning with the date of the transfer"
    )
    a8 = client.get(f"{URL}/rules/A8").json()
    assert a8["exceptions"] == ["SCHOOL_CLOSURE", "EY_CLOSURE", "EXCEPTIONAL_PERSONAL", "ABSENT_FROM_AREA"]
    assert a8["words"] == "within"
    assert "within 20 weeks of the local authority receiving a request" in a8["period_text"]
    p1 = client.get(f"{URL}/rules/P1").json()
    assert p1["counts"][0] | {"trigger_label": None, "period_text": None} == {
        "trigger": "transfer",
        "trigger_label": None,
        "unit": "fixed_date",
        "offset": 0,
        "words": "before",
        "period_text": None,
        "month": 2,
        "day": 15,
    }


@pytest.mark.django_db
def test_a_rule_shows_its_own_regulation_s_exceptions_and_thresholds(client: Client) -> None:
    a3 = client.get(f"{URL}/rules/A3").json()
    assert a3["exceptions_reference"] == "SEND Regulations 2014, regulation 8(2)(a) to (c)"
    terms = {t["kind"]: t for t in a3["exception_terms"]}
    assert set(terms) == {"EXCEPTIONAL_PERSONAL", "ABSENT_FROM_AREA", "APPOINTMENT_MISSED"}
    assert "fails to keep an appointment for an examination or a test" in terms["APPOINTMENT_MISSED"]["text"]
    t5a = client.get(f"{URL}/rules/T5a").json()
    absent = next(t for t in t5a["exception_terms"] if t["kind"] == "ABSENT_FROM_AREA")
    assert absent["min_days"] == 14
    t1 = client.get(f"{URL}/rules/T1").json()
    assert t1["time_rule"] == "hesc-rule-12-application"
    assert t1["exception_terms"] == []
    assert client.get(f"{URL}/rules/T11").json()["in_force_from"] == "2018-04-03"


@pytest.mark.django_db
def test_unknown_rule_in_the_path_is_404_in_the_one_error_shape(client: Client) -> None:
    response = client.get(f"{URL}/rules/Z9")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_every_operation_is_marked_public_for_the_policy_sweep() -> None:
    from opensend.rulebook import api

    assert api.rule_list.opensend_policy == "public"  # type: ignore[attr-defined]
    assert api.rule_detail.opensend_policy == "public"  # type: ignore[attr-defined]
    assert api.due_date_compute.opensend_policy == "public"  # type: ignore[attr-defined]
