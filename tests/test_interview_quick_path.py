"""The quick path: about twenty questions to a usable one-page strategy, summaries at each
section's end, then deepening section by section; the full depth stays available."""

from __future__ import annotations

import pytest

from coachbot.core.flow import load_flow
from coachbot.i18n import texts
from coachbot.strategy import paths
from coachbot.strategy.export import open_slots
from tests.walkthrough import QUICK_FOLLOW_UPS, QUICK_SESSION, walk

# The coach runs on the pinned clock of the fixtures: nothing here reads the date.
pytestmark = pytest.mark.clock_free


def _quick_walk(shell, lang: str) -> list[str]:
    t = texts(lang)
    shell.say(f"/coach language {lang}")
    printed = [shell.say(f"/coach {t.words('commands.aliases.start')[0]}")]
    for answer in QUICK_SESSION[lang]:
        assert not shell.state()["done"], "the quick path ended before the answers did"
        printed.append(shell.say(answer))
    return printed


@pytest.mark.parametrize("lang", ["en", "sv", "nb"])
def test_the_quick_path_makes_a_one_page_strategy_in_about_twenty_questions(shell, tmp_path, lang):
    t = texts(lang)
    printed = _quick_walk(shell, lang)
    questions = len(QUICK_SESSION[lang]) - QUICK_FOLLOW_UPS
    assert questions <= 20
    assert t("interview_path.offer", **_offer_params(t)) in printed[0]  # both paths offered
    assert shell.state()["done"]
    assert t("interview_path.quick_done", count=99, minutes=5).split("—")[0] in printed[-1]

    # Each of the six sections it touched ended with its summary and how to fix a line.
    summaries = [p for p in printed if t("summary.fix", command="", example="")[:8] in p]
    assert len(summaries) == 6
    assert t("summary.title", section=t("interview.audience.title")) in "\n".join(printed)

    shell.say("/coach export")
    document = next(tmp_path.glob("*.md")).read_text()
    name = QUICK_SESSION[lang][5]
    assert document.startswith(f"# {t('export.title_named', name=name)}")
    assert QUICK_SESSION[lang][12][:30] in document  # a persona's needs, as answered
    assert t.money(15000, t("engine.currency")) in document
    assert t("export.nothing_open") not in document  # the rest of the guide is still open


def _offer_params(t) -> dict:
    start, full_word = t.words("commands.aliases.start")[0], t.words("interview_path.full_words")[0]
    return {
        "quick": paths.question_count(True),
        "quick_minutes": paths.path_minutes(True),
        "full": paths.question_count(False),
        "full_minutes": paths.path_minutes(False),
        "full_command": f"`/coach {start} {full_word}`",
    }


@pytest.mark.parametrize("lang", ["en", "sv", "nb"])
def test_after_the_quick_path_start_deepens_section_by_section(shell, lang):
    t = texts(lang)
    _quick_walk(shell, lang)
    deeper = shell.say(f"/coach {t.words('commands.aliases.start')[0]}")
    # The first question the quick path left out, in the guide's order.
    assert t("interview.purpose.anchored.q") in deeper
    printed = walk(shell, lang)
    assert open_slots(load_flow("interview"), shell.strategy()) == []
    assert shell.strategy().value("content.concept") == QUICK_SESSION[lang][15]
    assert t("interview_done.finished") in printed[-1]


def test_the_full_depth_stays_available(shell):
    reply = shell.say("/coach start full")
    assert texts("en")("coach.interview_begin") in reply
    for _ in range(4):
        shell.say("skip")
    # The full path asks what the quick one leaves out.
    assert shell.current_step().slot == "purpose.anchored"


def test_a_line_of_a_summary_can_be_fixed_alone(shell):
    printed = _quick_walk(shell, "sv")
    summary = next(p for p in printed if "Så här ser Målgrupper ut nu:" in p)
    assert "2. Personas: Gymnasie-Gustav, Pendlar-Pia" in summary
    asked = shell.say("/coach redigera målgrupper 2")
    assert "Nuvarande svar: Gymnasie-Gustav, Pendlar-Pia" in asked
    confirm = shell.say("Gymnasie-Gustav\nPendlar-Pia\nPensionärs-Per")
    assert "Nu: Gymnasie-Gustav, Pendlar-Pia" in confirm
    assert "Nytt: Gymnasie-Gustav, Pendlar-Pia, Pensionärs-Per" in confirm
    assert "Ändrat." in shell.say("ja")
    assert shell.strategy().items("audience.personas")[2] == "Pensionärs-Per"
    assert shell.state()["done"]  # only that line was asked


def test_a_summary_line_that_does_not_exist_is_explained(shell):
    _quick_walk(shell, "en")
    assert "There is no line 9: this section has 5 lines." in shell.say("/coach edit purpose 9")


def test_pausing_the_quick_path_resumes_it(shell):
    shell.say("/coach start")
    shell.say(QUICK_SESSION["en"][0])
    shell.say("pause")
    resumed = shell.say("/coach start")
    assert "Welcome back" in resumed
    assert shell.state()["scope"] == "quick"


def test_start_quick_again_says_the_one_pager_is_done(shell):
    _quick_walk(shell, "en")
    reply = shell.say("/coach start quick")
    assert "Your one-page strategy is ready" in reply
