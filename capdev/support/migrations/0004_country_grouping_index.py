"""The dashboard's country index carries every column a dashboard pass reads.

With it, a dashboard filtered by region, country group or a focal point's country
reads all its passes from one index, even where SQLite has no planner statistics
(a database nobody has run ANALYZE on would otherwise look rows up in the table).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("support", "0003_dashboard_indexes")]

    operations = [
        migrations.RemoveIndex(model_name="supportrequest", name="support_req_country_status"),
        migrations.AddIndex(
            model_name="supportrequest",
            index=models.Index(
                fields=[
                    "country",
                    "status",
                    "due_on",
                    "year",
                    "days_to_first_response",
                    "days_to_completion",
                ],
                name="support_req_country_grouping",
            ),
        ),
    ]
