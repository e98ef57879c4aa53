from django.urls import path

from . import views

app_name = "targeted"
urlpatterns = [
    path("outreach/", views.outreach_list, name="outreach-list"),
    path("outreach/answer-times/", views.outreach_times, name="outreach-times"),
    path("outreach/<int:request_id>/", views.outreach_detail, name="outreach-detail"),
    path("outreach/<int:request_id>/decide/", views.outreach_decide, name="outreach-decide"),
    path("outreach/<int:request_id>/answer/", views.outreach_answer, name="outreach-answer"),
    path("outreach/<int:request_id>/withdraw/", views.outreach_withdraw, name="outreach-withdraw"),
    path("children/<int:child_id>/", views.child_targeted, name="child"),
    path("children/<int:child_id>/outreach/new/", views.outreach_create, name="outreach-create"),
    path("children/<int:child_id>/alternative-provision/new/", views.placement_refer, name="placement-refer"),
    path("alternative-provision/", views.placement_list, name="placement-list"),
    path("alternative-provision/<int:placement_id>/", views.placement_detail, name="placement-detail"),
    path("alternative-provision/<int:placement_id>/start/", views.placement_start, name="placement-start"),
    path("alternative-provision/<int:placement_id>/review/", views.placement_review, name="placement-review"),
    path("alternative-provision/<int:placement_id>/end/", views.placement_end, name="placement-end"),
    path("alternative-provision/<int:placement_id>/cancel/", views.placement_cancel, name="placement-cancel"),
]
