"""Stories translated before the workflow existed keep their languages live.

Until now a story was in a language when it had a standfirst there; each such language other
than the story's own becomes an approved translation, with its columns as the approved text.
"""

from django.conf import settings
from django.db import migrations
from django.utils import timezone

FIELDS = (
    "title",
    "slug",
    "standfirst",
    "body",
    "hero_alt_text",
    "hero_caption",
    "seo_title",
    "search_description",
)


def _value(value):
    if hasattr(value, "get_prep_value"):
        return value.get_prep_value()
    return value or ""


def approve_existing(apps, schema_editor):
    ArticlePage = apps.get_model("content", "ArticlePage")
    Translation = apps.get_model("content", "Translation")
    now = timezone.now()
    rows = []
    for page in ArticlePage.objects.all().iterator():
        for code, _name in settings.LANGUAGES:
            suffix = code.replace("-", "_")
            if code == page.original_language or not getattr(page, f"standfirst_{suffix}"):
                continue
            rows.append(
                Translation(
                    page_id=page.pk,
                    language=code,
                    status="approved",
                    live=True,
                    live_fields={f: _value(getattr(page, f"{f}_{suffix}")) for f in FIELDS},
                    live_source_revision_id=page.live_revision_id,
                    approved_at=now,
                    requested_at=now,
                )
            )
    Translation.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("content", "0004_translations")]

    operations = [migrations.RunPython(approve_existing, migrations.RunPython.noop)]
