"""Classifying what the Web API raises: wait, retry, or give up."""

from __future__ import annotations

import pytest

from adapters.slack.api_errors import slack_call
from bot.ports import DeliveryError


async def test_a_timeout_is_transient() -> None:
    with pytest.raises(DeliveryError) as raised:
        async with slack_call("chat.postMessage"):
            raise TimeoutError
    assert raised.value.reason == "chat.postMessage: TimeoutError"
    assert not raised.value.permanent and raised.value.retry_after is None


async def test_a_delivery_error_raised_inside_passes_through_unchanged() -> None:
    original = DeliveryError("channel_not_found: #x", permanent=True)
    with pytest.raises(DeliveryError) as raised:
        async with slack_call("chat.postMessage"):
            raise original
    assert raised.value is original
