from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("regions/", views.RegionListView.as_view(), name="region-list"),
    path("regions/<str:code>/", views.RegionDetailView.as_view(), name="region-detail"),
    path("partnerships/<str:code>/", views.PartnershipDetailView.as_view(),
         name="partnership-detail"),
    path("partnerships/<str:code>/history/", views.PartnershipHistoryView.as_view(),
         name="partnership-history"),
]
