from crispy_forms_gds.layout import ConditionalQuestion, ConditionalRadios, Layout
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError

from core.forms import GovukFormMixin

from .models import NoticeDelivery, NoticeKind, Role, RoleAssignment, User


class SignInForm(GovukFormMixin, AuthenticationForm):
    submit_label = "Sign in"
    error_messages = {
        "invalid_login": "Enter a correct email address and password. Passwords are case-sensitive.",
        "inactive": "This account has been switched off. Ask your site administrator.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "email", "spellcheck": "false"}
        )
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean(self):
        # A failed sign-in is recorded with what was posted (django-axes): refuse first what
        # cannot be recorded, as PostgreSQL would (a NUL anywhere, a name over 254 characters).
        lists = (
            self.data.lists()
            if hasattr(self.data, "lists")
            else ((k, v if isinstance(v, list) else [v]) for k, v in self.data.items())
        )
        posted = [
            value for key, values in lists for value in (key, *values) if isinstance(value, str)
        ]
        if (
            any("\x00" in value for value in posted)
            or len(self.data.get("username") or "") > self.fields["username"].max_length
        ):
            raise self.get_invalid_login_error()
        return super().clean()


class GovukPasswordResetForm(GovukFormMixin, PasswordResetForm):
    submit_label = "Send reset link"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["required"] = "Enter your email address"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.org"
        )


class GovukSetPasswordForm(GovukFormMixin, SetPasswordForm):
    submit_label = "Save new password"


class PreferencesForm(GovukFormMixin, forms.ModelForm):
    """The email switch, then how each kind of notice arrives (kind_<kind> fields)."""

    class Meta:
        model = User
        fields = ["email_notifications"]

    def __init__(self, *args, deliveries: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in NoticeKind.choices:
            self.fields[f"kind_{kind}"] = forms.ChoiceField(
                label=label,
                choices=NoticeDelivery.choices,
                widget=forms.RadioSelect,
                initial=deliveries.get(kind, NoticeDelivery.EMAIL),
                required=False,
                error_messages={"invalid_choice": "Choose one of the options"},
            )

    def deliveries(self) -> dict[str, str]:
        """The kinds answered (one left out keeps its choice)."""
        return {
            kind: self.cleaned_data[f"kind_{kind}"]
            for kind in NoticeKind.values
            if self.cleaned_data.get(f"kind_{kind}")
        }


class UserCreateForm(GovukFormMixin, forms.ModelForm):
    submit_label = "Create user"

    class Meta:
        model = User
        fields = ["full_name", "email", "job_title"]
        error_messages = {
            "full_name": {"required": "Enter the person’s full name"},
            "email": {
                "required": "Enter the person’s email address",
                "invalid": "Enter an email address in the correct format, like name@example.org",
                "unique": "A user with this email address already exists",
            },
        }

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError("A user with this email address already exists")
        return email


class RoleAssignmentForm(GovukFormMixin, forms.ModelForm):
    """Give a user a role. Only the scope field that suits the role is used."""

    submit_label = "Add role"

    class Meta:
        model = RoleAssignment
        fields = ["role", "region", "partnership", "agency", "is_signatory", "is_press_officer"]
        widgets = {"role": forms.RadioSelect}
        labels = {
            "region": "Region they review",
            "partnership": "Partnership they manage",
            "agency": "Agency they work for",
            "is_signatory": "They may sign data-sharing agreements for the agency",
            "is_press_officer": "They may approve partnership stories for the agency",
        }
        help_texts = {"agency": "Type to search, or choose from the list"}
        error_messages = {"role": {"required": "Select a role"}}

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = Role.choices
        for name, empty in (
            ("region", "Choose a region"),
            ("partnership", "Choose a partnership"),
            ("agency", "Choose an agency"),
        ):
            self.fields[name].required = False
            self.fields[name].empty_label = empty
        # The 270 agencies: accessible-autocomplete turns the list into a search (portal.js).
        self.fields["agency"].widget.attrs["data-autocomplete"] = "agency"
        # Each role shows only the field it needs (GOV.UK conditional reveal). Without
        # JavaScript every field shows, and clean() ignores those the role does not need.
        self.helper.layout = Layout(
            ConditionalRadios(
                "role",
                Role.ADMINISTRATOR.label,
                ConditionalQuestion(Role.REVIEWER.label, "region"),
                ConditionalQuestion(Role.MANAGER.label, "partnership"),
                ConditionalQuestion(
                    Role.AGENCY_STAFF.label, "agency", "is_signatory", "is_press_officer"
                ),
            )
        )

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        needed = {
            Role.REVIEWER: "region",
            Role.MANAGER: "partnership",
            Role.AGENCY_STAFF: "agency",
        }.get(role)
        messages = {
            "region": "Select the region this reviewer covers",
            "partnership": "Select the partnership this manager runs",
            "agency": "Select the agency this person works for",
        }
        for name in ("region", "partnership", "agency"):
            if name == needed:
                if not cleaned.get(name):
                    self.add_error(name, messages[name])
            else:
                cleaned[name] = None
        if role != Role.AGENCY_STAFF:
            cleaned["is_signatory"] = False
            cleaned["is_press_officer"] = False
        if role and self.user is not None and not self.errors:
            exists = RoleAssignment.objects.filter(
                user=self.user,
                role=role,
                region=cleaned.get("region"),
                partnership=cleaned.get("partnership"),
                agency=cleaned.get("agency"),
            ).exists()
            if exists:
                raise ValidationError("This user already has that role")
        return cleaned


class ApiTokenForm(GovukFormMixin, forms.Form):
    submit_label = "Create token"
    name = forms.CharField(
        label="Token name",
        max_length=100,
        help_text="Something to tell this token from your others, like the script that uses it",
        error_messages={"required": "Enter a name for the token"},
    )


class SecondFactorCodeForm(GovukFormMixin, forms.Form):
    """A six-digit code from an authenticator app. Spaces are allowed (apps show 123 456)."""

    submit_label = "Continue"
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code your app shows now, like 123456",
        max_length=20,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isascii() and code.isdigit() and len(code) == 6):
            raise ValidationError("Enter the 6 digits of the code, like 123456")
        return code
