"""The Web API methods the fake Slack answers, over the state Slack would keep: users, channels
and their members, messages per channel (metadata included), views and the App Home tabs.

Each `_method_name(args)` answers as Slack does, errors included: an unknown channel, a message
that is not there, a trigger used twice, blocks Slack would not accept.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable
from typing import Any

from tests.adapters.slack.block_kit import message_problems, view_problems

JsonDict = dict[str, Any]

CHANNEL_NAME = re.compile(r"^[a-z0-9_-]{1,80}$")
TOPIC_LIMIT = 250
HISTORY_PAGE = 100


def error(code: str, **more: Any) -> JsonDict:
    return {"ok": False, "error": code, **more}


class SlackMethods:
    def __init__(self) -> None:
        self._ids = itertools.count(1)
        self.users: dict[str, JsonDict] = {}
        self.channels: dict[str, JsonDict] = {}
        self.messages: dict[str, list[JsonDict]] = {}  # channel id → messages, oldest first
        self.views: dict[str, JsonDict] = {}  # view id → the view as last opened or updated
        self.homes: dict[str, JsonDict] = {}  # user id → their published App Home
        self.ephemeral: list[JsonDict] = []
        self.rejected: list[tuple[str, list[str]]] = []  # what Slack would have refused, and why
        self.wall: Callable[[], float] = time.time  # Slack's clock, for message timestamps
        self._triggers: set[str] = set()
        self._last_ts = 0.0

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

    def channel_named(self, name: str) -> str:
        return next(cid for cid, channel in self.channels.items() if channel["name"] == name)

    def in_channel(self, channel: str) -> list[JsonDict]:
        return self.messages.get(channel, [])

    def dms_to(self, user_id: str) -> list[JsonDict]:
        return self.in_channel(f"D{user_id}")

    def post_as_slack(self, channel: str, message: JsonDict) -> JsonDict:
        """Store a message as if posted (a test that starts from history)."""
        stored = {"type": "message", "ts": self._ts(), "bot_id": "BHALLWAY1", **message}
        self.messages.setdefault(channel, []).append(stored)
        return stored

    # --- auth and people ---

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
        return {"ok": True, "user": user} if user else error("user_not_found")

    def _users_lookupByEmail(self, args: JsonDict) -> JsonDict:
        email = str(args.get("email", "")).lower()
        for user in self.users.values():
            if (user["profile"].get("email") or "").lower() == email:
                return {"ok": True, "user": user}
        return error("users_not_found")

    # --- conversations ---

    def _conversations_open(self, args: JsonDict) -> JsonDict:
        user = str(args.get("users", ""))
        if user not in self.users:
            return error("user_not_found")
        return {"ok": True, "channel": {"id": f"D{user}"}}

    def _conversations_list(self, args: JsonDict) -> JsonDict:
        listed = [c for c in self.channels.values() if not c["is_archived"]]
        return {"ok": True, "channels": listed, "response_metadata": {"next_cursor": ""}}

    def _conversations_create(self, args: JsonDict) -> JsonDict:
        name = str(args.get("name"))
        if not CHANNEL_NAME.match(name):
            return error("invalid_name_specials")
        if any(channel["name"] == name for channel in self.channels.values()):
            return error("name_taken")
        channel_id = self.add_channel(name, private=_truthy(args.get("is_private")))
        return {"ok": True, "channel": self.channels[channel_id]}

    def _conversations_invite(self, args: JsonDict) -> JsonDict:
        channel = self.channels.get(str(args.get("channel")))
        if channel is None:
            return error("channel_not_found")
        if channel["is_archived"]:
            return error("is_archived")
        failures, joining = [], []
        for user in filter(None, str(args.get("users", "")).split(",")):
            code = "user_not_found" if user not in self.users else None
            code = code or ("already_in_channel" if user in channel["members"] else None)
            if code:
                failures.append({"user": user, "ok": False, "error": code})
            else:
                joining.append(user)
        if failures and not _truthy(args.get("force")):
            return error(failures[0]["error"], errors=failures)
        channel["members"].extend(joining)
        return {"ok": True, "channel": channel, **({"errors": failures} if failures else {})}

    def _conversations_setTopic(self, args: JsonDict) -> JsonDict:
        channel = self.channels.get(str(args.get("channel")))
        if channel is None:
            return error("channel_not_found")
        topic = str(args.get("topic", ""))
        if len(topic) > TOPIC_LIMIT:
            return error("too_long")
        channel["topic"] = topic
        return {"ok": True, "channel": channel}

    def _conversations_archive(self, args: JsonDict) -> JsonDict:
        channel = self.channels.get(str(args.get("channel")))
        if channel is None:
            return error("channel_not_found")
        if channel["is_archived"]:
            return error("already_archived")
        channel["is_archived"] = True
        return {"ok": True}

    def _conversations_history(self, args: JsonDict) -> JsonDict:
        channel = str(args.get("channel"))
        if not self._reachable(channel):
            return error("channel_not_found")
        oldest, latest = float(args.get("oldest") or 0), args.get("latest")
        inclusive = _truthy(args.get("inclusive"))
        found = [
            message
            for message in reversed(self.in_channel(channel))
            if (float(message["ts"]) >= oldest if inclusive else float(message["ts"]) > oldest)
            and (latest is None or float(message["ts"]) < float(latest))
        ]
        with_metadata = _truthy(args.get("include_all_metadata"))
        shown = [m if with_metadata else _without(m, "metadata") for m in found]
        start, size = int(args.get("cursor") or 0), int(args.get("limit") or HISTORY_PAGE)
        page, more = shown[start : start + size], start + size < len(shown)
        cursor = str(start + size) if more else ""
        return {
            "ok": True,
            "messages": page,
            "has_more": more,
            "response_metadata": {"next_cursor": cursor},
        }

    # --- messages ---

    def _chat_postMessage(self, args: JsonDict) -> JsonDict:
        channel = str(args.get("channel"))
        if not self._reachable(channel):
            return error("channel_not_found")
        if channel in self.channels and self.channels[channel]["is_archived"]:
            return error("is_archived")
        refused = self._check("chat.postMessage", message_problems(args))
        if refused:
            return refused
        message = {"text": args.get("text"), "blocks": args.get("blocks")}
        if args.get("metadata"):
            message["metadata"] = args["metadata"]
        stored = self.post_as_slack(channel, message)
        return {"ok": True, "channel": channel, "ts": stored["ts"], "message": stored}

    def _chat_postEphemeral(self, args: JsonDict) -> JsonDict:
        refused = self._check("chat.postEphemeral", message_problems(args))
        if refused:
            return refused
        self.ephemeral.append(args)
        return {"ok": True, "message_ts": self._ts()}

    def _chat_update(self, args: JsonDict) -> JsonDict:
        channel, ts = str(args.get("channel")), str(args.get("ts"))
        found = [m for m in self.in_channel(channel) if m["ts"] == ts]
        if not found:
            return error("message_not_found")
        refused = self._check("chat.update", message_problems(args))
        if refused:
            return refused
        found[0].update(text=args.get("text"), blocks=args.get("blocks"), edited=True)
        return {"ok": True, "channel": channel, "ts": ts}

    # --- views ---

    def _views_open(self, args: JsonDict) -> JsonDict:
        return self._spend_trigger(args) or self._store_view("views.open", args, None)

    def _views_push(self, args: JsonDict) -> JsonDict:
        return self._spend_trigger(args) or self._store_view("views.push", args, None)

    def _views_update(self, args: JsonDict) -> JsonDict:
        view_id = str(args.get("view_id"))
        if view_id not in self.views:
            return error("not_found")
        return self._store_view("views.update", args, view_id)

    def _views_publish(self, args: JsonDict) -> JsonDict:
        user = str(args.get("user_id"))
        if user not in self.users:
            return error("user_not_found")
        view = args.get("view") or {}
        refused = self._check("views.publish", view_problems(view))
        if refused:
            return refused
        self.homes[user] = {"id": f"VHOME{user}", **view}
        return {"ok": True, "view": self.homes[user]}

    def _spend_trigger(self, args: JsonDict) -> JsonDict | None:
        """A trigger id opens one view, once (Slack also lets it expire after 3 s)."""
        trigger = str(args.get("trigger_id") or "")
        if not trigger or trigger in self._triggers:
            return error("expired_trigger_id")
        self._triggers.add(trigger)
        return None

    def _store_view(self, method: str, args: JsonDict, view_id: str | None) -> JsonDict:
        view = args.get("view") or {}
        refused = self._check(method, view_problems(view))
        if refused:
            return refused
        view_id = view_id or f"V{next(self._ids):08d}"
        self.views[view_id] = {**view, "id": view_id}
        return {"ok": True, "view": self.views[view_id]}

    # --- shared ---

    def _check(self, method: str, problems: list[str]) -> JsonDict | None:
        if not problems:
            return None
        self.rejected.append((method, problems))
        code = "invalid_arguments" if method.startswith("views.") else "invalid_blocks"
        return error(code, response_metadata={"messages": problems})

    def _reachable(self, channel: str) -> bool:
        return channel in self.channels or (channel.startswith("D") and channel[1:] in self.users)

    def _ts(self) -> str:
        """A message timestamp: Slack's clock in microseconds, unique and increasing."""
        self._last_ts = max(round(self.wall(), 6), round(self._last_ts + 0.000001, 6))
        return f"{self._last_ts:.6f}"


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("1", "true")


def _without(message: JsonDict, key: str) -> JsonDict:
    return {name: value for name, value in message.items() if name != key}
