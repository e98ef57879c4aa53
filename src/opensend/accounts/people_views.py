"""People pages: managers add, change and end memberships of their own organisation; system
administrators find any organisation and manage its managers (ADR 0170)."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opensend.access.policy import policy_required, principal_of
from opensend.core import clock
from opensend.core.forms import GovukDateField, GovukForm
from opensend.core.http import form_page, page_number

from . import selectors, services
from .models import Membership
from .policies import membership_policy
from .roles import Role


class PersonAddForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="Their work email address. If they have no account yet, one is made and they are told how "
        "to set a password",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        required=False,
        help_text="Needed only if they do not have an account yet",
    )
    role = forms.ChoiceField(
        label="Role", widget=forms.RadioSelect, error_messages={"required": "Choose the role to give them"}
    )
    valid_from = GovukDateField(
        label="Starts on", label_noun="the start date", required=False, help_text="Leave blank to start today"
    )
    valid_to = GovukDateField(
        label="Ends on",
        label_noun="the end date",
        required=False,
        help_text="Leave blank if the role has no end date. For example, 31 3 2027",
    )
    reason = forms.CharField(
        label="Why do they need this role?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="This is kept in the audit trail and sent to the organisation's other managers",
        error_messages={"required": "Say why this person needs the role"},
    )

    def __init__(self, *args, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]  # type: ignore[attr-defined]


class EndDateForm(GovukForm):
    valid_to = GovukDateField(
        label="Ends on",
        label_noun="the end date",
        required=False,
        help_text="Leave blank for no end date. For example, 31 3 2027",
    )


class EndForm(GovukForm):
    reason = forms.CharField(
        label="Why is this role ending? (optional)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@policy_required(membership_policy, "list")
def people_home(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    managed = selectors.managed_organisations(principal)
    query = request.GET.get("q", "")
    results = selectors.organisations_search(principal, query, page=page_number(request))
    if len(managed) == 1 and not membership_policy.is_system_admin(principal):
        return redirect("accounts:people", organisation_id=managed[0].pk)
    return render(
        request,
        "accounts/people_home.html",
        {
            "managed": managed,
            "is_system_admin": membership_policy.is_system_admin(principal),
            "query": query,
            "page": results,
        },
    )


@policy_required(membership_policy, "list")
def people(request: HttpRequest, organisation_id: int) -> HttpResponse:
    principal = principal_of(request)
    organisation = selectors.organisation_for_people(principal, organisation_id)
    page = selectors.memberships_page(principal, organisation, page=page_number(request))
    grantable = set(membership_policy.grantable_roles(principal, organisation))
    return render(
        request,
        "accounts/people.html",
        {
            "organisation": organisation,
            "page": page,
            "grantable": grantable,
            "can_add": bool(grantable),
            "today": clock.today(),
        },
    )


@policy_required(membership_policy, "grant")
@require_http_methods(["GET", "POST"])
def person_add(request: HttpRequest, organisation_id: int) -> HttpResponse:
    principal = principal_of(request)
    organisation = selectors.organisation_for_people(principal, organisation_id)
    roles = membership_policy.grantable_roles(principal, organisation)
    if not roles:
        return redirect("accounts:people", organisation_id=organisation.pk)
    form = PersonAddForm(request.POST or None, roles=roles)

    def add() -> Membership:
        data = form.cleaned_data
        return services.membership_grant(
            by=principal,
            organisation=organisation,
            email=data["email"],
            full_name=data["full_name"],
            role=data["role"],
            reason=data["reason"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
        )

    return form_page(
        request,
        form,
        add,
        template="accounts/person_add.html",
        context={"organisation": organisation},
        message=lambda m: f"{m.user.full_name} now has the role {m.get_role_display()}",
        done=lambda m: redirect("accounts:people", organisation_id=organisation.pk),
    )


def _back(membership: Membership) -> HttpResponse:
    return redirect("accounts:people", organisation_id=membership.organisation_id)


@policy_required(membership_policy, "list")
@require_http_methods(["GET", "POST"])
def membership_change(request: HttpRequest, membership_id: int) -> HttpResponse:
    principal = principal_of(request)
    membership = selectors.membership_get(principal, membership_id, "change")
    form = EndDateForm(request.POST or None, initial={"valid_to": membership.valid_to})
    return form_page(
        request,
        form,
        lambda: services.membership_change(
            by=principal, membership=membership, valid_to=form.cleaned_data["valid_to"]
        ),
        template="accounts/membership_change.html",
        context={"membership": membership},
        message="The end date has been changed",
        done=_back,
    )


@policy_required(membership_policy, "list")
@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, membership_id: int) -> HttpResponse:
    principal = principal_of(request)
    membership = selectors.membership_get(principal, membership_id, "end")
    form = EndForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: services.membership_end(
            by=principal, membership=membership, reason=form.cleaned_data["reason"]
        ),
        template="accounts/membership_end.html",
        context={"membership": membership},
        message=f"{membership.user.full_name}'s role {membership.get_role_display()} has ended",
        done=_back,
    )
