"""A first draft from the case's structured advice (the advice app).

Each submitted advice (the latest version of each request) gives needs by broad area (section B),
its provision (F, linked to the need of the same area, left for the caseworker to quantify), its
outcomes (E, one per line, linked to the same adviser's needs) and an entry in K. Nothing here
decides anything: the caseworker edits every item, and the quality checks say what is missing.
"""

from typing import Any

from opensend.advice.codes import AdviceStatus
from opensend.advice.models import Advice
from opensend.casework.models import AssessmentRequest

AREAS = {  # advice.codes.NeedArea -> schema NeedArea
    "communication": "communication_interaction",
    "cognition": "cognition_learning",
    "semh": "social_emotional_mental_health",
    "sensory_physical": "sensory_physical",
}
FIELDS = {
    "communication": "needs_communication",
    "cognition": "needs_cognition",
    "semh": "needs_semh",
    "sensory_physical": "needs_sensory_physical",
}


def _advice_for(case: AssessmentRequest) -> list[Advice]:
    rows = (
        Advice.objects.filter(request__case=case, status=AdviceStatus.SUBMITTED)
        .select_related("request", "request__organisation", "request__adviser")
        .order_by("request_id", "-number")
    )
    latest: dict[int, Advice] = {}
    for advice in rows:
        latest.setdefault(advice.request_id, advice)
    return list(latest.values())


def prefill(case: AssessmentRequest) -> dict[str, dict[str, Any]]:
    """Section contents keyed by section ("b", "e", "f", "k"); empty when there is no advice."""
    needs: list[dict[str, Any]] = []
    outcomes: list[dict[str, Any]] = []
    provision: list[dict[str, Any]] = []
    advice_items: list[dict[str, Any]] = []
    by_area: dict[str, dict[str, Any]] = {}
    for advice in _advice_for(case):
        request = advice.request
        adviser = request.adviser_name
        own_needs: list[str] = []
        for area, field in FIELDS.items():
            text = (getattr(advice, field) or "").strip()
            if not text:
                continue
            need = by_area.get(area)
            if need is None:
                need = {"id": f"B-{len(needs) + 1}", "area": AREAS[area], "description": text}
                by_area[area] = need
                needs.append(need)
            else:
                need["description"] += f"\n\n{text}"
            own_needs.append(need["id"])
        for line in (advice.outcomes or "").splitlines():
            if line.strip(" -*•\t"):
                outcomes.append(
                    {
                        "id": f"E-{len(outcomes) + 1}",
                        "need_ids": list(own_needs),
                        "description": line.strip(" -*•\t"),
                    }
                )
        for item in advice.provision or []:
            area = str(item.get("area", ""))
            need = by_area.get(area)
            how = ", ".join(str(item.get(k, "")).strip() for k in ("how_often", "how_long") if item.get(k))
            what = str(item.get("what", "")).strip()
            provision.append(
                {
                    "id": f"F-{len(provision) + 1}",
                    "need_ids": [need["id"]] if need else list(own_needs[:1]),
                    "what": f"{what} ({how})" if how else what,
                    "delivered_by": str(item.get("who", "")).strip()[:300],
                }
            )
        advice_items.append(
            {
                "id": f"K-{len(advice_items) + 1}",
                "advice_type": request.get_advice_type_display(),
                "given_by": adviser[:300],
                "given_on": advice.submitted_at.date().isoformat() if advice.submitted_at else None,
                "reference": f"Advice {request.pk} version {advice.number}",
            }
        )
    out: dict[str, dict[str, Any]] = {}
    if needs:
        out["b"] = {"needs": needs}
    if outcomes:
        out["e"] = {"outcomes": outcomes, "short_term_targets": ""}
    if provision:
        out["f"] = {"provision": provision}
    if advice_items:
        out["k"] = {"advice": advice_items}
    return out
