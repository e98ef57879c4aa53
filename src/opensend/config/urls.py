from django.contrib import admin
from django.urls import include, path

from opensend.api.api import api
from opensend.operations import health

from .admin import install_admin_site

install_admin_site()

urlpatterns = [
    path("", include("opensend.portal.urls")),
    path("account/", include("opensend.accounts.urls")),
    path("children/", include("opensend.children.urls")),
    path("rules/", include("opensend.rulebook.urls")),
    path("support/", include("opensend.support.urls")),
    path("targeted/", include("opensend.targeted.urls")),
    path("casework/", include("opensend.casework.urls")),
    path("panels/", include("opensend.panels.urls")),
    path("advice/", include("opensend.advice.urls")),
    path("plans/", include("opensend.plans.urls")),
    path("standards/", include("opensend.plans.standards_urls")),
    path("notifications/", include("opensend.notify.urls")),
    path("notices/", include("opensend.notices.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("operations/", include("opensend.operations.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]

handler400 = "opensend.core.views.bad_request"
handler403 = "opensend.core.views.permission_denied"
handler404 = "opensend.core.views.page_not_found"
handler500 = "opensend.core.views.server_error"
