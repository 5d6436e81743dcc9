"""One demo user per role. Their passwords are public: load_demo refuses to run in production."""

from capdev.accounts.models import User
from capdev.accounts.roles import Role
from capdev.accounts.services import user_create, user_set_roles
from capdev.core.models import Country, Organisation

DEMO_PASSWORD = "capdev-demo"  # noqa: S105 - documented demo credential

DEMO_USERS = [
    # email, first, last, sex, roles, country, organisation acronym, position, level
    (
        "admin@demo.capdev.org",
        "Amina",
        "Diallo",
        User.Sex.FEMALE,
        [Role.ADMIN],
        None,
        "DPIDG",
        "Platform administrator",
        User.PositionLevel.PROFESSIONAL,
    ),
    (
        "officer@demo.capdev.org",
        "Marco",
        "Bianchi",
        User.Sex.MALE,
        [Role.PROGRAMME_OFFICER],
        None,
        "DPIDG",
        "Governance and Public Administration Officer",
        User.PositionLevel.PROFESSIONAL,
    ),
    (
        "focal.lao@demo.capdev.org",
        "Khamla",
        "Phommachanh",
        User.Sex.FEMALE,
        [Role.FOCAL_POINT],
        "LAO",
        "MOHA",
        "Deputy Director-General",
        User.PositionLevel.SENIOR,
    ),
    (
        "focal.bhutan@demo.capdev.org",
        "Tshering",
        "Wangmo",
        User.Sex.FEMALE,
        [Role.FOCAL_POINT],
        "BTN",
        "RCSC",
        "Chief Human Resource Officer",
        User.PositionLevel.MIDDLE,
    ),
    (
        "trainer@demo.capdev.org",
        "Jae-won",
        "Park",
        User.Sex.MALE,
        [Role.TRAINER],
        "KOR",
        "UNPOG",
        "Capacity Development Expert",
        User.PositionLevel.PROFESSIONAL,
    ),
    (
        "learner@demo.capdev.org",
        "Awa",
        "Ndiaye",
        User.Sex.FEMALE,
        [Role.LEARNER],
        "SEN",
        None,
        "Human resources specialist",
        User.PositionLevel.PROFESSIONAL,
    ),
]


def load(stdout) -> None:
    countries = {c.iso3: c for c in Country.objects.filter(iso3__in=["LAO", "BTN", "KOR", "SEN"])}
    organisations = {o.acronym: o for o in Organisation.objects.exclude(acronym="")}
    stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
    for email, first, last, sex, roles, iso3, acronym, position, level in DEMO_USERS:
        fields = {
            "first_name": first,
            "last_name": last,
            "sex": sex,
            "country": countries.get(iso3),
            "organisation": organisations.get(acronym),
            "position": position,
            "position_level": level,
        }
        user = User.objects.filter(email=email).first()
        if user is None:
            user = user_create(
                email=email,
                password=DEMO_PASSWORD,
                roles=roles,
                is_superuser=Role.ADMIN in roles,
                **fields,
            )
        else:
            User.objects.filter(pk=user.pk).update(**fields)
            user.refresh_from_db()
            user_set_roles(user=user, roles=roles)
        stdout.write(f"  {email:32} {', '.join(user.role_labels)}")
