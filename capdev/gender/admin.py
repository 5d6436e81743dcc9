from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from capdev.gender.models import (
    Action,
    ActionPlan,
    GradeMapping,
    Institution,
    Objective,
    ProgressReport,
    PublishedYear,
    Target,
    WorkforceRecord,
)


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "country", "level", "sector"]
    list_filter = ["level", "sector", "country"]
    search_fields = ["name", "acronym"]
    autocomplete_fields = ["parent"]


@admin.register(GradeMapping)
class GradeMappingAdmin(admin.ModelAdmin):
    list_display = ["country", "local_grade", "band"]
    list_filter = ["band", "country"]


@admin.register(WorkforceRecord)
class WorkforceRecordAdmin(SimpleHistoryAdmin):
    list_display = ["institution", "year", "band", "women", "men", "other", "illustrative"]
    list_filter = ["year", "band", "level", "illustrative", "country"]
    search_fields = ["institution__name"]
    raw_id_fields = ["institution"]


@admin.register(PublishedYear)
class PublishedYearAdmin(admin.ModelAdmin):
    list_display = ["country", "year", "published_by", "published_at"]


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "country", "institution", "start_year", "end_year", "status"]
    list_filter = ["status", "country"]
    inlines = [ObjectiveInline, TargetInline]
    raw_id_fields = ["institution"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "status", "start_date", "end_date", "budget"]
    list_filter = ["status", "plan__country"]
    raw_id_fields = ["plan", "objective"]


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["plan", "period_end", "author"]
