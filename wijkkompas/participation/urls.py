"""The resident voice's pages; their Dutch addresses stay stable (they are shared and mailed)."""

from django.urls import path

from wijkkompas.participation import staff_views, views

app_name = "participation"

urlpatterns = [
    path("gebied/<str:code>/inbreng/", views.area, name="area"),
    path("gebied/<str:code>/inbreng/vergelijkbaar/", views.similar, name="similar"),
    path("gebied/<str:code>/inbreng/stem/", views.voice, name="voice"),
    path("gebied/<str:code>/inbreng/papier/", staff_views.assisted, name="assisted"),
    path("gebied/<str:code>/inbreng/inbreng.csv", staff_views.area_export, name="export"),
    path("inbreng/<int:pk>/", views.detail, name="detail"),
    path("inbreng/<int:pk>/foto.jpg", views.photo, name="photo"),
    path("inbreng/<int:pk>/steunen/", views.support, name="support"),
    path("inbreng/<int:pk>/volgen/", views.follow, name="follow"),
    path("inbreng/<int:pk>/reageren/", views.react, name="react"),
    path("inbreng/<int:pk>/melden/", views.report, name="report"),
    path("inbreng/<int:pk>/status/", views.change_status, name="status"),
    path("inbreng/<int:pk>/beoordelen/", views.rate, name="rate"),
    path("inbreng/<int:pk>/heropenen/", views.reopen, name="reopen"),
    path("mijn-inbreng/", views.mine, name="mine"),
    path("moderatie/", staff_views.moderation, name="moderation"),
    path("moderatie/beslissen/", staff_views.moderate, name="moderate"),
    path("moderatiebeleid/", views.policy, name="policy"),
    path("organisatie/<int:pk>/doorgezet/", staff_views.forwarded, name="forwarded"),
    path("organisatie/<int:pk>/doorgezet/<int:contribution_pk>/", staff_views.forwarded_action, name="forwarded-action"),
]
