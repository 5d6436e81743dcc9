from django.contrib import admin

from capdev.library.models import Document, DocumentVersion


class VersionInline(admin.TabularInline):
    model = DocumentVersion
    fields = ["number", "filename", "kind", "size", "status", "pages_total", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "type", "country", "year", "language", "visibility"]
    list_filter = ["type", "visibility", "language", "year"]
    search_fields = ["title", "tags"]
    autocomplete_fields = ["country"]
    readonly_fields = ["current_version", "source_name", "created_by", "created_at", "updated_at"]
    inlines = [VersionInline]
