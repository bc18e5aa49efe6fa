"""The phrases the rules look for, one named pattern per signal (foi-law.md §4).

Kept apart from the decision logic so each can be read, tested and tuned on its own.
"""

from __future__ import annotations

import re


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


NCND = _p(
    r"neither\s+confirms?\s+nor\s+den(?:y|ies)|duty\s+to\s+confirm\s+or\s+deny\s+does\s+not\s+(?:arise|apply)"
)
# The requester's own data, to be asked for under data protection law (a bare mention of
# subject access requests, as a topic or in an acknowledgement, redirects nothing).
SUBJECT_ACCESS = _p(
    r"(?:make|submit|made|making|submitting|apply\s+for|as|treated\s+as|handled\s+as|dealt\s+with\s+as|by\s+way\s+of)\s+a\s+subject\s+access\s+request"
    r"|subject\s+access\s+request\s+(?:under|to|through|via)\s+(?:the\s+)?(?:data|DPA|GDPR|our)"
    r"|your\s+own\s+personal\s+(?:data|information)"
    r"|information\s+(?:you\s+have\s+asked\s+for\s+)?is\s+about\s+you\b|right\s+of\s+access\s+under"
    r"|right\s+of\s+access\b[^.]{0,60}(?:Data\s+Protection\s+Act|GDPR)|\b(?:relate|relates|relating)\s+to\s+you\b"
)
VEXATIOUS = _p(
    r"\b(?:your|this|these|the|that)\s+(?:\w+\s+){0,3}?(?:requests?|correspondence)\b[^.]{0,60}?\bvexatious\b"
    r"|\bvexatious\b[^.]{0,60}?\b(?:section|s\.?)\s*14|\b(?:section|s\.?)\s*14\s*\(1\)[^.]{0,60}?\bvexatious\b"
    r"|\b(?:considered?|deemed|regarded|treated|found)\s+(?:to\s+be\s+|as\s+)?vexatious\b|repeated\s+request|identical\s+to\s+(?:the|a|your)\s+(?:previous\s+|earlier\s+)?request"
    r"|\b(?:this|your|the|these)\s+(?:\w+\s+)?requests?\s+(?:is|are|was|were)\s+(?:\w+\s+){0,3}?substantially\s+similar"
    r"|substantially\s+similar\s+to\s+(?:a|an|your|the|one)\s+(?:\w+\s+){0,2}?requests?\b"
    r"|\b(?:context\s+and\s+)?history\s+of\s+(?:your|the|these)\s+(?:requests?|correspondence|dealings)"
    r"|\bpattern\s+of\s+(?:requests|behaviour|correspondence)|\bharass(?:ment|ing)\b"
)
COST = _p(
    r"appropriate\s+limit|cost\s+limit|cost\s+of\s+(?:complying|compliance|doing\s+so)"
    r"|(?:exceed(?:s|ed|ing)?|cost\s+(?:more\s+than|over|in\s+excess\s+of))\s+(?:the\s+)?£\s?\d|£\s?(?:450|600)\b|\b(?:18|24)\s+hours\b"
    r"|\bburden\b|(?:over|more\s+than)\s+\d+\s+hours|excessive\s+cost"
    r"|\bcost\s+of\s+(?:providing|locating|retrieving|extracting|compiling|answering)\b[^.]{0,100}\b(?:above|exceed|more\s+than|over|beyond)"
    r"|\bexceed(?:s|ed)?\s+the\s+(?:statutory\s+|appropriate\s+)?(?:time|cost|fees?)\s+limit|\bdisproportionate\s+(?:amount\s+of\s+)?(?:time|cost|effort)"
    r"|\b(?:2\.5|3\.5|two\s+and\s+a\s+half|three\s+and\s+a\s+half)\s+(?:working\s+)?days\b|\bcost\s+of\s+compliance"
    r"|\binordinate\s+amount\s+of\s+(?:time|work|resources?)"
    # Round 2 families: the limit named as a threshold, hours written singular, staff time.
    r"|\bappropriate\s+(?:costs?|time|fees?)\s+limit|\bcosts?\s+(?:limit|threshold|ceiling)s?\b"
    r"|\b(?:18|24|eighteen|twenty[-\s]four)[-\s]hours?\s+(?:threshold|limit|ceiling|cap)\b|\b(?:time|hours?)\s+(?:threshold|ceiling)\b"
    r"|\b(?:significant|considerable|substantial|excessive|disproportionate|unreasonable|large|huge|vast|great|inordinate)\s+(?:amount|number|quantity|volume)\s+of\s+(?:staff\s+|officer\s+|officers['’]?\s+|employee\s+|man\s+|person\s+)?(?:time|hours|resources?|work)\b"
    r"|\b(?:amount|number)\s+of\s+(?:staff|officer|officers['’]?|employee|man|person)\s+(?:time|hours)\b[^.]{0,160}?\b(?:exceed|beyond|over\s+(?:the|\d)|more\s+than|in\s+excess|outside)"
    r"|\b(?:exceed|beyond|over|more\s+than|in\s+excess\s+of)\b[^.]{0,80}?\b(?:amount|number)\s+of\s+(?:staff|officer|officers['’]?|employee)\s+(?:time|hours)\b"
    r"|\b(?:would|will)\s+(?:take|require|involve|need)\s+(?:\w+\s+){0,3}?\d[\d,.]*\s+(?:working\s+|staff\s+|officer\s+|person\s+|man\s+)?hours\b"
    r"|\bhours\s+of\s+(?:staff|officer|officers['’]?|employee)\s+time\b"
    r"|\b(?:locat|retriev|extract|collat|compil|identif)\w*\b[^.]{0,160}?\bwould\s+(?:far\s+|significantly\s+|considerably\s+|greatly\s+)?exceed\b"
    # Round 3: the limit with its kind in brackets, or said to be exceeded after the noun.
    r"|\bappropriate\s+\((?:cost|costs|fees?|time)\)\s+limit|\b(?:cost|costs|fees?|time)\s+limit\s+(?:would|will|has|had)\s+(?:be(?:en)?\s+)?exceeded"
    r"|\bexcess(?:ive)?\s+cost\s+removes|\brely\s+on\s+the\s+fees\s+regulations\b"
)
# A cost refusal of part of the request only (LABELS: some given, part refused = partly).
COST_PART = _p(
    r"\b(?:this|that|these|those|the\s+(?:remaining|other|second|third|final|last|first))\s+parts?\s+of\s+(?:your|the|this)\s+request"
    r"|\b(?:parts?|questions?|points?|items?)\s+\(?\d+\)?\s*(?:,|and|&|-|–|to|or)\s*\(?\d+\)?[^.]{0,80}\b(?:exceed|cost|limit|section\s+12|s\.?\s?12)"
    r"|\b(?:section\s+12|s\.?\s?12|cost\s+limit)\b[^.]{0,80}\b(?:parts?|questions?|points?)\s+\(?\d"
    r"|\b(?:parts?|questions?|points?|items?)\s+\(?\d{1,2}[a-z]?\)?\s+(?:of\s+your\s+request\s+)?[^.]{0,80}?\b(?:exceed|cost\s+limit|costs\s+limit|section\s+12|s\.?\s?12|appropriate\s+limit)"
    r"|\b(?:in\s+(?:relation|respect)\s+(?:to|of)|regarding|for)\s+(?:the\s+)?(?:remaining|second|third|final|last|other|this)\s+(?:part|question|point|element)s?\b"
)
# Figures given outside the Act beside a refusal of the whole request on cost (LABELS: still
# cost_limit): "although not obliged to, we have answered ... to be helpful".
VOLUNTEERED = _p(
    r"\b(?:not\s+(?:obliged|required)|under\s+no\s+obligation)\b[^.]{0,160}?\b(?:to\s+be\s+helpful|helpful|discretion|goodwill|voluntar)"
    r"|\b(?:to\s+be\s+helpful|on\s+a\s+discretionary\s+basis|outside\s+(?:of\s+)?the\s+(?:Act|Regulations)|as\s+a\s+gesture\s+of\s+goodwill|voluntarily)\b"
)
# Words a letter uses when the requester's own data is in issue (s40(1) only applies then).
ABOUT_REQUESTER = _p(
    r"\byour\b[^.]{0,40}\bpersonal\s+(?:data|information)|\bdata\s+subject|\babout\s+you(?:rself)?\b"
    r"|\b(?:relate|relates|relating)\s+to\s+you\b|\byour\s+own\s+(?:data|information|records?)"
)
MANIFESTLY_UNREASONABLE = _p(r"manifestly\s+unreasonable")
NOT_HELD = _p(
    r"\b(?:do(?:es)?\s+not|don['’]t|did\s+not)\s+hold\b|\bnot\s+held\b"
    r"|\bno\s+(?:further\s+|additional\s+|other\s+|more\s+|relevant\s+)?(?:recorded\s+)?information\s+(?:is\s+|was\s+)?held|\bhold(?:s)?\s+no\s+(?:recorded\s+)?information"
    r"|\b(?:do(?:es)?\s+not|don['’]t)\s+have\b[^.]{0,80}\bhold\b|\bnot\s+hold\s+any\b"
    r"|\bno\s+(?:relevant\s+|recorded\s+)?(?:records?|information|documents?|data)\b[^.]{0,60}?\b(?:was|were|has\s+been|have\s+been|could\s+be)\s+(?:found|located|identified|traced)"
    r"|\b(?:not\s+been\s+able|unable)\s+to\s+(?:locate|find|identify)\s+any\b"
    r"|\b(?:are|were|is|am)\s+(?:un|not\s+)able\s+to\s+(?:identify|determine|establish|ascertain|say)\s+(?:what|which|how|when|where|whether)\b(?![^.]{0,50}\byou\b)"
    r"|\b(?:found|located|identified|traced)\s+no\s+(?:\w+\s+){0,3}(?:information|records?|data|documents?)\b"
    r"|\bneither\s+holds?\s+any\b|\b(?:has|have|holds?)\s+no\s+(?:records?|information|data)\b|\bno\s+record\s+of\b"
    r"|\bno\s+such\s+(?:\w+\s+)?(?:exists?|is\s+held)\b|\bdoes\s+not\s+exist\b"
    r"|\bnever\s+(?:commissioned|produced|created|held|recorded|collected)\b"
    r"|\bno\s+longer\s+(?:hold|have|retain|keep)s?\b|\b(?:were|was|have\s+been|has\s+been)\s+(?:destroyed|deleted|disposed\s+of)\b"
    r"|(?:\b(?:is|are)\s+not\s+(?:recorded|kept|collected|captured|retained)|\b(?:do(?:es)?\s+not|don['’]t|did\s+not)\s+(?:record|collect|keep|retain|capture))\b"
    r"(?!\s+(?:(?:in|to)\s+(?:a|the|any|such|this)\s+(?:\w+\s+)?(?:manner|way|format|form|level)|against|by\s+(?:the\s+)?(?:specific|individual)|centrally|separately|electronically))"
    r"|\bno\s+(?:specific\s+)?(?:category|field|code|means)\s+(?:to|for|of)\s+record|\bnotice\s+that\s+(?:the\s+)?information\s+(?:is\s+)?not\s+held"
    r"|\b(?:do(?:es)?\s+not|don['’]t)\s+have\s+(?:any|this|that|the|such)\s+(?:\w+\s+)?(?:information|data|records?)\b"
    r"|\b(?:there\s+(?:is|are|were)|we\s+(?:have|hold|found))\s+no\s+(?:\w+\s+){0,3}(?:records?|information|data|documents?)\b"
)
HELD = _p(
    r"\bconfirm\s+(?:that\s+)?(?:we|the\s+\w+(?:\s+\w+)?)\s+(?:do(?:es)?\s+)?holds?\b(?!\s+no)"
    r"|\bwe\s+(?:do\s+)?hold\s+(?:the|this|some|information|it)\b|\bholds?\s+(?:the|some\s+of\s+the|some)\s+information\b"
    r"|\bwe\s+hold\s+information\b|\b(?:do|does)\s+hold\s+(?:some\s+)?(?:the\s+)?(?:recorded\s+)?information\b"
)
# A plain answer: a count or sum stated, or a numbered question answered with a figure.
ANSWER = re.compile(
    r"\bthe\s+(?:total\s+)?(?:number|amount|cost|total|figure|sum)\s+(?:of\s+[^.]{0,60}?)?(?:was|is|were|are|came\s+to|totalled)\s+(?:£\s?)?\d"
    r"|\bthe\s+(?:total\s+)?(?:number|amount|cost|total|figure|sum|spend|expenditure)\b[^.]{0,80}?\b(?:was|is|were|are|came\s+to|totalled|amounted\s+to)\s+(?:approximately\s+|around\s+|about\s+)?(?:£\s?)?\d"
    r"|^[ \t]*(?:Q(?:uestion)?\s*)?\d{1,2}\s*[.):]\s*(?:£\s?)?\d[\d,.]*\s*$"
    r"|^[ \t]*(?:(?:Q(?:uestion)?\s*)?\d{1,2}\s*[.):]\s*)?(?:Yes|No)\s*(?:[.,;:–-]|$)"
    r"|^[ \t]*[\w/()&' -]{0,40}?(?:£\s?)?\d[\d,.]*%?(?:[ \t]{2,}|\t)(?:£\s?)?\d[\d,.]*%?[ \t]*$"
    r"|(?:^|(?<=\d[.)]\s))[ \t]*(?:\d{1,2}[.)]\s*)?(?![^:\n]*\b(?:ref|reference|tel|telephone|phone|fax|mobile|date|dated|page|postcode|case|request|ext)\b)[A-Z][\w ,'’()/-]{0,60}:\s*(?:£\s?)?\d[\d,.]*%?\s*$"
    r"|\b(?:we|the\s+\w+(?:\s+\w+)?)\s+(?:spent|paid|received|issued|employed|recorded|made|held|had|refused|granted|carried\s+out)\s+(?:a\s+total\s+of\s+)?(?:£\s?)?\d[\d,.]*\b(?!\s*(?:working\s+days|days|hours|(?:st|nd|rd|th)\b|January|February|March|April|May|June|July|August|September|October|November|December))"
    # Round 2: a stated count ("there were 14 ...") and a period-labelled figure line
    # ("2019/20 - 31", "2021: 12 cases").
    r"|\bthere\s+(?:were|was|have\s+been|has\s+been|are|is)\s+(?:a\s+total\s+of\s+|approximately\s+|around\s+|only\s+)?\d[\d,]*\s+(?!(?:working\s+)?days\b|hours\b|(?:st|nd|rd|th)\b)[a-z]"
    r"|^[ \t]*(?:[-•·*][ \t]*)?(?:19|20)\d\d(?:[/-]\d\d(?:\d\d)?)?[ \t]*[-–:][ \t]*(?:£\s?)?\d[\d,.]*%?(?:[ \t]|$)"
    # Round 3: a count opening a sentence ("690 requests were received ...") and a tally line
    # ("(a) = 5", "Dismissed = 5").
    r"|(?:^|(?<=[.:;]\s))[ \t]*(?!(?:19|20)\d\d\b)\d{1,3}(?:,\d{3})*(?![\d,.])\s+(?:[A-Za-z()/'’-]+\s+){1,5}?(?:were|was|have\s+been|has\s+been)\s+"
    r"(?:\w+ed|made|given|taken|held|seen|sent|paid|spent|done|brought|found|won|lost)\b"
    r"|^[ \t]*(?:\(?[a-z0-9]{1,3}\)|[A-Z][\w /&'-]{0,40}?)[ \t]*=[ \t]*\d[\d,.]*[ \t]*$"
    # A labelled answer line that states something and refuses nothing ("Our response: the
    # officers responsible are ...").
    r"|^[ \t]*(?:our\s+)?(?:response|answer|reply)[ \t]*[:\-–][ \t]*"
    r"(?![^\n]*\b(?:refus|exempt|withh|not\s+(?:be\s+)?(?:held|able|provided|disclosed|possible)|do(?:es)?\s+not|unable|cannot|can\s*not|n['’]t|no\s+(?:information|data|records?)))"
    r"[^\n]{0,200}?\b(?:is|are|was|were|totalled|came\s+to)\b",
    re.I | re.M,
)
# What a cover line points at when the thing attached or below is the letter itself, not the
# information: "please see attached our response", "see below for our reply".
_THE_LETTER = (
    r"(?!\s+(?:for\s+)?(?:a|an|our|my|the|this|that)?\s*(?:\w+\s+)?(?:section\s+\d+\s+)?"
    r"(?:formal\s+|full\s+|final\s+)?(?:response|reply|letter|acknowledge?ment|refusal\s+notice|decision|notice"
    r"|leaflet|guidance(?:\s+notes?)?|form|booklet|fact\s*sheet|notes?|complaints?\s+procedure)\b"
    r"|\s+(?:a\s+|our\s+|some\s+)?(?:further\s+)?(?:details|information|guidance|leaflet|notes?)\s+(?:on|about)\s+"
    r"(?:FoI|FOI|EIR|freedom\s+of\s+information|the\s+(?:act|regulations)|our\s+(?:policy|procedures?|process)|how\s+(?:we|to)))"
)
# Disclosure in so many words: something is attached, enclosed or set out for the requester.
DISCLOSE_STRONG = _p(
    rf"\bplease\s+(?:find|see)\s+(?:\w+\s+)?(?:attached|enclosed){_THE_LETTER}|\bsee\s+(?:the\s+)?attached\b{_THE_LETTER}"
    r"|\b(?:I|we)\s+(?:attach|enclose)\s+(?:a\s+copy|copies|the\s+(?:information|data|figures|documents?|report|spreadsheet)|a\s+(?:spreadsheet|table|list|document))"
    r"|\b(?:information|data|figures|documents?|copies|copy|spreadsheet|table|list|report)\b[^.]{0,60}?\b(?:is|are)\s+(?:attached|enclosed)\b"
    r"|\b(?:is|are)\s+(?:provided|set\s+out|shown|given|listed|detailed)\s+(?:with\s+this|in\s+the\s+(?:table|attached|enclosed))"
    r"|\b(?!(?:response|reply|letter|leaflet|form|guidance|notice|acknowledge?ment|decision|procedures?|booklet|scheme|it|this|which|that)\b)[a-z]+\s+(?:is|are)\s+(?:now\s+)?(?:attached|enclosed)\b"
    r"|\b(?:I|we)\s+have\s+(?:now\s+)?(?:provided|included|supplied|set\s+out|listed|disclosed|released|attached|enclosed)\s+(?:the|some|this|all|below|copies|a\s+copy)\b"
    r"|\b(?:will|shall)\s+now\s+be\s+(?:released|disclosed|provided)\b|\b(?:is|are)\s+now\s+(?:being\s+)?(?:released|disclosed|provided)\b"
    r"|\b(?:I|we)\s+have\s+established\s+that\b|\b(?:we|I)\s+(?:have\s+)?(?:today\s+)?decided\s+to\s+(?:disclose|release)"
    r"|\b(?:I|we)\s+(?:am|are)\s+(?:pleased\s+to\s+|able\s+to\s+)?(?:releasing|providing|disclosing|supplying|release|provide|disclose|supply)\s+(?:you\s+with\s+)?(?:the|some|this|a\s+copy|copies|details|figures|data)"
    # Round 3: the information "provided below" / "set out as follows".
    r"|\b(?:the\s+)?(?:information|data|figures|details|answers?|numbers?)\s+(?:you\s+(?:requested|asked\s+for)\s+)?(?:is|are)\s+"
    r"(?:provided|set\s+out|shown|given|listed|detailed)\s+(?:below|as\s+follows|in\s+the\s+table\s+below)\b"
    # Round 3: the information "contained in" or "supplied at" an annex (not a rights annex).
    r"|\b(?:information|material|data|documents?|figures)\b(?:(?!\b(?:rights?|review|appeal|complain\w*|how\s+to)\b)[^.]){0,80}?"
    r"\b(?:is|are|has\s+been|have\s+been)\s+(?:contained|supplied|provided|included)\s+(?:in|at|within)\s+(?:the\s+)?(?:Annex|Appendix)\s+(?:[A-Z]|\d)\b"
    r"|\bbeing\s+provided\s+to\s+you\b|\bthe\s+(?:figures?|data|numbers?|breakdown)\s+(?:you\s+(?:requested|asked\s+for)\s+)?(?:is|are)\s+(?:as\s+follows|attached)"
)
# Weaker signs of an answer, read only when nothing is refused.
DISCLOSE = _p(
    DISCLOSE_STRONG.pattern
    + rf"|please\s+(?:find|see)\s+below{_THE_LETTER}|\b(?:is|are)\s+(?:attached|enclosed)\b|\battached\s+(?:is|are)\b"
    r"|\b(?:is|are)\s+(?:provided|set\s+out|listed|shown|given|detailed)\s+below|\bplease\s+see\s+(?:the\s+)?(?:tables?|annex|appendix|spreadsheet)"
    r"|\banswered\s+(?:each\s+of\s+|all\s+of\s+)?your\s+questions|\bin\s+(?:answer|reply|response)\s+to\s+your\s+(?:questions?|points|queries)\b"
    r"|information\s+(?:you\s+(?:requested|asked\s+for)\s+)?is\s+as\s+follows|\b(?:we|I)\s+(?:are|am)\s+(?:pleased\s+to\s+)?(?:releasing|providing|disclosing)\b"
    r"|\breleased\s+(?:in\s+full|with\s+this\s+letter)|\bcan\s+be\s+released\b|\b(?:is|are)\s+provided\b"
    r"|\bavailable\s+below\b|\b(?:is|are)\s+released\b"
    r"|\bwe\s+have\s+provided\b|\bprovided\s+with\s+this\s+letter|\bcopies\s+of\s+[^.]{0,60}\bare\s+provided"
    r"|\bour\s+response\s*:|\brelease\s+part\s+of\s+the\s+information|\bI\s+enclose\b"
    r"|(?<!un)able\s+to\s+(?:supply|provide|disclose)\b|\b(?:is|are)\s+included\s+in\b|\baccompanying\s+this\b"
    r"|\banswers?\s+to\s+your\s+questions?\s+(?:is|are)\b|\bI\s+can\s+advise\s+that\b|\b(?:is|are)\s+disclosed\b"
    r"|\bhope\s+(?:this|the)\s+information\s+is\s+helpful\b|\bcan\s+be\s+disclosed\b"
)
WITHHOLD = _p(
    r"(?<!not\s)(?<!n't\s)(?<!never\s)\bwithh(?:e|o)ld(?:ing)?\b|\bredact(?:ed|ions?)?\b|\bremov(?:ed|al)\s+under\b|\bexempt\s+(?:from\s+disclosure\s+)?(?:under|by\s+virtue)"
    r"|\bexception\s+(?:at|under)\b|\bis\s+(?:therefore\s+)?exempt\b|\bremain(?:s)?\s+exempt\b"
    r"|\b(?:is|are)\s+(?:therefore\s+)?(?:excluded\s+from|outside(?:\s+the\s+scope\s+of)?)\s+the\s+(?:Act|Regulations|FOIA)\b"
    r"|\bnot\s+(?:obliged|required)\s+to\s+(?:provide|disclose|release|supply)\b|\bwill\s+not\s+be\s+(?:disclosing|releasing|providing)\b"
    r"|(?<!not\sa\s)\brefusal\s+notice\b|\b(?:cannot|can\s*not|can['’]t)\s+be\s+(?:released|disclosed|provided)\b"
    r"|\bpurposes\s+of\s+['‘\"]?(?:journalism|art)\b|\breasonably\s+accessible\b"
    r"|\b(?:not\s+able|unable)\s+to\s+(?:disclose|release)\b"
    r"|(?<!not\s)(?<!n't\s)\brefus(?:e|ed|ing|al)\s+(?:to\s+(?:disclose|release|provide)|(?:of\s+)?(?:your|this|the)\s+request)"
    r"|\bbe\s+considered\s+(?:as\s+)?(?:information\s+)?(?:provided|obtained|gathered|received)\s+in\s+confidence|\bactionable\s+breach\s+of\s+confidence"
)
PARTIAL = _p(
    r"(?<!\bholds\s)(?<!\bhold\s)\bsome\s+of\s+the\s+information\b|\bwith\s+the\s+exception\s+of\b|\bpart\s+of\s+the\s+information\b"
    r"|\bremaining\s+information\b|\bredact|\bin\s+part\b(?!\s+(?:\d|[IVX]+\b|[A-Z]\b))"
    r"|\b(?:names?|details|figures)\b[^.]{0,80}\b(?:removed|redacted)\b"
    r"|\b(?:some|parts?)\s+(?:of\s+(?:the|this|your)\s+)?(?:data|information|request|details)\s+(?:has|have|is|are)\s+(?:been\s+)?(?:withheld|exempt|redacted|not\s+(?:been\s+)?(?:included|provided))"
    r"|\b(?:disclose|release|provide)\s+some\s+of\b|\bnot\s+(?:been\s+)?(?:possible|able)\s+to\s+(?:\w+\s+){0,5}(?:in\s+full|all\s+of)"
    r"|\bsome\s+(?:of\s+the\s+)?(?:data|information|details)\b[^.]{0,80}?\b(?:is|are|has\s+been|have\s+been)\s+(?:being\s+)?(?:withheld|exempt|redacted)"
    r"|\b(?:questions?|parts?|points?|items?)\s+\(?\d+\)?[^.]{0,60}?\b(?:is|are)\s+(?:exempt|withheld|not\s+held|refused)"
    r"|\bheld\s+in\s+part\b|\bthe\s+remainder\b|\b(?:has|have)\s+not\s+been\s+included\b"
)
# Part of the information given and part not, said outright (beside a neither-confirm-nor-deny
# answer to other questions, the answer is a mixed one).
PARTLY_GIVEN = _p(
    r"\b(?:decided\s+to\s+|able\s+to\s+)?(?:disclose|release|provide)\s+some\s+of\s+the\s+(?:requested\s+)?(?:information|data)\b"
    r"|\bsome\s+(?:of\s+the\s+)?(?:data|information|details)\s+(?:has|have)\s+(?:been\s+)?(?:withheld|redacted)"
    r"|\bsome\s+(?:of\s+the\s+)?(?:data|information)\s+(?:is|are)\s+(?:exempt|withheld|being\s+withheld)\b"
)
ADVICE = _p(r"advice\s+and\s+assistance")
# One item of an itemised answer ("1. ...", "b) ...", "A.2 ..."): the requester's numbered
# questions ("Q1 ...") are not answers.
ITEM = re.compile(
    r"^[ \t]*(?:A(?:nswer)?\.?[ \t]*\d{1,2}[ \t]*[.):]?|(?:\d{1,2}|[a-h])[ \t]*[.):])[ \t]+(?P<body>\S[^\n]*)$",
    re.M | re.I,
)
# An item that states something: "Yes/No ...", or a subject followed soon by a finite verb,
# where the subject is not how a request or a question opens.
ITEM_STATES = _p(
    r"^(?:yes|no)\b"
    r"|^(?:in\s+(?:relation|response|respect|regard)\s+(?:to|of)\s+[^,.]{0,60}?,?\s*)?(?:I|we)\s+(?:can|am\s+able\s+to|are\s+able\s+to)\s+confirm\s+that\s+(?![^.]*\b(?:not|no|none|nothing|unable|cannot)\b)"
    r"|^(?!(?:details|copies|copy|information|any|a\s+(?:copy|list|breakdown)|the\s+(?:number|names?|amount|total|details?)\s+of|how|what|when|where|which|who|why|whether|please|can|could|would|do|does|did|is|are|has|have|if|i\b)\b)"
    r"(?:\S+\s+){0,5}?(?:is|are|was|were|has|have|had|does|did|holds?|uses?|operates?|employs?|received|spent|paid|took|runs?|applies|covers?|includes?)\b"
)
# An item that refuses, withholds or finds nothing held (it cannot be the answered one).
ITEM_REFUSES = _p(
    r"\bexempt|\bexception|\bwithh[eo]ld|\bredact|\bnot\s+held|\bdo(?:es)?\s+not\s+hold|\bno\s+(?:recorded\s+)?information"
    r"|\bnot\s+(?:recorded|kept|collected|available)|\b(?:section|s\.?|regulation|reg\.?)\s*\d|\bexceed|\bcost|\blimit\b|\bneither\s+confirm"
    r"|\bunable\b|\bcannot\b|\bnot\s+able\b|\brefus"
)
# Answered by explanation or a pointer: not a valid request, or another body holds it.
REDIRECT = _p(
    r"\bnot\s+a\s+valid\s+request\b|\b(?:only\s+)?(?:extends?|applies)\s+(?:only\s+)?to\s+(?:requests?\s+for\s+)?recorded\s+information"
    r"|\bdoes\s+not\s+(?:extend|apply)\s+to\s+(?:\w+\s+){0,3}(?:opinions?|explanations?|questions?)"
    r"|\b(?:is|are)\s+not\s+the\s+(?:\w+\s+){0,2}(?:authority|body|organisation)\s+(?:responsible|for|that)"
    r"|\b(?:is|are)\s+not\s+the\s+(?:\w+\s+)?(?:highway|planning|licensing|housing|education|police|fire)\s+authority"
    r"|\b(?:should|may\s+wish\s+to|would\s+need\s+to)\s+(?:forward|redirect|direct|address|send)\s+your\s+(?:request|enquiry|query)"
    r"|\b(?:does\s+not|doesn['’]t)\s+require\s+(?:us|public\s+authorities|an?\s+authority)\s+to\s+(?:answer|create|explain|give\s+opinions)"
    r"|\brather\s+than\s+(?:for\s+)?recorded\s+information|\bfalls?\s+outside\s+(?:the\s+scope\s+of\s+)?the\s+(?:Act|Regulations)"
)
PUBLIC_INTEREST = _p(
    r"public\s+interest\s+(?:test|balanc)|balance\s+of\s+(?:the\s+)?public\s+interest|public\s+interest\s+in\s+(?:maintaining|disclos|withholding|transparency|openness)"
    r"|factors\s+in\s+favour\s+of|(?:weighed|weighing|weigh|considered|considering)\s+the\s+public\s+interest"
    r"|presumption\s+in\s+favour\s+of\s+disclosure|public\s+interest\s+(?:favours|is\s+best\s+served)"
)
PUBLIC_INTEREST_DENIED = _p(
    r"not\s+subject\s+to\s+the\s+public\s+interest|no\s+public\s+interest\s+test\s+is|need\s+further\s+time"
)

# Review outcome cues; sentences that only describe what a reviewer could do are skipped.
REVIEW_MODAL = _p(
    r"\b(?:can|could|may|might|either|whether|will)\b[^.]{0,40}\b(?:uphold|overturn)"
    # what a review is for ("to determine whether the decision was correct") finds nothing
    r"|\b(?:to\s+(?:determine|assess|consider|establish|decide|see|check|ascertain)|purpose\s+of)\b[^.]{0,60}?\bwhether\b"
)
REVIEW_PARTLY = _p(
    r"(?:partially|partly)\s+uphold|uphold(?:ing)?\s+(?:your\s+(?:complaint|appeal)\s+)?in\s+part|(?:partially|partly)\s+upheld"
    r"|upheld\s+in\s+part|with\s+modifications|(?:release|releasing|disclose)\s+some\s+of\s+the\s+information\s+previously\s+withheld"
    r"|(?:partly|partially)\s+agree|\b(?:a\s+)?different\s+(?:exemption|exception)\s+(?:\w+\s+){0,5}appl"
    r"|uphold(?:ing)?\s+(?:the|our)\s+(?:original\s+|initial\s+)?(?:decision|response)\s+in\s+part"
    r"|\b(?:further|additional|more)\s+information\s+(?:is|will\s+be|has\s+been|can\s+be)\s+(?:now\s+)?(?:provided|released|disclosed)"
    r"|\b(?:original\s+)?(?:response|decision)\s+(?:should|will|must)\s+be\s+(?:amended|varied|modified)"
    r"|\b(?:now\s+)?(?:release|disclose|provide)\s+(?:some\s+)?(?:further|additional|more)\s+(?:information|data|details)"
    r"|\b(?:release|disclose)\s+(?:it|the\s+(?:information|documents?|report))\s+with\s+(?:some\s+)?redactions?"
    r"|\bsome\s+of\s+the\s+information\s+previously\s+withheld\b[^.]{0,80}?\b(?:can|will|should|may)\s+(?:now\s+)?be\s+(?:released|disclosed|provided)"
    r"|\bsome\s+(?:of\s+the\s+)?(?:information|material|documents?|data|details)\b[^.]{0,80}?\b(?:can|will|should|may)\s+(?:now\s+)?be\s+(?:released|disclosed|provided)"
    r"|\b(?:part|some|parts)\s+of\s+the\s+(?:information|material|documents?)\s+(?:\w+\s+){0,3}?(?:previously|originally|initially)\s+withheld\b"
)
REVIEW_OVERTURNED = _p(
    r"(?<!not\s)(?<!n't\s)\boverturn(?:ed|ing)?\b|revers(?:e|ed|ing)\s+(?:the|our)\s+(?:original\s+)?decision"
    r"|substitut(?:e|ed|ing)\s+a\s+different\s+decision|(?:complaint|appeal)\s+(?:is|has\s+been)\s+(?:fully\s+)?upheld"
    r"|(?:I|we)\s+(?:fully\s+)?uphold\s+your\s+(?:complaint|appeal)"
    r"|(?:information|it|they)\s+should\s+(?:now\s+)?(?:be\s+)?(?:disclosed|released)"
    r"|\b(?:exemption|exception)s?\b[^.]{0,40}\b(?:does|do|did)\s+not\s+(?:apply|engage)|\b(?:is|are)\s+not\s+engaged"
    r"|\b(?:is|are)\s+(?:now\s+)?(?:enclosed|attached|released|disclosed|provided)\s+in\s+full"
    r"|\bnot\s+(?:correctly|properly|appropriately)\s+applied|\bwrongly\s+applied|\bshould\s+not\s+have\s+been\s+(?:applied|withheld|refused)"
    r"|\b(?:decided|agreed)\s+to\s+(?:release|disclose)\s+(?:all\s+(?:of\s+)?)?the\s+information\s+(?:previously\s+|originally\s+)?withheld"
    r"|\bnot\s+(?:to\s+)?uphold\s+(?:the|our)\s+(?:original\s+|initial\s+)?(?:decision|response)"
    r"|\b(?:is|are)\s+now\s+(?:being\s+)?(?:released|disclosed|provided)\s+(?:to\s+you|in\s+full)"
    r"|\bshould\s+have\s+(?:been\s+)?(?:provided|released|disclosed|given|supplied)\b"
    r"|\b(?:decided|now\s+able|pleased)\s+to\s+(?:release|disclose|provide)\s+(?:all\s+(?:of\s+)?)?the\s+(?:requested\s+)?information\b(?!\s+(?:with|subject|except))"
)
# "No reason to change / overturn": the decision stands, whatever verb of change follows.
REVIEW_NO_CHANGE = _p(
    r"\b(?:no|not\s+(?:find|see|identify)\s+(?:any|a)|nor?\s+(?:any\s+)?)\s*(?:good\s+|valid\s+)?(?:reason|grounds?|basis|justification|case)\s+(?:to|for|why)\s+(?:\w+\s+){0,3}?"
    r"(?:chang|alter|amend|revis|depart|overturn|disturb|vary|revers|set\w*\s+aside)\w*"
    r"|\b(?:do|does|will|shall|would)\s+not\s+(?:propose\s+to\s+|intend\s+to\s+|need\s+to\s+)?(?:overturn|revers|chang|alter|amend|vary|set\s+aside)\w*\s+(?:the|our|its|this|that)\b"
)
REVIEW_UPHELD = _p(
    r"(?:decision|response)\b[^.]{0,60}\b(?:is|was|has\s+been|be)\s+(?:therefore\s+)?upheld|(?<!not\s)(?<!not\sto\s)uphold\s+the\s+original"
    r"|confirm\s+the\s+original\s+decision|(?:complaint|appeal)\s+(?:is|was|has\s+been)\s+not\s+upheld"
    r"|not\s+uphold\s+your\s+(?:complaint|appeal)|(?<!not\s)correctly\s+applied|I\s+(?:agree|am\s+satisfied)\s+(?:with|that)"
    r"|(?:decision|response)\s+(?:should|will|must)\s+stand\b|\b(?:was|were)\s+(?:properly|correctly|rightly)\s+(?:applied|withheld|refused)"
    r"|\b(?:decision|reasons?|exemptions?|exceptions?|refusal|position)\b[^.]{0,160}\b(?:remains?|still\s+appl(?:y|ies)|stands?)\b(?!\s+(?:open|available))"
    r"|(?<!not\s)(?<!n't\s)\b(?:handled|dealt\s+with)\s+(?:appropriately|correctly|properly)"
    r"|\b(?:in\s+agreement|agree)\s+with\s+the\s+(?:initial|original|earlier)\s+(?:decision|response)"
    r"|\b(?:decision|response|exemptions?|exceptions?)(?:\s+(?:applied|relied\s+on|cited))?\s+(?:should\s+be\s+|is\s+|will\s+be\s+|was\s+|has\s+been\s+)(?:therefore\s+)?maintained"
    # Round 2 families (issue 14): the request was dealt with right; the earlier answer was
    # correct; the authority was entitled to rely on its ground; nothing to change.
    r"|(?<!not\s)(?<!n't\s)\b(?:handled|dealt\s+with|processed|answered|responded\s+to|considered)\s+"
    r"(?:your\s+(?:original\s+|initial\s+|FOI\s+|information\s+)?(?:request|application|enquiry)\s+|it\s+|this\s+(?:request\s+)?)"
    r"(?:correctly|appropriately|properly|fairly)\b"
    r"|\b(?:original|initial|earlier|first|previous)\s+(?:\w+\s+){0,2}?(?:decision|response|reply|answer|handling|position|refusal)\s+"
    r"(?:(?:you\s+received\s+)?(?:was|is|had\s+been|has\s+been)\s+)(?:both\s+|entirely\s+|fully\s+)?(?:correct|appropriate|right|justified|reasonable|sound|accurate|valid)\b"
    r"|\b(?:was|were|is|are)\s+entitled\s+to\s+(?:rely|refuse|withhold|apply|cite|decline)"
    r"|(?<!not\s)\b(?:was|were|had\s+been|have\s+been|has\s+been)\s+(?:correctly|properly|rightly|appropriately|reasonably)\s+(?:engaged|cited|relied\s+(?:up)?on|invoked|used|handled|answered|dealt\s+with|refused|applied|withheld)"
    r"|\bI\s+(?:am|was)\s+(?:content|satisfied)\b(?!\s+that\s+(?:the\s+)?(?:information|exemption)s?\s+(?:should|does\s+not|is\s+not|was\s+not))"
    r"|\bI\s+(?:concur|agree)\s+with\s+(?:the|this|that|their|its|our)\b"
    r"|" + REVIEW_NO_CHANGE.pattern +
    r"|(?<!not\s)(?<!n't\s)\buphold(?:s|ing)?\s+(?:the|our|its)\s+(?:\w+['’]s?\s+)?(?:original\s+|initial\s+|earlier\s+|first\s+)?(?:decision|response|refusal|position|application|use|reliance)\b(?!\s+in\s+part)"
    r"|\b(?:maintain(?:s|ed|ing)?|stand\s+by|stands\s+by)\s+(?:the|our|its|this)\s+(?:original\s+|initial\s+|earlier\s+)?(?:decision|position|response|refusal|reliance|use\s+of|application\s+of)\b"
    r"|\bnot\s+uphold\s+your\s+(?:request\s+for\s+(?:an?\s+)?(?:internal\s+)?review|review\s+request|complaint|appeal)"
    r"|(?<!not\s)\b(?:handled|dealt\s+with)\s+(?:your\s+(?:\w+\s+)?request\s+)?in\s+(?:full\s+)?accordance\s+with\s+the\s+(?:Act|Regulations|FOIA|EIR|legislation)"
    r"|\b(?:was|were)\s+(?:right|justified)\s+(?:to|in)\s+(?:withhold|refus|apply|applying|rely|relying|declin|redact|cite|citing)\w*"
    r"|\b(?:reliance\s+(?:up)?on|use\s+of|application\s+of)\s+[^.]{0,50}?\b(?:was|is|were)\s+(?:both\s+|entirely\s+|fully\s+)?(?:correct|appropriate|right|justified|reasonable|valid|proper)\b"
    r"|\b(?:decision|refusal|response|position|exemptions?|exceptions?)\b[^.]{0,60}\b(?:is|was|are|has\s+been|have\s+been)\s+(?:therefore\s+|hereby\s+)?(?:confirmed|affirmed|endorsed|sustained)\b"
    r"|\b(?:continue|continues)\s+to\s+(?:be\s+withheld|apply|be\s+exempt|be\s+engaged)\b"
    r"|\b(?:was|is)\s+the\s+(?:correct|right|appropriate|proper)\s+(?:one|decision|response|approach)\b"
    r"|\b(?:response|decision|answer)\s+(?:you\s+(?:were\s+given|received)|given\s+to\s+you|sent\s+to\s+you)\s+(?:was|is)\s+(?:both\s+)?(?:correct|right|appropriate|justified)\b"
    r"|(?<!not\s)\bconfirm(?:s|ed|ing)?\s+(?:the|our|its)\s+(?:original\s+|initial\s+|earlier\s+)?(?:decision|refusal|position)\b"
)

REVIEW_OFFER = _p(
    r"(?:request|ask\s+for|ask\s+us\s+(?:for|to\s+carry\s+out)|apply\s+for|right\s+to\s+(?:request|ask\s+for))\s+(?:a|an)\s+(?:formal\s+)?(?:internal\s+)?review"
    r"|ask\s+us\s+to\s+(?:carry\s+out\s+a\s+review|reconsider)|representations\s+under\s+regulation\s+11|reconsider"
)

# The authority takes the extra time the law allows: EIR reg 7 (to 40 working days) or FOIA
# s10(3) (public interest; the ICO accepts up to 40 in total).
EXTENSION = _p(
    r"(?:need|require)\s+(?:further|more|additional)\s+time\s+to\s+consider\s+the\s+public\s+interest"
    r"|extend(?:ing|ed)?\s+the\s+(?:time|deadline|period)\b[^.]{0,80}?(?:40|forty)\s+working\s+days"
    r"|regulation\s+7\s*\(1\)|section\s+10\s*\(3\)"
)
