from django.urls import path

from . import views

app_name = "goodpractice"

urlpatterns = [
    path("", views.SearchView.as_view(), name="search"),
    path("export.csv", views.SearchExportView.as_view(), name="search-export"),
    path("criteria/", views.CriteriaView.as_view(), name="criteria"),
    path("yours/", views.WorkView.as_view(), name="work"),
    path("entries/new/", views.EntryCreateView.as_view(), name="entry-create"),
    path("entries/<int:pk>/", views.EntryDetailView.as_view(), name="entry-detail"),
    path("entries/<int:pk>/edit/", views.EntryEditView.as_view(), name="entry-edit"),
    path("entries/<int:pk>/submit/", views.EntrySubmitView.as_view(), name="entry-submit"),
    path("entries/<int:pk>/review/", views.EntryReviewView.as_view(), name="entry-review"),
    path("entries/<int:pk>/archive/", views.EntryArchiveView.as_view(), name="entry-archive"),
    path("entries/<int:pk>/history/", views.EntryHistoryView.as_view(), name="entry-history"),
    path("entries/<int:pk>/data/", views.EntryDataView.as_view(), name="entry-data"),
    path("entries/<int:pk>/report.pdf", views.EntryReportView.as_view(), name="entry-report"),
    path(
        "entries/<int:pk>/adoptions/new/",
        views.AdoptionCreateView.as_view(),
        name="adoption-create",
    ),
]
