from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """``unaccent`` on PostgreSQL (a trusted extension: the database's owner may create it).

    The search fallback matches Vietnamese words typed without their marks with it; on other
    databases this does nothing.
    """

    dependencies = [
        ("newsroom_search", "0003_rendered_bodies"),
    ]

    operations = [UnaccentExtension()]
