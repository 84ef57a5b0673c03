"""The world's states by name and demonym, so that an article's actors include a state the
taxonomy does not list ("Ukraine and its Western backers", "Syria's war"). A taxonomy actor
always wins: a state it names, or represents under another name ("Afghan government"), is
left to it. Named as a place ("in Syria and Iraq"), a state is not an actor; ``actors``
decides that from the words before it.
"""
from __future__ import annotations

# name | demonyms (the first word of each line is the display name up to the bar)
TABLE = """
Afghanistan|Afghan,Afghans
Albania|Albanian
Algeria|Algerian
Andorra|
Angola|Angolan
Argentina|Argentine,Argentinian
Armenia|Armenian
Australia|Australian,Canberra
Austria|Austrian,Vienna
Azerbaijan|Azerbaijani,Baku
Bahrain|Bahraini
Bangladesh|Bangladeshi,Dhaka
Belarus|Belarusian,Minsk
Belgium|Belgian
Bhutan|Bhutanese
Bolivia|Bolivian
Bosnia and Herzegovina|Bosnian
Botswana|
Brazil|Brazilian,Brasilia
Brunei|
Bulgaria|Bulgarian
Burkina Faso|
Cambodia|Cambodian
Cameroon|Cameroonian
Canada|Canadian,Ottawa
Chad|Chadian
Chile|Chilean
Colombia|Colombian
Congo|Congolese
Costa Rica|
Croatia|Croatian
Cuba|Cuban,Havana
Cyprus|Cypriot
Czech Republic|Czech,Prague
Denmark|Danish,Copenhagen
Djibouti|
Ecuador|Ecuadorian
Egypt|Egyptian,Cairo
Eritrea|Eritrean
Estonia|Estonian
Ethiopia|Ethiopian
Finland|Finnish,Helsinki
France|French,Paris,Elysee,Élysée
Georgia|Georgian,Tbilisi
Germany|German,Germans,Berlin
Ghana|Ghanaian
Greece|Greek,Athens
Hungary|Hungarian,Budapest
Iceland|Icelandic
Indonesia|Indonesian,Jakarta
Iraq|Iraqi,Iraqis,Baghdad
Ireland|Irish,Dublin
Israel|Israeli,Israelis
Italy|Italian,Rome
Japan|Japanese,Tokyo
Jordan|Jordanian,Amman
Kenya|Kenyan,Nairobi
Kuwait|Kuwaiti
Laos|Laotian
Latvia|Latvian
Lebanon|Lebanese,Beirut
Libya|Libyan,Tripoli
Lithuania|Lithuanian
Luxembourg|
Malaysia|Malaysian
Mali|Malian
Mexico|Mexican
Moldova|Moldovan
Mongolia|Mongolian
Montenegro|
Morocco|Moroccan
Mozambique|
Myanmar|Burma
Nepal|Nepalese,Nepali
Netherlands|Dutch
New Zealand|
Niger|
Nigeria|Nigerian
North Korea|Pyongyang
Norway|Norwegian,Oslo
Oman|Omani
Palestine|Palestinian,Palestinians
Panama|
Peru|Peruvian
Philippines|Filipino,Philippine,Manila
Poland|Polish,Warsaw
Portugal|Portuguese,Lisbon
Romania|Romanian,Bucharest
Rwanda|
Senegal|Senegalese
Serbia|Serbian,Belgrade
Singapore|
Slovakia|Slovak
Slovenia|Slovenian
Somalia|Somali
South Africa|
South Korea|Seoul
Spain|Spanish,Madrid
Sri Lanka|Sri Lankan
Sudan|Sudanese,Khartoum
Sweden|Swedish,Stockholm
Switzerland|Swiss,Bern
Syria|Syrian,Syrians,Damascus
Taiwan|Taiwanese,Taipei
Tanzania|
Thailand|Thai,Bangkok
Tunisia|Tunisian
Uganda|Ugandan
Ukraine|Ukrainian,Ukrainians,Kyiv,Kiev
United Arab Emirates|UAE,Emirati,Abu Dhabi
United Kingdom|UK,U.K.,Britain,British,London
Venezuela|Venezuelan,Caracas
Vietnam|Vietnamese,Hanoi
Yemen|Yemeni,Sanaa
Zambia|
Zimbabwe|
"""


def countries() -> list[tuple[str, tuple[str, ...]]]:
    """(name, other names) of each state."""
    out = []
    for line in TABLE.strip().splitlines():
        name, _, others = line.partition("|")
        out.append((name, tuple(o for o in others.split(",") if o)))
    return out
