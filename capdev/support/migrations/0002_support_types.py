from django.db import migrations

SUPPORT_TYPES = [
    ("advisory", "Advisory service", "Services consultatifs"),
    ("training", "Training or workshop", "Formation ou atelier"),
    ("toolkit", "Toolkit or guidance", "Boîte à outils ou orientations"),
    ("study-tour", "Study tour", "Voyage d'étude"),
    ("research", "Research or assessment", "Recherche ou évaluation"),
    ("peer-exchange", "Peer exchange", "Échange entre pairs"),
]


def add_support_types(apps, schema_editor):
    SupportType = apps.get_model("support", "SupportType")
    for position, (slug, name, name_fr) in enumerate(SUPPORT_TYPES, start=1):
        SupportType.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_fr": name_fr, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]
    operations = [migrations.RunPython(add_support_types, migrations.RunPython.noop)]
