"""Files in Slack, through the external upload flow (`files.upload` is retired):
`files.getUploadURLExternal` → the bytes POSTed to the URL Slack returns →
`files.completeUploadExternal`, which shares the file in a channel or a direct message."""

from __future__ import annotations

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.messenger import SlackMessenger
from bot.event import Channels
from bot.interaction import Attachment
from bot.ports import DeliveryError

UPLOAD_TIMEOUT = aiohttp.ClientTimeout(total=30)


async def share_files(
    client: AsyncWebClient, user_id: str, channels: Channels, files: tuple[Attachment, ...]
) -> None:
    """Each file to its place: the event channel it names (the chairs'), else the person's DM."""
    finder = SlackMessenger(client)
    for attachment in files:
        if attachment.channel is not None:
            channel = await finder.channel_id(getattr(channels, attachment.channel.value))
        else:
            opened = await client.conversations_open(users=user_id)
            channel = str(opened["channel"]["id"])
        await upload_file(client, channel, attachment)


async def upload_file(client: AsyncWebClient, channel_id: str, attachment: Attachment) -> str:
    """Upload and share; returns Slack's file id."""
    ticket = await client.files_getUploadURLExternal(
        filename=attachment.filename, length=len(attachment.data)
    )
    await _post_bytes(client, str(ticket["upload_url"]), attachment)
    file_id = str(ticket["file_id"])
    await client.files_completeUploadExternal(
        files=[{"id": file_id, "title": attachment.filename}], channel_id=channel_id
    )
    return file_id


async def _post_bytes(client: AsyncWebClient, url: str, attachment: Attachment) -> None:
    """On the client's pooled session when it has one (as `post_response` does)."""
    session: aiohttp.ClientSession | None = client.session
    if session is None or session.closed:
        async with aiohttp.ClientSession() as own:
            await _post(own, url, attachment)
    else:
        await _post(session, url, attachment)


async def _post(session: aiohttp.ClientSession, url: str, attachment: Attachment) -> None:
    headers = {"Content-Type": attachment.content_type}
    async with session.post(
        url, data=attachment.data, headers=headers, timeout=UPLOAD_TIMEOUT
    ) as response:
        if response.status >= 300:
            raise DeliveryError(f"file upload answered HTTP {response.status}")
