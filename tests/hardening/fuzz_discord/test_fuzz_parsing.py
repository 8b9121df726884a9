"""The Discord adapter's pure layer fuzzed with many examples (no gateway): every field of every
registered form read from any raw answer, modal payloads of any shape, custom ids, structured
command options, escaping and rendering of hostile text. Each either returns or refuses with
a message for the person (InvalidInput / ValueError where documented), never anything else."""

from __future__ import annotations

import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.discord.custom_ids import MAX_CUSTOM_ID, action_id, is_hallway_button
from adapters.discord.drafts import Draft
from adapters.discord.escape import ZERO_WIDTH, escape_text
from adapters.discord.modal_fields import answers_for, problems, submitted
from adapters.discord.render import render
from adapters.discord.replies import field_problems
from bot.commands import build_router
from bot.commands.registry import typed_options
from bot.errors import InvalidInput
from bot.forms import parse_field
from bot.messages import Item, Strong, line, message
from bot.timerules import TimeInputError, zone_named
from tests.adapters.discord.fake_discord import Call
from tests.adapters.discord.safety import LIVE, USER_MENTION
from tests.hardening.fuzz_discord.limits import TRACEBACK, limit_problems
from tests.hardening.fuzz_discord.strategies import TRICKY, nasty_text
from tests.hardening.fuzz_discord.test_fuzz_modals import GARBAGE_COMPONENT, SCALARS

ROUTER = build_router()
FORMS = [form for form, _handler in ROUTER.forms.values()]
FIELDS = [(form, item) for form in FORMS for item in form.fields]
COMMANDS = list(ROUTER.commands.values())
ZONES = st.sampled_from(["UTC", "Europe/Paris", "Pacific/Kiritimati", "America/Los_Angeles"])
RAW = st.one_of(
    st.none(),
    st.booleans(),
    nasty_text(4000),
    st.sampled_from(TRICKY),
    st.lists(st.one_of(nasty_text(100), st.sampled_from(TRICKY)), max_size=5),
)


def refusal(read: Callable[[], object]) -> InvalidInput | None:
    """The refusal `read` raised, or None when it read the value."""
    try:
        read()
    except InvalidInput as exc:
        return exc
    return None


MANY = settings(max_examples=200, deadline=None, derandomize=True)


@MANY
@given(place=st.sampled_from(FIELDS), raw=RAW, zone=ZONES)
def test_every_form_field_reads_any_answer_or_says_what_is_wrong(
    place: tuple[object, object], raw: object, zone: str
) -> None:
    _form, item = place
    refused = refusal(lambda: parse_field(item, raw, ZoneInfo(zone)))  # type: ignore[arg-type]
    if refused is not None:
        assert list(refused.errors) == [item.name]  # type: ignore[attr-defined]
        assert not TRACEBACK.search(refused.errors[item.name])  # type: ignore[attr-defined]


@MANY
@given(
    form=st.sampled_from(FORMS),
    components=st.one_of(st.lists(GARBAGE_COMPONENT, max_size=6), SCALARS),
    zone=ZONES,
)
def test_any_modal_payload_is_read_then_checked_field_by_field(
    form: object, components: object, zone: str
) -> None:
    raw = submitted(components)
    fields = form.fields  # type: ignore[attr-defined]
    values = answers_for(fields, raw)
    draft = Draft(form, "", ZoneInfo(zone), zone, dict(values))  # type: ignore[arg-type]
    found = problems(fields, values, draft)
    assert set(found) <= {item.name for item in fields}


@MANY
@given(
    action=st.one_of(st.sampled_from(sorted(ROUTER.actions)), nasty_text(60)), value=nasty_text(150)
)
def test_a_button_id_is_made_only_when_it_fits_and_routes_back(action: str, value: str) -> None:
    try:
        custom_id = action_id(action, value)
    except ValueError:
        return
    assert len(custom_id) <= MAX_CUSTOM_ID
    assert is_hallway_button(custom_id)


@MANY
@given(command=st.sampled_from(COMMANDS), data=st.data())
def test_structured_options_are_typed_or_refused_at_their_option(
    command: object, data: st.DataObject
) -> None:
    names = [option.name for option in command.options]  # type: ignore[attr-defined]
    args = data.draw(
        st.dictionaries(
            st.one_of(st.sampled_from(names or ["x"]), nasty_text(20)),
            st.one_of(SCALARS, st.integers(-(2**64), 2**64), st.floats()),
            max_size=4,
        )
    )
    refused = refusal(lambda: typed_options(command, args))  # type: ignore[arg-type]
    if refused is not None:
        assert set(refused.errors) <= set(names)
        return
    typed = typed_options(command, args)  # type: ignore[arg-type]
    for option in command.options:  # type: ignore[attr-defined]
        if option.name in typed:
            value = typed[option.name]
            if option.kind == "integer":
                assert type(value) is int and abs(value) < 2**31
            else:
                assert isinstance(value, str)
            if option.kind == "choice" and option.choices:
                assert value in option.choices


def shown_by_discord(text: str) -> str:
    """What a reader sees: backslash escapes dropped, zero-width spaces invisible."""
    return re.sub(r"\\([^\sA-Za-z0-9])", r"\1", text).replace(ZERO_WIDTH, "")


@MANY
@given(typed=nasty_text(500))
def test_typed_text_comes_back_as_typed_with_no_live_mention(typed: str) -> None:
    escaped = escape_text(typed)
    assert not LIVE.search(escaped)
    assert not USER_MENTION.search(escaped)
    assert "<#" not in escaped and "</" not in escaped.replace("<" + ZERO_WIDTH, "")
    assert shown_by_discord(escaped) == typed.replace(ZERO_WIDTH, "")


@MANY
@given(
    title=nasty_text(400),
    texts=st.lists(nasty_text(5000), min_size=1, max_size=6),
)
def test_hostile_text_renders_within_discords_limits(title: str, texts: list[str]) -> None:
    shown = render(message(title, *texts, *(Item((line("{x}", x=Strong(t)),)) for t in texts)))
    call = Call("POST", "/webhooks/1/tok", {**shown.payload()})
    assert limit_problems([call]) == []


@MANY
@given(errors=st.dictionaries(nasty_text(30), nasty_text(4500), min_size=1, max_size=5))
def test_field_problems_echoing_long_input_fit_one_message(errors: dict[str, str]) -> None:
    call = Call("POST", "/webhooks/1/tok", render(field_problems(errors)).payload())
    assert limit_problems([call]) == []


@pytest.mark.parametrize("typed", ["0001-01-01 00:00", "9999-12-31 23:59-12:00"])
def test_a_time_at_the_calendars_ends_is_refused_not_crashed(typed: str) -> None:
    """Found by the field fuzzing: OverflowError leaked from parse_local."""
    form = ROUTER.get_form("social.submit")
    with pytest.raises(InvalidInput) as raised:
        parse_field(form.field("slot1"), typed, ZoneInfo("Europe/Paris"))
    assert "too far in the past or future" in raised.value.errors["slot1"]


@MANY
@given(name=st.one_of(nasty_text(6000), st.sampled_from(["Europe/Paris", " Asia/Tokyo ", "UTC"])))
def test_any_zone_name_is_a_zone_or_refused_with_a_hint(name: str) -> None:
    try:
        zone_named(name)
        refused = ""
    except TimeInputError as exc:
        refused = exc.message
    assert refused == "" or "is not a time zone name" in refused


@pytest.mark.parametrize("name", ["@everyone" * 700, "a\x00b", "../../etc/passwd"])
def test_a_zone_name_too_long_for_a_file_is_refused_not_crashed(name: str) -> None:
    """Found by the command fuzzing: `/timezone` with 6,000 characters raised OSError (file
    name too long) from ZoneInfo, and the person got the apology."""
    with pytest.raises(TimeInputError):
        zone_named(name)
