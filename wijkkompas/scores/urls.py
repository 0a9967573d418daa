from django.urls import path

from wijkkompas.indicators import views as indicator_views
from wijkkompas.scores import views

urlpatterns = [
    path("landelijk/", views.national, name="national"),
    path("landelijk/tabel.csv", views.national_csv, name="national-csv"),
    path("landelijk/leefbaarometer/", views.national_livability, name="national-livability"),
    path("methode/", views.method, name="method"),
    path("methode/grondslag.csv", views.method_csv, name="method-csv"),
    path("indicatoren/<slug:key>/", indicator_views.indicator_detail, name="indicator"),
    path("indicatoren/<slug:key>/waarden.csv", indicator_views.indicator_csv, name="indicator-csv"),
]
