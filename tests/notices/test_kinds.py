"""The registry of appealable decisions: each has its letter and its content test, and every
appealable decision the code can make is in it. A new kind of appealable decision without a letter
template or a content test fails here."""

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from opensend.casework.codes import Status
from opensend.casework.workflow import NOTICE_KINDS, TRANSITIONS
from opensend.notices.kinds import KINDS, Subject
from opensend.panels.codes import APPEALABLE, OUTCOME_STATUS

from .test_letters import SPECIFIC

# Children and Families Act 2014, section 51(2): every matter a family can appeal.
SECTION_51_2 = {"(a)", "(b)", "(c)", "(d)", "(e)", "(f)"}


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_has_its_letter_template(kind):
    try:
        template = get_template(KINDS[kind].template)
    except TemplateDoesNotExist:  # pragma: no cover - the failure this test exists for
        pytest.fail(f"The appealable decision {kind!r} has no letter template {KINDS[kind].template}")
    assert "notices/letters/base.html" in template.template.source


def test_every_kind_has_a_content_test_and_no_test_is_for_a_kind_that_does_not_exist():
    assert set(SPECIFIC) == set(KINDS), (
        f"without a content test: {sorted(set(KINDS) - set(SPECIFIC))}; "
        f"tests for no kind: {sorted(set(SPECIFIC) - set(KINDS))}"
    )


def test_the_registry_covers_every_appealable_matter_in_section_51():
    covered = {k.appeal_right.rsplit("section 51(2)", 1)[1][:3] for k in KINDS.values()}
    assert covered == SECTION_51_2


def test_every_appealable_decision_casework_and_panels_make_has_a_kind_about_a_case():
    # Refusals are the statuses a case is closed at with a "no" (SEN2 outcome N).
    refusals = {s for s in Status if s.value.startswith("decided_not_to")}
    assert set(NOTICE_KINDS) == refusals
    assert all(not TRANSITIONS[s] for s in refusals)  # they close the case
    for status, kind in NOTICE_KINDS.items():
        assert KINDS[kind].subject is Subject.CASE, status
    # The panel's refusals are exactly the moves that carry a notice.
    assert set(NOTICE_KINDS) == APPEALABLE
    assert {s for (_, yes), s in OUTCOME_STATUS.items() if not yes} == set(NOTICE_KINDS)


def test_plan_kinds_that_send_a_plan_name_its_version():
    assert {k.id for k in KINDS.values() if k.needs_version} == {"final_plan", "amended_final"}
    assert {k.id for k in KINDS.values() if k.subject is Subject.PLAN} == {
        "final_plan",
        "amended_final",
        "no_amend",
        "cease",
        "refuse_reassess",
    }
