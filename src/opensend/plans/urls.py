from django.urls import path

from .views import editor, family, in_force, issuing, reviews, transfers, versions

app_name = "plans"
urlpatterns = [
    path("", versions.council, name="list"),
    path("cases/<int:case_id>/start/", editor.start, name="start"),
    path("children/<int:child_id>/", versions.child_plans, name="child"),
    path("reviews-due/", in_force.reviews_due, name="reviews-due"),
    path("phase-transfers-due/", in_force.phases_due, name="phases-due"),
    path("transfers/", transfers.transfers, name="transfers"),
    path("transfers/<int:transfer_id>/receive/", transfers.transfer_receive, name="transfer-receive"),
    path("transfers/<int:transfer_id>/cancel/", transfers.transfer_cancel, name="transfer-cancel"),
    path(
        "transfers/<int:transfer_id>/family-told/",
        transfers.transfer_family_told,
        name="transfer-family-told",
    ),
    path("ceasings/<int:ceasing_id>/appeal/", in_force.cease_appeal, name="cease-appeal"),
    path("ceasings/<int:ceasing_id>/appeal-ended/", in_force.cease_appeal_end, name="cease-appeal-end"),
    path("reviews/<int:review_id>/", reviews.review, name="review"),
    path("reviews/<int:review_id>/meeting/", reviews.review_meeting, name="review-meeting"),
    path("reviews/<int:review_id>/decide/", reviews.review_decide, name="review-decide"),
    path("<int:plan_id>/in-force/", in_force.overview, name="overview"),
    path("<int:plan_id>/reviews/new/", reviews.review_schedule, name="review-schedule"),
    path("<int:plan_id>/amend/<str:step>/", in_force.amend, name="amend"),
    path("<int:plan_id>/cease/", in_force.cease, name="cease"),
    path("<int:plan_id>/phase/", in_force.phase, name="phase"),
    path("<int:plan_id>/reassess/", in_force.reassess, name="reassess"),
    path("<int:plan_id>/transfer/", transfers.transfer, name="transfer"),
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
