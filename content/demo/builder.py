"""Builds the demo newsroom from ``data/``: idempotent, so a second run adds nothing.

Stories, taxonomies and documents are looked up by their slug or number before they are
created; existing records are left as they are, so an editor's changes survive a rebuild.
What frames the stories (the site's name, sections, index pages, topics, regions, units,
roles and the official documents cited) is written in all nine languages; a rebuild fills in
only a language's empty text, so a demo built before a language was written gets it, and an
editor's text stays.
"""

import json
import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import override
from modeltranslation.utils import build_localized_fieldname
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from content.demo.accounts import prefer_admin_language
from content.demo.hero_images import describe_hero_image, draw_hero_image
from content.editorial import (
    install_editorial_workflow,
    install_roles,
    reviewer_group_name,
    translator_group_name,
)
from content.editorial.roles import APPROVERS, DESK_EDITORS, SITE_ADMINISTRATORS, WRITERS
from content.models import (
    ArticleByline,
    ArticlePage,
    Author,
    DeskAssignment,
    HomePage,
    MinistryUnit,
    OfficialDocument,
    Region,
    RegionIndexPage,
    SectionPage,
    Tag,
    TermbaseEntry,
    Topic,
    TopicIndexPage,
    UnitIndexPage,
)
from content.slugs import ascii_slug
from content.translating import (
    approve,
    column,
    request_translations,
    save_draft,
    submit,
    write_fields,
)

DATA_DIR = Path(__file__).parent / "data"
DEMO_LANGUAGES = ("vi", "en")  # every story's own text; translations.json adds the others
FRAME_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
# Slugs stay in Latin letters, so that URLs are plain ASCII in feeds, sitemaps and purges:
# words of the language where it is written in them, the English slug elsewhere.
LATIN_SLUG_LANGUAGES = ("vi", "en", "fr", "es")
DEMO_PASSWORD = "newsroom-demo"  # noqa: S105  the demo's published password (README)

# username, full name, groups, admin language: a translator's own, the others' Vietnamese or
# English (the language Wagtail's admin speaks to each, whatever the browser asks for)
DEMO_USERS = (
    ("writer", "Lê Minh Anh", (WRITERS,), "vi"),
    ("desk", "Phạm Quốc Bảo", (DESK_EDITORS,), "vi"),
    ("approver", "Trần Thị Mai", (APPROVERS,), "vi"),
    ("translator-en", "Nguyễn Hoàng Nam", (translator_group_name("en"),), "en"),
    (
        "translator",
        "Vũ Thị Lan",
        tuple(translator_group_name(code) for code, _name in settings.LANGUAGES if code != "en"),
        "fr",
    ),
    (
        "reviewer",
        "Hoàng Văn Đức",
        tuple(reviewer_group_name(code) for code, _name in settings.LANGUAGES),
        "en",
    ),
    ("siteadmin", "Đỗ Thanh Hương", (SITE_ADMINISTRATORS,), "en"),
)

TERMBASE = (
    ("ASEAN", "Written in Latin letters in every language, as the ministry's releases do."),
    ("CPTPP", "The agreement's English acronym, in every language."),
    ("EVFTA", "The EU-Viet Nam agreement's acronym, in every language."),
    ("RCEP", "The agreement's English acronym, in every language."),
)

# A figure the organisers corrected after the story was translated into English.
SOURCE_REVISION = (
    "vietnamese-culture-food-week-fukuoka",
    "khoảng 60.000 lượt khách",
    "khoảng 72.000 lượt khách",
)

INDEX_PAGES = {"topics": TopicIndexPage, "regions": RegionIndexPage, "units": UnitIndexPage}


def hero_image_title(story: dict) -> str:
    return f"Demo hero: {story['key']}"


def localized(prefix: str, record: dict, key: str | None = None) -> dict:
    """``{"name_vi": ..., "name_zh_hans": ...}`` from a record's ``vi`` (or ``key_vi``)... texts."""
    values = {}
    for language in FRAME_LANGUAGES:
        source = record.get(f"{key}_{language}" if key else language)
        if source:
            values[build_localized_fieldname(prefix, language)] = source
    return values


def section_slugs(record: dict) -> dict:
    """A section's slug in each language: its name's, or the English one (see above)."""
    return {
        build_localized_fieldname("slug", language): ascii_slug(
            record[language] if language in LATIN_SLUG_LANGUAGES else record["en"]
        )
        for language in FRAME_LANGUAGES
    }


def fill_in(instance, values: dict) -> bool:
    """Set each of ``values`` the instance has no text for; whether any was missing."""
    missing = {name: value for name, value in values.items() if not getattr(instance, name)}
    for name, value in missing.items():
        setattr(instance, name, value)
    return bool(missing)


@dataclass
class DemoReport:
    """How many of each kind of thing the demo created."""

    created: dict[str, int] = field(default_factory=dict)
    site_url: str = ""  # where the demo is served: its Site's root URL

    def count(self, kind: str, n: int = 1) -> None:
        self.created[kind] = self.created.get(kind, 0) + n


class DemoBuilder:
    """Builds the demo newsroom from the JSON under data/, adding nothing twice."""

    def __init__(self, password: str = DEMO_PASSWORD):
        # The published password is set once; an operator's own is set on every run, so that
        # the accounts follow it when it changes (make prod-local keeps it in its env file).
        self.password = password
        self.taxonomy = json.loads((DATA_DIR / "taxonomy.json").read_text(encoding="utf-8"))
        self.stories = json.loads((DATA_DIR / "stories.json").read_text(encoding="utf-8"))
        self.tag_names = json.loads((DATA_DIR / "tags.json").read_text(encoding="utf-8"))
        translations = DATA_DIR / "translations.json"
        self.translations = (
            json.loads(translations.read_text(encoding="utf-8")) if translations.exists() else {}
        )
        self.report = DemoReport()
        self.now = timezone.now()

    @transaction.atomic
    def build(self) -> DemoReport:
        with override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            install_roles()
            topics = self._taxonomy(Topic, "topics")
            regions = self._taxonomy(Region, "regions")
            units = self._units()
            authors = self._authors()
            documents = self.documents = self._documents()
            self._termbase()
            self._tags()
            home = self._home()
            sections = self._sections(home)
            self._index_pages(home)
            install_editorial_workflow()
            users = self._users(sections)
            lookups = {
                "topics": topics,
                "regions": regions,
                "units": units,
                "authors": authors,
                "documents": documents,
            }
            for story in self.stories:
                self._article(story, sections[story["section"]], lookups, users)
            self._revise_source(*SOURCE_REVISION, users)
        return self.report

    # Snippets ---------------------------------------------------------------------------

    def _taxonomy(self, model, key):
        terms = {}
        for record in self.taxonomy[key]:
            names = localized("name", record)
            term, created = model.objects.get_or_create(
                slug=record["key"], defaults={"name": record["vi"], **names}
            )
            self.report.count(model._meta.verbose_name_plural, created)
            if not created and fill_in(term, names):
                term.save()
                self.report.count("translated names")
            terms[record["key"]] = term
        return terms

    def _tags(self):
        """The stories' tags, each with its name for readers in the nine languages.

        Stories name tags by the word an editor types (``tags.json``'s keys); taggit finds
        these rows by it. A rebuild fills in only the names a language lacks.
        """
        for key, record in self.tag_names.items():
            names = localized("label", record)
            tag, created = Tag.objects.get_or_create(name=key, defaults={"slug": key, **names})
            self.report.count("tags", created)
            if not created and fill_in(tag, names):
                tag.save()
                self.report.count("translated names")

    def _units(self):
        units = {}
        # Parents first, so that every unit's parent exists when it is created.
        records = sorted(self.taxonomy["units"], key=lambda r: r.get("parent") is not None)
        for record in records:
            texts = {**localized("name", record), **localized("description", record, "description")}
            unit, created = MinistryUnit.objects.get_or_create(
                slug=record["key"],
                defaults={"name": record["vi"], "parent": units.get(record.get("parent")), **texts},
            )
            self.report.count("units", created)
            if not created and fill_in(unit, texts):
                unit.save()
                self.report.count("translated names")
            units[record["key"]] = unit
        return units

    def _authors(self):
        authors = {}
        for record in self.taxonomy["authors"]:
            author = Author.objects.filter(name=record["name"]).first()
            roles = localized("role", record, "role")
            if author is None:
                author = Author.objects.create(name=record["name"], **roles)
                self.report.count("authors")
            elif fill_in(author, roles):
                author.save()
                self.report.count("translated names")
            authors[record["key"]] = author
        return authors

    def _termbase(self):
        """Agreements and groupings every translation keeps as written; the checks use them."""
        for source, note in TERMBASE:
            _entry, created = TermbaseEntry.objects.get_or_create(
                source=source, source_language="vi", defaults={"protected": True, "note": note}
            )
            self.report.count("termbase entries", int(created))

    def _documents(self):
        documents = {}
        for record in self.taxonomy["documents"]:
            document = OfficialDocument.objects.filter(number=record["number"]).first()
            texts = {
                **localized("title", record, "title"),
                **localized("issuing_body", record, "issuing_body"),
            }
            if document is None:
                document = OfficialDocument(
                    kind=record["kind"],
                    number=record["number"],
                    date_signed=date.fromisoformat(record["date_signed"]),
                    **texts,
                )
                document.full_clean()
                document.save()
                self.report.count("official documents")
            elif fill_in(document, texts):
                document.save()
                self.report.count("translated names")
            documents[record["key"]] = document
        return documents

    # Pages ------------------------------------------------------------------------------

    def _publish(self, page, user=None):
        page.save_revision(user=user, log_action=True).publish(user=user)

    def _frame_page(self, page, texts: dict) -> None:
        """An existing page of the frame: its missing languages filled in and published."""
        if fill_in(page, texts):
            self._publish(page)
            self.report.count("translated pages")

    def _home(self):
        record = self.taxonomy["home"]
        # The home page's title is the site's name, in each language.
        texts = {**localized("title", record["title"]), **localized("intro", record["intro"])}
        home = HomePage.objects.first()
        if home is not None:
            self._frame_page(home, texts)
            return home
        root = Page.get_first_root_node()
        home = HomePage(title=record["title"]["vi"], slug="home", slug_en="home", **texts)
        root.add_child(instance=home)
        self._publish(home)
        site = Site.objects.filter(is_default_site=True).first()
        welcome = site.root_page if site else None
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                # Where `make run` serves the demo (its HOST and PORT), so links lead there.
                "hostname": os.environ.get("HOST", "127.0.0.1"),
                "port": int(os.environ.get("PORT", "8000")),
                "root_page": home,
                "site_name": "Ministry newsroom",
            },
        )
        if welcome is not None and welcome.pk != home.pk and not welcome.get_children().exists():
            welcome.delete()
        self.report.count("pages")
        return home

    def _sections(self, home):
        sections = {}
        for record in self.taxonomy["sections"]:
            texts = {
                **localized("title", record),
                **localized("intro", record, "intro"),
                **section_slugs(record),
            }
            section = (
                SectionPage.objects.child_of(home).filter(slug_vi=ascii_slug(record["vi"])).first()
            )
            if section is not None:
                self._frame_page(section, texts)
            else:
                section = SectionPage(
                    title=record["vi"], slug=ascii_slug(record["vi"]), show_in_menus=True, **texts
                )
                home.add_child(instance=section)
                self._publish(section)
                self.report.count("pages")
            sections[record["key"]] = section
        return sections

    def _index_pages(self, home):
        for record in self.taxonomy["index_pages"]:
            model = INDEX_PAGES[record["key"]]
            slugs = {
                build_localized_fieldname("slug", language): record.get(
                    f"slug_{language}", record["slug_en"]
                )
                for language in FRAME_LANGUAGES
            }
            texts = {**localized("title", record), **slugs}
            page = model.objects.first()
            if page is not None:
                self._frame_page(page, texts)
                continue
            page = model(title=record["vi"], slug=record["slug_vi"], show_in_menus=True, **texts)
            home.add_child(instance=page)
            self._publish(page)
            self.report.count("pages")

    # People -----------------------------------------------------------------------------

    def _users(self, sections):
        User = get_user_model()
        admin, created = User.objects.get_or_create(
            username="admin",
            defaults={
                "is_superuser": True,
                "is_staff": True,
                "email": "admin@example.org",
                "first_name": "Newsroom",
                "last_name": "Admin",
            },
        )
        if created or self.password != DEMO_PASSWORD:
            admin.set_password(self.password)
            admin.save()
        users = {"admin": admin}
        for username, full_name, group_names, admin_language in DEMO_USERS:
            first, _, last = full_name.rpartition(" ")
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": last,
                    "last_name": first,
                    "email": f"{username}@example.org",
                },
            )
            if created or self.password != DEMO_PASSWORD:
                user.set_password(self.password)
                user.save()
            if created:
                user.groups.set(Group.objects.filter(name__in=group_names))
                self.report.count("users")
            prefer_admin_language(user, admin_language)
            users[username] = user
        for section in sections.values():
            DeskAssignment.objects.get_or_create(desk_editor=users["desk"], section=section)
        return users

    # Stories ----------------------------------------------------------------------------

    def _hero_image(self, story, section_record):
        Image = get_image_model()
        title = hero_image_title(story)
        image = Image.objects.filter(title=title).first()
        if image is None:
            data = draw_hero_image(story["key"], story["section"])
            image = Image(title=title, description=section_record["en"])
            image.file.save(f"{story['key']}.jpg", ImageFile(_bytes_file(data)), save=False)
            image.save()
            self.report.count("images")
        return image

    def _body(self, blocks, documents):
        body = []
        for block in blocks:
            value = block["value"]
            if block["type"] == "document":
                value = documents[value].pk
            body.append({"type": block["type"], "value": value})
        return body

    def _article(self, story, section, lookups, users):
        slug = ascii_slug(story["vi"]["title"])
        if self._existing_story(story) is not None:
            return
        section_record = next(s for s in self.taxonomy["sections"] if s["key"] == story["section"])
        published_at = self.now - timedelta(days=story["days_ago"], hours=len(story["key"]) % 9)
        original = story["original_language"]
        page = ArticlePage(
            # Wagtail requires a title in the default language, even for a story written in
            # English; it is not live in Vietnamese until its translation is approved.
            title=story["vi"]["title"],
            slug=slug,
            kind=story["kind"],
            original_language=original,
            publication_date=published_at,
            first_published_at=published_at,
            lead_unit=lookups["units"][story["lead_unit"]],
            source_name=(story.get("source") or {}).get("name", ""),
            source_url=(story.get("source") or {}).get("url", ""),
            hero_image=self._hero_image(story, section_record),
            hero_credit="Demo",
            owner=users["writer"],
        )
        write_fields(page, original, self._fields(story[original], original, story))
        page.coordinating_units = [lookups["units"][k] for k in story["coordinating_units"]]
        page.topics = [lookups["topics"][k] for k in story["topics"]]
        page.regions = [lookups["regions"][k] for k in story["regions"]]
        page.documents = [lookups["documents"][k] for k in story["documents"]]
        page.bylines = [
            ArticleByline(author=lookups["authors"][k], sort_order=i)
            for i, k in enumerate(story["authors"])
        ]
        page.tags.set(story["tags"])
        section.add_child(instance=page)
        self._publish(page, users["approver"])
        self.report.count("articles")
        texts = {code: story[code] for code in DEMO_LANGUAGES if story.get(code)}
        texts.update(self.translations.get(story["key"], {}))
        for language, text in texts.items():
            code = language.replace("_", "-")
            if code != original:
                self._translate(page, code, text, story, users)

    def _existing_story(self, story):
        """The page an earlier build made of ``story``, if any.

        Found by its Vietnamese slug, or by its hero image, named after the story's key:
        approving a translation may remake a slug.
        """
        return ArticlePage.objects.filter(
            Q(slug_vi=ascii_slug(story["vi"]["title"]))
            | Q(hero_image__title=hero_image_title(story))
        ).first()

    def _revise_source(self, key, old, new, users):
        """Correct a figure in a story's source after it was translated.

        Its translation then needs an update: the demo shows the queue and the diff.
        """
        story = next(s for s in self.stories if s["key"] == key)
        page = self._existing_story(story)
        if page is None:
            return
        draft = page.get_latest_revision_as_object()
        body = draft.body_vi.get_prep_value()
        if not any(old in str(block["value"]) for block in body):
            return
        for block in body:
            if block["type"] == "paragraph":
                block["value"] = block["value"].replace(old, new)
        draft.body_vi = body
        self._publish(draft, users["approver"])
        self.report.count("source revisions")

    def _fields(self, text, language, story):
        return {
            "title": text["title"],
            "slug": ascii_slug(text["title"]) or ascii_slug(text["standfirst"]),
            "standfirst": text["standfirst"],
            "body": self._body(text["body"], self.documents),
            "hero_alt_text": describe_hero_image(story["key"], story["section"], language),
        }

    def _translate(self, page, language, text, story, users):
        """Carry one translation through the workflow: request, draft, submit, approve."""
        translator = users["translator-en"] if language == "en" else users["translator"]
        (translation,) = request_translations(
            [page], [language], users["desk"], due_date=self.now.date() + timedelta(days=2)
        )
        fields = self._fields(text, language, story)
        # A translated block keeps its source block's id: that is how the two are paired.
        source_body = getattr(page, column("body", page.original_language)).get_prep_value()
        for block, source_block in zip(fields["body"], source_body, strict=True):
            block["id"] = source_block["id"]
        save_draft(translation, fields, translator)
        submit(translation, translator, override_reason=text.get("override_reason", ""))
        approve(translation, users["reviewer"])
        self.report.count("translations")


def _bytes_file(data: bytes):
    import io

    buffer = io.BytesIO(data)
    buffer.name = "hero.jpg"
    return buffer


def build_demo_site(password: str = DEMO_PASSWORD) -> DemoReport:
    """The demo newsroom; its accounts sign in with ``password`` (the published one by default)."""
    report = DemoBuilder(password).build()
    report.site_url = Site.objects.get(is_default_site=True).root_url
    return report
