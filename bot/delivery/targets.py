"""Where each delivery goes on one platform, and what happens to those that cannot go yet."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from bot.app import Hallway
from bot.delivery.attempts import Sending, Target, retry_later
from bot.domain.delivery import ChannelRole, Delivery, DeliveryStatus
from bot.domain.participants import Account, Participant
from bot.ports import DeliveryError

# An edit of a post still on its way waits this long before looking again.
EDIT_WAIT = timedelta(seconds=2)


@dataclass(frozen=True)
class Known:
    """A batch's people, their accounts on the platform and the posts its edits refer to."""

    people: Mapping[int, Participant]
    accounts: Mapping[int, Account]
    posts: Mapping[str, Delivery | None]


async def preload(hw: Hallway, platform: str, deliveries: Sequence[Delivery]) -> Known:
    person_ids = [int(d.recipient_id) for d in deliveries if d.recipient_kind == "person"]
    post_keys = {d.recipient_id for d in deliveries if d.recipient_kind == "post"}
    async with hw.uow() as uow:
        people = {person.id: person for person in await uow.participants.get_many(person_ids)}
        accounts = await uow.accounts.for_participants(person_ids, platform)
        posts = {key: await uow.outbox.by_key(platform, key) for key in post_keys}
    return Known(people, accounts, posts)


async def resolve(sending: Sending, delivery: Delivery, known: Known) -> Target:
    kind, ident = delivery.recipient_kind, delivery.recipient_id
    messenger = sending.messenger
    if kind == "channel":
        channels = sending.hw.event.channels(messenger.platform)
        return Target("channel", getattr(channels, ChannelRole(ident).value))
    if kind == "post":
        return _edit_target(known.posts.get(ident))
    person = known.people.get(int(ident))
    if person is None:
        return Target("nobody")
    account = known.accounts.get(person.id)
    if account is not None:
        return Target("direct", account.user_id, person.zone)
    if sending.pacer is not None:
        await sending.pacer.acquire("lookup")
    found = await messenger.resolve_user(person)
    if found is None:
        return Target("nobody")
    return Target("direct", found, person.zone, link_participant=person.id)


def _edit_target(post: Delivery | None) -> Target:
    if post is None or post.status in (DeliveryStatus.FAILED, DeliveryStatus.SKIPPED):
        return Target("nobody")
    if post.status == DeliveryStatus.SENT and post.ref:
        return Target("edit", post.ref)
    return Target("wait")  # the post itself is still on its way


async def skip(hw: Hallway, reasons: Mapping[int, str]) -> None:
    """Pending deliveries that will not be sent, with why (chairs see it in "n of m")."""
    if not reasons:
        return
    async with hw.uow() as uow:
        for delivery_id, reason in reasons.items():
            stored = await uow.outbox.get(delivery_id)
            if stored is not None and stored.status == DeliveryStatus.PENDING:
                stored.status, stored.last_error = DeliveryStatus.SKIPPED, reason[:500]
        await uow.commit()


async def defer(sending: Sending, delivery: Delivery, error: DeliveryError | None) -> None:
    """Not now: the address lookup failed (counts as a try), or an edit waits for its post."""
    hw = sending.hw
    async with hw.uow() as uow:
        stored = await uow.outbox.get(delivery.id)
        if stored is not None and stored.status == DeliveryStatus.PENDING:
            if error is None:
                stored.due_at = hw.now() + EDIT_WAIT
            else:
                retry_later(stored, error, hw, sending.policy, sending.rng)
        await uow.commit()
