from django.views.generic import DetailView, ListView

from cdrp_portal.views import ObjectHistoryView, ObjectPermissionMixin, PermissionMixin

from . import selectors
from .models import Partnership, Region


class RegionListView(PermissionMixin, ListView):
    permission_required = "partnerships.list_regions"
    template_name = "partnerships/region_list.html"
    context_object_name = "regions"

    def get_queryset(self):
        return selectors.region_list(user=self.request.user)


class RegionDetailView(ObjectPermissionMixin, DetailView):
    permission_required = "partnerships.view_region"
    template_name = "partnerships/region_detail.html"
    model = Region
    slug_field = "code"
    slug_url_kwarg = "code"
    context_object_name = "region"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partnerships"] = selectors.partnership_list(user=self.request.user).filter(
            region=self.object
        )
        return context


class PartnershipDetailView(ObjectPermissionMixin, DetailView):
    permission_required = "partnerships.view_partnership"
    template_name = "partnerships/partnership_detail.html"
    slug_field = "ons_code"
    slug_url_kwarg = "code"
    context_object_name = "partnership"

    def get_queryset(self):
        return Partnership.objects.select_related("region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = selectors.partnership_members(partnership=self.object)
        context["can_change"] = self.request.user.has_perm(
            "partnerships.change_partnership", self.object
        )
        return context


class PartnershipHistoryView(ObjectHistoryView):
    permission_required = "partnerships.view_partnership"
    model = Partnership
    slug_field = "ons_code"
    slug_url_kwarg = "code"


