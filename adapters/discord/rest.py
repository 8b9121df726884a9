"""Discord's REST API over plain aiohttp, for processes that hold no gateway connection (the
scheduler). Every failure becomes a `DeliveryError` saying whether to retry, and when."""

from __future__ import annotations

import json
import logging
from typing import Any

import aiohttp

from bot.ports import DeliveryError

log = logging.getLogger(__name__)

# Discord's JSON error codes that no retry can fix.
CANNOT_MESSAGE_USER = 50007
_PERMANENT_STATUSES = {400, 401, 403, 404, 405, 413}


class DiscordRest:
    def __init__(self, token: str, api_url: str, *, timeout_seconds: float = 10.0) -> None:
        self.base = api_url.rstrip("/")
        self._headers = {"Authorization": f"Bot {token}", "User-Agent": "Hallway (discord)"}
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._session: aiohttp.ClientSession | None = None

    async def request(
        self, method: str, path: str, body: Any = None, *, reason: str | None = None
    ) -> Any:
        """The decoded JSON answer (None for 204), or `DeliveryError`."""
        headers = dict(self._headers)
        if reason:
            headers["X-Audit-Log-Reason"] = reason[:512]
        try:
            async with self._client().request(
                method, self.base + path, json=body, headers=headers
            ) as response:
                text = await response.text()
                if response.status < 300:
                    return json.loads(text) if text else None
                raise _refusal(method, path, response.status, response.headers, text)
        except (aiohttp.ClientError, TimeoutError) as exc:
            # The request may have reached Discord before the connection failed.
            reason = f"{method} {path}: {type(exc).__name__} {exc}"
            raise DeliveryError(reason, maybe_delivered=method != "GET") from exc

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session


def _refusal(method: str, path: str, status: int, headers: Any, text: str) -> DeliveryError:
    body = _json_or_empty(text)
    code = body.get("code")
    reason = f"{method} {path}: HTTP {status} {body.get('message', text[:200])}".strip()
    if status == 429:
        return DeliveryError(reason, retry_after=_retry_after(body, headers))
    if status in _PERMANENT_STATUSES or code == CANNOT_MESSAGE_USER:
        return DeliveryError(reason, permanent=True)
    # 5xx and anything unexpected: worth another try; a 5xx to a POST may have been done anyway.
    return DeliveryError(reason, maybe_delivered=status >= 500 and method != "GET")


def _retry_after(body: dict[str, Any], headers: Any) -> float:
    for value in (body.get("retry_after"), headers.get("Retry-After")):
        try:
            if value is not None:
                return max(0.0, float(value))
        except (TypeError, ValueError):
            continue
    return 1.0


def _json_or_empty(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
