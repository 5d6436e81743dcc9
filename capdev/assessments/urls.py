from django.urls import path

from capdev.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.index, name="index"),
    path("compare/", views.comparison, name="comparison"),
    path("frameworks/<slug:slug>/", views.framework_detail, name="framework"),
    path("new/", views.assessment_create, name="create"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/answers/", views.assessment_answers, name="answers"),
    path("<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("<int:pk>/evidence/<int:evidence_id>/", views.evidence_download, name="evidence_download"),
    path(
        "<int:pk>/evidence/<int:evidence_id>/delete/",
        views.evidence_delete,
        name="evidence_delete",
    ),
    path("<int:pk>/submit/", views.assessment_submit, name="submit"),
    path("<int:pk>/review/", views.assessment_review, name="review"),
    path("<int:pk>/publish/", views.assessment_publish, name="publish"),
    path("<int:pk>/gaps/<int:criterion_id>/action/", views.gap_action, name="gap_action"),
    path("<int:pk>/export/", views.assessment_export, name="export"),
]
