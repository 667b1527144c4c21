"""A follow-up reminder is sent once for each due date, not once for ever: the reminders
already sent are recorded against the action's current due date."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_due_dates(apps, schema_editor):
    action_model = apps.get_model("reviews", "FollowUpAction")
    reminder_model = apps.get_model("reviews", "FollowUpReminderSent")
    reminder_model.objects.update(due_on=Subquery(
        action_model.objects.filter(pk=OuterRef("action_id")).values("due_on")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0003_stored_ratings'),
    ]

    operations = [
        migrations.AddField(
            model_name='followupremindersent',
            name='due_on',
            field=models.DateField(null=True, verbose_name='due date reminded about'),
        ),
        migrations.RunPython(fill_due_dates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='followupremindersent',
            name='due_on',
            field=models.DateField(verbose_name='due date reminded about'),
        ),
        migrations.RemoveConstraint(
            model_name='followupremindersent',
            name='reviews_reminder_once',
        ),
        migrations.AddConstraint(
            model_name='followupremindersent',
            constraint=models.UniqueConstraint(fields=('action', 'user', 'due_on'), name='reviews_reminder_once_per_due_date'),
        ),
    ]
