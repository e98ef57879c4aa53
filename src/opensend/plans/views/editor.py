"""The caseworker's editor: a GOV.UK task list of sections A to K, one form per section or item."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from opensend.access.policy import policy_required, principal_of
from opensend.core import clock
from opensend.core.errors import ApplicationError, Conflict
from opensend.core.forms import submit
from opensend.plans import selectors, services
from opensend.plans.forms import ITEM_FORMS, SECTION_FORMS, CompletedForm, NeedForm, VersionedForm
from opensend.plans.policies import plan_policy
from opensend.plans.render import sections_view
from opensend.plans.schema.document import ITEM_LISTS, SECTION_KEYS, SECTION_TITLES


@require_POST
@policy_required(plan_policy, "draft")
def start(request: HttpRequest, case_id: int) -> HttpResponse:
    principal = principal_of(request)
    case = selectors.case_to_start_from(principal, case_id)
    try:
        plan = services.plan_start(by=principal, case=case)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("casework:case", case.pk)
    return redirect("plans:edit", plan.pk)


@policy_required(plan_policy, "draft")
def edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_for_editing(principal_of(request), plan_id)
    view = selectors.editor(plan)
    problems_by_section: dict[str, int] = {}
    for p in view.problems:
        problems_by_section[p.section] = problems_by_section.get(p.section, 0) + 1
    rows = [
        {"section": s, "title": SECTION_TITLES[s.key], "problems": problems_by_section.get(s.key, 0)}
        for s in view.sections
    ]
    return render(
        request,
        "plans/edit.html",
        {
            "plan": plan,
            "rows": rows,
            "problems": view.problems,
            "versions": selectors.versions_of(principal_of(request), plan),
            "actions": selectors.plan_actions(principal_of(request), plan, clock.today()),
        },
    )


def _choices(plan_sections: dict[str, dict[str, Any]]) -> dict[str, list[tuple[str, str]]]:
    def label(item: dict[str, Any], text_field: str) -> str:
        text = (item.get(text_field) or "").strip().splitlines()[0:1]
        return f"{item['id']}: {text[0][:80] if text else ''}"

    needs = [(n["id"], label(n, "description")) for k in ("b", "c", "d") for n in plan_sections[k]["needs"]]
    outcomes = [(o["id"], label(o, "description")) for o in plan_sections["e"]["outcomes"]]
    provision = [
        (p["id"], label(p, "what")) for k in ("f", "g", "h1", "h2") for p in plan_sections[k]["provision"]
    ]
    return {"need_ids": needs, "outcome_ids": outcomes, "provision_ids": provision}


def _form(
    cls: type[VersionedForm], key: str, data: Any, initial: dict[str, Any], sections: dict[str, Any]
) -> VersionedForm:
    kwargs: dict[str, Any] = {"with_area": key == "b"} if cls is NeedForm else {}
    form = cls(data, initial=initial, **kwargs)
    for name, choices in _choices(sections).items():
        if name in form.fields:
            form.fields[name].choices = choices  # type: ignore[attr-defined]
    return form


def _dates(item: dict[str, Any]) -> dict[str, Any]:
    import datetime as dt

    out = dict(item)
    for k, v in item.items():
        if isinstance(v, str) and len(v) == 10 and v[4] == "-" and k.endswith(("_on", "_date")):
            out[k] = dt.date.fromisoformat(v)
    return out


@policy_required(plan_policy, "draft")
def section(request: HttpRequest, plan_id: int, key: str) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    if key not in SECTION_KEYS:
        raise Http404("Page not found")
    rows = selectors.sections_of(plan)
    sec = rows[key]
    contents = {k: r.content for k, r in rows.items()}
    form_cls = SECTION_FORMS.get(key)
    own = {k: v for k, v in sec.content.items() if k not in (ITEM_LISTS.get(key, ("",))[0],)}
    if key == "g":
        own = sec.content.get("agreement") or {}
    form = _form(form_cls, key, None, {**_dates(own), "version": sec.version}, contents) if form_cls else None
    done = CompletedForm(
        initial={"version": sec.version, "completed": "yes" if sec.status == "completed" else None}
    )
    conflict: dict[str, Any] | None = None
    status = 200
    if request.method == "POST":
        if request.POST.get("form") == "completed":
            done = CompletedForm(request.POST)
            saved = submit(
                done,
                lambda: services.section_save(
                    by=principal,
                    plan=plan,
                    key=key,
                    content=sec.content,
                    expected_version=None,
                    completed=done.cleaned_data["completed"],
                ),
            )
            if saved is not None:
                return redirect("plans:edit", plan.pk)
            form_for_errors: Any = done
        else:
            assert form_cls is not None
            form = _form(form_cls, key, request.POST, {}, contents)
            form_for_errors = form
            if form.is_valid():
                new = form.content()
                content = {**sec.content, "agreement": new} if key == "g" else {**sec.content, **new}
                try:
                    services.section_save(
                        by=principal,
                        plan=plan,
                        key=key,
                        content=content,
                        expected_version=form.cleaned_data["version"],
                    )
                    messages.success(request, f"Section {key.upper()} saved")
                    return redirect("plans:section", plan.pk, key)
                except Conflict as error:
                    conflict = {"saved": error.extra["saved"]}
                    data = request.POST.copy()
                    data["version"] = str(error.extra["current_version"])
                    form = _form(form_cls, key, data, {}, contents)
                    form.is_valid()
                    form.add_application_error(error)
                    form_for_errors = form
                except ApplicationError as error:
                    form.add_application_error(error)
        status = 400 if (conflict or form_for_errors.errors) else 200
    else:
        form_for_errors = form
    view = selectors.editor(plan)
    problems = [p for p in view.problems if p.section == key]
    items = sections_view({"sections": contents})[SECTION_KEYS.index(key)].items
    return render(
        request,
        "plans/section.html",
        {
            "plan": plan,
            "key": key,
            "title": SECTION_TITLES[key],
            "sec": sec,
            "section_form": form,
            "form": form_for_errors,
            "done_form": done,
            "items": items,
            "is_list": key in ITEM_LISTS,
            "problems": problems,
            "conflict": conflict,
            "saved_view": sections_view({"sections": {**contents, key: conflict["saved"]}})[
                SECTION_KEYS.index(key)
            ]
            if conflict
            else None,
        },
        status=status,
    )


@policy_required(plan_policy, "draft")
def item(request: HttpRequest, plan_id: int, key: str, item_id: str) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    if key not in ITEM_LISTS:
        raise Http404("Page not found")
    rows = selectors.sections_of(plan)
    sec = rows[key]
    contents = {k: r.content for k, r in rows.items()}
    field, _ = ITEM_LISTS[key]
    current = next((i for i in sec.content.get(field, []) if i["id"] == item_id), None)
    if item_id != "new" and current is None:
        raise Http404("Page not found")
    cls = ITEM_FORMS[key]
    form = _form(cls, key, None, {**_dates(current or {}), "version": sec.version}, contents)
    conflict = None
    if request.method == "POST":
        form = _form(cls, key, request.POST, {}, contents)
        if form.is_valid():
            new = {**(current or {}), **form.content()}
            if item_id != "new":
                new["id"] = item_id
            try:
                services.item_save(
                    by=principal, plan=plan, key=key, item=new, expected_version=form.cleaned_data["version"]
                )
                messages.success(
                    request, f"{'Added' if item_id == 'new' else 'Saved'} in section {key.upper()}"
                )
                return redirect("plans:section", plan.pk, key)
            except Conflict as error:
                saved_items = dict(error.extra["saved"]).get(field, [])  # type: ignore[call-overload]
                conflict = {
                    "saved": next((i for i in saved_items if i["id"] == item_id), None),
                    "removed": item_id != "new" and not any(i["id"] == item_id for i in saved_items),
                }
                data = request.POST.copy()
                data["version"] = str(error.extra["current_version"])
                form = _form(cls, key, data, {}, contents)
                form.is_valid()
                form.add_application_error(error)
            except ApplicationError as error:
                form.add_application_error(error)
    saved_row = None
    if conflict and conflict["saved"]:
        saved_row = sections_view({"sections": {**contents, key: {field: [conflict["saved"]]}}})[
            SECTION_KEYS.index(key)
        ].items[0]
    view = selectors.editor(plan)
    return render(
        request,
        "plans/item.html",
        {
            "plan": plan,
            "key": key,
            "title": SECTION_TITLES[key],
            "item_id": item_id,
            "form": form,
            "conflict": conflict,
            "saved_row": saved_row,
            "problems": [p for p in view.problems if p.section == key and p.item_id == item_id],
            "version": sec.version,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@policy_required(plan_policy, "draft")
def item_remove(request: HttpRequest, plan_id: int, key: str, item_id: str) -> HttpResponse:
    principal = principal_of(request)
    plan = selectors.plan_for_editing(principal, plan_id)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        services.item_remove(by=principal, plan=plan, key=key, item_id=item_id, expected_version=version)
        messages.success(request, f"Removed {item_id}")
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("plans:section", plan.pk, key)
