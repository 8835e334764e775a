"""A search result's picture is decoration: screen readers go straight to its title."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from search.reader.results import Hit


def test_a_results_image_has_an_empty_text_alternative_and_its_title_is_read():
    hit = Hit(
        page_id=1,
        title=mark_safe("Coffee exports grow"),
        snippet=mark_safe("Exports rose."),
        url="/en/trade/coffee/",
        kind="news",
        publication_date=None,
        image_url="/media/images/coffee.jpg",
        image_alt="Abstract illustration for the Trade section",
    )
    html = render_to_string("search/includes/search_hit.html", {"hit": hit})
    assert 'src="/media/images/coffee.jpg" alt=""' in html
    assert "Abstract illustration" not in html
    assert '<a href="/en/trade/coffee/">Coffee exports grow</a>' in html
