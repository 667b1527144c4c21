from django.urls import path

from . import views
from .models import BenefitShare, UnitCost

app_name = "reviews"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("export.csv", views.DashboardExportView.as_view(), name="dashboard-export"),
    path("actions.csv", views.RegionActionExportView.as_view(), name="actions-export"),
    path("rules/", views.RulesView.as_view(), name="rules"),
    path("savings-estimator/", views.EstimatorView.as_view(), name="estimator"),
    path(
        "savings-estimator/unit-costs/", views.ReferenceFigureListView.as_view(), name="unit-costs"
    ),
    path(
        "savings-estimator/unit-costs/<slug:slug>/",
        views.ReferenceFigureEditView.as_view(model=UnitCost),
        name="unit-cost-edit",
    ),
    path(
        "savings-estimator/unit-costs/<slug:slug>/history/",
        views.ReferenceFigureHistoryView.as_view(model=UnitCost),
        name="unit-cost-history",
    ),
    path(
        "savings-estimator/benefit-shares/<slug:slug>/",
        views.ReferenceFigureEditView.as_view(model=BenefitShare),
        name="benefit-share-edit",
    ),
    path(
        "savings-estimator/benefit-shares/<slug:slug>/history/",
        views.ReferenceFigureHistoryView.as_view(model=BenefitShare),
        name="benefit-share-history",
    ),
    path("partnerships/<str:code>/", views.ReviewView.as_view(), name="review"),
    path("partnerships/<str:code>/notes/new/", views.NoteCreateView.as_view(), name="note-create"),
    path(
        "partnerships/<str:code>/shared-notes/",
        views.SharedNotesView.as_view(),
        name="shared-notes",
    ),
    path(
        "partnerships/<str:code>/actions/new/",
        views.ActionCreateView.as_view(),
        name="action-create",
    ),
    path(
        "partnerships/<str:code>/actions/<int:pk>/",
        views.ActionStatusView.as_view(),
        name="action-status",
    ),
    path(
        "partnerships/<str:code>/actions/<int:pk>/edit/",
        views.ActionEditView.as_view(),
        name="action-edit",
    ),
    path(
        "partnerships/<str:code>/actions/<int:pk>/history/",
        views.ActionHistoryView.as_view(),
        name="action-history",
    ),
    path(
        "partnerships/<str:code>/actions.csv",
        views.ActionExportView.as_view(),
        name="action-export",
    ),
    path("partnerships/<str:code>/peers/", views.PeersView.as_view(), name="peers"),
    path("partnerships/<str:code>/our-review/", views.OwnReviewView.as_view(), name="own-review"),
    path(
        "partnerships/<str:code>/our-review/ratings/<slug:dimension>/respond/",
        views.RatingResponseView.as_view(),
        name="rating-respond",
    ),
    path(
        "partnerships/<str:code>/our-review/follow-ups/<int:pk>/",
        views.FollowUpView.as_view(),
        name="follow-up",
    ),
    path(
        "partnerships/<str:code>/our-review/follow-ups/<int:pk>/update/",
        views.FollowUpProgressView.as_view(),
        name="follow-up-progress",
    ),
    path(
        "partnerships/<str:code>/our-review/follow-ups/<int:pk>/decision/",
        views.FollowUpDecisionView.as_view(),
        name="follow-up-decision",
    ),
]
