"""A query every request runs, compiled to SQL once a process, only its moment given anew.

Building a queryset of a few subqueries and compiling it costs a worker about a millisecond
of Python each time; the database answers it in a few dozen microseconds. A query that
differs from one request to the next only by the moment it compares dates with ("now") is
compiled once per database, with a placeholder moment, and run with the real one.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.utils import timezone

# Never a moment a query is asked about: where it is in the SQL's parameters, now goes.
PLACEHOLDER = datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=UTC)


class PreparedQuery:
    """The first row of ``build(moment)``'s queryset, its values converted as Django would.

    ``build`` must give a queryset of ``values_list`` rows (with no other datetime parameter
    equal to the placeholder) whose SQL does not depend on the moment, only its parameters.
    """

    def __init__(self, model: type[Model], build: Callable[[datetime], QuerySet]):
        self.model = model
        self.build = build
        self._compiled: dict[str, tuple[Any, str, list, list[int]]] = {}

    def _compile(self, alias: str):
        rows = self.build(PLACEHOLDER)[:1]
        compiler = rows.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        placeholder = connections[alias].ops.adapt_datetimefield_value(PLACEHOLDER)
        where = [i for i, value in enumerate(params) if value == placeholder]
        if not where:
            raise ValueError("The query does not compare with the moment it was built with.")
        return compiler, sql, list(params), where

    def first(self, moment: datetime | None = None) -> list | None:
        """The first row at ``moment`` (now by default), or None when there is none."""
        alias = router.db_for_read(self.model)
        if alias not in self._compiled:
            self._compiled[alias] = self._compile(alias)
        compiler, sql, params, where = self._compiled[alias]
        connection = connections[alias]
        given = connection.ops.adapt_datetimefield_value(moment or timezone.now())
        params = [given if i in where else value for i, value in enumerate(params)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        return list(next(iter(compiler.results_iter(results=[[row]]))))
