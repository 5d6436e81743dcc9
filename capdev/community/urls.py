from django.urls import path

from capdev.community import views

app_name = "community"
urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search, name="search"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/reports/<int:pk>/", views.report_resolve, name="report_resolve"),
    path("subscriptions/", views.subscriptions, name="subscriptions"),
    path("subscribe/<str:kind>/<int:pk>/", views.subscribe, name="subscribe"),
    path("f/<slug:slug>/", views.forum_detail, name="forum"),
    path("f/<slug:slug>/new/", views.thread_create, name="thread_create"),
    path("f/<slug:slug>/read/", views.forum_mark_read, name="forum_mark_read"),
    path("t/<int:pk>/", views.thread_detail, name="thread"),
    path("t/<int:pk>/reply/", views.reply, name="reply"),
    path("t/<int:pk>/moderate/", views.thread_moderate, name="thread_moderate"),
    path("p/<int:pk>/hide/", views.post_hide, name="post_hide"),
    path("p/<int:pk>/report/", views.post_report, name="post_report"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
]
