"""A site's navigation menu run into one line: "Home | Pakistan | World | Opinion | Sport",
"Politics · Region · Economy · Culture", "News Opinion Sport Culture Lifestyle".

Either three or more short fields between separators (a bar, a middle dot, a bullet, an arrow, a
wide gap), none of them a clause; or three or more of a site's section names (a closed class:
news, opinion, politics, sport, video, subscribe, ...) making most of a line that has no function
word of a sentence. A headline has its function words ("to", "the", "of") or a field that is a
clause.
"""
from __future__ import annotations

import re

MENU_SEP = re.compile(r"\s*[|·•›»]\s*|\s+[>/]\s+|\s{2,}")
_FIELD = re.compile(r"[^\W\d_][\w'’&.-]*(?: [\w'’&.-]+){0,2}")
SECTIONS = frozenset("""
home news world opinion opinions business sport sports politics economy society video videos culture region
regions analysis features publications experts comments about archive subscribe contact search latest blog
podcast podcasts events donate login logout newsletter newsletters explainers tech technology science health
lifestyle entertainment markets photos photo media multimedia programs programmes research topics interviews
columns columnists editorial editorials letters epaper e-paper print national international local security
investigations essays commentary transcripts insight insights posts menu english edition live weather travel
arts books reviews environment education careers jobs shop magazine issues projects people team press partners
data maps gallery galleries trending popular top stories sections categories tags policy reports briefs
energy agro logistics finance defence defense diplomacy nation asia africa europe americas
""".split())
# a sentence's words: a line that has one is a headline, not a menu ("Putin Meets Envoy In Doha")
FUNCTION = frozenset("""
a an the of to in on at for from with by and or but as is are was were be been has have had will would can
could may might not no its his her their our this that these those who what why how after before over says
said amid against into
""".split())
_PHRASES = re.compile(r"\b(?:sign|log)\s+(?:in|up|out)\b", re.I)


def menu_line(vis: str) -> bool:
    """A line that is a site's menu (see the module's docstring)."""
    if len(vis) > 160 or vis[-1:] in ".!?:;,":
        return False
    if "  " in vis or any(map(vis.__contains__, "|·•›»>/")):
        fields = [f for f in MENU_SEP.split(vis) if f]
        if len(fields) >= 3 and all(_FIELD.fullmatch(f) for f in fields):
            return True
    if vis.count(" ") > 11:
        return False
    words = _PHRASES.sub("login", vis).split() if "in" in vis or "up" in vis or "out" in vis else vis.split()
    if not 3 <= len(words) <= 12:
        return False
    folded = [w.strip("|·•›»-–—").lower() for w in words]
    if any(w in FUNCTION for w in folded):
        return False
    sections = sum(w in SECTIONS for w in folded)
    return sections >= 3 and sections >= 0.6 * len(words)
