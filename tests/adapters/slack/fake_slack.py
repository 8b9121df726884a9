"""A fake Slack Web API on loopback: records every call and answers the way Slack does.

It serves `/api/<method>` (what `AsyncWebClient(base_url=…)` calls, `auth.test` included, which
bolt makes first), `/respond/<key>` (response URLs) and `/upload/<file id>` (the upload URLs
`files.getUploadURLExternal` hands out). It keeps what Slack keeps — messages per
channel (with their metadata), views, rooms and their members — and checks Block Kit as Slack
does: what Slack would refuse is refused here too, and listed in `rejected`. `fail_next` makes
the next calls answer 429 with Retry-After, or a 5xx, to exercise error handling; `weather`
(see `tests.adapters.weather`) makes a storm of them, held requests included.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web

from tests.adapters.slack.block_kit import message_problems
from tests.adapters.slack.fake_methods import JsonDict, SlackMethods, error
from tests.adapters.weather import Spell, Weather


@dataclass
class Call:
    method: str
    args: JsonDict
    answer: JsonDict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return json.dumps(self.args, ensure_ascii=False)


@dataclass
class Failure:
    status: int
    error: str
    retry_after: float | None = None
    after_doing_it: bool = False  # Slack did the work, and the answer was lost on the way
    method: str | None = None  # only a call of this method fails (None: the next call)


@dataclass
class FakeSlack(SlackMethods):
    calls: list[Call] = field(default_factory=list)
    failures: deque[Failure] = field(default_factory=deque)
    uploads: dict[str, bytes] = field(default_factory=dict)  # file id → bytes POSTed
    shared: list[JsonDict] = field(default_factory=list)  # completed uploads, with their bytes
    weather: Weather | None = None  # a storm over the Web API (not response URLs or uploads)

    def __post_init__(self) -> None:
        super().__init__()
        self._runner: web.AppRunner | None = None
        self._changed = asyncio.Condition()
        self.port = 0

    # --- lifecycle ---

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/respond/{key}", self._respond)
        app.router.add_post("/upload/{file_id}", self._upload)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, key: str = "r") -> str:
        return f"http://127.0.0.1:{self.port}/respond/{key}"

    def fail_next(
        self,
        count: int = 1,
        *,
        status: int = 429,
        retry_after: int | None = None,
        error: str = "",
        method: str | None = None,
    ) -> None:
        default = "ratelimited" if status == 429 else "service_unavailable"
        for _ in range(count):
            self.failures.append(Failure(status, error or default, retry_after, method=method))

    def lose_next_answer(self, method: str | None = None) -> None:
        """The next call (of `method`) is carried out, and its answer lost: a 503 instead."""
        self.failures.append(
            Failure(503, "service_unavailable", after_doing_it=True, method=method)
        )

    # --- what happened ---

    def called(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def methods(self) -> list[str]:
        return [call.method for call in self.calls]

    @property
    def everything_sent(self) -> str:
        return "\n".join(call.text for call in self.calls)

    async def wait_for(self, method: str, count: int = 1) -> list[Call]:
        """The calls of `method` once there are `count` of them (a hung test fails in 10 s)."""
        await self.wait_until(lambda: len(self.called(method)) >= count)
        return self.called(method)

    async def wait_until(self, happened: Callable[[], bool], seconds: float = 10) -> None:
        """Until a call makes `happened` true (TimeoutError after `seconds`)."""
        async with asyncio.timeout(seconds), self._changed:
            await self._changed.wait_for(happened)

    # --- serving ---

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        call = Call(method, await _arguments(request))
        spell = self.weather.forecast(method) if self.weather is not None else None
        if spell is not None:
            return await self._in_bad_weather(call, spell)
        failure = self._failure_for(method)
        if failure is not None and not failure.after_doing_it:
            await self._record(call)
            return _failure(failure)
        call.answer = self._carry_out(call)
        await self._record(call)
        return web.json_response(call.answer) if failure is None else _failure(failure)

    async def _in_bad_weather(self, call: Call, spell: Spell) -> web.StreamResponse:
        if spell.done:
            call.answer = self._carry_out(call)
        await self._record(call)
        if spell.hold:
            await asyncio.sleep(spell.hold)
        if spell.answers_normally:
            return web.json_response(call.answer)
        code = "ratelimited" if spell.status == 429 else "service_unavailable"
        return _failure(Failure(spell.status, code, spell.retry_after))

    def _carry_out(self, call: Call) -> JsonDict:
        handler = getattr(self, "_" + call.method.replace(".", "_"), None)
        return handler(call.args) if handler is not None else error("unknown_method")

    def _failure_for(self, method: str) -> Failure | None:
        for failure in self.failures:
            if failure.method in (None, method):
                self.failures.remove(failure)
                return failure
        return None

    async def _respond(self, request: web.Request) -> web.StreamResponse:
        args = await request.json()
        call = Call("response_url", {"key": request.match_info["key"], **args}, {"ok": True})
        problems = message_problems(args)
        if problems:
            self.rejected.append(("response_url", problems))
            call.answer = error("invalid_blocks")
        await self._record(call)
        if problems:
            return web.Response(status=400, text="invalid_blocks")
        return web.Response(text="ok")

    async def _upload(self, request: web.Request) -> web.StreamResponse:
        """Where `files.getUploadURLExternal` sends the bytes (Slack's upload URL)."""
        file_id = request.match_info["file_id"]
        if file_id not in self.uploads:
            return web.Response(status=404, text="unknown upload")
        data = self.uploads[file_id] = await request.read()
        await self._record(Call("upload", {"file_id": file_id, "bytes": len(data)}))
        return web.Response(text=f"OK - {len(data)}")

    async def _record(self, call: Call) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    # --- files (the external upload flow) ---

    def _files_getUploadURLExternal(self, args: JsonDict) -> JsonDict:
        if not args.get("filename") or not str(args.get("length", "")).isdigit():
            return error("invalid_arguments")
        file_id = f"F{next(self._ids):08d}"
        self.uploads[file_id] = b""
        url = f"http://127.0.0.1:{self.port}/upload/{file_id}"
        return {"ok": True, "upload_url": url, "file_id": file_id}

    def _files_completeUploadExternal(self, args: JsonDict) -> JsonDict:
        files = args.get("files")
        files = json.loads(files) if isinstance(files, str) else files or []
        channel = str(args.get("channel_id", ""))
        if not channel.startswith("D") and channel not in self.channels:
            return error("channel_not_found")
        done = []
        for item in files:
            if item.get("id") not in self.uploads:
                return error("file_not_found")
            data = self.uploads[item["id"]]
            self.shared.append({**item, "channel_id": channel, "data": data})
            done.append({"id": item["id"], "title": item.get("title"), "size": len(data)})
        return {"ok": True, "files": done}


def _failure(failure: Failure) -> web.Response:
    if failure.status >= 500:
        return web.Response(
            status=failure.status, text="<html>busy</html>", content_type="text/html"
        )
    wait = failure.retry_after
    headers = {"Retry-After": f"{wait:g}"} if wait is not None else {}
    return web.json_response(
        {"ok": False, "error": failure.error}, status=failure.status, headers=headers
    )


async def _arguments(request: web.Request) -> JsonDict:
    """Query, form and JSON arguments merged; JSON-encoded form fields (blocks, view) decoded."""
    args: JsonDict = dict(request.query)
    if request.can_read_body:
        if request.content_type == "application/json":
            args.update(await request.json())
        else:
            args.update(dict(await request.post()))
    for key in ("blocks", "view", "metadata"):
        if isinstance(args.get(key), str):
            args[key] = json.loads(args[key])
    return args
