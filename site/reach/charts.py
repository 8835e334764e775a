"""Charts drawn on the server as SVG: bars for a ranking, a line for a trend.

Each chart is an image with a title and a description for screen readers (``role="img"``),
drawn in ``currentColor`` so that it follows the admin's theme; the table beside it holds
the same numbers, for whoever would rather read them.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from reach.reports import Table

BAR_HEIGHT = 22
LABEL_WIDTH = 220
BARS_WIDTH = 420
MAX_BARS = 15
LINE_WIDTH, LINE_HEIGHT = 640, 180


def chart(table: Table) -> SafeString:
    if table.chart == "bars" and table.rows:
        return bar_chart(table)
    if table.chart == "line" and table.rows:
        return line_chart(table)
    return SafeString("")


def _short(label: object, length: int = 32) -> str:
    text = str(label)
    return text if len(text) <= length else text[: length - 1] + "…"


def bar_chart(table: Table) -> SafeString:
    rows = table.rows[:MAX_BARS]
    largest = max((row[-1] for row in rows), default=0) or 1
    height = BAR_HEIGHT * len(rows)
    bars = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end" font-size="12">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="currentColor" opacity="0.75"></rect>'
        '<text x="{}" y="{}" font-size="12">{}</text>',
        (
            (
                LABEL_WIDTH - 6,
                n * BAR_HEIGHT + 15,
                _short(row[0]),
                LABEL_WIDTH,
                n * BAR_HEIGHT + 3,
                round(BARS_WIDTH * row[-1] / largest, 1),
                BAR_HEIGHT - 6,
                LABEL_WIDTH + round(BARS_WIDTH * row[-1] / largest, 1) + 4,
                n * BAR_HEIGHT + 15,
                row[-1],
            )
            for n, row in enumerate(rows)
        ),
    )
    description = _("Bar chart: %(ranking)s") % {
        "ranking": "; ".join(f"{row[0]}: {row[-1]}" for row in rows)
    }
    return _svg(table, LABEL_WIDTH + BARS_WIDTH + 80, height, description, bars)


def line_chart(table: Table) -> SafeString:
    values = [row[-1] for row in table.rows]
    largest = max(values) or 1
    step = LINE_WIDTH / max(len(values) - 1, 1)
    points = " ".join(
        f"{round(n * step, 1)},{round(LINE_HEIGHT - LINE_HEIGHT * v / largest, 1)}"
        for n, v in enumerate(values)
    )
    first, last = table.rows[0][0], table.rows[-1][0]
    drawing = format_html(
        '<polyline points="{}" fill="none" stroke="currentColor" stroke-width="2"></polyline>'
        '<text x="0" y="{}" font-size="12">{}</text>'
        '<text x="{}" y="{}" text-anchor="end" font-size="12">{}</text>'
        '<text x="0" y="12" font-size="12">{}</text>',
        points,
        LINE_HEIGHT + 16,
        first,
        LINE_WIDTH,
        LINE_HEIGHT + 16,
        last,
        largest,
    )
    description = _(
        "Line chart from %(first)s to %(last)s, highest %(highest)s, total %(total)s"
    ) % {
        "first": first,
        "last": last,
        "highest": largest,
        "total": sum(values),
    }
    return _svg(table, LINE_WIDTH, LINE_HEIGHT + 20, description, drawing)


def _svg(table: Table, width: float, height: float, description: str, drawing) -> SafeString:
    return format_html(
        '<svg class="reach-chart" role="img" '
        'aria-labelledby="chart-{slug}-title chart-{slug}-desc" '
        'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">'
        '<title id="chart-{slug}-title">{title}</title><desc id="chart-{slug}-desc">{desc}</desc>'
        "{drawing}</svg>",
        slug=table.slug,
        width=width,
        height=height,
        title=table.title,
        desc=description,
        drawing=drawing,
    )
