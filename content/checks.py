"""System checks that keep the content model honest."""

from django.apps import apps
from django.conf import settings
from django.core import checks
from modeltranslation.translator import translator

from content.translating import fields as translated
from content.translating.checks import missing_rules


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


@checks.register()
def translated_fields_match_modeltranslation(app_configs, **kwargs):
    """The workflow translates exactly the article fields that have a column per language.

    A field the workflow lists without columns would fail on the first approval; a registered
    field it leaves out would keep its source text in every translation.
    """
    article_page = apps.get_model("content", "ArticlePage")
    registered = set(translator.get_options_for_model(article_page).all_fields)
    workflow = set(translated.TRANSLATED_FIELDS)
    errors = [
        checks.Error(
            f"The translation workflow translates ArticlePage.{name}, which has no column "
            "per language.",
            hint="Register it with modeltranslation (content/translation.py), or remove it "
            "from TRANSLATED_FIELDS in content/translating/fields.py.",
            obj=article_page,
            id="content.E003",
        )
        for name in sorted(workflow - registered)
    ]
    errors += [
        checks.Error(
            f"ArticlePage.{name} has a column per language that the translation workflow ignores.",
            hint="Add it to TRANSLATED_FIELDS in content/translating/fields.py, the list "
            "content/translation.py registers.",
            obj=article_page,
            id="content.E003",
        )
        for name in sorted(registered - workflow - translated.DERIVED_FIELDS)
    ]
    return errors


@checks.register()
def every_language_has_number_and_date_rules(app_configs, **kwargs):
    """Without them, a translation's numbers and dates would pass the checks unread."""
    return [
        checks.Error(
            f"The language {code!r} in LANGUAGES has no {what} for the translation checks.",
            hint="Add its rules in content/translating/checks/ (README: Languages).",
            id="content.E004",
        )
        for code, _name in settings.LANGUAGES
        for what in missing_rules(code)
    ]
