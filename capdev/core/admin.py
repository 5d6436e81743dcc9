from django.contrib import admin

from capdev.core.models import CepaPrinciple, Country, Organisation, SdgGoal, SdgTarget, Theme


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "name_fr",
        "iso3",
        "m49_code",
        "region",
        "sub_region",
        "is_ldc",
        "is_lldc",
        "is_sids",
    ]
    list_filter = ["region", "sub_region", "is_ldc", "is_lldc", "is_sids"]
    search_fields = ["name", "name_fr", "iso3", "iso2", "m49_code"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "type", "country"]
    list_filter = ["type", "country__region"]
    search_fields = ["name", "acronym"]
    autocomplete_fields = ["country"]


class SdgTargetInline(admin.TabularInline):
    model = SdgTarget
    extra = 0
    fields = ["code", "name"]


@admin.register(SdgGoal)
class SdgGoalAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]
    inlines = [SdgTargetInline]


@admin.register(SdgTarget)
class SdgTargetAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(CepaPrinciple)
class CepaPrincipleAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "group"]
    list_filter = ["group"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]
