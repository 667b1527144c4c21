"""Reference data every installation starts with: good-practice themes and the moderation
checklist. Sources: DOMAIN.md "Good practice" (EMMIE, SARA, Practice Bank) and issue #6.
Administrators may edit both in the Django admin; loading again never overwrites their edits.
"""

# The funding themes, plus the partnership-craft themes the source report asks about.
THEMES = [
    ("violence", "Violence"),
    ("night-time-economy", "Night-time economy"),
    ("domestic-abuse", "Domestic abuse"),
    ("anti-social-behaviour", "Anti-social behaviour"),
    ("drugs-alcohol", "Drugs and alcohol"),
    ("youth", "Youth"),
    ("serious-violence-duty", "Serious Violence Duty"),
    ("community-engagement", "Community engagement"),
    ("media-communications", "Media and communications"),
    ("partnership-working", "Partnership working"),
    ("data-sharing", "Data sharing"),
    ("analysis", "Analysis"),
    ("other", "Other"),
]

# (slug, text, guidance, mandatory)
CRITERIA = [
    (
        "problem-evidence",
        "The problem is stated with evidence",
        "Scanning and analysis: what the problem was, how big, where and when, with the figures "
        "or sources that showed it.",
        True,
    ),
    (
        "response-repeatable",
        "The response is described well enough for another partnership to repeat it",
        "What was done, by whom, in what order, and what it needed.",
        True,
    ),
    (
        "baseline",
        "The outcome is measured against a baseline",
        "Before-and-after figures, ideally with a comparison area. New or innovative practice "
        "may not have this yet.",
        False,
    ),
    (
        "label-fits-evidence",
        "The outcome label fits the evidence",
        "\u201cWorked\u201d needs measured results; \u201cpromising\u201d some early evidence; "
        "\u201cnew or innovative\u201d a clear description; \u201cdid not work\u201d what was "
        "measured and found.",
        True,
    ),
    (
        "mechanism",
        "The mechanism is explained",
        "Why the response changed what happened (or why it did not).",
        False,
    ),
    (
        "cost-stated",
        "The cost is stated",
        "Set-up and running costs in pounds, including staff time where known.",
        True,
    ),
    (
        "context-stated",
        "The context is stated",
        "Where it ran, what kind of area, and for whom.",
        True,
    ),
    ("contact-named", "A contact is named", "Someone another partnership can ask about it.", True),
    (
        "no-personal-data",
        "The entry contains no personal data about victims, offenders or residents",
        "Depersonalised figures only; no names, addresses or case details.",
        True,
    ),
]


def load_reference_data(theme_model=None, criterion_model=None) -> None:
    """Create any missing themes and criteria. Idempotent; keeps edits made in the admin."""
    if theme_model is None or criterion_model is None:
        from .models import Criterion, Theme

        theme_model, criterion_model = Theme, Criterion
    for order, (slug, name) in enumerate(THEMES, start=1):
        theme_model.objects.get_or_create(slug=slug, defaults={"name": name, "order": order * 10})
    for order, (slug, text, guidance, mandatory) in enumerate(CRITERIA, start=1):
        criterion_model.objects.get_or_create(
            slug=slug,
            defaults={
                "text": text,
                "guidance": guidance,
                "is_mandatory": mandatory,
                "order": order * 10,
            },
        )
