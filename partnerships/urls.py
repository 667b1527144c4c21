from django.urls import path

from . import views

app_name = "partnerships"

P = "partnerships/<str:code>/"

urlpatterns = [
    path("regions/", views.RegionListView.as_view(), name="region-list"),
    path("regions/<str:code>/", views.RegionDetailView.as_view(), name="region-detail"),
    path(P, views.PartnershipDetailView.as_view(), name="partnership-detail"),
    path(P + "history/", views.PartnershipHistoryView.as_view(), name="partnership-history"),
    path(P + "profile/edit/", views.ProfileEditView.as_view(), name="profile-edit"),
    path(P + "logo/", views.LogoView.as_view(), name="partnership-logo"),
    # Members and their contacts
    path(P + "members/new/", views.MemberAddView.as_view(), name="member-add"),
    path(P + "members/<int:pk>/", views.MemberDetailView.as_view(), name="member-detail"),
    path(P + "members/<int:pk>/edit/", views.MemberEditView.as_view(), name="member-edit"),
    path(P + "members/<int:pk>/history/", views.MemberHistoryView.as_view(), name="member-history"),
    path(P + "members/<int:pk>/contacts/new/", views.ContactAddView.as_view(), name="contact-add"),
    path(P + "contacts/", views.ContactListView.as_view(), name="contact-list"),
    path(P + "contacts/<int:pk>/edit/", views.ContactEditView.as_view(), name="contact-edit"),
    path(
        P + "contacts/<int:pk>/confirm/", views.ContactConfirmView.as_view(), name="contact-confirm"
    ),
    path(P + "contacts/<int:pk>/remove/", views.ContactRemoveView.as_view(), name="contact-remove"),
    path(
        P + "contacts/<int:pk>/history/", views.ContactHistoryView.as_view(), name="contact-history"
    ),
    # Groups and meetings
    path(P + "groups/", views.GroupListView.as_view(), name="group-list"),
    path(P + "groups/new/", views.GroupAddView.as_view(), name="group-add"),
    path(P + "groups/<int:pk>/", views.GroupDetailView.as_view(), name="group-detail"),
    path(P + "groups/<int:pk>/edit/", views.GroupEditView.as_view(), name="group-edit"),
    path(P + "groups/<int:pk>/history/", views.GroupHistoryView.as_view(), name="group-history"),
    path(P + "groups/<int:pk>/meetings/new/", views.MeetingAddView.as_view(), name="meeting-add"),
    path(P + "meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path(P + "meetings/<int:pk>/edit/", views.MeetingEditView.as_view(), name="meeting-edit"),
    path(
        P + "meetings/<int:pk>/actions/new/",
        views.MeetingActionAddView.as_view(),
        name="meeting-action-add",
    ),
    path(
        P + "meetings/<int:pk>/history/", views.MeetingHistoryView.as_view(), name="meeting-history"
    ),
    # Document register
    path(P + "documents/", views.DocumentListView.as_view(), name="document-list"),
    path(P + "documents/new/", views.DocumentAddView.as_view(), name="document-add"),
    path(P + "documents/<int:pk>/", views.DocumentDetailView.as_view(), name="document-detail"),
    path(P + "documents/<int:pk>/edit/", views.DocumentEditView.as_view(), name="document-edit"),
    path(
        P + "documents/<int:pk>/download/",
        views.DocumentDownloadView.as_view(),
        name="document-download",
    ),
    path(
        P + "documents/<int:pk>/history/",
        views.DocumentHistoryView.as_view(),
        name="document-history",
    ),
    # Priorities and the action plan
    path(P + "actions/", views.ActionListView.as_view(), name="action-list"),
    path(P + "actions/new/", views.ActionAddView.as_view(), name="action-add"),
    path(P + "actions/<int:pk>/edit/", views.ActionEditView.as_view(), name="action-edit"),
    path(P + "actions/<int:pk>/history/", views.ActionHistoryView.as_view(), name="action-history"),
    path(P + "priorities/new/", views.PriorityAddView.as_view(), name="priority-add"),
    path(P + "priorities/<int:pk>/edit/", views.PriorityEditView.as_view(), name="priority-edit"),
    path(
        P + "priorities/<int:pk>/history/",
        views.PriorityHistoryView.as_view(),
        name="priority-history",
    ),
    # Exports
    path(P + "export/members.csv", views.MembersExportView.as_view(), name="export-members"),
    path(P + "export/contacts.csv", views.ContactsExportView.as_view(), name="export-contacts"),
    path(P + "export/actions.csv", views.ActionsExportView.as_view(), name="export-actions"),
    path(P + "export/groups.csv", views.GroupsExportView.as_view(), name="export-groups"),
    path(P + "export/documents.csv", views.DocumentsExportView.as_view(), name="export-documents"),
]
