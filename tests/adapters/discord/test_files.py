"""Files in Discord through the real client: attached to the ephemeral follow-up, or posted in
the chairs' channel (the heatmap); the statistics as an embed."""

from __future__ import annotations

from bot.app import Hallway
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import embed_text, link, slash
from tests.adapters.discord.interactions import new_user, option
from tests.calendar_kit import programme, read_ics, session_uid, slot_uid


async def test_programme_ics_attaches_my_calendar_to_the_follow_up(
    fake: FakeDiscord, hw: Hallway, client: object
) -> None:
    made = await programme(hw)
    user = new_user("guest")
    await link(hw, made.guest.participant, user)  # type: ignore[arg-type]
    answer = await slash(fake, user, "programme", verb="ics")
    [attached] = answer.body["_files"]
    assert attached["filename"] == "icml2021-mine.ics"
    assert sorted(read_ics(attached["data"])) == sorted(
        [slot_uid(made.tea, 0), session_uid(made.session)]
    )
    assert answer.body["flags"] & 64  # ephemeral
    assert "/calendar/programme.ics" in embed_text(answer)


async def test_the_balance_posts_the_heatmap_in_the_chairs_channel(
    fake: FakeDiscord, hw: Hallway, client: object
) -> None:
    made = await programme(hw)
    user = new_user("chair")
    await link(hw, made.chair.participant, user)  # type: ignore[arg-type]
    chairs = fake.channel_named("socials-chairs")["id"]
    await slash(fake, user, "social", verb="balance")
    posted = await fake.wait_for_call("POST", f"/channels/{chairs}/messages")
    [picture] = posted.body["_files"]
    assert picture["filename"] == "icml2021-heatmap.png"
    assert picture["data"].startswith(b"\x89PNG")


async def test_the_chairs_exports_are_attached_for_a_chair_only(
    fake: FakeDiscord, hw: Hallway, client: object
) -> None:
    made = await programme(hw)
    chair, guest = new_user("chair"), new_user("guest")
    await link(hw, made.chair.participant, chair)  # type: ignore[arg-type]
    await link(hw, made.guest.participant, guest)  # type: ignore[arg-type]
    answer = await slash(fake, chair, "social", option("format", "csv"), verb="export")
    names = sorted(item["filename"] for item in answer.body["_files"])
    assert names == ["icml2021-mentoring.csv", "icml2021-submissions.csv"]
    refused = await slash(fake, guest, "social", option("format", "csv"), verb="export")
    assert "Only the chairs" in embed_text(refused)
    assert not isinstance(refused.body, dict) or "_files" not in refused.body


async def test_the_statistics_are_an_embed(fake: FakeDiscord, hw: Hallway, client: object) -> None:
    made = await programme(hw)
    user = new_user("chair")
    await link(hw, made.chair.participant, user)  # type: ignore[arg-type]
    answer = await slash(fake, user, "stats")
    assert answer.body["embeds"][0]["title"] == "Statistics for the chairs"
    assert "1 of 2 seats booked (50%)" in embed_text(answer)
