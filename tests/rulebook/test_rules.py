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
    assert sum(len(rules) for _, rules in rule_set.by_stage()) == len(EXPECTED_IDS)


def test_the_20_week_rule_allows_all_four_regulation_10_4_exceptions() -> None:
    a8 = default_rulebook().current().rule("A8")
    assert set(a8.exceptions) == set(ExceptionKind)
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
