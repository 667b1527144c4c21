"""Thin views for data sharing: each checks its permission, then calls one service or selector."""

from itertools import chain
from typing import NamedTuple
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import FormView, ListView, TemplateView
from django.views.generic.list import MultipleObjectMixin

from core import cache, clock
from core import csv as csv_file
from core.addresses import address_maker
from core.forms import fits_an_id
from core.pagination import IdsFirstPaginator
from core.views import ObjectHistoryView, ObjectPermissionMixin, PermissionMixin
from partnerships.mixins import PartnershipByCodeMixin
from partnerships.models import Agency, Membership, Partnership
from partnerships.selectors import partnership_list, visible_partnership_ids

from . import istv, selectors, services
from .forms import (
    SECTION_FORMS,
    AgreementCreateForm,
    AnalysisFilterForm,
    ConfirmReplaceForm,
    DeliveryForm,
    EndForm,
    IstvUploadForm,
    PartyAddForm,
    ReviewForm,
    SignedCopyForm,
    SignForm,
)
from .models import (
    Agreement,
    AgreementParty,
    Frequency,
    IstvLocationType,
    IstvMethod,
    IstvReturn,
    PendingIstvUpload,
    PrescribedDataset,
    SignOff,
)

Status = Agreement.Status
FREQUENCY_LABELS = dict(Frequency.choices)


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    return csv_file.response(filename, chain([header], rows))


def _service_errors(form, error: ValidationError, field=None):
    for message in error.messages:
        form.add_error(field, message)


# Register -----------------------------------------------------------------------------------


class CachedTableMixin:
    """For a ListView whose table and pagination are the same for everyone who may read the
    same partnerships: their HTML is cached under those partnerships, the query string and the
    page. An administrator's, over every partnership, is worked out each time. Set
    `table_template`; `prepare_rows` may add to the page's rows what the table shows."""

    table_template = ""

    def prepare_rows(self, rows):
        return rows

    def render_table(self, query_string: str) -> str:
        paginator, page, rows, is_paginated = self.paginate_queryset(
            self.object_list, self.paginate_by)
        return render_to_string(self.table_template, {
            "paginator": paginator, "page_obj": page, "is_paginated": is_paginated,
            self.context_object_name: self.prepare_rows(rows), "query_string": query_string})

    def cached_table(self, query_string: str):
        ids = visible_partnership_ids(self.request.user)
        if ids is None:
            return mark_safe(self.render_table(query_string))  # noqa: S308 - our template
        ids = sorted(ids)
        page = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1
        return cache.fragment(self.request, self.table_template,
                              lambda: self.render_table(query_string), depends_on=ids,
                              shared=cache.EVERYONE, vary=[ids, query_string, str(page)])

    def get_context_data(self, **kwargs):
        # ContextMixin's, not MultipleObjectMixin's: the page is paginated in render_table,
        # and only when its HTML is not cached.
        return super(MultipleObjectMixin, self).get_context_data(**kwargs)


class AgreementListView(PermissionMixin, CachedTableMixin, ListView):
    """The agreement register: every agreement the user may read, with filters.

    A page loads only the columns it shows (the agreements' long texts stay in the database)
    and its parties' agency names as plain strings, in one query more. Its table is cached
    (CachedTableMixin).
    """

    permission_required = "datasharing.use_datasharing"
    template_name = "datasharing/agreement_list.html"
    context_object_name = "agreements"
    paginate_by = 50
    paginator_class = IdsFirstPaginator
    table_template = "datasharing/includes/register_table.html"

    def filters(self):
        status = self.request.GET.get("status", "")
        if status not in Status.values:
            status = ""
        try:
            partnership_id = int(self.request.GET.get("partnership") or 0) or None
            if not fits_an_id(partnership_id or 0):
                partnership_id = -1  # no partnership has it: nothing matches
        except ValueError:
            partnership_id = None
        return {"status": status, "partnership_id": partnership_id,
                "query": self.request.GET.get("q", "").strip()[:100]}

    def get_queryset(self):
        return selectors.agreement_register(user=self.request.user, **self.filters())

    def prepare_rows(self, agreements):
        names = selectors.party_names(agreement_ids=[a.pk for a in agreements])
        address = address_maker("datasharing:agreement-detail", "pk", 987654321)
        for agreement in agreements:
            agreement.party_names = names.get(agreement.pk, [])
            agreement.address = address(agreement.pk)
        return agreements

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        query = self.request.GET.copy()
        query.pop("page", None)
        query_string = query.urlencode()
        context["register"] = self.cached_table(query_string)
        context["filters"] = self.filters()
        context["statuses"] = Status.choices
        partnerships = list(partnership_list(user=user).select_related(None)
                            .only("id", "name", "ons_code"))
        context["partnerships"] = partnerships
        context["can_create"] = user.has_perm("datasharing.add_agreement")
        context["can_record_delivery"] = user.has_perm("datasharing.add_delivery")
        context["query_string"] = query_string
        return context


class AgreementExportView(AgreementListView):
    """Every agreement the register's filters select, as CSV (not paged, not kept)."""

    def get(self, request, *args, **kwargs):
        return self.render_to_response({})

    def get_queryset(self):
        return selectors.agreement_list(user=self.request.user, **self.filters())

    def render_to_response(self, context, **response_kwargs):
        rows = (
            [a.reference, a.title, a.partnership.name, a.get_status_display(),
             "; ".join(f"{p.agency.name} ({p.get_role_display().lower()})"
                       for p in a.parties.all()),
             a.get_data_category_display(), a.get_lawful_basis_display(),
             "; ".join(a.legal_power_labels()), a.start_date, a.end_date, a.review_date]
            for a in self.get_queryset()
        )
        return csv_response(
            "data-sharing-agreements.csv",
            ["Reference", "Title", "Partnership", "Status", "Parties", "Data category",
             "Lawful basis", "Legal powers", "Start date", "End date", "Review date"],
            rows,
        )


class AgreementCreateView(PermissionMixin, FormView):
    permission_required = "datasharing.add_agreement"
    template_name = "datasharing/form.html"
    form_class = AgreementCreateForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        user = self.request.user
        kwargs["partnerships"] = selectors.partnerships_for_agreement_creation(user=user)
        if user.scope.is_admin:
            kwargs["agencies"] = Agency.objects.order_by("name")
        else:
            kwargs["agencies"] = Agency.objects.filter(pk__in=user.scope.agency_ids).order_by(
                "name")
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page_title="Start a data sharing agreement",
                       back_url=reverse("datasharing:agreement-list"),
                       intro="Start with a title. You then complete the agreement section by "
                             "section, in any order, and invite the other parties.")
        return context

    def form_valid(self, form):
        try:
            agreement = services.agreement_create(
                user=self.request.user, partnership=form.cleaned_data["partnership"],
                agency=form.cleaned_data["agency"], title=form.cleaned_data["title"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            _service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Draft agreement {agreement.reference} created")
        return redirect(agreement)


class AgreementObjectMixin(ObjectPermissionMixin):
    """Loads the agreement from the URL and checks the permission against it."""

    read_permission = "datasharing.view_agreement"

    def get_agreement(self) -> Agreement:
        if not hasattr(self, "_agreement"):
            agreement = get_object_or_404(
                selectors.agreement_detail_queryset().prefetch_related("parties"),
                pk=self.kwargs["pk"],
            )
            self._agreement = self.check_object(agreement)
        return self._agreement

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.agreement = self.get_agreement()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["agreement"] = self.agreement
        return context


class AgreementDetailView(AgreementObjectMixin, TemplateView):
    """The agreement's summary and its task list."""

    permission_required = "datasharing.view_agreement"
    template_name = "datasharing/agreement_detail.html"

    def get_agreement(self) -> Agreement:
        """The agreement with its parties, their agencies and every sign-off, read once: the
        permission check, the parties table and the sign-off record all use them."""
        if not hasattr(self, "_agreement"):
            parties = AgreementParty.objects.select_related("agency__agency_type").prefetch_related(
                Prefetch("sign_offs", queryset=SignOff.objects.select_related("signed_by")))
            agreement = get_object_or_404(
                selectors.agreement_detail_queryset().prefetch_related(
                    Prefetch("parties", queryset=parties)),
                pk=self.kwargs["pk"],
            )
            self._agreement = self.check_object(agreement)
        return self._agreement

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreement, user = self.agreement, self.request.user
        # As selectors.parties_with_sign_offs and sign_off_record, from the prefetched records.
        parties = list(agreement.parties.all())
        for party in parties:
            party.current_sign_off = next(
                (s for s in party.sign_offs.all() if s.terms_version == agreement.terms_version),
                None)
        sign_offs = sorted((s for party in parties for s in party.sign_offs.all()),
                           key=lambda s: (-s.terms_version, s.signed_at))
        sections = selectors.agreement_sections(agreement, parties)
        can_change = user.has_perm("datasharing.change_agreement", agreement)
        datasets = list(agreement.datasets.all())
        for party in parties:
            party.can_sign = (
                agreement.status == Status.AWAITING_SIGNATURES
                and party.current_sign_off is None
                and party.agency_id in user.scope.signatory_agency_ids
            )
        context.update(
            parties=parties,
            sections=sections,
            completed=sum(1 for s in sections if s.complete),
            all_complete=all(s.complete for s in sections),
            can_change=can_change,
            datasets=datasets,
            sign_offs=sign_offs,
            can_negotiate=can_change and agreement.status == Status.DRAFT,
            can_request=can_change and agreement.status in (Status.DRAFT, Status.IN_NEGOTIATION),
            can_review=can_change and agreement.status in Agreement.IN_FORCE,
            can_record_delivery=(
                agreement.status in Agreement.IN_FORCE and bool(datasets)
                and user.has_perm("datasharing.add_delivery")
                and any(p.agency_id in user.scope.agency_ids and p.role in selectors.PROVIDING
                        for p in parties)),
        )
        return context


class AgreementSectionView(AgreementObjectMixin, FormView):
    permission_required = "datasharing.change_agreement"
    template_name = "datasharing/section_form.html"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["section"] not in SECTION_FORMS:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return SECTION_FORMS[self.kwargs["section"]]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # A copy: a refused save must not change the object the page shows. Read once per
        # request, however often the form is built.
        if not hasattr(self, "_form_instance"):
            self._form_instance = Agreement.objects.get(pk=self.agreement.pk)
        kwargs["instance"] = self._form_instance
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        slug = self.kwargs["section"]
        context["section_title"] = dict(selectors.SECTION_TITLES)[slug]
        context["section"] = slug
        if slug == "parties":
            context["parties"] = list(self.agreement.parties.select_related("agency"))
            context["can_change"] = True
        context["resets_signatures"] = self.agreement.status in (
            Status.AWAITING_SIGNATURES, Status.ACTIVE, Status.REVIEW_DUE)
        return context

    def form_valid(self, form):
        values = {name: form.cleaned_data[name] for name in form.cleaned_data
                  if name != "datasets"}
        datasets = form.cleaned_data.get("datasets") if "datasets" in form.fields else None
        before = self.agreement.status
        try:
            agreement = services.agreement_update(
                agreement=self.agreement, user=self.request.user, values=values,
                datasets=datasets,
            )
        except ValidationError as error:
            _service_errors(form, error)
            return self.form_invalid(form)
        if before != agreement.status:
            messages.success(self.request, "Saved. The terms changed, so every party must sign "
                                           "the agreement again.")
        else:
            messages.success(self.request, f"“{self.get_context_data()['section_title']}” saved")
        return redirect(agreement)


class PartyAddView(AgreementObjectMixin, FormView):
    permission_required = "datasharing.change_agreement"
    template_name = "datasharing/form.html"
    form_class = PartyAddForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        existing = self.agreement.parties.values_list("agency_id", flat=True)
        kwargs["agencies"] = selectors.member_agencies(
            partnership=self.agreement.partnership).exclude(pk__in=existing)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page_title="Add a party", caption=self.agreement,
                       back_url=reverse("datasharing:agreement-section",
                                        kwargs={"pk": self.agreement.pk, "section": "parties"}))
        return context

    def form_valid(self, form):
        try:
            party = services.party_add(agreement=self.agreement, agency=form.cleaned_data["agency"],
                                       role=form.cleaned_data["role"], user=self.request.user)
        except ValidationError as error:
            _service_errors(form, error, "agency")
            return self.form_invalid(form)
        messages.success(self.request, f"{party.agency} added as a party")
        return redirect("datasharing:agreement-section", pk=self.agreement.pk, section="parties")


class PartyRemoveView(AgreementObjectMixin, View):
    permission_required = "datasharing.change_agreement"
    http_method_names = ["post"]

    def post(self, request, pk, party_pk):
        party = get_object_or_404(AgreementParty, pk=party_pk, agreement=self.agreement)
        try:
            services.party_remove(party=party, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{party.agency} removed from the agreement")
        return redirect("datasharing:agreement-section", pk=pk, section="parties")


class AgreementTransitionView(AgreementObjectMixin, View):
    """Moves an agreement on: into negotiation, or out for signature."""

    permission_required = "datasharing.change_agreement"
    http_method_names = ["post"]
    actions = {
        "negotiate": (services.agreement_start_negotiation, "The agreement is in negotiation"),
        "request-signatures": (services.agreement_request_signatures,
                               "The agreement has been sent to the parties’ signatories"),
    }

    def post(self, request, pk, action):
        if action not in self.actions:
            raise Http404
        service, done = self.actions[action]
        try:
            service(agreement=self.agreement, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return redirect(self.agreement)


class AgreementSignView(ObjectPermissionMixin, FormView):
    permission_required = "datasharing.sign_agreement"
    read_permission = "datasharing.view_agreement"
    template_name = "datasharing/sign.html"
    form_class = SignForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            party = get_object_or_404(
                AgreementParty.objects.select_related("agency", "agreement__partnership"),
                pk=kwargs["party_pk"], agreement_id=kwargs["pk"],
            )
            user = request.user
            if not user.has_perm("datasharing.view_agreement", party.agreement):
                raise Http404
            if not user.has_perm(self.permission_required, party):
                raise PermissionDenied
            self.party, self.agreement = party, party.agreement
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreement = self.agreement
        already = agreement.sign_offs.filter(party=self.party,
                                             terms_version=agreement.terms_version).first()
        context.update(agreement=agreement, party=self.party, already=already,
                       awaiting=agreement.status == Status.AWAITING_SIGNATURES,
                       datasets=list(agreement.datasets.all()),
                       parties=list(agreement.parties.select_related("agency")))
        return context

    def form_valid(self, form):
        try:
            services.agreement_sign(agreement=self.agreement, party=self.party,
                                    user=self.request.user)
        except ValidationError as error:
            _service_errors(form, error)
            return self.form_invalid(form)
        self.agreement.refresh_from_db()
        if self.agreement.status in Agreement.IN_FORCE:
            messages.success(self.request, "Signed. Every party has signed: the agreement is "
                                           "now active.")
        else:
            messages.success(self.request, f"Signed for {self.party.agency}")
        return redirect(self.agreement)


class AgreementEndView(AgreementObjectMixin, FormView):
    permission_required = "datasharing.change_agreement"
    template_name = "datasharing/form.html"
    form_class = EndForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["agreements"] = Agreement.objects.filter(
            partnership=self.agreement.partnership
        ).exclude(pk=self.agreement.pk).order_by("reference")
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page_title="End the agreement", caption=self.agreement,
                       back_url=self.agreement.get_absolute_url())
        return context

    def form_valid(self, form):
        try:
            services.agreement_end(
                agreement=self.agreement, user=self.request.user,
                outcome=form.cleaned_data["outcome"], reason=form.cleaned_data["reason"],
                superseded_by=form.cleaned_data.get("superseded_by"),
            )
        except ValidationError as error:
            _service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "The agreement has ended")
        return redirect(self.agreement)


class AgreementReviewView(AgreementObjectMixin, FormView):
    permission_required = "datasharing.change_agreement"
    template_name = "datasharing/form.html"
    form_class = ReviewForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page_title="Record a review", caption=self.agreement,
                       back_url=self.agreement.get_absolute_url(),
                       intro="The parties reviewed the agreement and kept its terms. To change "
                             "the terms, edit the sections instead: the parties then sign again.")
        return context

    def form_valid(self, form):
        try:
            services.agreement_record_review(
                agreement=self.agreement, user=self.request.user,
                next_review_date=form.cleaned_data["next_review_date"],
            )
        except ValidationError as error:
            _service_errors(form, error, "next_review_date")
            return self.form_invalid(form)
        messages.success(self.request, "Review recorded")
        return redirect(self.agreement)


class SignedCopyUploadView(AgreementObjectMixin, FormView):
    permission_required = "datasharing.change_agreement"
    template_name = "datasharing/form.html"
    form_class = SignedCopyForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page_title="Attach the signed copy", caption=self.agreement,
                       back_url=self.agreement.get_absolute_url(),
                       intro="A scan or PDF of the agreement as signed. Only people who may read "
                             "the agreement can download it.")
        return context

    def form_valid(self, form):
        try:
            services.agreement_attach_signed_copy(agreement=self.agreement,
                                                  user=self.request.user,
                                                  upload=form.cleaned_data["file"])
        except ValidationError as error:
            _service_errors(form, error, "file")
            return self.form_invalid(form)
        messages.success(self.request, "Signed copy attached")
        return redirect(self.agreement)


class SignedCopyDownloadView(AgreementObjectMixin, View):
    permission_required = "datasharing.view_agreement"

    def get(self, request, pk):
        agreement = self.agreement
        if not agreement.signed_copy:
            raise Http404
        try:
            handle = agreement.signed_copy.open("rb")
        except (FileNotFoundError, OSError) as error:
            raise Http404 from error
        response = FileResponse(handle, as_attachment=True,
                                filename=agreement.signed_copy_name or "signed-copy.pdf",
                                content_type="application/pdf")
        response["X-Content-Type-Options"] = "nosniff"
        return response


class AgreementHistoryView(ObjectHistoryView):
    permission_required = "datasharing.view_agreement"
    model = Agreement


# Coverage ---------------------------------------------------------------------------------


class CoverageView(PartnershipByCodeMixin, TemplateView):
    """The coverage matrix of one partnership, the same for everyone allowed to see it."""

    permission_required = "datasharing.view_coverage"
    template_name = "datasharing/coverage.html"

    def rows(self, today):
        return selectors.coverage_rows(partnership=self.partnership, today=today)

    def render_matrix(self, today) -> str:
        rows = self.rows(today)
        return render_to_string("datasharing/includes/coverage_matrix.html", {
            "partnership": self.partnership, "rows": rows,
            "gaps": [row for row in rows if row.is_gap],
            "health_gaps": [row for row in rows if row.is_gap and row.dataset.is_health],
        })

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = clock.today()
        pk = self.partnership.pk
        matrix = cache.fragment(self.request, "coverage-matrix", lambda: self.render_matrix(today),
                                depends_on=[pk, cache.TODAY], shared=cache.EVERYONE, vary=[pk])
        context.update(partnership=self.partnership, matrix=matrix)
        return context


class CoverageExportView(CoverageView):
    def get(self, request, *args, **kwargs):
        rows = (
            [row.dataset.name, row.agency.name, "Yes" if row.dataset.is_health else "No",
             row.agreement.reference if row.agreement else "",
             row.agreement.get_status_display() if row.agreement else "",
             FREQUENCY_LABELS.get(row.frequency, row.frequency),
             row.last_delivery.period_end if row.last_delivery else "",
             row.last_delivery.received_on if row.last_delivery else "",
             row.status_label, row.detail]
            for row in self.rows(clock.today())
        )
        return csv_response(
            f"coverage-{self.partnership.ons_code}.csv",
            ["Dataset", "Agency", "Health", "Agreement", "Agreement status", "Frequency",
             "Last delivery: period end", "Last delivery: received", "On time", "Detail"],
            rows,
        )


class DatasetListView(PermissionMixin, ListView):
    permission_required = "datasharing.use_datasharing"
    template_name = "datasharing/dataset_list.html"
    context_object_name = "datasets"

    def get_queryset(self):
        return PrescribedDataset.objects.filter(is_active=True).prefetch_related(
            "owner_agency_types")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["methods"] = IstvMethod.objects.filter(is_active=True)
        context["location_types"] = IstvLocationType.objects.filter(is_active=True)
        return context


# Deliveries -------------------------------------------------------------------------------


class DeliveryListView(PermissionMixin, CachedTableMixin, ListView):
    """The delivery log of the partnerships the user may read, newest first; its table is
    cached (CachedTableMixin)."""

    permission_required = "datasharing.use_datasharing"
    template_name = "datasharing/delivery_list.html"
    context_object_name = "deliveries"
    paginate_by = 50
    paginator_class = IdsFirstPaginator
    table_template = "datasharing/includes/delivery_table.html"

    def get_queryset(self):
        return selectors.delivery_list(user=self.request.user)

    def prepare_rows(self, rows):
        for delivery in rows:
            delivery.lateness = selectors.delivery_lateness(delivery)
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["log"] = self.cached_table("")
        context["can_record"] = self.request.user.has_perm("datasharing.add_delivery")
        return context


class DeliveryExportView(DeliveryListView):
    """Every delivery in the log, as CSV (not paged, not kept)."""

    paginate_by = None

    def get(self, request, *args, **kwargs):
        return self.render_to_response({})

    def render_to_response(self, context, **response_kwargs):
        def row(d):
            late = selectors.delivery_lateness(d)
            return [d.partnership.name, d.agency.name, d.dataset.name, d.period_start,
                    d.period_end, d.received_on, d.record_count,
                    d.agreement.reference if d.agreement else "", d.note,
                    late.period.start if late else "", late.period.end if late else "",
                    late.due if late else "", late.days_late if late else "",
                    late.label if late else "No schedule"]

        return csv_response("deliveries.csv",
                            ["Partnership", "Agency", "Dataset", "Period start", "Period end",
                             "Received", "Records", "Agreement", "Note", "Counts for: start",
                             "Counts for: end", "Due by", "Days late", "On time"],
                            (row(d) for d in self.get_queryset()))


class DeliveryCreateView(PermissionMixin, FormView):
    permission_required = "datasharing.add_delivery"
    template_name = "datasharing/form.html"
    form_class = DeliveryForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        memberships, datasets = selectors.delivery_choices(user=self.request.user)
        kwargs.update(memberships=memberships, datasets=datasets)
        return kwargs

    def from_agreement(self):
        """The agreement named by ?agreement= that one of the user's agencies provides data
        under, with that party, or (None, None)."""
        pk = self.request.GET.get("agreement", "")
        if not (pk.isascii() and pk.isdigit() and fits_an_id(pk)):
            return None, None
        party = AgreementParty.objects.filter(
            agreement_id=pk, agency_id__in=self.request.user.scope.agency_ids,
            role__in=selectors.PROVIDING, agreement__status__in=Agreement.IN_FORCE,
        ).select_related("agreement").first()
        return (party.agreement, party) if party else (None, None)

    def get_initial(self):
        agreement, party = self.from_agreement()
        if agreement is None:
            return {}
        membership = Membership.objects.filter(partnership_id=agreement.partnership_id,
                                               agency_id=party.agency_id).first()
        dataset = agreement.datasets.filter(is_active=True).order_by("name").first()
        return {"membership": membership and membership.pk, "dataset": dataset and dataset.pk}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreement, _ = self.from_agreement()
        back_url = (agreement.get_absolute_url() if agreement
                    else reverse("datasharing:delivery-list"))
        context.update(page_title="Record a delivery", back_url=back_url,
                       intro="Record data your agency delivered to a partnership. Whether it was "
                             "on time is worked out from the period and the date received.")
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.delivery_record(
                user=self.request.user, partnership=data["membership"].partnership,
                agency=data["membership"].agency, dataset=data["dataset"],
                period_start=data["period_start"], period_end=data["period_end"],
                received_on=data["received_on"], record_count=data["record_count"],
                note=data["note"],
            )
        except ValidationError as error:
            _service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Delivery recorded")
        return redirect("datasharing:delivery-list")


# ISTV -------------------------------------------------------------------------------------


def _ed_agencies(user):
    qs = Agency.objects.filter(agency_type__slug="emergency-department").order_by("name")
    return qs.filter(pk__in=user.scope.agency_ids)


class IstvReturnListView(PermissionMixin, ListView):
    permission_required = "datasharing.list_istv"
    template_name = "datasharing/istv_list.html"
    context_object_name = "returns"
    paginate_by = 50

    def get_queryset(self):
        return selectors.istv_return_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_upload"] = self.request.user.has_perm("datasharing.upload_istv")
        return context


class IstvUploadView(PermissionMixin, FormView):
    permission_required = "datasharing.upload_istv"
    template_name = "datasharing/istv_upload.html"
    form_class = IstvUploadForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["agencies"] = _ed_agencies(self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = istv.COLUMNS
        context["methods"] = IstvMethod.objects.filter(is_active=True)
        context["location_types"] = IstvLocationType.objects.filter(is_active=True)
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        agency, start, end = data["agency"], data["period_start"], data["period_end"]
        result = services.istv_check(agency=agency, period_start=start, period_end=end,
                                     text=form.text)
        if not result.ok:
            count = len(result.problems)
            form.add_error("file", f"The file has {count} problem{'s' if count != 1 else ''}, so "
                                   "nothing was imported: the report below names each row and "
                                   "field")
            return self.render_to_response(self.get_context_data(
                form=form, problems=result.problems[:200],
                more_problems=max(0, len(result.problems) - 200),
            ))
        file_name = (data["file"].name or "")[-200:]
        if IstvReturn.objects.filter(agency=agency, period_start=start, period_end=end).exists():
            pending = services.istv_pending_create(agency=agency, user=self.request.user,
                                                   period_start=start, period_end=end,
                                                   text=form.text, file_name=file_name)
            return redirect("datasharing:istv-confirm", pk=pending.pk)
        try:
            istv_return = services.istv_import(agency=agency, user=self.request.user,
                                               period_start=start, period_end=end,
                                               text=form.text, file_name=file_name)
        except ValidationError as error:
            _service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Imported {istv_return.row_count} assaults for "
                                       f"{istv_return.period_start:%-d %b %Y} to "
                                       f"{istv_return.period_end:%-d %b %Y}")
        return redirect(istv_analysis_url(istv_return, user=self.request.user))


def istv_analysis_url(istv_return, *, user) -> str:
    """The analysis of a return just imported: its site and period, in the first of the site's
    partnerships the user may see; the list of returns if there is none."""
    partnerships = Partnership.objects.filter(memberships__agency_id=istv_return.agency_id)
    visible = visible_partnership_ids(user)
    if visible is not None:
        partnerships = partnerships.filter(pk__in=visible)
    partnership = partnerships.order_by("name").first()
    if partnership is None:
        return reverse("datasharing:istv-list")
    query = urlencode({"site": istv_return.agency_id,
                       "date_from": istv_return.period_start.isoformat(),
                       "date_to": istv_return.period_end.isoformat()})
    return f"{reverse('datasharing:istv-analysis', kwargs={'code': partnership.ons_code})}?{query}"


class IstvConfirmView(ObjectPermissionMixin, FormView):
    permission_required = "datasharing.confirm_istv"
    template_name = "datasharing/istv_confirm.html"
    form_class = ConfirmReplaceForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            pending = get_object_or_404(PendingIstvUpload.objects.select_related("agency"),
                                        pk=kwargs["pk"])
            self.pending = self.check_object(pending)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pending"] = self.pending
        existing = context["existing"] = IstvReturn.objects.filter(
            agency=self.pending.agency, period_start=self.pending.period_start,
            period_end=self.pending.period_end).first()
        new_count = context["new_count"] = istv.count_rows(self.pending.content)
        context["much_smaller"] = bool(existing) and new_count < existing.row_count * (
            istv.MUCH_SMALLER)
        return context

    def form_valid(self, form):
        try:
            istv_return = services.istv_pending_confirm(pending=self.pending,
                                                        user=self.request.user)
        except ValidationError as error:
            _service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Replaced: {istv_return.row_count} assaults imported")
        return redirect(istv_analysis_url(istv_return, user=self.request.user))


@method_decorator(login_not_required, name="dispatch")
class IstvTemplateView(View):
    """The empty template (header row only). Public: it holds no data."""

    def get(self, request):
        return csv_file.response("istv-template.csv", istv.template_rows())


@method_decorator(login_not_required, name="dispatch")
class IstvSampleView(View):
    """A small made-up example file. Public: it holds no real data."""

    def get(self, request):
        return csv_file.response("istv-sample.csv", istv.sample_rows())


class IstvSite(NamedTuple):
    pk: int
    name: str


class IstvAnalysisView(PartnershipByCodeMixin, TemplateView):
    """Charts of the assaults treated at the partnership's emergency departments. The sites
    and the charts' HTML (for each choice of filters) are the same for everyone allowed to see
    them, so they are cached under the partnership."""

    permission_required = "datasharing.view_coverage"
    template_name = "datasharing/istv_analysis.html"

    def cached(self, parts, compute):
        pk = self.partnership.pk
        return cache.fragment(self.request, "istv-analysis", compute, depends_on=[pk],
                              shared=cache.EVERYONE, vary=[pk, *parts])

    def analysis(self):
        """The filter form, the sites, the ids of the sites chosen, and the dates chosen."""
        sites = self.cached(("sites",), lambda: [
            IstvSite(site.pk, site.name)
            for site in selectors.istv_sites(partnership=self.partnership)])
        site_qs = Agency.objects.filter(pk__in=[s.pk for s in sites]).order_by("name")
        form = AnalysisFilterForm(self.request.GET or None, sites=site_qs)
        chosen = [s.pk for s in sites]
        date_from = date_to = None
        if form.is_bound and form.is_valid():
            if form.cleaned_data["site"]:
                chosen = [form.cleaned_data["site"].pk]
            date_from, date_to = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        return form, sites, chosen, date_from, date_to

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, sites, chosen, date_from, date_to = self.analysis()
        query = self.request.GET.urlencode() if form.is_bound and form.is_valid() else ""

        def render_results():
            results = selectors.istv_analysis(site_ids=chosen, date_from=date_from,
                                              date_to=date_to)
            return render_to_string("datasharing/includes/istv_results.html", {
                "sites": sites, "results": results, "date_from": date_from,
                "date_to": date_to, "hours": range(24),
                "quality": selectors.istv_quality_trend(site_ids=chosen)})

        html = self.cached(("results", tuple(chosen), date_from, date_to), render_results)
        context.update(partnership=self.partnership, form=form, sites=sites,
                       export_query=query, results_html=html)
        return context


class IstvAnalysisExportView(IstvAnalysisView):
    def get(self, request, *args, **kwargs):
        _form, _sites, chosen, date_from, date_to = self.analysis()
        results = selectors.istv_analysis(site_ids=chosen, date_from=date_from, date_to=date_to)
        rows = []
        for title, key in (("Location type", "by_location_type"), ("Top places", "top_places"),
                           ("Method", "by_method"), ("Month", "by_month")):
            rows += [[title, bar.label, bar.count] for bar in results[key]]
        for day in results["heat"]:
            rows += [["Hour of the week", f"{day['day']} {cell['hour']:02d}:00", cell["count"]]
                     for cell in day["cells"]]
        return csv_response(f"istv-analysis-{self.partnership.ons_code}.csv",
                            ["Breakdown", "Value", "Assaults"], rows)


# Transparency register (public) -----------------------------------------------------------


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
            [a.partnership.name, a.title,
             "; ".join(f"{p.agency.name} ({p.get_role_display().lower()})"
                       for p in a.parties.all()),
             a.purpose, a.get_lawful_basis_display(), "; ".join(a.legal_power_labels()),
             a.get_status_display(), a.review_date or ""]
            for a in selectors.transparency_register()
        )
        return csv_response("transparency-register.csv",
                            ["Partnership", "Title", "Parties", "Purpose", "Lawful basis",
                             "Legal powers", "Status", "Review date"], rows)


class IstvReturnExportView(IstvReturnListView):
    """The ISTV returns the user may list, with their completeness, as CSV (not paged)."""

    def get(self, request, *args, **kwargs):
        rows = (
            [r.agency.name, r.site_code, r.period_start, r.period_end, r.row_count,
             r.location_not_known, r.method_not_known, r.time_not_known,
             timezone.localtime(r.uploaded_at).strftime("%Y-%m-%d %H:%M"),
             (r.uploaded_by.full_name or r.uploaded_by.email) if r.uploaded_by else ""]
            for r in self.get_queryset()
        )
        return csv_response("istv-returns.csv",
                            ["Department", "Site code", "Period start", "Period end",
                             "Assaults", "Location not known", "Method not known",
                             "Arrival time not known", "Uploaded", "Uploaded by"], rows)
