from django.urls import path

from capdev.support import views

app_name = "support"
urlpatterns = [
    path("", views.request_list, name="index"),
    path("export.<str:fmt>", views.request_export, name="export"),
    path("new/", views.request_create, name="create"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("import/", views.request_import, name="import"),
    path("import/template.<str:fmt>", views.import_template, name="import_template"),
    path("<str:reference>/", views.request_detail, name="detail"),
    path("<str:reference>/edit/", views.request_edit, name="edit"),
    path("<str:reference>/transition/", views.request_transition, name="transition"),
    path("<str:reference>/comments/", views.comment_add, name="comment"),
    path("<str:reference>/attachments/", views.attachment_add, name="attachment"),
    path(
        "<str:reference>/attachments/<int:attachment_id>/",
        views.attachment_download,
        name="attachment_download",
    ),
]
