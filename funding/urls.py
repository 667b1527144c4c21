from django.urls import path

from . import views

app_name = "funding"

urlpatterns = [
    path("", views.FinderView.as_view(), name="finder"),
    path("export.csv", views.FinderExportView.as_view(), name="finder-export"),
    path("timetable/", views.TimetableView.as_view(), name="timetable"),
    path("timetable.csv", views.TimetableExportView.as_view(), name="timetable-export"),
    path("watching/", views.WatchListView.as_view(), name="watch-list"),
    path("watching.csv", views.WatchListExportView.as_view(), name="watch-list-export"),
    path("insight/", views.InsightView.as_view(), name="insight"),
    path("insight.csv", views.InsightExportView.as_view(), name="insight-export"),
    path("opportunities/new/", views.OpportunityCreateView.as_view(), name="opportunity-create"),
    path(
        "opportunities/<int:pk>/", views.OpportunityDetailView.as_view(), name="opportunity-detail"
    ),
    path(
        "opportunities/<int:pk>/edit/", views.OpportunityEditView.as_view(), name="opportunity-edit"
    ),
    path(
        "opportunities/<int:pk>/history/",
        views.OpportunityHistoryView.as_view(),
        name="opportunity-history",
    ),
    path(
        "opportunities/<int:pk>/watch/",
        views.OpportunityWatchView.as_view(),
        name="opportunity-watch",
    ),
    path("funders/new/", views.FunderCreateView.as_view(), name="funder-create"),
    path("saved-searches/", views.SavedSearchListView.as_view(), name="saved-search-list"),
    path("saved-searches/new/", views.SavedSearchCreateView.as_view(), name="saved-search-create"),
    path(
        "saved-searches/<int:pk>/delete/",
        views.SavedSearchDeleteView.as_view(),
        name="saved-search-delete",
    ),
    path("settings/", views.FundingSettingsView.as_view(), name="settings"),
    path("settings/calendar/", views.CalendarTokenView.as_view(), name="calendar-token"),
    path("calendar/<str:token>.ics", views.CalendarFeedView.as_view(), name="calendar-feed"),
    path(
        "partnerships/<str:code>/",
        views.PartnershipFundingView.as_view(),
        name="partnership-funding",
    ),
    path(
        "partnerships/<str:code>/bids.csv",
        views.PartnershipFundingExportView.as_view(),
        name="partnership-funding-export",
    ),
    path("partnerships/<str:code>/bids/new/", views.BidCreateView.as_view(), name="bid-create"),
    path("bids/<int:pk>/", views.BidDetailView.as_view(), name="bid-detail"),
    path("bids/<int:pk>/edit/", views.BidEditView.as_view(), name="bid-edit"),
    path("bids/<int:pk>/status/", views.BidStatusView.as_view(), name="bid-status"),
    path("bids/<int:pk>/history/", views.BidHistoryView.as_view(), name="bid-history"),
    path("awarded/360giving.json", views.Giving360JsonView.as_view(), name="giving360-json"),
    path("awarded/360giving.csv", views.Giving360CsvView.as_view(), name="giving360-csv"),
]
