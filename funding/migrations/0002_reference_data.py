"""Reference data: funding themes and who can apply."""

from django.db import migrations

THEMES = [
    ("violence", "Violence"),
    ("night-time-economy", "Night-time economy"),
    ("domestic-abuse", "Domestic abuse"),
    ("anti-social-behaviour", "Anti-social behaviour"),
    ("drugs-alcohol", "Drugs and alcohol"),
    ("youth", "Youth"),
    ("serious-violence-duty", "Serious Violence Duty"),
    ("community-engagement", "Community engagement"),
    ("other", "Other"),
]
APPLICANT_TYPES = [
    ("csp", "Community safety partnerships"),
    ("local-authority", "Local authorities"),
    ("pcc", "Police and crime commissioners"),
    ("police", "Police forces"),
    ("health", "Health bodies"),
    ("youth-justice", "Youth justice services"),
    ("voluntary", "Voluntary and community organisations"),
    ("other", "Other organisations"),
]


def load(apps, schema_editor):
    Theme = apps.get_model("funding", "Theme")
    ApplicantType = apps.get_model("funding", "ApplicantType")
    for order, (slug, name) in enumerate(THEMES):
        Theme.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})
    for order, (slug, name) in enumerate(APPLICANT_TYPES):
        ApplicantType.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
