"""Finding the forms of the portal from its pages, for the bad-input tests.

Every POST URL comes from the permission matrix (tests/permissions/), with a role allowed to
use it. The page's own form (GET on the same URL) says which fields there are: text inputs,
text areas, selects, radios and checkboxes, with their options.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from tests.permissions.matrix import all_rows

# The roles tried first: their sign-in needs no second factor.
ROLE_PREFERENCE = (
    "manager_this",
    "staff_this",
    "manager_other",
    "staff_other",
    "admin",
    "reviewer_in",
    "reviewer_out",
)
# The REST API is fuzzed by its own schema-driven tests (tests/api/); it takes JSON, not forms.
SKIPPED_NAMESPACES = ("api:",)


@dataclass
class FormField:
    name: str
    kind: str  # text, textarea, select, radio, checkbox, hidden, number, email, url, password
    options: list = field(default_factory=list)
    value: str = ""
    numeric: bool = False


@dataclass
class Form:
    action: str
    method: str = "post"
    fields: dict = field(default_factory=dict)

    def add(self, name, kind, *, value="", option=None, numeric=False):
        if not name:
            return
        current = self.fields.get(name)
        if current is None:
            current = self.fields[name] = FormField(name, kind, value=value, numeric=numeric)
        if option is not None:
            current.options.append(option)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = Form(
                action=a.get("action") or "", method=(a.get("method") or "get").lower()
            )
            self.forms.append(self.form)
        if self.form is None:
            return
        name = a.get("name")
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("radio", "checkbox"):
                self.form.add(name, kind, option=a.get("value", "on"))
            else:
                self.form.add(
                    name, kind, value=a.get("value", ""), numeric=a.get("inputmode") == "numeric"
                )
        elif tag == "select":
            self.select = name
            self.form.add(name, "select")
        elif tag == "option" and self.select:
            self.form.add(self.select, "select", option=a.get("value", ""))
        elif tag == "textarea":
            self.textarea = name
            self.form.add(name, "textarea")

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def page_form(html: str, url: str, method: str = "post") -> Form | None:
    """The form of the page that sends to `url` (the page's own form) by `method`, if any."""
    parser = _FormParser()
    parser.feed(html)
    path = urlsplit(url).path
    own = [
        f
        for f in parser.forms
        if f.method == method and (f.action in ("", ".", path) or urlsplit(f.action).path == path)
    ]
    return max(own, key=lambda f: len(f.fields), default=None)


def allowed_role(row) -> str | None:
    for role in ROLE_PREFERENCE:
        if row.expect.get(role) in (200, 302):
            return role
    return None


def post_rows():
    """(row, role) for every POST in the matrix that some signed-in role may make."""
    seen = set()
    found = []
    for row in all_rows():
        if row.method != "post" or row.name.startswith(SKIPPED_NAMESPACES):
            continue
        role = allowed_role(row)
        if role is None or row.id in seen:
            continue
        seen.add(row.id)
        found.append((row, role))
    return found
