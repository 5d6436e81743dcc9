from django.contrib import admin

from capdev.learning.models import (
    Certificate,
    Completion,
    Course,
    Enrolment,
    Item,
    Section,
    Submission,
)


class SectionInline(admin.TabularInline):
    model = Section
    fields = ["position", "title", "is_published"]
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "language", "level", "theme"]
    list_filter = ["status", "language", "level", "theme"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["trainers"]
    inlines = [SectionInline]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "course", "section", "position", "is_published"]
    list_filter = ["kind", "course"]
    search_fields = ["title", "key"]
    raw_id_fields = ["course", "section"]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "method", "progress", "completed_at"]
    list_filter = ["course", "method"]
    search_fields = ["user__email"]
    raw_id_fields = ["user", "course", "enrolled_by"]


@admin.register(Completion)
class CompletionAdmin(admin.ModelAdmin):
    list_display = ["user", "item", "state", "grade", "completed_at"]
    list_filter = ["state", "course"]
    raw_id_fields = ["user", "item", "course"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["user", "item", "submitted_at", "grade"]
    raw_id_fields = ["user", "item", "graded_by"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "holder_name", "course_title", "issued_at", "revoked_at"]
    search_fields = ["code", "holder_name"]
    raw_id_fields = ["user", "course", "revoked_by"]
