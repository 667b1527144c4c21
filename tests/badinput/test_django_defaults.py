"""No form of the portal speaks Django's own words (issue 17, item 5): every form class, and
every form page, is walked. A required field left empty says what to do ("Enter the note"),
never "This field is required."; no list or radio offers "---------"."""

import importlib
import inspect
from datetime import date

import pytest
from django import forms
from django.db import transaction
from django.urls import reverse

from datasharing.models import Agreement, PrescribedDataset
from funding.models import Bid, BidStatus
from partnerships.models import Agency, Membership, Partnership

from .forms import page_form, post_rows
from .test_forms_property import MORE_FORMS

PORTAL_APPS = (
    "accounts",
    "audit",
    "cdrp_portal",
    "datasharing",
    "funding",
    "goodpractice",
    "partnerships",
    "reviews",
)
DJANGO_WORDS = (
    "This field is required",
    "---------",
    "Select a valid choice",
    "That choice is not one of the available choices",
)


def portal_form_classes():
    for app in PORTAL_APPS:
        try:
            importlib.import_module(f"{app}.forms")
        except ModuleNotFoundError:
            continue
    found, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            abstract = (
                issubclass(sub, forms.BaseModelForm)
                and getattr(getattr(sub, "_meta", None), "model", None) is None
            )
            if sub.__module__.split(".")[0] in PORTAL_APPS and not abstract:
                found.add(sub)
    return sorted(found, key=lambda c: (c.__module__, c.__name__))


FORM_CLASSES = portal_form_classes()


def keyword_values(world):
    """What the forms' keyword-only arguments are given, from the test world."""
    partnership = world.partnership
    agency = world.agency
    return {
        "partnership": partnership,
        "partnerships": Partnership.objects.filter(pk=partnership.pk),
        "agencies": Agency.objects.filter(pk=agency.pk),
        "memberships": Membership.objects.filter(partnership=partnership),
        "datasets": PrescribedDataset.objects.all(),
        "sites": Agency.objects.filter(pk=agency.pk),
        "agreements": Agreement.objects.none(),
        "user": world.user("manager_this"),
        "today": date(2026, 6, 1),
        "criteria": [],
        "bid": Bid(status=BidStatus.CONSIDERING),
        "request": None,
        "instance": None,
        "deliveries": {},
        "actions": [],
        "documents": [],
    }


def build(form_class, world, data=None):
    values = keyword_values(world)
    kwargs = {}
    for cls in form_class.__mro__:
        init = cls.__dict__.get("__init__")
        if init is None:
            continue
        for name, param in inspect.signature(init).parameters.items():
            if param.kind is param.KEYWORD_ONLY and name not in kwargs:
                if param.default is param.empty or name in values:
                    kwargs[name] = values[name]
    positional = {
        name
        for cls in form_class.__mro__
        if "__init__" in cls.__dict__
        for name, param in inspect.signature(cls.__dict__["__init__"]).parameters.items()
        if param.kind is param.POSITIONAL_OR_KEYWORD
    }
    if "request" in positional:  # AuthenticationForm
        return form_class(None, data=data, **{k: v for k, v in kwargs.items() if k != "request"})
    if "user" in positional and "user" not in kwargs:  # SetPasswordForm
        return form_class(values["user"], data=data, **kwargs)
    return form_class(data=data, **kwargs)


def test_the_walk_finds_the_portal_forms():
    names = {cls.__name__ for cls in FORM_CLASSES}
    assert {
        "ReviewNoteForm",
        "FollowUpActionForm",
        "ContactForm",
        "DeliveryForm",
        "RoleAssignmentForm",
        "OpportunityForm",
    } <= names
    assert len(FORM_CLASSES) > 40


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_no_form_class_uses_djangos_words(form_class, world):
    form = build(form_class, world)
    html = str(form)  # renders every field, as a page would
    assert "---------" not in html, form_class.__name__
    for name, field in form.fields.items():
        assert "This field is required" not in str(field.error_messages.get("required", "")), (
            form_class.__name__,
            name,
        )
        for label in getattr(field, "choices", None) and [c[1] for c in field.choices] or []:
            assert str(label) != "---------", (form_class.__name__, name)
        if isinstance(field.widget, forms.RadioSelect) and field.required:
            assert all(value not in ("", None) for value, _ in field.choices), (
                f"{form_class.__name__}.{name} offers an empty radio"
            )
    bound = build(form_class, world, data={})
    bound.is_valid()
    for name, errors in bound.errors.items():
        for error in errors:
            assert not any(words in error for words in DJANGO_WORDS), (
                form_class.__name__,
                name,
                error,
            )


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), post_rows(), ids=lambda x: getattr(x, "id", x))
def test_no_form_page_shows_djangos_words(row, role, world, client_for):
    """Each POST page of the matrix, shown and then sent empty."""
    url = reverse(row.name, kwargs=row.kwargs(world))
    client = client_for(role)
    page = client.get(url)
    if page.status_code == 200:
        assert not any(words in page.content.decode() for words in DJANGO_WORDS), url
    if page_form(page.content.decode(), url) is None and page.status_code == 200:
        return  # a button with no fields (sign out, revoke)
    with transaction.atomic():
        response = client.post(url, {})
        text = response.content.decode()
        transaction.set_rollback(True)
    assert not any(words in text for words in DJANGO_WORDS), (url, text[:2000])


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs", "who"), MORE_FORMS, ids=[m[0] for m in MORE_FORMS])
def test_no_other_form_page_shows_djangos_words(name, kwargs, who, world, client_for):
    from django.test import Client

    if callable(who):
        client = Client()
        client.force_login(who(world), backend="accounts.backends.EmailPasswordBackend")
    else:
        client = client_for(who)
    url = reverse(name, kwargs=kwargs(world))
    page = client.get(url)
    assert not any(words in page.content.decode() for words in DJANGO_WORDS)
    response = client.post(url, {})
    assert not any(words in response.content.decode() for words in DJANGO_WORDS)
