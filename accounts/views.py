from axes.decorators import axes_dispatch
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView

from core import csv as csv_file
from core.views import ObjectHistoryView, PermissionMixin

from . import services
from .forms import (
    GovukPasswordResetForm,
    GovukSetPasswordForm,
    PreferencesForm,
    RoleAssignmentForm,
    SignInForm,
    UserCreateForm,
)
from .middleware import record_activity
from .models import Notification, RoleAssignment, User
from .tokens import invitation_token


@method_decorator(axes_dispatch, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timed_out"] = self.request.GET.get("timeout") == "1"
        return context


class SignOutView(auth_views.LogoutView):
    """Signs out and asks the browser to forget what it kept of the session's pages."""

    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        return response


class KeepAliveView(View):
    """The "Stay signed in" button: restarts the idle clock, however recently it was saved."""

    http_method_names = ["post"]

    def post(self, request):
        record_activity(request)
        if request.headers.get("X-Requested-With") == "fetch":
            return HttpResponse(status=204)
        return redirect(request.META.get("HTTP_REFERER") or reverse("home"))


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = GovukPasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = GovukSetPasswordForm
    success_url = reverse_lazy("accounts:password-reset-complete")


class InvitationView(PasswordResetConfirmView):
    """The invitation email's link: a new user sets their first password (see tokens.py)."""

    template_name = "accounts/invitation.html"
    token_generator = invitation_token
    success_url = reverse_lazy("accounts:invitation-complete")


class InvitationCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/invitation_complete.html"


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class NotificationListView(ListView):
    template_name = "accounts/notifications.html"
    paginate_by = 25

    def get_queryset(self):
        return Notification.objects.filter(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unread_count"] = Notification.objects.filter(
            user=self.request.user, read_at__isnull=True
        ).count()
        return context


class NotificationsMarkReadView(View):
    http_method_names = ["post"]

    def post(self, request):
        count = services.notifications_mark_read(user=request.user)
        if count:
            messages.success(request, "Notifications marked as read")
        return redirect("accounts:notifications")


class SettingsView(UpdateView):
    template_name = "accounts/settings.html"
    form_class = PreferencesForm
    success_url = reverse_lazy("accounts:settings")

    def get_object(self, queryset=None):
        return self.request.user

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["deliveries"] = dict(
            self.request.user.notification_preferences.values_list("kind", "delivery")
        )
        return kwargs

    def get_context_data(self, **kwargs):
        from core.navigation import settings_links

        context = super().get_context_data(**kwargs)
        context["more_settings"] = settings_links()
        context["role_assignments"] = self.request.user.role_assignments.select_related(
            "region", "partnership", "agency"
        )
        return context

    def form_valid(self, form):
        services.preferences_update(
            user=self.request.user,
            email_notifications=form.cleaned_data["email_notifications"],
            deliveries=form.deliveries(),
        )
        messages.success(self.request, "Your settings have been saved")
        return redirect(self.success_url)


class UserListView(PermissionMixin, ListView):
    permission_required = "accounts.manage_users"
    template_name = "accounts/user_list.html"
    paginate_by = 50

    def get_queryset(self):
        qs = User.objects.prefetch_related(
            "role_assignments__region", "role_assignments__partnership", "role_assignments__agency"
        )
        query = self.request.GET.get("q", "").strip()
        if query:
            qs = qs.filter(email__icontains=query) | qs.filter(full_name__icontains=query)
        return qs.order_by("full_name", "email")


class UserListExportView(UserListView):
    """The users (with the page's search) and their roles, as CSV (not paged)."""

    paginate_by = None

    def get(self, request, *args, **kwargs):
        response = csv_file.response("users.csv")
        writer = csv_file.writer(response)
        writer.writerow(["Name", "Email", "Active", "Roles"])
        for person in self.get_queryset():
            writer.writerow(
                (
                    person.full_name,
                    person.email,
                    "Yes" if person.is_active else "No",
                    "; ".join(str(a) for a in person.role_assignments.all()),
                )
            )
        return response


class UserCreateView(PermissionMixin, CreateView):
    permission_required = "accounts.manage_users"
    template_name = "accounts/user_create.html"
    form_class = UserCreateForm

    def form_valid(self, form):
        user = services.user_create(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            job_title=form.cleaned_data["job_title"],
        )
        services.user_invite(user=user, site_url=self.request.build_absolute_uri("/"))
        messages.success(
            self.request,
            f"{user.full_name} has been added and sent an email inviting them to set a "
            f"password. Give them a role now.",
        )
        return redirect(user.get_absolute_url())


class UserDetailView(PermissionMixin, DetailView):
    permission_required = "accounts.manage_users"
    template_name = "accounts/user_detail.html"
    model = User
    context_object_name = "person"

    def get_queryset(self):
        return User.objects.prefetch_related(
            "role_assignments__region", "role_assignments__partnership", "role_assignments__agency"
        )

    def get_context_data(self, **kwargs):
        from .second_factor import confirmed_device

        context = super().get_context_data(**kwargs)
        context["authenticator"] = confirmed_device(self.object)
        return context


class UserHistoryView(PermissionMixin, ObjectHistoryView):
    permission_required = "accounts.manage_users"
    model = User

    def check_object(self, obj):
        return obj


class RoleAddView(PermissionMixin, FormView):
    permission_required = "accounts.manage_users"
    template_name = "accounts/role_add.html"
    form_class = RoleAssignmentForm

    def dispatch(self, request, *args, **kwargs):
        self.person = get_object_or_404(User, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.person
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        assignment = services.role_assign(
            user=self.person,
            role=data["role"],
            region=data.get("region"),
            partnership=data.get("partnership"),
            agency=data.get("agency"),
            is_signatory=data.get("is_signatory", False),
            is_press_officer=data.get("is_press_officer", False),
        )
        messages.success(self.request, f"Role added: {assignment}")
        return redirect(self.person.get_absolute_url())


class RoleRemoveView(PermissionMixin, View):
    permission_required = "accounts.manage_users"
    http_method_names = ["post"]

    def post(self, request, pk, assignment_pk):
        assignment = get_object_or_404(RoleAssignment, pk=assignment_pk, user_id=pk)
        label = str(assignment)
        services.role_remove(assignment=assignment)
        messages.success(request, f"Role removed: {label}")
        return redirect("accounts:user-detail", pk=pk)


class ApiTokenListView(View):
    """The user's personal API tokens: names, when each was created and last used."""

    def get(self, request):
        from django.shortcuts import render

        from .api_tokens import token_list
        from .forms import ApiTokenForm

        return render(
            request,
            "accounts/api_tokens.html",
            {"tokens": token_list(user=request.user), "form": ApiTokenForm()},
        )


class ApiTokenCreateView(FormView):
    """Create a token; its secret is shown on the response page, once, and never again."""

    template_name = "accounts/api_token_create.html"

    def get_form_class(self):
        from .forms import ApiTokenForm

        return ApiTokenForm

    def form_valid(self, form):
        from django.shortcuts import render

        from .api_tokens import token_create

        token, raw = token_create(user=self.request.user, name=form.cleaned_data["name"])
        response = render(
            self.request, "accounts/api_token_created.html", {"token": token, "secret": raw}
        )
        response["Cache-Control"] = "no-store"
        return response


class ApiTokenRevokeView(View):
    """Revoke one of your tokens (administrators may revoke anyone's)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        from .api_tokens import token_revoke
        from .models import ApiToken

        tokens = ApiToken.objects.all()
        if not request.user.scope.is_admin:
            tokens = tokens.filter(user=request.user)
        token = get_object_or_404(tokens, pk=pk)
        token_revoke(token=token, by=request.user)
        messages.success(request, f"Token “{token.name}” has been revoked")
        if token.user_id != request.user.pk:
            return redirect(token.user.get_absolute_url())
        return redirect("accounts:api-tokens")


def _safe_next(request, default="home") -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


class SecondFactorVerifyView(FormView):
    """After the password: the code from the person's authenticator app."""

    template_name = "accounts/second_factor_verify.html"

    def get_form_class(self):
        from .forms import SecondFactorCodeForm

        return SecondFactorCodeForm

    def dispatch(self, request, *args, **kwargs):
        from urllib.parse import urlencode

        from .second_factor import confirmed_device, is_required

        if request.user.is_verified() or not is_required(request.user):
            return redirect(_safe_next(request))
        if confirmed_device(request.user) is None:
            return redirect(
                f"{reverse('accounts:second-factor-set-up')}?"
                f"{urlencode({'next': _safe_next(request)})}"
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = _safe_next(self.request)
        return context

    def form_valid(self, form):
        from .second_factor import CodeRefused, verify

        try:
            verify(request=self.request, code=form.cleaned_data["code"])
        except CodeRefused as refused:
            form.add_error("code", _refusal_message(refused))
            return self.form_invalid(form)
        return redirect(_safe_next(self.request))


def _refusal_message(refused) -> str:
    if refused.wait_seconds:
        return (
            f"Too many wrong codes. Wait {refused.wait_seconds} "
            f"second{'s' if refused.wait_seconds != 1 else ''}, then enter the code your app "
            "shows at that time"
        )
    return "The code is not right. Enter the code your authenticator app shows now"


class SecondFactorSetUpView(FormView):
    """First sign-in without an authenticator app: scan the QR code (or type the secret), then
    enter the first code to confirm."""

    template_name = "accounts/second_factor_set_up.html"

    def get_form_class(self):
        from .forms import SecondFactorCodeForm

        return SecondFactorCodeForm

    def dispatch(self, request, *args, **kwargs):
        from .second_factor import confirmed_device, is_required, pending_device

        if not is_required(request.user):
            return redirect(_safe_next(request))
        if confirmed_device(request.user) is not None:
            if request.user.is_verified():
                return redirect(_safe_next(request))
            return redirect("accounts:second-factor-verify")
        self.device = pending_device(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from .second_factor import qr_data_uri, secret_text

        context = super().get_context_data(**kwargs)
        context.update(
            next=_safe_next(self.request),
            secret=secret_text(self.device),
            qr_code=qr_data_uri(self.device),
        )
        return context

    def form_valid(self, form):
        from .second_factor import CodeRefused, confirm

        try:
            confirm(request=self.request, device=self.device, code=form.cleaned_data["code"])
        except CodeRefused as refused:
            form.add_error("code", _refusal_message(refused))
            return self.form_invalid(form)
        messages.success(self.request, "Your authenticator app is set up")
        response = redirect(_safe_next(self.request))
        return response

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["Cache-Control"] = "no-store"  # the page shows a secret
        return response


class SecondFactorResetView(PermissionMixin, View):
    """An administrator resets a person's authenticator app (for a lost or replaced phone)."""

    permission_required = "accounts.manage_users"
    http_method_names = ["post"]

    def post(self, request, pk):
        from .second_factor import reset

        person = get_object_or_404(User, pk=pk)
        reset(person=person, by=request.user, request=request)
        messages.success(
            request,
            f"{person.full_name or person.email}’s authenticator app has been reset. They will "
            "set one up again when they next sign in.",
        )
        return redirect(person.get_absolute_url())
