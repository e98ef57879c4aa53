"""The public standard: the JSON Schema and a page describing each section."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from opensend.access.policy import public
from opensend.plans.quality import RULES, VAGUE_PHRASES
from opensend.plans.schema import SCHEMA_ID, SCHEMA_PATH, SECTION_TITLES, json_schema
from opensend.plans.schema.document import Sections


@public
def schema_json(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(json_schema(), json_dumps_params={"indent": 2})
    response["Content-Type"] = "application/schema+json"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@public
def schema_page(request: HttpRequest) -> HttpResponse:
    defs = json_schema().get("$defs", {})
    fields = Sections.model_fields
    sections = []
    for key, title in SECTION_TITLES.items():
        ref = fields[key].annotation.__name__  # type: ignore[union-attr]
        props = defs.get(ref, {}).get("properties", {})
        sections.append(
            {
                "key": key,
                "title": title,
                "doc": (fields[key].annotation.__doc__ or "").strip(),
                "props": props,
            }
        )
    items = {
        name: defs[name]
        for name in ("Need", "Outcome", "Provision", "DirectPayment", "AdviceItem")
        if name in defs
    }
    return render(
        request,
        "plans/standard.html",
        {
            "schema_id": SCHEMA_ID,
            "schema_path": SCHEMA_PATH,
            "sections": sections,
            "items": items,
            "rules": RULES,
            "vague": VAGUE_PHRASES,
        },
    )
