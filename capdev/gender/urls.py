from django.urls import path

from capdev.core.views import coming_soon

app_name = "gender"
urlpatterns = [
    path("", coming_soon, {"area": "gender"}, name="index"),
]
