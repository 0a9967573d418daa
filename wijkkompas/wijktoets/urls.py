"""The Wijktoets pages under /wijktoets/; their Dutch addresses stay stable (results are shared by link)."""

from django.urls import path

from wijkkompas.wijktoets import views

app_name = "wijktoets"

urlpatterns = [
    path("wijktoets/", views.index, name="index"),
    path("wijktoets/nieuw/", views.new, name="new"),
    path("wijktoets/methode/", views.method, name="method"),
    path("wijktoets/uitkomst/", views.result, name="result"),
    path("wijktoets/uitkomst/wijktoets.csv", views.result_csv, name="result-csv"),
    path("wijktoets/uitkomst/rapport.pdf", views.result_pdf, name="result-pdf"),
    path("wijktoets/opslaan/", views.save, name="save"),
    path("wijktoets/<int:pk>/", views.detail, name="detail"),
    path("wijktoets/<int:pk>/wijktoets.csv", views.detail_csv, name="detail-csv"),
    path("wijktoets/<int:pk>/rapport.pdf", views.detail_pdf, name="detail-pdf"),
    path("wijktoets/<int:pk>/opnieuw/", views.rerun, name="rerun"),
]
