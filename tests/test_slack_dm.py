"""DM coaching in Slack: plain messages are answers, buttons are answers, each taken once."""

from __future__ import annotations

from tests.slack_harness import buttons_in, text_of

PURPOSE = "We are a small outdoor shop in Umeå that helps families get outside all year round."


def _start(slack, fake_slack):
    slack.command("start", channel="DU1")
    return fake_slack.wait_for("chat.postMessage")[-1]


def test_dm_lines_answer_the_interview_and_use_the_bot_token(slack, fake_slack):
    _start(slack, fake_slack)
    assert slack.dm(PURPOSE).status == 200
    posts = fake_slack.wait_for("chat.postMessage", count=2)
    assert posts[-1]["channel"] == "DU1"
    assert "✓ Noted: We are a small outdoor shop" in text_of(posts[-1]["blocks"])
    assert slack.store.strategies.get("T1").value("purpose.statement") == PURPOSE
    assert fake_slack.tokens() == {"Bearer xoxb-test"}


def test_two_quick_messages_are_both_kept(slack, fake_slack):
    _start(slack, fake_slack)
    slack.dm(PURPOSE)
    slack.dm("Because you get honest advice about gear and easy trips")
    fake_slack.wait_for("chat.postMessage", count=3)
    strategy = slack.store.strategies.get("T1")
    answers = {strategy.value("purpose.statement"), strategy.value("purpose.why_interact")}
    assert answers == {PURPOSE, "Because you get honest advice about gear and easy trips"}


def test_retried_event_is_answered_once(slack, fake_slack):
    _start(slack, fake_slack)
    first = slack.dm(PURPOSE, event_id="Ev-same")
    again = slack.dm(
        PURPOSE,
        event_id="Ev-same",
        headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
    )
    assert first.status == again.status == 200
    fake_slack.settle()
    answers = [p for p in fake_slack.of("chat.postMessage") if "✓ Noted" in text_of(p["blocks"])]
    assert len(answers) == 1
    assert slack.store.strategies.get("T1").version == 1


def test_bot_messages_and_edits_are_ignored(slack, fake_slack):
    _start(slack, fake_slack)
    fake_slack.clear()
    slack.event(
        {
            "type": "message",
            "channel_type": "im",
            "channel": "DU1",
            "user": "U1",
            "bot_id": "B1",
            "text": "hi",
        }
    )
    slack.event(
        {
            "type": "message",
            "subtype": "message_changed",
            "channel_type": "im",
            "channel": "DU1",
            "text": "x",
        }
    )
    fake_slack.settle()
    assert fake_slack.of("chat.postMessage") == []


def test_clicking_a_choice_answers_and_closes_the_buttons(slack, fake_slack):
    _start(slack, fake_slack)
    slack.dm(PURPOSE)
    fake_slack.wait_for("chat.postMessage", count=2)  # a person reads the next question first
    slack.dm("Because you get honest advice about gear and easy trips")
    question = fake_slack.wait_for("chat.postMessage", count=3)[-1]
    lead = next(b for b in buttons_in(question["blocks"]) if b["value"] == "lead")
    message = {"ts": "1700000000.000003", "text": question["text"], "blocks": question["blocks"]}
    assert slack.click(message, lead, channel="DU1").status == 200
    [update] = fake_slack.wait_for("chat.update")
    assert [b for b in update["blocks"] if b["type"] == "actions"] == []
    assert "→ Lead (social first)" in text_of(update["blocks"])
    fake_slack.wait_for("chat.postMessage", count=4)
    assert slack.store.strategies.get("T1").value("purpose.ambition") == "lead"


def test_double_click_is_taken_once(slack, fake_slack):
    _start(slack, fake_slack)
    slack.dm(PURPOSE)
    fake_slack.wait_for("chat.postMessage", count=2)  # a person reads the next question first
    slack.dm("Because you get honest advice about gear and easy trips")
    question = fake_slack.wait_for("chat.postMessage", count=3)[-1]
    message = {"ts": "1700000000.000003", "text": question["text"], "blocks": question["blocks"]}
    buttons = buttons_in(question["blocks"])
    # Two clicks on one question (a double click, or two buttons in a hurry): their jobs
    # run concurrently, either may come first, exactly one is taken.
    slack.click(message, buttons[0], channel="DU1")
    slack.click(message, buttons[1], channel="DU1")
    fake_slack.settle()
    assert len(fake_slack.of("chat.update")) == 1
    strategy = slack.store.strategies.get("T1")
    assert strategy.value("purpose.ambition") in ("lead", "support")
    assert strategy.value("purpose.vision_link") is None  # the second did not answer the next
    assert strategy.version == 3  # statement, why, and one choice: not two


def test_checkboxes_are_submitted_with_done(slack, fake_slack):
    slack.command("edit activation", channel="DU1")
    question = fake_slack.wait_for("chat.postMessage")[-1]
    multi = next(b for b in question["blocks"] if b.get("block_id", "").startswith("multi:"))
    done = next(e for e in multi["elements"] if e["type"] == "button")
    state = {
        multi["block_id"]: {
            "coach_multi": {
                "type": "checkboxes",
                "selected_options": [
                    {
                        "value": "brand",
                        "text": {"type": "plain_text", "text": "Ongoing brand work"},
                    },
                    {
                        "value": "service",
                        "text": {"type": "plain_text", "text": "Customer service"},
                    },
                ],
            }
        }
    }
    message = {"ts": "1700000000.000001", "text": "q", "blocks": question["blocks"]}
    slack.click(message, {**done, "action_id": "coach_multi_done"}, channel="DU1", state=state)
    fake_slack.wait_for("chat.update")
    fake_slack.wait_for("chat.postMessage", count=2)
    assert slack.store.strategies.get("T1").value("activation.kinds") == ["brand", "service"]


def test_markup_typed_in_a_dm_is_stored_as_plain_text(slack, fake_slack):
    _start(slack, fake_slack)
    slack.dm(
        "We are <https://shop.example.com|Shop> and we help <@U2> and every family get outside."
    )
    fake_slack.wait_for("chat.postMessage", count=2)
    stored = slack.store.strategies.get("T1").value("purpose.statement")
    assert stored.startswith("We are Shop https://shop.example.com and we help @U2")
