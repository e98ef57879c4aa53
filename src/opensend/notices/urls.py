from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("<int:notice_id>/", views.notice, name="notice"),
    path("<int:notice_id>/letter.pdf", views.notice_pdf, name="notice-pdf"),
    path("children/<int:child_id>/", views.child_notices, name="child"),
    path("council-details/", views.council_details_home, name="council-details-home"),
    path("council-details/<int:council_id>/", views.council_details, name="council-details"),
]
