"""Mention injection: user text reaches Slack escaped, in every block and every text field.

Names come from the registration list, titles from forms, values from buttons, words from
commands; none of them may ping a channel or forge a mention. (Only an input's own initial
value, shown back for editing, carries text as typed: Slack never parses an input's value.)
"""

from __future__ import annotations

import re

from tests.adapters.slack.conftest import SlackHarness
from tests.adapters.slack.signed import typed
from tests.adapters.slack.test_forms import answers, open_form
from tests.factories import register

INJECTION = "<!channel> <!here> <@U123> & co"
RAW_AMPERSAND = re.compile(r"&(?!amp;|lt;|gt;)")


def assert_all_escaped(slack: SlackHarness) -> None:
    sent = slack.fake.everything_sent
    for forged in ("<!channel>", "<!here>", "<@U123>"):
        assert forged not in sent
    assert RAW_AMPERSAND.search(sent) is None
    assert "&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &amp; co" in sent


async def test_a_name_from_the_registration_list_is_escaped(slack: SlackHarness) -> None:
    await register(slack.hw, "mallory@example.org", INJECTION)
    slack.fake.add_user("UMAL", "mallory@example.org", name="Mallory")
    await slack.send.command("/whoami", user="UMAL")
    await slack.send.event({"type": "app_home_opened", "user": "UMAL", "tab": "home"}, "Ev1")
    await slack.fake.wait_for("response_url")
    await slack.fake.wait_for("views.publish")
    assert_all_escaped(slack)


async def test_a_title_typed_in_a_form_is_escaped_in_the_reply(slack: SlackHarness) -> None:
    view = await open_form(slack)
    await slack.send.submit(view, answers(title=typed(INJECTION)))
    await slack.fake.wait_for("views.update")
    assert_all_escaped(slack)


async def test_words_typed_after_a_command_are_escaped(slack: SlackHarness) -> None:
    await register(slack.hw, "ada@example.org")
    slack.fake.add_user("UADA", "ada@example.org")
    await slack.send.command("/timezone", f'"{INJECTION}"')
    [reply] = await slack.fake.wait_for("response_url")
    assert reply.args["text"].startswith("“&lt;!channel&gt;")
    assert_all_escaped(slack)


async def test_a_button_value_is_escaped(slack: SlackHarness) -> None:
    await register(slack.hw, "ada@example.org")
    slack.fake.add_user("UADA", "ada@example.org")
    await slack.send.press("test.echo", INJECTION)
    await slack.fake.wait_for("response_url")
    assert_all_escaped(slack)
