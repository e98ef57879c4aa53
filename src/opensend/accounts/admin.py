"""The Django admin for system administrators: organisations and people, with nothing that grants
access editable here (ADR 0170).

Memberships, API tokens and the flags that open the admin itself change only through the services
in `accounts.services`, which audit each change and tell the organisation's managers; so here they
are read-only. An account's email address is read-only too: changing it, then asking for a password
reset, would let an administrator take the account over. Security-code devices can be removed
(a person who lost their phone enrols again at next sign-in), through an audited service, but not
added or read.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django_otp.plugins.otp_totp import admin as otp_admin  # noqa: F401 - registered first, replaced below
from django_otp.plugins.otp_totp.models import TOTPDevice

from opensend.access.policy import principal_of

from . import services
from .models import ApiToken, Membership, Organisation, User


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MembershipInline(ReadOnlyMixin, admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    fields = readonly_fields = ("organisation", "role", "valid_from", "valid_to", "ended_at", "granted_by")
    verbose_name_plural = "Memberships (managers change these on the People pages)"


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("email", "full_name", "is_active", "is_staff", "last_login")
    search_fields = ("email", "full_name")
    list_filter = ("is_active", "is_staff")
    fields = ("email", "full_name", "is_active", "is_staff", "is_superuser", "last_login", "date_joined")
    inlines = (MembershipInline,)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # The staff and superuser flags follow the system-administrator membership (set by its service).
        flags = ("is_staff", "is_superuser", "last_login", "date_joined")
        return ("email", *flags) if obj is not None else flags


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "la_code_old", "la_code_new", "urn", "local_authority")
    list_filter = ("kind",)
    search_fields = ("name", "la_code_old", "la_code_new", "urn", "ukprn")
    autocomplete_fields = ("region", "local_authority")


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("name", "organisation", "role", "key_id", "expires_at", "revoked_at")
    fields = readonly_fields = (
        "name",
        "organisation",
        "role",
        "scopes",
        "key_id",
        "created_by",
        "expires_at",
        "revoked_at",
        "last_used_at",
    )
    search_fields = ("name", "key_id")


admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "confirmed")
    fields = readonly_fields = ("user", "name", "confirmed")
    search_fields = ("user__email", "user__full_name")
    actions: Any = None

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: TOTPDevice) -> None:
        services.two_factor_reset(by=principal_of(request), user=obj.user)
