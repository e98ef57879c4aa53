import pytest
from django.test import Client
from django.utils.html import escape

from opensend.rulebook.rules import default_rulebook

pytestmark = pytest.mark.django_db


def calculate(client: Client, rule: str, trigger: str, second: str = "") -> str:
    params = {"rule": rule}
    for name, value in (("trigger", trigger), ("second", second)):
        day, month, year = value.split("/") if value else ("", "", "")
        params |= {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}
    response = client.get("/rules/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_is_public_and_lists_every_rule_by_stage_with_its_law() -> None:
    response = Client().get("/rules/")
    assert response.status_code == 200
    html = response.content.decode()
    rule_set = default_rulebook().current()
    for stage, rules in rule_set.by_stage():
        assert escape(stage.title) in html
        for rule in rules:
            assert f'id="rule-{rule.id}"' in html
            assert escape(rule.reference) in html
            assert f'The law\'s words: "{escape(rule.period_text)}"' in html
    assert "There is a problem" not in html
    assert "<title>Statutory time limits" in html


def test_calculator_shows_the_due_date_the_law_and_how_it_was_counted() -> None:
    html = calculate(Client(), "A8", "6/1/2025")
    assert '<time datetime="2025-05-26">Monday 26 May 2025</time>' in html
    assert "SEND Regulations 2014, regulation 13(2)" in html
    assert (
        "Monday 6 January 2025 is not counted, so 20 weeks (140 days) after it end on Monday 26 May 2025"
        in html
    )
    assert "The law's words" in html


def test_calculator_works_for_a_rule_with_two_dates() -> None:
    html = calculate(Client(), "T1", "31/12/2024", "15/1/2025")
    assert '<time datetime="2025-02-28">Friday 28 February 2025</time>' in html


def test_bad_date_shows_the_error_summary_and_keeps_what_was_typed() -> None:
    html = calculate(Client(), "A8", "31/2/2025")
    assert "There is a problem" in html
    assert "The date it counts from must be a real date</a>" in html
    assert 'value="31"' in html
    assert '<option value="A8" selected>' in html
    assert "<title>Error: " in html
    assert 'id="result"' not in html


def test_missing_rule_and_date_are_both_reported() -> None:
    html = calculate(Client(), "", "")
    assert '<a href="#id_rule">Choose a time limit</a>' in html
    assert "Enter the date it counts from</a>" in html


def test_a_second_date_is_asked_for_only_where_the_rule_needs_one() -> None:
    needs = calculate(Client(), "X3", "1/10/2024")
    assert "Enter the second date: X3 counts from the day the plan transferred" in needs
    unneeded = calculate(Client(), "A2", "1/10/2024", "2/10/2024")
    assert "A2 counts from one date only: leave the second date empty" in unneeded


def test_the_corrected_periods_are_shown() -> None:
    assert '<time datetime="2027-02-28">Sunday 28 February 2027</time>' in calculate(
        Client(), "R1", "1/3/2026"
    )
    assert '<time datetime="2026-01-13">Tuesday 13 January 2026</time>' in calculate(
        Client(), "X1", "19/12/2025"
    )
    assert '<time datetime="2026-02-14">Saturday 14 February 2026</time>' in calculate(
        Client(), "P1", "1/9/2026"
    )


def test_the_public_wording_of_t3d_and_t3e_is_right() -> None:
    html = Client().get("/rules/").content.decode()
    t3d = html[html.index('id="rule-T3d"') : html.index('id="rule-T3e"')]
    assert "the school it names" not in t3d
    assert "description of needs (section B) or the special educational provision (section F)" in t3d
    assert "An appeal only about the school or college named is T3e (2 weeks)" in t3d
    t3e = html[html.index('id="rule-T3e"') : html.index('id="rule-T3f"')]
    assert "within 2 weeks" in t3e


def test_a_second_date_before_the_first_is_refused_on_the_form_with_the_reason() -> None:
    html = calculate(Client(), "T1", "10/3/2025", "9/3/2025")
    assert "There is a problem" in html
    assert "is before the day the decision letter was sent (Monday 10 March 2025)" in html
    assert 'id="result"' not in html
    assert 'value="9"' in html


def test_a_date_before_the_rule_set_is_explained_on_the_form() -> None:
    html = calculate(Client(), "A8", "1/1/2010")
    assert "No rule set covers dates before Monday 1 September 2014" in html


def test_the_view_is_marked_public_for_the_policy_sweep() -> None:
    from opensend.rulebook.views import index

    assert index.opensend_policy == "public"  # type: ignore[attr-defined]
