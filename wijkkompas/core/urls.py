from django.urls import path

from wijkkompas.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("zoeken/", views.search, name="search"),
]
