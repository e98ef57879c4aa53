from django.urls import path

from . import account_views, people_views, token_views, views

app_name = "accounts"
urlpatterns = [
    path("", account_views.account, name="account"),
    path("security-codes/turn-off/", account_views.security_codes_off, name="security-codes-off"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/security-code/", views.two_factor, name="two-factor"),
    path("sign-in/set-up-security-codes/", views.two_factor_setup, name="two-factor-setup"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", views.password_reset_sent, name="password-reset-sent"),
    path("password-reset/<uidb64>/<token>/", views.password_reset_confirm, name="password-reset-confirm"),
    path("password-reset/complete/", views.password_reset_complete, name="password-reset-complete"),
    path("api-tokens/", token_views.token_list, name="api-tokens"),
    path("api-tokens/new/", token_views.token_create, name="api-token-create"),
    path("api-tokens/<int:token_id>/revoke/", token_views.token_revoke, name="api-token-revoke"),
    path("people/", people_views.people_home, name="people-home"),
    path("organisations/<int:organisation_id>/people/", people_views.people, name="people"),
    path("organisations/<int:organisation_id>/people/add/", people_views.person_add, name="person-add"),
    path("roles/<int:membership_id>/change/", people_views.membership_change, name="membership-change"),
    path("roles/<int:membership_id>/end/", people_views.membership_end, name="membership-end"),
]
