"""A plan document as HTML (pages and PDF), as a tagged PDF (WeasyPrint PDF/UA-1), and in plain English."""

import dataclasses
import datetime as dt
from typing import Any

from django.template.loader import render_to_string

from .schema.document import ITEM_LISTS, SECTION_KEYS, SECTION_TITLES, PlanDocument

AREA_WORDS = {
    "communication_interaction": "communicating and getting on with other people",
    "cognition_learning": "learning",
    "social_emotional_mental_health": "feelings, behaviour and well-being",
    "sensory_physical": "senses or body",
}
AREA_LABELS = {
    "communication_interaction": "Communication and interaction",
    "cognition_learning": "Cognition and learning",
    "social_emotional_mental_health": "Social, emotional and mental health",
    "sensory_physical": "Sensory and/or physical",
}
PER_WORDS = {
    "day": "a day",
    "week": "a week",
    "fortnight": "a fortnight",
    "half_term": "a half term",
    "term": "a term",
    "year": "a year",
}
PFA_LABELS = {
    "employment": "Employment and education",
    "independent_living": "Independent living",
    "community": "Friends, relationships and community",
    "health": "Good health",
}
FUNDING_LABELS = {
    "setting_notional": "The setting's own budget",
    "la_high_needs": "The council (high needs)",
    "health": "Health (commissioning body)",
    "social_care": "Social care",
    "personal_budget": "Personal budget",
    "other": "Other",
}


def how_much(item: dict[str, Any]) -> str:
    """“3 times a week, 30 minutes each, 39 weeks a year, in a group of 4”."""
    parts = []
    if item.get("sessions") and item.get("per"):
        times = (
            "once"
            if item["sessions"] == 1
            else ("twice" if item["sessions"] == 2 else f"{item['sessions']} times")
        )
        parts.append(f"{times} {PER_WORDS[item['per']]}")
    if item.get("minutes"):
        parts.append(f"{item['minutes']} minutes each time")
    if item.get("weeks_per_year"):
        parts.append(f"{item['weeks_per_year']} weeks a year")
    if item.get("group_size"):
        parts.append("one to one" if item["group_size"] == 1 else f"in a group of {item['group_size']}")
    return ", ".join(parts)


# Every key the templates read, so that an item of any kind renders (templates fail on a missing key).
ITEM_DEFAULTS: dict[str, Any] = dict.fromkeys(
    (
        "description",
        "what",
        "measure",
        "delivered_by",
        "qualification",
        "advice_type",
        "given_by",
        "reference",
    ),
    "",
) | dict.fromkeys(
    ("by_date", "starts_on", "ends_on", "given_on", "annual_amount_gbp", "area", "pfa_area", "funding")
)
ITEM_DEFAULTS |= {"need_ids": [], "outcome_ids": []}


@dataclasses.dataclass
class SectionView:
    key: str
    title: str
    letter: str
    data: dict[str, Any]
    items: list[dict[str, Any]]


def sections_view(data: dict[str, Any]) -> list[SectionView]:
    out = []
    for key in SECTION_KEYS:
        content = data["sections"].get(key, {})
        list_field = ITEM_LISTS.get(key, ("", ""))[0]
        items = []
        for item in content.get(list_field, []) if list_field else []:
            row = {**ITEM_DEFAULTS, **item}
            row["text"] = row["description"] or row["what"] or row["advice_type"]
            row["area_label"] = AREA_LABELS.get(row.get("area") or "", "")
            row["pfa_label"] = PFA_LABELS.get(row.get("pfa_area") or "", "")
            row["funding_label"] = FUNDING_LABELS.get(row.get("funding") or "", "")
            row["how_much"] = how_much(row)
            items.append(row)
        out.append(SectionView(key, SECTION_TITLES[key], key.upper(), content, items))
    return out


def document_context(doc: PlanDocument | dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    data = doc.model_dump(mode="json", by_alias=True) if isinstance(doc, PlanDocument) else doc
    return {"doc": data, "sections": sections_view(data), "meta": meta}


def plan_html(doc: PlanDocument | dict[str, Any], meta: dict[str, Any]) -> str:
    """The plan's body as HTML, stored with the version and shown inside the service's pages."""
    return render_to_string("plans/document/body.html", document_context(doc, meta))


def plan_pdf(version_html: str, title: str) -> bytes:
    """A tagged, accessible PDF (PDF/UA-1) of the stored HTML."""
    from weasyprint import HTML

    page = render_to_string("plans/document/pdf.html", {"body": version_html, "title": title})
    return HTML(string=page).write_pdf(pdf_variant="pdf/ua-1")


def summary(data: dict[str, Any], made_on: dt.date | None, review_by: dt.date | None) -> dict[str, Any]:
    """The plan on one page, in plain words, for the child and family."""
    s = data["sections"]
    child = data["plan"]["child"]
    areas = sorted({AREA_WORDS[n["area"]] for n in s["b"]["needs"] if n.get("area")})
    help_rows = [
        {"what": p.get("what", ""), "who": p.get("delivered_by", ""), "how_much": how_much(p)}
        for key in ("f", "g", "h1", "h2")
        for p in s[key]["provision"]
    ]
    return {
        "name": child.get("given_name", ""),
        "areas": areas,
        "aspirations": s["a"].get("aspirations", ""),
        "outcomes": [
            {
                "text": o.get("description", ""),
                "by": dt.date.fromisoformat(o["by_date"]) if o.get("by_date") else None,
            }
            for o in s["e"]["outcomes"]
        ],
        "help": help_rows,
        "setting": s["i"].get("name") or s["i"].get("setting_type") or "",
        "made_on": made_on,
        "review_by": review_by,
        "budget": s["j"].get("personal_budget_requested", False),
    }
