from django.contrib import admin
from django.urls import include, path

from capdev.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("me/", include("capdev.accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("capdev.api.urls")),
    path("requests/", include("capdev.support.urls")),
    path("programmes/", include("capdev.programmes.urls")),
    path("learning/", include("capdev.learning.urls")),
    path("quizzes/", include("capdev.quizzes.urls")),
    path("community/", include("capdev.community.urls")),
    path("library/", include("capdev.library.urls")),
    path("gender/", include("capdev.gender.urls")),
    path("assessments/", include("capdev.assessments.urls")),
    path("search/", include("capdev.knowledge.urls")),
    path("assistant/", include("capdev.assistant.urls")),
]
