from django.urls import path

from capdev.core.views import coming_soon

app_name = "quizzes"
urlpatterns = [
    path("", coming_soon, {"area": "learning"}, name="index"),
]
