from django.urls import path

from capdev.core.views import coming_soon

app_name = "programmes"
urlpatterns = [
    path("", coming_soon, {"area": "programmes"}, name="index"),
]
