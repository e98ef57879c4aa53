from django.contrib import admin

from .models import ApiToken, Membership, Organisation, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("organisation",)


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("email", "full_name", "is_active", "is_staff", "last_login")
    search_fields = ("email", "full_name")
    list_filter = ("is_active", "is_staff")
    exclude = ("password", "user_permissions", "groups")
    readonly_fields = ("last_login", "date_joined")
    inlines = (MembershipInline,)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "la_code_old", "la_code_new", "urn", "local_authority")
    list_filter = ("kind",)
    search_fields = ("name", "la_code_old", "la_code_new", "urn", "ukprn")
    autocomplete_fields = ("region", "local_authority")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "role", "key_id", "expires_at", "revoked_at")
    readonly_fields = ("key_id", "key_hash", "last_used_at", "created_by")
    search_fields = ("name", "key_id")
