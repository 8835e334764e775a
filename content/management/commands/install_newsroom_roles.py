"""Create or repair the newsroom's groups, their permissions and the editorial workflow."""

from django.core.management.base import BaseCommand

from content.editorial import install_editorial_workflow, install_roles


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        groups = install_roles()
        workflow = install_editorial_workflow()
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(groups)} groups ready; workflow “{workflow.name}” on "
                f"{workflow.workflow_pages.count()} sections."
            )
        )
