from django.urls import include, path

from wijkkompas.api import api

urlpatterns = [
    path("api/", api.urls),
    path("", include("wijkkompas.core.urls")),
    path("", include("wijkkompas.profiles.urls")),
    path("", include("wijkkompas.scores.urls")),
]
