from django.urls import path

from .views import editor, family, issuing, lifecycle, versions

app_name = "plans"
urlpatterns = [
    path("", versions.council, name="list"),
    path("cases/<int:case_id>/start/", editor.start, name="start"),
    path("children/<int:child_id>/", versions.child_plans, name="child"),
    path("reviews-due/", lifecycle.reviews_due, name="reviews-due"),
    path("phase-transfers-due/", lifecycle.phases_due, name="phases-due"),
    path("transfers/", lifecycle.transfers, name="transfers"),
    path("transfers/<int:transfer_id>/receive/", lifecycle.transfer_receive, name="transfer-receive"),
    path("transfers/<int:transfer_id>/cancel/", lifecycle.transfer_cancel, name="transfer-cancel"),
    path(
        "transfers/<int:transfer_id>/family-told/",
        lifecycle.transfer_family_told,
        name="transfer-family-told",
    ),
    path("ceasings/<int:ceasing_id>/appeal/", lifecycle.cease_appeal, name="cease-appeal"),
    path("ceasings/<int:ceasing_id>/appeal-ended/", lifecycle.cease_appeal_end, name="cease-appeal-end"),
    path("reviews/<int:review_id>/", lifecycle.review, name="review"),
    path("reviews/<int:review_id>/meeting/", lifecycle.review_meeting, name="review-meeting"),
    path("reviews/<int:review_id>/decide/", lifecycle.review_decide, name="review-decide"),
    path("<int:plan_id>/in-force/", lifecycle.overview, name="overview"),
    path("<int:plan_id>/reviews/new/", lifecycle.review_schedule, name="review-schedule"),
    path("<int:plan_id>/amend/<str:step>/", lifecycle.amend, name="amend"),
    path("<int:plan_id>/cease/", lifecycle.cease, name="cease"),
    path("<int:plan_id>/phase/", lifecycle.phase, name="phase"),
    path("<int:plan_id>/reassess/", lifecycle.reassess, name="reassess"),
    path("<int:plan_id>/transfer/", lifecycle.transfer, name="transfer"),
    path("<int:plan_id>/", editor.edit, name="edit"),
    path("<int:plan_id>/sections/<str:key>/", editor.section, name="section"),
    path("<int:plan_id>/sections/<str:key>/items/<str:item_id>/", editor.item, name="item"),
    path(
        "<int:plan_id>/sections/<str:key>/items/<str:item_id>/remove/", editor.item_remove, name="item-remove"
    ),
    path("<int:plan_id>/issue/<str:kind>/", issuing.issue, name="issue"),
    path("versions/<int:version_id>/", versions.version, name="version"),
    path("versions/<int:version_id>/plan.json", versions.version_json, name="version-json"),
    path("versions/<int:version_id>/plan.pdf", versions.version_pdf, name="version-pdf"),
    path("versions/<int:version_id>/compare/<int:other_id>/", versions.comparison, name="compare"),
    path("versions/<int:version_id>/summary/", versions.summary, name="summary"),
    path("versions/<int:version_id>/respond/", family.respond, name="respond"),
    path(
        "versions/<int:version_id>/respond/sections/<str:key>/",
        family.respond_section,
        name="respond-section",
    ),
    path("versions/<int:version_id>/respond/finish/", family.respond_finish, name="respond-finish"),
    path("versions/<int:version_id>/respond/<str:ask>/", family.respond_ask, name="respond-ask"),
]
