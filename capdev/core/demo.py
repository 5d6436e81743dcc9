"""Demo reference data: the organisations named in the programme's documents."""

from capdev.core.models import Country, Organisation
from capdev.core.services import organisation_upsert

ORGANISATIONS = [
    (
        "UN DESA Division for Public Institutions and Digital Government",
        "DPIDG",
        Organisation.Type.UN_ENTITY,
        None,
    ),
    ("United Nations Project Office on Governance", "UNPOG", Organisation.Type.UN_ENTITY, "KOR"),
    ("United Nations Development Programme", "UNDP", Organisation.Type.UN_ENTITY, None),
    ("Government of Italy", "", Organisation.Type.DEVELOPMENT_PARTNER, "ITA"),
    ("Ministry of the Interior and Safety", "MOIS", Organisation.Type.GOVERNMENT, "KOR"),
    ("Royal Civil Service Commission", "RCSC", Organisation.Type.GOVERNMENT, "BTN"),
    ("Ministry of Home Affairs", "MOHA", Organisation.Type.GOVERNMENT, "LAO"),
    (
        "Ministry of Public Service, Administrative and Institutional Reforms",
        "",
        Organisation.Type.GOVERNMENT,
        "MUS",
    ),
    (
        "Ministère de la Fonction publique et de la Transformation du Secteur public",
        "",
        Organisation.Type.GOVERNMENT,
        "SEN",
    ),
]


def load(stdout) -> None:
    countries = {
        c.iso3: c
        for c in Country.objects.filter(iso3__in=["KOR", "ITA", "BTN", "LAO", "MUS", "SEN"])
    }
    for name, acronym, kind, iso3 in ORGANISATIONS:
        organisation_upsert(
            name=name, acronym=acronym, type=kind, country=countries.get(iso3) if iso3 else None
        )
    stdout.write(f"organisations: {Organisation.objects.count()}")
