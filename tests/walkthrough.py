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


# A regional bus company's comms lead on the quick path, answer by answer as typed —
# three weak answers among them, each followed up once and then answered properly.
# Two goals, two personas, two channels. bench/interview_paths.py times it.
QUICK_SESSION = {
    "sv": [
        "Vi är Länstrafiken Norr och kör buss i fyra kommuner i Norrbotten. Vi står för trygga och enkla resor till skola, jobb och fritid. Vi behöver fler som väljer bussen framför bilen, och vi bidrar med snabb information när något händer i trafiken.",
        "Ni får veta direkt när bussen är sen och varför, svar på frågor om biljetter samma dag och tips om resor ni inte visste att ni kunde göra med buss.",
        "2",
        "Bli mer synliga.",
        "Regionens mål om 20 % fler resor med kollektivtrafik till 2030, och vårt eget mål om nöjdare resenärer i kundundersökningen.",
        "Länstrafiken Norr",
        "Fler unga som reser med appbiljett\nFärre samtal till kundtjänst om förseningar",
        "fler likes",
        "Sålda appbiljetter till 16–25-åringar: 3 000 i månaden till juni",
        "Samtal om förseningar till kundtjänst: 30 % färre till december 2027",
        "Att ta sig till skola, jobb och träning i glesbygd utan egen bil",
        "Gymnasie-Gustav\nPendlar-Pia",
        "Veta när bussen faktiskt kommer en mörk vintermorgon, och köpa biljett i mobilen utan krångel",
        "Hinna med bytet i Boden och få besked direkt när något är fel, så att hon kan ringa förskolan",
        "Vi ska synas överallt och passa alla.",
        "Bussen som väntar på dig: vardagsresor i mörker och kyla, berättade av förare och resenärer",
        "Varm, rak, lokal",
        "instagram, facebook",
        "Sara Lind, kommunikatör",
        "Kundtjänst, med Jonas Berg som ansvarig",
        "Sara Lind — kommunikatör och ägare av Instagram\nJonas Berg — kundtjänstchef och ägare av Facebook\nMikael Ek — kommunikationschef, godkänner kampanjer",
        "15 000 kr",
    ],
    "nb": [
        "Vi er Fjordbuss og kjører buss mellom byen og bygdene rundt Bodø. Vi står for trygge og enkle reiser til skole, jobb og fritid. Vi trenger flere som velger bussen framfor bilen, og vi bidrar med rask informasjon når noe skjer i trafikken.",
        "Dere får vite med en gang når bussen er forsinket og hvorfor, svar på spørsmål om billetter samme dag og tips om turer dere ikke visste at dere kunne ta med buss.",
        "2",
        "Bli mer synlige.",
        "Fylkets mål om 20 % flere reiser med kollektivtransport innen 2030, og vårt eget mål om mer fornøyde reisende i kundeundersøkelsen.",
        "Fjordbuss",
        "Flere unge som reiser med appbillett\nFærre samtaler til kundeservice om forsinkelser",
        "flere likes",
        "Solgte appbilletter til 16–25-åringer: 3 000 i måneden innen juni",
        "Samtaler om forsinkelser til kundeservice: 30 % færre innen desember 2027",
        "Å komme seg til skole, jobb og trening i distriktet uten egen bil",
        "Videregående-Vilde\nPendler-Per",
        "Vite når bussen faktisk kommer en mørk vintermorgen, og kjøpe billett på mobilen uten styr",
        "Rekke byttet på Fauske og få beskjed med en gang når noe er galt, så han kan ringe barnehagen",
        "Vi skal synes overalt og passe for alle.",
        "Bussen som venter på deg: hverdagsreiser i mørke og kulde, fortalt av sjåfører og reisende",
        "Varm, rett fram, lokal",
        "instagram, facebook",
        "Kari Nilsen, kommunikasjonsrådgiver",
        "Kundeservice, med Ola Berg som ansvarlig",
        "Kari Nilsen — kommunikasjonsrådgiver og eier av Instagram\nOla Berg — kundeservicesjef og eier av Facebook\nMarte Lie — kommunikasjonssjef, godkjenner kampanjer",
        "15 000 kr",
    ],
    "en": [
        "We are Northline Buses and run the buses in four rural districts. We stand for safe, simple journeys to school, work and leisure. We need more people to choose the bus over the car, and we contribute fast news when something happens in traffic.",
        "You learn at once when the bus is late and why, get answers about tickets the same day, and tips on trips you did not know you could make by bus.",
        "2",
        "Be more visible.",
        "The region's goal of 20 % more public transport journeys by 2030, and our own goal of happier travellers in the customer survey.",
        "Northline Buses",
        "More young people travelling on app tickets\nFewer calls to customer service about delays",
        "more likes",
        "App tickets sold to 16–25-year-olds: 3,000 a month by June",
        "Calls to customer service about delays: 30 % fewer by December 2027",
        "Getting to school, work and training in the countryside without a car",
        "Sixth-form Sam\nCommuter Claire",
        "Knowing when the bus really comes on a dark winter morning, and buying a ticket on the phone without fuss",
        "Making the change in the market town and hearing at once when something is wrong, so she can call the nursery",
        "We will be everywhere and suit everyone.",
        "The bus that waits for you: everyday journeys in dark and cold, told by drivers and travellers",
        "Warm, straight, local",
        "instagram, facebook",
        "Sara Lind, communications officer",
        "Customer service, with Jonas Berg in charge",
        "Sara Lind — communications officer, owns Instagram\nJonas Berg — head of customer service, owns Facebook\nMike Oak — head of communications, signs off campaigns",
        "15000",
    ],
}
QUICK_FOLLOW_UPS = 3  # "Bli mer synliga.", "fler likes", "… passa alla."
