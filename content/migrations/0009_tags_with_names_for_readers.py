"""Stories' tags move from taggit's Tag to the newsroom's, with a name for readers per language.

Every tag a story uses is copied with its id, name and slug, so that the links (and the
revisions that name tags by id) stay as they are; the new table's sequence continues after them.
"""

import django.db.models.deletion
import modelcluster.contrib.taggit
from django.core.management.color import no_style
from django.db import migrations, models


def copy_used_tags(apps, schema_editor):
    used = apps.get_model("content", "ArticleTag").objects.values("tag_id")
    old_tags = apps.get_model("taggit", "Tag").objects.filter(pk__in=used)
    Tag = apps.get_model("content", "Tag")
    Tag.objects.bulk_create(Tag(pk=t.pk, name=t.name, slug=t.slug) for t in old_tags)
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Tag]):
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0008_reader_generation"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="Tag",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                (
                    "slug",
                    models.SlugField(
                        allow_unicode=True, max_length=100, unique=True, verbose_name="slug"
                    ),
                ),
                (
                    "label",
                    models.CharField(
                        blank=True,
                        help_text="The tag's name as readers see it, in each language.",
                        max_length=100,
                        verbose_name="name for readers",
                    ),
                ),
                (
                    "label_vi",
                    models.CharField(
                        blank=True,
                        help_text="The tag's name as readers see it, in each language.",
                        max_length=100,
                        null=True,
                        verbose_name="name for readers",
                    ),
                ),
                (
                    "label_en",
                    models.CharField(
                        blank=True,
                        help_text="The tag's name as readers see it, in each language.",
                        max_length=100,
                        null=True,
                        verbose_name="name for readers",
                    ),
                ),
                (
                    "label_fr",
                    models.CharField(
                        blank=True,
                        help_text="The tag's name as readers see it, in each language.",
                        max_length=100,
                        null=True,
                        verbose_name="name for readers",
                    ),
                ),
                (
                    "label_es",
                    models.CharField(
                        blank=True,
                        help_text="The tag's name as readers see it, in each language.",
                        max_length=100,
                        null=True,
                        verbose_name="name for readers",
                    ),
                ),
                (
                    "label_ru",
                    models.CharField(
                        blank=True,
                        help_text="The tag's name as readers see it, in each language.",
                        max_length=100,
                        null=True,
                        verbose_name="name for readers",
                    ),
                ),
                (
                    "label_zh_hans",
                    models.CharField(
                        blank=True,
                        help_text="The tag's name as readers see it, in each language.",
                        max_length=100,
                        null=True,
                        verbose_name="name for readers",
                    ),
                ),
                (
                    "label_ja",
                    models.CharField(
                        blank=True,
                        help_text="The tag's name as readers see it, in each language.",
                        max_length=100,
                        null=True,
                        verbose_name="name for readers",
                    ),
                ),
                (
                    "label_ko",
                    models.CharField(
                        blank=True,
                        help_text="The tag's name as readers see it, in each language.",
                        max_length=100,
                        null=True,
                        verbose_name="name for readers",
                    ),
                ),
                (
                    "label_ar",
                    models.CharField(
                        blank=True,
                        help_text="The tag's name as readers see it, in each language.",
                        max_length=100,
                        null=True,
                        verbose_name="name for readers",
                    ),
                ),
            ],
            options={
                "verbose_name": "tag",
                "verbose_name_plural": "tags",
                "ordering": ["name"],
            },
        ),
        migrations.RunPython(copy_used_tags, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="articlepage",
            name="tags",
            field=modelcluster.contrib.taggit.ClusterTaggableManager(
                blank=True,
                help_text="A comma-separated list of tags.",
                through="content.ArticleTag",
                to="content.Tag",
                verbose_name="tags",
            ),
        ),
        migrations.AlterField(
            model_name="articletag",
            name="tag",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tagged_articles",
                to="content.tag",
            ),
        ),
    ]
