from django.urls import path

from . import views

app_name = "casework"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("cases/<int:case_id>/", views.case_detail, name="case"),
    path("cases/<int:case_id>/documents/<int:document_id>/", views.document_download, name="document"),
    path("children/<int:child_id>/record-request/", views.record_request, name="record-request"),
    path("request/", views.request_start, name="request-start"),
    path("request/<int:child_id>/check/", views.request_check, name="request-check"),
    path("request/<int:child_id>/delete/", views.draft_discard, name="draft-discard"),
    path("request/<int:child_id>/<slug:step>/", views.request_step, name="request-step"),
    path("request/sent/<int:case_id>/", views.request_sent, name="request-sent"),
    path("your-requests/", views.family_list, name="family-list"),
    path("your-requests/<int:case_id>/", views.family_case, name="family-case"),
]
