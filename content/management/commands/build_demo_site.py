"""Build the demo newsroom: stories in Vietnamese and English, taxonomies, users, workflow.

Safe to run again: it adds only what is missing.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from content.demo.builder import DEMO_PASSWORD, DEMO_USERS, build_demo_site


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        if not settings.DEBUG and not getattr(settings, "NEWSROOM_ALLOW_DEMO", False):
            raise CommandError(
                "The demo creates users with a known password: run it with development settings."
            )
        report = build_demo_site()
        created = ", ".join(f"{n} {kind}" for kind, n in report.created.items() if n)
        self.stdout.write(self.style.SUCCESS(f"Demo newsroom ready ({created or 'nothing new'})."))
        users = ", ".join(username for username, *_ in DEMO_USERS)
        self.stdout.write(
            f"Admin: http://127.0.0.1:8000/admin/  user admin, password {DEMO_PASSWORD}\n"
            f"Role accounts ({users}) share that password."
        )
