from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("export.csv", views.DashboardExportView.as_view(), name="dashboard-export"),
    path("actions.csv", views.RegionActionExportView.as_view(), name="actions-export"),
    path("rules/", views.RulesView.as_view(), name="rules"),
    path("savings-estimator/", views.EstimatorView.as_view(), name="estimator"),
    path("savings-estimator/unit-costs/", views.UnitCostListView.as_view(), name="unit-costs"),
    path("savings-estimator/unit-costs/<slug:slug>/", views.UnitCostEditView.as_view(),
         name="unit-cost-edit"),
    path("savings-estimator/unit-costs/<slug:slug>/history/",
         views.UnitCostHistoryView.as_view(), name="unit-cost-history"),
    path("partnerships/<str:code>/", views.ReviewView.as_view(), name="review"),
    path("partnerships/<str:code>/notes/new/", views.NoteCreateView.as_view(),
         name="note-create"),
    path("partnerships/<str:code>/shared-notes/", views.SharedNotesView.as_view(),
         name="shared-notes"),
    path("partnerships/<str:code>/actions/new/", views.ActionCreateView.as_view(),
         name="action-create"),
    path("partnerships/<str:code>/actions/<int:pk>/", views.ActionStatusView.as_view(),
         name="action-status"),
    path("partnerships/<str:code>/actions/<int:pk>/edit/", views.ActionEditView.as_view(),
         name="action-edit"),
    path("partnerships/<str:code>/actions/<int:pk>/history/", views.ActionHistoryView.as_view(),
         name="action-history"),
    path("partnerships/<str:code>/actions.csv", views.ActionExportView.as_view(),
         name="action-export"),
    path("partnerships/<str:code>/peers/", views.PeersView.as_view(), name="peers"),
]
