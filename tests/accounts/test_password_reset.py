import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory


@pytest.mark.django_db
def test_password_reset_by_email_sets_a_new_password(client):
    UserFactory(email="pat@example.org", full_name="Pat Smith")
    response = client.post(reverse("accounts:password-reset"), {"email": "pat@example.org"})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert len(mail.outbox) == 1
    link = re.search(r"http://[^/]+(/accounts/password-reset/\S+)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    assert "Set a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]

    weak = client.post(set_url, {"new_password1": "short", "new_password2": "short"})
    assert "There is a problem" in weak.content.decode()

    done = client.post(
        set_url,
        {
            "new_password1": "violet-harbour-lantern-42",
            "new_password2": "violet-harbour-lantern-42",
        },
    )
    assert done["Location"] == reverse("accounts:password-reset-complete")
    signed_in = client.post(
        reverse("accounts:sign-in"),
        {"username": "pat@example.org", "password": "violet-harbour-lantern-42"},
    )
    assert signed_in.status_code == 302


@pytest.mark.django_db
def test_password_reset_for_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_reset_with_a_bad_address_shows_the_error_summary(client):
    html = client.post(
        reverse("accounts:password-reset"), {"email": "not-an-email"}
    ).content.decode()
    assert "There is a problem" in html and "correct format" in html
