"""The shared component environment renders exactly what govuk-frontend-django renders."""

from django.template import Context, Template
from govuk_frontend_django.components import base

from core import govuk_components


def library_render(component):
    """The library's own (uncached) render, kept on the class by its module."""
    env = base.Environment(
        loader=base.ChoiceLoader(
            [
                base.PrefixLoader(
                    {"govuk_frontend_jinja": base.PackageLoader("govuk_frontend_jinja")}
                )
            ]
        ),
        autoescape=base.select_autoescape(),
    )
    data = govuk_components.without_none(component.__dict__.copy())
    return env.from_string(component.build_jinja_template()).render(data=data)


def test_components_render_the_same_html_as_the_library():
    from govuk_frontend_django.components.skip_link import GovUKSkipLink
    from govuk_frontend_django.components.tag import GovUKTag

    for component in (
        GovUKTag(text="Beta"),
        GovUKSkipLink(text="Skip to main content", href="#main-content"),
    ):
        assert str(component) == library_render(component)
    html = Template('{% load govuk_frontend_django %}{% gds_component "tag" text="Beta" %}').render(
        Context()
    )
    assert '<strong class="govuk-tag">' in html and "Beta" in html


def test_the_compiled_template_is_reused():
    govuk_components.component_template.cache_clear()
    Template('{% load govuk_frontend_django %}{% gds_component "tag" text="One" %}').render(
        Context()
    )
    Template('{% load govuk_frontend_django %}{% gds_component "tag" text="Two" %}').render(
        Context()
    )
    info = govuk_components.component_template.cache_info()
    assert info.misses == 1 and info.hits == 1
