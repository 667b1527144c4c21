"""The invitation link's token: Django's password-reset tokens with a salt of their own, so a
reset link cannot be used as an invitation or the other way round. Like a reset token it works
once (it hashes the password, which setting one changes) and for PASSWORD_RESET_TIMEOUT."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.InvitationTokenGenerator"


invitation_token = InvitationTokenGenerator()
