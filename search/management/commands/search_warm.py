"""Send readers' searches to every shard copy, so that no reader meets a cold node.

A release runs it once the indices exist; the scheduler runs it every minute with
``--started-within``, which warms only the nodes that started lately (a node that restarted
and rejoined) and does nothing otherwise. A copy that fails is reported and left; the command
fails only when the cluster cannot be asked where the copies are, and with ``--started-within``
not even then: the outbox and the circuit already report a node that is away.
"""

from django.core.management.base import BaseCommand, CommandError

from search.index import READ_ERRORS, SearchUnavailable, one_line
from search.management.commands.search_reindex import quiet_node_pool
from search.warm_up import ROUNDS, warm_up


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--rounds",
            type=int,
            default=ROUNDS,
            help=f"How many times each copy answers the readers' searches (default {ROUNDS}).",
        )
        parser.add_argument(
            "--started-within",
            type=float,
            metavar="SECONDS",
            help="Warm only the copies on nodes whose JVM started less than SECONDS ago.",
        )

    def handle(self, *args, rounds, started_within=None, **options):
        if rounds < 1:
            raise CommandError("search_warm: --rounds must be at least 1.")
        try:
            with quiet_node_pool():
                report = warm_up(rounds=rounds, started_within=started_within)
        except (SearchUnavailable, *READ_ERRORS) as error:
            message = f"search_warm: nothing warmed: {one_line(error)}"
            if started_within is not None:
                self.stdout.write(message)
                return
            raise CommandError(message) from error
        if started_within is None or report.copies:
            self.stdout.write(report.summary())
        for failure in report.failures:
            self.stderr.write(f"search_warm: not warmed: {failure}")
