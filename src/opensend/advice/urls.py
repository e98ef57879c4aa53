from django.urls import path

from . import views

app_name = "advice"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("overdue/", views.overdue, name="overdue"),
    path("requests/<int:request_id>/", views.request_detail, name="request"),
    path("requests/<int:request_id>/documents/<int:document_id>/", views.case_document, name="case-document"),
    path("requests/<int:request_id>/cancel/", views.cancel, name="cancel"),
    path("versions/<int:advice_id>/", views.advice_detail, name="advice"),
    path("versions/<int:advice_id>/document/", views.advice_document, name="document"),
    path("cases/<int:case_id>/request/", views.request_new, name="new"),
    path("cases/<int:case_id>/reuse/", views.reuse_new, name="reuse"),
    path("cases/<int:case_id>/complete/", views.complete, name="complete"),
    path("cases/<int:case_id>/messages/", views.message_post, name="message"),
]
