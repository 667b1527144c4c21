"""The brand (its page, its form and the printable sheet) and the channels. Also the mixins the
records pages (coverage, calendar) share: each checks permission on the server per object."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.views.generic import FormView, TemplateView

from partnerships.mixins import PartnershipByCodeMixin

from ..forms.records import BrandForm, ChannelForm
from ..models import Channel
from ..services import records as services

READ = "communications.view_partnership_comms"
CHANGE = "communications.change_comms"


class CommsPageMixin(PartnershipByCodeMixin):
    """A partnership's communications page: 404 to those who may not read the partnership."""

    permission_required = READ
    read_permission = READ

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.request.user.has_perm(CHANGE, self.partnership)
        return context


class CommsChangeMixin(CommsPageMixin):
    """A page that changes the partnership's communications: 403 to readers."""

    permission_required = CHANGE


class RecordMixin(PartnershipByCodeMixin):
    """A page that changes one record of the partnership (found by pk in its partnership), with
    the record as the permission's object."""

    model = None
    permission_required = "communications.change_record"
    read_permission = "communications.view_record"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.record = self.check_object(
                get_object_or_404(
                    self.model.objects.select_related("partnership__region"),
                    pk=kwargs["pk"],
                    partnership__ons_code=kwargs["code"],
                )
            )
            self.partnership = self.record.partnership
        # Skip PartnershipByCodeMixin's own look-up: the record has found the partnership.
        return super(PartnershipByCodeMixin, self).dispatch(request, *args, **kwargs)


def apply_errors(form, error: ValidationError) -> None:
    """A service's refusal shown on the form, beside the field it is about."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for name, found in error.message_dict.items():
        form.add_error(name if name in form.fields else None, found)


# Brand ---------------------------------------------------------------------------------------


class BrandView(CommsPageMixin, TemplateView):
    """The brand every agency's press office uses, or a prompt to set it."""

    template_name = "communications/brand/brand.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        brand = services.brand_of(self.partnership)
        context["brand"] = brand
        if brand is not None:
            context["swatches"] = services.swatches(brand)
            context["key_messages"] = [
                line.strip() for line in brand.key_messages.splitlines() if line.strip()
            ]
        context["can_upload_logo"] = self.request.user.has_perm(
            "partnerships.change_partnership", self.partnership
        )
        return context


class BrandSheetView(BrandView):
    """The one-page brand sheet, laid out for printing."""

    template_name = "communications/brand/sheet.html"


class BrandEditView(CommsChangeMixin, FormView):
    template_name = "communications/brand/form.html"
    form_class = BrandForm

    def get_initial(self):
        brand = services.brand_of(self.partnership)
        if brand is None:
            return {"public_name": self.partnership.name}
        return {name: getattr(brand, name) for name in services.BRAND_FIELDS}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Set the brand"
        context["back_url_name"] = "communications:brand"
        context["back_text"] = "Back to the brand"
        context["intro"] = (
            "The name, colours and words every agency’s press office uses when it speaks for "
            "the partnership."
        )
        return context

    def form_valid(self, form):
        try:
            services.brand_save(
                partnership=self.partnership, user=self.request.user, values=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "The brand has been saved")
        return redirect("communications:brand", code=self.partnership.ons_code)


# Channels ------------------------------------------------------------------------------------


class ChannelListView(CommsPageMixin, TemplateView):
    template_name = "communications/brand/channels.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["channels"] = list(services.channel_list(partnership=self.partnership))
        return context


class ChannelCreateView(CommsChangeMixin, FormView):
    template_name = "communications/brand/form.html"
    form_class = ChannelForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Add a channel"
        context["back_url_name"] = "communications:channels"
        context["back_text"] = "Back to channels"
        context["intro"] = (
            "An outlet or route to the public: a paper, a station, a voluntary organisation, a "
            "newsletter, a social media account or a meeting."
        )
        return context

    def form_valid(self, form):
        try:
            channel = services.channel_create(
                partnership=self.partnership, values=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Channel added: {channel.name}")
        return redirect("communications:channels", code=self.partnership.ons_code)


class ChannelEditView(RecordMixin, FormView):
    model = Channel
    template_name = "communications/brand/form.html"
    form_class = ChannelForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "editing": True}

    def get_initial(self):
        initial = {name: getattr(self.record, name) for name in services.CHANNEL_FIELDS}
        initial["is_active"] = "yes" if self.record.is_active else "no"
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"Change {self.record.name}"
        context["back_url_name"] = "communications:channels"
        context["back_text"] = "Back to channels"
        context["intro"] = (
            "A channel no longer used stays in the list, marked not in use, so the coverage "
            "logged against it keeps its outlet."
        )
        return context

    def form_valid(self, form):
        try:
            channel = services.channel_update(channel=self.record, values=form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Channel saved: {channel.name}")
        return redirect("communications:channels", code=self.partnership.ons_code)


def urlpatterns(prefix: str) -> list:
    return [
        path(prefix + "brand/", BrandView.as_view(), name="brand"),
        path(prefix + "brand/edit/", BrandEditView.as_view(), name="brand-edit"),
        path(prefix + "brand/sheet/", BrandSheetView.as_view(), name="brand-sheet"),
        path(prefix + "channels/", ChannelListView.as_view(), name="channels"),
        path(prefix + "channels/new/", ChannelCreateView.as_view(), name="channel-create"),
        path(prefix + "channels/<int:pk>/edit/", ChannelEditView.as_view(), name="channel-edit"),
    ]
