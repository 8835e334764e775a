"""Run the translation checks over live translations and print a report per language.

The same checks that block a submission, run on what readers see now, so that content
translated before the checks existed (or approved over them) can be audited.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import override

from content.models import Translation
from content.translating import audit_live_translation


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            action="append",
            dest="languages",
            metavar="CODE",
            help="Check only this language (repeat for several).",
        )
        parser.add_argument(
            "--fail-on-findings",
            action="store_true",
            help="Exit with status 1 if any translation has findings (for scheduled audits).",
        )

    def handle(self, *args, languages=None, fail_on_findings=False, **options):
        known = [code for code, _name in settings.LANGUAGES]
        unknown = sorted(set(languages or []) - set(known))
        if unknown:
            raise CommandError(
                f"Unknown language(s): {', '.join(unknown)}. Known: {', '.join(known)}"
            )
        translations = (
            Translation.objects.live()
            .in_languages(languages or known)
            .select_related("page")
            .order_by("language", "page__title")
        )
        total = 0
        with override("en"):
            for code in languages or known:
                in_language = [t for t in translations if t.language == code]
                if not in_language:
                    continue
                report = [(t, audit_live_translation(t)) for t in in_language]
                flagged = [(t, findings) for t, findings in report if findings]
                total += len(flagged)
                self.stdout.write(
                    f"{code}: {len(in_language)} live translations, {len(flagged)} with findings"
                )
                for translation, findings in flagged:
                    self.stdout.write(f"  {translation.page.title} (page {translation.page_id})")
                    for location, problems in findings.items():
                        for finding in problems:
                            self.stdout.write(f"    {location}: {finding.message}")
        if total and fail_on_findings:
            raise CommandError(f"{total} live translation(s) have findings.", returncode=1)
