"""How Python libraries are called, as far as the checker follows them: data, in one place.

Names are qualified as the code imports them (``requests.get``, ``httpx.AsyncClient``). The
interpreter reads these tables to know what a call builds (a client with a base URL, a string,
a test double); the recognisers read them to know where scopes are declared. The README's table
"What it understands" lists the same libraries; a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..records import Record

#: Roots of qualified names whose calls set up test doubles: what they are given is test data.
MOCK_ROOTS = frozenset(
    {
        "responses",
        "respx",
        "respx_mock",
        "httpretty",
        "requests_mock",
        "aioresponses",
        "httpx_mock",
        "pook",
        "mock",
        "unittest",
        "mocker",
        "rsps",
        "vcr",
    }
)
#: Methods of a test double that check how it was called (their arguments are expectations).
MOCK_ASSERTIONS = frozenset(
    {
        "assert_called_with",
        "assert_called_once_with",
        "assert_any_call",
        "assert_has_calls",
        "assert_awaited_with",
        "assert_awaited_once_with",
        "assert_any_await",
        "assert_has_awaits",
    }
)

#: Readers of the environment and of configuration files: (position, keyword) of their default.
ENVIRONMENT_READERS: Mapping[str, tuple[int | None, str | None]] = {
    "os.getenv": (1, "default"),
    "os.environ.get": (1, "default"),
    "os.environ.setdefault": (1, "default"),
    "decouple.config": (None, "default"),
    "environ.Env": (None, "default"),
}

#: Keys and attributes that hold the scopes a user granted, when read from something unknown.
GRANTED_KEYS = frozenset({"scope", "scopes"})

#: OAuth libraries that join a list of scopes with spaces (by the root of their qualified name).
SPACE_JOINING = {"authlib": "Authlib", "requests_oauthlib": "requests-oauthlib", "oauthlib": "oauthlib"}

#: HTTP client classes, and the keyword that gives them a base URL (None: they take none).
HTTP_CLIENTS: Mapping[str, str | None] = {
    "httpx.Client": "base_url",
    "httpx.AsyncClient": "base_url",
    "aiohttp.ClientSession": "base_url",
    "requests.Session": None,
    "requests.sessions.Session": None,
}

#: Methods of those clients that send a request through the client's own ``request(method, url, ...)``
#: (a subclass that overrides ``request`` sees every one of them).
HTTP_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options"})

#: Registries of OAuth clients: ``oauth.register("tiktok", api_base_url=...)``, then ``oauth.tiktok``.
OAUTH_REGISTRIES = frozenset(
    {
        "authlib.integrations.flask_client.OAuth",
        "authlib.integrations.starlette_client.OAuth",
        "authlib.integrations.django_client.OAuth",
        "authlib.integrations.base_client.BaseOAuth",
    }
)
REGISTER_METHODS = frozenset({"register", "create_client"})
REGISTRY_BASE_URL = "api_base_url"

#: Keyword arguments that name the URL of a request.
URL_KEYWORDS = ("url", "endpoint", "path", "uri")

#: Classes that build URLs; the interpreter keeps their value as the URL string they stand for.
URL_CLASSES = frozenset({"yarl.URL", "furl.furl", "furl.furl.furl", "httpx.URL"})
#: Methods of those classes that add query parameters, and those that join a path.
URL_QUERY_METHODS = frozenset(
    {"with_query", "update_query", "extend_query", "add", "set", "merge", "copy_with", "copy_merge_params"}
)
URL_JOIN_METHODS = frozenset({"join", "joinpath"})
QUERY_CLASSES = frozenset({"httpx.QueryParams"})
#: Functions and classes that build a URL (a path) from its parts and send nothing: a call to
#: one is not a request, though a URL is among its arguments.
URL_BUILDERS = URL_CLASSES | {
    "urllib.parse.urljoin",
    "urllib.parse.urlencode",
    "urllib.parse.urlunparse",
    "urllib.parse.urlunsplit",
    "urllib.parse.quote",
    "urllib.parse.quote_plus",
    "posixpath.join",
    "os.path.join",
}

#: Decorators and bases whose classes take their fields as constructor arguments.
DATACLASS_DECORATORS = frozenset(
    {
        "dataclasses.dataclass",
        "pydantic.dataclasses.dataclass",
        "attr.s",
        "attr.attrs",
        "attr.define",
        "attr.frozen",
        "attr.mutable",
        "attrs.define",
        "attrs.frozen",
        "attrs.mutable",
    }
)
MODEL_BASES = frozenset(
    {"pydantic.BaseModel", "pydantic.BaseSettings", "pydantic_settings.BaseSettings", "typing.NamedTuple"}
)
#: Field declarations and the keywords of their default (or default factory): position 0 is the
#: default for pydantic's ``Field``.
FIELD_SPECS: Mapping[str, tuple[str, str]] = {
    "dataclasses.field": ("default", "default_factory"),
    "attr.ib": ("default", "factory"),
    "attr.attrib": ("default", "factory"),
    "attrs.field": ("default", "factory"),
    "pydantic.Field": ("default", "default_factory"),
}
POSITIONAL_DEFAULT_SPECS = frozenset({"pydantic.Field"})

#: Enum bases: iterating the class gives its members.
ENUM_BASES = frozenset({"enum.Enum", "enum.StrEnum", "enum.IntEnum", "enum.Flag", "enum.IntFlag"})

#: Decorators that turn a method into an attribute computed on read.
PROPERTY_DECORATORS = frozenset({"property", "functools.cached_property", "cached_property"})

#: Task queues: ``task.delay(*args)`` runs the task function with those arguments.
TASK_CALLS = frozenset({"delay", "apply", "s", "si"})

#: Framework settings objects (the value of ``settings.NAME`` is found in the project).
DJANGO_SETTINGS = "django.conf.settings"
FLASK_APPS = frozenset({"flask.Flask", "quart.Quart"})
FLASK_CURRENT_APP = frozenset({"flask.current_app", "quart.current_app"})
#: The configuration of a Flask app (``app.config``, ``current_app.config``).
FLASK_CONFIGS = frozenset(f"{app}.config" for app in FLASK_APPS | FLASK_CURRENT_APP)

#: python-tiktok: its client class.
PYTIKTOK_CLIENT = "pytiktok.KitApi"
PYTIKTOK_PREFIX = "pytiktok."
#: django-allauth: the setting, its TikTok entry and the keys that hold scopes.
ALLAUTH_SETTING = "SOCIALACCOUNT_PROVIDERS"
ALLAUTH_PROVIDER = "tiktok"
ALLAUTH_APPS = ("APPS", "APP")


class Shape(Record):
    """One row of the README's "What it understands" table."""

    library: str
    versions: str
    reads: str


#: What the checker understands of each library (the README table, row for row).
SHAPES: tuple[Shape, ...] = (
    Shape(
        "requests, httpx (sync and async, `base_url=`), aiohttp (`base_url=`), urllib",
        "any",
        "the URL argument, `params=` (a dict, pairs, a query string), `json=`, `data=`, `fields=`; "
        "`urllib.request.Request(url, data=..., method=...)`",
    ),
    Shape(
        "your own client class or module helper",
        "—",
        "arguments bound at each call, return values, instances and their attributes, properties, "
        'class attributes through the bases, a relative `"user/info/"` path plus the one TikTok '
        "base URL of the client, class or module",
    ),
    Shape(
        "dataclasses, attrs, `typing.NamedTuple`, pydantic `BaseModel`/`BaseSettings`",
        "any",
        "field defaults (`field(default=...)`, `default_factory`), overridden by constructor arguments",
    ),
    Shape(
        "functools, decorators",
        "any",
        "`partial`, wrapping decorators (`wraps`), `cached_property`, lambdas",
    ),
    Shape(
        "URL builders: yarl, furl, httpx `URL`/`QueryParams`, `string.Template`",
        "any",
        "`/`, `join`, `with_query`, `update_query`, `add`, `set`, `substitute`",
    ),
    Shape(
        "python-tiktok (`pytiktok.KitApi`)",
        "0.1.12",
        "`scope=` (default `user.info.basic,video.list`), `get_user_info`, `get_user_videos`, "
        "`query_videos` (their default fields); the v1 URLs it writes itself are not TTS003 in your code",
    ),
    Shape(
        "django-allauth TikTok provider",
        "0.63.0 to 65.21.1",
        '`SOCIALACCOUNT_PROVIDERS["tiktok"]["SCOPE"]`, per-app `APPS[...]["settings"]["scope"]`, '
        "the default scope",
    ),
    Shape(
        "Authlib",
        "1.x",
        '`oauth.register("tiktok", api_base_url=..., client_kwargs={"scope": ...})` and '
        '`oauth.tiktok.get("user/info/")`, `OAuth2Session`/`AsyncOAuth2Client(scope=...)`: a list is TTS004',
    ),
    Shape("requests-oauthlib", "2.0", "`OAuth2Session(scope=...)`: a list is TTS004"),
    Shape(
        "social-auth (python-social-auth)",
        "social-auth-core 4 to 7",
        "`SOCIAL_AUTH_TIKTOK_SCOPE`, a TikTok backend's `DEFAULT_SCOPE`",
    ),
    Shape(
        "Django, Flask, pydantic-settings configuration",
        "any",
        "`settings.NAME` from the project's settings module, `app.config.from_object(...)` and "
        '`current_app.config["NAME"]`, settings instances imported from a config module',
    ),
    Shape(
        "strings",
        "—",
        "constants, locals, `Enum` members (and iterating an `Enum`), comprehensions and loops over "
        'known lists, f-strings, `+`, `",".join`, `str.format`, `%`, `urlencode`, `urljoin`, `%2C`, '
        "`A if x else B`, dicts of endpoints",
    ),
    Shape(
        "environment and configuration readers",
        "any",
        "`os.getenv(name, default)`, `os.environ.get`, `decouple.config(name, default=...)`, "
        "`os.getenv(name) or default`: the default",
    ),
    Shape(
        "test doubles: unittest.mock, responses, respx, requests-mock, httpretty, aioresponses, pytest-httpx",
        "any",
        "nothing: what they are given, and `assert_called_with(...)`, is test data",
    ),
)
