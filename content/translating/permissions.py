"""Who may translate and who may review which language: the per-language groups.

Wagtail's page permissions cover a page as a whole, all its language columns at once; the
translation workflow asks these instead, and translators hold no page permissions at all.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings

from content.editorial.roles import reviewer_group_name, translator_group_name

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def _languages_of(user: "User | AnonymousUser", group_name: Callable[[str], str]) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    codes = [code for code, _name in settings.LANGUAGES]
    if user.is_superuser:
        return set(codes)
    names = {group_name(code): code for code in codes}
    cache = f"_translating_groups_{group_name.__name__}"
    if not hasattr(user, cache):
        held = user.groups.filter(name__in=list(names)).values_list("name", flat=True)
        setattr(user, cache, {names[name] for name in held})
    return getattr(user, cache)


def translating_languages(user: "User | AnonymousUser") -> set[str]:
    """The languages ``user`` translates into (every language for a superuser)."""
    return _languages_of(user, translator_group_name)


def reviewing_languages(user: "User | AnonymousUser") -> set[str]:
    """The languages whose translations ``user`` reviews (every language for a superuser)."""
    return _languages_of(user, reviewer_group_name)


def can_translate(user: "User | AnonymousUser", language: str) -> bool:
    """Whether ``user`` may translate into ``language``."""
    return language in translating_languages(user)


def can_review(user: "User | AnonymousUser", language: str) -> bool:
    """Whether ``user`` may review translations into ``language``."""
    return language in reviewing_languages(user)
