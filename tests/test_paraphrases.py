"""Concept coverage on sentences written for these tests, not taken from the seeds.

Each batch was written as a paraphrase of a motive or counterargument in other words than
the seed articles use; the negatives mention the same actors without the argument. The
cues were broadened on these batches, so this guards the coverage gained; see the README
for how fresh, unseen batches scored before tuning.
"""
from pathlib import Path

import pytest

from generator.extract import Extractor
from generator.ingest.articles import read_article
from generator.ingest.segment import segment
from generator.briefs.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent

POSITIVES = [
    ('isis-threat', 'Moscow worries that Islamic State militants could slip across the border into Tajikistan.'),
    ('isis-threat', 'The Kremlin regards the Taliban as a bulwark against Daesh in northern Afghanistan.'),
    ('isis-threat', 'Russian officials fear that ISIS-K recruits from Uzbekistan will return home to wage jihad.'),
    ('isis-threat', "Russia's security services share intelligence with the Taliban about Islamic State positions."),
    ('isis-threat', 'For Moscow, the Taliban are the lesser evil compared with the Islamic State.'),
    ('anti-us-leverage', 'Moscow sees an opportunity to bleed the United States in Afghanistan as Washington once did to the Soviets.'),
    ('anti-us-leverage', 'Russia wants to weaken American influence and push NATO out of Central Asia.'),
    ('anti-us-leverage', "The Kremlin is retaliating for Western sanctions over Ukraine by backing Washington's enemies."),
    ('anti-us-leverage', 'Arming the insurgents raises the costs of the American presence in Afghanistan.'),
    ('opium', 'Afghan heroin smuggled through Central Asia kills tens of thousands of Russians every year.'),
    ('opium', "Moscow hopes the Taliban will curb the poppy harvest that feeds Russia's drug epidemic."),
    ('opium', 'Narcotics trafficking from Afghanistan is a major concern for the Russian government.'),
    ('pakistan-ties', 'Moscow has moved closer to Islamabad, selling it attack helicopters and holding joint drills.'),
    ('pakistan-ties', "Russia's warming ties with Pakistan, the Taliban's longtime patron, mark a shift."),
    ('regional-influence', 'Russia hosted talks in Moscow to position itself as the key broker in the Afghan peace process.'),
    ('regional-influence', 'The Kremlin wants a say in who governs Afghanistan after the Americans leave.'),
    ('regional-influence', "Moscow does not want to be sidelined by Washington in negotiations over Afghanistan's future."),
    ('regional-influence', 'Russia seeks to restore its sphere of influence over Central Asia.'),
    ('taliban-isis-entangled', 'Many Islamic State commanders in Afghanistan are former Taliban who switched sides.'),
    ('taliban-cannot-defeat-isis', 'Afghan forces, not the Taliban, have pushed Islamic State fighters out of Nangarhar.'),
    ('isis-threat-exaggerated', 'Experts say the Islamic State threat in Afghanistan has been greatly exaggerated by Moscow.'),
    ('opium-funds-taliban', 'The Taliban finance their insurgency largely through taxes on the opium trade.'),
    ('us-not-at-doorstep', "Afghanistan does not border Russia, so fears of American troops at Russia's doorstep are overblown."),
    ('hypocrisy-of-intervention', "Moscow is guilty of the very hypocrisy it condemns in Washington's foreign interventions."),
    ('extremist-network-risk', "The Taliban maintain close ties to jihadist groups that could endanger Russia's southern neighbours."),
    ('undermines-kabul', 'Courting the insurgents undermines the elected government in Kabul and destabilizes the country.'),
    ('central-asia-exposure', 'Taliban fighters have attacked border posts in Tajikistan and Turkmenistan.'),
    ('isis-threat', 'Russian diplomats argue that only the Taliban can keep Islamic State cells from spreading north toward the former Soviet republics.'),
    ('isis-threat', 'The Russian defence ministry warned that thousands of IS fighters had gathered near the Tajik frontier.'),
    ('isis-threat', 'Moscow justified its contacts with the insurgents by pointing to the growing menace of the Islamic State.'),
    ('anti-us-leverage', 'Some analysts believe Russia is supplying weapons to the Taliban to pay back the United States for its support of the mujahideen in the 1980s.'),
    ('anti-us-leverage', "The Kremlin wants to show that America's longest war ended in failure."),
    ('opium', "Russia has one of the world's highest rates of heroin addiction, fed almost entirely by Afghan opium."),
    ('opium', 'Moscow has pressed the Taliban to stop the drug flows that reach Russian cities.'),
    ('pakistan-ties', 'Russia lifted its arms embargo on Pakistan and began selling it military hardware.'),
    ('regional-influence', 'Moscow convened a conference of regional powers on Afghanistan and pointedly left Washington off the guest list.'),
    ('regional-influence', 'The Kremlin aims to become indispensable to any political settlement in Afghanistan.'),
    ('taliban-isis-entangled', 'Disgruntled Taliban commanders have repeatedly defected to the Islamic State.'),
    ('isis-threat-exaggerated', 'Western officials say Moscow inflates the Islamic State threat to justify its outreach to the Taliban.'),
    ('opium-funds-taliban', "Drug money remains the insurgents' main source of revenue, so they have no reason to end poppy cultivation."),
    ('undermines-kabul', 'Diplomats in Kabul warn that Russian support for the insurgents weakens the Afghan government at a critical moment.'),
    ('central-asia-exposure', 'Officials in Dushanbe worry that Taliban gains could spill over into Tajikistan.'),
    ('isis-threat', "Russia's foreign intelligence chief said jihadists from the Islamic State were regrouping in Afghanistan's north, close to Central Asia."),
    ('isis-threat', 'Moscow has argued that its dialogue with the Taliban is aimed at containing Islamic State.'),
    ('anti-us-leverage', "By courting the Taliban, Russia signals to Washington that it can complicate America's exit from Afghanistan."),
    ('anti-us-leverage', 'Russian commentators gloated over the chaotic US withdrawal from Kabul as proof of Western decline.'),
    ('opium', 'Officials in Moscow blame Afghan traffickers for the flood of heroin into Russia.'),
    ('pakistan-ties', 'Moscow and Islamabad signed a military cooperation agreement and held their first naval drills.'),
    ('regional-influence', 'Russia is positioning itself as a power broker in Afghanistan alongside China and Iran.'),
    ('regional-influence', "Moscow hopes to secure a role in shaping Afghanistan's post-war order."),
    ('taliban-cannot-defeat-isis', 'The Taliban lack the capacity to defeat the Islamic State on their own.'),
    ('isis-threat-exaggerated', "Independent researchers estimate the Islamic State's Afghan branch at only a few hundred men, far fewer than Moscow claims."),
    ('opium-funds-taliban', 'The insurgents profit handsomely from heroin laboratories in Helmand.'),
    ('us-not-at-doorstep', 'Russia shares no border with Afghanistan, making claims of an American threat on its frontier implausible.'),
    ('extremist-network-risk', 'Partnering with the Taliban could embolden radical Islamist networks across Central Asia and the North Caucasus.'),
    ('undermines-kabul', "Russia's flirtation with the insurgents risks undermining the fragile Afghan state."),
    ('central-asia-exposure', 'Uzbek officials are alarmed by Taliban incursions near Termez.'),
    ('isis-threat', 'Russian officials say the Taliban have been useful in the fight against IS-K, which claimed the bombing of the Russian embassy in Kabul.'),
    ('isis-threat', 'The Kremlin believes a Taliban government is the best guarantee against an Islamic State takeover that could export terrorism to Central Asia.'),
    ('anti-us-leverage', 'Moscow has been accused of offering bounties to Taliban-linked militants for killing American soldiers.'),
    ('anti-us-leverage', 'Russia seeks to capitalise on the American failure in Afghanistan to undercut US credibility with its allies.'),
    ('opium', 'Russia has long demanded that the international coalition destroy Afghan poppy fields.'),
    ('pakistan-ties', "Russia and Pakistan have deepened defence ties, a partnership that also brings Moscow closer to the Taliban's backers."),
    ('regional-influence', 'Moscow invited Taliban representatives to a regional forum, underlining its ambition to lead diplomacy on Afghanistan.'),
    ('regional-influence', 'Russia wants to ensure that no Afghan government is formed without its blessing.'),
    ('taliban-isis-entangled', 'The boundary between the Taliban and the Islamic State is porous, with fighters moving between the two.'),
    ('isis-threat-exaggerated', "Moscow's alarm about the Islamic State is out of proportion to the group's actual strength."),
    ('opium-funds-taliban', "Opium taxes fill the Taliban's war chest."),
    ('undermines-kabul', 'Every Russian handshake with the Taliban erodes the authority of the government in Kabul.'),
    ('hypocrisy-of-intervention', 'Russia condemns Western meddling in Afghanistan while doing the same itself.'),
    ('extremist-network-risk', "The Taliban still harbour al-Qaeda, whose fighters could turn on Russia's allies in Central Asia."),
    ('central-asia-exposure', 'Tajikistan has reinforced its border after Taliban fighters skirmished with its guards.'),
]

NEGATIVES = [
    'Russia exports wheat to Egypt and Turkey.',
    'The Taliban held a press conference in Doha on Tuesday.',
    "Pakistan's cricket team won the series.",
    'The United Nations published a report on education.',
    "Kabul's markets reopened after the holiday.",
    'Russia and the Taliban signed a trade deal on wheat and fuel.',
    'The Islamic State claimed an attack in Syria on Friday.',
    'Opium prices in Helmand fell after a good harvest.',
    "Pakistan's prime minister visited Beijing to discuss a railway.",
    'The United States announced new aid for Afghan refugees.',
    'A Taliban delegation arrived in Moscow on Tuesday.',
    'Russian diplomats met their Chinese counterparts in Beijing.',
    'Kabul airport reopened to commercial flights.',
    'The Kremlin declined to comment on the report.',
    'Taliban officials attended a conference on water rights.',
]


@pytest.fixture(scope="module")
def labels_of(tmp_path_factory):
    extractor = Extractor(load_taxonomy(ROOT / "briefs" / "taxonomy.yaml"))
    folder = tmp_path_factory.mktemp("paraphrases")

    def run(sentence: str) -> set[str]:
        path = folder / "t.txt"
        path.write_text(f"A Headline For The Test\n\n{sentence}\n", encoding="utf-8")
        ex = extractor.extract(segment(read_article(path)))
        return {e.label for e in ex.motives} | {c.label for c in ex.counters}
    return run


def test_paraphrases_are_recognised(labels_of):
    missed = [(label, s) for label, s in POSITIVES if label not in labels_of(s)]
    assert len(missed) <= len(POSITIVES) * 0.05, missed


def test_same_actors_without_the_argument_fire_nothing(labels_of):
    fired = {s: labels_of(s) for s in NEGATIVES}
    assert {s: l for s, l in fired.items() if l} == {}
