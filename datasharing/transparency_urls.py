"""The public transparency register, included at /transparency/ (no sign-in needed)."""

from django.urls import path

from . import views

app_name = "transparency"

urlpatterns = [
    path("", views.TransparencyView.as_view(), name="register"),
    path("register.csv", views.TransparencyExportView.as_view(), name="register-export"),
]
