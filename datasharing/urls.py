from django.urls import path

from . import views

app_name = "datasharing"

urlpatterns = [
    path("", views.AgreementListView.as_view(), name="agreement-list"),
    path("agreements.csv", views.AgreementExportView.as_view(), name="agreement-export"),
    path("agreements/new/", views.AgreementCreateView.as_view(), name="agreement-create"),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement-detail"),
    path(
        "agreements/<int:pk>/history/",
        views.AgreementHistoryView.as_view(),
        name="agreement-history",
    ),
    path(
        "agreements/<int:pk>/sections/<slug:section>/",
        views.AgreementSectionView.as_view(),
        name="agreement-section",
    ),
    path("agreements/<int:pk>/parties/add/", views.PartyAddView.as_view(), name="party-add"),
    path(
        "agreements/<int:pk>/parties/<int:party_pk>/remove/",
        views.PartyRemoveView.as_view(),
        name="party-remove",
    ),
    path(
        "agreements/<int:pk>/parties/<int:party_pk>/sign/",
        views.AgreementSignView.as_view(),
        name="agreement-sign",
    ),
    path(
        "agreements/<int:pk>/move/<slug:action>/",
        views.AgreementTransitionView.as_view(),
        name="agreement-transition",
    ),
    path("agreements/<int:pk>/end/", views.AgreementEndView.as_view(), name="agreement-end"),
    path(
        "agreements/<int:pk>/review/", views.AgreementReviewView.as_view(), name="agreement-review"
    ),
    path(
        "agreements/<int:pk>/signed-copy/",
        views.SignedCopyUploadView.as_view(),
        name="signed-copy-upload",
    ),
    path(
        "agreements/<int:pk>/signed-copy/download/",
        views.SignedCopyDownloadView.as_view(),
        name="signed-copy-download",
    ),
    path("datasets/", views.DatasetListView.as_view(), name="dataset-list"),
    path("coverage/<str:code>/", views.CoverageView.as_view(), name="coverage"),
    path(
        "coverage/<str:code>/export.csv", views.CoverageExportView.as_view(), name="coverage-export"
    ),
    path("deliveries/", views.DeliveryListView.as_view(), name="delivery-list"),
    path("deliveries.csv", views.DeliveryExportView.as_view(), name="delivery-export"),
    path("deliveries/new/", views.DeliveryCreateView.as_view(), name="delivery-create"),
    path("istv/", views.IstvReturnListView.as_view(), name="istv-list"),
    path("istv/returns.csv", views.IstvReturnExportView.as_view(), name="istv-list-export"),
    path("istv/upload/", views.IstvUploadView.as_view(), name="istv-upload"),
    path("istv/upload/<int:pk>/confirm/", views.IstvConfirmView.as_view(), name="istv-confirm"),
    path("istv/template.csv", views.IstvTemplateView.as_view(), name="istv-template"),
    path("istv/sample.csv", views.IstvSampleView.as_view(), name="istv-sample"),
    path("istv/analysis/<str:code>/", views.IstvAnalysisView.as_view(), name="istv-analysis"),
    path(
        "istv/analysis/<str:code>/export.csv",
        views.IstvAnalysisExportView.as_view(),
        name="istv-analysis-export",
    ),
    path("your-data/", views.StreamListView.as_view(), name="stream-list"),
    path(
        "your-data/<str:code>/<int:agency>/<slug:dataset>/",
        views.StreamDetailView.as_view(),
        name="stream-detail",
    ),
    path(
        "your-data/<str:code>/<int:agency>/<slug:dataset>/notes/new/",
        views.StreamNoteCreateView.as_view(),
        name="stream-note-create",
    ),
    path(
        "your-data/<str:code>/<int:agency>/<slug:dataset>/uses/new/",
        views.DataUseCreateView.as_view(),
        name="stream-use-create",
    ),
    path(
        "documents/<str:code>/<int:pk>/data/",
        views.DocumentDataView.as_view(),
        name="document-data",
    ),
]
