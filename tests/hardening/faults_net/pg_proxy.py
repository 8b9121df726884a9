"""A TCP proxy on 127.0.0.1 between Hallway and PostgreSQL, to restart the database as Hallway
sees it without touching the real server (other tests share it): `cut()` drops every open
connection at once, `refuse()` closes the port (new connections are refused, as while a server
restarts), `admit()` opens it again, and `cut_at(text)` drops everything the moment a statement
containing `text` is on its way to the server, before it arrives — mid-transaction, on cue;
`lose_reply_to(text)` lets the statement run and drops everything as its answer comes back (a
COMMIT that happened, though Hallway never heard so).

asyncpg prepares each statement once per connection, so a cue is met where a connection first
runs a statement: the tests cue what the interrupted action runs first.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field


@dataclass(eq=False)
class Link:
    client: asyncio.StreamWriter
    server: asyncio.StreamWriter
    answer_lost: bool = False  # the server's next answer on this link is dropped, and the link
    pumps: list[asyncio.Task[None]] = field(default_factory=list)

    def drop(self) -> None:
        for writer in (self.client, self.server):
            writer.transport.abort()
        for pump in self.pumps:
            pump.cancel()


class PgProxy:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.port = 0
        self.links: set[Link] = set()
        self.cuts = 0  # connections dropped
        self.opened = 0  # connections let through
        self._server: asyncio.Server | None = None
        self._cue: bytes | None = None
        self._reply_cue: bytes | None = None
        self.cued = asyncio.Event()  # set when a `cut_at` cue was met

    async def start(self) -> int:
        await self.admit()
        return self.port

    async def admit(self) -> None:
        """Listen (again, on the same port): new connections get through."""
        if self._server is None:
            self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
            self.port = self._server.sockets[0].getsockname()[1]

    async def refuse(self) -> None:
        """Stop listening: a new connection is refused, like a server that is restarting."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    def cut(self) -> None:
        """Every open connection dropped at once (the server went away)."""
        for link in list(self.links):
            link.drop()
            self.cuts += 1
        self.links.clear()

    def cut_at(self, text: str) -> None:
        """Cut everything when a message containing `text` is on its way to the server, before
        it is forwarded: that statement never runs, and the open transaction is lost."""
        self._cue = text.encode()
        self.cued.clear()

    def lose_reply_to(self, text: str) -> None:
        """Forward the message containing `text`, then cut everything when its answer comes."""
        self._reply_cue = text.encode()
        self.cued.clear()

    async def stop(self) -> None:
        await self.refuse()
        self.cut()

    def url(self, database_url: str) -> str:
        """`database_url` with its host and port replaced by the proxy's."""
        from sqlalchemy.engine import make_url

        return (
            make_url(database_url)
            .set(host="127.0.0.1", port=self.port)
            .render_as_string(hide_password=False)
        )

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        except OSError:
            writer.transport.abort()
            return
        link = Link(writer, up_writer)
        self.links.add(link)
        self.opened += 1
        link.pumps = [
            asyncio.create_task(self._pump(reader, up_writer, link, watch=True)),
            asyncio.create_task(self._pump(up_reader, writer, link, watch=False)),
        ]

    async def _pump(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        link: Link,
        *,
        watch: bool,
    ) -> None:
        with contextlib.suppress(ConnectionError, asyncio.CancelledError, OSError):
            while chunk := await reader.read(65536):
                if watch and self._cue is not None and self._cue in chunk:
                    self._cue = None
                    self.cued.set()
                    self.cut()
                    return
                if watch and self._reply_cue is not None and self._reply_cue in chunk:
                    self._reply_cue = None
                    link.answer_lost = True
                elif not watch and link.answer_lost:
                    self.cued.set()
                    self.cut()
                    return
                writer.write(chunk)
                await writer.drain()
        if link in self.links:  # one side closed: close the other
            self.links.discard(link)
            link.drop()
