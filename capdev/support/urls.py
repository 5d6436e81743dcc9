from django.urls import path

from capdev.core.views import coming_soon

app_name = "support"
urlpatterns = [
    path("", coming_soon, {"area": "support"}, name="index"),
]
