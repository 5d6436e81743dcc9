from django.urls import path

from capdev.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.index, name="index"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<slug:code>/", views.project_detail, name="project_detail"),
    path("projects/<slug:code>/edit/", views.project_edit, name="project_edit"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path(
        "activities/<int:pk>/participants/new/",
        views.participant_register,
        name="participant_register",
    ),
    path(
        "activities/<int:pk>/participants/import/",
        views.participants_import,
        name="participants_import",
    ),
    path(
        "activities/<int:pk>/participants/<int:participation_id>/attended/",
        views.participation_attended,
        name="participation_attended",
    ),
    path("activities/<int:pk>/headcounts/new/", views.headcount_add, name="headcount_add"),
    path(
        "activities/<int:pk>/headcounts/<int:headcount_id>/delete/",
        views.headcount_delete,
        name="headcount_delete",
    ),
    path("activities/<int:pk>/feedback/", views.feedback_submit, name="feedback_submit"),
    path(
        "activities/<int:pk>/feedback/<int:feedback_id>/feature/",
        views.feedback_feature,
        name="feedback_feature",
    ),
    path("participants-template/", views.participants_template, name="participants_template"),
    path("snapshot/", views.snapshot, name="snapshot"),
    path("snapshot/<int:year>/", views.snapshot, name="snapshot_year"),
    path("snapshot/<int:year>.pdf", views.snapshot_pdf, name="snapshot_pdf"),
    path("iati.xml", views.iati_export, name="iati_export"),
]
