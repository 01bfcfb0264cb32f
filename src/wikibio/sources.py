"""Where wikitext comes from: a dump, a directory, or a live wiki through the Action API.

A *template source* is any object with ``get(title) -> str | None`` that is asked for
full page titles in canonical form (``"Template:Foo"``, ``"Module:Bar"``); a
``Mapping[str, str]`` works too (``TemplateSource``).  ``from_api`` makes one that reads
a live wiki; its ``fetch`` gives the wikitext of any page, e.g. an article to parse.

* ``from_dump(path, index=None)`` — the non-article pages of an XML dump, indexed once
  into SQLite beside the dump and reused while the dump's size and mtime are unchanged;
* ``from_index(path)`` — an index ``from_dump`` built, read without its dump;
* ``from_directory(path)`` — ``Template:Foo.wikitext``-style files;
* ``open_source(path)`` — whichever of these ``path`` is (``wikibio text --templates``).

The API client follows the wiki operators' etiquette (mediawiki.org, *API:Etiquette* and
*Manual:Maxlag parameter*): requests are serial, carry a descriptive ``User-Agent``, ask
for up to 50 titles at once, send ``maxlag=5`` and wait as the server's ``Retry-After``
says when it answers ``maxlag``; server errors and HTTP 429 are retried with exponential
backoff.  Pages are kept in an SQLite cache keyed by revision id, so a title asked again
within ``max_age`` seconds costs no request, and an unchanged revision is stored once.

Examples:
    >>> from wikibio.sources import from_api
    >>> wiki = from_api(cache="enwiki.sqlite")  # English Wikipedia  # doctest: +SKIP
    >>> wiki.fetch("Ada Lovelace")[:40]  # doctest: +SKIP
    '{{Short description|English mathematician'
    >>> wiki.get("Template:Birth date")  # doctest: +SKIP

    >>> import wikibio
    >>> templates = {"Template:Greet": "Hello, {{{1|world}}}!"}
    >>> wikibio.expand("{{greet}} {{greet|you}}", templates=templates)
    'Hello, world! Hello, you!'
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from email.message import Message
from typing import Final, Protocol

from wikibio import __version__
from wikibio.errors import WikibioError
from wikibio.expand.api import TemplateSource
from wikibio.expand.sources import (
    DirectorySource,
    DumpSource,
    TemplateSourceError,
    from_directory,
    from_dump,
    from_index,
    is_index,
)

__all__ = [
    "DEFAULT_API",
    "ApiSource",
    "DirectorySource",
    "DumpSource",
    "SourceError",
    "TemplateSource",
    "TemplateSourceError",
    "fetch",
    "from_api",
    "from_directory",
    "from_dump",
    "from_index",
    "is_index",
    "open_source",
]

#: English Wikipedia's Action API endpoint.
DEFAULT_API: Final = "https://en.wikipedia.org/w/api.php"
#: Titles per request: the API's limit for clients without the ``apihighlimits`` right.
BATCH: Final = 50
#: What the client tells the server about itself (API:Etiquette asks for contact details:
#: pass ``user_agent=`` with yours).
USER_AGENT: Final = f"wikibio/{__version__} (wikitext parser library; Python urllib)"


class SourceError(WikibioError):
    """The wiki could not be read (network, HTTP or API error, after the retries)."""


class _Response(Protocol):
    status: int
    headers: Message

    def read(self) -> bytes: ...


#: Opens a request and returns the response (``urllib.request.urlopen`` by default).
Opener = Callable[[urllib.request.Request, float], _Response]


def _urlopen(request: urllib.request.Request, timeout: float) -> _Response:
    response: _Response = urllib.request.urlopen(request, timeout=timeout)
    return response


class ApiSource:
    """Pages of a live wiki through its Action API, cached by revision in SQLite.

    Use ``from_api`` to make one.  Usable as a template source (``get``) and to fetch
    articles (``fetch``); ``get_many`` asks for many titles in batches of 50.
    """

    def __init__(
        self,
        url: str,
        *,
        cache: str | os.PathLike[str] | None = None,
        max_age: float = 86400.0,
        user_agent: str = USER_AGENT,
        maxlag: int = 5,
        retries: int = 5,
        backoff: float = 1.0,
        timeout: float = 30.0,
        opener: Opener | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"{url!r} is not an http(s) URL of a wiki's api.php")
        self.url = url
        self.user_agent = user_agent
        self.maxlag = maxlag
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.max_age = max_age
        #: Requests sent so far (for tests and for the curious).
        self.requests = 0
        self._open = opener or _urlopen
        self._sleep = sleep
        self._clock = clock
        self._db = sqlite3.connect(":memory:" if cache is None else os.fspath(cache))
        self._db.executescript(
            """
            CREATE TABLE IF NOT EXISTS revisions (revid INTEGER PRIMARY KEY, text TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS titles (
                wiki TEXT NOT NULL, title TEXT NOT NULL, revid INTEGER, fetched REAL NOT NULL,
                PRIMARY KEY (wiki, title)
            );
            """
        )

    def __repr__(self) -> str:
        return f"<ApiSource {self.url}>"

    def close(self) -> None:
        """Close the cache."""
        self._db.close()

    def __enter__(self) -> ApiSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading --------------------------------------------------------------------------

    def get(self, title: str, /) -> str | None:
        """The current wikitext of page ``title`` (redirects followed), or ``None``.

        Raises:
            SourceError: the wiki could not be read.
        """
        return self.get_many([title])[title]

    def fetch(self, title: str) -> str:
        """The current wikitext of page ``title`` (redirects followed).

        Raises:
            NotFoundError: the page does not exist.
            SourceError: the wiki could not be read.
        """
        from wikibio.errors import NotFoundError

        text = self.get(title)
        if text is None:
            raise NotFoundError(f"{self.url} has no page {title!r}")
        return text

    def get_many(self, titles: Iterable[str]) -> dict[str, str | None]:
        """Each title's wikitext (``None`` for a missing page), asking 50 titles at a time.

        Raises:
            SourceError: the wiki could not be read.
        """
        wanted = list(dict.fromkeys(titles))
        found: dict[str, str | None] = {}
        missing: list[str] = []
        for title in wanted:
            cached = self._cached(title)
            if cached is None:
                missing.append(title)
            else:
                found[title] = cached[0]
        for start in range(0, len(missing), BATCH):
            found.update(self._query(missing[start : start + BATCH]))
        return {title: found.get(title) for title in wanted}

    # --- the cache --------------------------------------------------------------------------

    def _cached(self, title: str) -> tuple[str | None] | None:
        row = self._db.execute(
            "SELECT titles.revid, titles.fetched, revisions.text FROM titles "
            "LEFT JOIN revisions ON revisions.revid = titles.revid "
            "WHERE titles.wiki = ? AND titles.title = ?",
            (self.url, title),
        ).fetchone()
        if row is None or self._clock() - row[1] > self.max_age:
            return None
        revid, _, text = row
        if revid is not None and text is None:
            return None
        return (text,)

    def _remember(self, title: str, revid: int | None, text: str | None) -> None:
        if revid is not None and text is not None:
            self._db.execute(
                "INSERT OR IGNORE INTO revisions (revid, text) VALUES (?, ?)", (revid, text)
            )
        self._db.execute(
            "INSERT OR REPLACE INTO titles (wiki, title, revid, fetched) VALUES (?, ?, ?, ?)",
            (self.url, title, revid, self._clock()),
        )

    # --- the API ----------------------------------------------------------------------------

    def _query(self, titles: list[str]) -> dict[str, str | None]:
        data = self._call(
            {
                "action": "query",
                "prop": "revisions",
                "rvprop": "ids|content",
                "rvslots": "main",
                "redirects": "1",
                "titles": "|".join(titles),
            }
        )
        query = data.get("query", {})
        if not isinstance(query, dict):
            raise SourceError(f"{self.url} answered without a query result")
        renamed: dict[str, str] = {}
        for step in (*query.get("normalized", ()), *query.get("redirects", ())):
            renamed[step["from"]] = step["to"]
        pages: dict[str, tuple[int | None, str | None]] = {}
        for page in query.get("pages", ()):
            revisions = page.get("revisions") or []
            if page.get("missing") or page.get("invalid") or not revisions:
                pages[page.get("title", "")] = (None, None)
                continue
            revision = revisions[0]
            slot = revision.get("slots", {}).get("main", {})
            pages[page["title"]] = (revision.get("revid"), slot.get("content"))
        result: dict[str, str | None] = {}
        for title in titles:
            final = title
            for _ in range(len(renamed) + 1):  # follow normalisation, then redirects
                if final not in renamed:
                    break
                final = renamed[final]
            revid, text = pages.get(final, (None, None))
            self._remember(title, revid, text)
            result[title] = text
        self._db.commit()
        return result

    def _call(self, params: Mapping[str, str]) -> dict[str, object]:
        """One API request, with ``maxlag`` and retries; the decoded JSON."""
        body = urllib.parse.urlencode(
            {**params, "format": "json", "formatversion": "2", "maxlag": str(self.maxlag)}
        ).encode("ascii")
        problem = ""
        for attempt in range(self.retries + 1):
            request = urllib.request.Request(
                self.url,
                data=body,
                headers={
                    "User-Agent": self.user_agent,
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept-Encoding": "identity",
                },
            )
            wait = self.backoff * 2**attempt
            self.requests += 1
            try:
                response = self._open(request, self.timeout)
                payload = response.read()
                retry_after = response.headers.get("Retry-After")
            except urllib.error.HTTPError as error:
                problem = f"HTTP {error.code} {error.reason}"
                if error.code != 429 and error.code < 500:
                    raise SourceError(f"{self.url}: {problem}") from None
                wait = max(wait, _seconds(error.headers.get("Retry-After")))
            except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
                reason = getattr(error, "reason", error)
                problem = f"cannot connect: {reason}"
            else:
                try:
                    data = json.loads(payload)
                except ValueError:
                    raise SourceError(f"{self.url} did not answer with JSON") from None
                if not isinstance(data, dict):
                    raise SourceError(f"{self.url} did not answer with a JSON object")
                failure = data.get("error")
                if not isinstance(failure, dict):
                    return data
                code = failure.get("code")
                if code != "maxlag":
                    raise SourceError(f"{self.url}: API error {code}: {failure.get('info', '')}")
                problem = f"replication lag ({failure.get('info', 'maxlag')})"
                wait = max(_seconds(retry_after), 1.0)
            if attempt < self.retries:
                self._sleep(wait)
        raise SourceError(f"{self.url}: {problem}; gave up after {self.retries + 1} attempts")


def _seconds(value: str | None) -> float:
    try:
        return max(0.0, float(value)) if value else 0.0
    except ValueError:
        return 0.0


def from_api(
    url: str = DEFAULT_API,
    *,
    cache: str | os.PathLike[str] | None = None,
    user_agent: str = USER_AGENT,
    max_age: float = 86400.0,
) -> ApiSource:
    """A live wiki as a template and page source, through its Action API.

    Args:
        url: The wiki's ``api.php`` (default: English Wikipedia's).
        cache: An SQLite file that keeps fetched pages by revision (default: memory only).
        user_agent: Your client's name and contact, as the wiki's etiquette asks.
        max_age: Seconds a cached page is served without asking the wiki again.

    Raises:
        ValueError: ``url`` is not an http(s) URL.
    """
    return ApiSource(url, cache=cache, user_agent=user_agent, max_age=max_age)


def fetch(
    title: str, *, api: str = DEFAULT_API, cache: str | os.PathLike[str] | None = None
) -> str:
    """The current wikitext of one page of a live wiki (``from_api(api).fetch(title)``).

    Raises:
        NotFoundError: the page does not exist.
        SourceError: the wiki could not be read.
    """
    with from_api(api, cache=cache) as source:
        return source.fetch(title)


def open_source(
    path: str | os.PathLike[str],
    *,
    index: str | os.PathLike[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> TemplateSource:
    """The template source at ``path``: a directory, an SQLite index, or a dump.

    A dump is indexed (or its index reused) as ``from_dump`` does, into ``index`` or
    beside the dump.

    Raises:
        TemplateSourceError: nothing readable is at ``path``.
    """
    if os.path.isdir(path):
        return from_directory(path)
    if is_index(path):
        return from_index(path)
    return from_dump(path, index=index, progress=progress)
