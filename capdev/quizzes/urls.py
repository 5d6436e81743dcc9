from django.urls import path

from capdev.quizzes import views

app_name = "quizzes"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.quiz_create, name="create"),
    path("<int:pk>/", views.quiz_detail, name="quiz"),
    path("<int:pk>/edit/", views.quiz_edit, name="edit"),
    path("<int:pk>/questions/", views.quiz_questions, name="questions"),
    path("<int:pk>/start/", views.quiz_start, name="start"),
    path("<int:pk>/results/", views.quiz_results, name="results"),
    path("<int:pk>/analysis/", views.quiz_analysis, name="analysis"),
    path("attempts/<int:pk>/", views.attempt_page, name="attempt"),
    path("attempts/<int:pk>/save/", views.attempt_save, name="attempt_save"),
    path("attempts/<int:pk>/summary/", views.attempt_summary, name="summary"),
    path("attempts/<int:pk>/submit/", views.attempt_submit, name="submit"),
    path("attempts/<int:pk>/review/", views.attempt_review, name="review"),
    path("grading/", views.grading_queue, name="grading"),
    path("grading/<int:pk>/", views.grade_question, name="grade"),
    path("items/<int:item_id>/setup/", views.item_setup, name="item_setup"),
    path("bank/", views.bank, name="bank"),
    path("bank/questions/new/", views.question_edit, name="question_create"),
    path("bank/questions/<int:pk>/", views.question_preview, name="question"),
    path("bank/questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("bank/questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path("bank/import/", views.gift_import, name="import"),
    path("bank/categories/<int:pk>/export/", views.gift_export, name="export"),
]
