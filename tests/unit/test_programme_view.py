"""How listed slots, the balance sparkline and RSVP answers read."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.commands.balance_view import sparkline
from bot.commands.programme_view import SHOWN, entry_item, listing_message, receipt_message
from bot.domain.programme import LeadName, ListedSlot, Listing, Place, Standing
from bot.domain.socials import Category
from bot.messages import Item, message, plain
from bot.services.rsvps import RsvpReceipt, RsvpStatus
from bot.timerules import Interval

T0 = datetime(2021, 7, 19, 15, tzinfo=UTC)


def entry(slot_id: int = 4, *, capacity: int | None = 5, going: int = 2) -> ListedSlot:
    return ListedSlot(
        slot_id,
        9,
        "Tea",
        Category.GATHERING,
        ("tea", "chat"),
        Interval.lasting(T0, 120),
        capacity,
        going,
        1,
        (LeadName(1, "Ada"), LeadName(2, "Bob"), LeadName(3, "Cy")),
    )


def test_a_listed_slot_shows_category_tags_time_leads_and_figures() -> None:
    shown = plain(listing_message("T", Listing((entry(),), {}), UTC, "", "")).splitlines()
    assert shown[2:] == [
        "• Tea · Social and intellectual gathering · #tea #chat",
        "  Mon 19 Jul, 15:00 UTC – 17:00 UTC",
        "  Led by Ada, Bob and Cy",
        "  Slot 4 · 2 going of 5, 1 waiting",
    ]


def test_a_slot_with_room_offers_rsvp_and_a_full_one_the_waitlist() -> None:
    assert [b.label for b in entry_item(entry(), None).buttons] == ["RSVP"]
    full = entry_item(entry(capacity=2), None)
    assert [(b.label, b.action, b.value) for b in full.buttons] == [
        ("Join the waitlist", "social.rsvp", "4")
    ]


def test_a_slot_i_hold_offers_cancel_and_one_i_lead_nothing() -> None:
    held = entry_item(entry(), Place(Standing.WAITING, 2))
    assert [(b.action, b.value) for b in held.buttons] == [("social.cancel_rsvp", "4")]
    assert "You are number 2 on the waitlist." in plain_item(held)
    assert entry_item(entry(), Place(Standing.LEAD)).buttons == ()


def test_a_long_listing_shows_the_first_entries_and_says_how_to_narrow_it() -> None:
    many = tuple(entry(n) for n in range(SHOWN + 5))
    shown = plain(listing_message("T", Listing(many, {}), UTC, "", "Narrow it."))
    assert shown.count("• Tea") == SHOWN
    assert f"Showing the first {SHOWN} of {SHOWN + 5}. Narrow it." in shown


def test_a_waitlisted_receipt_gives_the_position() -> None:
    receipt = RsvpReceipt(RsvpStatus.WAITING, entry(capacity=2), position=3)
    assert "You are number 3 on the waitlist" in plain(receipt_message(receipt))


def test_the_sparkline_has_a_mark_per_hour_scaled_to_the_busiest() -> None:
    counts = (0, 1, 4, 8, *([0] * 20))
    assert sparkline(counts, 8) == "·▁▄█" + "·" * 20
    assert sparkline((1, *([0] * 23)), 100)[0] == "▁"  # one session is never blank


def plain_item(item: Item) -> str:
    return plain(message(None, item))
