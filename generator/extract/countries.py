"""The world's states by name and demonym, so that an article's actors include a state the
taxonomy does not list ("Ukraine and its Western backers", "Syria's war"). A taxonomy actor
always wins: a state it names, or represents under another name ("Afghan government"), is
left to it. Named as a place ("in Syria and Iraq"), a state is not an actor; ``actors``
decides that from the words before it. ``CAPITALS`` are the cities that name a state's
government ("Moscow said", "Islamabad's support") and, after "in" or "at", only a place ("talks
in Doha"): the capitals of the world's states, and a seat that stands for a government as one does.
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

CAPITALS = frozenset(name.strip() for name in """
Kabul, Tirana, Algiers, Luanda, Yerevan, Canberra, Vienna, Baku, Manama, Dhaka, Minsk, Brussels,
Thimphu, Sarajevo, Brasilia, Brasília, Sofia, Ottawa, Havana, Nicosia, Prague, Copenhagen, Cairo,
Asmara, Tallinn, Helsinki, Paris, Tbilisi, Berlin, Accra, Athens, Budapest, Reykjavik, Jakarta,
Baghdad, Dublin, Jerusalem, Rome, Tokyo, Amman, Nairobi, Kuwait City, Vientiane, Riga, Beirut,
Tripoli, Vilnius, Kuala Lumpur, Bamako, Mexico City, Chisinau, Ulaanbaatar, Podgorica, Rabat,
Maputo, Naypyidaw, Kathmandu, Amsterdam, The Hague, Wellington, Niamey, Abuja, Pyongyang, Oslo,
Muscat, Panama City, Lima, Manila, Warsaw, Lisbon, Bucharest, Kigali, Dakar, Belgrade, Bratislava,
Ljubljana, Mogadishu, Pretoria, Seoul, Madrid, Colombo, Khartoum, Stockholm, Bern, Damascus,
Taipei, Dodoma, Bangkok, Tunis, Kampala, Kyiv, Kiev, Abu Dhabi, London, Caracas, Hanoi, Sanaa,
Lusaka, Harare, Santiago, Bogota, Bogotá, Quito, Buenos Aires, Addis Ababa, Kinshasa, Moscow,
Washington, Washington DC, Washington D.C., Islamabad, Rawalpindi, Beijing, Tehran, New Delhi,
Delhi, Ankara, Riyadh, Doha, Dushanbe, Ashgabat, Ashkhabad, Tashkent, Bishkek, Astana, Nur-Sultan
""".split(","))   # Rawalpindi: the seat of Pakistan's army, standing for the state as a capital does

# A state's other names in TABLE, which name it as its name does (the rest are adjectives of
# nationality, and an abbreviation or a capital is a name too): "Britain and France objected".
OTHER_NAMES = frozenset({"Britain", "Burma"})


def countries() -> list[tuple[str, tuple[str, ...]]]:
    """(name, other names) of each state."""
    out = []
    for line in TABLE.strip().splitlines():
        name, _, others = line.partition("|")
        out.append((name, tuple(o for o in others.split(",") if o)))
    return out
