from django.urls import path

from . import views

app_name = "panels"
urlpatterns = [
    path("", views.home, name="home"),
    path("setup/", views.setup, name="setup"),
    path("meetings/new/", views.meeting_new, name="meeting-new"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>/add-case/", views.agenda_add, name="agenda-add"),
    path("meetings/<int:meeting_id>/attendance/", views.attendance, name="attendance"),
    path("meetings/<int:meeting_id>/cases/<int:item_id>/decide/", views.decide, name="decide"),
    path("meetings/<int:meeting_id>/cases/<int:item_id>/papers/", views.papers, name="papers"),
    path(
        "meetings/<int:meeting_id>/cases/<int:item_id>/papers/documents/<int:document_id>/",
        views.paper_document,
        name="paper-document",
    ),
    path("cases/<int:case_id>/schedule/", views.case_schedule, name="case-schedule"),
    path("decisions/<int:decision_id>/letter/", views.letter, name="letter"),
    path("decisions/<int:decision_id>/letter.pdf", views.letter_pdf, name="letter-pdf"),
]
