from django.urls import path

from . import views

app_name = "rulebook"
urlpatterns = [
    path("", views.index, name="index"),
    path("closures/", views.closures_index, name="closures-index"),
    path("closures/<int:organisation_id>/", views.closures_for, name="closures"),
]
