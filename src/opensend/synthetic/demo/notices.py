"""The demo council's details for letters, and the letters of the demo's refusals.

Called from `synthetic.demo.area.seed_demo` after the casework and panels seeds (the panels seed makes
its past refusal's notice with `demo_notice`). Like the other seeds it writes through the ORM:
seeding is not an action by a person, so nothing is audited and nobody is emailed.
"""

import datetime as dt
import logging

from django.core.files.base import ContentFile
from django.db import transaction

from opensend.accounts.models import Organisation
from opensend.casework.models import AssessmentRequest
from opensend.casework.notifications import family_of
from opensend.casework.workflow import NOTICE_KINDS
from opensend.core import clock
from opensend.core.letters import PdfStatus
from opensend.notices import letters
from opensend.notices.kinds import KINDS
from opensend.notices.models import CouncilDetails, DecisionNotice

from .area import DEMO_LA_CODE, MEDIATION_SERVICE

log = logging.getLogger(__name__)

DETAILS = {
    "mediation_adviser_name": MEDIATION_SERVICE,
    "mediation_adviser_telephone": "020 7946 0321",
    "mediation_adviser_email": "mediation@example.org",
    "mediation_adviser_website": "https://mediation.example.org",
    "mediation_contact_name": "Barnet SEND Mediation Officer",
    "mediation_contact_telephone": "020 8359 0000",
    "mediation_contact_email": "send.mediation@example.org",
    "sendiass_name": "Barnet SENDIASS",
    "sendiass_telephone": "020 8359 7637",
    "sendiass_email": "sendiass@example.org",
    "sendiass_website": "https://sendiass.example.org",
    "disagreement_name": "North London Disagreement Resolution Service",
    "disagreement_telephone": "020 7946 0456",
    "disagreement_email": "resolve@example.org",
    "disagreement_website": "https://resolve.example.org",
    "local_offer_url": "https://localoffer.example.org/schools-and-colleges",
    "schools_information": "The Local Offer lists every school, college and early years setting in Barnet, "
    "with their SEN information reports. The SEND team can send you a printed list.",
}
REFUSAL_REASONS = (
    "The school has not yet tried the support that most children with these needs get. We would "
    "like the school to use the advice of the specialist teacher for two terms first, and to review "
    "it with you."
)


@transaction.atomic
def seed_notices_demo() -> int:
    """The demo council's details, and a notice for each demo refusal without one; returns how many."""
    la = Organisation.objects.filter(la_code_old=DEMO_LA_CODE).first()
    if la is None:
        return 0
    council_details(la)
    refusals = AssessmentRequest.objects.filter(
        local_authority=la, status__in=sorted(NOTICE_KINDS), decision_notices__isnull=True
    ).select_related("child", "local_authority")
    made = 0
    for case in refusals:
        kind = NOTICE_KINDS[case.status]  # type: ignore[index]
        decided_on = case.request_outcome_on or case.assessment_outcome_on or clock.today()
        demo_notice(case, kind, REFUSAL_REASONS, decided_on)
        made += 1
    return made


def council_details(la: Organisation) -> CouncilDetails:
    details, _ = CouncilDetails.objects.get_or_create(local_authority=la, defaults=DETAILS)
    return details


def demo_notice(
    case: AssessmentRequest,
    kind: str,
    reasons: str,
    decided_on: dt.date,
    *,
    panel_name: str = "",
    panel_met_on: dt.date | None = None,
) -> DecisionNotice:
    """A refusal's notice as `services.notice_issue` would write it, dated the day of the decision."""
    details = council_details(case.local_authority)
    dates = letters.notice_dates(decided_on)
    html = letters.compose(
        KINDS[kind],
        child=case.child,
        council=case.local_authority,
        details=details,
        reasons=reasons,
        decided_on=decided_on,
        dated=decided_on,
        dates=dates,
        to_names=[u.full_name for u in family_of(case.child)],
        case=case,
        panel_name=panel_name,
        panel_met_on=panel_met_on,
    )
    notice = DecisionNotice(
        kind=kind,
        child=case.child,
        local_authority=case.local_authority,
        case=case,
        decided_on=decided_on,
        dated=decided_on,
        reasons=reasons,
        panel_name=panel_name,
        panel_met_on=panel_met_on,
        mediation_by=dates.mediation.due,
        appeal_by=dates.appeal.due,
        rule_set=dates.rule_set,
        html=html,
        html_sha256=letters.sha256(html),
        decided_by_name=f"{case.local_authority.name} SEND service",
    )
    try:
        pdf = letters.render_pdf(html)
    except Exception:  # the demo still has the HTML letter; the PDF task can make it later
        log.exception("Demo notice PDF could not be made")
    else:
        notice.pdf.save(f"{case.reference}-{kind}.pdf", ContentFile(pdf), save=False)
        notice.pdf_sha256, notice.pdf_status, notice.pdf_attempts = letters.sha256(pdf), PdfStatus.READY, 1
    notice.save()
    return notice
