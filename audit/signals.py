"""Sign-in, failed sign-in, lockout and sign-out go to the audit log from Django's and
django-axes' signals, whichever view or backend caused them."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import Action
from .services import record


def _account(username):
    if not username:
        return None
    return get_user_model().objects.filter(email__iexact=str(username)).first()


@receiver(user_logged_in, dispatch_uid="audit_sign_in")
def on_sign_in(sender, request, user, **kwargs):
    record(action=Action.SIGN_IN, request=request, actor=user)


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already replaced the password with stars; only the name tried is kept.
    username = str(credentials.get("username", ""))[:254]
    account = _account(username)
    record(
        action=Action.SIGN_IN_FAILED,
        request=request,
        obj=account,
        details={"username": username},
    )


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def on_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    username = str(username or "")[:254]
    record(
        action=Action.LOCKED_OUT,
        request=request,
        obj=_account(username),
        details={"username": username},
    )


@receiver(user_logged_out, dispatch_uid="audit_sign_out")
def on_sign_out(sender, request, user, **kwargs):
    if user is not None:
        record(action=Action.SIGN_OUT, request=request, actor=user)
