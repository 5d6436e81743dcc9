from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from capdev.support.models import (
    RequestAttachment,
    RequestComment,
    StatusChange,
    SupportRequest,
    SupportType,
)


@admin.register(SupportType)
class SupportTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "changed_by", "changed_at", "note"]

    def has_add_permission(self, request, obj=None):
        # Status moves go through the workflow service, which checks them.
        return False


class CommentInline(admin.TabularInline):
    model = RequestComment
    extra = 0
    readonly_fields = ["author", "created_at"]


@admin.register(SupportRequest)
class SupportRequestAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "country", "status", "received_on", "assigned_officer"]
    list_filter = ["status", "channel", "priority", "year", "country__region"]
    search_fields = ["reference", "title", "description"]
    readonly_fields = [
        "reference",
        "year",
        "status",
        "first_response_at",
        "completed_at",
        "closed_at",
        "submitted_by",
    ]
    autocomplete_fields = ["country"]
    filter_horizontal = ["support_types", "themes", "sdgs", "cepa_principles"]
    inlines = [StatusChangeInline, CommentInline]

    def has_add_permission(self, request):
        # New requests get their reference from the service: log them on the site.
        return False


@admin.register(RequestAttachment)
class RequestAttachmentAdmin(admin.ModelAdmin):
    list_display = ["name", "request", "uploaded_by", "uploaded_at"]
    readonly_fields = ["uploaded_by", "uploaded_at"]
