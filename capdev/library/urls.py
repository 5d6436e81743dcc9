from django.urls import path

from capdev.library import views

app_name = "library"
urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("countries/", views.countries, name="countries"),
    path("countries/<str:iso3>/", views.country, name="country"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("documents/<int:pk>/download/", views.download, name="download"),
    path("documents/<int:pk>/versions/", views.version_upload, name="version_upload"),
    path("documents/<int:pk>/delete/", views.delete, name="delete"),
    path("versions/<int:pk>/download/", views.version_download, name="version_download"),
    path("versions/<int:pk>/progress/", views.version_progress, name="version_progress"),
]
