"""A fake Slack Web API on loopback: records every call and answers the way Slack does.

It serves `/api/<method>` (what `AsyncWebClient(base_url=…)` calls, `auth.test` included, which
bolt makes first) and `/respond/<key>` (response URLs). `fail_next` makes the next calls answer
429 with Retry-After, or a 5xx, to exercise error handling.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

JsonDict = dict[str, Any]


@dataclass
class Call:
    method: str
    args: JsonDict

    @property
    def text(self) -> str:
        return json.dumps(self.args, ensure_ascii=False)


@dataclass
class Failure:
    status: int
    error: str
    retry_after: int | None = None


@dataclass
class FakeSlack:
    calls: list[Call] = field(default_factory=list)
    users: dict[str, JsonDict] = field(default_factory=dict)
    channels: dict[str, JsonDict] = field(default_factory=dict)
    failures: deque[Failure] = field(default_factory=deque)
    uploads: dict[str, bytes] = field(default_factory=dict)  # file id → bytes POSTed
    shared: list[JsonDict] = field(default_factory=list)  # completed uploads, with their bytes

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)
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

    # --- set-up ---

    def add_user(
        self, user_id: str, email: str | None, name: str = "", tz: str = "Asia/Tokyo"
    ) -> JsonDict:
        shown = name or (email or user_id).split("@")[0].title()
        user = {
            "id": user_id,
            "name": shown.lower(),
            "real_name": shown,
            "tz": tz,
            "is_bot": False,
            "deleted": False,
            "profile": {"display_name": shown, "real_name": shown, "email": email},
        }
        self.users[user_id] = user
        return user

    def add_channel(self, name: str, *, private: bool = False) -> str:
        channel_id = f"{'G' if private else 'C'}{next(self._ids):08d}"
        self.channels[channel_id] = {
            "id": channel_id,
            "name": name,
            "is_private": private,
            "is_archived": False,
            "members": [],
            "topic": "",
        }
        return channel_id

    def fail_next(
        self, count: int = 1, *, status: int = 429, retry_after: int | None = None, error: str = ""
    ) -> None:
        default = "ratelimited" if status == 429 else "service_unavailable"
        for _ in range(count):
            self.failures.append(Failure(status, error or default, retry_after))

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
        async with asyncio.timeout(10), self._changed:
            await self._changed.wait_for(lambda: len(self.called(method)) >= count)
        return self.called(method)

    # --- serving ---

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        args = await _arguments(request)
        await self._record(Call(method, args))
        if self.failures:
            return _failure(self.failures.popleft())
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        answer: JsonDict = handler(args)
        return web.json_response(answer)

    async def _respond(self, request: web.Request) -> web.StreamResponse:
        args = await request.json()
        await self._record(Call("response_url", {"key": request.match_info["key"], **args}))
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

    def _ts(self) -> str:
        return f"1626600000.{next(self._ids):06d}"

    # --- the Web API methods Hallway uses ---

    def _auth_test(self, args: JsonDict) -> JsonDict:
        return {
            "ok": True,
            "url": "https://hallway-test.slack.com/",
            "team": "Hallway Test",
            "user": "hallway",
            "team_id": "T00000001",
            "user_id": "UHALLWAY1",
            "bot_id": "BHALLWAY1",
            "is_enterprise_install": False,
        }

    def _users_info(self, args: JsonDict) -> JsonDict:
        user = self.users.get(str(args.get("user")))
        return {"ok": True, "user": user} if user else _error("user_not_found")

    def _users_lookupByEmail(self, args: JsonDict) -> JsonDict:
        email = str(args.get("email", "")).lower()
        for user in self.users.values():
            if (user["profile"].get("email") or "").lower() == email:
                return {"ok": True, "user": user}
        return _error("users_not_found")

    def _conversations_open(self, args: JsonDict) -> JsonDict:
        user = str(args.get("users", ""))
        if user not in self.users:
            return _error("user_not_found")
        return {"ok": True, "channel": {"id": f"D{user}"}}

    def _conversations_list(self, args: JsonDict) -> JsonDict:
        listed = [c for c in self.channels.values() if not c["is_archived"]]
        return {"ok": True, "channels": listed, "response_metadata": {"next_cursor": ""}}

    def _conversations_create(self, args: JsonDict) -> JsonDict:
        name = str(args.get("name"))
        if any(channel["name"] == name for channel in self.channels.values()):
            return _error("name_taken")
        channel_id = self.add_channel(name, private=_truthy(args.get("is_private")))
        return {"ok": True, "channel": self.channels[channel_id]}

    def _conversations_invite(self, args: JsonDict) -> JsonDict:
        channel = self.channels.get(str(args.get("channel")))
        if channel is None:
            return _error("channel_not_found")
        channel["members"].extend(str(args.get("users", "")).split(","))
        return {"ok": True, "channel": channel}

    def _conversations_setTopic(self, args: JsonDict) -> JsonDict:
        channel = self.channels.get(str(args.get("channel")))
        if channel is None:
            return _error("channel_not_found")
        channel["topic"] = args.get("topic", "")
        return {"ok": True, "channel": channel}

    def _conversations_archive(self, args: JsonDict) -> JsonDict:
        channel = self.channels.get(str(args.get("channel")))
        if channel is None:
            return _error("channel_not_found")
        if channel["is_archived"]:
            return _error("already_archived")
        channel["is_archived"] = True
        return {"ok": True}

    def _chat_postMessage(self, args: JsonDict) -> JsonDict:
        channel = str(args.get("channel"))
        if not channel.startswith("D") and channel not in self.channels:
            return _error("channel_not_found")
        return {"ok": True, "channel": channel, "ts": self._ts(), "message": args}

    def _chat_postEphemeral(self, args: JsonDict) -> JsonDict:
        return {"ok": True, "message_ts": self._ts()}

    def _chat_update(self, args: JsonDict) -> JsonDict:
        return {"ok": True, "channel": args.get("channel"), "ts": args.get("ts")}

    def _view(self, args: JsonDict) -> JsonDict:
        view = args.get("view") or {}
        view_id = args.get("view_id") or f"V{next(self._ids):08d}"
        return {"ok": True, "view": {"id": view_id, **view}}

    _views_open = _views_update = _views_push = _views_publish = _view

    def _files_getUploadURLExternal(self, args: JsonDict) -> JsonDict:
        if not args.get("filename") or not str(args.get("length", "")).isdigit():
            return _error("invalid_arguments")
        file_id = f"F{next(self._ids):08d}"
        self.uploads[file_id] = b""
        url = f"http://127.0.0.1:{self.port}/upload/{file_id}"
        return {"ok": True, "upload_url": url, "file_id": file_id}

    def _files_completeUploadExternal(self, args: JsonDict) -> JsonDict:
        files = args.get("files")
        files = json.loads(files) if isinstance(files, str) else files or []
        channel = str(args.get("channel_id", ""))
        if not channel.startswith("D") and channel not in self.channels:
            return _error("channel_not_found")
        done = []
        for item in files:
            if item.get("id") not in self.uploads:
                return _error("file_not_found")
            data = self.uploads[item["id"]]
            self.shared.append({**item, "channel_id": channel, "data": data})
            done.append({"id": item["id"], "title": item.get("title"), "size": len(data)})
        return {"ok": True, "files": done}


def _error(code: str) -> JsonDict:
    return {"ok": False, "error": code}


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("1", "true")


def _failure(failure: Failure) -> web.Response:
    if failure.status >= 500:
        return web.Response(
            status=failure.status, text="<html>busy</html>", content_type="text/html"
        )
    headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
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
    for key in ("blocks", "view"):
        if isinstance(args.get(key), str):
            args[key] = json.loads(args[key])
    return args
