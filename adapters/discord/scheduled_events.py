"""Guild Scheduled Events over REST: accepted sessions appear in the server's event list, with
the video link as an external location or the room's voice channel once the room is open. The
core decides what to publish (`bot.scheduling.publish_calendar`); this only says it in REST."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from discord.utils import escape_mentions

from adapters.discord.escape import escape_text
from adapters.discord.rest import DiscordRest
from bot.domain.calendar import CalendarEntry
from bot.timefmt import iso_utc

GUILD_ONLY = 2
VOICE, EXTERNAL = 2, 3
CANCELED = 4


@dataclass(frozen=True)
class ScheduledEvent:
    name: str
    description: str
    start: datetime
    end: datetime
    location: str | None = None  # a video link: an external event
    voice_channel_id: str | None = None  # else the room's voice channel

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "name": self.name[:100],
            "description": self.description[:1000],
            "scheduled_start_time": iso_utc(self.start),
            "scheduled_end_time": iso_utc(self.end),
            "privacy_level": GUILD_ONLY,
        }
        if self.voice_channel_id is not None:
            body.update(entity_type=VOICE, channel_id=self.voice_channel_id, entity_metadata=None)
        else:
            body.update(
                entity_type=EXTERNAL,
                channel_id=None,
                entity_metadata={"location": (self.location or "Online")[:100]},
            )
        return body


def from_entry(entry: CalendarEntry) -> ScheduledEvent:
    """A room's reference is `category,text,voice`: the event points at its voice channel."""
    parts = entry.room_ref.split(",") if entry.room_ref else []
    voice = parts[2] if len(parts) == 3 else None
    return ScheduledEvent(
        name=escape_mentions(" ".join(entry.title.split())),  # names show no markdown
        description=escape_text(entry.description),
        start=entry.start,
        end=entry.end,
        location=entry.video_url,
        voice_channel_id=voice,
    )


async def create_event(rest: DiscordRest, guild_id: str, event: ScheduledEvent) -> str:
    """Returns the scheduled event's id, to move or cancel it later."""
    made = await rest.request("POST", f"/guilds/{guild_id}/scheduled-events", event.body())
    return str(made["id"])


async def move_event(
    rest: DiscordRest, guild_id: str, event_id: str, event: ScheduledEvent
) -> None:
    await rest.request("PATCH", f"/guilds/{guild_id}/scheduled-events/{event_id}", event.body())


async def cancel_event(rest: DiscordRest, guild_id: str, event_id: str) -> None:
    """Cancelled, not deleted: people who marked themselves interested see it called off."""
    path = f"/guilds/{guild_id}/scheduled-events/{event_id}"
    await rest.request("PATCH", path, {"status": CANCELED})


async def delete_event(rest: DiscordRest, guild_id: str, event_id: str) -> None:
    await rest.request("DELETE", f"/guilds/{guild_id}/scheduled-events/{event_id}")
