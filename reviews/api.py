"""REST API for regional review status: each partnership's rating on every dimension, computed
by reviews.ratings (the rules the review pages publish). For the reviewers of the partnership's
region and administrators; anyone else who may read the partnership is refused (403), everyone
else is told it does not exist (404), as on the review page."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from core import clock
from core.api import require_perm
from core.api_filters import IdFilter, IdListFilter
from partnerships.models import Partnership
from partnerships.selectors import partnership_list
from reviews import ratings
from reviews.stored import stored_ratings


class DimensionRatingSerializer(serializers.Serializer):
    dimension = serializers.CharField()
    title = serializers.CharField()
    rating = serializers.ChoiceField(choices=list(ratings.RATING_LABELS))
    label = serializers.CharField()
    explanation = serializers.CharField()


class ReviewStatusSerializer(serializers.Serializer):
    partnership = serializers.IntegerField()
    partnership_name = serializers.CharField()
    region = serializers.CharField()
    ratings = DimensionRatingSerializer(many=True)


def _status(row) -> dict:
    partnership = row.partnership
    return {
        "partnership": partnership.pk,
        "partnership_name": partnership.name,
        "region": partnership.region.name,
        "ratings": [
            {
                "dimension": dimension.key,
                "title": dimension.title,
                "rating": result.rating,
                "label": result.label,
                "explanation": result.explanation,
            }
            for dimension, result in row.cells()
        ],
    }


class ReviewStatusFilter(django_filters.FilterSet):
    id = IdListFilter(field_name="id")
    region = IdFilter(field_name="region_id")

    class Meta:
        model = Partnership
        fields = []


class ReviewStatusViewSet(viewsets.GenericViewSet):
    """Review status of the partnerships in the regions you review (all, for administrators):
    a red, amber or green rating on every dimension, with its reason."""

    serializer_class = ReviewStatusSerializer
    filterset_class = ReviewStatusFilter
    queryset = Partnership.objects.none()  # for the schema; requests use get_queryset
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Partnership.objects.none()
        user = self.request.user
        qs = Partnership.objects.select_related("region").order_by("name", "id")
        return qs if user.scope.is_admin else qs.filter(region_id__in=user.scope.region_ids)

    @extend_schema(responses={200: ReviewStatusSerializer(many=True)})
    def list(self, request):
        require_perm(
            request.user,
            "reviews.view_dashboard",
            message="Only regional reviewers and administrators see review status",
        )
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        rows = stored_ratings(page, today=clock.today())
        return self.get_paginated_response([_status(row) for row in rows])

    @extend_schema(responses={200: ReviewStatusSerializer})
    def retrieve(self, request, pk=None):
        partnership = get_object_or_404(
            partnership_list(user=request.user).select_related("region"), pk=pk
        )
        require_perm(
            request.user,
            "reviews.review_partnership",
            partnership,
            "Only the region's reviewers and administrators see its review status",
        )
        row = stored_ratings([partnership], today=clock.today())[0]
        return Response(_status(row))
