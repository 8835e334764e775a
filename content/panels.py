"""Admin panels of the newsroom's own."""

from wagtail.admin.panels import Panel


class TranslationsPanel(Panel):
    """An article's translations in its editor: each language's state, "needs update" first."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "content/translating/translations_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            translations = self.instance.translations.all() if self.instance.pk else []
            context["translations"] = sorted(
                translations, key=lambda t: (not t.needs_update, t.language)
            )
            context["page"] = self.instance
            return context
