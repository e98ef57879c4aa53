from django.urls import path

from . import views

app_name = "notify"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:notification_id>/", views.notification_detail, name="detail"),
    path("preferences/", views.preferences, name="preferences"),
]
