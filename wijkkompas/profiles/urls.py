from django.urls import path

from wijkkompas.profiles import views

urlpatterns = [
    path("gebied/<str:code>/", views.profile, name="profile"),
    path("gebied/<str:code>/kaart/", views.profile_map_view, name="profile-map"),
    path("gebied/<str:code>/cijfers.csv", views.profile_csv, name="profile-csv"),
]
