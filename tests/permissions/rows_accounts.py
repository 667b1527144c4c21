"""Matrix rows for the project-wide pages and accounts."""

from .matrix import ROLES, SIGN_IN, Row, everyone

ADMIN_ONLY = everyone(403, admin=200)
ADMIN_ONLY_POST = everyone(403, admin=302)
PUBLIC = dict.fromkeys(ROLES, 200)


def _user_pk(world):
    return {"pk": world.users["staff_this"].pk}


def _assignment(world):
    user = world.users["staff_this"]
    return {"pk": user.pk, "assignment_pk": user.role_assignments.get().pk}


ROWS = [
    Row("home", everyone(200)),
    Row("pages:accessibility", PUBLIC),
    Row("pages:cookies", PUBLIC),
    Row("admin:index", everyone(302, admin=200)),
    # Signed-in users are sent on from the sign-in page; everyone else sees it.
    Row("accounts:sign-in", everyone(302, anonymous=200)),
    Row("accounts:sign-out", everyone(302, anonymous=302), method="post"),
    Row("accounts:keep-alive", everyone(302), method="post"),
    Row("accounts:password-reset", PUBLIC),
    Row("accounts:password-reset-sent", PUBLIC),
    Row(
        "accounts:password-reset-confirm",
        PUBLIC,
        kwargs=lambda world: {"uidb64": "MQ", "token": "not-a-token"},
    ),
    Row("accounts:password-reset-complete", PUBLIC),
    Row(
        "accounts:invitation",
        PUBLIC,
        kwargs=lambda world: {"uidb64": "MQ", "token": "not-a-token"},
    ),
    Row("accounts:invitation-complete", PUBLIC),
    Row("accounts:notifications", everyone(200)),
    Row("accounts:notifications-mark-read", everyone(302), method="post"),
    Row("accounts:settings", everyone(200)),
    Row(
        "accounts:settings",
        everyone(302),
        method="post",
        data=lambda world: {"email_notifications": "on"},
    ),
    Row("accounts:user-list", ADMIN_ONLY),
    Row("accounts:user-list-export", ADMIN_ONLY),
    Row("accounts:user-create", ADMIN_ONLY),
    Row(
        "accounts:user-create",
        ADMIN_ONLY_POST,
        method="post",
        data=lambda world: {"full_name": "New Person", "email": "new.person@example.org"},
    ),
    Row("accounts:user-detail", ADMIN_ONLY, kwargs=_user_pk),
    Row("accounts:user-history", ADMIN_ONLY, kwargs=_user_pk),
    Row("accounts:role-add", ADMIN_ONLY, kwargs=_user_pk),
    Row(
        "accounts:role-add",
        ADMIN_ONLY_POST,
        method="post",
        kwargs=_user_pk,
        data=lambda world: {"role": "administrator"},
    ),
    Row("accounts:role-remove", ADMIN_ONLY_POST, method="post", kwargs=_assignment),
    # Second factor: every signed-in role here is already verified (administrators, reviewers)
    # or does not use one (managers, staff), so each is sent on.
    Row("accounts:second-factor-verify", everyone(302)),
    Row("accounts:second-factor-set-up", everyone(302)),
    Row(
        "accounts:second-factor-verify",
        everyone(302),
        method="post",
        data=lambda world: {"code": "123456"},
    ),
    Row("accounts:second-factor-reset", ADMIN_ONLY_POST, method="post", kwargs=_user_pk),
    Row("audit:event-list", ADMIN_ONLY),
    Row("audit:event-list-export", ADMIN_ONLY),
]

assert SIGN_IN == 302
