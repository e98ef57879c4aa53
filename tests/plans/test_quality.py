import datetime as dt

import pytest

from opensend.plans import quality
from opensend.plans.schema.document import PlanDocument
from opensend.synthetic.demo.plans import sample_sections

TODAY = dt.date(2026, 3, 2)


def doc(**changes):
    sections = sample_sections(TODAY)
    sections.update(changes)
    return PlanDocument.model_validate({"schema": "opensend-ehc-plan/1.0", "sections": sections})


def rules(d, kind="draft"):
    return {p.rule for p in quality.check(d, kind)}


def test_the_sample_plan_passes_as_a_draft():
    assert quality.check(doc(), "draft") == []


def test_every_need_needs_provision_and_an_outcome():
    d = doc()
    d.sections.b.needs.append(d.sections.b.needs[0].model_copy(update={"id": "B-3"}))
    problems = [p for p in quality.check(d, "draft") if p.item_id == "B-3"]
    assert {p.rule for p in problems} == {"need_has_provision", "need_has_outcome"}
    assert all(p.section == "b" for p in problems)


def test_provision_must_be_quantified():
    d = doc()
    d.sections.f.provision[0].minutes = None
    d.sections.f.provision[0].funding = None
    [problem] = [p for p in quality.check(d, "draft") if p.rule == "provision_quantified"]
    assert problem.item_id == "F-1" and problem.field == "minutes"
    assert "how long each session lasts" in problem.message and "who funds it" in problem.message


@pytest.mark.parametrize(
    "phrase", ["access to", "regular", "as required", "opportunities for", "as appropriate"]
)
def test_vague_wording_is_flagged(phrase):
    d = doc()
    d.sections.f.provision[1].what = f"Will have {phrase} a teaching assistant"
    [problem] = [p for p in quality.check(d, "draft") if p.rule == "vague_wording"]
    assert problem.item_id == "F-2" and problem.field == "what" and phrase in problem.message


def test_vague_phrases_are_data():
    assert "as required" in quality.VAGUE_PHRASES


def test_outcomes_need_a_date():
    d = doc()
    d.sections.e.outcomes[0].by_date = None
    assert "outcome_dated" in rules(d)


def test_section_i_must_be_blank_in_a_draft_and_named_in_a_final():
    assert "placement_named_in_final" in rules(doc(), "final")
    d = doc(i={"name": "Oak School"})
    assert "placement_blank_in_draft" in rules(d, "draft")
    assert "placement_named_in_final" not in rules(d, "final")


def test_health_provision_must_be_agreed_by_the_commissioning_body():
    g = {"provision": [dict(sample_sections(TODAY)["f"]["provision"][0], id="G-1", funding="health")]}
    assert "health_agreed" in rules(doc(g=g))
    g["agreement"] = {"commissioning_body": "NCL ICB", "agreed_by": "Dr A, DCO", "agreed_on": "2026-02-01"}
    assert "health_agreed" not in rules(doc(g=g))


def test_preparing_for_adulthood_outcomes_from_year_9():
    d = doc()
    d.plan.child.school_year = 9
    assert "pfa_outcomes" in rules(d)
    d.sections.e.outcomes[0].pfa_area = "employment"
    assert "pfa_outcomes" not in rules(d)


def test_school_year():
    assert quality.school_year(dt.date(2012, 10, 1), dt.date(2026, 3, 2)) == 8
    assert quality.school_year(dt.date(2012, 8, 31), dt.date(2026, 3, 2)) == 9
