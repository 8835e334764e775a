"""The period a Reach view or report covers: from a start day to an end day, both included."""

from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_DAYS = 30
MAX_DAYS = 366 * 2


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    """The first day of the month after ``month``'s."""
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """Days from ``start`` to ``end``, both included, in the ministry's time zone."""

    start: date
    end: date

    @classmethod
    def last_days(cls, days: int = DEFAULT_DAYS, today: date | None = None) -> "Period":
        today = today or timezone.localdate()
        return cls(today - timedelta(days=days - 1), today)

    @classmethod
    def of_month(cls, month: str) -> "Period":
        """``2026-11`` as the period of that month; ValueError if it is not one."""
        year, number = (int(part) for part in month.split("-"))
        start = date(year, number, 1)
        return cls(start, next_month(start) - timedelta(days=1))

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]

    @property
    def whole_months(self) -> list[date]:
        """The first day of each month the period covers whole."""
        months = []
        month = first_of_month(self.start)
        if month < self.start:
            month = next_month(month)
        while next_month(month) - timedelta(days=1) <= self.end:
            months.append(month)
            month = next_month(month)
        return months

    @property
    def loose_days(self) -> list["Period"]:
        """The days outside its whole months: at most a stretch at each end."""
        months = self.whole_months
        if not months:
            return [self]
        stretches = []
        if self.start < months[0]:
            stretches.append(Period(self.start, months[0] - timedelta(days=1)))
        after = next_month(months[-1])
        if after <= self.end:
            stretches.append(Period(after, self.end))
        return stretches

    def __str__(self):
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


class PeriodForm(forms.Form):
    """The period chosen above every Reach view; the last 30 days until one is chosen."""

    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                raise forms.ValidationError(_("The period must start before it ends."))
            if (end - start).days >= MAX_DAYS:
                raise forms.ValidationError(_("Choose a period of two years at most."))
        return cleaned

    def period(self) -> Period:
        """The chosen period, or the last 30 days when none (or a wrong one) was chosen."""
        if self.is_bound and self.is_valid():
            return Period(self.cleaned_data["start"], self.cleaned_data["end"])
        return Period.last_days()
