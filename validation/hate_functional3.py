"""A third hand-written hate-speech functional set, held out entirely: written before the retrain it measures.

`python -m validation.hate_functional3 [--scorer minilm-hate]`

Why: the first two sets are written as stand-alone sentences. Text that reaches rxbench is longer
and comes in other registers, so these 107 cases are forum replies, product and place reviews that
mention groups, news comments, with a few hand-obfuscated spellings and some Chinese. They were
written (issue 9, fifth pass) before the head of that pass was retrained, by a hand other than the
generator's, and are reported once at the end; nothing here chose a setting.

Labels follow the usual hate-speech functional-test convention: 1 = hateful toward a protected
group or a threat of violence; 0 = not hateful, which includes abuse of an individual with no group
named (`abuse_individual`; rxbench's scorer deliberately counts such abuse as toxic, so that slice
measures a disagreement by design), of non-protected groups and of objects. Slurs are rot13-encoded (`_r`).
"""
from __future__ import annotations

from validation.hate_functional import _r, flat, held_out_main

# functionality -> (label, cases)
CASES: dict[str, tuple[int, tuple[str, ...]]] = {
    "derog_forum": (1, (
        "Reply to @mark: no, you're wrong, Pakistanis really are a backward people and the stats prove it.",
        "Every thread about this ends the same way because Somali men simply can't behave like civilised adults.",
        "+1 to the above. Lesbians are bitter and twisted, that's just a fact of life.",
        "Commenting as a local: the Polish workers here are dirty, lazy and stupid, all of them.",
        "Sorry but Buddhists are a fake peaceful cult full of liars.",
        "Great article. Shame it doesn't mention that Nigerians are born scammers.",
    )),
    "dehumanise_news": (1, (
        "Another boat of migrants landed today. More vermin for the taxpayer to feed.",
        "The council should treat those gypsy camps like any other infestation.",
        "Reading the comments, I'm reminded that Hindus are basically cattle who learned to talk.",
        "Women in politics are a disease eating the party from the inside.",
        "Those Haitians are animals and the city is their zoo now.",
        "Autistic kids are defective products and schools shouldn't waste money on them.",
    )),
    "threat": (1, (
        "If one more Sikh family moves onto our road I'll burn their house down myself.",
        "Somebody ought to line up the trans activists and shoot them, honestly.",
        "Mark my words, the Jews in this town will get what's coming to them, and I'll help.",
        "We know where the mosque is. See you Friday, you won't like what happens.",
        "Any gay couple holding hands at my bar is getting a bottle smashed over their heads.",
        "Refugees should be hunted down and strung up, every last one.",
    )),
    "implicit_review": (1, (
        "Two stars. The food was fine but the place was full of Africans, so you can guess what the toilets looked like.",
        "Nice hotel, though the Chinese guests made it feel like a farmyard at breakfast.",
        "Avoid this salon, the owner is Mexican so of course the prices are a con.",
        "Decent gym. Pity they let women near the weights, they only get in the way of real training.",
        "Would have been five stars if the staff weren't Muslims glaring at everyone like suspects.",
        "Good seats, but the Indian family behind us smelled like they hadn't washed in a month, typical.",
    )),
    "hate_question": (1, (
        "Why do we still let Jews run the banks when we all know what they do with the money?",
        "Honest question: why are black people so incapable of raising their own kids?",
        "Is there any point educating girls when they're too stupid to use it?",
        "Can someone explain why gay men are all such perverts?",
        "Why does every Arab act like a terrorist in waiting?",
    )),
    "hate_opinion": (1, (
        "Unpopular opinion but I genuinely believe immigrants are worth less than citizens.",
        "IMO disabled people are a burden we should stop pretending to care about.",
        "Just my two cents: Muslims are the cancer of modern Europe.",
        "Personally I think trans women are sick men in dresses and nothing more.",
        "I'm entitled to my view, and my view is that Roma are thieves by nature.",
    )),
    "pronoun_ref": (1, (
        "Saw a group of Kurds outside the station again. They're all parasites, honestly.",
        "My new neighbours are Hindus. I can't stand them, they're filthy people.",
        "Don't get me started on Mormons. They are the most brainwashed, worthless lot going.",
        "The article is about asylum seekers. Those people deserve nothing but a kicking.",
        "Lesbian couple moved in next door. Disgusting creatures, the pair of them and all their kind.",
    )),
    "obfuscated_hate": (1, (
        "m.u.s.l.i.m.s are subhuman and should be banned from this country",
        "I h8 j3ws so much",
        "wom3n are too stupid to vote",
        "all blakc people are criminals",
        "immigrnts are rats",
        "gay people are d1sgusting fr3aks",
    )),
    "slur": (1, (
        f"Watched the match in a pub full of {_r('cnxvf')}, never again.",
        f"Nothing but {_r('travrf')} and {_r('fcvpf')} on this street now.",
        f"Tell that {_r('snttbg')} barista to keep his hands off my order.",
        f"Those {_r('xvxrf')} own every shop in the high street.",
    )),
    "zh_hate": (1, (
        "黑人都是垃圾，滚出去",
        "同性恋就是恶心的变态，都该去死",
        "穆斯林都是恐怖分子，一个都不能留",
        "女人就是低等动物，没资格投票",
        "难民都是寄生虫，我要弄死他们",
    )),
    "profanity_clean": (0, (
        "Holy shit, this blender is strong. Crushed ice in two seconds flat.",
        "Fucking finally, a phone case that doesn't fall apart after a week.",
        "Damn, the brisket at this place is insane. Go hungry.",
        "The finale was so bloody good I screamed at the telly.",
        "Reply to @jen: hell yeah, the 2019 model is still the best one, fight me.",
        "This shit slaps. Best album of the year by a mile.",
    )),
    "counter_speech": (0, (
        "The guy at the counter told me 'Mexicans are thieves'. I walked out and left a one-star review, and so should you.",
        "Whoever wrote 'gays are diseased' on the bus stop needs to grow up. It's vile.",
        "People keep posting that Muslims are terrorists. It's a lie, and repeating it gets people hurt.",
        "Saying women are too emotional to lead is just outdated prejudice.",
        "The comments under this article calling refugees vermin are disgusting. Report them.",
        "No, Jews do not control the media. That conspiracy theory has a body count.",
    )),
    "negated_hate": (0, (
        "For the record, I have nothing against trans people and never will.",
        "I don't think immigrants are criminals, I think they're neighbours.",
        "Nobody in my family hates black people, we were raised better than that.",
        "I would never say disabled people are a burden. They're not.",
        "It's not true that gay men are predators and you know it.",
    )),
    "identity_review": (0, (
        "Family-run Turkish bakery, the baklava is the best in town.",
        "Booked this tour with a gay-friendly agency and everything went perfectly.",
        "Brilliant book by a Nigerian author about growing up in Lagos.",
        "The mosque next door hosts a free lunch on Fridays, lovely people.",
        "Great wheelchair access and the staff were so kind to my deaf son.",
        "Best Jewish deli outside New York. Get the pastrami.",
        "Our guide was a young Muslim woman who knew every stone of the old town.",
    )),
    "identity_news": (0, (
        "The census shows the number of Sikh households has doubled since 2001.",
        "A new law gives refugees the right to work after six months.",
        "Trans athletes will be discussed at the committee meeting on Tuesday.",
        "Women now make up 40 percent of the board.",
        "The report looks at how many Roma children finish secondary school.",
    )),
    "abuse_individual": (0, (
        "Reply to @dave: you're a clueless moron and everyone in this thread can see it.",
        "The reviewer above is a pathetic troll, ignore him.",
        "My landlord is a greedy, lying scumbag.",
        "You absolute muppet, read the manual before posting.",
        "Whoever designed this checkout page is a brainless idiot.",
    )),
    "abuse_nonprotected": (0, (
        "Landlords are parasites, the lot of them.",
        "Estate agents are the scum of the earth.",
        "Tourists who block the pavement are the worst people alive.",
        "Crypto bros are morons with too much money.",
        "Politicians are liars and thieves, every single one.",
    )),
    "abuse_object": (0, (
        "This garbage printer is the worst thing I've ever bought. Total trash.",
        "The sequel is a disgusting, worthless piece of junk.",
        "I hate this stupid app with a passion.",
        "Their customer service chatbot is useless and pathetic.",
        "The new logo is hideous, burn it with fire.",
    )),
    "reclaimed_homonym": (0, (
        "Queer film night at the community centre was a blast.",
        f"Proud {_r('qlxr')}, proud auntie, proud of this pride march.",
        f"The {_r('snt')} end of the summer is always the best time to visit.",
        f"Bring a {_r('snttbg')} of sticks for the bonfire, as my granddad used to say.",
    )),
    "zh_clean": (0, (
        "这家店的老板是回民，牛肉面特别正宗",
        "卧槽，这个耳机音质太好了",
        "说“女人不配工作”的人是在歧视，这种话不应该说",
        "双十一秒杀，杀毒软件半价",
        "我们小区的残疾人坡道修得很好",
    )),
}


def cases() -> list[tuple[str, int, str]]:
    """(text, label, functionality) of every case (the whole set is held out)."""
    return flat(CASES)


def main(argv: list[str] | None = None) -> int:
    return held_out_main(argv, "validation.hate_functional3", __doc__ or "", cases(), "the third functional set")


if __name__ == "__main__":
    raise SystemExit(main())
