"""Slash commands through the real Bolt app over HTTP, answered via Slack's Web API."""

from __future__ import annotations

from tests.slack_harness import buttons_in, text_of


def test_help_is_acknowledged_then_answered_ephemerally(slack, fake_slack):
    reply = slack.command("help")
    assert reply.status == 200 and reply.seconds < 3
    [answer] = fake_slack.wait_for("response_url")
    assert answer["response_type"] == "ephemeral"
    assert "/coach start" in text_of(answer["blocks"])


def test_user_locale_decides_the_language(slack, fake_slack):
    fake_slack.users["U7"] = {"locale": "sv-SE"}
    slack.command("help", user="U7")
    [answer] = fake_slack.wait_for("response_url")
    assert "Er coach för strategi i sociala medier" in text_of(answer["blocks"])
    assert fake_slack.of("users.info")[0]["include_locale"] in ("true", "1", True)


def test_start_in_a_channel_opens_the_interview_in_a_dm(slack, fake_slack):
    slack.command("start", channel="C42")
    [pointer] = fake_slack.wait_for("response_url")
    assert "sent you a direct message" in text_of(pointer["blocks"])
    [question] = fake_slack.wait_for("chat.postMessage")
    assert question["channel"] == "U1"
    assert "Who are you, what do you stand for" in text_of(question["blocks"])
    assert [b["text"]["text"] for b in buttons_in(question["blocks"])] == ["Skip", "Pause"]


def test_review_command_replies_with_the_verdict(slack, fake_slack):
    slack.command(
        "review instagram: Big sale! Buy now <https://shop.example.com|here> #a #b #c #d #e #f"
    )
    [answer] = fake_slack.wait_for("response_url")
    shown = text_of(answer["blocks"])
    assert "Score:" in shown and "Fix first:" in shown
    assert "6 hashtags; Instagram allows 5" in shown


def test_export_uploads_the_document_to_the_conversation(slack, fake_slack):
    slack.command("export", channel="C9")
    [done] = fake_slack.wait_for("files.completeUploadExternal")
    assert done["channel_id"] == "C9"
    [upload] = fake_slack.wait_for("upload")
    assert b"# Social media strategy" in upload["bytes"]


def test_hostile_text_is_never_echoed_as_markup(slack, fake_slack):
    slack.command("<!channel> <@U999> hello")
    answers = fake_slack.wait_for("response_url", count=2)
    raw = str([a["blocks"] for a in answers]) + str([a.get("text") for a in answers])
    assert "I don't know" in raw
    assert "<!channel>" not in raw and "<@U999>" not in raw
