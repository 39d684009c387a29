"""The fetch flags shared by ``clearance extract`` and ``clearance batch``.

Both commands declare their parameters with the ``Annotated`` aliases below and turn the values
into settings with :meth:`FetchOptions.apply`, so the two can never build ``HttpSettings``
differently.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer

from clearance.settings import HttpSettings, Settings

UrlsOption = Annotated[
    Path | None,
    typer.Option("--urls", help="A file of http(s) URLs, one a line ('#' starts a comment)."),
]
FeedOption = Annotated[
    list[str] | None,
    typer.Option("--feed", help="An RSS/Atom/JSON feed (URL or file); repeatable."),
]
SitemapOption = Annotated[
    list[str] | None,
    typer.Option("--sitemap", help="A sitemap or sitemap index (URL or file); repeatable."),
]
AllowHostOption = Annotated[
    list[str] | None,
    typer.Option(
        "--allow-host",
        help="Allow this host or address even if it is private/loopback; repeatable.",
    ),
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option("--allow-private", help="Allow every private, loopback and link-local address."),
]
TimeoutOption = Annotated[
    float | None,
    typer.Option("--timeout", min=0.1, help="Total seconds allowed for one HTTP fetch (30)."),
]
IgnoreRobotsOption = Annotated[
    bool,
    typer.Option("--ignore-robots", help="Do not fetch or obey robots.txt."),
]


@dataclass
class FetchOptions:
    """What the fetch flags said; ``None``/empty means "keep the setting's default"."""

    urls: Path | None = None
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    allow_hosts: list[str] = field(default_factory=list)
    allow_private: bool = False
    timeout: float | None = None
    ignore_robots: bool = False

    @classmethod
    def from_flags(
        cls,
        *,
        urls: Path | None = None,
        feed: list[str] | None = None,
        sitemap: list[str] | None = None,
        allow_host: list[str] | None = None,
        allow_private: bool = False,
        timeout: float | None = None,
        ignore_robots: bool = False,
    ) -> "FetchOptions":
        """Build from the raw typer parameter values (lists may be None)."""
        return cls(
            urls=urls,
            feeds=list(feed or []),
            sitemaps=list(sitemap or []),
            allow_hosts=list(allow_host or []),
            allow_private=allow_private,
            timeout=timeout,
            ignore_robots=ignore_robots,
        )

    @property
    def has_web_sources(self) -> bool:
        """True when a URLs file, a feed or a sitemap was given."""
        return self.urls is not None or bool(self.feeds) or bool(self.sitemaps)

    def http_settings(self, base: HttpSettings) -> HttpSettings:
        """``base`` with the flags applied (allowed hosts add to those already configured)."""
        update: dict[str, object] = {
            "allow_hosts": [*base.allow_hosts, *self.allow_hosts],
            "allow_private": base.allow_private or self.allow_private,
            "obey_robots": base.obey_robots and not self.ignore_robots,
        }
        if self.timeout is not None:
            update["timeout"] = self.timeout
            update["connect_timeout"] = min(base.connect_timeout, self.timeout)
        return base.model_copy(update=update)

    def apply(self, settings: Settings) -> Settings:
        """``settings`` with its ``http`` part replaced by :meth:`http_settings`."""
        return settings.model_copy(update={"http": self.http_settings(settings.http)})
