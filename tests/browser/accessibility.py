"""axe-core (bundled by axe-playwright-python) run on the page a browser test has open."""

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()

# The sizes the public pages are checked at: a laptop and a phone (CSS pixels).
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "mobile": {"width": 390, "height": 844}}


def axe_violations(page) -> list[str]:
    """Every rule axe-core finds broken on the page, of any impact, one line each."""
    results = AXE.run(page).response
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        for violation in results["violations"]
    ]
