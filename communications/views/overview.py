"""The partnership's communications page, its publicity budgets and perception, the region view
and the rules page. Thin views: each checks its permission, then calls a selector or service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.views.generic import FormView, ListView, TemplateView

from core import clock
from core.views import ObjectPermissionMixin, PermissionMixin
from partnerships.mixins import PartnershipByCodeMixin
from partnerships.models import Region
from partnerships.selectors import partnership_list

from .. import selectors
from ..forms.budgets import BudgetForm
from ..models import PublicityBudget, Stage
from ..services import budgets as budget_services

VIEW = "communications.view_partnership_comms"
CHANGE = "communications.change_comms"


class IndexView(PermissionMixin, ListView):
    """The partnerships whose communications the user may read, and their regions."""

    permission_required = "communications.use_communications"
    template_name = "communications/overview/index.html"
    context_object_name = "partnerships"
    paginate_by = 50

    def get_queryset(self):
        return partnership_list(user=self.request.user).select_related("region").order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = self.request.user.scope
        regions = (
            Region.objects.all()
            if scope.is_admin
            else Region.objects.filter(pk__in=scope.region_ids)
        )
        context["regions"] = regions.order_by("name")
        context["is_press_officer"] = bool(scope.press_officer_agency_ids)
        return context


class CommsMixin(PartnershipByCodeMixin):
    permission_required = VIEW

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.request.user.has_perm(CHANGE, self.partnership)
        return context


class PartnershipView(CommsMixin, TemplateView):
    """The partnership's communications at a glance, each part linking to its page."""

    template_name = "communications/overview/partnership.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overview"] = selectors.overview(partnership=self.partnership, today=clock.today())
        context["awaiting"] = Stage.AWAITING_APPROVAL
        return context


class PerceptionView(CommsMixin, TemplateView):
    """Fear of crime beside recorded violence and the coverage balance, quarter by quarter."""

    template_name = "communications/overview/perception.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["perception"] = selectors.perception(
            partnership=self.partnership, today=clock.today()
        )
        context["can_record"] = self.request.user.has_perm(
            "outcomes.record_outcomes", self.partnership
        )
        context["violence_codes"] = selectors.VIOLENCE_CODES
        return context


class BudgetListView(CommsMixin, TemplateView):
    template_name = "communications/overview/budgets.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = selectors.budget_summary(partnership=self.partnership)
        return context


def _budgets_url(partnership):
    return redirect("communications:budgets", code=partnership.ons_code)


class BudgetCreateView(CommsMixin, FormView):
    permission_required = CHANGE
    template_name = "communications/overview/budget_form.html"
    form_class = BudgetForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Add a publicity budget"
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            budget_services.budget_create(
                user=self.request.user,
                partnership=self.partnership,
                action=data["action"],
                initiative=data["initiative"],
                total=data["total"],
                publicity=data["publicity"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, "Publicity budget added")
        return _budgets_url(self.partnership)


class BudgetRecordMixin(ObjectPermissionMixin):
    """Finds the budget by its id within the partnership of the URL's code."""

    permission_required = "communications.change_record"
    read_permission = "communications.view_record"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            budget = get_object_or_404(
                PublicityBudget.objects.select_related("partnership__region", "action"),
                pk=kwargs["pk"],
                partnership__ons_code=kwargs["code"],
            )
            self.budget = self.check_object(budget)
            self.partnership = budget.partnership
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partnership"] = self.partnership
        context["budget"] = self.budget
        return context


class BudgetEditView(BudgetRecordMixin, FormView):
    template_name = "communications/overview/budget_form.html"
    form_class = BudgetForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership, "budget": self.budget}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Change the publicity budget"
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            budget_services.budget_update(
                user=self.request.user,
                budget=self.budget,
                action=data["action"],
                initiative=data["initiative"],
                total=data["total"],
                publicity=data["publicity"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, "Publicity budget changed")
        return _budgets_url(self.partnership)


class BudgetDeleteView(BudgetRecordMixin, TemplateView):
    template_name = "communications/overview/budget_delete.html"

    def post(self, request, *args, **kwargs):
        budget_services.budget_delete(user=request.user, budget=self.budget)
        messages.success(request, "Publicity budget removed")
        return _budgets_url(self.partnership)


class RegionView(ObjectPermissionMixin, TemplateView):
    """Each partnership of a region: stories issued and coverage in the last quarter, brand."""

    permission_required = "communications.view_region_comms"
    template_name = "communications/overview/region.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.region = self.check_object(get_object_or_404(Region, code=kwargs["code"]))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start, end, rows = selectors.region_rows(region=self.region, today=clock.today())
        issued, balance = selectors.region_totals(rows)
        context.update(
            region=self.region, start=start, end=end, rows=rows, issued=issued, balance=balance
        )
        return context


class RulesView(TemplateView):
    """Who may do what, the story stages, and how the balance, gap and review are worked out."""

    template_name = "communications/overview/rules.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            stages=Stage.choices,
            months=selectors.LAST_QUARTER_MONTHS,
            quarters=selectors.PERCEPTION_QUARTERS,
            review_red=selectors.REVIEW_RED,
            review_amber=selectors.REVIEW_AMBER,
            review_green=selectors.REVIEW_GREEN,
        )
        return context


def urlpatterns(prefix: str) -> list:
    budgets = prefix + "publicity-budgets/"
    return [
        path("", IndexView.as_view(), name="index"),
        path("rules/", RulesView.as_view(), name="rules"),
        path("regions/<str:code>/", RegionView.as_view(), name="region"),
        path(prefix, PartnershipView.as_view(), name="partnership"),
        path(prefix + "perception/", PerceptionView.as_view(), name="perception"),
        path(budgets, BudgetListView.as_view(), name="budgets"),
        path(budgets + "new/", BudgetCreateView.as_view(), name="budget-create"),
        path(budgets + "<int:pk>/edit/", BudgetEditView.as_view(), name="budget-edit"),
        path(budgets + "<int:pk>/remove/", BudgetDeleteView.as_view(), name="budget-delete"),
    ]
