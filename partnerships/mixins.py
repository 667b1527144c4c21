"""The view mixin every app's per-partnership pages share."""

from django.shortcuts import get_object_or_404

from core.views import ObjectPermissionMixin

from .models import Partnership

VIEW = "partnerships.view_partnership"


class PartnershipByCodeMixin(ObjectPermissionMixin):
    """Finds the partnership by the URL's ONS code (`code`) and checks the view's permission.

    404 to a user who may not read the partnership, 403 to one who may read it but not do this.
    """

    permission_required = VIEW
    read_permission = VIEW

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.partnership = self.check_object(
                get_object_or_404(
                    Partnership.objects.select_related("region"), ons_code=kwargs["code"]
                )
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partnership"] = self.partnership
        return context
