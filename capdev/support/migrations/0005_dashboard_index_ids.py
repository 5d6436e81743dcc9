"""Index-only dashboard passes on PostgreSQL when a filter joins a link table.

A theme, SDG or support-type filter joins the requests to a link table by request
id. PostgreSQL keeps no row id in an index, so the request indexes now end with the id,
and each link table gets an index that starts from the linked theme, goal or type;
with both, a filtered pass never reads a table row. (SQLite keeps the row id in
every index already; the link indexes help it the same way.)
"""

from django.db import migrations, models

COUNTRY_FIELDS = [
    "country",
    "status",
    "due_on",
    "year",
    "days_to_first_response",
    "days_to_completion",
    "id",
]
LINK_INDEXES = [
    ("support_themes_by_theme", "support_supportrequest_themes", "theme_id"),
    ("support_types_by_type", "support_supportrequest_support_types", "supporttype_id"),
    ("support_sdgs_by_goal", "support_supportrequest_sdgs", "sdggoal_id"),
]


class Migration(migrations.Migration):
    dependencies = [("support", "0004_country_grouping_index")]

    operations = [
        migrations.RemoveIndex(model_name="supportrequest", name="support_req_country_grouping"),
        migrations.RemoveIndex(model_name="supportrequest", name="support_req_year_grouping"),
        migrations.AddIndex(
            model_name="supportrequest",
            index=models.Index(fields=COUNTRY_FIELDS, name="support_req_country_grouping"),
        ),
        migrations.AddIndex(
            model_name="supportrequest",
            index=models.Index(
                fields=["year", "status", "country", "id"], name="support_req_year_grouping"
            ),
        ),
        *[
            migrations.RunSQL(
                f"CREATE INDEX {name} ON {table} ({column}, supportrequest_id)",
                f"DROP INDEX {name}",
            )
            for name, table, column in LINK_INDEXES
        ],
    ]
