"""System checks that keep the content model honest."""

from django.apps import apps
from django.conf import settings
from django.core import checks
from modeltranslation.translator import translator


@checks.register()
def every_page_type_is_translatable(app_configs, **kwargs):
    """A page type without modeltranslation registration would publish one language only."""
    from wagtail.models import Page

    errors = []
    for model in apps.get_app_config("content").get_models():
        if issubclass(model, Page) and model not in translator.get_registered_models():
            errors.append(
                checks.Error(
                    f"{model.__name__} is not registered with modeltranslation.",
                    hint="Register it in content/translation.py.",
                    obj=model,
                    id="content.E001",
                )
            )
    return errors


@checks.register()
def source_language_is_first(app_configs, **kwargs):
    if settings.LANGUAGES[0][0] != settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return [
            checks.Error(
                "The source language must be the first entry of LANGUAGES.",
                id="content.E002",
            )
        ]
    return []
