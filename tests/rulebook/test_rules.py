import datetime as dt
from pathlib import Path

import pytest

from opensend.rulebook.engine import due_date
from opensend.rulebook.errors import RuleSetError
from opensend.rulebook.exceptions import ExceptionKind
from opensend.rulebook.rules import RULESETS_DIR, RuleBook, default_rulebook, load_rule_set

D = dt.date

ASSESSMENT_AND_REVIEW = ["A2", "A3", "A4", "A6", "A7", "A8", "R1", "R3", "R4", "R5", "R6", "R7"]
PHASE_TRANSFER_AND_MEDIATION = ["P1", "P2", "P3", "RA2", "X1", "X2", "X3", "M2", "M3", "M4", "M5", "M6", "M7"]
TRIBUNAL = [
    "T1",
    "T2",
    "T3a",
    "T3b",
    "T3c",
    "T3d",
    "T3e",
    "T3f",
    "T3g",
    "T5a",
    "T5b",
    "T5c",
    "T6a",
    "T6b",
    "T7",
    "T8",
    "T10",
    "T11",
]
EXPECTED_IDS = ASSESSMENT_AND_REVIEW + PHASE_TRANSFER_AND_MEDIATION + TRIBUNAL

MEDIATION_2027 = """
id = "mandatory-mediation-test"
title = "A test rule set with mandatory mediation"
effective_from = 2027-01-01
sources = ["A test"]
closure_days = [2027-01-04]

[[stages]]
id = "mediation"
title = "Mediation"

[[rules]]
id = "M4"
stage = "mediation"
title = "Council arranges mediation"
description = "Within 20 days."
reference = "Test regulations, regulation 1"
provenance = "D"
trigger = "mediation_requested"
trigger_label = "the day you told the council"
offset = 20
unit = "days"
words = "within"
period_text = "within 20 days"

[[rules]]
id = "M3"
stage = "mediation"
title = "Certificate"
description = "Within 3 working days."
reference = "Test regulations, regulation 2"
provenance = "D"
trigger = "mediation_declined"
trigger_label = "the day you told the adviser"
offset = 3
unit = "working_days"
words = "within"
period_text = "within 3 working days"
"""


def test_england_2014_has_exactly_the_rules_of_the_issue_in_order() -> None:
    rule_set = default_rulebook().in_force(D(2025, 1, 1))
    assert rule_set.id == "england-2014"
    assert rule_set.effective_from == D(2014, 9, 1)
    assert list(rule_set.rules) == EXPECTED_IDS


def test_every_rule_has_its_words_reference_provenance_and_a_known_stage() -> None:
    rule_set = default_rulebook().current()
    stages = {s.id for s in rule_set.stages}
    for rule in rule_set:
        assert rule.title and rule.description and rule.reference, rule.id
        assert rule.provenance[0] in "CMD", rule.id
        assert rule.stage in stages
        assert all(count.trigger and count.trigger_label for count in rule.counts)
        assert all(count.period_text for count in rule.counts), rule.id
    assert sum(len(rules) for _, rules in rule_set.by_stage()) == len(EXPECTED_IDS)


# The words of each period as the regulation has them (docs/rulebook.md has the table).
EXPECTED_WORDS = {
    "A2": "within", "A3": "within", "A4": "within", "A6": "beginning with", "A7": "within",
    "A8": "within", "R1": "starting with", "R3": "at least before", "R4": "within", "R5": "within",
    "R6": "beginning with", "R7": "within", "P1": "before", "P2": "before", "P3": "at least before",
    "RA2": "within", "X1": "beginning with", "X2": "within",
    "X3": "later of: beginning with / beginning with", "M2": "within", "M3": "within", "M4": "within",
    "M5": "within", "M6": "within", "M7": "within", "T1": "later of: within / within", "T2": "within",
} | dict.fromkeys(TRIBUNAL[2:], "within")  # fmt: skip


def test_every_rule_has_the_words_of_its_regulation() -> None:
    rule_set = default_rulebook().current()
    assert {rule.id: rule.words for rule in rule_set} == EXPECTED_WORDS
    assert "starting with the date on which the plan was first made" in rule_set.rule("R1").period_text
    assert "15 working days beginning with the day" in rule_set.rule("X1").period_text
    assert rule_set.rule("X3").period_text.count("beginning with") == 2
    assert rule_set.rule("P1").period_text.startswith("before")
    assert "before 31 March" in rule_set.rule("P2").period_text


def test_the_unopposed_appeal_rules_cover_every_timed_paragraph_of_regulation_45() -> None:
    rule_set = default_rulebook().current()
    periods = {
        rule_id: rule_set.rule(rule_id).counts[0].offset for rule_id in TRIBUNAL if rule_id.startswith("T3")
    }
    assert periods == {"T3a": 2, "T3b": 10, "T3c": 14, "T3d": 5, "T3e": 2, "T3f": 5, "T3g": 11}
    t3d = rule_set.rule("T3d")
    assert "school or college named is T3e (2 weeks)" in t3d.description
    assert "the school it names" not in t3d.description
    assert "section 51(2)(c)(i) or (ii), or (e)" in t3d.period_text
    assert "only about the school or college named" in rule_set.rule("T3e").description


def test_the_20_week_rule_allows_the_four_regulation_10_4_exceptions() -> None:
    a8 = default_rulebook().current().rule("A8")
    assert set(a8.exceptions.kinds) == set(ExceptionKind) - {ExceptionKind.APPOINTMENT_MISSED}
    assert "regulation 13(3)" in a8.exceptions.reference
    assert a8.sen2_week20


def _book_with_second_rule_set(tmp_path: Path) -> RuleBook:
    (tmp_path / "england-2014.toml").write_bytes((RULESETS_DIR / "england-2014.toml").read_bytes())
    (tmp_path / "mediation-2027.toml").write_text(MEDIATION_2027)
    return RuleBook.from_directory(tmp_path)


def test_a_later_rule_set_applies_from_its_own_date_with_no_code_change(tmp_path: Path) -> None:
    book = _book_with_second_rule_set(tmp_path)
    before = due_date("M4", D(2026, 12, 31), rulebook=book)
    after = due_date("M4", D(2027, 1, 1), rulebook=book)
    assert (before.rule_set_id, before.due) == ("england-2014", D(2027, 1, 30))
    assert (after.rule_set_id, after.due) == ("mandatory-mediation-test", D(2027, 1, 21))


def test_a_later_rule_set_brings_its_own_closure_days(tmp_path: Path) -> None:
    book = _book_with_second_rule_set(tmp_path)
    # Fri 1 Jan 2027 is New Year's Day; Mon 4 Jan is a closure day in the test rule set only.
    assert due_date("M3", D(2026, 12, 31), on=D(2026, 12, 31), rulebook=book).due == D(2027, 1, 6)
    assert due_date("M3", D(2026, 12, 31), on=D(2027, 1, 1), rulebook=book).due == D(2027, 1, 7)


def test_rules_missing_from_a_later_rule_set_are_unknown_from_its_date(tmp_path: Path) -> None:
    book = _book_with_second_rule_set(tmp_path)
    assert due_date("A8", D(2026, 6, 1), rulebook=book).due == D(2026, 10, 19)
    with pytest.raises(Exception, match="no rule with the id 'A8'"):
        due_date("A8", D(2027, 6, 1), rulebook=book)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("offset = 20", "offset = 0"), "offset must be a positive"),
        (('unit = "days"', 'unit = "fortnights"'), "fortnights"),
        (('stage = "mediation"', 'stage = "nowhere"'), "unknown stage"),
        (('provenance = "D"', 'provenance = "D"\ncolour = "red"'), "unknown keys"),
        (("effective_from = 2027-01-01", 'effective_from = "soon"'), "effective_from"),
        (('words = "within"', 'words = "roughly"'), "roughly"),
        (('words = "within"\n', ""), "needs its words"),
        (('period_text = "within 20 days"', 'period_text = ""'), "needs its period_text"),
        (('unit = "days"\nwords = "within"', 'unit = "days"\nwords = "before"'), "cannot be worded 'before'"),
        (('provenance = "D"', 'provenance = "D"\nexceptions = "reg-99"'), "unknown exception set"),
        (('provenance = "D"', 'provenance = "D"\nin_force_from = 2027-02-01'), "needs an in_force_note"),
        (('provenance = "D"', 'provenance = "D"\ntime_rule = "whenever"'), "whenever"),
    ],
)
def test_a_malformed_rule_set_is_refused_with_the_file_and_the_problem(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(MEDIATION_2027.replace(*change, 1))
    with pytest.raises(RuleSetError, match=message) as raised:
        load_rule_set(path)
    assert "broken.toml" in str(raised.value)


def test_two_rule_sets_starting_on_the_same_day_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(MEDIATION_2027)
    (tmp_path / "b.toml").write_text(MEDIATION_2027.replace("mandatory-mediation-test", "other"))
    with pytest.raises(RuleSetError, match="same date"):
        RuleBook.from_directory(tmp_path)
