from django.urls import path

from capdev.learning import authoring, views

app_name = "learning"
urlpatterns = [
    path("", views.catalogue, name="index"),
    path("my/", views.my_learning, name="my_learning"),
    path("new/", authoring.course_new, name="course_new"),
    path("verify/", views.certificate_verify, name="certificate_verify_form"),
    path("verify/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path("certificates/<int:pk>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/<int:pk>/revoke/", views.certificate_revoke, name="certificate_revoke"),
    path("submissions/<int:pk>/file/", views.submission_file, name="submission_file"),
    path("submissions/<int:pk>/grade/", views.submission_grade, name="submission_grade"),
    path("courses/<slug:slug>/", views.course_detail, name="course"),
    path("courses/<slug:slug>/enrol/", views.course_enrol, name="enrol"),
    path("courses/<slug:slug>/leave/", views.course_leave, name="leave"),
    path("courses/<slug:slug>/report/", views.completion_report, name="report"),
    path("courses/<slug:slug>/enrolments/", views.course_enrolments, name="enrolments"),
    path(
        "courses/<slug:slug>/enrolments/<int:pk>/remove/",
        views.enrolment_remove,
        name="enrolment_remove",
    ),
    path(
        "courses/<slug:slug>/certificates/",
        views.course_certificates,
        name="certificates_course",
    ),
    path("courses/<slug:slug>/edit/", authoring.course_edit, name="course_edit"),
    path("courses/<slug:slug>/manage/", authoring.course_manage, name="manage"),
    path("courses/<slug:slug>/sections/new/", authoring.section_edit, name="section_new"),
    path(
        "courses/<slug:slug>/sections/<int:pk>/edit/",
        authoring.section_edit,
        name="section_edit",
    ),
    path(
        "courses/<slug:slug>/sections/<int:pk>/move/",
        authoring.section_move,
        name="section_move",
    ),
    path("courses/<slug:slug>/items/new/", authoring.item_edit, name="item_new"),
    path("courses/<slug:slug>/items/<int:pk>/", views.item_detail, name="item"),
    path("courses/<slug:slug>/items/<int:pk>/file/", views.item_file, name="item_file"),
    path("courses/<slug:slug>/items/<int:pk>/done/", views.item_done, name="item_done"),
    path("courses/<slug:slug>/items/<int:pk>/submit/", views.item_submit, name="item_submit"),
    path("courses/<slug:slug>/items/<int:pk>/edit/", authoring.item_edit, name="item_edit"),
    path("courses/<slug:slug>/items/<int:pk>/move/", authoring.item_move, name="item_move"),
    path("courses/<slug:slug>/items/<int:pk>/delete/", authoring.item_delete, name="item_delete"),
]
