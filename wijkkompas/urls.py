from django.urls import include, path

from wijkkompas.api import api

handler404 = "wijkkompas.core.views.page_not_found"
handler500 = "wijkkompas.core.views.server_error"

urlpatterns = [
    path("api/", api.urls),
    path("", include("wijkkompas.core.urls")),
    path("", include("wijkkompas.profiles.urls")),
    path("", include("wijkkompas.scores.urls")),
    path("", include("wijkkompas.participation.urls")),
    path("", include("wijkkompas.surveys.urls")),
    path("", include("wijkkompas.accounts.urls")),
    path("", include("wijkkompas.wijktoets.urls")),
]
