from django.contrib import admin

from capdev.assistant.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["question", "mode", "feedback", "latency_ms", "created_at"]
    list_filter = ["mode", "feedback"]
    search_fields = ["question", "answer"]
    readonly_fields = [f.name for f in Message._meta.fields]
