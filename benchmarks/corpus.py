"""A generated corpus of TikTok-heavy modules, for the benchmarks (deterministic: same seed, same files).

Each module is a random mix of *snippets* -- the request and declaration shapes the plugin reads
(``requests``/``httpx``/``aiohttp`` calls with ``params=``/``json=``, f-string and ``urlencode`` URLs,
``",".join`` field lists, API clients resolving relative paths against ``self.base_url``,
python-tiktok ``KitApi`` calls, authorization URLs, allauth and social-auth settings, scope lists,
v1 endpoints, video list/query) -- and of ordinary code around them (dataclasses, parsing,
loops, ``try``/``except``), formatted the way real projects are so that plain flake8 has its
usual amount of work.

    python benchmarks/corpus.py OUT_DIR [--count N]
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout's catalog

from flake8_tiktok_scopes.tiktok import catalog

SEED = 20240229
DEFAULT_COUNT = 520
#: The snippets in the corpus's largest module; its size series is built from prefixes of it.
LARGEST_SNIPPETS = 240

#: User-info fields, from the plugin's catalog (the unconfirmed ``profile_web_link`` left out).
USER_FIELDS = tuple(field for field in catalog.USER_INFO_FIELDS if field != "profile_web_link")
#: Names people write for user fields that the API does not have (TTS002 material).
USER_TYPOS = ("like_count", "followers_count", "nickname", "avatar", "bio")
VIDEO_FIELDS = ("id", "create_time", "cover_image_url", "share_url", "video_description", "duration", "title")
VIDEO_COUNTS = ("like_count", "comment_count", "share_count", "view_count")
SCOPES = ("user.info.basic", "user.info.profile", "user.info.stats", "video.list", "video.publish")

Snippet = Callable[[random.Random, int], str]


def _fields(rng: random.Random, *, typo: bool = True) -> list[str]:
    chosen = rng.sample(USER_FIELDS, rng.randint(2, 6))
    if typo and rng.random() < 0.25:
        chosen.append(rng.choice(USER_TYPOS))
    return chosen


def _video_fields(rng: random.Random) -> list[str]:
    return rng.sample(VIDEO_FIELDS, rng.randint(2, 4)) + rng.sample(VIDEO_COUNTS, rng.randint(0, 2))


def _scopes(rng: random.Random) -> list[str]:
    return rng.sample(SCOPES, rng.randint(1, 3))


def _quoted(items: list[str]) -> str:
    return ", ".join(f'"{item}"' for item in items)


def requests_params(rng: random.Random, i: int) -> str:
    fields = ",".join(_fields(rng))
    return f'''
        def fetch_profile_{i}(token: str) -> dict[str, object]:
            """Read the logged-in user's profile."""
            response = requests.get(
                USER_INFO_URL,
                params={{"fields": "{fields}"}},
                headers={{"Authorization": f"Bearer {{token}}"}},
                timeout=10,
            )
            response.raise_for_status()
            return response.json()["data"]["user"]
        '''


def fstring_url(rng: random.Random, i: int) -> str:
    return f"""
        PROFILE_FIELDS_{i} = [{_quoted(_fields(rng))}]


        def profile_url_{i}() -> str:
            return f"{{API_BASE}}/v2/user/info/?fields={{','.join(PROFILE_FIELDS_{i})}}"


        async def load_profile_{i}(client: httpx.AsyncClient, token: str) -> dict[str, object]:
            reply = await client.get(profile_url_{i}(), headers={{"Authorization": "Bearer " + token}})
            return reply.json()
        """


def urlencode_query(rng: random.Random, i: int) -> str:
    return f"""
        def user_info_query_{i}(token: str) -> str:
            query = urlencode({{"fields": ",".join(({_quoted(_fields(rng))},))}})
            return USER_INFO_URL + "?" + query


        def user_info_{i}(session: requests.Session, token: str) -> object:
            url = user_info_query_{i}(token)
            return session.get(url, headers={{"Authorization": f"Bearer {{token}}"}}).json()
        """


def v1_post(rng: random.Random, i: int) -> str:
    return f"""
        def legacy_user_{i}(open_id: str, token: str) -> dict[str, object]:
            payload = {{
                "open_id": open_id,
                "access_token": token,
                "fields": [{_quoted(_fields(rng))}],
            }}
            reply = requests.post("https://open-api.tiktok.com/user/info/", json=payload, timeout=5)
            return reply.json().get("data", {{}})
        """


def api_client(rng: random.Random, i: int) -> str:
    fields = ",".join(_fields(rng))
    return f'''
        class TikTokClient{i}:
            """A small client of our own; paths are relative to the API base."""

            base_url = "https://open.tiktokapis.com/v2/"

            def __init__(self, token: str, timeout: float = 10.0) -> None:
                self.token = token
                self.timeout = timeout
                self.session = requests.Session()

            def _get(self, path: str, **params: str) -> dict[str, object]:
                response = self.session.get(
                    self.base_url + path,
                    params=params,
                    headers={{"Authorization": f"Bearer {{self.token}}"}},
                    timeout=self.timeout,
                )
                response.raise_for_status()
                return response.json()

            def me(self) -> dict[str, object]:
                return self._get("user/info/", fields="{fields}")
        '''


def video_list(rng: random.Random, i: int) -> str:
    return f"""
        VIDEO_FIELDS_{i} = ({_quoted(_video_fields(rng))},)


        def list_videos_{i}(token: str, cursor: int = 0) -> list[dict[str, object]]:
            videos: list[dict[str, object]] = []
            while True:
                reply = requests.post(
                    "https://open.tiktokapis.com/v2/video/list/",
                    params={{"fields": ",".join(VIDEO_FIELDS_{i})}},
                    json={{"max_count": 20, "cursor": cursor}},
                    headers={{"Authorization": f"Bearer {{token}}"}},
                )
                data = reply.json()["data"]
                videos.extend(data["videos"])
                if not data["has_more"]:
                    return videos
                cursor = data["cursor"]
        """


def video_query(rng: random.Random, i: int) -> str:
    fields = ",".join(_video_fields(rng))
    return f"""
        def query_videos_{i}(token: str, ids: list[str]) -> object:
            url = "https://open.tiktokapis.com/v2/video/query/?fields={fields}"
            body = {{"filters": {{"video_ids": ids}}}}
            return requests.post(url, json=body, headers={{"Authorization": f"Bearer {{token}}"}}).json()
        """


def authorize_url(rng: random.Random, i: int) -> str:
    return f"""
        LOGIN_SCOPES_{i} = [{_quoted(_scopes(rng))}]


        def authorize_url_{i}(client_key: str, redirect_uri: str, state: str) -> str:
            scope = ",".join(LOGIN_SCOPES_{i})
            return (
                "https://www.tiktok.com/v2/auth/authorize/"
                f"?client_key={{client_key}}&scope={{scope}}&response_type=code"
                f"&redirect_uri={{quote(redirect_uri)}}&state={{state}}"
            )
        """


def authorize_params(rng: random.Random, i: int) -> str:
    return f'''
        def login_redirect_{i}(client_key: str, redirect_uri: str) -> str:
            params = {{
                "client_key": client_key,
                "scope": "{",".join(_scopes(rng))}",
                "response_type": "code",
                "redirect_uri": redirect_uri,
                "state": secrets.token_urlsafe(16),
            }}
            return AUTHORIZE_URL + "?" + urlencode(params)
        '''


def allauth_settings(rng: random.Random, i: int) -> str:
    return f"""
        SOCIALACCOUNT_PROVIDERS_{i} = {{
            "tiktok": {{
                "SCOPE": [{_quoted(_scopes(rng))}],
                "APP": {{"client_id": os.environ.get("TIKTOK_CLIENT_KEY", ""), "secret": "", "key": ""}},
            }},
        }}
        """


def social_auth_setting(rng: random.Random, i: int) -> str:
    return f"""
        SOCIAL_AUTH_TIKTOK_SCOPE = [{_quoted(_scopes(rng))}]
        SOCIAL_AUTH_TIKTOK_KEY_{i} = os.environ.get("SOCIAL_AUTH_TIKTOK_KEY", "")
        """


def kit_api(rng: random.Random, i: int) -> str:
    return f'''
        def sdk_profile_{i}(app_id: str, secret: str, token: str) -> object:
            api = KitApi(client_id=app_id, client_secret=secret, scope="{",".join(_scopes(rng))}")
            api.set_access_token(token)
            return api.get_user_info("open_id_{i}", fields=[{_quoted(_fields(rng, typo=False))}])
        '''


def branchy_fields(rng: random.Random, i: int) -> str:
    return f"""
        if os.environ.get("TIKTOK_FULL_PROFILE"):
            EXTRA_FIELDS_{i} = [{_quoted(_fields(rng, typo=False))}]
        else:
            EXTRA_FIELDS_{i} = ["open_id"]


        def extra_profile_{i}(token: str) -> object:
            fields = ["display_name", *EXTRA_FIELDS_{i}]
            try:
                reply = requests.get(USER_INFO_URL, params={{"fields": ",".join(fields)}}, timeout=3)
            except requests.RequestException:
                LOG.warning("TikTok profile %s unavailable", {i})
                return None
            return reply.json()
        """


def aiohttp_call(rng: random.Random, i: int) -> str:
    return f'''
        async def stats_{i}(session: aiohttp.ClientSession, token: str) -> dict[str, object]:
            async with session.get(
                "https://open.tiktokapis.com/v2/user/info/",
                params={{"fields": "{",".join(_fields(rng))}"}},
                headers={{"Authorization": "Bearer " + token}},
            ) as reply:
                return await reply.json()
        '''


def model(rng: random.Random, i: int) -> str:
    names = rng.sample(["open_id", "display_name", "avatar_url", "follower_count", "username", "title"], 4)
    lines = "\n".join(f"    {name}: str | None = None" for name in names)
    pairs = ", ".join(f'{name}=data.get("{name}")' for name in names)
    return f'''
        @dataclass
        class Account{i}:
            """What we keep of a TikTok account."""

{textwrap.indent(lines, " " * 8)}

            @classmethod
            def from_payload(cls, payload: dict[str, object]) -> Account{i}:
                data = payload.get("data", {{}})
                if not isinstance(data, dict):
                    raise ValueError("unexpected payload")
                return cls({pairs})
        '''


def ordinary(rng: random.Random, i: int) -> str:
    limit = rng.randint(2, 50)
    return f'''
        def summarise_{i}(rows: list[dict[str, object]]) -> dict[str, int]:
            """Count rows by kind, ignoring the ones without one."""
            counts: dict[str, int] = {{}}
            for row in rows:
                kind = row.get("kind")
                if not isinstance(kind, str):
                    continue
                counts[kind] = counts.get(kind, 0) + 1
                if len(counts) > {limit}:
                    break
            return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


        def retry_{i}(action: Callable[[], object], attempts: int = 3) -> object:
            for attempt in range(attempts):
                try:
                    return action()
                except OSError as error:
                    LOG.info("attempt %d failed: %s", attempt, error)
                    time.sleep(0.1 * 2**attempt)
            raise RuntimeError("gave up after {{}} attempts".format(attempts))
        '''


SNIPPETS: tuple[Snippet, ...] = (
    requests_params,
    fstring_url,
    urlencode_query,
    v1_post,
    api_client,
    video_list,
    video_query,
    authorize_url,
    authorize_params,
    allauth_settings,
    social_auth_setting,
    kit_api,
    branchy_fields,
    aiohttp_call,
    model,
    ordinary,
    ordinary,
)

HEADER = '''"""TikTok integration, module {name} (generated for the flake8-tiktok-scopes benchmarks)."""

from __future__ import annotations

import logging
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import aiohttp
import httpx
import requests
from tiktok.kit_api import KitApi

LOG = logging.getLogger(__name__)
API_BASE = "https://open.tiktokapis.com"
USER_INFO_URL = API_BASE + "/v2/user/info/"
AUTHORIZE_URL = "https://www.tiktok.com/v2/auth/authorize/"
'''


#: The opening of the files an editor re-checks: the imports and the URLs.
_EDITOR_HEAD = """{docstring}

from __future__ import annotations

import logging
import secrets
from urllib.parse import urlencode

import requests

LOG = logging.getLogger(__name__)
AUTHORIZE_URL = "https://www.tiktok.com/v2/auth/authorize/"
USER_INFO_URL = "https://open.tiktokapis.com/v2/user/info/"
"""

_LOGIN = '''SCOPES = ["user.info.basic", "user.info.profile"]
PROFILE_FIELDS = ["open_id", "display_name", "avatar_url", "bio_description", "follower_count"]


def login_url(client_key: str, redirect_uri: str) -> str:
    """Where to send the user to authorize the app."""
    params = {
        "client_key": client_key,
        "scope": ",".join(SCOPES),
        "response_type": "code",
        "redirect_uri": redirect_uri,
        "state": secrets.token_urlsafe(16),
    }
    return AUTHORIZE_URL + "?" + urlencode(params)
'''

#: In place of the login: a request of the same length that declares nothing.
_VIDEOS = '''VIDEO_FIELDS = ["id", "title", "cover_image_url", "share_url", "view_count"]
PROFILE_FIELDS = ["open_id", "display_name", "avatar_url", "bio_description", "follower_count"]


def recent_videos(token: str, cursor: int = 0) -> list[dict[str, object]]:
    """One page of the user's latest videos."""
    reply = requests.post(
        "https://open.tiktokapis.com/v2/video/list/",
        params={"fields": ",".join(VIDEO_FIELDS), "state": secrets.token_urlsafe(8)},
        json={"max_count": 20, "cursor": cursor, "filter": urlencode({"sort": "new"})},
        headers={"Authorization": f"Bearer {token}"},
    )
    reply.raise_for_status()
    return list(reply.json()["data"]["videos"])
'''

_PROFILE = '''

def profile(token: str) -> dict[str, object]:
    """The logged-in user's profile."""
    response = requests.get(
        USER_INFO_URL,
        params={"fields": ",".join(PROFILE_FIELDS)},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    response.raise_for_status()
    user = response.json()["data"]["user"]
    return {key: user.get(key) for key in PROFILE_FIELDS}


def greeting(token: str) -> str:
    """A line for the page header."""
    user = profile(token)
    name = user.get("display_name") or "there"
    followers = user.get("follower_count")
    if followers is None:
        return f"Hello, {name}!"
    return f"Hello, {name} ({followers} followers)!"


def avatar_html(token: str, size: int = 64) -> str:
    """The user's picture as an image tag (an empty box when there is none)."""
    size = max(16, min(size, 512))
    url = profile(token).get("avatar_url")
    if not isinstance(url, str) or not url:
        LOG.info("no picture to show: an empty box instead")
        return f'<span class="avatar" style="width: {size}px"></span>'
    return f'<img src="{url}" width="{size}" height="{size}" alt="">'
'''

#: The file an editor re-checks on every save: 60 lines, one request, one declaration, one mistake.
EDITOR_SAMPLE = (
    _EDITOR_HEAD.format(docstring='"""Log in with TikTok and show the user\'s profile."""')
    + _LOGIN
    + _PROFILE
)

#: A file of the same length in a larger application: it requests fields and declares no scope
#: (the application's other modules do).
PROJECT_SAMPLE = (
    _EDITOR_HEAD.format(docstring='"""The TikTok user\'s profile and latest videos."""') + _VIDEOS + _PROFILE
)

#: An ordinary 60-line module an editor re-checks: it says nothing of TikTok.
ORDINARY_SAMPLE = (
    EDITOR_SAMPLE.replace("TikTok", "Acme")
    .replace("open.tiktokapis.com/v2/user/info/", "api.acme.example/v2/me/")
    .replace("www.tiktok.com/v2/auth/authorize/", "id.acme.example/authorize/")
    .replace('"user.info.basic", "user.info.profile"', '"profile", "email"')
    .replace("open_id", "account_id")
    .replace("bio_description", "about")
    .replace("follower_count", "followers")
)


def module_parts(name: str, snippets: int, seed: int) -> list[str]:
    """One module in pieces: the header, then ``snippets`` snippets drawn with ``seed``."""
    rng = random.Random(seed)
    parts = [HEADER.format(name=name)]
    if rng.random() < 0.7:  # most modules declare their scopes somewhere
        parts.append(f'\nSCOPES = "{",".join(_scopes(rng))}"\n')
    for index in range(snippets):
        snippet = rng.choice(SNIPPETS)
        parts.append("\n\n" + textwrap.dedent(snippet(rng, index)).strip("\n") + "\n")
    return parts


def module_source(name: str, snippets: int, seed: int) -> str:
    """One module: the header, then ``snippets`` snippets drawn with ``seed``."""
    return "".join(module_parts(name, snippets, seed))


def largest_source(snippets: int = LARGEST_SNIPPETS) -> str:
    """The corpus's largest module, cut after ``snippets`` snippets (a prefix of the full one)."""
    return module_source("largest", snippets, SEED)


def _plans(seed: int = SEED) -> Iterator[tuple[str, int, int]]:
    """The corpus's modules, without end: name, number of snippets, seed."""
    rng = random.Random(seed)
    for number in itertools.count():
        # Mostly small and middle-sized modules, a few big ones: like a real code base.
        snippets = min(int(rng.lognormvariate(1.8, 0.8)) + 1, 80)
        yield f"tiktok_{number:04d}", snippets, rng.randrange(2**32)


def generate(
    directory: Path, count: int = DEFAULT_COUNT, seed: int = SEED, *, largest: bool = True
) -> list[Path]:
    """Write ``count`` modules (and the largest one) in packages under ``directory``."""
    written = []
    for number, (name, snippets, module_seed) in enumerate(itertools.islice(_plans(seed), count)):
        package = directory / f"app{number % 12:02d}"
        package.mkdir(parents=True, exist_ok=True)
        (package / "__init__.py").touch()
        path = package / f"{name}.py"
        path.write_text(module_source(name, snippets, module_seed), encoding="utf-8")
        written.append(path)
    if largest:
        path = directory / "tiktok_largest.py"
        path.write_text(largest_source(), encoding="utf-8")
        written.append(path)
    return written


def sized_source(max_lines: int) -> str:
    """The corpus's modules concatenated into one of at most ``max_lines`` lines: one header, then
    each module's declaration and snippets, up to the last snippet that fits (each size is a
    prefix of the larger ones)."""
    parts = [HEADER.format(name=f"{max_lines} lines")]
    lines = parts[0].count("\n")
    for name, snippets, seed in _plans():
        for part in module_parts(name, snippets, seed)[1:]:
            if lines + part.count("\n") > max_lines:
                return "".join(parts)
            parts.append(part)
            lines += part.count("\n")
    raise AssertionError("unreachable: the plans never end")


def record(rng: random.Random, i: int) -> str:
    columns = rng.sample(["name", "email", "created", "country", "plan", "seats", "owner"], 4)
    values = ", ".join(f'str(row.get("{column}") or "")' for column in columns)
    return f'''
        class Record{i}(NamedTuple):
            """A row of the accounts export."""

{textwrap.indent(chr(10).join(f"    {column}: str" for column in columns), " " * 8)}


        def read_record_{i}(row: dict[str, object]) -> Record{i}:
            if not row:
                raise ValueError("empty row")
            return Record{i}({values})
        '''


ORDINARY_HEADER = '''"""Accounts, module {name} (generated for the benchmarks)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import NamedTuple

LOG = logging.getLogger(__name__)
'''


def ordinary_source(name: str, snippets: int, seed: int) -> str:
    """A module that says nothing of TikTok: record classes and helpers."""
    rng = random.Random(seed)
    parts = [ORDINARY_HEADER.format(name=name)]
    for index in range(snippets):
        snippet = rng.choice((ordinary, record))
        parts.append("\n\n" + textwrap.dedent(snippet(rng, index)).strip("\n") + "\n")
    return "".join(parts)


def generate_project(directory: Path, modules: int, about_tiktok: int, seed: int = SEED) -> Path:
    """An application of ``modules`` modules in 20 packages (and a root marker), ``about_tiktok``
    of them about TikTok: the corpus's modules, and the file an editor has open
    (:data:`PROJECT_SAMPLE`, which declares nothing; its path is returned). The others say
    nothing of TikTok."""
    if not 2 <= about_tiktok <= modules // 2:
        raise ValueError("a project needs 2 to half its modules about TikTok")
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "pyproject.toml").write_text('[project]\nname = "generated-app"\n', encoding="utf-8")
    every = modules // about_tiktok
    plans = _plans(seed)
    edited = directory / f"app{every // 2 % 20:02d}" / "tiktok_feed.py"
    for number in range(modules):
        package = directory / f"app{number % 20:02d}"
        package.mkdir(exist_ok=True)
        (package / "__init__.py").touch()
        if number == every // 2:  # between the first two of the others about TikTok
            edited.write_text(PROJECT_SAMPLE, encoding="utf-8")
        elif number % every == 0 and number // every < about_tiktok - 1:
            name, snippets, module_seed = next(plans)
            (package / f"{name}.py").write_text(module_source(name, snippets, module_seed), encoding="utf-8")
        else:
            path = package / f"accounts_{number:04d}.py"
            text = ordinary_source(path.stem, rng.randint(3, 15), rng.randrange(2**32))
            path.write_text(text, encoding="utf-8")
    return edited


def main() -> None:
    """Write the corpus to the directory named on the command line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("directory", type=Path)
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT)
    arguments = parser.parse_args()
    paths = generate(arguments.directory, arguments.count)
    lines = sum(path.read_text(encoding="utf-8").count("\n") for path in paths)
    print(f"{len(paths)} modules, {lines} lines in {arguments.directory}")


if __name__ == "__main__":
    main()
