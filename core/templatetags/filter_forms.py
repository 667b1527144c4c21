"""{% cached_crispy form %}: a filter form rendered once for each state it can be in.

A finder's filter panel is the same HTML for everyone who filters the same way: it depends only
on the form's fields, the values and errors they are bound to, and the choices they offer. Laying
out its dozen fields and hundred options through crispy-forms-gds is most of the time such a
page takes, so the HTML is cached (core.cache) under a digest of exactly those things. New choices
(a funder added, say) or other values give another digest, so a stale panel is never shown. Only
for GET forms without a form tag: there is no CSRF token or other per-request state in them.
"""

import hashlib

from crispy_forms.utils import render_crispy_form
from django import template
from django.utils.safestring import mark_safe

from core import cache

register = template.Library()

CACHE_SECONDS = 60 * 60


def form_state(form) -> str:
    """A digest of everything the rendered form depends on."""
    parts = [
        type(form).__module__,
        type(form).__qualname__,
        form.prefix or "",
        repr(list(form.non_field_errors())),
    ]
    for name, field in form.fields.items():
        bound = form[name]
        parts += [
            name,
            repr(bound.value()),
            repr(list(bound.errors)),
            str(field.label),
            str(field.help_text),
            repr(field.required),
            repr(field.widget.attrs),
        ]
        if hasattr(field, "choices"):
            # A query for each field offering records; a cache miss reads them again to render.
            parts.append(repr([(str(value), str(label)) for value, label in field.choices]))
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@register.simple_tag
def cached_crispy(form):
    html = cache.remember(
        ("filter-form", form_state(form)),
        [],
        lambda: render_crispy_form(form, helper=getattr(form, "helper", None)),
        timeout=CACHE_SECONDS,
    )
    return mark_safe(html)  # noqa: S308 - crispy-forms' own output, escaped when rendered
