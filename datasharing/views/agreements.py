"""The agreement register and each agreement's pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from core.addresses import address_maker
from core.forms import fits_an_id
from core.pagination import IdsFirstPaginator
from core.views import ObjectHistoryView, ObjectPermissionMixin, PermissionMixin
from partnerships.models import Agency
from partnerships.selectors import partnership_list

from .. import selectors, services
from ..forms import (
    SECTION_FORMS,
    AgreementCreateForm,
    EndForm,
    PartyAddForm,
    ReviewForm,
    SignedCopyForm,
    SignForm,
)
from ..models import (
    Agreement,
    AgreementParty,
    SignOff,
)
from .common import CachedTableMixin, Status, csv_response, service_errors


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
        return {
            "status": status,
            "partnership_id": partnership_id,
            "query": self.request.GET.get("q", "").strip()[:100],
        }

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
        partnerships = list(
            partnership_list(user=user).select_related(None).only("id", "name", "ons_code")
        )
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
            [
                a.reference,
                a.title,
                a.partnership.name,
                a.get_status_display(),
                "; ".join(
                    f"{p.agency.name} ({p.get_role_display().lower()})" for p in a.parties.all()
                ),
                a.get_data_category_display(),
                a.get_lawful_basis_display(),
                "; ".join(a.legal_power_labels()),
                a.start_date,
                a.end_date,
                a.review_date,
            ]
            for a in self.get_queryset()
        )
        return csv_response(
            "data-sharing-agreements.csv",
            [
                "Reference",
                "Title",
                "Partnership",
                "Status",
                "Parties",
                "Data category",
                "Lawful basis",
                "Legal powers",
                "Start date",
                "End date",
                "Review date",
            ],
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
                "name"
            )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="Start a data sharing agreement",
            back_url=reverse("datasharing:agreement-list"),
            intro="Start with a title. You then complete the agreement section by "
            "section, in any order, and invite the other parties.",
        )
        return context

    def form_valid(self, form):
        try:
            agreement = services.agreement_create(
                user=self.request.user,
                partnership=form.cleaned_data["partnership"],
                agency=form.cleaned_data["agency"],
                title=form.cleaned_data["title"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            service_errors(form, error)
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
                Prefetch("sign_offs", queryset=SignOff.objects.select_related("signed_by"))
            )
            agreement = get_object_or_404(
                selectors.agreement_detail_queryset().prefetch_related(
                    Prefetch("parties", queryset=parties)
                ),
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
                None,
            )
        sign_offs = sorted(
            (s for party in parties for s in party.sign_offs.all()),
            key=lambda s: (-s.terms_version, s.signed_at),
        )
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
                agreement.status in Agreement.IN_FORCE
                and bool(datasets)
                and user.has_perm("datasharing.add_delivery")
                and any(
                    p.agency_id in user.scope.agency_ids and p.role in selectors.PROVIDING
                    for p in parties
                )
            ),
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
            Status.AWAITING_SIGNATURES,
            Status.ACTIVE,
            Status.REVIEW_DUE,
        )
        return context

    def form_valid(self, form):
        values = {name: form.cleaned_data[name] for name in form.cleaned_data if name != "datasets"}
        datasets = form.cleaned_data.get("datasets") if "datasets" in form.fields else None
        before = self.agreement.status
        try:
            agreement = services.agreement_update(
                agreement=self.agreement,
                user=self.request.user,
                values=values,
                datasets=datasets,
            )
        except ValidationError as error:
            service_errors(form, error)
            return self.form_invalid(form)
        if before != agreement.status:
            messages.success(
                self.request,
                "Saved. The terms changed, so every party must sign the agreement again.",
            )
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
            partnership=self.agreement.partnership
        ).exclude(pk__in=existing)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="Add a party",
            caption=self.agreement,
            back_url=reverse(
                "datasharing:agreement-section",
                kwargs={"pk": self.agreement.pk, "section": "parties"},
            ),
        )
        return context

    def form_valid(self, form):
        try:
            party = services.party_add(
                agreement=self.agreement,
                agency=form.cleaned_data["agency"],
                role=form.cleaned_data["role"],
                user=self.request.user,
            )
        except ValidationError as error:
            service_errors(form, error, "agency")
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
        "request-signatures": (
            services.agreement_request_signatures,
            "The agreement has been sent to the parties’ signatories",
        ),
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
                pk=kwargs["party_pk"],
                agreement_id=kwargs["pk"],
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
        already = agreement.sign_offs.filter(
            party=self.party, terms_version=agreement.terms_version
        ).first()
        context.update(
            agreement=agreement,
            party=self.party,
            already=already,
            awaiting=agreement.status == Status.AWAITING_SIGNATURES,
            datasets=list(agreement.datasets.all()),
            parties=list(agreement.parties.select_related("agency")),
        )
        return context

    def form_valid(self, form):
        try:
            services.agreement_sign(
                agreement=self.agreement, party=self.party, user=self.request.user
            )
        except ValidationError as error:
            service_errors(form, error)
            return self.form_invalid(form)
        self.agreement.refresh_from_db()
        if self.agreement.status in Agreement.IN_FORCE:
            messages.success(
                self.request, "Signed. Every party has signed: the agreement is now active."
            )
        else:
            messages.success(self.request, f"Signed for {self.party.agency}")
        return redirect(self.agreement)


class AgreementEndView(AgreementObjectMixin, FormView):
    permission_required = "datasharing.change_agreement"
    template_name = "datasharing/form.html"
    form_class = EndForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["agreements"] = (
            Agreement.objects.filter(partnership=self.agreement.partnership)
            .exclude(pk=self.agreement.pk)
            .order_by("reference")
        )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="End the agreement",
            caption=self.agreement,
            back_url=self.agreement.get_absolute_url(),
        )
        return context

    def form_valid(self, form):
        try:
            services.agreement_end(
                agreement=self.agreement,
                user=self.request.user,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                superseded_by=form.cleaned_data.get("superseded_by"),
            )
        except ValidationError as error:
            service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "The agreement has ended")
        return redirect(self.agreement)


class AgreementReviewView(AgreementObjectMixin, FormView):
    permission_required = "datasharing.change_agreement"
    template_name = "datasharing/form.html"
    form_class = ReviewForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="Record a review",
            caption=self.agreement,
            back_url=self.agreement.get_absolute_url(),
            intro="The parties reviewed the agreement and kept its terms. To change "
            "the terms, edit the sections instead: the parties then sign again.",
        )
        return context

    def form_valid(self, form):
        try:
            services.agreement_record_review(
                agreement=self.agreement,
                user=self.request.user,
                next_review_date=form.cleaned_data["next_review_date"],
            )
        except ValidationError as error:
            service_errors(form, error, "next_review_date")
            return self.form_invalid(form)
        messages.success(self.request, "Review recorded")
        return redirect(self.agreement)


class SignedCopyUploadView(AgreementObjectMixin, FormView):
    permission_required = "datasharing.change_agreement"
    template_name = "datasharing/form.html"
    form_class = SignedCopyForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="Attach the signed copy",
            caption=self.agreement,
            back_url=self.agreement.get_absolute_url(),
            intro="A scan or PDF of the agreement as signed. Only people who may read "
            "the agreement can download it.",
        )
        return context

    def form_valid(self, form):
        try:
            services.agreement_attach_signed_copy(
                agreement=self.agreement, user=self.request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            service_errors(form, error, "file")
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
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=agreement.signed_copy_name or "signed-copy.pdf",
            content_type="application/pdf",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class AgreementHistoryView(ObjectHistoryView):
    permission_required = "datasharing.view_agreement"
    model = Agreement
