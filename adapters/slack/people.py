"""People in forms: Slack's user picker shows accounts, the core names people by e-mail.

Before a form opens, people it names by e-mail (an edit form does) become the Slack accounts
they belong to, so the picker shows them; someone no Slack account answers to keeps the field
typed (see `inputs.picker_can_show`), so saving never drops them. After a submission, people
picked are linked by the e-mail Slack gives (`SlackContext.link_people`) before the core looks
them up by account.
"""

from __future__ import annotations

from collections.abc import Mapping

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import PLATFORM
from adapters.slack.escape import is_user_id
from adapters.slack.inputs import words
from bot.app import Hallway
from bot.forms import Form, Raw
from bot.services.accounts import platform_user_ids_by_email


async def shown_people(
    hw: Hallway, client: AsyncWebClient, form: Form, values: Mapping[str, Raw]
) -> Mapping[str, Raw]:
    """`values` with e-mails in people fields replaced by Slack user ids where known: linked
    accounts first (a /verify-ed account's Slack e-mail may differ), then Slack's directory."""
    shown = dict(values)
    for item in form.fields:
        named = words(values.get(item.name)) if item.kind == "people" else []
        emails = [word for word in named if not is_user_id(word)]
        if not emails:
            continue
        known = await platform_user_ids_by_email(hw, PLATFORM, emails)
        for email in emails:
            known[email] = known.get(email) or await _in_directory(client, email) or email
        shown[item.name] = [known.get(word, word) for word in named]
    return shown


def picked_people(form: Form, raw: Mapping[str, Raw]) -> list[str]:
    """Slack accounts named in a submission's people fields (picked, or typed as ids)."""
    picked: list[str] = []
    for item in form.fields:
        if item.kind == "people":
            picked.extend(word for word in words(raw.get(item.name)) if is_user_id(word))
    return picked


async def _in_directory(client: AsyncWebClient, email: str) -> str | None:
    try:
        found = await client.users_lookupByEmail(email=email)
    except SlackApiError:
        return None  # not in this workspace (or Slack would not say): the e-mail stays typed
    return str(found["user"]["id"])
