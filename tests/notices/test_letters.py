"""What every decision notice says, kind by kind, issued through `notice_issue`.

Every notice carries the decision and its reasons, the appeal deadline (T1, both routes) and the
mediation date (M2) from the rule book, the Regulation 32 notice with the adviser's and the
council's mediation contacts, the disagreement resolution service, SENDIASS, and where to read about
schools. `SPECIFIC` says what each kind adds; tests/notices/test_kinds.py fails when a kind of
appealable decision has no entry here.
"""

import html as html_lib

import pytest

from opensend.core.letters import body_of
from opensend.notices import services
from opensend.notices.kinds import KINDS, Subject
from opensend.rulebook.engine import due_date

from .conftest import REASONS, TODAY, p

pytestmark = pytest.mark.django_db

SECTION_I = (
    "You do not need a certificate if your appeal is only about the school or college named in Section I"
)
RECOMMENDATIONS = "It can make recommendations about them"

# What each kind says besides what every notice says: phrases in its letter, and whether the
# Section I exemption and the Tribunal's recommendations power apply.
SPECIFIC: dict[str, dict[str, object]] = {
    "refuse_assess": {
        "says": [
            "We received the request on 26 January 2026",
            "that <strong>we will not carry out an EHC needs assessment</strong>",
            "you, or the school or setting, can ask for an assessment again",
            "SEND Regulations 2014, regulation 5(3)",
            "Children and Families Act 2014, section 51(2)(a)",
        ],
        "section_i": False,
        "recommendations": False,
    },
    "refuse_issue": {
        "says": [
            "following the request we received on 26 January 2026",
            "an EHC plan is not necessary, so <strong>we will not issue an EHC plan</strong>",
            "The advice and information we gathered during the assessment stay on",
            "SEND Regulations 2014, regulation 10(3)",
            "section 51(2)(b)",
        ],
        "section_i": False,
        "recommendations": True,
    },
    "final_plan": {
        "says": [
            "<strong>EHCP-",
            "version 2, issued on 2 March 2026</strong>",
            "after considering what you told us about the draft",
            "the school or college named in Section I (or that none is named)",
            "SEND Regulations 2014, regulation 14",
            "section 51(2)(c)",
        ],
        "section_i": True,
        "recommendations": True,
    },
    "amended_final": {
        "says": [
            "issued the amended plan: <strong>EHCP-",
            "version 3, issued on 2 March 2026</strong>",
            "It replaces the plan that was in force",
            "SEND Regulations 2014, regulation 22(5)",
            "section 51(2)(c)",
        ],
        "section_i": True,
        "recommendations": True,
    },
    "no_amend": {
        "says": [
            "that <strong>we will not amend the EHC plan</strong>",
            "The plan stays in force as it is",
            "regulation 22(4) and (5)",
            "section 51(2)(e)",
        ],
        "section_i": False,
        "recommendations": True,
    },
    "cease": {
        "says": [
            "that <strong>we will stop maintaining the EHC plan</strong>",
            "We will keep maintaining the plan, and the help it describes, until the time for appealing "
            "has passed: at least until {appeal_by}",
            "If you appeal, we will keep maintaining it until the appeal has been decided or withdrawn",
            "SEND Regulations 2014, regulation 31(3)",
            "section 51(2)(f)",
        ],
        "section_i": False,
        "recommendations": True,
    },
    "refuse_reassess": {
        "says": [
            "that <strong>we will not carry out a re-assessment</strong>",
            "EHC plan stays in force as it is",
            "SEND Regulations 2014, regulation 25",
            "section 51(2)(d)",
        ],
        "section_i": False,
        "recommendations": True,
    },
}


def _long(day) -> str:
    return f"{day.day} {day:%B %Y}"


def issue(kind: str, caseworker, child, case, plan, amended, **kwargs):
    spec = KINDS[kind]
    subject = {"case": case} if spec.subject is Subject.CASE else {"plan": plan}
    if spec.needs_version:
        subject["plan_version"] = amended if kind == "amended_final" else plan.in_force_version
    return services.notice_issue(
        by=p(caseworker),
        kind=kind,
        child=child,
        reasons=kwargs.pop("reasons", REASONS),
        decided_on=TODAY,
        **subject,
        **kwargs,
    )


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_notice_says_what_the_law_requires(kind, details, caseworker, child, case, plan, amended):
    notice = issue(kind, caseworker, child, case, plan, amended)
    html = notice.html
    appeal_by, mediation_by = due_date("T1", TODAY, second=TODAY).due, due_date("M2", TODAY).due
    assert (notice.appeal_by, notice.mediation_by, notice.dated) == (appeal_by, mediation_by, TODAY)
    # The decision and its reasons, to the family.
    assert f"Decision about Amira Khan: {KINDS[kind].phrase}" in html
    assert html_lib.escape(REASONS) in html
    assert "To Pat Khan" in html
    assert "Date of this letter: <strong>2 March 2026</strong>" in html
    # The right to appeal and its deadline, both routes (T1), and what can be appealed.
    assert (
        f'Appeal to the Tribunal by</dt><dd class="govuk-summary-list__value"><strong>{_long(appeal_by)}'
        in html
    )
    assert "2 months after the date of this letter" in html
    assert "you can instead appeal up to 1 month after the date on the certificate, if that is later" in html
    assert due_date("T1", TODAY, second=TODAY).reference in html
    assert html_lib.escape(KINDS[kind].appeal_about) in html
    assert "www.gov.uk/appeal-ehc-plan-decision" in html
    # Regulation 32: (a) mediation, (b) the certificate, (c) the adviser, (d) timescales,
    # (e) what to tell the council, (f) who at the council.
    assert "You have the right to mediation" in html
    assert (
        "Before you can appeal, you must contact the mediation adviser and get a mediation certificate"
        in html
    )
    assert "North London SEND Mediation Service" in html and "020 7946 0000" in html
    assert "mediation@example.org" in html and "https://mediation.example.org" in html
    assert (
        'Contact the mediation adviser by</dt><dd class="govuk-summary-list__value">'
        f"<strong>{_long(mediation_by)}" in html
    )
    assert due_date("M2", TODAY).reference in html
    assert "what you disagree with (the “mediation issues”)" in html
    assert "tell us which health care you want it to include" in html
    assert "We must arrange the mediation within 30 days" in html
    assert "SEND Mediation Officer" in html and "send.mediation@example.org" in html
    # Disagreement resolution services and information, advice and support (SENDIASS).
    assert "Northshire Disagreement Resolution Service" in html and "020 7946 0333" in html
    assert "Northshire SENDIASS" in html and "sendiass@example.org" in html and "020 7946 0222" in html
    # Where to read about schools and colleges (the Local Offer).
    assert "https://localoffer.example.org/schools" in html
    assert "Ask the SEND team for a printed list of schools." in html
    # What this kind adds.
    specific = SPECIFIC[kind]
    for phrase in specific["says"]:  # type: ignore[attr-defined]
        assert phrase.format(appeal_by=_long(appeal_by)) in html, phrase
    assert (SECTION_I in html) is specific["section_i"]
    assert (RECOMMENDATIONS in html) is specific["recommendations"]
    # Stored as sent, with its hash; the page shows the letter without its document head.
    assert notice.html_sha256 == services.letters.sha256(html)
    assert body_of(html).strip().startswith('<article class="app-letter"')


def test_a_panels_decision_says_the_panel_decided(details, caseworker, child, case):
    notice = services.notice_issue(
        by=p(caseworker),
        kind="refuse_assess",
        child=child,
        case=case,
        reasons=REASONS,
        decided_on=TODAY,
        panel_name="Northshire EHC panel",
        panel_met_on=TODAY,
    )
    assert (
        "Our multi-agency panel (Northshire EHC panel), with people from education, health and social "
        "care, met on 2 March 2026 and decided"
    ) in " ".join(notice.html.split())


def test_a_letter_without_a_family_account_is_addressed_to_the_parent_or_carer(details, caseworker, la):
    from tests.casework.factories import CaseFactory

    case = CaseFactory(
        child__responsible_la=la, child__first_name="Leo", child__last_name="Fox", status="panel_assess"
    )
    notice = services.notice_issue(
        by=p(caseworker), kind="refuse_assess", child=case.child, case=case, reasons=REASONS, decided_on=TODAY
    )
    assert "To the parent or carer of Leo Fox" in notice.html


def test_a_correction_says_it_replaces_the_earlier_letter(details, caseworker, child, case):
    first = services.notice_issue(
        by=p(caseworker), kind="refuse_assess", child=child, case=case, reasons=REASONS, decided_on=TODAY
    )
    second = services.notice_issue(
        by=p(caseworker),
        kind="refuse_assess",
        child=child,
        case=case,
        reasons=REASONS + " We have also read the report from her speech and language therapist.",
        decided_on=TODAY,
        supersedes=first,
    )
    assert "This letter replaces our letter of 2 March 2026 about the same decision" in second.html
    assert "replaces our letter" not in first.html
