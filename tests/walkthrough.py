"""A realistic team's answers, per step type and language, for scripted walk-throughs."""

from __future__ import annotations

# Answers by base slot; steps not listed get a generic answer of their type.
ANSWERS = {
    "en": {
        "purpose.statement": "We are a small outdoor shop in Umeå. We stand for getting families outside all year, we need more young families to know us, and we contribute gear advice and weekend trip ideas.",
        "goals.list": "Become the go-to family outdoor voice in Umeå\nMore visits to the rental page",
        "audience.personas": "Weekend Wilma\nTrail Tomas",
        "channels.list": "1, 3",
        "kpis.list": "Reach in target group: 40000 a month\nEngagement rate: 4 %",
        "purpose.vision_link": "Our shop's goal of 500 new family customers a year by 2027",
        "purpose.organisation": "Umeå Outdoor",
    },
    "sv": {
        "purpose.statement": "Vi är en liten friluftsbutik i Umeå. Vi står för att få ut barnfamiljer i naturen året runt, vi behöver bli kända av fler unga familjer och vi bidrar med råd om utrustning och idéer till helgturer.",
        "goals.list": "Bli den självklara familjerösten för friluftsliv i Umeå\nFler besök på uthyrningssidan",
        "audience.personas": "Helg-Wilma\nTrail-Tomas",
        "channels.list": "instagram, facebook",
        "kpis.list": "Räckvidd i målgruppen: 40000 i månaden\nEngagemangsgrad: 4 %",
        "purpose.vision_link": "Butikens mål om 500 nya barnfamiljer som kunder per år till 2027",
        "purpose.organisation": "Umeå Friluft",
    },
    "nb": {
        "purpose.statement": "Vi er en liten friluftsbutikk i Tromsø. Vi står for å få barnefamilier ut i naturen hele året, vi trenger at flere unge familier kjenner oss, og vi bidrar med råd om utstyr og ideer til helgeturer.",
        "goals.list": "Bli den selvsagte familiestemmen for friluftsliv i Tromsø\nFlere besøk på utleiesiden",
        "audience.personas": "Helge-Wilma\nTerreng-Tomas",
        "channels.list": "instagram, tiktok",
        "kpis.list": "Rekkevidde i målgruppen: 40000 i måneden\nEngasjementsgrad: 4 %",
        "purpose.vision_link": "Butikkens mål om 500 nye barnefamilier som kunder i året innen 2027",
        "purpose.organisation": "Tromsø Friluft",
    },
}

GENERIC = {
    "en": {
        "text": "Families with small children who want easy nature trips close to home",
        "list": "Curiosity, 10 a month\nSafety first, 20 %",
    },
    "sv": {
        "text": "Barnfamiljer som vill göra enkla naturutflykter nära hemmet",
        "list": "Nyfikenhet, 10 i månaden\nTrygghet först, 20 %",
    },
    "nb": {
        "text": "Barnefamilier som vil ta enkle naturturer nær hjemmet",
        "list": "Nysgjerrighet, 10 i måneden\nTrygghet først, 20 %",
    },
}

BY_TYPE = {"choice": "2", "multi": "1, 2", "scale": "4", "number": "5", "date": "+6m"}


def answer_for(step, lang: str) -> str:
    """What our imaginary team types for this step."""
    specific = ANSWERS[lang].get(step.base_slot)
    if specific:
        return specific
    if step.step.type in BY_TYPE:
        return BY_TYPE[step.step.type]
    return GENERIC[lang][step.step.type]


def walk(shell, lang: str, limit: int = 300, deepen: bool = True) -> list[str]:
    """Answer every question until the interview is done; returns what was printed.

    After the quick path, `/coach start` deepens it to the whole guide unless `deepen`
    is False."""
    printed = []
    for _ in range(limit):
        state = shell.state()
        if state is None or state["done"]:
            if not (deepen and state and state.get("scope") == "quick"):
                return printed
            printed.append(shell.say("/coach start"))
            continue
        step = shell.current_step()
        printed.append(shell.say(answer_for(step, lang)))
    raise AssertionError("the interview did not finish")
