from babel import Locale
from django.db import migrations, models


def name_countries_in_french(apps, schema_editor):
    """Existing databases get the French names that `load_reference` now writes (CLDR)."""
    Country = apps.get_model("core", "Country")
    french = Locale("fr").territories
    countries = list(Country.objects.only("pk", "iso2"))
    for country in countries:
        country.name_fr = french.get(country.iso2.upper(), "")
    Country.objects.bulk_update(countries, ["name_fr"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="country",
            name="name_fr",
            field=models.CharField(blank=True, max_length=100, verbose_name="name (French)"),
        ),
        migrations.RunPython(name_countries_in_french, migrations.RunPython.noop),
    ]
