"""Indexes the dashboard's grouped counts read instead of the request table.

Each one starts with what a dashboard pass groups by (country and status, year,
days taken) and carries the columns the usual filters test, so that a filtered
dashboard stays an index-only read on SQLite and PostgreSQL alike.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("support", "0002_support_types")]

    operations = [
        migrations.RemoveIndex(model_name="supportrequest", name="support_req_year_status"),
        migrations.RemoveIndex(model_name="supportrequest", name="support_req_days_response"),
        migrations.RemoveIndex(model_name="supportrequest", name="support_req_days_completion"),
        migrations.AddIndex(
            model_name="supportrequest",
            index=models.Index(
                fields=["country", "status", "due_on"], name="support_req_country_status"
            ),
        ),
        migrations.AddIndex(
            model_name="supportrequest",
            index=models.Index(
                fields=["year", "status", "country"], name="support_req_year_grouping"
            ),
        ),
        migrations.AddIndex(
            model_name="supportrequest",
            index=models.Index(
                fields=["days_to_first_response", "country", "year", "status"],
                name="support_req_reply_grouping",
            ),
        ),
        migrations.AddIndex(
            model_name="supportrequest",
            index=models.Index(
                fields=["days_to_completion", "country", "year", "status"],
                name="support_req_done_grouping",
            ),
        ),
    ]
