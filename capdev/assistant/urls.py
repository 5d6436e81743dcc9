from django.urls import path

from capdev.assistant import views

app_name = "assistant"
urlpatterns = [
    path("", views.index, name="index"),
    path("conversations/<int:pk>/", views.conversation, name="conversation"),
    path("messages/<int:pk>/feedback/", views.feedback, name="feedback"),
]
