"""Adding a user emails them an invitation: a link to set their password that works once and
expires (issue 17, item 13)."""

import re
from datetime import datetime, timedelta

from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from accounts.tokens import InvitationTokenGenerator

PASSWORD = "a-long-harbour-lantern-2026"


def _add(client_for, mailoutbox) -> str:
    response = client_for("admin").post(
        reverse("accounts:user-create"),
        {"full_name": "Nia Okafor", "email": "nia.okafor@example.org"},
        follow=True,
    )
    assert "sent an email inviting them to set a password" in response.content.decode()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["nia.okafor@example.org"]
    assert "Forgotten your password" in mail.body  # the fallback once the link has expired
    return re.search(r"https?://\S+/accounts/invitation/\S+/", mail.body).group(0)


def _path(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_the_invitation_link_sets_the_password_once(client_for, world, mailoutbox):
    link = _add(client_for, mailoutbox)
    client = Client()
    page = client.get(_path(link), follow=True)
    assert "Set your password" in page.content.decode()
    form_url = page.redirect_chain[-1][0]
    done = client.post(
        form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True
    )
    assert "Your password has been set" in done.content.decode()
    user = User.objects.get(email="nia.okafor@example.org")
    assert user.check_password(PASSWORD)
    again = Client().get(_path(link), follow=True).content.decode()
    assert "This invitation has expired or been used" in again


def test_an_empty_password_is_asked_for_in_govuk_words(client_for, world, mailoutbox):
    link = _add(client_for, mailoutbox)
    client = Client()
    form_url = client.get(_path(link), follow=True).redirect_chain[-1][0]
    body = client.post(form_url, {}).content.decode()
    assert "govuk-error-summary" in body and "This field is required" not in body


def test_the_invitation_expires(client_for, world, mailoutbox, monkeypatch, settings):
    link = _add(client_for, mailoutbox)
    later = datetime.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(InvitationTokenGenerator, "_now", lambda self: later)
    page = Client().get(_path(link), follow=True).content.decode()
    assert "This invitation has expired or been used" in page


def test_a_password_reset_token_is_not_an_invitation(world):
    user = world.users["staff_this"]
    url = reverse(
        "accounts:invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    page = Client().get(url, follow=True).content.decode()
    assert "This invitation has expired or been used" in page
