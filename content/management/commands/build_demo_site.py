"""Build the demo newsroom: stories in Vietnamese and English, taxonomies, users, workflow.

Safe to run again: it adds only what is missing.

Its accounts share a password published in the README, so it refuses to run where DEBUG is
off, unless NEWSROOM_DEMO_PASSWORD gives a password of the operator's own (as
``make prod-local`` does, for a production stack on one machine).
"""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from content.demo.builder import DEMO_PASSWORD, DEMO_USERS, build_demo_site

MIN_PASSWORD_LENGTH = 12


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        password = os.environ.get("NEWSROOM_DEMO_PASSWORD", "")
        known = settings.DEBUG or getattr(settings, "NEWSROOM_ALLOW_DEMO", False)
        if password and len(password) < MIN_PASSWORD_LENGTH:
            raise CommandError(
                f"NEWSROOM_DEMO_PASSWORD must have at least {MIN_PASSWORD_LENGTH} characters."
            )
        if not password and not known:
            raise CommandError(
                "The demo creates users with a known password: run it with development "
                "settings, or set NEWSROOM_DEMO_PASSWORD to a password of your own."
            )
        report = build_demo_site(password or DEMO_PASSWORD)
        created = ", ".join(f"{n} {kind}" for kind, n in report.created.items() if n)
        self.stdout.write(self.style.SUCCESS(f"Demo newsroom ready ({created or 'nothing new'})."))
        users = ", ".join(username for username, *_ in DEMO_USERS)
        shown = "from NEWSROOM_DEMO_PASSWORD" if password else DEMO_PASSWORD
        self.stdout.write(
            f"Admin: {report.site_url}/admin/  user admin, password {shown}\n"
            f"Role accounts ({users}) share that password."
        )
