"""Render govuk-frontend-django's components from one shared, caching Jinja environment.

govuk-frontend-django 0.22 builds a new Jinja environment, and so recompiles the GOV.UK
Frontend macro templates, every time a component renders: about 30 ms per component, four
components on every page (skip link, header, phase banner, tag), roughly two thirds of the
time of a typical page. The output is unchanged; only the compiled templates are reused.
Installed from CdrpPortalConfig.ready(). See docs/performance.md.
"""

from functools import cache

from django.utils.safestring import mark_safe
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape


@cache
def environment() -> Environment:
    return Environment(
        loader=ChoiceLoader(
            [PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
        ),
        autoescape=select_autoescape(),
        auto_reload=False,
    )


@cache
def component_template(source: str):
    return environment().from_string(source)


def without_none(data):
    """The library's rule: keys whose value is None are left out, at every level."""
    if isinstance(data, list):
        for item in data:
            without_none(item)
    elif isinstance(data, dict):
        for key, value in list(data.items()):
            if value is None:
                del data[key]
            elif isinstance(value, dict | list):
                without_none(value)
    return data


def render(self, template_name=None, context=None, renderer=None, component_data=None):
    data = self.__dict__.copy()
    if component_data:
        data.update(component_data)
    template = component_template(self.build_jinja_template())
    return mark_safe(template.render(data=without_none(data)))  # noqa: S308 - Jinja autoescapes


def install() -> None:
    from govuk_frontend_django.components.base import GovUKComponent

    GovUKComponent.render = render
    GovUKComponent.__str__ = render
    GovUKComponent.__html__ = render
