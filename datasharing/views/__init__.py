"""Thin views for data sharing, by area: each checks its permission, then calls one
service or selector."""

from .agreements import (  # noqa: F401
    AgreementCreateView,
    AgreementDetailView,
    AgreementEndView,
    AgreementExportView,
    AgreementHistoryView,
    AgreementListView,
    AgreementObjectMixin,
    AgreementReviewView,
    AgreementSectionView,
    AgreementSignView,
    AgreementTransitionView,
    PartyAddView,
    PartyRemoveView,
    SignedCopyDownloadView,
    SignedCopyUploadView,
)
from .coverage import CoverageExportView, CoverageView, DatasetListView  # noqa: F401
from .deliveries import DeliveryCreateView, DeliveryExportView, DeliveryListView  # noqa: F401
from .evidence import DocumentDataView  # noqa: F401
from .istv import (  # noqa: F401
    IstvAnalysisExportView,
    IstvAnalysisView,
    IstvConfirmView,
    IstvReturnExportView,
    IstvReturnListView,
    IstvSampleView,
    IstvSite,
    IstvTemplateView,
    IstvUploadView,
    istv_analysis_url,
)
from .streams import (  # noqa: F401
    DataUseCreateView,
    StreamDetailView,
    StreamListView,
    StreamNoteCreateView,
)
from .transparency import TransparencyExportView, TransparencyView  # noqa: F401
