from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.start, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
]
