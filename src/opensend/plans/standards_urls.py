from django.urls import path

from .views import standards

app_name = "standards"
urlpatterns = [
    path("ehc-plan/1.0/", standards.schema_page, name="ehc-plan"),
    path("ehc-plan/1.0/schema.json", standards.schema_json, name="ehc-plan-schema"),
]
