"""People using Hallway while Slack's Web API is in bad weather: every command is acked at once
(the ack is Hallway's HTTP answer, which needs no Web API call) and then answered — with the
result where the answer's path is clear, with an apology where Slack refused to show it —
never left hanging."""

from __future__ import annotations

# The Slack adapter tests' fixtures: Hallway's real bolt app in front of the fake Slack.
from tests.adapters.slack.conftest import fake_slack as fake_slack
from tests.adapters.slack.conftest import hallway as hallway
from tests.adapters.slack.harness import APOLOGY, SlackHarness
from tests.adapters.slack.scenes import ADA, cast
from tests.adapters.weather import Weather, server_error, throttled


def views(method: str) -> bool:
    return method.startswith("views.")


async def test_a_form_slack_will_not_open_in_a_503_storm_is_answered_with_an_apology(
    hallway: SlackHarness,
) -> None:
    await cast(hallway)
    hallway.fake.weather = Weather([(server_error(), 1.0)], affects=views)
    turn = await hallway.command("/social", user=ADA)
    assert turn.answer.status == 200
    assert turn.called("views.open")  # tried, refused by Slack
    [answer] = turn.called("response_url")
    assert APOLOGY in answer.text


async def test_a_form_refused_by_a_429_storm_is_answered_too(hallway: SlackHarness) -> None:
    await cast(hallway)
    hallway.fake.weather = Weather([(throttled(retry_after=30), 1.0)], affects=views)
    turn = await hallway.command("/social", user=ADA)
    assert turn.answer.status == 200
    [answer] = turn.called("response_url")
    assert APOLOGY in answer.text


async def test_answers_that_need_no_web_api_call_get_through_a_full_outage(
    hallway: SlackHarness,
) -> None:
    await cast(hallway)
    await hallway.command("/programme", user=ADA)  # linked while Slack was well
    hallway.fake.weather = Weather([(server_error(), 1.0)])
    turn = await hallway.command("/programme", user=ADA)
    assert turn.answer.status == 200
    [answer] = turn.called("response_url")
    assert APOLOGY not in answer.text


async def test_once_the_storm_has_passed_the_same_command_opens_the_form(
    hallway: SlackHarness,
) -> None:
    await cast(hallway)
    storm = Weather([(server_error(), 1.0)], affects=views, requests=1)
    hallway.fake.weather = storm
    await hallway.command("/social", user=ADA)
    turn = await hallway.command("/social", user=ADA)
    assert [call.answer.get("ok") for call in turn.called("views.open")] == [True]
