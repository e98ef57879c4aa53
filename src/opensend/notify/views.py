from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opensend.access.policy import policy_required, principal_of
from opensend.core.errors import ApplicationError
from opensend.core.http import page_number

from . import selectors, services
from .forms import PreferencesForm
from .policies import notification_policy, preference_policy


@policy_required(notification_policy, "list")
def notification_list(request: HttpRequest) -> HttpResponse:
    page = selectors.notification_page(principal_of(request), page=page_number(request))
    return render(request, "notify/notification_list.html", {"page": page})


@policy_required(notification_policy, "view")
def notification_detail(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = selectors.notification_get(principal_of(request), notification_id)
    return render(request, "notify/notification_detail.html", {"notification": notification})


@policy_required(preference_policy, "edit")
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    rows = selectors.preferences_for(principal)
    initial = {"email": [r.id for r in rows if r.email and not r.category.mandatory]}
    # Bound on every POST: with every box unticked only the token is posted, and that is a choice too.
    form = PreferencesForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_set(by=principal, email=form.chosen())
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Your email choices have been saved")
            return redirect("notify:preferences")
    checked = set(form["email"].value() or [])
    optional_ids = [r.id for r in rows if not r.category.mandatory]
    items = [
        {
            "id": r.id,
            # The error summary links to id_email_0, the first box that can be changed.
            "dom_id": "" if r.category.mandatory else f"id_email_{optional_ids.index(r.id)}",
            "label": r.category.label,
            "description": r.category.description,
            "mandatory": r.category.mandatory,
            "reason": r.category.mandatory_reason,
            "checked": r.category.mandatory or r.id in checked,
        }
        for r in rows
    ]
    return render(request, "notify/preferences.html", {"form": form, "items": items})
