from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("second-factor/", views.SecondFactorVerifyView.as_view(), name="second-factor-verify"),
    path(
        "second-factor/set-up/",
        views.SecondFactorSetUpView.as_view(),
        name="second-factor-set-up",
    ),
    path("session/keep-alive/", views.KeepAliveView.as_view(), name="keep-alive"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", views.PasswordResetSentView.as_view(), name="password-reset-sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("invitation/<uidb64>/<token>/", views.InvitationView.as_view(), name="invitation"),
    path("invitation/done/", views.InvitationCompleteView.as_view(), name="invitation-complete"),
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path(
        "notifications/mark-read/",
        views.NotificationsMarkReadView.as_view(),
        name="notifications-mark-read",
    ),
    path("settings/", views.SettingsView.as_view(), name="settings"),
    path("settings/api-tokens/", views.ApiTokenListView.as_view(), name="api-tokens"),
    path("settings/api-tokens/new/", views.ApiTokenCreateView.as_view(), name="api-token-create"),
    path(
        "settings/api-tokens/<int:pk>/revoke/",
        views.ApiTokenRevokeView.as_view(),
        name="api-token-revoke",
    ),
    path("users/", views.UserListView.as_view(), name="user-list"),
    path("users.csv", views.UserListExportView.as_view(), name="user-list-export"),
    path("users/new/", views.UserCreateView.as_view(), name="user-create"),
    path("users/<int:pk>/", views.UserDetailView.as_view(), name="user-detail"),
    path("users/<int:pk>/history/", views.UserHistoryView.as_view(), name="user-history"),
    path(
        "users/<int:pk>/second-factor/reset/",
        views.SecondFactorResetView.as_view(),
        name="second-factor-reset",
    ),
    path("users/<int:pk>/roles/new/", views.RoleAddView.as_view(), name="role-add"),
    path(
        "users/<int:pk>/roles/<int:assignment_pk>/remove/",
        views.RoleRemoveView.as_view(),
        name="role-remove",
    ),
]
