"""The data a document of the partnership drew on (a joint strategic assessment lists the
agencies whose data fed it), recorded by its manager."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView

from core import evidence
from core.forms import DataDrawnOnForm
from core.views import ObjectPermissionMixin
from partnerships.models import Agency, Document, Partnership

from .. import selectors, services
from ..models import PrescribedDataset


class DocumentDataView(ObjectPermissionMixin, FormView):
    permission_required = "datasharing.change_stream"
    read_permission = "datasharing.view_stream"
    template_name = "form.html"
    form_class = DataDrawnOnForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            partnership = get_object_or_404(Partnership, ons_code=kwargs["code"])
            self.partnership = self.check_object(partnership)
            self.document = get_object_or_404(
                Document, pk=kwargs["pk"], partnership=self.partnership
            )
            self.streams = evidence.streams(self.partnership)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"streams": selectors.document_stream_keys(document=self.document)}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "streams": self.streams}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="Record the data it drew on",
            caption=self.document.title,
            back_url=self.document.get_absolute_url(),
            intro="Each agency whose data this document used. The agencies’ staff then see "
            "what their data fed.",
        )
        return context

    def form_valid(self, form):
        keys = [key.split(":", 1) for key in form.cleaned_data["streams"]]
        agencies = Agency.objects.in_bulk({int(agency_id) for agency_id, _code in keys})
        datasets = PrescribedDataset.objects.in_bulk(
            {code for _agency_id, code in keys}, field_name="code"
        )
        streams = [(agencies[int(agency_id)], datasets[code]) for agency_id, code in keys]
        try:
            count = services.document_data_set(
                user=self.request.user,
                partnership=self.partnership,
                document=self.document,
                streams=streams,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"{count} source{'s' if count != 1 else ''} of data recorded for {self.document.title}",
        )
        return redirect(self.document.get_absolute_url())
