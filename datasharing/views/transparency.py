"""The public transparency register of agreements."""

from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import ListView

from .. import selectors
from .common import csv_response


@method_decorator(login_not_required, name="dispatch")
class TransparencyView(ListView):
    template_name = "datasharing/transparency.html"
    context_object_name = "agreements"
    paginate_by = 50

    def get_queryset(self):
        return selectors.transparency_register()


@method_decorator(login_not_required, name="dispatch")
class TransparencyExportView(View):
    """The public transparency register, as CSV."""

    def get(self, request):
        rows = (
            [
                a.partnership.name,
                a.title,
                "; ".join(
                    f"{p.agency.name} ({p.get_role_display().lower()})" for p in a.parties.all()
                ),
                a.purpose,
                a.get_lawful_basis_display(),
                "; ".join(a.legal_power_labels()),
                a.get_status_display(),
                a.review_date or "",
            ]
            for a in selectors.transparency_register()
        )
        return csv_response(
            "transparency-register.csv",
            [
                "Partnership",
                "Title",
                "Parties",
                "Purpose",
                "Lawful basis",
                "Legal powers",
                "Status",
                "Review date",
            ],
            rows,
        )
