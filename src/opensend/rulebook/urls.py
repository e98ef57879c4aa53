from django.urls import path

from . import views

app_name = "rulebook"
urlpatterns = [
    path("", views.index, name="index"),
]
