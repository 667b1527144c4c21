"""Forms for data sharing. Each task-list section is its own form: saved on its own, in any order,
and complete when saved (every field it asks for is answered)."""

from django import forms
from django.core.exceptions import ValidationError

from core import clock
from core.forms import GovukFormMixin, WholeNumberField, date_field

from . import selectors
from .models import Agreement, AgreementParty, PrescribedDataset

A = Agreement


def _required(form, *names, message=None):
    for name in names:
        if name in form.fields:
            form.fields[name].required = True
            label = str(form.fields[name].label or name).lower()
            form.fields[name].error_messages["required"] = message or f"Enter the {label}"


class AgreementCreateForm(GovukFormMixin, forms.Form):
    submit_label = "Create draft agreement"

    title = forms.CharField(
        max_length=200,
        label="Title of the agreement",
        help_text="For example, Quarterly recorded crime and ASB for the community safety partnership",
        error_messages={
            "required": "Enter the title of the agreement",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    partnership = forms.ModelChoiceField(
        queryset=None,
        label="Partnership",
        empty_label="Choose a partnership",
        error_messages={
            "required": "Choose the partnership",
            "invalid_choice": "Choose one of your partnerships",
        },
    )
    agency = forms.ModelChoiceField(
        queryset=None,
        label="Your agency",
        help_text="It becomes the first party to the agreement",
        empty_label="Choose your agency",
        error_messages={
            "required": "Choose your agency",
            "invalid_choice": "Choose one of your agencies",
        },
    )
    role = forms.ChoiceField(
        choices=AgreementParty.Role.choices,
        widget=forms.RadioSelect,
        label="What does your agency do under this agreement?",
        error_messages={
            "required": "Choose whether your agency provides data, receives it or both"
        },
    )

    def __init__(self, *args, partnerships, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships
        self.fields["agency"].queryset = agencies

    def clean(self):
        data = super().clean()
        partnership, agency = data.get("partnership"), data.get("agency")
        if (
            partnership
            and agency
            and not agency.memberships.filter(partnership=partnership).exists()
        ):
            self.add_error("agency", f"{agency} is not a member of {partnership}")
        return data


class SectionForm(GovukFormMixin, forms.ModelForm):
    submit_label = "Save and return to the task list"
    required_fields: tuple = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.required_fields:
            field = self.fields[name]
            field.required = True
            label = str(field.label).rstrip("?")
            kind = (
                "Choose"
                if isinstance(
                    field.widget, forms.RadioSelect | forms.Select | forms.CheckboxSelectMultiple
                )
                else "Enter"
            )
            field.error_messages["required"] = f"{kind} {label[0].lower()}{label[1:]}"
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = (
                    f"{field.label} must be {field.max_length} characters or fewer"
                )


class AboutForm(SectionForm):
    required_fields = ("title", "purpose")

    class Meta:
        model = Agreement
        fields = ["title", "purpose"]
        labels = {"purpose": "Purpose of the sharing"}
        help_texts = {"purpose": "What the sharing is for and what it will achieve"}
        widgets = {"purpose": forms.Textarea(attrs={"rows": 5})}


class PartiesForm(SectionForm):
    """The controller arrangement; parties themselves are added and removed one by one."""

    required_fields = ("controllers",)

    class Meta:
        model = Agreement
        fields = ["controllers"]
        labels = {"controllers": "Are the parties separate or joint controllers?"}
        widgets = {"controllers": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["controllers"].choices = A.Controllers.choices


class DataForm(SectionForm):
    required_fields = ("data_category", "data_items")

    class Meta:
        model = Agreement
        fields = ["data_category", "data_items", "datasets", "special_condition"]
        labels = {
            "data_category": "What kind of data is shared?",
            "data_items": "Data items",
            "datasets": "Prescribed datasets this agreement covers",
            "special_condition": "Condition for special category or criminal offence data",
        }
        help_texts = {
            "data_items": "List each field that is shared",
            "datasets": "Choose every prescribed dataset whose sharing this agreement governs",
            "special_condition": "Only for special category or criminal offence data: the "
            "Data Protection Act 2018 schedule 1 condition relied on",
        }
        widgets = {
            "data_category": forms.RadioSelect,
            "data_items": forms.Textarea(attrs={"rows": 4}),
            "datasets": forms.CheckboxSelectMultiple,
            "special_condition": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["data_category"].choices = A.DataCategory.choices
        self.fields["datasets"].queryset = PrescribedDataset.objects.filter(is_active=True)
        self.fields["datasets"].error_messages["invalid_choice"] = (
            "Choose prescribed datasets from the list"
        )
        self.fields["datasets"].error_messages["invalid_pk_value"] = (
            "Choose prescribed datasets from the list"
        )

    def clean(self):
        data = super().clean()
        if (
            data.get("data_category") in (A.DataCategory.SPECIAL, A.DataCategory.CRIMINAL)
            and not (data.get("special_condition") or "").strip()
        ):
            self.add_error(
                "special_condition",
                "Enter the condition relied on for special category or criminal offence data",
            )
        return data


class LegalForm(SectionForm):
    required_fields = ("lawful_basis", "necessity")

    legal_powers = forms.MultipleChoiceField(
        choices=A.LegalPower.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Legal powers relied on",
        help_text="Choose all that apply",
        error_messages={
            "required": "Choose at least one legal power",
            "invalid_choice": "Choose legal powers from the list",
        },
    )

    class Meta:
        model = Agreement
        fields = ["lawful_basis", "legal_powers", "legal_power_other", "necessity"]
        labels = {
            "lawful_basis": "Lawful basis under UK GDPR article 6",
            "legal_power_other": "Other legal power",
            "necessity": "Why the sharing is necessary and proportionate",
        }
        help_texts = {"legal_power_other": "Only if you chose “Another power”"}
        widgets = {
            "lawful_basis": forms.RadioSelect,
            "necessity": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lawful_basis"].choices = A.LawfulBasis.choices

    def clean(self):
        data = super().clean()
        if (
            A.LegalPower.OTHER in (data.get("legal_powers") or [])
            and not (data.get("legal_power_other") or "").strip()
        ):
            self.add_error("legal_power_other", "Enter the other legal power")
        return data


class DpiaForm(SectionForm):
    required_fields = ("dpia_status",)

    dpia_date = date_field(
        "DPIA date",
        required=False,
        help_text="When it was done, or when it is planned. For example, 31 3 2026",
    )

    class Meta:
        model = Agreement
        fields = ["dpia_status", "dpia_date", "dpia_outcome", "dpo_views"]
        labels = {
            "dpia_status": "Data protection impact assessment (DPIA)",
            "dpia_outcome": "DPIA outcome",
            "dpo_views": "Data protection officers’ views",
        }
        help_texts = {"dpia_outcome": "Needed when the DPIA is done"}
        widgets = {
            "dpia_status": forms.RadioSelect,
            "dpia_outcome": forms.Textarea(attrs={"rows": 3}),
            "dpo_views": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dpia_status"].choices = A.Dpia.choices

    def clean(self):
        data = super().clean()
        status = data.get("dpia_status")
        if (
            status in (A.Dpia.DONE, A.Dpia.PLANNED)
            and not data.get("dpia_date")
            and ("dpia_date" not in self.errors)
        ):
            self.add_error("dpia_date", "Enter the DPIA date")
        if status == A.Dpia.DONE and not (data.get("dpia_outcome") or "").strip():
            self.add_error("dpia_outcome", "Enter the DPIA outcome")
        return data


class HandlingForm(SectionForm):
    required_fields = ("retention", "security", "transfer_method", "rights_arrangements")

    class Meta:
        model = Agreement
        fields = ["retention", "security", "transfer_method", "rights_arrangements"]
        labels = {
            "retention": "Retention and deletion",
            "security": "Security",
            "transfer_method": "Transfer method",
            "rights_arrangements": "How individuals’ rights are handled",
        }
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class DatesForm(SectionForm):
    required_fields = ("frequency",)

    start_date = date_field("Start date", required=True)
    end_date = date_field(
        "End date",
        required=False,
        help_text="Leave empty if the agreement has no end date. For example, 31 3 2028",
    )
    review_date = date_field("Review date", required=True)

    class Meta:
        model = Agreement
        fields = ["frequency", "start_date", "end_date", "review_date"]
        labels = {"frequency": "How often is data shared?"}
        widgets = {"frequency": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["frequency"].choices = A._meta.get_field("frequency").choices

    def clean(self):
        data = super().clean()
        start, end, review = data.get("start_date"), data.get("end_date"), data.get("review_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be on or after the start date")
        if start and review and review < start:
            self.add_error("review_date", "The review date must be on or after the start date")
        if end and review and review > end:
            self.add_error("review_date", "The review date must be on or before the end date")
        return data


class PublicationForm(SectionForm):
    publish = forms.TypedChoiceField(
        choices=[("yes", "Yes, publish it"), ("no", "No, keep it private")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label="Publish this agreement in the public transparency register?",
        help_text="Once signed, the register shows its title, parties, purpose, legal basis, "
        "status and review date to anyone, without signing in. Nothing else.",
        error_messages={
            "required": "Choose whether to publish the agreement",
            "invalid_choice": "Choose whether to publish the agreement",
        },
    )

    class Meta:
        model = Agreement
        fields = ["publish"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.publish is not None and not self.is_bound:
            self.initial["publish"] = "yes" if self.instance.publish else "no"


SECTION_FORMS = {
    "about": AboutForm,
    "parties": PartiesForm,
    "data": DataForm,
    "legal": LegalForm,
    "dpia": DpiaForm,
    "handling": HandlingForm,
    "dates": DatesForm,
    "publication": PublicationForm,
}


class PartyAddForm(GovukFormMixin, forms.Form):
    submit_label = "Add party"

    agency = forms.ModelChoiceField(
        queryset=None,
        label="Agency",
        empty_label="Choose an agency",
        help_text="Only member agencies of the partnership can be parties",
        error_messages={
            "required": "Choose the agency",
            "invalid_choice": "Choose an agency that is a member of the partnership",
        },
    )
    role = forms.ChoiceField(
        choices=AgreementParty.Role.choices,
        widget=forms.RadioSelect,
        label="What does this agency do under the agreement?",
        error_messages={
            "required": "Choose whether the agency provides data, receives it or both",
            "invalid_choice": "Choose whether the agency provides data, receives it or both",
        },
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class SignForm(GovukFormMixin, forms.Form):
    submit_label = "Sign the agreement"

    confirm = forms.BooleanField(
        label="I am authorised to sign for this agency, and it agrees to these terms",
        error_messages={
            "required": "Confirm that you are authorised to sign and that your "
            "agency agrees to the terms"
        },
    )


class EndForm(GovukFormMixin, forms.Form):
    submit_label = "End the agreement"

    outcome = forms.ChoiceField(
        choices=[
            (A.Status.TERMINATED, "Terminated: the sharing stops"),
            (A.Status.SUPERSEDED, "Superseded: another agreement replaces it"),
        ],
        widget=forms.RadioSelect,
        label="How did the agreement end?",
        error_messages={
            "required": "Choose how the agreement ended",
            "invalid_choice": "Choose how the agreement ended",
        },
    )
    superseded_by = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Agreement that replaces it",
        empty_label="Choose an agreement",
        help_text="Only if superseded",
        error_messages={"invalid_choice": "Choose another agreement of the same partnership"},
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why did it end?",
        error_messages={"required": "Enter why the agreement ended"},
    )

    def __init__(self, *args, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["superseded_by"].queryset = agreements

    def clean(self):
        data = super().clean()
        if (
            data.get("outcome") == A.Status.SUPERSEDED
            and not data.get("superseded_by")
            and ("superseded_by" not in self.errors)
        ):
            self.add_error("superseded_by", "Choose the agreement that replaces this one")
        return data


class ReviewForm(GovukFormMixin, forms.Form):
    submit_label = "Record the review"

    next_review_date = date_field("Next review date", required=True)

    def clean_next_review_date(self):
        value = self.cleaned_data["next_review_date"]
        if value <= clock.today():
            raise ValidationError("The next review date must be in the future")
        return value


class SignedCopyForm(GovukFormMixin, forms.Form):
    submit_label = "Upload signed copy"

    file = forms.FileField(
        label="Signed copy (PDF, up to 10 MB)",
        error_messages={
            "required": "Choose a PDF file of the signed agreement",
            "empty": "The selected file is empty",
            "invalid": "Choose a PDF file of the signed agreement",
        },
    )

    def clean_file(self):
        from .services import check_signed_copy

        upload = self.cleaned_data["file"]
        check_signed_copy(upload)
        return upload


class DeliveryForm(GovukFormMixin, forms.Form):
    submit_label = "Record delivery"

    membership = forms.ModelChoiceField(
        queryset=None,
        label="Agency and partnership",
        empty_label="Choose",
        error_messages={
            "required": "Choose the agency and partnership",
            "invalid_choice": "Choose one of your agencies and partnerships",
        },
    )
    dataset = forms.ModelChoiceField(
        queryset=None,
        label="Dataset",
        empty_label="Choose a dataset",
        error_messages={
            "required": "Choose the dataset",
            "invalid_choice": "Choose a dataset from the list",
        },
    )
    period_start = date_field(
        "Start of the period covered", required=True, help_text="For example, 1 4 2025"
    )
    period_end = date_field(
        "End of the period covered", required=True, help_text="For example, 30 6 2025"
    )
    received_on = date_field("Date received", help_text="For example, 15 8 2025", required=True)
    record_count = WholeNumberField(
        label="Number of records",
        min_value=0,
        max_value=100_000_000,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
        help_text="A whole number, like 1240 or 1,240",
        error_messages={
            "required": "Enter the number of records",
            "invalid": "The number of records must be a whole number, like 1,240",
            "min_value": "The number of records must be 0 or more",
            "max_value": "The number of records must be 100,000,000 or fewer",
        },
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        label="Note (optional)",
    )

    def __init__(self, *args, memberships, datasets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = memberships
        self.fields["membership"].label_from_instance = lambda m: (
            f"{m.agency.name} – {m.partnership.name}"
        )
        self.fields["dataset"].queryset = datasets

    def clean(self):
        data = super().clean()
        start, end, received = (
            data.get("period_start"),
            data.get("period_end"),
            data.get("received_on"),
        )
        if start and end and end < start:
            self.add_error("period_end", "The end of the period must be on or after its start")
        if received and received > clock.today():
            self.add_error("received_on", "The date received must be today or in the past")
        membership, dataset = data.get("membership"), data.get("dataset")
        if (
            membership
            and dataset
            and not dataset.owner_agency_types.filter(pk=membership.agency.agency_type_id).exists()
        ):
            self.add_error(
                "dataset",
                f"{membership.agency} does not hold “{dataset.name}”: choose a dataset of its own",
            )
        elif (
            membership
            and dataset
            and not selectors.provides_under_agreement(
                agency=membership.agency, partnership=membership.partnership, dataset=dataset
            )
        ):
            self.add_error(
                "dataset",
                f"{membership.agency} does not provide “{dataset.name}” to "
                f"{membership.partnership} under an agreement in force: "
                "choose a dataset it provides",
            )
        return data


class IstvUploadForm(GovukFormMixin, forms.Form):
    submit_label = "Check and import"

    agency = forms.ModelChoiceField(
        queryset=None,
        label="Emergency department",
        empty_label=None,
        error_messages={
            "required": "Choose the emergency department",
            "invalid_choice": "Choose one of your emergency departments",
        },
    )
    period_start = date_field(
        "Reporting period start date", required=True, help_text="For example, 1 4 2025"
    )
    period_end = date_field(
        "Reporting period end date", required=True, help_text="For example, 30 4 2025"
    )
    file = forms.FileField(
        label="ISTV file (CSV, up to 5 MB)",
        error_messages={
            "required": "Choose a CSV file to upload",
            "empty": "The selected file is empty",
            "invalid": "Choose a CSV file to upload",
        },
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.text = ""

    def clean_file(self):
        from core.uploads import check_file_name

        from . import istv

        upload = self.cleaned_data["file"]
        check_file_name(upload)
        if not (upload.name or "").lower().endswith(".csv"):
            raise ValidationError("The selected file must be a CSV file")
        if upload.size > istv.MAX_BYTES:
            raise ValidationError("The selected file must be smaller than 5 MB")
        text = istv.decode(upload.read())
        if text is None:
            raise ValidationError("The selected file is not a text CSV file")
        self.text = text
        return upload

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The reporting period must end on or after its start")
        elif start and end and (end - start).days > 366:
            self.add_error("period_end", "The reporting period must be a year or shorter")
        return data


class ConfirmReplaceForm(GovukFormMixin, forms.Form):
    """One button confirms the replacement: the page above it says what will be replaced."""

    submit_label = "Replace the existing return"


class AnalysisFilterForm(GovukFormMixin, forms.Form):
    """The analysis filters (GET). Bad values are reported, and the filter is not applied."""

    submit_label = "Apply filters"

    date_from = date_field("From", required=False, help_text="For example, 1 4 2025")
    date_to = date_field("To", required=False, help_text="For example, 31 3 2026")
    site = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Site",
        empty_label="All sites",
        error_messages={"invalid_choice": "Choose a site from the list"},
    )

    def __init__(self, *args, sites, site_names=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        if site_names is not None:  # (pk, name) pairs already read: the list costs no query
            self.fields["site"].choices = [("", self.fields["site"].empty_label), *site_names]
        self.helper.form_method = "get"  # no CSRF token in the address

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "The “to” date must be on or after the “from” date")
        return data


class StreamNoteForm(GovukFormMixin, forms.Form):
    submit_label = "Add the note"

    text = forms.CharField(
        label="Note",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Thanks, or what the data was used for. The agency's staff read it.",
        error_messages={
            "required": "Enter the note",
            "max_length": "The note must be 2,000 characters or fewer",
        },
    )


class DataUseForm(GovukFormMixin, forms.Form):
    """Which of the partnership's actions or documents uses the stream's data."""

    submit_label = "Record the use"

    record = forms.ChoiceField(
        label="Action or document",
        choices=(),
        error_messages={
            "required": "Choose the action or document that uses this data",
            "invalid_choice": "Choose an action or document from the list",
        },
    )

    def __init__(self, *args, actions, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.records = {f"action-{a.pk}": ("action", a) for a in actions}
        self.records.update({f"document-{d.pk}": ("document", d) for d in documents})
        self.fields["record"].choices = [("", "Choose")] + [
            ("Actions", [(f"action-{a.pk}", a.title) for a in actions]),
            ("Documents", [(f"document-{d.pk}", d.title) for d in documents]),
        ]

    def clean_record(self):
        return self.records[self.cleaned_data["record"]]
