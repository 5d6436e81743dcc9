from django.contrib import admin

from capdev.community.models import Attachment, Forum, Post, Report, Subscription, Thread


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "audience", "audience_object_id", "position"]
    list_filter = ["audience"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "forum",
        "author",
        "last_post_at",
        "reply_count",
        "is_pinned",
        "is_locked",
        "is_hidden",
    ]
    list_filter = ["forum", "is_pinned", "is_locked", "is_hidden"]
    search_fields = ["title"]
    raw_id_fields = ["author", "last_poster"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "created_at", "is_hidden"]
    list_filter = ["is_hidden"]
    search_fields = ["body_text", "thread__title"]
    raw_id_fields = ["thread", "author", "quoted_post"]
    inlines = [AttachmentInline]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["post", "reporter", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["post", "reporter", "resolved_by"]


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "forum", "thread", "frequency"]
    list_filter = ["frequency"]
    raw_id_fields = ["user", "forum", "thread"]
