"""Partnership pages. Thin: each view checks permission on the partnership, then calls one
selector or service. Records inside a partnership are looked up within it, so a record of
another partnership is "not found" here."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from core import cache, clock, evidence
from core import csv as csv_file
from core.views import (
    ObjectPermissionMixin,
    PermissionMixin,
    history_entries,
)

from . import forms, selectors, services, uploads
from .mixins import PartnershipByCodeMixin
from .models import (
    Action,
    Contact,
    Document,
    Group,
    Level,
    Meeting,
    Membership,
    Priority,
    Region,
)

CHANGE = "partnerships.change_partnership"


class RegionListView(PermissionMixin, ListView):
    permission_required = "partnerships.list_regions"
    template_name = "partnerships/region_list.html"
    context_object_name = "regions"

    def get_queryset(self):
        return selectors.region_list(user=self.request.user)


class RegionDetailView(ObjectPermissionMixin, DetailView):
    permission_required = "partnerships.view_region"
    template_name = "partnerships/region_detail.html"
    model = Region
    slug_field = "code"
    slug_url_kwarg = "code"
    context_object_name = "region"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partnerships"] = selectors.partnership_list(user=self.request.user).filter(
            region=self.object
        )
        return context


# The partnership and its records -------------------------------------------------------------


class PartnershipMixin(PartnershipByCodeMixin):
    """The partnership by code, today, and the partnership's records looked up inside it."""

    def dispatch(self, request, *args, **kwargs):
        self.today = clock.today()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.request.user.has_perm(CHANGE, self.partnership)
        context["today"] = self.today
        return context

    def _once(self, key, load):
        cache = self.__dict__.setdefault("_records", {})
        if key not in cache:
            cache[key] = load()
        return cache[key]

    # Records are always looked up inside the partnership (once per request).
    def _record(self, key, queryset, **inside):
        return self._once(key, lambda: get_object_or_404(queryset, pk=self.kwargs["pk"], **inside))

    def get_membership(self):
        return self._record(
            "membership",
            Membership.objects.select_related("agency__agency_type", "partnership"),
            partnership=self.partnership,
        )

    def get_contact(self):
        return self._record(
            "contact",
            Contact.objects.select_related("membership__agency", "membership__partnership"),
            membership__partnership=self.partnership,
        )

    def get_group(self):
        return self._record(
            "group",
            Group.objects.select_related("chair", "partnership"),
            partnership=self.partnership,
        )

    def get_meeting(self):
        return self._record(
            "meeting",
            Meeting.objects.select_related("group__partnership"),
            group__partnership=self.partnership,
        )

    def get_document(self):
        return self._record(
            "document", Document.objects.select_related("partnership"), partnership=self.partnership
        )

    def get_priority(self):
        return self._record(
            "priority", Priority.objects.select_related("partnership"), partnership=self.partnership
        )

    def get_action(self):
        return self._record(
            "action",
            Action.objects.select_related("partnership", "owner", "priority"),
            partnership=self.partnership,
        )


class PartnershipDetailView(PartnershipMixin, TemplateView):
    """The overview: profile, engagement grid, dependencies, attendance, documents, actions."""

    template_name = "partnerships/partnership_detail.html"

    def render_overview(self, can_change: bool) -> str:
        return render_to_string(
            "partnerships/includes/overview.html",
            {
                "partnership": self.partnership,
                "can_change": can_change,
                "today": self.today,
                "levels": Level.choices,
                "overview": selectors.partnership_overview(
                    partnership=self.partnership, today=self.today
                ),
            },
        )

    def get_context_data(self, **kwargs):
        """The body is cached for everyone who may change the partnership and for everyone who
        may not: that is the only thing in it that differs between readers."""
        context = super().get_context_data(**kwargs)
        pk, can_change = self.partnership.pk, context["can_change"]
        context["overview_html"] = cache.fragment(
            self.request,
            "partnership-overview",
            lambda: self.render_overview(can_change),
            depends_on=[pk, cache.TODAY],
            shared=cache.EVERYONE,
            vary=[pk, can_change],
        )
        return context


class RecordHistoryView(PartnershipMixin, TemplateView):
    """The History tab of the partnership or of a record inside it."""

    template_name = "history.html"
    getter = ""

    def get_partnership(self):
        return self.partnership

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = getattr(self, self.getter)()
        context["record"] = record
        context["entries"] = history_entries(record)
        return context


class PartnershipFormView(PartnershipMixin, FormView):
    """A form page that changes something in the partnership (managers and administrators)."""

    permission_required = CHANGE
    template_name = "partnerships/form.html"
    page_title = ""
    intro = ""
    success_message = ""

    def get_back_url(self):
        return self.partnership.get_absolute_url()

    def get_page_title(self):
        return self.page_title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=self.get_page_title(), intro=self.intro, back_url=self.get_back_url()
        )
        return context

    def form_valid(self, form):
        try:
            target = self.save(form)
        except ValidationError as error:
            # A rule the form could not see (for example, a concurrent change).
            for field_name, errors in error.update_error_dict({}).items():
                for message in errors:
                    form.add_error(field_name if field_name in form.fields else None, message)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message.format(target=target))
        return redirect(self.get_success_url_for(target))

    def get_success_url_for(self, target):
        return target.get_absolute_url()


class PartnershipHistoryView(RecordHistoryView):
    getter = "get_partnership"


class ProfileEditView(PartnershipFormView):
    form_class = forms.ProfileForm
    page_title = "Edit the partnership’s profile"
    success_message = "The partnership’s profile has been saved"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.partnership
        return kwargs

    def save(self, form):
        values = {name: form.cleaned_data[name] for name in services.PROFILE_FIELDS}
        logo = form.cleaned_data.get("logo") or None
        return services.partnership_update_profile(
            partnership=self.partnership,
            values=values,
            logo=logo,
            logo_check=form.logo_check,
            remove_logo=form.cleaned_data.get("remove_logo", False),
        )


def _file_response(field_file, *, filename: str, content_type: str, as_attachment: bool):
    if not field_file:
        raise Http404
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class LogoView(PartnershipMixin, View):
    def get(self, request, code):
        logo = self.partnership.logo
        return _file_response(
            logo,
            filename=f"{self.partnership.ons_code}-logo{_suffix(logo)}",
            content_type=uploads.content_type_for(logo.name or ""),
            as_attachment=False,
        )


def _suffix(field_file) -> str:
    name = field_file.name or ""
    return name[name.rfind(".") :] if "." in name else ""


# Members -----------------------------------------------------------------------------------


class MemberAddView(PartnershipFormView):
    form_class = forms.MemberAddForm
    page_title = "Add a member agency"
    intro = (
        "Choose an agency already in the portal, or add a new one. Then mark the levels "
        "at which it takes part."
    )
    success_message = "{target.agency} has been added to the partnership"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def save(self, form):
        data = form.cleaned_data
        return services.membership_add(
            partnership=self.partnership,
            agency=data["agency"],
            new_agency_name=data["new_agency_name"] if not data["agency"] else "",
            new_agency_type=data["new_agency_type"],
            new_site_code=data["new_site_code"],
            strategic=data["strategic"],
            tactical=data["tactical"],
            operational=data["operational"],
            joined_on=data["joined_on"],
            status=data["status"],
        )


class MemberDetailView(PartnershipMixin, TemplateView):
    template_name = "partnerships/member_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        membership = self.get_membership()
        prefetch_related_objects(
            [membership], Prefetch("contacts", queryset=Contact.objects.order_by("level", "name"))
        )
        contacts = list(membership.contacts.all())
        for contact in contacts:
            contact.unconfirmed = selectors.contact_is_unconfirmed(contact, self.today)
        attendances = list(
            membership.attendances.select_related("meeting__group__partnership")
            .filter(meeting__held_on__gt=selectors.attendance_since(self.today))
            .order_by("-meeting__held_on")
        )
        attended = sum(1 for a in attendances if a.attended)
        context.update(
            membership=membership,
            contacts=contacts,
            attendances=attendances,
            attendance_rate=round(100 * attended / len(attendances)) if attendances else None,
            flags=selectors.dependency_flags([membership]),
            levels=Level.choices,
        )
        return context


class MemberEditView(PartnershipFormView):
    form_class = forms.MembershipForm
    success_message = "The membership of {target.agency} has been saved"

    def get_form_kwargs(self):
        self.membership = self.get_membership()
        return {**super().get_form_kwargs(), "instance": self.membership}

    def get_page_title(self):
        return f"Membership of {self.membership.agency}"

    def get_back_url(self):
        return self.get_membership().get_absolute_url()

    def save(self, form):
        data = form.cleaned_data
        return services.membership_update(
            membership=self.get_membership(),
            strategic=data["strategic"],
            tactical=data["tactical"],
            operational=data["operational"],
            joined_on=data["joined_on"],
            status=data["status"],
        )


class MemberHistoryView(RecordHistoryView):
    getter = "get_membership"


# Contacts ----------------------------------------------------------------------------------


class ContactListView(PartnershipMixin, TemplateView):
    permission_required = "partnerships.view_contacts"
    template_name = "partnerships/contact_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contacts = list(selectors.contact_list(partnership=self.partnership))
        for contact in contacts:
            contact.unconfirmed = selectors.contact_is_unconfirmed(contact, self.today)
        context["contacts"] = contacts
        context["unconfirmed_count"] = sum(1 for c in contacts if c.unconfirmed)
        if context["can_change"]:
            context["members"] = list(selectors.member_choices(partnership=self.partnership))
        return context


class ContactAddView(PartnershipFormView):
    form_class = forms.ContactForm
    success_message = "{target.name} has been added as a contact"

    def get_form_kwargs(self):
        self.membership = self.get_membership()
        kwargs = super().get_form_kwargs()
        level = self.request.GET.get("level")
        if level in Level.values:
            kwargs.setdefault("initial", {})["level"] = level
        return kwargs

    def get_page_title(self):
        return f"Add a contact for {self.membership.agency}"

    def get_back_url(self):
        return self.get_membership().get_absolute_url()

    def save(self, form):
        values = {name: form.cleaned_data[name] for name in services.CONTACT_FIELDS}
        return services.contact_add(membership=self.membership, values=values)


class ContactEditView(PartnershipFormView):
    form_class = forms.ContactForm
    success_message = "The details of {target.name} have been saved"
    intro = "Saving the details also records that they were confirmed today."

    def get_form_kwargs(self):
        self.contact = self.get_contact()
        return {**super().get_form_kwargs(), "instance": self.contact}

    def get_page_title(self):
        return f"Edit contact: {self.get_contact().name}"

    def get_back_url(self):
        return self.get_contact().get_absolute_url()

    def save(self, form):
        values = {name: form.cleaned_data[name] for name in services.CONTACT_FIELDS}
        return services.contact_update(contact=self.contact, values=values)


class ContactConfirmView(PartnershipMixin, View):
    permission_required = CHANGE
    http_method_names = ["post"]

    def post(self, request, code, pk):
        contact = services.contact_confirm(contact=self.get_contact())
        messages.success(request, f"The details of {contact.name} are confirmed as correct today")
        return redirect(
            request.POST.get("next")
            if _is_local(request.POST.get("next"))
            else contact.get_absolute_url()
        )


class ContactRemoveView(PartnershipMixin, View):
    permission_required = CHANGE
    http_method_names = ["post"]

    def post(self, request, code, pk):
        contact = self.get_contact()
        back = contact.get_absolute_url()
        name = contact.name
        services.contact_remove(contact=contact)
        messages.success(request, f"{name} has been removed as a contact")
        return redirect(back)


def _is_local(url) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    return bool(url) and url.startswith("/") and url_has_allowed_host_and_scheme(url, None)


class ContactHistoryView(RecordHistoryView):
    permission_required = "partnerships.view_contacts"
    getter = "get_contact"


# Groups and meetings -----------------------------------------------------------------------


class GroupListView(PartnershipMixin, TemplateView):
    template_name = "partnerships/group_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = selectors.group_list(partnership=self.partnership, today=self.today)
        return context


class GroupAddView(PartnershipFormView):
    form_class = forms.GroupForm
    page_title = "Add a group"
    intro = "A standing group of the partnership, such as its board, tasking group or MARAC."
    success_message = "{target.name} has been added"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_back_url(self):
        return reverse("partnerships:group-list", kwargs={"code": self.partnership.ons_code})

    def save(self, form):
        return services.group_create(partnership=self.partnership, **form.cleaned_data)


class GroupDetailView(PartnershipMixin, TemplateView):
    template_name = "partnerships/group_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group = self.get_group()
        context["group"] = group
        context["meetings"] = selectors.group_meetings(group=group)
        return context


class GroupEditView(PartnershipFormView):
    form_class = forms.GroupForm
    success_message = "{target.name} has been saved"

    def get_form_kwargs(self):
        self.group = self.get_group()
        return {
            **super().get_form_kwargs(),
            "partnership": self.partnership,
            "instance": self.group,
        }

    def get_page_title(self):
        return f"Edit group: {self.get_group().name}"

    def get_back_url(self):
        return self.get_group().get_absolute_url()

    def save(self, form):
        return services.group_update(group=self.get_group(), **form.cleaned_data)


class GroupHistoryView(RecordHistoryView):
    getter = "get_group"


class MeetingAddView(PartnershipFormView):
    form_class = forms.MeetingForm
    success_message = "The meeting has been recorded"

    def get_form_kwargs(self):
        self.group = self.get_group()
        kwargs = {**super().get_form_kwargs(), "partnership": self.partnership, "today": self.today}
        kwargs.setdefault("initial", {})["expected"] = list(
            selectors.member_choices(partnership=self.partnership).values_list("pk", flat=True)
        )
        return kwargs

    def get_page_title(self):
        return f"Record a meeting of {self.group.name}"

    def get_back_url(self):
        return self.get_group().get_absolute_url()

    def save(self, form):
        data = form.cleaned_data
        return services.meeting_record(
            group=self.group,
            held_on=data["held_on"],
            expected=list(data["expected"]),
            attended=list(data["attended"]),
            notes=data["notes"],
            agenda=data["agenda"],
            minutes=data["minutes"],
            minutes_document=data["minutes_document"],
        )


class MeetingDetailView(PartnershipMixin, TemplateView):
    template_name = "partnerships/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        context["meeting"] = meeting
        context["attendances"] = selectors.meeting_attendance(meeting=meeting)
        context["arising"] = selectors.meeting_actions_arising(meeting=meeting)
        context["overdue_earlier"] = selectors.overdue_actions_from_earlier_meetings(
            meeting=meeting, today=self.today
        )
        return context


class MeetingActionAddView(PartnershipFormView):
    """An action arising from a meeting: it joins the action plan with its owner and due
    date, and is shown on the group's later meetings while it is overdue."""

    form_class = forms.ActionForm
    success_message = "{target.title} has been added to the action plan"

    def get_form_kwargs(self):
        self.meeting = self.get_meeting()
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_page_title(self):
        return f"Add an action arising from the meeting on {self.meeting.held_on:%-d %B %Y}"

    def get_back_url(self):
        return self.get_meeting().get_absolute_url()

    def get_success_url_for(self, target):
        return self.get_meeting().get_absolute_url()

    def save(self, form):
        return services.action_create(
            partnership=self.partnership, values={**form.cleaned_data, "arising_from": self.meeting}
        )


class MeetingEditView(PartnershipFormView):
    form_class = forms.MeetingForm
    success_message = "The meeting has been saved"

    def get_form_kwargs(self):
        self.meeting = self.get_meeting()
        attendances = list(self.meeting.attendances.all())
        kwargs = {**super().get_form_kwargs(), "partnership": self.partnership, "today": self.today}
        kwargs["initial"] = {
            "held_on": self.meeting.held_on,
            "notes": self.meeting.notes,
            "agenda": self.meeting.agenda,
            "minutes": self.meeting.minutes,
            "minutes_document": self.meeting.minutes_document_id,
            "expected": [a.membership_id for a in attendances],
            "attended": [a.membership_id for a in attendances if a.attended],
        }
        return kwargs

    def get_page_title(self):
        return f"Edit meeting: {self.meeting}"

    def get_back_url(self):
        return self.get_meeting().get_absolute_url()

    def save(self, form):
        data = form.cleaned_data
        return services.meeting_update(
            meeting=self.meeting,
            held_on=data["held_on"],
            expected=list(data["expected"]),
            attended=list(data["attended"]),
            notes=data["notes"],
            agenda=data["agenda"],
            minutes=data["minutes"],
            minutes_document=data["minutes_document"],
        )


class MeetingHistoryView(RecordHistoryView):
    getter = "get_meeting"


# Documents ---------------------------------------------------------------------------------


class DocumentListView(PartnershipMixin, TemplateView):
    template_name = "partnerships/document_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["documents"] = selectors.document_list(partnership=self.partnership)
        return context


class DocumentFormMixin:
    form_class = forms.DocumentForm

    def save_values(self, form):
        return {name: form.cleaned_data[name] for name in services.DOCUMENT_FIELDS}


class DocumentAddView(DocumentFormMixin, PartnershipFormView):
    page_title = "Add a document to the register"
    success_message = "{target.title} has been added to the document register"

    def get_back_url(self):
        return reverse("partnerships:document-list", kwargs={"code": self.partnership.ons_code})

    def save(self, form):
        return services.document_add(
            partnership=self.partnership,
            values=self.save_values(form),
            upload=form.cleaned_data.get("upload") or None,
            upload_check=form.upload_check,
        )


class DocumentEditView(DocumentFormMixin, PartnershipFormView):
    success_message = "{target.title} has been saved"

    def get_form_kwargs(self):
        self.document = self.get_document()
        return {**super().get_form_kwargs(), "instance": self.document}

    def get_page_title(self):
        return f"Edit document: {self.get_document().title}"

    def get_back_url(self):
        return self.get_document().get_absolute_url()

    def save(self, form):
        return services.document_update(
            document=self.get_document(),
            values=self.save_values(form),
            upload=form.cleaned_data.get("upload") or None,
            upload_check=form.upload_check,
        )


class DocumentDetailView(PartnershipMixin, TemplateView):
    template_name = "partnerships/document_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.get_document()
        context.update(
            document=document,
            priorities=list(document.priorities.order_by("title", "id")),
            data_drawn_on=evidence.data_drawn_on([document.pk]).get(document.pk, []),
            record_data_url=evidence.record_data_url(document),
        )
        return context


class DocumentDownloadView(PartnershipMixin, View):
    def get(self, request, code, pk):
        document = self.get_document()
        filename = document.original_filename or f"document{_suffix(document.file)}"
        return _file_response(
            document.file,
            filename=filename,
            content_type=uploads.content_type_for(document.file.name or ""),
            as_attachment=True,
        )


class DocumentHistoryView(RecordHistoryView):
    getter = "get_document"


# Priorities and actions ------------------------------------------------------------------


class ActionListView(PartnershipMixin, TemplateView):
    template_name = "partnerships/action_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actions = list(selectors.action_list(partnership=self.partnership))
        for action in actions:
            action.overdue = action.is_overdue(self.today)
        context["actions"] = actions
        priorities = list(selectors.priority_list(partnership=self.partnership))
        measures = evidence.indicators(priority.pk for priority in priorities)
        for priority in priorities:
            priority.measures = measures.get(priority.pk, [])
        context["priorities"] = priorities
        context["overdue_count"] = sum(1 for a in actions if a.overdue)
        return context


class PriorityAddView(PartnershipFormView):
    form_class = forms.PriorityForm
    page_title = "Add a priority"
    intro = "Write the priority as a problem statement: what, where, for whom and why."
    success_message = "{target.title} has been added to the priorities"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_back_url(self):
        return reverse("partnerships:action-list", kwargs={"code": self.partnership.ons_code})

    def save(self, form):
        return services.priority_create(partnership=self.partnership, **form.cleaned_data)


class PriorityEditView(PartnershipFormView):
    form_class = forms.PriorityForm
    success_message = "{target.title} has been saved"

    def get_form_kwargs(self):
        self.priority = self.get_priority()
        return {
            **super().get_form_kwargs(),
            "instance": self.priority,
            "partnership": self.partnership,
        }

    def get_page_title(self):
        return f"Edit priority: {self.get_priority().title}"

    def get_back_url(self):
        return reverse("partnerships:action-list", kwargs={"code": self.partnership.ons_code})

    def save(self, form):
        return services.priority_update(priority=self.get_priority(), **form.cleaned_data)


class PriorityHistoryView(RecordHistoryView):
    getter = "get_priority"


class ActionAddView(PartnershipFormView):
    form_class = forms.ActionForm
    page_title = "Add an action"
    success_message = "{target.title} has been added to the action plan"

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "partnership": self.partnership}
        priority = self.request.GET.get("priority", "")
        if priority.isdigit():
            kwargs.setdefault("initial", {})["priority"] = int(priority)
        return kwargs

    def get_back_url(self):
        return reverse("partnerships:action-list", kwargs={"code": self.partnership.ons_code})

    def save(self, form):
        return services.action_create(partnership=self.partnership, values=form.cleaned_data)


class ActionEditView(PartnershipFormView):
    form_class = forms.ActionForm
    success_message = "{target.title} has been saved"

    def get_form_kwargs(self):
        self.action = self.get_action()
        return {
            **super().get_form_kwargs(),
            "partnership": self.partnership,
            "instance": self.action,
        }

    def get_page_title(self):
        return f"Edit action: {self.get_action().title}"

    def get_back_url(self):
        return reverse("partnerships:action-list", kwargs={"code": self.partnership.ons_code})

    def save(self, form):
        return services.action_update(action=self.get_action(), values=form.cleaned_data)


class ActionHistoryView(RecordHistoryView):
    getter = "get_action"


# CSV exports -------------------------------------------------------------------------------


class CsvExportView(PartnershipMixin, View):
    filename = ""

    def rows(self):
        raise NotImplementedError

    def get(self, request, code):
        return csv_file.response(f"{self.partnership.ons_code}-{self.filename}.csv", self.rows())


def _yes(value: bool) -> str:
    return "yes" if value else "no"


class MembersExportView(CsvExportView):
    filename = "members"

    def rows(self):
        yield [
            "agency",
            "agency type",
            "site code",
            "responsible authority",
            "serious violence duty specified authority",
            "strategic",
            "tactical",
            "operational",
            "joined",
            "status",
            "attendance rate last 12 months (%)",
        ]
        for m in selectors.partnership_members(partnership=self.partnership, today=self.today):
            rate = selectors.attendance_rate(m)
            yield [
                m.agency.name,
                m.agency.agency_type.name,
                m.agency.site_code,
                _yes(m.agency.agency_type.is_responsible_authority),
                _yes(m.agency.agency_type.is_svd_specified_authority),
                _yes(m.strategic),
                _yes(m.tactical),
                _yes(m.operational),
                m.joined_on.isoformat() if m.joined_on else "",
                m.get_status_display(),
                "" if rate is None else rate,
            ]


class ContactsExportView(CsvExportView):
    permission_required = "partnerships.view_contacts"
    filename = "contacts"

    def rows(self):
        yield [
            "agency",
            "level",
            "name",
            "job title",
            "email",
            "phone",
            "deputy name",
            "deputy job title",
            "deputy email",
            "deputy phone",
            "last confirmed",
            "not confirmed for 12 months",
        ]
        for c in selectors.contact_list(partnership=self.partnership):
            yield [
                c.membership.agency.name,
                c.get_level_display(),
                c.name,
                c.job_title,
                c.email,
                c.phone,
                c.deputy_name,
                c.deputy_job_title,
                c.deputy_email,
                c.deputy_phone,
                c.confirmed_on.isoformat() if c.confirmed_on else "",
                _yes(selectors.contact_is_unconfirmed(c, self.today)),
            ]


class ActionsExportView(CsvExportView):
    filename = "actions"

    def rows(self):
        yield [
            "action",
            "priority",
            "owner agency",
            "start date",
            "due date",
            "status",
            "overdue",
            "note",
        ]
        for a in selectors.action_list(partnership=self.partnership):
            yield [
                a.title,
                a.priority.title if a.priority else "",
                a.owner.name,
                a.start_on.isoformat() if a.start_on else "",
                a.due_on.isoformat(),
                a.get_status_display(),
                _yes(a.is_overdue(self.today)),
                a.note,
            ]


class GroupsExportView(CsvExportView):
    """Each group with each of its meetings (one row per meeting; a group with none, once)."""

    filename = "groups-and-meetings"

    def rows(self):
        from .models import Meeting

        yield [
            "group",
            "kind",
            "chair",
            "meeting held on",
            "agencies expected",
            "agencies attended",
        ]
        meetings = {}
        for meeting in (
            Meeting.objects.filter(group__partnership=self.partnership)
            .annotate(
                expected=Count("attendances"),
                attended=Count("attendances", filter=Q(attendances__attended=True)),
            )
            .order_by("-held_on", "-id")
        ):
            meetings.setdefault(meeting.group_id, []).append(meeting)
        for group in selectors.group_list(partnership=self.partnership, today=self.today):
            chair = group.chair.name if group.chair else ""
            for meeting in meetings.get(group.pk) or [None]:
                yield [
                    group.name,
                    group.get_kind_display(),
                    chair,
                    meeting.held_on.isoformat() if meeting else "",
                    meeting.expected if meeting else "",
                    meeting.attended if meeting else "",
                ]


class DocumentsExportView(CsvExportView):
    filename = "documents"

    def rows(self):
        yield [
            "type",
            "title",
            "period start",
            "period end",
            "published",
            "review due",
            "joint with the police",
        ]
        for d in selectors.document_list(partnership=self.partnership):
            yield [
                d.get_kind_display(),
                d.title,
                *[
                    day.isoformat() if day else ""
                    for day in (d.period_start, d.period_end, d.published_on, d.review_due_on)
                ],
                _yes(d.is_joint_with_police),
            ]
