"""The reader pages the benchmarks measure over HTTP, found in a server's own database.

`make bench-load` and `make bench-site` measure the same pages of the demo, so that their
figures compare: the English home, its newest story's section, that story, a search, a feed.
"""

import json
import os

from tests.production_server import manage

# Run by the server's manage.py, in its environment: the paths as readers reach them.
FIND_PATHS = """\
import json
from django.utils import translation
from content.models import ArticlePage
with translation.override('en'):
    story = ArticlePage.objects.live().in_language('en').newest_first().first()
    section = story.get_parent().specific
    word = max(story.title_en.split(), key=len).strip(',.:')
    print(json.dumps({'home': '/en/', 'section': section.get_url(),
        'article': story.get_url(), 'search': '/en/search/?q=' + word,
        'feed': '/en/feeds/all.rss'}))
"""


def pages(env: dict[str, str]) -> dict[str, str]:
    """The paths measured (label → path) on the server whose environment is ``env``."""
    output = manage({**os.environ, **env}, "shell", "--verbosity", "0", "-c", FIND_PATHS)
    return json.loads(output.strip())
