from django.contrib import admin

from capdev.programmes.models import (
    Activity,
    AgendaSession,
    Feedback,
    HeadCount,
    Milestone,
    Participation,
    Person,
    Project,
    Resource,
    Result,
)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 1


class ResultInline(admin.StackedInline):
    model = Result
    fk_name = "project"
    extra = 0
    autocomplete_fields = ["country"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "status", "start_date", "end_date", "is_published"]
    list_filter = ["status", "is_published", "is_illustrative"]
    search_fields = ["code", "title"]
    filter_horizontal = [
        "donors",
        "partners",
        "target_countries",
        "partnering_countries",
        "themes",
        "sdgs",
        "cepa_principles",
    ]
    inlines = [MilestoneInline, ResultInline]


class AgendaSessionInline(admin.TabularInline):
    model = AgendaSession
    extra = 1


class ResourceInline(admin.TabularInline):
    model = Resource
    extra = 1


class HeadCountInline(admin.TabularInline):
    model = HeadCount
    extra = 1
    autocomplete_fields = ["country"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "type", "start_date", "host_country", "events_count", "is_published"]
    list_filter = ["type", "is_published", "is_illustrative", "language"]
    search_fields = ["title"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["host_country", "project"]
    filter_horizontal = ["participating_countries", "themes", "sdgs", "organisers"]
    inlines = [AgendaSessionInline, ResourceInline, HeadCountInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["email", "first_name", "last_name", "sex", "country"]
    search_fields = ["email", "first_name", "last_name"]
    list_filter = ["sex"]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["person", "activity", "sex", "country", "attended"]
    list_filter = ["attended", "sex", "government_level"]
    search_fields = ["person__email", "person__last_name", "activity__title"]
    raw_id_fields = ["person", "activity"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["activity", "relevance", "quality", "usefulness", "may_quote", "is_featured"]
    list_filter = ["is_featured", "may_quote"]
    raw_id_fields = ["activity"]


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "country", "year", "type", "is_featured"]
    list_filter = ["year", "type", "is_featured"]
    search_fields = ["title"]
