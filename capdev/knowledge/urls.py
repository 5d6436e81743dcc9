from django.urls import path

from capdev.core.views import coming_soon

app_name = "knowledge"
urlpatterns = [
    path("", coming_soon, {"area": "knowledge"}, name="index"),
]
