"""EHC plans for the demo: a draft for the drafting case, and final plans for a few children.

Run after `casework.seed_casework_demo`. Written through the services as the demo caseworker,
so versions, hashes, HTML and the audit trail are exactly what the service would make.
"""

import datetime as dt
from typing import Any

from django.db import transaction

from opensend.access.principal import principal_for_user
from opensend.accounts.models import Organisation, User
from opensend.casework.codes import Status
from opensend.casework.models import AssessmentRequest
from opensend.children.models import Child
from opensend.core import clock
from opensend.plans.models import Plan, PlanSection
from opensend.plans.schema.document import PlanDocument
from opensend.plans.services import draft_issue, plan_import, plan_start, review_schedule, section_save
from opensend.plans.services.drafting import header

from .area import DEMO_LA_CODE, PARENT_EMAIL


def sample_sections(today: dt.date, *, pfa: bool = False) -> dict[str, Any]:
    """A complete, specific plan that passes every quality check (Section I blank)."""
    by = (today + dt.timedelta(days=365)).isoformat()
    start = today.isoformat()
    provision = {
        "sessions": 3, "per": "week", "minutes": 30, "weeks_per_year": 39, "group_size": 1,
        "starts_on": start, "funding": "la_high_needs",
    }  # fmt: skip
    return {
        "a": {
            "about_me": "I like drawing, trains and being outside.",
            "whats_important": "Knowing what is happening next.",
            "aspirations": "To work with animals.",
            "how_best_to_support": "Give me time to answer, and show me pictures.",
            "communication": "I use short sentences and some signs.",
        },
        "b": {
            "needs": [
                {
                    "id": "B-1",
                    "area": "communication_interaction",
                    "description": "Understands short instructions only.",
                },
                {"id": "B-2", "area": "cognition_learning", "description": "Reads at an age-6 level."},
            ]
        },
        "e": {
            "outcomes": [
                {
                    "id": "E-1",
                    "need_ids": ["B-1"],
                    "description": "Follows a two-step instruction in class.",
                    "measure": "8 out of 10 times, recorded weekly by the class teacher",
                    "by_date": by,
                    "pfa_area": "community" if pfa else None,
                },
                {
                    "id": "E-2",
                    "need_ids": ["B-2"],
                    "description": "Reads a book at an age-8 level.",
                    "measure": "Termly reading assessment",
                    "by_date": by,
                    "pfa_area": "employment" if pfa else None,
                },
            ],
            "short_term_targets": "The SENCo sets termly targets with the family.",
        },
        "f": {
            "provision": [
                {
                    "id": "F-1",
                    "need_ids": ["B-1"],
                    "outcome_ids": ["E-1"],
                    "what": "Speech and language therapy programme on following instructions",
                    "delivered_by": "Speech and language therapist",
                    "qualification": "HCPC registered",
                    **provision,
                },
                {
                    "id": "F-2",
                    "need_ids": ["B-2"],
                    "outcome_ids": ["E-2"],
                    "what": "Structured phonics teaching",
                    "delivered_by": "Teaching assistant",
                    "qualification": "Trained in the phonics scheme",
                    **provision,
                },
            ]
        },
        "k": {
            "advice": [
                {"id": "K-1", "advice_type": "Educational", "given_by": "Class teacher", "given_on": start}
            ]
        },
    }


@transaction.atomic
def seed_plans_demo() -> int:
    """Returns how many plans were made. Does nothing if the demo area already has plans."""
    la = Organisation.objects.filter(la_code_old=DEMO_LA_CODE).first()
    caseworker = User.objects.filter(email="caseworker@opensend.test").first()
    if la is None or caseworker is None or Plan.objects.filter(local_authority=la).exists():
        return 0
    by = principal_for_user(caseworker)
    today = clock.today()
    made = 0
    case = AssessmentRequest.objects.filter(local_authority=la, status=Status.DRAFTING).first()
    if case is not None:
        plan = plan_start(by=by, case=case)
        for key, content in sample_sections(today).items():
            section = PlanSection.objects.get(plan=plan, key=key)
            section_save(
                by=by, plan=plan, key=key, content=content, expected_version=section.version, completed=True
            )
        draft_issue(by=by, plan=plan)
        made += 1
    parent_children = list(
        Child.objects.filter(family_links__user__email=PARENT_EMAIL).order_by("date_of_birth")
    )
    older = parent_children[:1]
    taken = set(Plan.objects.values_list("child_id", flat=True))
    others = list(
        Child.objects.filter(responsible_la=la)
        .exclude(pk__in=taken)
        .exclude(pk__in=[c.pk for c in older])
        .order_by("id")[:3]
    )
    setting = Organisation.objects.filter(local_authority=la, kind="education_setting").first()
    # Two plans are near their first review (R1): one due within 8 weeks, one with its meeting arranged.
    ages = [330, 320]
    for child in older + others:
        if child.pk in taken or child.age_on(today) >= 25:
            continue
        made_on = today - dt.timedelta(days=ages.pop(0) if ages else 200)
        probe = Plan(child=child, local_authority=la)
        data: dict[str, Any] = {
            "schema": "opensend-ehc-plan/1.0",
            "plan": header(probe),
            "sections": sample_sections(made_on),
        }
        data["plan"].update(
            {
                "kind": "final",
                "issued_on": made_on.isoformat(),
                "made_on": made_on.isoformat(),
                "reference": "",
            }
        )
        if setting is not None:
            data["sections"]["i"] = {
                "name": setting.name,
                "setting_type": setting.setting_type,
                "urn": setting.urn,
            }
        version = plan_import(by=by, child=child, doc=PlanDocument.model_validate(data), source="demo")
        Plan.objects.filter(pk=version.plan_id).update(named_setting=setting)
        if made_on == today - dt.timedelta(days=320):
            review_schedule(
                by=by, plan=Plan.objects.get(pk=version.plan_id), meeting_on=today + dt.timedelta(days=21)
            )
        made += 1
    return made
