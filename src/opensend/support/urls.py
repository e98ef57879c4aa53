from django.urls import path

from . import views

app_name = "support"
urlpatterns = [
    path("", views.home, name="home"),
    path("settings/<int:setting_id>/register/", views.register, name="register"),
    path("settings/<int:setting_id>/register/add/", views.register_add, name="register-add"),
    path("settings/<int:setting_id>/census/", views.census, name="census"),
    path("settings/<int:setting_id>/concerns/", views.concerns, name="concerns"),
    path("settings/<int:setting_id>/concerns/new/", views.concern_add, name="concern-add"),
    path("settings/<int:setting_id>/senco/", views.senco, name="senco"),
    path("register/<int:entry_id>/end/", views.register_end, name="register-end"),
    path("concerns/<int:concern_id>/escalate/", views.concern_escalate, name="concern-escalate"),
    path("children/<int:child_id>/plans/", views.child_plans, name="child-plans"),
    path("children/<int:child_id>/plans/new/", views.plan_open, name="plan-open"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("plans/<int:plan_id>/outcomes/add/", views.outcome_add, name="outcome-add"),
    path("plans/<int:plan_id>/provision/add/", views.provision_add, name="provision-add"),
    path("plans/<int:plan_id>/reviews/new/", views.review_add, name="review-add"),
    path("area/", views.la_view, name="la-view"),
    path("area/census/", views.la_census, name="la-census"),
    path("ordinarily-available/", views.ordinarily_available, name="oap"),
    path("ordinarily-available/add/", views.local_provision_add, name="oap-add"),
]
