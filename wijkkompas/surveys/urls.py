"""The survey's pages; their Dutch addresses stay stable (they are printed on paper forms)."""

from django.urls import path

from wijkkompas.surveys import views

app_name = "surveys"

urlpatterns = [
    path("gebied/<str:code>/peiling/", views.survey, name="survey"),
    path("gebied/<str:code>/peiling/papier/", views.paper_entry, name="paper"),
    path("gebied/<str:code>/peiling/formulieren.pdf", views.paper_forms, name="paper-forms"),
    path("gebied/<str:code>/peiling/resultaten.csv", views.results_csv, name="csv"),
]
