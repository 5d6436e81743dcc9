from django.urls import path

from capdev.api.main import api

urlpatterns = [path("", api.urls)]
