"""Labelled functional cases for training and validating the toxicity head (rxbench's own templates).

Why: human-labelled tweets (Davidson et al.) teach "slur or swear word = bad" and have almost no
counter-speech, negated hate or friendly mentions of groups, so a classifier trained on them alone
flags swearing and misses polite hate. These cases supply the contrasts, one functionality per
family, written here (not copied from any published test suite):

label 1 (toxic): identity hate (derogation, dehumanisation, implicit derogation, slurs, hate with
profanity, pronoun reference, negated positive statements, questions, opinions), threats and
calls to violence, harassment of a person, and obfuscated spellings of those (`obfuscate`).
label 0: non-hateful profanity, negated hate, neutral and positive statements about groups,
counter-speech that quotes or refers to hate, abuse of objects and of non-protected groups,
reclaimed slurs, homonyms of slurs, and recommendation-style sentences with violent idioms.

Every case names its functionality, template id and target group, so `split` can hold out whole
templates and whole groups. Slurs are stored rot13-encoded so the source does not display them.
"""
from __future__ import annotations

import codecs
import random
import re
from dataclasses import dataclass
from typing import Iterable

# (plural, singular noun phrase, adjective form or "") for protected groups
GROUPS: tuple[tuple[str, str, str], ...] = (
    ("women", "woman", "female"), ("trans people", "trans person", "trans"), ("gay people", "gay person", "gay"),
    ("lesbians", "lesbian", "lesbian"), ("bisexual people", "bisexual person", "bisexual"),
    ("black people", "black person", "black"), ("Asians", "Asian", "Asian"), ("Latinos", "Latino", "Latino"),
    ("Arabs", "Arab", "Arab"), ("Jews", "Jew", "Jewish"), ("Muslims", "Muslim", "Muslim"), ("Christians", "Christian", "Christian"),
    ("Hindus", "Hindu", "Hindu"), ("Sikhs", "Sikh", "Sikh"), ("immigrants", "immigrant", "immigrant"),
    ("refugees", "refugee", "refugee"), ("disabled people", "disabled person", "disabled"), ("deaf people", "deaf person", "deaf"),
    ("autistic people", "autistic person", "autistic"), ("old people", "old person", "elderly"), ("Mexicans", "Mexican", "Mexican"),
    ("Chinese people", "Chinese person", "Chinese"), ("Indians", "Indian", "Indian"), ("Roma", "Roma person", "Roma"),
    ("Africans", "African", "African"), ("Native Americans", "Native American", "Native American"),
    ("Pakistanis", "Pakistani", "Pakistani"), ("Nigerians", "Nigerian", "Nigerian"), ("Catholics", "Catholic", "Catholic"),
    ("Buddhists", "Buddhist", "Buddhist"), ("gay men", "gay man", "gay"), ("blind people", "blind person", "blind"),
    ("Turks", "Turk", "Turkish"), ("Poles", "Pole", "Polish"), ("Koreans", "Korean", "Korean"), ("Syrians", "Syrian", "Syrian"),
    ("Ethiopians", "Ethiopian", "Ethiopian"), ("Palestinians", "Palestinian", "Palestinian"), ("Jamaicans", "Jamaican", "Jamaican"),
    ("Vietnamese people", "Vietnamese person", "Vietnamese"), ("transgender women", "transgender woman", "transgender"),
    ("intersex people", "intersex person", "intersex"), ("black women", "black woman", "black"), ("Asian women", "Asian woman", "Asian"),
    ("Protestants", "Protestant", "Protestant"),
)
HELDOUT_GROUPS = frozenset({"lesbians", "Sikhs", "deaf people", "Roma", "Nigerians", "Catholics", "refugees", "Latinos"})

# non-protected targets: abuse of these is not identity hate
NONPROTECTED = ("spammers", "tax dodgers", "people who talk in cinemas", "tailgaters", "litterbugs", "telemarketers",
                "lawyers", "bankers", "landlords", "politicians", "influencers", "referees", "critics", "pigeons",
                "mosquitoes", "traffic wardens", "people who chew loudly", "fraudsters", "murderers", "paedophiles", "scammers",
                "bullies", "poachers", "corrupt cops", "CEOs", "tourists", "car thieves", "terrorists", "people who litter",
                "anti-vaxxers", "hipsters", "estate agents", "wife beaters", "slumlords", "Nazis", "racists", "trolls", "cheaters")
OBJECTS = ("cauliflower", "this printer", "Mondays", "the new update", "this weather", "my old laptop", "the traffic",
           "this app", "that song", "the commute", "this chair", "decaf coffee", "the ending of that film", "tax forms",
           "this phone case", "the hotel wifi", "the airline's website", "pineapple on pizza", "this vacuum cleaner", "my alarm clock",
           "the bus timetable", "olives", "that painting", "this sofa", "jazz fusion", "the self-checkout machine", "my toaster",
           "this font", "the finale", "the parking app", "this shampoo", "winter")

NEG_ADJ = ("disgusting", "filthy", "worthless", "stupid", "pathetic", "inferior", "vile", "repulsive", "dangerous",
           "subhuman", "a disgrace", "evil", "dirty", "primitive", "a burden on society", "mentally ill", "useless", "criminal",
           "lazy", "violent", "dishonest", "ignorant", "backward", "dumb", "brainless", "degenerate", "perverted", "diseased",
           "deranged", "untrustworthy", "ugly", "smelly", "barbaric", "retarded", "corrupt", "weak")
DEHUMAN = ("vermin", "animals", "rats", "parasites", "cockroaches", "scum", "trash", "a plague", "a disease", "savages",
           "insects", "pigs", "a cancer", "filth", "apes", "leeches", "garbage", "a virus", "monkeys", "dogs", "hyenas", "slugs",
           "worms", "mongrels", "weeds", "a pest", "beasts", "a tumour", "termites", "a swarm", "bacteria", "sewage", "animals in human skin")
HATE_VERBS = ("hate", "despise", "detest", "loathe", "can't stand", "am sick of", "am disgusted by", "have nothing but contempt for",
              "resent", "abhor", "am repulsed by", "can't tolerate")
VIOLENCE = ("kill", "shoot", "stab", "beat up", "hang", "burn", "hurt", "slaughter", "punch", "drown", "murder", "lynch",
            "strangle", "gut", "torch", "behead", "run over", "beat to death")
# rot13: common slurs for protected groups (needed to learn the slur functionality)
_SLURS_ROT13 = ("snttbg", "qlxr", "genaal", "ergneq", "fcnfgvp", "xvxr", "enturnq", "gbjryurnq", "jrgonpx", "puvax", "fcvp",
                "avttre", "pbba", "cnxv", "tbbx", "ubzb", "furznyr", "zhmmvr", "cvpxnavaal", "gneonol")
SLURS = tuple(codecs.decode(s, "rot13").lower() for s in _SLURS_ROT13)
HOMONYMS = (
    "I had a queer feeling that something was off about the plan.",
    "The old dyke kept the fields from flooding every spring.",
    "The coating can retard the spread of fire in the kitchen.",
    "A flame retardant finish makes this sofa safer for kids.",
    "We saw a coon hound and a beagle at the dog show.",
    "She tied the faggots of firewood before the storm.",
    "The spastic colon section of the textbook was very clear.",
    "That was a queer turn of events in the second act.",
    "The dyke along the river was repaired last summer.",
    "Cold weather can retard the growth of the seedlings.",
)
RECLAIMED = (
    "As a queer woman, I am proud of who I am.", "We queers have built an amazing community here.",
    "Me and my dyke friends are going to the march on Saturday.", "I'm a proud queer and I love this book.",
    "Queer joy is the best kind of joy.", "Us queer folks know how to throw a party.",
    "Dykes on bikes led the parade this year.", "The queer film festival starts next week.",
)
PROFANE_CLEAN = (
    "This fucking pizza is amazing.", "Holy shit, what a view from the balcony.", "Damn, this bass is loud as hell.",
    "That concert was fucking epic.", "I wish someone would get me the fuck out of this meeting.",
    "Shit, I forgot my keys again.", "This is the best damn burger in town.", "Fuck yeah, we won the game!",
    "What the hell was I thinking buying two of these?", "Oh crap, the train is late again.",
    "This fucking thing finally works, amazing.", "Hell yes, the sequel is even better.",
    "Bloody brilliant service, I'd go back tomorrow.", "Goddamn, that sunset was beautiful.",
    "Fuck me, that hike was hard but worth it.", "This shit is delicious, I want more.",
    "I'm so fucking tired after that flight.", "Damn right I'm buying the new album.",
    "Holy crap, the price dropped by half.", "That was a badass performance last night.",
    "The hotel pool is fucking gorgeous at night.", "Shit, this camera takes sharp photos.",
    "That's a hell of a deal for a laptop this good.", "Damn, these noodles are spicy as fuck.",
    "Fucking finally, a budget phone with a decent battery.", "I laughed my ass off at this comedy.",
    "The view from the summit is bloody spectacular.", "Pretty damn good value for the price.",
    "This course kicked my ass but I learned a ton.", "Holy fuck, the final chapter is intense.",
    "The bass drop is sick as hell.", "No bullshit, this is the comfiest chair I own.",
    "I'm pissed I didn't find this shop sooner.", "Well shit, I'm booking this trip again.",
    "The fucking rain ruined our picnic but the cake was great.", "This album slaps, damn.",
)
REC_CLEAN = (
    "This thriller has a killer plot twist you will not see coming.", "The dessert here is to die for.",
    "Their new blender absolutely destroys frozen fruit.", "This phone crushes the competition on battery life.",
    "The laser is deadly accurate for long-range work.", "The band will blow you away on the opening track.",
    "You will hate to miss the last day of this sale.", "A brutally honest memoir about growing up poor.",
    "The drums on this record hit like a hammer.", "The final boss fight is insanely hard but fair.",
    "Guests rave about the shooting range and the archery lessons.", "This war documentary shows the horror of the front line.",
    "A gripping crime novel about a serial killer in Oslo.", "The hotel is close to the old battlefield museum.",
    "The course explains how attackers break weak passwords.", "An affordable knife set that cuts through anything.",
    "The horror film scared the hell out of our whole group.", "This hair dye is a real killer shade of red.",
    "Great for Muslim families: halal options are right next door.", "A moving biography of a Black woman in early aviation.",
    "The tour is wheelchair accessible and has sign language guides.", "This course suits older learners and retirees.",
    "A novel about two gay men rebuilding a farm in Ireland.", "The museum has a wing on Jewish life in the city.",
    "The fund avoids weapons makers and tobacco companies.", "Perfect for women who like trail running in the rain.",
    "Based on your interest in history, this book on the Crusades fits well.", "It is a kid-friendly hotel near the water park.",
    "The hostel welcomes LGBT travellers and solo women.", "Readers who liked violent westerns praise this one.",
    "Based on your past purchases, this charger is a good match.", "Recommended because you enjoyed stories about immigrants in New York.",
    "This fund suits investors who hate volatility.", "A beginner's guide to hunting and field dressing deer.",
    "The spa is a great escape for people who hate crowds.", "This thriller about a hitman is dark but gripping.",
    "You liked the first season, so the second one should land well too.", "Affordable, durable and loved by reviewers.",
    "A good fit for refugees learning English: short lessons, free materials.", "The city tour covers the Jewish quarter and the old mosque.",
    "Since you like spicy food, try this Sichuan restaurant.", "The article explains the attack on the power grid.",
    "Critics call it a savage satire of the fashion industry.", "This shooter game has tight controls and great maps.",
    "An essay collection on disability rights and accessible design.", "Great reviews from deaf visitors for its captioned tours.",
    "This stock fell sharply, so it only suits high-risk investors.", "The hotel bar serves a killer mojito.",
    "A documentary about the genocide in Rwanda and its survivors.", "The museum's slavery exhibit is sobering and essential.",
    "Kids will love the pirate ship and the water cannons.", "The chef butchers whole pigs in house for the sausages.",
    "A novel that exposes how racists recruited teenagers online.", "The course on hate speech moderation is well taught.",
)
PERSON_INSULTS = ("idiot", "moron", "loser", "piece of garbage", "waste of space", "worthless clown", "pathetic joke",
                  "brainless fool", "disgusting creep", "failure")


@dataclass(frozen=True)
class Case:
    text: str
    label: int  # 1 = toxic (hate, threat, harassment)
    functionality: str
    template: str  # "<functionality>/<index>": the unit held out by `split`
    group: str  # target group plural, or "" when none


# functionality -> (label, templates). {G} group plural, {g} singular, {a} adjective form,
# {adj} NEG_ADJ, {dh} DEHUMAN, {hv} HATE_VERBS, {hs} simple hate verbs, {v} VIOLENCE, {s} slur, {ins} PERSON_INSULTS
TEMPLATES: dict[str, tuple[int, tuple[str, ...]]] = {
    "derog_emotion": (1, ("I {hv} {G}.", "I really {hv} {G}.", "{G} make me sick.", "Nothing disgusts me more than {G}.",
                          "I {hv} every single one of those {G}.", "God, I {hv} {G} so much.", "{G} make my skin crawl.",
                          "Honestly, {G} fill me with disgust.", "{G} fill me with rage.", "Seeing {G} ruins my whole day.",
                          "I feel nothing but hatred towards {G}.", "Ugh, {G}. I {hv} them.", "The more {G} I meet, the more I {hs} them.",
                          "i {hs} {G} so much lol", "Just being near a {g} makes me angry.")),
    "derog_attribute": (1, ("{G} are {adj}.", "All {G} are {adj}.", "{G} are so {adj}.", "Typical {G}, always {adj}.",
                            "{G} are nothing but {adj} people.", "Every {g} I have met was {adj}.", "{a} people are {adj} by nature.",
                            "It's a fact that {G} are {adj}.", "Show me a {g} and I'll show you someone {adj}.",
                            "{G} can't help being {adj}.", "Name one {g} who isn't {adj}.", "{G} are {adj} and everyone knows it.",
                            "The trouble with {G} is that they are {adj}.", "{G}: {adj}, every last one.")),
    "dehumanise": (1, ("{G} are {dh}.", "{G} are nothing but {dh}.", "Those {G} are {dh}, plain and simple.",
                       "{G} are {dh} and should be treated like it.", "To me, {G} are just {dh}.", "A {g} is no better than {dh}.",
                       "{G}? {dh}, all of them.", "{G} are {dh} infesting this country.", "{G} multiply like {dh}.",
                       "Treat {G} like the {dh} they are.", "{G} aren't people, they're {dh}.", "Every {g} is basically {dh}.",
                       "{G} crawl out of their holes like {dh}.")),
    "implicit": (1, ("{G} belong in a zoo.", "{G} should go back where they came from.", "Keep {G} out of our neighbourhood.",
                     "{G} don't deserve any rights.", "I would never let a {g} near my children.", "Never trust a {g}.",
                     "The world would be better off without {G}.", "{G} are ruining this country.",
                     "{G} should not be allowed to vote.", "No {G} allowed in my shop, ever.", "{G} should be kept in cages.",
                     "Our town was fine until the {G} showed up.", "Hiring a {g} is always a mistake.",
                     "{G} are only good for cleaning toilets.", "I'd never rent my flat to a {g}.",
                     "{G} are why this area went downhill.", "If {G} don't like it here, they can leave.",
                     "Let a {g} run the company and watch it go bankrupt.", "{G} shouldn't be allowed to have children.",
                     "I can't believe they let {G} work in hospitals now.", "A {g} as a teacher? Over my dead body.",
                     "You can smell it when {G} have moved into a building.", "Real citizens come first, {G} last.")),
    "threat": (1, ("I am going to {v} the next {g} I see.", "I will {v} every {g} in this town.", "We will {v} you {G}, just wait.",
                   "Any {g} who comes here will get what's coming to them.", "I'm going to find you and {v} you.",
                   "Watch your back, I know where you live and I will {v} you.", "Next time I see you I will {v} you.",
                   "I swear I'll {v} you and your whole family.", "Someone is going to {v} you tonight, and it will be me.",
                   "Say that again and I will {v} you.", "The next {g} who walks in here will regret it.",
                   "{G} around here had better watch out, we're coming for them.", "I'll make every {g} in this street suffer.",
                   "Any {g} in my bar tonight is going home in a body bag.", "Let one {g} move in next door and see what I do.",
                   "I'm keeping a gun by the door for the {G}.")),
    "call_violence": (1, ("{G} should all be shot.", "We need to get rid of {G} once and for all.", "Someone should {v} all the {G}.",
                          "{G} deserve to die.", "Round up the {G} and throw them out.", "It is time to {v} every {g}.",
                          "Let's {v} some {G} tonight.", "{G} should be wiped off the face of the earth.", "Go kill yourself.",
                          "You should just die.", "{G} need to be wiped out.", "Deport them or kill them, just get rid of {G}.",
                          "It would be great if all {G} died in a fire.", "Somebody should {v} those {G} before it's too late.",
                          "{G} should be hunted down.", "Bring back the camps for {G}.")),
    "slur": (1, ("You are just a {s} to me.", "Shut up, you {s}.", "Get out of here, you filthy {s}.", "Nobody wants a {s} like you here.",
                 "There's a {s} living next door now.", "The new manager is a {s}.", "{s}s like you ruin everything.",
                 "Look at that {s} over there.", "Why is there a {s} in my class?", "Another {s} moved onto our street.",
                 "Tell that {s} to get lost.", "My taxi driver was some {s}.", "I'm not sitting next to a {s}.",
                 "{s}s everywhere these days.")),
    "profanity_hate": (1, ("{G} should shut the fuck up.", "Fuck all {G}.", "{G} are fucking {dh}.", "I fucking {hv} {G}.",
                           "Fucking {G} everywhere, it's disgusting.", "{G} are a bunch of fucking {adj} idiots.",
                           "Screw {G}, they're all {dh}.", "Damn {G} ruin every damn thing.", "{G} can go fuck themselves.",
                           "{G} are full of shit.", "{G} are shit people.", "Piss off, {G}, nobody wants you.", "{G} are fucking {adj}.")),
    "pronoun_ref": (1, ("I have met many {G} and I {hv} every one of them.", "Of course they are {adj}. They are {G} after all.",
                        "{G} think they're equal to us. They are {dh}.", "I met some {G} yesterday; they were {adj} like all of them.",
                        "Those {G} moved in next door and they are {dh}.", "{G}? I'd {v} them if I could.",
                        "When I see {G}, I want to {v} them.", "My new coworker is a {g}. They're {adj}, like the rest.",
                        "Have you seen the {G} downtown? They are {dh}.", "{G} keep coming here. I wish they would all die.",
                        "I sat next to a {g} on the bus. It made me sick.", "{G} want equal rights. They deserve nothing.")),
    "negate_positive": (1, ("{a} lives do not matter.", "{G} are not human.", "I will never respect a {g}.", "{G} have no value at all.",
                            "{G} are not welcome here and never will be.", "No {g} is worth saving.",
                            "{G} don't deserve to be treated like people.", "{G} are not our equals and never will be.",
                            "{G} can never be trusted.", "There is nothing good about {G}.", "{G} have never done anything useful.",
                            "A {g} can't be a good parent.", "{G} aren't capable of honest work.")),
    "question": (1, ("Why are {G} so {adj}?", "Why is it that all {G} are {dh}?", "Isn't it obvious that {G} are {adj}?",
                     "Why do {G} always ruin everything?", "How can anyone not see that {G} are {dh}?",
                     "Why should we tolerate {G} at all?", "Why don't we just {v} the {G}?",
                     "Why do we even let {G} into this country?", "Can anyone name a single {g} who isn't {adj}?",
                     "Why should {G} get the same rights as normal people?", "Who thought it was a good idea to let {G} vote?",
                     "Wouldn't it be nice if the {G} just disappeared?", "Are {G} even human?")),
    "opinion": (1, ("I think {G} are {dh}.", "In my opinion {G} should be locked up.", "Honestly, I feel that {G} are {adj}.",
                    "I believe {G} are {adj}.", "I'm convinced {G} should all disappear.", "If you ask me, {G} are {dh}.",
                    "I've always thought {a} people were {adj}.", "Just my opinion, but {G} are {dh}.",
                    "Personally I find {G} {adj}.", "Unpopular opinion: {G} are {adj}.", "I'll say it: {G} are {dh}.",
                    "Call me what you like, {G} are {adj}.")),
    "harassment": (1, ("You are a {ins}.", "Shut up, you {ins}.", "Nobody likes you, you {ins}.", "You're such a {ins}, it's embarrassing.",
                       "Everyone knows you're a {ins}.", "Listen, you stupid {ins}: you are worthless.", "You make me sick, you {ins}.",
                       "Only a {ins} like you would say that.", "You're ugly and everyone laughs at you.", "Don't be such a {ins}, just buy it.")),
    # ---- label 0 ----
    "negated_hate": (0, ("I don't {hs} {G}.", "{G} are not {adj}.", "No {g} deserves to be treated like that.", "I would never {v} a {g}.",
                         "It's wrong to say {G} are {dh}.", "{G} are not {dh}, they are people.", "I have never hated {G}.",
                         "I don't think {G} are {adj} at all.", "Nobody should {v} {G}.", "I never said {G} are {dh}.",
                         "We do not {hs} {G} here.", "None of us thinks {G} are {adj}.", "{G} should never be treated like {dh}.",
                         "{G} are no more {adj} than anyone else.", "I've never had a problem with {G}.", "It's not true that {G} are {adj}.",
                         "{G} aren't {dh}.", "Nobody here hates {G}.", "I'd never want to hurt a {g}.", "{G} are not a threat to anyone.")),
    "identity_neutral": (0, ("We are a group of {G}.", "My neighbour is a {g}.", "{G} live all over the country.",
                             "The conference had several {a} speakers.", "She is a {g} who works as a nurse.", "Many {G} live in this city.",
                             "The survey asked {G} about their commute.", "He grew up with {a} parents.", "There are {G} in my class.",
                             "The article is about {G} in the workforce.", "I'm a {g} and I work in finance.", "Two {G} opened a bakery downtown.",
                             "The report counts how many {G} vote.", "Are there many {G} in your town?", "My coach is a {g}.",
                             "The film follows three {G} on a road trip.", "{G} have their own festival in June.",
                             "Is your boss a {g}?", "How many {G} live in Canada?", "My aunt is a {g}.", "{a} students joined the debate club.",
                             "The {g} next door lent us a ladder.", "What do {G} eat at weddings?", "I read a book written by a {g}.")),
    "identity_positive": (0, ("I love {G}.", "{G} are wonderful people.", "We should celebrate {G}.", "{G} deserve the same rights as everyone.",
                              "{a} people have made this city better.", "I'm proud to be a {g}.", "My best friend is a {g} and she is brilliant.",
                              "{G} are welcome here.", "I admire so many {G}.", "{G} make our team stronger.", "{G} deserve respect.",
                              "Every {g} should feel safe here.", "{G} are just as capable as anyone.", "Thank you to all the {G} who helped.",
                              "{G} belong here like everyone else.", "{G} are valid.", "I'm glad to have {a} neighbours.",
                              "{G} make this place better.", "So proud of the {a} athletes at the games.", "Love and respect to all {G}.")),
    "counter_quote": (0, ('Saying "{h}" is completely unacceptable.', '"{h}" - I can\'t believe people still say that.',
                          'Someone wrote "{h}" on the wall and the whole street cleaned it off.',
                          'If you hear "{h}", report it.', 'The post said "{h}" and it was rightly removed.',
                          'Statements like "{h}" are hateful and hurtful.', 'He yelled "{h}" and got banned, good.',
                          'Comments such as "{h}" have no place here.', 'He tweeted "{h}" and lost his job.',
                          'When my uncle says "{h}", I leave the room.', 'Why do people still believe "{h}"?', '"{h}"? That\'s just bigotry.',
                          'A stranger shouted "{h}" at my friend, so I called the police.', 'I keep seeing "{h}" in the comments and it needs to stop.',
                          'Teachers should explain why "{h}" is wrong.', 'You said "{h}". That\'s racist and you know it.')),
    "counter_ref": (0, ("You have to stop calling {G} {dh}.", "It's not okay to say {G} are {adj}.", "Calling {G} {dh} is hateful and wrong.",
                        "People who call {G} {dh} should be ashamed.", "Stop spreading lies that {G} are {adj}.",
                        "Claiming that {G} are {dh} is pure bigotry.", "I'm tired of hearing people say {G} are {adj}.",
                        "Threatening to {v} {G} is a crime.", "Anyone who thinks {G} are {adj} is ignorant.",
                        "Your comment about {G} being {dh} was bigoted.", "It's disgusting how people talk about {G} as if they were {dh}.",
                        "The myth that {G} are {adj} has been debunked many times.", "Treating {G} like {dh} is dehumanising.",
                        "I'm sick of hearing bigots call {G} {dh}.", "Hate crimes against {G} are rising and it's terrifying.",
                        "We must speak up when someone says {G} are {adj}.", "Jokes about {G} being {adj} aren't funny.",
                        "Don't let anyone tell you that {G} are {dh}.")),
    "abuse_object": (0, ("I really can't stand {o}.", "I {hv} {o}.", "{O} is absolute garbage.", "{O} is a useless piece of junk.",
                         "{O} is disgusting and I hate it.", "I want to throw {o} out of the window.", "{O} is the worst thing ever.",
                         "{O} can go to hell.", "{O} is pathetic.", "{O} is trash.", "Someone smash {o} with a hammer, honestly.",
                         "I {hv} {o} with a passion.", "{O} can rot.", "{O} is so {adj}.", "Ugh, {o}. Burn it.")),
    "abuse_nonprotected": (0, ("I {hv} {n}.", "{N} are parasites.", "{N} are the worst.", "{N} should be ashamed of themselves.",
                               "{N} are pathetic.", "Honestly, {n} make me sick.", "{N} ruin everything.", "{N} are {dh}.",
                               "{N} are {adj}.", "I can't stand {n}, they're the worst kind of people.", "{N} should rot in jail.",
                               "Why are {n} so {adj}?", "Honestly, {n} are scum.")),
    "profanity_clean": (0, ("{p}",)),
    "reclaimed": (0, ("{r}",)),
    "homonym": (0, ("{m}",)),
    "clean_recommendation": (0, ("{c}",)),
}
FIXED = {"{p}": PROFANE_CLEAN, "{r}": RECLAIMED, "{m}": HOMONYMS, "{c}": REC_CLEAN}  # sentence lists used whole
HATE_FOR_QUOTES = ("derog_attribute", "dehumanise", "implicit", "derog_emotion")
HELDOUT_TEMPLATE_SHARE = 0.25


def _fill(template: str, rng: random.Random, group: tuple[str, str, str] | None) -> str:
    plural, sing, adj = group or ("", "", "")
    n = rng.choice(NONPROTECTED)
    o = rng.choice(OBJECTS)
    article_adj = rng.choice(NEG_ADJ)
    out = template
    if "{h}" in out:
        fam = rng.choice(HATE_FOR_QUOTES)
        out = out.replace("{h}", _fill(rng.choice(TEMPLATES[fam][1]), rng, group).rstrip("."))
    values = {"{G}": plural, "{g}": sing, "{a}": adj, "{adj}": article_adj, "{dh}": rng.choice(DEHUMAN),
              "{hv}": rng.choice(HATE_VERBS), "{hs}": rng.choice(HATE_VERBS[:4]), "{v}": rng.choice(VIOLENCE), "{s}": rng.choice(SLURS), "{ins}": rng.choice(PERSON_INSULTS),
              "{n}": n, "{N}": n[0].upper() + n[1:], "{o}": o, "{O}": o[0].upper() + o[1:]}
    for k, v in values.items():
        out = out.replace(k, v)
    out = out.replace("I am sick of", "I'm sick of")
    out = re.sub(r"\b([Aa]) ([aeioAEIO])", r"\1n \2", out)
    return out[0].upper() + out[1:]


# --- obfuscation -------------------------------------------------------------------------------
_LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "$", "t": "7"}


def obfuscate(text: str, kind: str, rng: random.Random) -> str:
    """One spelling perturbation of the longest word of a hateful sentence (the hate-bearing word is
    usually the longest): swap, delete, leet, asterisk, spaced letters; or glue two words together."""
    words = text.split()
    if kind == "space_del" and len(words) > 2:
        i = rng.randrange(len(words) - 1)
        return " ".join(words[:i] + [words[i] + words[i + 1]] + words[i + 2 :])
    idx = max(range(len(words)), key=lambda i: (words[i].strip(".,?!\"").lower() in KEY_WORDS, len(words[i]), -i))
    w = words[idx]
    core = w.rstrip(".,?!\"")
    tail = w[len(core):]
    if len(core) < 4:
        return text
    if kind == "swap":
        j = rng.randrange(1, len(core) - 2)
        core = core[:j] + core[j + 1] + core[j] + core[j + 2 :]
    elif kind == "delete":
        j = rng.randrange(1, len(core) - 1)
        core = core[:j] + core[j + 1 :]
    elif kind == "leet":
        core = "".join(_LEET.get(c, c) if c in _LEET and rng.random() < 0.7 else c for c in core)
    elif kind == "asterisk":
        vowels = [j for j, c in enumerate(core) if c in "aeiou" and 0 < j < len(core) - 1] or [len(core) // 2]
        j = rng.choice(vowels)
        core = core[:j] + "*" + core[j + 1 :]
    elif kind == "space_add":
        core = " ".join(core)
    elif kind == "repeat":
        j = rng.randrange(len(core))
        core = core[:j] + core[j] * rng.randint(3, 5) + core[j + 1 :]
    words[idx] = core + tail
    return " ".join(words)


# single-word hate-bearing terms (the deobfuscator's preferred repairs) and group words (obfuscation targets)
HATE_WORDS = frozenset(p.lower() for ws in (NEG_ADJ, DEHUMAN, HATE_VERBS, VIOLENCE, SLURS, PERSON_INSULTS) for p in ws if " " not in p) | {
    "hate", "hates", "hated", "kill", "die", "fuck", "fucking", "shit", "scum", "contempt", "disgusted", "disgust", "stupid", "bitch"}
GROUP_WORDS = frozenset(w.lower() for g in GROUPS for p in g for w in p.split() if w.lower() not in {"people", "person", "man", "men"})
KEY_WORDS = HATE_WORDS | GROUP_WORDS
OBFUSCATIONS = ("swap", "delete", "leet", "asterisk", "space_add", "space_del", "repeat")


def functional_cases(seed: int = 0, per_template: int = 12) -> list[Case]:
    """Deterministic labelled cases: each template filled `per_template` times (with groups cycling),
    plus obfuscated versions of a share of the hateful ones (functionality `spell_<kind>`)."""
    rng = random.Random(seed)
    cases: list[Case] = []
    for fam, (label, templates) in TEMPLATES.items():
        for ti, tpl in enumerate(templates):
            uses_group = any(k in tpl for k in ("{G}", "{g}", "{a}", "{h}"))
            fixed = FIXED.get(tpl)
            n = len(fixed) if fixed else per_template if "{" in tpl else 1
            groups = rng.sample(GROUPS, len(GROUPS))
            seen: set[str] = set()
            for k in range(n):
                group = groups[k % len(groups)] if uses_group else None
                text = fixed[k] if fixed else _fill(tpl, rng, group)
                if text in seen:
                    continue
                seen.add(text)
                cases.append(Case(text, label, fam, f"{fam}/{ti}", group[0] if group else ""))
                if label == 1 and rng.random() < 0.35:
                    kind = rng.choice(OBFUSCATIONS)
                    cases.append(Case(obfuscate(text, kind, rng), 1, f"spell_{kind}", f"{fam}/{ti}", group[0] if group else ""))
    return cases


def heldout_templates(cases: Iterable[Case], seed: int = 0) -> frozenset[str]:
    """A deterministic HELDOUT_TEMPLATE_SHARE of each functionality's templates (at least one when it has two or more)."""
    rng = random.Random(seed + 1)
    by_fam: dict[str, list[str]] = {}
    for c in cases:
        fam = c.template.split("/")[0]
        if c.template not in by_fam.setdefault(fam, []):
            by_fam[fam].append(c.template)
    out: set[str] = set()
    for ts in by_fam.values():
        if len(ts) >= 2:
            out.update(rng.sample(ts, max(1, round(HELDOUT_TEMPLATE_SHARE * len(ts)))))
    return frozenset(out)


def split(cases: list[Case], seed: int = 0) -> tuple[list[Case], list[Case]]:
    """(train, held out): a case is held out when its template or its target group is held out.
    Single-template functionalities (fixed sentence lists) are split per sentence every 4th."""
    held = heldout_templates(cases, seed)
    train: list[Case] = []
    val: list[Case] = []
    for c in cases:
        fam = c.template.split("/")[0]
        single = len(TEMPLATES[fam][1]) == 1
        out = (single and hash_index(c.text) % 4 == 0) or c.template in held or c.group in HELDOUT_GROUPS
        (val if out else train).append(c)
    return train, val


def hash_index(text: str) -> int:
    """A stable small integer from a text (Python's hash() is salted per process)."""
    import hashlib

    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)
