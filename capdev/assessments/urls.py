from django.urls import path

from capdev.core.views import coming_soon

app_name = "assessments"
urlpatterns = [
    path("", coming_soon, {"area": "assessments"}, name="index"),
]
