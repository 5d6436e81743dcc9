from django.urls import path

from capdev.core.views import coming_soon

app_name = "community"
urlpatterns = [
    path("", coming_soon, {"area": "community"}, name="index"),
]
