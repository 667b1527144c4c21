"""Forms for partnership records. Each shows the GOV.UK error summary on bad input; the views
call a service only when the form is valid, so bad input changes nothing."""

from django import forms
from django.core.exceptions import ValidationError

from core.forms import GovukFormMixin, date_field

from . import selectors, uploads
from .models import (
    Action,
    Agency,
    AgencyType,
    Contact,
    Document,
    Group,
    Level,
    Membership,
    MembershipStatus,
    Partnership,
    Priority,
    site_code_validator,
)

FILE_ERRORS = {
    "empty": "The selected file is empty",
    "invalid": "The selected file could not be read: choose it again",
}


class ProfileForm(GovukFormMixin, forms.ModelForm):
    submit_label = "Save profile"
    logo = forms.FileField(
        label="Logo",
        required=False,
        error_messages=FILE_ERRORS,
        help_text="A PNG or JPEG image, at most 2 MB. Leave empty to keep the current logo.",
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label="Remove the current logo", required=False)

    class Meta:
        model = Partnership
        fields = [
            "police_force_area",
            "police_force_area_code",
            "local_authorities",
            "structure",
            "coterminous_with_police_area",
            "most_similar_group",
            "population",
            "analytical_capacity",
            "analyst_count",
            "communications_contact_name",
            "communications_contact_email",
            "communications_contact_phone",
        ]
        widgets = {
            "structure": forms.RadioSelect,
            "analytical_capacity": forms.RadioSelect,
            "local_authorities": forms.Textarea(attrs={"rows": 3}),
            "population": forms.TextInput(attrs={"inputmode": "numeric"}),
            "analyst_count": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        labels = {
            "communications_contact_name": "Communications contact: name",
            "communications_contact_email": "Communications contact: email address",
            "communications_contact_phone": "Communications contact: phone number",
        }
        error_messages = {
            "population": {
                "invalid": "Enter the population as a whole number, like 811200",
                "min_value": "The population must be 0 or more",
            },
            "analyst_count": {
                "invalid": "Enter the number of analysts as a whole number",
                "min_value": "The number of analysts must be 0 or more",
            },
            "communications_contact_email": {
                "invalid": "Enter an email address in the correct format, like name@example.org"
            },
            "structure": {"required": "Select unitary or two-tier"},
            "analytical_capacity": {"required": "Select the partnership’s analytical capacity"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.logo:
            del self.fields["remove_logo"]
        self.logo_check = None

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo:
            self.logo_check = uploads.check_logo(logo)
        return logo

    def clean(self):
        cleaned = super().clean()
        capacity = cleaned.get("analytical_capacity")
        count = cleaned.get("analyst_count")
        if capacity and capacity != "none" and count == 0:
            self.add_error("analyst_count", "Enter how many analysts the partnership has")
        return cleaned


class MemberAddForm(GovukFormMixin, forms.Form):
    submit_label = "Add agency"
    agency = forms.ModelChoiceField(
        label="Choose an agency already in the portal",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Not in the list: add a new agency below",
    )
    new_agency_name = forms.CharField(
        label="Or add a new agency: its name", max_length=200, required=False
    )
    new_agency_type = forms.ModelChoiceField(
        label="The new agency’s type",
        queryset=AgencyType.objects.all(),
        required=False,
        empty_label="Choose a type",
    )
    new_site_code = forms.CharField(
        label="The new agency’s site code",
        max_length=12,
        required=False,
        help_text="Hospital emergency departments only: the site code of treatment, 3 to 12 "
        "letters and numbers",
    )
    strategic = forms.BooleanField(label="Strategic level (the board)", required=False)
    tactical = forms.BooleanField(label="Tactical level (tasking and coordination)", required=False)
    operational = forms.BooleanField(label="Operational level (front-line staff)", required=False)
    joined_on = date_field("Date joined")
    status = forms.ChoiceField(
        choices=MembershipStatus.choices,
        widget=forms.RadioSelect,
        initial=MembershipStatus.ACTIVE,
        error_messages={"required": "Select the membership’s status"},
    )

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["agency"].queryset = selectors.agencies_not_in(partnership=partnership)
        self.fields["agency"].label_from_instance = lambda a: f"{a.name} ({a.agency_type})"
        self.fields["agency"].error_messages["invalid_choice"] = (
            "Choose an agency that is not yet a member"
        )

    def clean_new_site_code(self):
        code = self.cleaned_data.get("new_site_code", "").strip().upper()
        if code:
            site_code_validator(code)
        return code

    def clean(self):
        cleaned = super().clean()
        agency = cleaned.get("agency")
        name = (cleaned.get("new_agency_name") or "").strip()
        agency_type = cleaned.get("new_agency_type")
        if agency and name:
            self.add_error(
                "new_agency_name",
                "Either choose an agency from the list or add a new one, not both",
            )
        elif not agency and not name and "agency" not in self.errors:
            self.add_error("agency", "Choose an agency, or give the name of a new agency")
        elif name:
            if agency_type is None:
                self.add_error("new_agency_type", "Choose the new agency’s type")
            elif Agency.objects.filter(name__iexact=name, agency_type=agency_type).exists():
                self.add_error(
                    "new_agency_name",
                    "An agency with this name and type already exists: choose it from the list",
                )
            elif agency_type.slug == "emergency-department" and not cleaned.get("new_site_code"):
                self.add_error("new_site_code", "Enter the emergency department’s site code")
        return cleaned


class MembershipForm(GovukFormMixin, forms.ModelForm):
    submit_label = "Save membership"
    joined_on = date_field("Date joined")

    class Meta:
        model = Membership
        fields = [
            "strategic",
            "tactical",
            "operational",
            "joined_on",
            "status",
            "in_job_description",
            "in_commissioning_contracts",
        ]
        widgets = {"status": forms.RadioSelect}
        labels = {
            "strategic": "Strategic level (the board)",
            "tactical": "Tactical level (tasking and coordination)",
            "operational": "Operational level (front-line staff)",
            "in_job_description": "Partnership work is written into the contact’s job description",
            "in_commissioning_contracts": "Partnership work is written into the agency’s "
            "commissioning contracts",
        }
        error_messages = {"status": {"required": "Select the membership’s status"}}


class ContactForm(GovukFormMixin, forms.ModelForm):
    submit_label = "Save contact"

    class Meta:
        model = Contact
        fields = [
            "level",
            "name",
            "job_title",
            "email",
            "phone",
            "deputy_name",
            "deputy_job_title",
            "deputy_email",
            "deputy_phone",
        ]
        widgets = {
            "level": forms.RadioSelect,
            "phone": forms.TextInput(attrs={"autocomplete": "off", "type": "tel"}),
            "deputy_phone": forms.TextInput(attrs={"autocomplete": "off", "type": "tel"}),
        }
        labels = {
            "email": "Email address",
            "phone": "Phone number",
            "name": "Contact’s name",
            "job_title": "Contact’s job title",
        }
        help_texts = {
            "deputy_name": "Who stands in when the contact is away. Without a deputy, "
            "this level rests on one person."
        }
        error_messages = {
            "level": {"required": "Select the level this contact works at"},
            "name": {"required": "Enter the contact’s name"},
            "email": {
                "invalid": "Enter an email address in the correct format, like name@example.org"
            },
            "deputy_email": {
                "invalid": "Enter the deputy’s email address in the correct format, "
                "like name@example.org"
            },
        }

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("deputy_email")
            or cleaned.get("deputy_phone")
            or cleaned.get("deputy_job_title")
        ) and not cleaned.get("deputy_name"):
            self.add_error("deputy_name", "Enter the deputy’s name")
        name, deputy = cleaned.get("name", ""), cleaned.get("deputy_name", "")
        if name and deputy and " ".join(name.lower().split()) == " ".join(deputy.lower().split()):
            self.add_error("deputy_name", "The deputy must be a different person from the contact")
        return cleaned


class GroupForm(GovukFormMixin, forms.ModelForm):
    submit_label = "Save group"

    class Meta:
        model = Group
        fields = ["name", "kind", "chair", "description"]
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}
        labels = {"kind": "Kind of group", "name": "Name of the group"}
        error_messages = {
            "name": {"required": "Enter the name of the group"},
            "kind": {"required": "Select the kind of group"},
        }

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["chair"].queryset = selectors.member_agencies(partnership=partnership)
        self.fields["chair"].empty_label = "Not recorded"
        self.fields["chair"].error_messages["invalid_choice"] = "Choose one of the member agencies"

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Group.objects.filter(partnership=self.partnership, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError("The partnership already has a group with this name")
        return name


class MeetingForm(GovukFormMixin, forms.Form):
    submit_label = "Save meeting"
    held_on = date_field("Date of the meeting", required=True)
    expected = forms.ModelMultipleChoiceField(
        label="Agencies expected at the meeting",
        queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Attendance rates count only the meetings an agency was expected at",
    )
    attended = forms.ModelMultipleChoiceField(
        label="Agencies that attended",
        queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="An agency that attended counts as expected",
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Decisions only. Never record case details or the names of victims or offenders.",
    )
    agenda = forms.CharField(
        label="Agenda",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One item on each line",
    )
    minutes = forms.CharField(
        label="Minutes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Write them here, or choose the minutes from the document register. Never "
        "record case details or the names of victims or offenders.",
    )
    minutes_document = forms.ModelChoiceField(
        label="Minutes: a document from the register",
        required=False,
        queryset=Document.objects.none(),
        empty_label="No document",
        error_messages={"invalid_choice": "Choose a document from the partnership’s register"},
    )

    def __init__(self, *args, partnership: Partnership, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["minutes_document"].queryset = partnership.documents.order_by("title")
        members = selectors.member_choices(partnership=partnership)
        for name in ("expected", "attended"):
            self.fields[name].queryset = members
            self.fields[name].label_from_instance = lambda m: m.agency.name
            self.fields[name].error_messages["invalid_choice"] = "Choose member agencies only"
            self.fields[name].error_messages["invalid_pk_value"] = "Choose member agencies only"

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on and held_on > self.today:
            raise ValidationError("The date of the meeting must be today or in the past")
        return held_on

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("expected") and not cleaned.get("attended") and not self.errors:
            self.add_error("expected", "Select the agencies expected at the meeting")
        return cleaned


class DocumentForm(GovukFormMixin, forms.ModelForm):
    submit_label = "Save document"
    period_start = date_field("Start of the period covered")
    period_end = date_field("End of the period covered")
    published_on = date_field("Date published")
    review_due_on = date_field("Date the review is due")
    upload = forms.FileField(
        label="File",
        required=False,
        error_messages=FILE_ERRORS,
        help_text=f"A {uploads.DOCUMENT_TYPES_TEXT} file, at most 20 MB",
        widget=forms.FileInput(attrs={"accept": ",".join(uploads.DOCUMENT_TYPES)}),
    )

    class Meta:
        model = Document
        fields = [
            "kind",
            "title",
            "period_start",
            "period_end",
            "published_on",
            "review_due_on",
            "is_joint_with_police",
        ]
        widgets = {"kind": forms.RadioSelect}
        labels = {"is_joint_with_police": "This document is joint with the police"}
        error_messages = {
            "kind": {"required": "Select the type of document"},
            "title": {"required": "Enter the document’s title"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_check = None
        if self.instance.file:
            self.fields[
                "upload"
            ].help_text += (
                f". Leave empty to keep {self.instance.original_filename or 'the current file'}"
            )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.upload_check = uploads.check_document(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The end of the period must be after its start")
        published, review = cleaned.get("published_on"), cleaned.get("review_due_on")
        if published and review and review < published:
            self.add_error("review_due_on", "The review date must be after the published date")
        return cleaned

    def _post_clean(self):
        # The model's own clean runs in the service; the form already checked the fields.
        pass


class PriorityForm(GovukFormMixin, forms.ModelForm):
    submit_label = "Save priority"

    class Meta:
        model = Priority
        fields = ["title", "problem_statement", "documents"]
        widgets = {
            "problem_statement": forms.Textarea(attrs={"rows": 4}),
            "documents": forms.CheckboxSelectMultiple,
        }
        labels = {"documents": "Documents it comes from (optional)"}
        help_texts = {
            "problem_statement": "What the problem is, where, for whom and why it matters",
            "documents": "The strategic assessment or problem profile that found the problem",
        }
        error_messages = {
            "title": {"required": "Enter the priority’s title"},
            "problem_statement": {"required": "Enter the problem statement"},
            "documents": {"invalid_choice": "Choose documents from this partnership’s register"},
        }

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = partnership.documents.order_by("title", "id")

    def _post_clean(self):
        pass


class ActionForm(GovukFormMixin, forms.ModelForm):
    submit_label = "Save action"
    start_on = date_field("Start date")
    due_on = date_field("Due date", required=True)

    class Meta:
        model = Action
        fields = ["title", "priority", "owner", "start_on", "due_on", "status", "note"]
        widgets = {"status": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "title": "What will be done",
            "owner": "Owner agency",
            "priority": "Priority it serves",
        }
        error_messages = {
            "title": {"required": "Enter what will be done"},
            "owner": {
                "required": "Choose the agency that owns the action",
                "invalid_choice": "Choose one of the member agencies",
            },
            "status": {"required": "Select the action’s status"},
            "priority": {"invalid_choice": "Choose one of this partnership’s priorities"},
        }

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.member_agencies(partnership=partnership)
        self.fields["owner"].empty_label = "Choose an agency"
        self.fields["priority"].queryset = partnership.priorities.order_by("title")
        self.fields["priority"].empty_label = "None"

    def clean(self):
        cleaned = super().clean()
        start, due = cleaned.get("start_on"), cleaned.get("due_on")
        if start and due and due < start:
            self.add_error("due_on", "The due date must be on or after the start date")
        return cleaned

    def _post_clean(self):
        pass


LEVEL_CHOICES = Level.choices
