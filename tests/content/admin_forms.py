"""Form data for the article editor, built with Wagtail's form-data helpers."""

from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def article_form_data(*, author, lead_unit, topic, action=None, **fields):
    """POST data for the article add or edit view: Vietnamese text, one byline, one topic."""
    data = {
        "title_vi": "Việt Nam và Nhật Bản thúc đẩy hợp tác bán dẫn",
        "slug_vi": "viet-nam-nhat-ban-hop-tac-ban-dan",
        "standfirst_vi": "Hai bên nhất trí mở rộng đào tạo kỹ sư.",
        "body_vi": streamfield([("paragraph", rich_text("<p>Nội dung bài viết.</p>"))]),
        "body_en": streamfield([]),
        "bylines": inline_formset([{"author": author.pk}]),
        "kind": "news",
        "original_language": "vi",
        "publication_date": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "lead_unit": lead_unit.pk,
        "comments": inline_formset([]),
    }
    for language in ("fr", "es", "ru", "zh_hans", "ja", "ko", "ar"):
        data[f"body_{language}"] = streamfield([])
    data.update(fields)
    form = nested_form_data(data)
    form["topics"] = [topic.pk]  # a multiple choice: nested_form_data would number it
    if action:
        form[f"action-{action}"] = action
    return form
