"""StreamField blocks for article bodies. Each block renders through its own template."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]


class ParagraphBlock(blocks.RichTextBlock):
    """Body text: paragraphs with links, lists and emphasis."""

    def __init__(self, **kwargs):
        super().__init__(features=PARAGRAPH_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "content/blocks/paragraph.html"
        description = _("Body text with bold, italics, links and lists.")
        preview_value = "<p>The two sides agreed to deepen cooperation in trade and investment.</p>"


class HeadingBlock(blocks.CharBlock):
    """A subheading inside an article's body."""

    class Meta:
        icon = "title"
        template = "content/blocks/heading.html"
        description = _("A subheading that splits a long story into parts.")
        preview_value = "Next steps"
        max_length = 160


class ImageWithCaptionBlock(blocks.StructBlock):
    """An image with the text alternative screen readers need, a caption and a credit."""

    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        template = "content/blocks/image_with_caption.html"
        description = _("A photograph or chart with alternative text, caption and credit.")


class PullQuoteBlock(blocks.StructBlock):
    """A quotation set apart from the text, with who said it."""

    quote = blocks.TextBlock(label=_("quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=160)

    class Meta:
        icon = "openquote"
        template = "content/blocks/pull_quote.html"
        description = _("A quotation set apart from the text, with who said it.")
        preview_value = {
            "quote": "Open markets serve both our peoples.",
            "attribution": "Deputy Minister",
        }


class FactBoxBlock(blocks.StructBlock):
    """Key facts and figures in a box beside the story."""

    title = blocks.CharBlock(label=_("title"), max_length=120)
    items = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("facts"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "content/blocks/fact_box.html"
        description = _("Key figures or facts in a box beside the story.")
        preview_value = {
            "title": "At a glance",
            "items": ["Two-way trade up 12%", "Three agreements signed"],
        }


class DataTableBlock(TableBlock):
    """A table of figures, scrollable on small screens."""

    class Meta:
        icon = "table"
        template = "content/blocks/table.html"
        description = _("A table of figures, with an optional header row.")


class MediaEmbedBlock(EmbedBlock):
    """A video or post from an oEmbed provider; partners get its link."""

    class Meta:
        icon = "media"
        template = "content/blocks/embed.html"
        description = _("A video or post from a site that supports embedding, by its URL.")


class OfficialDocumentBlock(SnippetChooserBlock):
    """A reference to an official document: its number and date come from the record."""

    def __init__(self, **kwargs):
        super().__init__("content.OfficialDocument", **kwargs)

    class Meta:
        icon = "doc-full"
        template = "content/blocks/official_document.html"
        description = _("Cites an official document with its number, issuer and date signed.")


class ArticleBodyBlock(blocks.StreamBlock):
    """The blocks an article's body is made of, in every language."""

    paragraph = ParagraphBlock(label=_("Paragraph"))
    heading = HeadingBlock(label=_("Heading"))
    image = ImageWithCaptionBlock(label=_("Image"))
    pull_quote = PullQuoteBlock(label=_("Pull quote"))
    fact_box = FactBoxBlock(label=_("Fact box"))
    table = DataTableBlock(label=_("Table"))
    embed = MediaEmbedBlock(label=_("Embed"))
    document = OfficialDocumentBlock(label=_("Official document"))

    class Meta:
        block_counts = {"heading": {"max_num": 20}}
