"""ISTV returns count, at import, the rows that leave location, method or arrival time not
known; returns already imported are counted from their assaults here."""

from django.db import migrations, models
from django.db.models import Count, Q


def count_existing(apps, schema_editor):
    IstvReturn = apps.get_model("datasharing", "IstvReturn")
    counts = IstvReturn.objects.annotate(
        location=Count("assaults", filter=Q(assaults__location_type__code="unknown")),
        method=Count("assaults", filter=Q(assaults__method__code="unknown")),
        time=Count("assaults", filter=Q(assaults__arrival_datetime__isnull=True)),
    ).values_list("pk", "location", "method", "time")
    for pk, location, method, time in counts:
        IstvReturn.objects.filter(pk=pk).update(
            location_not_known=location, method_not_known=method, time_not_known=time)


class Migration(migrations.Migration):

    dependencies = [
        ('datasharing', '0002_reference_data'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalistvreturn',
            name='location_not_known',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='historicalistvreturn',
            name='method_not_known',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='historicalistvreturn',
            name='time_not_known',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='istvreturn',
            name='location_not_known',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='istvreturn',
            name='method_not_known',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='istvreturn',
            name='time_not_known',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(count_existing, migrations.RunPython.noop),
    ]
