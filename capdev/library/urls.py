from django.urls import path

from capdev.core.views import coming_soon

app_name = "library"
urlpatterns = [
    path("", coming_soon, {"area": "library"}, name="index"),
]
