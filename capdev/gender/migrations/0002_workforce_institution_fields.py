"""Workforce records carry their institution's country, level and sector.

The indicator aggregates then filter and group records without joining institutions.
The columns are added empty, filled from each record's institution, then required.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

LEVELS = [("national", "National"), ("subnational", "Subnational")]
SECTORS = [
    ("central", "Central administration and civil service"),
    ("finance", "Finance and economy"),
    ("justice", "Justice and security"),
    ("health", "Health"),
    ("education", "Education"),
    ("social", "Social affairs and gender"),
    ("infrastructure", "Infrastructure, agriculture and environment"),
    ("local", "Local government"),
    ("other", "Other"),
]


def copy_institution_fields(apps, schema_editor):
    Institution = apps.get_model("gender", "Institution")
    WorkforceRecord = apps.get_model("gender", "WorkforceRecord")

    def of_institution(field):
        return Subquery(Institution.objects.filter(pk=OuterRef("institution_id")).values(field)[:1])

    WorkforceRecord.objects.update(
        country_id=of_institution("country_id"),
        level=of_institution("level"),
        sector=of_institution("sector"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("gender", "0001_initial"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="workforcerecord",
            name="gender_work_year_c5888f_idx",
        ),
        migrations.AddField(
            model_name="workforcerecord",
            name="country",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.country",
                verbose_name="country",
            ),
        ),
        migrations.AddField(
            model_name="workforcerecord",
            name="level",
            field=models.CharField(
                choices=LEVELS, default="", editable=False, max_length=12, verbose_name="level"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="workforcerecord",
            name="sector",
            field=models.CharField(
                choices=SECTORS, default="", editable=False, max_length=20, verbose_name="sector"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(copy_institution_fields, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="workforcerecord",
            name="country",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.country",
                verbose_name="country",
            ),
        ),
        migrations.AddIndex(
            model_name="workforcerecord",
            index=models.Index(
                fields=["year", "country", "level", "sector", "band"],
                name="gender_workforce_comparison",
            ),
        ),
        migrations.AddIndex(
            model_name="workforcerecord",
            index=models.Index(fields=["country", "year", "level"], name="gender_workforce_country"),
        ),
    ]
