"""Settings shared by every environment. Nothing secret or host-specific lives here."""

import os
from pathlib import Path

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

SITE_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = SITE_DIR.parent

INSTALLED_APPS = [
    # wagtail-modeltranslation patches Wagtail's models and admin, so it loads first;
    # modeltranslation must come before django.contrib.admin.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    "newsroom",
    "content",
    "search",
    "reach",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "django_countries",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "csp",  # its system checks guard CONTENT_SECURITY_POLICY
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",  # the unaccent lookup: the search fallback's unmarked words
    "django.contrib.humanize",  # intcomma: counts grouped the way each reader's locale writes them
]

MIDDLEWARE = [
    # Readers' beacons are counted and answered before anything else runs (reach/beacon.py).
    "reach.beacon.BeaconMiddleware",
    # Django's page cache keeps whole responses, the headers the middleware below adds
    # included, and sees the cookies the session and CSRF middleware set. A page from it skips
    # everything below it.
    "newsroom.front_cache.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "newsroom.security_headers.ContentSecurityPolicyMiddleware",
    "newsroom.security_headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.front_cache.policy.FrontCachePolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Inside the messages middleware: adds what happens next after a review step.
    "content.editorial.announcements.WorkflowAnnouncementsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "newsroom" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "var" / "newsroom.sqlite3",
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Vietnamese is the default source language; adding a language is one entry
# here plus `makemigrations` (modeltranslation adds its columns).
LANGUAGE_CODE = "vi"
LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ru", "Русский"),
    ("zh-hans", "简体中文"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("ar", "العربية"),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["newsroom.formats"]  # number grouping Django's locale data lacks
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"

MODELTRANSLATION_DEFAULT_LANGUAGE = "vi"
# Reader-facing queries never fall back to another language's text (a page shows only in
# languages it has content in); the fallback keeps the admin's page tree readable.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("vi",)
WAGTAILMODELTRANSLATION_LOCALE_PICKER = True
WAGTAIL_I18N_ENABLED = False

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [SITE_DIR / "newsroom" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "var" / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail
WAGTAIL_SITE_NAME = _("Ministry newsroom")
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
# Editors' admin search and the readers' fallback share Wagtail's database backend, always,
# even with ELASTICSEARCH_URL set: Wagtail's signal handlers keep it current, and no Wagtail
# backend ever waits on Elasticsearch (search.E004 holds the fallback to it).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "jpeg", "webp": "webp"}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000  # nine languages of every field on one edit form
TAGGIT_CASE_INSENSITIVE = True

# Background work: the database is the queue, so no broker is needed.
# Run `manage.py db_worker` in production (see deploy/).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

DEFAULT_FROM_EMAIL = "newsroom@localhost"
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

NEWSROOM_LISTING_PAGE_SIZE = 12

# Purges of the HTTP cache in front (newsroom/front_cache/): no cache unless production names
# one. Each language's URLs are computed by the newsroom itself (slugs differ by language), so
# Wagtail must not rewrite one URL into every language.
WAGTAILFRONTENDCACHE: dict = {}
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []
# Django's own page cache (newsroom/front_cache/page_cache.py): production turns it on, with
# its purge backend. Off here, so that development shows every edit at once.
NEWSROOM_PAGE_CACHE = False

# Partners' feed tokens never reach a log or an error report (newsroom/token_masking.py).
# The filter sits on django.request and django.server themselves, so that every handler
# their records reach (admins' mail included) sees them masked, and on our own handlers.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_partner_tokens": {"()": "newsroom.token_masking.MaskPartnerTokens"}},
    "formatters": {
        "django.server": {  # Django's own, which configuring the logger below replaces
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_partner_tokens"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["mask_partner_tokens"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "newsroom": {"level": "INFO"},
        "content": {"level": "INFO"},
        "django.request": {"filters": ["mask_partner_tokens"]},
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["mask_partner_tokens"],
        },
    },
}
DEFAULT_EXCEPTION_REPORTER_FILTER = "newsroom.token_masking.PartnerTokenReporterFilter"
DEFAULT_EXCEPTION_REPORTER = "newsroom.token_masking.PartnerTokenExceptionReporter"

# Content-Security-Policy (newsroom/security_headers.py). Readers' pages run only the site's
# scripts, and inline ones only with the request's nonce; they have no inline styles.
# Embedded videos play in frames from these providers; a post whose oEmbed HTML needs the
# provider's script (X, Facebook, ...) shows its quoted text and link instead.
EMBED_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "frame-src": [SELF, *EMBED_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Wagtail's admin, and the previews it renders in a frame of its own.
NEWSROOM_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        # Panels and date pickers start from inline scripts (no nonce in Wagtail's templates).
        "script-src": [SELF, UNSAFE_INLINE],
        # style="" in its templates, <style> added by its editors.
        "style-src": [SELF, UNSAFE_INLINE],
        # Previews of images before upload (blob:), icons in data: URLs, editors' avatars
        # (Wagtail's default: Gravatar, on the page's own scheme).
        "img-src": [SELF, "data:", "blob:", "www.gravatar.com"],
        "frame-ancestors": [SELF],
    }
}
# Powerful features no page of the newsroom uses, for the page nor for what it embeds.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Reader search and feeds. Without ELASTICSEARCH_URL the site uses database search: the
# embedded default for a first run. ELASTICSEARCH_URL may name every node of a cluster,
# comma-separated. See search/index/client.py for the timeout, cooldown and retries.
NEWSROOM_SEARCH = {
    "url": os.environ.get("ELASTICSEARCH_URL") or None,
    # The CA of a cluster whose nodes serve https with a private certificate (a file path).
    "ca_certs": os.environ.get("ELASTICSEARCH_CA_CERTS", ""),
    "index_prefix": os.environ.get("NEWSROOM_SEARCH_INDEX_PREFIX", "newsroom-articles"),
    # One circuit guards every request (search/index/client.py): connecting may take
    # connect_timeout, answering timeout (read); failure_threshold consecutive failures open
    # it for cooldown seconds, then one probe decides. Related stories wait related_timeout.
    "connect_timeout": 0.5,
    "timeout": 1.0,
    "failure_threshold": 3,
    "cooldown": 15.0,
    "related_timeout": 0.4,
    # Writes from the outbox (search/index/indexing.py sync_pages) wait this long: a bulk write
    # to a busy cluster takes longer than a search, and the background worker can afford it.
    "write_timeout": 10.0,
    # A file holding the circuit's state, shared by every process of the machine (the
    # production settings set one); empty: each process has its own circuit.
    "circuit_file": "",
    # Copies of each shard beyond the primary: 0 for one development node; production sets 1
    # (NEWSROOM_SEARCH_REPLICAS), so that a cluster of three survives the loss of a node.
    "replicas": int(os.environ.get("NEWSROOM_SEARCH_REPLICAS") or 0),
    # search_reindex's own patience, not the readers': index creation, bulk loads, refresh,
    # health and the alias swap each wait this long, retried with back-off on transient errors.
    "admin_timeout": float(os.environ.get("ELASTICSEARCH_ADMIN_TIMEOUT") or 120),
    "admin_retries": 5,
    "admin_backoff": 1.0,
}
# Feeds for partners. A WebSub hub, when set, is declared in every feed and told about
# each publication by the background worker.
NEWSROOM_FEEDS = {
    "websub_hub": os.environ.get("WEBSUB_HUB_URL", ""),
    "cache_seconds": 300,
}
