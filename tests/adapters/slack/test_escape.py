"""Escaping user text for Slack, and building links and mentions only from safe parts."""

from __future__ import annotations

from adapters.slack.escape import cut_markup, escape, fit, link, mention, unescape


def test_the_three_control_characters_are_escaped_and_nothing_else() -> None:
    assert escape("<!channel> & <@U1> *bold* 'q'") == (
        "&lt;!channel&gt; &amp; &lt;@U1&gt; *bold* 'q'"
    )


def test_unescape_undoes_escape() -> None:
    text = "a &amp; b <c> &lt;"
    assert unescape(escape(text)) == text


def test_a_web_link_keeps_its_address_and_escapes_its_label() -> None:
    assert link("https://meet.example/a?b=1&c=2", "Join <now>") == (
        "<https://meet.example/a?b=1&amp;c=2|Join &lt;now&gt;>"
    )


def test_a_pipe_or_bracket_in_an_address_cannot_end_the_link_early() -> None:
    assert link("https://x.example/a|<!channel>", "go") == (
        "<https://x.example/a%7C%3C!channel%3E|go>"
    )


def test_a_link_that_is_not_web_or_mail_is_shown_as_text() -> None:
    assert link("javascript:alert(1)", "click") == "click (javascript:alert(1))"
    assert link("slack://channel?id=C1&team=T1") == "slack://channel?id=C1&amp;team=T1"


def test_only_genuine_user_ids_become_mentions() -> None:
    assert mention("U0123ABCD") == "<@U0123ABCD>"
    assert mention("U1>|<!channel") is None
    assert mention("!here") is None


def test_fit_shortens_so_that_the_escaped_text_fits() -> None:
    fitted = fit("&" * 30, 24)
    assert len(fitted) <= 24 and fitted.endswith("…")
    assert "&amp" not in fitted.replace("&amp;", "")


def test_cut_markup_never_leaves_half_a_token() -> None:
    markup = "Starts <!date^1626674400^{time}|06:00 UTC> &amp; ends"
    assert cut_markup(markup, 20) == "Starts …"
    assert cut_markup("fish &amp; chips", 10) == "fish …"
    assert cut_markup("short", 10) == "short"
