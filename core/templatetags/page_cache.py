"""{% cache_fragment name depends_on=... shared=... vary=... %}…{% endcache_fragment %}: the
template form of core.cache.fragment; the body is rendered only when no copy is kept.

`depends_on` is a list (partnership ids, version names, "today"), or one such item; `shared`
is "per user" (the default), "per scope" or "everyone"; `vary` is a list of other key parts.
The body must hold no per-request state such as a CSRF token.
"""

from django import template

from core import cache

register = template.Library()


class CacheFragmentNode(template.Node):
    def __init__(self, name, options, nodelist):
        self.name, self.options, self.nodelist = name, options, nodelist

    def render(self, context):
        options = {key: value.resolve(context) for key, value in self.options.items()}
        depends_on = options.get("depends_on", ())
        if isinstance(depends_on, str | int):
            depends_on = [depends_on]
        vary = options.get("vary", ())
        if isinstance(vary, str | int):
            vary = [vary]
        with context.push():
            return cache.fragment(
                context["request"],
                self.name.resolve(context),
                lambda: self.nodelist.render(context),
                depends_on=list(depends_on),
                shared=options.get("shared", cache.PER_USER),
                vary=list(vary),
            )


@register.tag
def cache_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("cache_fragment needs a name")
    options = {}
    for bit in bits[2:]:
        key, sep, value = bit.partition("=")
        if not sep or key not in ("depends_on", "shared", "vary"):
            raise template.TemplateSyntaxError(f"cache_fragment: unknown option {bit!r}")
        options[key] = parser.compile_filter(value)
    nodelist = parser.parse(("endcache_fragment",))
    parser.delete_first_token()
    return CacheFragmentNode(parser.compile_filter(bits[1]), options, nodelist)
