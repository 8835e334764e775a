"""Reach's pages for readers, under each language's prefix: the data protection statement."""

from django.urls import path

from reach.views import data_protection

urlpatterns = [path("data-protection/", data_protection, name="data_protection")]
