"""The benchmark corpus: generated stories in nine languages, plus the judged stories.

Filler text is drawn from each language's vocabulary (``vocabulary/<code>.txt``) with a
fixed seed, so every run builds the same corpus.
"""

import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch import signal_handlers as modelsearch_signals

from content.models import ArticlePage, MinistryUnit, OfficialDocument, Region, SectionPage, Topic
from tests.factories import HomePageFactory, SectionPageFactory

HERE = Path(__file__).parent
JUDGED = HERE.parent / "search" / "judged"
UNSPACED = {"zh-hans", "ja"}
SECTIONS = ("foreign-affairs", "trade-integration", "press-releases", "overseas-community")
TOPICS = (
    "trade-agreements",
    "investment",
    "diplomacy",
    "multilateral-cooperation",
    "citizen-protection",
    "exports",
    "digital-economy",
    "green-transition",
    "culture-exchange",
)
REGIONS = ("asean", "asia-africa", "europe-america", "middle-east", "oceania")
KIND_OF_LETTERS = {
    "NQ": "resolution",
    "QD": "decision",
    "QĐ": "decision",
    "ND": "decree",
    "NĐ": "decree",
    "TT": "circular",
    "CT": "directive",
    "KL": "conclusion",
}


def judged_slug(key: str) -> str:
    return f"judged-{key}"[:80]


def field_suffix(language: str) -> str:
    return language.replace("-", "_")


def vocabulary(language: str) -> list[str]:
    return (HERE / "vocabulary" / f"{language}.txt").read_text(encoding="utf-8").split("\n")


def sentence(rng, words, language, count):
    chosen = [rng.choice(words) for _ in range(count)]
    joined = "".join(chosen) if language in UNSPACED else " ".join(chosen)
    end = "。" if language in UNSPACED else "."
    return joined[:1].upper() + joined[1:] + end


def _taxonomy():
    topics = {
        slug: Topic.objects.get_or_create(slug=slug, defaults={"name": slug})[0] for slug in TOPICS
    }
    regions = {
        slug: Region.objects.get_or_create(slug=slug, defaults={"name": slug})[0]
        for slug in REGIONS
    }
    unit = MinistryUnit.objects.get_or_create(slug="bench-unit", defaults={"name": "Bench unit"})[0]
    return topics, regions, unit


def _document(number: str) -> OfficialDocument:
    letters = re.search(r"(NQ|Q[DĐ]|N[DĐ]|TT|CT|KL)", number).group(1)
    year = re.search(r"/(\d{4})/", number)
    signed = date(int(year.group(1)), 3, 1) if year else date(2025, 1, 15)
    document, _ = OfficialDocument.objects.get_or_create(
        number=number,
        defaults={
            "kind": KIND_OF_LETTERS[letters],
            "title": number,
            "issuing_body": "Chính phủ",
            "date_signed": signed,
        },
    )
    return document


def _story(section, language, title, standfirst, body, slug, days_ago, unit, **relations):
    suffix = field_suffix(language)
    page = ArticlePage(
        title=title,
        slug=slug,
        live=True,
        publication_date=timezone.now() - timedelta(days=days_ago),
        lead_unit=unit,
        original_language=language,
        **{
            f"title_{suffix}": title,
            f"slug_{suffix}": slug,
            f"standfirst_{suffix}": standfirst,
            f"body_{suffix}": [{"type": "paragraph", "value": f"<p>{p}</p>"} for p in body],
        },
    )
    for name, values in relations.items():
        setattr(page, name, values)
    # Wagtail's validation checks each slug against every sibling in every language, which
    # grows with the section: quadratic over 10,000 stories. Generated slugs are unique.
    page.full_clean = _generated_story_is_valid
    section.add_child(instance=page)
    return page


def _generated_story_is_valid(*args, **kwargs):
    return None


class CorpusBuilder:
    def __init__(self, size: int, seed: int = 2026):
        self.size = size
        self.rng = random.Random(seed)
        self.languages = [code for code, _name in settings.LANGUAGES]

    def sections(self):
        from wagtail.models import Page, Site

        home = Page.objects.filter(depth=2).first()
        if home is None or not SectionPage.objects.exists():
            Page.objects.filter(depth=2).delete()
            home = HomePageFactory(parent=Page.get_first_root_node())
            Site.objects.update_or_create(
                is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
            )
            for key in SECTIONS:
                SectionPageFactory(parent=home, title=key, slug=key, slug_en=key)
        return {s.slug: s for s in SectionPage.objects.all()}

    @transaction.atomic
    def build(self) -> int:
        """Create what is missing; return the number of stories in the corpus."""
        post_save.disconnect(modelsearch_signals.post_save_signal_handler, sender=ArticlePage)
        try:
            sections = self.sections()
            topics, regions, unit = _taxonomy()
            self._judged(sections, topics, regions, unit)
            for number in range(ArticlePage.objects.count(), self.size):
                self._filler(number, sections, topics, regions, unit)
        finally:
            post_save.connect(modelsearch_signals.post_save_signal_handler, sender=ArticlePage)
        return ArticlePage.objects.count()

    def _judged(self, sections, topics, regions, unit) -> None:
        """Every judged story not in the corpus yet (the judged set grows)."""
        present = set(
            ArticlePage.objects.filter(slug__startswith="judged-").values_list("slug", flat=True)
        )
        stories = json.loads((JUDGED / "articles.json").read_text(encoding="utf-8"))
        for story in stories:
            if judged_slug(story["key"]) in present:
                continue
            _story(
                sections[story["section"]],
                story["language"],
                story["title"],
                story["standfirst"],
                story["body"],
                judged_slug(story["key"]),
                story["days_ago"],
                unit,
                topics=[topics[t] for t in story["topics"]],
                regions=[regions[r] for r in story["regions"]],
                documents=[_document(n) for n in story["document_numbers"]],
            )

    def _filler(self, number, sections, topics, regions, unit):
        rng, language = self.rng, self.languages[number % len(self.languages)]
        words = vocabulary(language)
        body = [
            " ".join(sentence(rng, words, language, rng.randint(8, 16)) for _ in range(4))
            for _ in range(3)
        ]
        documents = [_document(f"{rng.randint(1, 3000)}/QD-BCT")] if rng.random() < 0.1 else []
        _story(
            sections[rng.choice(SECTIONS)],
            language,
            sentence(rng, words, language, rng.randint(5, 9)).rstrip(".。"),
            sentence(rng, words, language, rng.randint(14, 22)),
            body,
            f"bench-{number}",
            rng.randint(0, 1500),
            unit,
            topics=rng.sample(list(topics.values()), rng.randint(1, 2)),
            regions=rng.sample(list(regions.values()), rng.randint(0, 2)),
            documents=documents,
        )


def judged_queries() -> list[dict]:
    return json.loads((JUDGED / "queries.json").read_text(encoding="utf-8"))


def expected_page_id(key: str) -> int:
    return ArticlePage.objects.get(slug=judged_slug(key)).pk
