"""``wikibio.sources.from_api`` against a local server that replays Action API responses."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

import wikibio
from wikibio.errors import NotFoundError
from wikibio.sources import ApiSource, SourceError, fetch, from_api

REPLAY = json.loads((Path(__file__).parent / "data" / "api_replay.json").read_text("utf-8"))


class _Wiki(http.server.BaseHTTPRequestHandler):
    """Answers ``action=query`` from the replay file; ``Lagged page`` lags once, ``Flaky
    page`` fails with 503 once, ``<`` is a bad title; records every request's form."""

    seen: ClassVar[list[dict[str, str]]] = []
    agents: ClassVar[list[str]] = []
    lagged = False
    flaked = False

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("ascii")))
        type(self).seen.append(form)
        type(self).agents.append(self.headers.get("User-Agent", ""))
        titles = form.get("titles", "")
        if titles == "Lagged page" and not type(self).lagged:
            type(self).lagged = True
            self._send(200, REPLAY["maxlag"], {"Retry-After": "5", "X-Database-Lag": "6"})
        elif titles == "Flaky page" and not type(self).flaked:
            type(self).flaked = True
            self._send(503, {"error": "busy"})
        elif titles == "<":
            self._send(200, REPLAY["badtitle"])
        else:
            self._send(200, REPLAY["responses"][titles])

    def _send(self, status: int, body: object, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def api() -> Iterator[str]:
    """The URL of a local ``api.php`` replaying recorded answers."""
    _Wiki.seen, _Wiki.agents, _Wiki.lagged, _Wiki.flaked = [], [], False, False
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Wiki)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/w/api.php"
    server.shutdown()
    server.server_close()


def _source(api: str, waits: list[float], **options: object) -> ApiSource:
    return ApiSource(api, sleep=waits.append, **options)  # type: ignore[arg-type]


def test_batched_titles_normalised_and_cached(api: str) -> None:
    """One request for both titles (normalisation followed); asked again, none."""
    source = _source(api, [])
    found = source.get_many(["Template:Birth date", "template:Small"])

    assert found["template:Small"] == '<span style="font-size:85%;">{{{1}}}</span>'
    assert found["Template:Birth date"] is not None
    assert [("query", "revisions", "5", "2")] == [
        (f["action"], f["prop"], f["maxlag"], f["formatversion"]) for f in _Wiki.seen
    ]
    assert found == source.get_many(["Template:Birth date", "template:Small"])
    assert 1 == source.requests


def test_redirects_and_missing_pages(api: str) -> None:
    """A redirect gives its target's text; a missing page gives None, as templates expect."""
    source = _source(api, [])

    assert source.get("Template:Bda") == "{{{1}}}-{{{2}}}-{{{3}}} (age&nbsp;...)"
    assert source.get("Template:No such template") is None
    with pytest.raises(NotFoundError, match="no page 'Template:No such template'"):
        source.fetch("Template:No such template")
    assert 2 == source.requests  # the missing page is cached too


def test_maxlag_waits_as_the_server_says(api: str) -> None:
    """A ``maxlag`` error is retried after the server's Retry-After."""
    waits: list[float] = []

    assert "After the lag." == _source(api, waits).get("Lagged page")
    assert [5.0] == waits


def test_server_errors_are_retried_with_backoff(api: str) -> None:
    """An HTTP 503 is retried after the backoff delay."""
    waits: list[float] = []

    assert "After a 503." == _source(api, waits, backoff=0.5).get("Flaky page")
    assert [0.5] == waits


def test_api_errors_and_giving_up(api: str) -> None:
    """An API error is raised at once; a server that keeps lagging, after the retries."""
    waits: list[float] = []
    with pytest.raises(SourceError, match="invalidtitle"):
        _source(api, waits).get("<")
    _Wiki.lagged = False
    source = _source(api, waits, retries=0)
    with pytest.raises(SourceError, match="gave up after 1 attempts"):
        source.get("Lagged page")


def test_unreachable_wiki_is_one_clear_error() -> None:
    """No server: a SourceError naming the URL, after the retries."""
    waits: list[float] = []
    source = ApiSource("http://127.0.0.1:9/w/api.php", sleep=waits.append, retries=2)
    with pytest.raises(SourceError, match="cannot connect"):
        source.get("Anything")
    assert [1.0, 2.0] == waits


def test_user_agent_identifies_the_client(api: str) -> None:
    """Every request says who sends it (API:Etiquette)."""
    from_api(api, user_agent="ExampleBot/1.0 (bot@example.org)").get("Ada Lovelace")

    assert ["ExampleBot/1.0 (bot@example.org)"] == _Wiki.agents


def test_sqlite_cache_keeps_pages_between_sessions(api: str, tmp_path: Path) -> None:
    """A second source on the same cache file answers without a request."""
    cache = tmp_path / "wiki.sqlite"
    with from_api(api, cache=cache) as first:
        text = first.fetch("Ada Lovelace")
    with from_api(api, cache=cache) as second:
        assert text == second.fetch("Ada Lovelace")
        assert 0 == second.requests


def test_fetch_a_page_and_parse_it(api: str) -> None:
    """``wikibio.sources.fetch`` gives an article's wikitext for ``wikibio.parse``."""
    article = wikibio.parse(fetch("Ada Lovelace", api=api), title="Ada Lovelace")

    assert "Ada Lovelace" == article.infobox["name"].value  # type: ignore[index]
    assert ["1815 births"] == article.categories


def test_stale_cache_entries_are_asked_again(api: str) -> None:
    """After ``max_age`` seconds a title is fetched again."""
    now = [1000.0]
    source = ApiSource(api, max_age=60, clock=lambda: now[0])
    source.get("Ada Lovelace")
    now[0] += 61
    source.get("Ada Lovelace")

    assert 2 == source.requests


def test_not_a_url() -> None:
    """A path or a host without a scheme is refused at once."""
    with pytest.raises(ValueError, match="not an http"):
        from_api("en.wikipedia.org/w/api.php")
