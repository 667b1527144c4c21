"""{% scroll_region %}…{% endscroll_region %}: a wide table scrolls sideways inside its own region.

WCAG 1.4.10 (reflow): a page must fit a 320 px screen, but a data table may scroll within itself.
Keyboard users must be able to reach and scroll that region, and screen reader users need its
name, so the region is focusable and labelled: by the table's caption when it has one (the
caption gets an id if it has none), or by the label given, `{% scroll_region "Ratings" %}`.
A built-in tag (TEMPLATES' builtins), so every template has it without a {% load %}.
"""

import hashlib
import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

CAPTION = re.compile(r"<caption\b([^>]*)>")
ID = re.compile(r"""\bid=["']([^"']+)["']""")


def _caption_id(context, content: str) -> str:
    """An id from the table itself, so the same table renders the same HTML (cached fragments
    are compared, and fragments rendered apart must not share ids); numbered within a render
    when one page shows the same table twice."""
    base = "scroll-region-" + hashlib.sha256(content.encode()).hexdigest()[:10]
    seen = context.render_context.setdefault("scroll_region_ids", set())
    caption_id, n = base, 1
    while caption_id in seen:
        n += 1
        caption_id = f"{base}-{n}"
    seen.add(caption_id)
    return caption_id


class ScrollRegionNode(template.Node):
    def __init__(self, nodelist, label):
        self.nodelist = nodelist
        self.label = label

    def render(self, context):
        content = self.nodelist.render(context)
        if self.label is not None:
            label = self.label.resolve(context)
            return format_html(
                '<div class="portal-scroll-x" tabindex="0" role="region" aria-label="{}">{}</div>',
                label,
                mark_safe(content),  # noqa: S308 - the rendered template nodes
            )
        caption = CAPTION.search(content)
        if caption is None:
            raise template.TemplateSyntaxError(
                "scroll_region needs a label when its table has no caption"
            )
        found = ID.search(caption.group(1))
        if found:
            caption_id = found.group(1)
        else:
            caption_id = _caption_id(context, content)
            content = (
                content[: caption.start()]
                + f'<caption id="{caption_id}"{caption.group(1)}>'
                + content[caption.end() :]
            )
        return format_html(
            '<div class="portal-scroll-x" tabindex="0" role="region" aria-labelledby="{}">{}</div>',
            caption_id,
            mark_safe(content),  # noqa: S308 - the rendered template nodes
        )


@register.tag
def scroll_region(parser, token):
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("scroll_region takes at most one label")
    label = parser.compile_filter(bits[1]) if len(bits) == 2 else None
    nodelist = parser.parse(("endscroll_region",))
    parser.delete_first_token()
    return ScrollRegionNode(nodelist, label)
