"""Stories and their approval: the partnership's list, starting a story (from a good-practice
entry, a completed action or an improved outcome), its page, editing, sending it to agencies,
each agency's press officer approving, returning it to draft, issuing it, the press officer's
queue and the CSV export. Thin views: each checks its permission, then calls a service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from core import csv as csv_file
from core.pagination import IdsFirstPaginator
from core.views import mark_refusal
from partnerships.mixins import PartnershipByCodeMixin

from .. import selectors_stories as selectors
from ..forms.stories import IssueForm, SendForApprovalForm, StoryForm
from ..models import Stage, Story, StoryApproval
from ..services import stories as services

VIEW = "communications.view_partnership_comms"
CHANGE = "communications.change_comms"
VIEW_RECORD = "communications.view_record"
CHANGE_RECORD = "communications.change_record"
APPROVE = "communications.approve_story"


def _form_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form, on its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class StoriesMixin(PartnershipByCodeMixin):
    permission_required = VIEW
    read_permission = VIEW


class StoryListView(StoriesMixin, ListView):
    """The partnership's stories, filtered by stage, with owner, channel, date and approvals."""

    template_name = "communications/stories/list.html"
    context_object_name = "stories"
    paginate_by = 50
    paginator_class = IdsFirstPaginator

    def stage(self) -> str:
        stage = self.request.GET.get("stage", "")
        return stage if stage in Stage.values else ""

    def get_queryset(self):
        return selectors.stories_for(partnership=self.partnership, stage=self.stage()).defer(
            "facts", "body"
        )

    @cached_property
    def counts(self) -> dict[str, int]:
        return selectors.stage_counts(partnership=self.partnership)

    def get_paginator(self, *args, **kwargs):
        """The paginator, told the count the stage counts already give (one query fewer)."""
        paginator = super().get_paginator(*args, **kwargs)
        paginator.count = self.counts[self.stage()] if self.stage() else sum(self.counts.values())
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = self.counts
        context.update(
            stage=self.stage(),
            stages=[(value, label, counts[value]) for value, label in Stage.choices],
            total=sum(counts.values()),
            can_change=self.request.user.has_perm(CHANGE, self.partnership),
            query_string=f"stage={self.stage()}" if self.stage() else "",
        )
        return context


class StoryExportView(StoriesMixin, View):
    def get(self, request, *args, **kwargs):
        rows = [
            [
                story.title,
                story.get_stage_display(),
                story.owner.get_full_name() or story.owner.email,
                story.channel.name if story.channel_id else "",
                story.planned_on,
                f"{story.approvals_given} of {story.approvals_needed}",
                story.issued_on,
                story.facts,
                story.body,
            ]
            for story in selectors.stories_for(partnership=self.partnership).order_by("pk")
        ]
        header = [
            "Headline",
            "Stage",
            "Owner",
            "Channel",
            "Planned date",
            "Approvals",
            "Issued on",
            "The facts",
            "Draft",
        ]
        return csv_file.response(f"stories-{self.partnership.ons_code}.csv", [header, *rows])


class StoryCreateView(StoriesMixin, FormView):
    """A new story; ?entry=, ?action= or ?indicator= starts it from that source with its facts
    filled in. A source the user may not read, or another partnership's, is not found."""

    permission_required = CHANGE
    template_name = "communications/stories/form.html"
    form_class = StoryForm

    def dispatch(self, request, *args, **kwargs):
        self.sources = {}
        return super().dispatch(request, *args, **kwargs)

    def _id(self, name):
        value = self.request.GET.get(name, "")
        if not value:
            return None
        if not value.isdigit() or len(value) > 18:
            raise Http404
        return int(value)

    def source(self):
        """The one source named in the query, checked; None without one."""
        from goodpractice.models import Entry
        from outcomes.models import Indicator
        from partnerships.models import Action

        user, partnership = self.request.user, self.partnership
        if (pk := self._id("entry")) is not None:
            # Any entry the user may read: a published one from elsewhere is news here too,
            # as the partnership adopts it.
            entry = get_object_or_404(Entry, pk=pk)
            if not user.has_perm("goodpractice.view_entry", entry):
                raise Http404
            return "entry", entry
        if (pk := self._id("action")) is not None:
            action = get_object_or_404(
                Action.objects.select_related("priority", "owner"),
                pk=pk,
                partnership=partnership,
            )
            return "action", action
        if (pk := self._id("indicator")) is not None:
            return "indicator", get_object_or_404(Indicator, pk=pk, is_active=True)
        return None

    def get(self, request, *args, **kwargs):
        self.found = self.source()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.found = self.source()
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        if self.found is None:
            return {}
        return services.story_draft_from(self.found[1], partnership=self.partnership)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def form_valid(self, form):
        data = form.cleaned_data
        source = dict([self.found]) if self.found else {}
        try:
            story = services.story_create(
                partnership=self.partnership,
                owner=self.request.user,
                title=data["title"],
                facts=data["facts"],
                body=data["body"],
                channel=data["channel"],
                planned_on=data["planned_on"],
                **source,
            )
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Story saved")
        return redirect(story)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title="Start a story", source=self.found[1] if self.found else None)
        if self.found is None:
            from outcomes.selectors import partnership_outcomes

            # Good news to tell: the outcomes whose latest 12 months are better than the 12
            # before.
            context["improved"] = [
                view
                for view in partnership_outcomes(partnership=self.partnership)
                if view.trend.improving
            ]
        return context


class StoryObjectMixin:
    """Finds the story by its id: 404 to those who may not read it, 403 to readers who may not
    do this. The story's partnership is in the context for the navigation."""

    permission_required = VIEW_RECORD

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            try:
                self.story = selectors.story_detail(pk=kwargs["pk"])
            except Story.DoesNotExist:
                raise Http404 from None
            user = request.user
            if not user.has_perm(self.permission_required, self.story):
                mark_refusal(request, permission=self.permission_required, obj=self.story)
                if user.has_perm(VIEW_RECORD, self.story):
                    raise PermissionDenied
                raise Http404
            self.partnership = self.story.partnership
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(story=self.story, partnership=self.partnership)
        return context


class StoryDetailView(StoryObjectMixin, TemplateView):
    template_name = "communications/stories/detail.html"

    def get_context_data(self, **kwargs):
        import rules

        context = super().get_context_data(**kwargs)
        story, user = self.story, self.request.user
        can_change = user.has_perm(CHANGE_RECORD, story)
        approvals = selectors.approvals_of(story)
        awaiting = story.stage == Stage.AWAITING_APPROVAL
        for approval in approvals:
            approval.story = story  # already read: the rule reads its partnership
            approval.can_approve = (
                awaiting and not approval.is_approved and rules.has_perm(APPROVE, user, approval)
            )
        context.update(
            approvals=approvals,
            approvals_given=sum(a.is_approved for a in approvals),
            can_edit=can_change and story.stage in services.EDITABLE,
            can_send=can_change and story.stage == Stage.DRAFTED,
            can_return=can_change and story.stage in (Stage.AWAITING_APPROVAL, Stage.APPROVED),
            can_issue=can_change and story.stage == Stage.APPROVED,
            stages=Stage.choices,
        )
        return context


class StoryEditView(StoryObjectMixin, FormView):
    permission_required = CHANGE_RECORD
    template_name = "communications/stories/form.html"
    form_class = StoryForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "partnership": self.partnership,
            "instance": self.story,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        # The form wrote its values onto the story; the service starts from the stored row.
        try:
            services.story_update(
                story=self.story,
                title=data["title"],
                facts=data["facts"],
                body=data["body"],
                channel=data["channel"],
                planned_on=data["planned_on"],
            )
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Story saved")
        return redirect("communications:story", pk=self.story.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title="Change the story", source=None)
        return context


class StorySendView(StoryObjectMixin, FormView):
    permission_required = CHANGE_RECORD
    template_name = "communications/stories/send.html"
    form_class = SendForApprovalForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "agencies": services.member_agencies(self.partnership),
        }

    def form_valid(self, form):
        try:
            services.story_send_for_approval(
                story=self.story, agencies=form.cleaned_data["agencies"]
            )
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Story sent for approval")
        return redirect("communications:story", pk=self.story.pk)


class StoryReturnView(StoryObjectMixin, View):
    """The Return to draft button: POST only; a refused return comes back as a message."""

    permission_required = CHANGE_RECORD

    def post(self, request, *args, **kwargs):
        try:
            services.story_return_to_draft(story=self.story)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Story returned to draft. Its approvals have been cleared")
        return redirect("communications:story", pk=self.story.pk)


class StoryApproveView(StoryObjectMixin, View):
    """Only the press officer of the approval's agency; other readers 403, others 404."""

    def post(self, request, *args, **kwargs):
        import rules

        approval = get_object_or_404(
            StoryApproval.objects.select_related("agency"),
            pk=kwargs["approval_pk"],
            story=self.story,
        )
        approval.story = self.story
        if not rules.has_perm(APPROVE, request.user, approval):
            mark_refusal(request, permission=APPROVE, obj=approval)
            raise PermissionDenied
        try:
            services.story_approve(approval=approval, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Approved for {approval.agency}")
        return redirect("communications:story", pk=self.story.pk)


class StoryIssueView(StoryObjectMixin, FormView):
    permission_required = CHANGE_RECORD
    template_name = "communications/stories/issue.html"
    form_class = IssueForm

    def get_initial(self):
        from core import clock

        return {"issued_on": clock.today()}

    def form_valid(self, form):
        try:
            services.story_issue(story=self.story, issued_on=form.cleaned_data["issued_on"])
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Story recorded as issued")
        return redirect("communications:story", pk=self.story.pk)


class ApprovalQueueView(ListView):
    """The stories awaiting approval by the agencies this user is press officer for."""

    template_name = "communications/stories/approvals.html"
    context_object_name = "approvals"
    paginate_by = 50

    def get_queryset(self):
        return selectors.approval_queue(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_press_officer"] = bool(self.request.user.scope.press_officer_agency_ids)
        return context


def urlpatterns(prefix: str) -> list:
    return [
        path(f"{prefix}stories/", StoryListView.as_view(), name="stories"),
        path(f"{prefix}stories/new/", StoryCreateView.as_view(), name="story-create"),
        path(f"{prefix}stories/export.csv", StoryExportView.as_view(), name="stories-export"),
        path("stories/<int:pk>/", StoryDetailView.as_view(), name="story"),
        path("stories/<int:pk>/edit/", StoryEditView.as_view(), name="story-edit"),
        path("stories/<int:pk>/send/", StorySendView.as_view(), name="story-send"),
        path(
            "stories/<int:pk>/approvals/<int:approval_pk>/approve/",
            StoryApproveView.as_view(),
            name="story-approve",
        ),
        path("stories/<int:pk>/return/", StoryReturnView.as_view(), name="story-return"),
        path("stories/<int:pk>/issue/", StoryIssueView.as_view(), name="story-issue"),
        path("approvals/", ApprovalQueueView.as_view(), name="approvals"),
    ]
