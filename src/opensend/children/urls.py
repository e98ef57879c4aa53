from django.urls import path

from . import views

app_name = "children"
urlpatterns = [
    path("", views.child_list, name="list"),
    path("new/", views.child_create, name="create"),
    path("<int:child_id>/", views.child_detail, name="detail"),
    path("<int:child_id>/edit/", views.child_edit, name="edit"),
    path("<int:child_id>/people/", views.child_people, name="people"),
    path(
        "<int:child_id>/people/grants/<int:grant_id>/revoke/",
        views.involvement_revoke,
        name="involvement-revoke",
    ),
    path("<int:child_id>/people/family/<int:link_id>/end/", views.family_link_end, name="family-link-end"),
    path("<int:child_id>/who-has-looked/", views.child_audit, name="audit"),
    path("<int:child_id>/who-has-accessed/", views.child_access_summary, name="access-summary"),
]
