"""The demo accounts' admin language: each person's own preference, not the browser's."""

from django.contrib.auth.base_user import AbstractBaseUser
from wagtail.users.models import UserProfile


def prefer_admin_language(user: AbstractBaseUser, language: str) -> None:
    """Make ``language`` the user's admin language, unless the person already chose one.

    Without a preference Wagtail follows the browser, and a browser that asks for nothing gets
    the site's default: the Vietnamese admin for an English translator.
    """
    profile = UserProfile.get_for_user(user)
    if not profile.preferred_language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])
