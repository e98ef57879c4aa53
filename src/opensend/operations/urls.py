from django.urls import path

from . import views

app_name = "operations"
urlpatterns = [
    path("jobs/", views.jobs, name="jobs"),
    path("jobs/<str:name>/", views.job_detail, name="job"),
    path("jobs/<str:name>/run/", views.job_run_now, name="job-run"),
]
