from django.urls import path

from . import views

app_name = "outcomes"

P = "partnerships/<str:code>/"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("rules/", views.RulesView.as_view(), name="rules"),
    path("upload/recorded-crime/", views.CrimeUploadView.as_view(), name="crime-upload"),
    path("upload/recorded-crime/sample.csv", views.CrimeSampleView.as_view(), name="crime-sample"),
    path("upload/population/", views.PopulationUploadView.as_view(), name="population-upload"),
    path(
        "upload/population/sample.csv",
        views.PopulationSampleView.as_view(),
        name="population-sample",
    ),
    path("regions/<str:code>/", views.RegionOutcomesView.as_view(), name="region"),
    path(P, views.PartnershipOutcomesView.as_view(), name="partnership"),
    path(P + "export.csv", views.PartnershipExportView.as_view(), name="partnership-export"),
    path(P + "comparison/", views.ComparisonView.as_view(), name="comparison"),
    path(P + "survey-results/new/", views.SurveyFigureView.as_view(), name="survey-create"),
    path(P + "targets/new/", views.TargetCreateView.as_view(), name="target-create"),
    path(P + "targets/<int:pk>/remove/", views.TargetDeleteView.as_view(), name="target-delete"),
]
