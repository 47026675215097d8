"""Relais settings: every value comes from the environment, with a safe default for development."""

import os
import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from relais.core.secrets import secret_key_weakness

BASE_DIR = Path(__file__).resolve().parent.parent
# Local state (SQLite database, job queue, uploaded files) lives in var/ unless configured elsewhere.
VAR_DIR = Path(os.environ.get("RELAIS_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
RELAIS_ENV = os.environ.get("RELAIS_ENV", "development")
IS_PRODUCTION = RELAIS_ENV == "production"
DEVELOPMENT_SECRET_KEY = "development-only-secret-key-not-for-production"  # noqa: S105
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "") or DEVELOPMENT_SECRET_KEY
if IS_PRODUCTION and (weakness := secret_key_weakness(SECRET_KEY, development_key=DEVELOPMENT_SECRET_KEY)):
    raise ImproperlyConfigured(
        f"RELAIS_ENV=production: set DJANGO_SECRET_KEY to a long random value of your own ({weakness})."
    )
if IS_PRODUCTION and DEBUG:
    raise ImproperlyConfigured(
        "RELAIS_ENV=production: DJANGO_DEBUG must be off (it shows settings and data)."
    )
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

# Reference data read in place (never copied into the repository) and npm referential packages.
RELAIS_DATA_DIR = Path(os.environ.get("RELAIS_DATA_DIR", BASE_DIR.parent / "shared" / "data"))
RELAIS_NODE_MODULES = Path(os.environ.get("RELAIS_NODE_MODULES", BASE_DIR / "node_modules"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "widget_tweaks",
    "dsfr",
    "axes",
    "huey.contrib.djhuey",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "relais.core",
    "relais.accounts",
    "relais.territories",
    "relais.jobs",
    "relais.organizations",
    "relais.conventions",
    "relais.youths",
    "relais.opportunities",
    "relais.positionings",
    "relais.events",
    "relais.mentoring",
    "relais.sheets",
    "relais.reviews",
    "relais.api",
    "relais.webhooks",
    "relais.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "relais.core.security_headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "relais.core.scope.ScopeMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    # Innermost, so that it sees a view's exception first: a write-locked SQLite answers a 503 keeping the form.
    "relais.core.middleware.DatabaseLockedMiddleware",
    "relais.core.middleware.FrenchNotFoundMiddleware",
]

ROOT_URLCONF = "relais.urls"
WSGI_APPLICATION = "relais.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "relais" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "relais.core.context_processors.brand",
                "relais.core.menu.main_menu",
            ],
        },
    },
]
FORM_RENDERER = "dsfr.forms.DsfrDjangoTemplates"
# Optional fields are marked « (facultatif) » and required ones are not, as the DSFR now recommends
# (the next major version of django-dsfr does only that). django-dsfr says at each form that this
# transitional setting will go away with that version: nothing to act on until then.
DSFR_MARK_OPTIONAL_FIELDS = True
warnings.filterwarnings(
    "ignore", message="Transitional Django setting DSFR_MARK_OPTIONAL_FIELDS", category=UserWarning
)

# Database: embedded SQLite (WAL) by default, PostgreSQL through DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("RELAIS_SQLITE_PATH", str(VAR_DIR / "relais.sqlite3")),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                # Writes take the lock at BEGIN (no upgrade deadlock) and wait for it at most this long;
                # a write that still cannot get it answers a 503 page keeping the form (core.middleware).
                "transaction_mode": "IMMEDIATE",
                "timeout": float(os.environ.get("RELAIS_SQLITE_TIMEOUT", "5")),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# CNIL recommendation (délibération 2022-100): at least 12 characters mixing four character classes.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "relais.accounts.validators.CharacterClassesValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# ProConnect (OpenID Connect login of public agents and partners' staff), off unless issuer, client id and secret are
# all set. Endpoints come from the issuer's discovery document unless all five are given explicitly (see README,
# "ProConnect"). The OIDC_* names are mozilla-django-oidc's; relais/accounts/proconnect/provider.py reads them all.
RELAIS_PROCONNECT_ISSUER = os.environ.get("RELAIS_PROCONNECT_ISSUER", "").strip().rstrip("/")
RELAIS_PROCONNECT_CLIENT_ID = os.environ.get("RELAIS_PROCONNECT_CLIENT_ID", "").strip()
RELAIS_PROCONNECT_CLIENT_SECRET = os.environ.get("RELAIS_PROCONNECT_CLIENT_SECRET", "").strip()
RELAIS_PROCONNECT_ENDPOINTS = {
    name: os.environ.get(f"RELAIS_PROCONNECT_{name.upper()}", "").strip()
    for name in (
        "authorization_endpoint",
        "token_endpoint",
        "userinfo_endpoint",
        "jwks_uri",
        "end_session_endpoint",
    )
}
# Seconds the discovery document is kept before it is read again from the issuer.
RELAIS_PROCONNECT_DISCOVERY_TTL = int(os.environ.get("RELAIS_PROCONNECT_DISCOVERY_TTL", "3600"))
# A ProConnect identity with no Relais account: refused with a message to ask one's manager (default), or, when on,
# an account is created without any membership (a SIRET claim then only suggests one to the organisation's managers).
RELAIS_PROCONNECT_CREATE_USERS = env_bool("RELAIS_PROCONNECT_CREATE_USERS", False)
OIDC_RP_SIGN_ALGO = os.environ.get("RELAIS_PROCONNECT_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("RELAIS_PROCONNECT_SCOPES", "openid email given_name usual_name siret uid")
# ProConnect asks for state and nonce of at least 32 characters; a 10-second bound on every call to the provider.
OIDC_STATE_SIZE = 48
OIDC_NONCE_SIZE = 48
OIDC_USE_NONCE = True
OIDC_TIMEOUT = float(os.environ.get("RELAIS_PROCONNECT_TIMEOUT", "10"))
OIDC_STORE_ID_TOKEN = True  # the id_token_hint of the end-session request
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:proconnect_callback"
OIDC_REDIRECT_FIELD_NAME = "next"
# How the agent authenticated at their identity provider (amr: pwd, mfa, totp...), recorded on each login.
OIDC_AUTH_REQUEST_EXTRA_PARAMS = {"claims": '{"id_token": {"amr": {"essential": true}}}'}
if _acr_values := os.environ.get("RELAIS_PROCONNECT_ACR_VALUES", "").strip():
    OIDC_AUTH_REQUEST_EXTRA_PARAMS["acr_values"] = _acr_values
LOGIN_REDIRECT_URL_FAILURE = "accounts:login"
# Always listed: it answers only the ProConnect callback, and only when ProConnect is on (no network otherwise).
AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "relais.accounts.proconnect.backend.ProConnectBackend"]

# Login lockout: failures are counted per address tried and, separately, per client IP, so that neither
# rotating IPs against one account nor spraying many accounts from one IP escapes the limit.
AXES_FAILURE_LIMIT = int(os.environ.get("RELAIS_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("RELAIS_AXES_COOLOFF_HOURS", "0.5"))
# Counted per account and per client address separately (an attacker changing address keeps the account
# locked); the order matters to SharedIpAwareHandler, which gives an address its own, higher limit.
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_HANDLER = "relais.accounts.lockout.SharedIpAwareHandler"
RELAIS_AXES_IP_FAILURE_LIMIT = int(os.environ.get("RELAIS_AXES_IP_FAILURE_LIMIT", "30"))
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "relais.accounts.lockout.attempted_username"
AXES_CLIENT_IP_CALLABLE = "relais.accounts.lockout.client_ip"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Number of reverse proxies in front of the application that append the client address to X-Forwarded-For
# (0: the header is ignored, REMOTE_ADDR is the client, so that a client cannot forge its address).
RELAIS_TRUSTED_PROXIES = int(os.environ.get("RELAIS_TRUSTED_PROXIES", "0"))

# HTTPS: on by default in production (secure cookies, HSTS); the proxy tells Django a request came over HTTPS.
SECURE_COOKIES = env_bool("RELAIS_SECURE_COOKIES", IS_PRODUCTION)
SESSION_COOKIE_AGE = 60 * 60 * 10
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_HSTS_SECONDS = int(
    os.environ.get("RELAIS_HSTS_SECONDS", str(365 * 24 * 3600) if SECURE_COOKIES else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("RELAIS_HSTS_INCLUDE_SUBDOMAINS", False)
# Preloading is a commitment for the whole domain that browsers keep for months: an explicit choice, off by
# default (check --deploy then says security.W021, the one warning the production checklist accepts).
SECURE_HSTS_PRELOAD = env_bool("RELAIS_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("RELAIS_SSL_REDIRECT", False)
_proxy_ssl_header = os.environ.get("RELAIS_PROXY_SSL_HEADER", "").strip()
if _proxy_ssl_header:
    # e.g. "X-Forwarded-Proto": trust it only when the proxy overwrites whatever the client sent.
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy: everything from the platform itself, no inline script, style or event handler
# (scripts live in static files; htmx is configured not to inject styles nor evaluate code, see base.html).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# ProConnect's login and logout are form submissions redirected to the provider: form-action must name its origin
# (the issuer's, and that of any endpoint given explicitly on another host).
_proconnect_origins = {
    "/".join(url.split("/")[:3])
    for url in [RELAIS_PROCONNECT_ISSUER, *RELAIS_PROCONNECT_ENDPOINTS.values()]
    if url.startswith(("https://", "http://"))
}
SECURE_CSP["form-action"] = [CSP.SELF, *sorted(_proconnect_origins)]
# Browser features the platform never uses, denied to every page (Permissions-Policy header).
RELAIS_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), interest-cohort=()"
)

LANGUAGE_CODE = "fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
# French for the few strings the libraries do not translate (django-dsfr's « (Optional) » marker).
LOCALE_PATHS = [BASE_DIR / "relais" / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("RELAIS_STATIC_ROOT", VAR_DIR / "static"))
# The DSFR charts (npm @gouvfr/dsfr-chart, see package.json) served as /static/dsfr-chart/.
STATICFILES_DIRS = [("dsfr-chart", RELAIS_NODE_MODULES / "@gouvfr" / "dsfr-chart" / "dist" / "DSFRChart")]
# Uploaded documents live outside the web root and are served through a permission check.
PRIVATE_STORAGE_ROOT = Path(os.environ.get("RELAIS_PRIVATE_STORAGE", VAR_DIR / "private"))
RELAIS_UPLOAD_MAX_BYTES = int(os.environ.get("RELAIS_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
# A young-people import holds a large Mission Locale's whole export: 50,000 rows, about 10 MB as CSV with
# every column, about 55 MB once an XLSX worksheet is decompressed (hence the archive bound below).
RELAIS_IMPORT_MAX_ROWS = int(os.environ.get("RELAIS_IMPORT_MAX_ROWS", "50000"))
RELAIS_IMPORT_MAX_BYTES = int(os.environ.get("RELAIS_IMPORT_MAX_BYTES", str(25 * 1024 * 1024)))
# Bounded reading of uploaded archives (XLSX imports, Office and OpenDocument documents) and of import files.
RELAIS_ARCHIVE_MAX_BYTES = int(os.environ.get("RELAIS_ARCHIVE_MAX_BYTES", str(128 * 1024 * 1024)))
RELAIS_ARCHIVE_MAX_RATIO = int(os.environ.get("RELAIS_ARCHIVE_MAX_RATIO", "100"))
RELAIS_ARCHIVE_MAX_ENTRIES = int(os.environ.get("RELAIS_ARCHIVE_MAX_ENTRIES", "1000"))
RELAIS_IMPORT_MAX_COLUMNS = int(os.environ.get("RELAIS_IMPORT_MAX_COLUMNS", "200"))
RELAIS_IMPORT_MAX_CELL_CHARS = int(os.environ.get("RELAIS_IMPORT_MAX_CELL_CHARS", "1000"))
# Small counts of people in what observers and roll-ups publish: 1 to k−1 shown as "< k" (11, the French
# statistical practice for data about persons); RQTH counts, health data, from a higher threshold.
RELAIS_MASK_THRESHOLD = int(os.environ.get("RELAIS_MASK_THRESHOLD", "11"))
RELAIS_MASK_THRESHOLD_RQTH = int(os.environ.get("RELAIS_MASK_THRESHOLD_RQTH", "20"))
# Optional antivirus: the path of a clamd unix socket; uploads are then scanned and refused when the scan fails.
RELAIS_CLAMD_SOCKET = os.environ.get("RELAIS_CLAMD_SOCKET", "")

# E-mail: console in development, SMTP in production (DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend).
EMAIL_BACKEND_PATH = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": {}}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("DJANGO_EMAIL_PORT", "25")),
        "username": os.environ.get("DJANGO_EMAIL_HOST_USER", ""),
        "password": os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", False),
        # A hung mail server frees the worker well within the outbox's lease on a sending (15 minutes).
        "timeout": int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "30")),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Relais <ne-pas-repondre@relais.localhost>")
# Absolute links in e-mails (password reset included) are built from this, never from the request's Host.
RELAIS_BASE_URL = os.environ.get("RELAIS_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
if IS_PRODUCTION and not RELAIS_BASE_URL.startswith("https://"):
    raise ImproperlyConfigured("RELAIS_ENV=production: set RELAIS_BASE_URL to the public https:// address.")

# Background jobs: embedded SqliteHuey by default, RedisHuey when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
HUEY_IMMEDIATE = env_bool("RELAIS_HUEY_IMMEDIATE", False)
if REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": "relais", "url": REDIS_URL, "immediate": HUEY_IMMEDIATE}
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "relais",
        "filename": os.environ.get("RELAIS_HUEY_PATH", str(VAR_DIR / "huey.sqlite3")),
        "immediate": HUEY_IMMEDIATE,
    }

# Brand: DSFR is reserved to State-operated services; an operator that is not one sets its own brand.
RELAIS_BRAND = {
    "service_title": os.environ.get("RELAIS_SERVICE_TITLE", "Relais"),
    "service_tagline": os.environ.get(
        "RELAIS_SERVICE_TAGLINE", "Les partenariats pour l'emploi des jeunes des Missions Locales"
    ),
    "brand_html": os.environ.get("RELAIS_BRAND_HTML", "République<br>Française"),
    "operator_name": os.environ.get("RELAIS_OPERATOR_NAME", "Opérateur de la plateforme"),
}
# Legal pages of the footer (mentions légales, données personnelles, accessibilité): who answers for the service.
RELAIS_LEGAL = {
    "operator_address": os.environ.get("RELAIS_OPERATOR_ADDRESS", "Adresse de l'opérateur à renseigner"),
    "publication_director": os.environ.get(
        "RELAIS_PUBLICATION_DIRECTOR", "Directeur·rice de la publication à renseigner"
    ),
    "contact_email": os.environ.get("RELAIS_CONTACT_EMAIL", "contact@relais.localhost"),
    "dpo_email": os.environ.get("RELAIS_DPO_EMAIL", "")
    or os.environ.get("RELAIS_CONTACT_EMAIL", "contact@relais.localhost"),
    "hosting_provider": os.environ.get("RELAIS_HOSTING_PROVIDER", "Hébergeur à renseigner"),
}

# Positioning pipeline: a partner that has not answered is reminded after N days; the positioning expires after M.
# A consent older than this is flagged "à renouveler" on the Mission Locale's home page (not enforced).
RELAIS_CONSENT_RENEWAL_MONTHS = int(os.environ.get("RELAIS_CONSENT_RENEWAL_MONTHS", "12"))
RELAIS_POSITIONING_REMINDER_DAYS = int(os.environ.get("RELAIS_POSITIONING_REMINDER_DAYS", "7"))
RELAIS_POSITIONING_EXPIRY_DAYS = int(os.environ.get("RELAIS_POSITIONING_EXPIRY_DAYS", "30"))

# Retention of young people's records (CNIL): a record inactive for N months is anonymised, after a notice to its
# Mission Locale M days before; whatever the activity, two years after the 26th birthday at the latest. The access
# and audit logs are purged after L months. The daily job does nothing when RELAIS_RETENTION_ENABLED is off.
RELAIS_RETENTION_ENABLED = env_bool("RELAIS_RETENTION_ENABLED", True)
RELAIS_RETENTION_INACTIVE_MONTHS = int(os.environ.get("RELAIS_RETENTION_INACTIVE_MONTHS", "24"))
RELAIS_RETENTION_NOTICE_DAYS = int(os.environ.get("RELAIS_RETENTION_NOTICE_DAYS", "30"))
RELAIS_RETENTION_AGE_CAP_YEARS = int(os.environ.get("RELAIS_RETENTION_AGE_CAP_YEARS", "2"))
RELAIS_RETENTION_BATCH_SIZE = int(os.environ.get("RELAIS_RETENTION_BATCH_SIZE", "200"))
RELAIS_LOG_RETENTION_MONTHS = int(os.environ.get("RELAIS_LOG_RETENTION_MONTHS", "12"))
# Searches: the words of a query searched (the first N), each cut to M characters; see relais/core/search.py.
RELAIS_SEARCH_MAX_WORDS = int(os.environ.get("RELAIS_SEARCH_MAX_WORDS", "8"))
RELAIS_SEARCH_MAX_WORD_LENGTH = int(os.environ.get("RELAIS_SEARCH_MAX_WORD_LENGTH", "50"))
# The most rows one list export holds; beyond, the file says it was cut and asks for narrower filters.
RELAIS_EXPORT_MAX_ROWS = int(os.environ.get("RELAIS_EXPORT_MAX_ROWS", "10000"))

# Password of the demo accounts created by `load_demo` (development only).
RELAIS_DEMO_PASSWORD = os.environ.get("RELAIS_DEMO_PASSWORD", "Relais-Demo-2026!")

# Cache: shared by the processes through Redis when REDIS_URL is set (API call limits), local memory otherwise.
# A Redis that is down never breaks a page: what uses the cache catches its errors (see relais/api/throttling.py).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "relais"}}

# REST API (/api/v1/): tokens of organisations, page-number pagination, French errors per field.
RELAIS_API_TOKEN_RATE = os.environ.get("RELAIS_API_TOKEN_RATE", "120/min")
RELAIS_API_USER_RATE = os.environ.get("RELAIS_API_USER_RATE", "60/min")
# A token's "last used" is written at most once per this many seconds (not one write per call).
RELAIS_API_LAST_USED_INTERVAL = int(os.environ.get("RELAIS_API_LAST_USED_INTERVAL", "300"))
RELAIS_API_CALL_RETENTION_MONTHS = int(os.environ.get("RELAIS_API_CALL_RETENTION_MONTHS", "12"))
# Days before a token's expiry at which its organisation's managers are told (once each).
RELAIS_API_EXPIRY_NOTICE_DAYS = [30, 15]

# Webhooks: plain-HTTP and private-network endpoints only for development and tests; the request timeout;
# attempts per delivery (retried base × 2^(n-1) seconds later); consecutive failures that disable an endpoint.
RELAIS_WEBHOOKS_ALLOW_LOCAL = env_bool("RELAIS_WEBHOOKS_ALLOW_LOCAL", False)
RELAIS_WEBHOOKS_TIMEOUT_SECONDS = int(os.environ.get("RELAIS_WEBHOOKS_TIMEOUT_SECONDS", "10"))
RELAIS_WEBHOOKS_MAX_ATTEMPTS = int(os.environ.get("RELAIS_WEBHOOKS_MAX_ATTEMPTS", "8"))
RELAIS_WEBHOOKS_RETRY_BASE_SECONDS = int(os.environ.get("RELAIS_WEBHOOKS_RETRY_BASE_SECONDS", "60"))
RELAIS_WEBHOOKS_DISABLE_AFTER = int(os.environ.get("RELAIS_WEBHOOKS_DISABLE_AFTER", "20"))
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "relais.api.auth.BearerTokenAuthentication",
        "relais.api.auth.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "relais.api.base.Pagination",
    "EXCEPTION_HANDLER": "relais.api.base.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Relais",
    "VERSION": "1.0.0",
    "DESCRIPTION": (BASE_DIR / "relais" / "api" / "description.md").read_text(encoding="utf-8"),
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "relais.api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "OrganizationKindEnum": "relais.organizations.enums.OrganizationKind",
        "ConventionKindEnum": "relais.conventions.enums.ConventionKind",
        "OpportunityKindEnum": "relais.opportunities.enums.OpportunityKind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("RELAIS_LOG_LEVEL", "WARNING")},
}
