"""The quorum rule, exhaustively: every combination of who is present, against the national minimum
and against a tightened rule."""

import itertools

import pytest

from opensend.panels import quorum
from opensend.panels.codes import Agency

PEOPLE = {
    "chair": quorum.Present(Agency.EDUCATION, chair=True),
    "education": quorum.Present(Agency.EDUCATION),
    "health": quorum.Present(Agency.HEALTH),
    "social_care": quorum.Present(Agency.SOCIAL_CARE),
    "forum": quorum.Present(Agency.PARENT_CARER_FORUM),
}
COMBINATIONS = [combo for n in range(len(PEOPLE) + 1) for combo in itertools.combinations(sorted(PEOPLE), n)]


@pytest.mark.parametrize("present", COMBINATIONS, ids=lambda c: "+".join(c) or "nobody")
def test_national_minimum_needs_education_health_social_care_and_the_chair(present):
    gaps = quorum.missing(quorum.QuorumRule(), [PEOPLE[name] for name in present])
    needed = {"chair", "education", "health", "social_care"}
    assert (not gaps) == needed.issubset(present)
    # Each gap is named, in words a chair can act on.
    assert ("the chair is not present" in gaps) == ("chair" not in present)
    for agency, words in (("education", "education"), ("health", "health"), ("social_care", "social care")):
        assert (f"no member from {words} is present" in gaps) == (agency not in present)


@pytest.mark.parametrize("present", COMBINATIONS, ids=lambda c: "+".join(c) or "nobody")
def test_a_tightened_rule_adds_the_forum_and_a_number(present):
    rule = quorum.QuorumRule(
        agencies=frozenset({*quorum.NATIONAL_MINIMUM_AGENCIES, Agency.PARENT_CARER_FORUM}), min_members=5
    )
    gaps = quorum.missing(rule, [PEOPLE[name] for name in present])
    assert (not gaps) == (set(present) == set(PEOPLE))
    if len(present) < 5:
        assert f"{len(present)} of the 5 members needed are present" in gaps


def test_the_chair_does_not_count_for_their_agency():
    only_chair_for_education = [PEOPLE["chair"], PEOPLE["health"], PEOPLE["social_care"]]
    assert quorum.missing(quorum.QuorumRule(), only_chair_for_education) == [
        "no member from education is present"
    ]


def test_rules_below_the_national_minimum_are_named():
    assert quorum.QuorumRule().below_national_minimum() == []
    loose = quorum.QuorumRule(agencies=frozenset({Agency.EDUCATION}), chair=False)
    assert loose.below_national_minimum() == [
        "a member from health",
        "a member from social care",
        "the chair",
    ]


def test_refusal_message_lists_every_gap():
    message = quorum.refusal_message(["the chair is not present", "no member from health is present"])
    assert message == (
        "The panel is not quorate, so it cannot decide: the chair is not present; "
        "no member from health is present."
    )
