"""Pages where an LA SEND manager issues and revokes API tokens for their organisation's systems."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from opensend.access.policy import policy_required, principal_of
from opensend.core.errors import ApplicationError
from opensend.core.forms import GovukForm

from . import services
from .models import ApiToken, Organisation
from .policies import api_token_policy, managed_organisation_ids
from .roles import ROLE_ORGANISATION_KINDS, Role

SCOPE_CHOICES = list(services.SCOPES.items())


class TokenCreateForm(GovukForm):
    name = forms.CharField(
        label="Name of the system using this token",
        max_length=100,
        error_messages={"required": "Enter the name of the system that will use this token"},
    )
    organisation = forms.TypedChoiceField(
        label="Organisation", coerce=int, error_messages={"required": "Choose the organisation"}
    )
    role = forms.ChoiceField(
        label="Acts as",
        help_text="The token sees what a person in this role would see",
        error_messages={"required": "Choose what the token acts as"},
    )
    scopes = forms.MultipleChoiceField(
        label="What the token may do",
        choices=SCOPE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one thing the token may do"},
    )
    days = forms.IntegerField(
        label="Days until it expires",
        min_value=1,
        max_value=365,
        initial=90,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter how many days the token should last",
            "invalid": "Days must be a whole number, like 90",
            "min_value": "A token must last at least 1 day",
            "max_value": "A token can last at most 365 days",
        },
    )

    def __init__(self, *args, organisations: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]  # type: ignore[attr-defined]
        kinds = {o.kind for o in organisations}
        self.fields["role"].choices = [  # type: ignore[attr-defined]
            (r.value, r.label)
            for r in Role
            if r not in (Role.SYSTEM_ADMIN, Role.ORGANISATION_MANAGER)
            and ROLE_ORGANISATION_KINDS.get(r, frozenset()) & kinds
        ]


def _managed_organisations(request: HttpRequest) -> list[Organisation]:
    ids = managed_organisation_ids(principal_of(request))
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


@policy_required(api_token_policy, "list")
def token_list(request: HttpRequest) -> HttpResponse:
    tokens = api_token_policy.visible(principal_of(request), ApiToken.objects.select_related("organisation"))
    return render(request, "accounts/api_tokens.html", {"tokens": tokens[:200]})


@policy_required(api_token_policy, "create")
@require_http_methods(["GET", "POST"])
def token_create(request: HttpRequest) -> HttpResponse:
    organisations = _managed_organisations(request)
    form = TokenCreateForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        org = next(o for o in organisations if o.pk == form.cleaned_data["organisation"])
        try:
            token, secret = services.api_token_create(
                by=principal_of(request),
                organisation=org,
                name=form.cleaned_data["name"],
                role=form.cleaned_data["role"],
                scopes=form.cleaned_data["scopes"],
                days=form.cleaned_data["days"],
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            return render(request, "accounts/api_token_created.html", {"token": token, "secret": secret})
    return render(request, "accounts/api_token_create.html", {"form": form})


@policy_required(api_token_policy, "revoke")
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    principal = principal_of(request)
    token = api_token_policy.get_or_404(principal, "revoke", ApiToken.objects.all(), pk=token_id)
    services.api_token_revoke(by=principal, token=token)
    messages.success(request, f"The token “{token.name}” has been revoked")
    return redirect("accounts:api-tokens")
