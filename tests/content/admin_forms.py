"""Form data for the article editor, built with Wagtail's form-data helpers."""

import json

from django import forms
from django.urls import reverse
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


def _block_post_data(block, state, prefix, data):
    """What Wagtail's StreamField script posts for ``state``, a block's form state."""
    from wagtail import blocks

    if isinstance(block, blocks.StreamBlock):
        data[f"{prefix}-count"] = str(len(state))
        for index, child in enumerate(state):
            child_prefix = f"{prefix}-{index}"
            data.update(
                {
                    f"{child_prefix}-type": child["type"],
                    f"{child_prefix}-id": child["id"] or "",
                    f"{child_prefix}-order": str(index),
                    f"{child_prefix}-deleted": "",
                }
            )
            _block_post_data(
                block.child_blocks[child["type"]], child["value"], f"{child_prefix}-value", data
            )
    elif isinstance(block, blocks.ListBlock):
        data[f"{prefix}-count"] = str(len(state))
        for index, child in enumerate(state):
            child_prefix = f"{prefix}-{index}"
            data[f"{child_prefix}-id"] = child["id"] or ""
            data[f"{child_prefix}-order"] = str(index)
            data[f"{child_prefix}-deleted"] = ""
            _block_post_data(block.child_block, child["value"], f"{child_prefix}-value", data)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            _block_post_data(child_block, state.get(name), f"{prefix}-{name}", data)
    elif isinstance(state, dict) and "id" in state:  # a chooser
        data[prefix] = str(state["id"])
    elif isinstance(state, dict | list):
        data[prefix] = json.dumps(state)
    elif state is not None and state is not False:
        data[prefix] = "on" if state is True else str(state)


def _field_post_data(bound_field, data):
    from wagtail.blocks.base import BlockWidget

    widget = bound_field.field.widget
    value = bound_field.value()
    if isinstance(widget, BlockWidget):
        _block_post_data(
            widget.block_def, widget.block_def.get_form_state(value), bound_field.html_name, data
        )
    elif isinstance(widget, forms.CheckboxInput):
        if value:
            data[bound_field.html_name] = "on"
    elif isinstance(widget, forms.SelectMultiple | forms.CheckboxSelectMultiple):
        data[bound_field.html_name] = [str(v) for v in value or []]
    else:  # an empty input is posted empty
        data[bound_field.html_name] = "" if value is None else (widget.format_value(value) or "")


def edit_form_data(client, page, **changes):
    """What the browser posts when the page editor is saved as opened, with ``changes``.

    Read from the editor the client is shown, the way the browser's form and StreamField
    scripts serialise it: saved without a change, nothing should count as edited.
    """
    return form_data(client, reverse("wagtailadmin_pages:edit", args=[page.pk]), **changes)


def add_form_data(client, section, **changes):
    """What the browser posts from a new story's editor in ``section``, with ``changes``."""
    url = reverse("wagtailadmin_pages:add", args=["content", "articlepage", section.pk])
    return form_data(client, url, **changes)


def form_data(client, url, **changes):
    """The post of the editor at ``url`` as the browser serialises it, with ``changes``."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    data: dict = {}
    for bound_field in form:
        _field_post_data(bound_field, data)
    for formset in form.formsets.values():
        for bound_field in formset.management_form:
            data[bound_field.html_name] = bound_field.value()
        for child_form in formset.forms:
            for bound_field in child_form:
                _field_post_data(bound_field, data)
    data.update(changes)
    return data
