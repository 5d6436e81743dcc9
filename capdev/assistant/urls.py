from django.urls import path

from capdev.core.views import coming_soon

app_name = "assistant"
urlpatterns = [
    path("", coming_soon, {"area": "assistant"}, name="index"),
]
