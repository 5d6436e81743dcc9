"""Reference data shared by every domain: countries, taxonomies, organisations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from capdev.core.places import in_language, place_name


class LocalizedNameMixin(models.Model):
    """An English name with an optional French one, shown by the active language."""

    # Text fields: some SDG targets run past 500 characters.
    name = models.TextField(_("name"))
    name_fr = models.TextField(_("name (French)"), blank=True)

    class Meta:
        abstract = True

    @property
    def localized_name(self) -> str:
        return in_language(self.name, self.name_fr)


class Country(models.Model):
    """A country or area of the UN M49 standard (UNSD), with its groupings."""

    iso3 = models.CharField(_("ISO alpha-3 code"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO alpha-2 code"), max_length=2, unique=True)
    m49_code = models.CharField(_("M49 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    # Unicode CLDR's French name, written by `capdev load_reference` (see core/places.py).
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True)
    region_code = models.CharField(_("region code"), max_length=3, blank=True)
    region = models.CharField(_("region"), max_length=60, blank=True, db_index=True)
    sub_region_code = models.CharField(_("sub-region code"), max_length=3, blank=True)
    sub_region = models.CharField(_("sub-region"), max_length=60, blank=True, db_index=True)
    intermediate_region_code = models.CharField(
        _("intermediate region code"), max_length=3, blank=True
    )
    intermediate_region = models.CharField(_("intermediate region"), max_length=60, blank=True)
    is_ldc = models.BooleanField(_("least developed country (LDC)"), default=False)
    is_lldc = models.BooleanField(_("landlocked developing country (LLDC)"), default=False)
    is_sids = models.BooleanField(_("small island developing State (SIDS)"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country or area")
        verbose_name_plural = _("countries and areas")

    def __str__(self) -> str:
        return self.localized_name

    @property
    def localized_name(self) -> str:
        return in_language(self.name, self.name_fr)

    @property
    def localized_region(self) -> str:
        return place_name(self.region)

    @property
    def localized_sub_region(self) -> str:
        return place_name(self.sub_region)

    @property
    def groups(self) -> list[str]:
        """Short labels of the UN country groups this country belongs to."""
        return [
            label
            for flag, label in (
                (self.is_ldc, "LDC"),
                (self.is_lldc, "LLDC"),
                (self.is_sids, "SIDS"),
            )
            if flag
        ]


class SdgGoal(LocalizedNameMixin):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")

    def __str__(self) -> str:
        return f"SDG {self.number}"


class SdgTarget(LocalizedNameMixin):
    goal = models.ForeignKey(SdgGoal, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("code"), max_length=8, unique=True)
    # Sorting "16.10" after "16.9" needs the position, not the text of the code.
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["goal__number", "position"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return f"{self.code}"


class CepaPrinciple(LocalizedNameMixin):
    """One of the 11 principles of effective governance for sustainable development."""

    class Group(models.TextChoices):
        EFFECTIVENESS = "effectiveness", _("Effectiveness")
        ACCOUNTABILITY = "accountability", _("Accountability")
        INCLUSIVENESS = "inclusiveness", _("Inclusiveness")

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    group = models.CharField(_("group"), max_length=20, choices=Group.choices)

    class Meta:
        ordering = ["number"]
        verbose_name = _("CEPA principle")
        verbose_name_plural = _("CEPA principles")

    def __str__(self) -> str:
        return self.localized_name


class Theme(LocalizedNameMixin):
    """A thematic tag: a DPIDG work area or an element of the Quintet of Change."""

    class Kind(models.TextChoices):
        DPIDG = "dpidg", _("DPIDG theme")
        QUINTET = "quintet", _("Quintet of Change")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.localized_name


class Organisation(models.Model):
    class Type(models.TextChoices):
        GOVERNMENT = "government", _("Government body")
        UN_ENTITY = "un_entity", _("UN entity")
        DEVELOPMENT_PARTNER = "partner", _("Development partner")
        ACADEMIC = "academic", _("Academic or research institution")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.OTHER)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="organisation_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name
