from django.urls import path

from capdev.gender import views

app_name = "gender"
urlpatterns = [
    path("", views.index, name="index"),
    path("compare/", views.compare, name="compare"),
    path("institutions/", views.institutions, name="institutions"),
    path("institutions/new/", views.institution_create, name="institution_create"),
    path("institutions/<int:pk>/", views.institution_detail, name="institution"),
    path("institutions/<int:pk>/records/new/", views.record_edit, name="record_create"),
    path("institutions/<int:pk>/records/<int:record_id>/", views.record_edit, name="record_edit"),
    path("import/", views.workforce_import, name="import"),
    path("import/template/", views.workforce_template, name="import_template"),
    path("publish/", views.publish, name="publish"),
    path("plans/", views.plans, name="plans"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/template/", views.plan_template, name="plan_template"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/status/", views.plan_transition, name="plan_transition"),
    path("plans/<int:pk>/objectives/", views.objective_add, name="objective_add"),
    path("plans/<int:pk>/actions/", views.action_add, name="action_add"),
    path(
        "plans/<int:pk>/actions/<int:action_id>/progress/",
        views.action_progress,
        name="action_progress",
    ),
    path("plans/<int:pk>/targets/", views.target_add, name="target_add"),
    path("plans/<int:pk>/reports/", views.report_add, name="report_add"),
    path("plans/<int:pk>/import/", views.plan_import, name="plan_import"),
]
