"""Files in Slack through the external upload flow, against the fake Web API: the personal
calendar in the person's DM, the chairs' exports, the heatmap in the chairs' channel, and the
chairs' statistics on the App Home."""

from __future__ import annotations

from tests.adapters.slack.harness import SlackHarness
from tests.calendar_kit import programme, read_ics, session_uid, slot_uid

HOME_OPENED = {"type": "app_home_opened", "user": "UCHAIR", "channel": "DUCHAIR", "tab": "home"}


async def test_programme_ics_uploads_my_calendar_into_my_dm_with_the_links(
    hallway: SlackHarness,
) -> None:
    made = await programme(hallway.hw)
    hallway.fake.add_user("UGUEST", "guest@example.org")
    await hallway.send.command("/programme", "ics", user="UGUEST")
    [done] = await hallway.fake.wait_for("files.completeUploadExternal")
    [reply] = await hallway.fake.wait_for("response_url")
    order = [m for m in hallway.fake.methods() if m.startswith("files.") or m == "upload"]
    assert order == ["files.getUploadURLExternal", "upload", "files.completeUploadExternal"]
    [shared] = hallway.fake.shared
    assert (shared["channel_id"], shared["title"]) == ("DUGUEST", "icml2021-mine.ics")
    assert sorted(read_ics(shared["data"])) == sorted(
        [slot_uid(made.tea, 0), session_uid(made.session)]
    )
    assert done.args["channel_id"] == "DUGUEST"
    assert "/calendar/programme.ics" in reply.text
    assert "/calendar/" in reply.text and "your calendar" in reply.text


async def test_a_chair_gets_both_exports_as_files(hallway: SlackHarness) -> None:
    await programme(hallway.hw)
    hallway.fake.add_user("UCHAIR", "chair@example.org")
    await hallway.send.command("/social", "chairs export json", user="UCHAIR")
    await hallway.fake.wait_for("files.completeUploadExternal", 2)
    titles = sorted(item["title"] for item in hallway.fake.shared)
    assert titles == ["icml2021-mentoring.json", "icml2021-submissions.json"]
    assert {item["channel_id"] for item in hallway.fake.shared} == {"DUCHAIR"}


async def test_someone_not_a_chair_gets_no_export(hallway: SlackHarness) -> None:
    await programme(hallway.hw)
    hallway.fake.add_user("UGUEST", "guest@example.org")
    await hallway.send.command("/social", "export csv", user="UGUEST")
    [reply] = await hallway.fake.wait_for("response_url")
    assert "Only the chairs of ICML 2021 can export" in reply.text
    assert hallway.fake.called("files.getUploadURLExternal") == []


async def test_the_balance_posts_the_heatmap_in_the_chairs_channel(hallway: SlackHarness) -> None:
    await programme(hallway.hw)
    chairs = hallway.fake.channel_named("socials-chairs")
    hallway.fake.add_user("UCHAIR", "chair@example.org")
    await hallway.send.command("/social", "chairs balance", user="UCHAIR")
    await hallway.fake.wait_for("files.completeUploadExternal")
    [shared] = hallway.fake.shared
    assert (shared["channel_id"], shared["title"]) == (chairs, "icml2021-heatmap.png")
    assert shared["data"].startswith(b"\x89PNG\r\n\x1a\n")
    [reply] = await hallway.fake.wait_for("response_url")
    assert "Programme balance" in reply.text


async def test_a_chair_sees_the_statistics_on_the_app_home(hallway: SlackHarness) -> None:
    await programme(hallway.hw)
    hallway.fake.add_user("UCHAIR", "chair@example.org")
    await hallway.send.event(HOME_OPENED, "EvStats1")
    [published] = await hallway.fake.wait_for("views.publish")
    assert "Statistics for the chairs" in published.text
    assert "1 of 2 seats booked (50%)" in published.text


async def test_a_participant_sees_no_statistics_on_the_app_home(hallway: SlackHarness) -> None:
    await programme(hallway.hw)
    hallway.fake.add_user("UGUEST", "guest@example.org")
    await hallway.send.event({**HOME_OPENED, "user": "UGUEST"}, "EvStats2")
    [published] = await hallway.fake.wait_for("views.publish")
    assert "Statistics" not in published.text
