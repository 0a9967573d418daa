"""The survey's pages; their Dutch addresses stay stable (they are printed on paper forms)."""

from django.urls import path

from wijkkompas.surveys import manage_views, views

app_name = "surveys"

urlpatterns = [
    path("gebied/<str:code>/peiling/", views.survey, name="survey"),
    path("gebied/<str:code>/peiling/papier/", views.paper_entry, name="paper"),
    path("gebied/<str:code>/peiling/formulieren.pdf", views.paper_forms, name="paper-forms"),
    path("gebied/<str:code>/peiling/resultaten.csv", views.results_csv, name="csv"),
    path("gebied/<str:code>/peiling/naast-de-cijfers/", views.beside_the_figures, name="beside"),
    path("gebied/<str:code>/peiling/beheer/", manage_views.manage, name="manage"),
    path("gebied/<str:code>/peiling/beheer/<int:pk>/vraag/", manage_views.add_question, name="add-question"),
    path("gebied/<str:code>/peiling/beheer/<int:pk>/status/", manage_views.change_status, name="status"),
]
