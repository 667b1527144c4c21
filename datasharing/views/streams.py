"""What your data achieved: a page per data stream (a dataset one agency provides to one
partnership) and the list of the streams an agency's staff provide."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from core import clock
from core.views import ObjectPermissionMixin, PermissionMixin
from partnerships.models import Action, Agency, Document, Partnership

from .. import selectors, services
from ..forms import DataUseForm, StreamNoteForm


class StreamListView(PermissionMixin, TemplateView):
    """The streams the agencies the user works for provide, per partnership."""

    permission_required = "datasharing.list_own_streams"
    template_name = "datasharing/stream_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["streams"] = selectors.streams_of(user=self.request.user, today=clock.today())
        return context


class StreamMixin(ObjectPermissionMixin):
    """Finds the partnership (checked against permission_required), the agency and the
    dataset; a stream that does not exist, or is out of scope, is 404."""

    permission_required = "datasharing.view_stream"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            partnership = get_object_or_404(
                Partnership.objects.select_related("region"), ons_code=kwargs["code"]
            )
            self.partnership = self.check_object(partnership)
            self.agency = get_object_or_404(
                Agency.objects.select_related("agency_type"), pk=kwargs["agency"]
            )
            self.dataset = selectors.stream_dataset(
                partnership=self.partnership, agency=self.agency, code=kwargs["dataset"]
            )
            if self.dataset is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def stream_url(self) -> str:
        return reverse(
            "datasharing:stream-detail",
            kwargs={
                "code": self.partnership.ons_code,
                "agency": self.agency.pk,
                "dataset": self.dataset.code,
            },
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            partnership=self.partnership,
            agency=self.agency,
            dataset=self.dataset,
            stream_url=self.stream_url(),
        )
        return context


class StreamDetailView(StreamMixin, TemplateView):
    template_name = "datasharing/stream_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stream"] = selectors.stream_detail(
            partnership=self.partnership,
            agency=self.agency,
            dataset=self.dataset,
            today=clock.today(),
        )
        context["can_change"] = self.request.user.has_perm(
            "datasharing.change_stream", self.partnership
        )
        return context


class StreamChangeMixin(StreamMixin):
    permission_required = "datasharing.change_stream"
    read_permission = "datasharing.view_stream"
    template_name = "datasharing/form.html"

    def form_invalid_with(self, form, error: ValidationError):
        for message in error.messages:
            form.add_error(None, message)
        return self.form_invalid(form)


class StreamNoteCreateView(StreamChangeMixin, FormView):
    form_class = StreamNoteForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="Add a note to the agency",
            back_url=self.stream_url(),
            caption=f"{self.dataset.name} from {self.agency.name}",
            intro=f"Thank {self.agency.name}'s staff, or tell them what their data "
            "was used for. They see it on this data's page and in their "
            "quarterly digest.",
        )
        return context

    def form_valid(self, form):
        try:
            services.stream_note_add(
                user=self.request.user,
                partnership=self.partnership,
                agency=self.agency,
                dataset=self.dataset,
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            return self.form_invalid_with(form, error)
        messages.success(self.request, "Note added")
        return redirect(self.stream_url())


class DataUseCreateView(StreamChangeMixin, FormView):
    form_class = DataUseForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(
            actions=Action.objects.filter(partnership=self.partnership)
            .only("id", "title")
            .order_by("title", "id"),
            documents=Document.objects.filter(partnership=self.partnership)
            .only("id", "title")
            .order_by("title", "id"),
        )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="Record an action or document that uses this data",
            back_url=self.stream_url(),
            caption=f"{self.dataset.name} from {self.agency.name}",
            intro="The agency's staff see which of the partnership's actions and "
            "documents their data fed.",
        )
        return context

    def form_valid(self, form):
        kind, record = form.cleaned_data["record"]
        try:
            services.data_use_add(
                user=self.request.user,
                partnership=self.partnership,
                agency=self.agency,
                dataset=self.dataset,
                **{kind: record},
            )
        except ValidationError as error:
            return self.form_invalid_with(form, error)
        messages.success(self.request, "Use recorded")
        return redirect(self.stream_url())
