"""What the admin's browser tests share: logging in, and axe-core's serious findings."""

from tests.browser.accessibility import AXE

SERIOUS = ("serious", "critical")
FACTORY_PASSWORD = "password"  # UserFactory's


def log_in(page, url, user, password=FACTORY_PASSWORD):
    """Log ``user`` in to the admin at ``url``, out of whoever was logged in before."""
    page.context.clear_cookies()
    page.goto(url + "/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


# TODO: Wagtail gives the page editor's rich text boxes no accessible name (wagtail/wagtail#14205,
# open); the StreamField's are Wagtail's to name. The newsroom's own editors name theirs.
STREAMFIELD_RICH_TEXT = "[data-streamfield-stream-container] [role=textbox]"


def serious_violations(page, within=None, exclude=None) -> list[str]:
    """axe-core's serious and critical findings on the page, or inside what ``within`` names.

    ``exclude`` leaves out the elements it names. One line each: the rule, its impact and the
    first elements it found.
    """
    context = {"include": [[within or "html"]]}
    if exclude:
        context["exclude"] = [[exclude]]
    results = AXE.run(page, context=context).response
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation["impact"] in SERIOUS
    ]
