"""The phrase families that tell what kind of letter this is (LABELS.md ``kind``).

Each family is how UK FOI / EIR / FOISA offices word that kind of letter in general: the
receipt ("we acknowledge receipt", "this is an automated reply", "your request was received
on …") and the promise of an answer ("we will aim to respond by …", "you should receive a
response within 20 working days", "has up to 20 working days to respond") of an
acknowledgement; the request to narrow or specify of a clarification; the statement that a
review was done of a review response; the cover note whose attachment carries the answer.
"""

from __future__ import annotations

import re


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# A completed review, reported in its own words (the letter is the review's result).
REVIEW_DONE = re.compile(
    r"\b(?:I|we)\s+have\s+(?:now\s+)?(?:completed|conducted|carried\s+out|undertaken|concluded)\s+(?:the|an|your|a|my|this)\s+(?:internal\s+)?review"
    r"|has\s+(?:now\s+)?(?:completed|conducted|carried\s+out|concluded)\s+(?:the|an|its|a)\s+(?:internal\s+)?(?:review|investigation\s+into\s+your\s+complaint)"
    r"|outcome\s+of\s+(?:the\s+|your\s+|this\s+|my\s+)?(?:internal\s+)?review|\bas\s+a\s+result\s+of\s+(?:this|my|the|our)\s+(?:internal\s+)?review"
    r"|\b(?:following|after|on\s+completion\s+of)\s+(?:the|an|your|our|this|my)\s+internal\s+review\b"
    r"|\bI\s+have\s+(?:now\s+)?(?:reviewed|reconsidered)\s+(?:the|your|our)\s+(?:\w+['’]s\s+)?(?:original\s+|initial\s+)?(?:decision|response|handling|searches|request|complaint|refusal)"
    r"|\bI\s+was\s+not\s+(?:involved|party)\b|reconsideration\s+under\s+regulation\s+11"
    r"|^\s*(?:re:\s*)?[^\n]{0,80}\binternal\s+review\b\s*(?:[-:–]|reference|$)"
    r"|\b(?:I|we)\s+have\s+(?:now\s+)?(?:looked\s+again\s+at|reconsidered|re-?examined)\s+(?:your|the|our)\b"
    r"|\btook\s+no\s+part\s+in\s+the\s+original|\bhaving\s+(?:looked\s+again|reconsidered)\b"
    r"|\bhaving\s+reviewed\s+(?:the|our|your)\s+(?:original\s+)?(?:decision|response|handling|file|case|papers|matter|correspondence)"
    r"|^\s*internal\s+review\s+(?:of|outcome|response|decision)\b"
    r"|\b(?:my|the\s+review(?:er)?['’]?s?)\s+(?:conclusion|finding|decision)\s+(?:is|was)\b"
    r"|\b(?:in\s+agreement|agree)\s+with\s+the\s+(?:initial|original|earlier)\s+(?:decision|response)"
    # Round 2: the review reported in the passive, or by its officer.
    r"|\b(?:internal\s+)?review\s+(?:has|had)\s+(?:now\s+)?been\s+(?:completed|concluded|carried\s+out|undertaken|conducted|finished)"
    r"|\b(?:internal\s+)?review\s+is\s+now\s+(?:complete|completed|concluded|finished|closed)\b"
    r"|\breview(?:ing)?\s+officer\s+(?:found|concluded|decided|considered|is\s+satisfied|was\s+satisfied)"
    r"|\b(?:following|after|on\s+completion\s+of)\s+(?:the|this|my|your)\s+review\s*,\s*(?:I|we|the\s+review(?:er|ing\s+officer|\s+panel))\b"
    # Round 3: the review's result in the words of the Scottish review duty (FOISA s21(4)):
    # the decision confirmed, with or without modifications, or a different one substituted.
    r"|\b(?:original|initial|earlier)\s+(?:decision|response)\s+(?:should|will|must|is\s+to)\s+be\s+confirmed\b"
    r"|\b(?:a\s+)?(?:different|fresh|new)\s+decision\s+(?:should|will|must)\s+be\s+substituted"
    # A reconsideration while an appeal to the Commissioner is under way.
    r"|\bduring\s+(?:the\s+course\s+of\s+)?(?:your|the|this)\s+appeal\s*,?\s*(?:we|I)\s+(?:have\s+)?(?:now\s+)?"
    r"(?:given\s+(?:it\s+|this\s+)?further\s+consideration|reconsidered|looked\s+again)"
    r"|\bsubstitut(?:e|ed|ing)\s+a\s+(?:different|fresh|new)\s+decision\b",
    re.I | re.M,
)
# A letter that is about a review request; it is the review's answer unless it only
# acknowledges the request. Read near the top, where a letter says what it is.
REVIEW_TOPIC = _p(
    r"\b(?:request|application|asking)\s+for\s+(?:an?\s+)?(?:internal\s+)?review\s+of\b"
    r"|\byour\s+(?:request|application)\s+for\s+(?:an?\s+)?(?:internal\s+)?review\b"
    r"|(?<!not\s)(?<!n't\s)\b(?:treat(?:ed|ing)?|handl(?:ed|ing)|consider(?:ed|ing)?)\s+(?:[\w,]+\s+){0,6}as\s+(?:a\s+request\s+for\s+)?an?\s+(?:internal\s+)?review"
    r"|\bconsidered\s+your\s+(?:appeal|complaint|request\s+for\s+(?:an?\s+)?(?:internal\s+)?review)"
    r"|\byour\s+(?:appeal|complaint)\s+(?:against|about|regarding)\s+(?:the|our)\s+(?:\w+\s+)?(?:response|decision|refusal|handling)"
    r"|\b(?:official|formal|internal)\s+review\s+(?:be|was|has\s+been)\s+(?:carried\s+out|conducted|undertaken)"
    r"|\breview\s+(?:of|into)\s+(?:the\s+)?(?:handling|way)\b|\bappeal\s+against\s+(?:the|our|an?|FOI|EIR|this|that)\b"
    r"|\breview\s+of\s+(?:our|the)\s+(?:original\s+|initial\s+)?(?:decision|response|failure)\b"
    r"|\byou\s+(?:have\s+)?(?:requested|asked\s+for|sought)\s+(?:a|an)\s+(?:internal\s+)?review\s+of\b"
)

# Receipt: the letter confirms the request (or review request) arrived.
ACK_RECEIPT = _p(
    r"\backnowledg(?:e|es|ed|ing)\s+(?:the\s+|safe\s+)?(?:receipt|your|this|that)\b"
    r"|\b(?:is|are|being)\s+(?:hereby\s+)?acknowledged\b|(?<!by\san\s)\backnowledge?ment\b(?!\s+(?:that|of\s+(?:the\s+)?(?:source|copyright|author)))"
    r"|\bauto(?:mated|matic)?[-\s]?(?:reply|response|confirmation|message|e-?mail|notification)\b"
    r"|\bthis\s+is\s+an\s+automat|\bconfirm(?:ation)?\s+(?:of\s+)?(?:that\s+)?(?:we\s+have\s+)?rece(?:iv|ipt)|\bconfirmation\s+that\s+your"
    r"|\b(?:we|I)\s+(?:have|has)\s+(?:now\s+)?received\s+your\b|\bhas\s+received\s+your\b"
    r"|\b(?:has|have)\s+been\s+received\b|\bwe\s+received\s+your\s+(?:request|e-?mail|letter)\s+on\b|\b(?:was|were)\s+received\s+(?:by|on|at|in)\b"
    r"|\b(?:which|that)\s+(?:we|I|the\s+\w+(?:\s+\w+)?)\s+(?:have\s+|has\s+)?received\s+(?:on|at|by)\b"
    r"|\breceived\s+by\s+(?:the\s+)?[A-Z][\w&'’ ]{2,60}?\s+on\b"
    r"|\b(?:has|have)\s+been\s+(?:logged|registered|assigned|allocated|passed)\b"
    r"|\b(?:has|have)\s+been\s+(?:forwarded|sent|passed|referred)\s+to\s+(?:the|our)\s+(?:relevant|appropriate|[^.]{0,60}?\b(?:team|department|unit|officer|service)\b)"
)
# The explicit receipt: an acknowledgement in so many words (outweighs a delay or review topic).
ACK_EXPLICIT = _p(
    r"acknowledg|\bauto(?:mated|matic)?[-\s]?(?:reply|response|confirmation|message)|\breceipt\b"
)
# Weaker signs of a receipt, read only when the letter decides nothing.
ACK_WEAK = _p(
    r"\b(?:your\s+)?(?:unique\s+|case\s+)?reference\s+(?:number\s+)?(?:is|will\s+be)\b"
    r"|\b(?:we|I)\s+(?:will|shall)\s+(?:respond|reply|be\s+in\s+touch|contact\s+you)\b"
)
# The promise of an answer later, with a time (the acknowledgement's second half).
ACK_FUTURE = _p(
    r"\b(?:will|shall|aims?\s+to|endeavour\s+to|hope\s+to|expect\s+to|should|plan\s+to|intend\s+to)\s+(?:\w+\s+){0,5}?"
    r"(?:respond|reply|responded|replied|provide\s+(?:you\s+with\s+)?(?:a|the|our|an)|send\s+(?:you\s+)?(?:a|the|our|an)|receive\s+(?:a|the|our|an)|be\s+in\s+(?:touch|contact)|let\s+you\s+have|issue|deal\s+with\s+(?:it|this|your\s+request))\b"
    r"[^.]{0,160}?\b(?:within|by|no\s+later\s+than|before|as\s+soon\s+as|promptly|in\s+due\s+course)\b"
    r"|\b(?:am|are|is)\s+(?:now\s+|currently\s+)?(?:dealing\s+with|processing|considering|looking\s+into)\s+(?:your|this|the)\s+(?:request|enquiry|e-?mail)"
    r"|\b(?:has|have)\s+(?:up\s+to\s+)?(?:20|twenty)\s+working\s+days\s+(?:in\s+which\s+)?to\b"
    r"|\b(?:allows?|gives?)\s+(?:us|the\s+\w+|public\s+authorities)\s+(?:up\s+to\s+)?(?:20|twenty)\s+working\s+days"
    r"|\b(?:will|shall)\s+(?:\w+\s+){0,4}?(?:respond|reply)\s+(?:to\s+you\s+)?direct(?:ly)?\b"
    r"|\b(?:will\s+(?:now\s+)?be|is\s+(?:now\s+)?being|are\s+(?:now\s+)?being)\s+(?:considered|processed|dealt\s+with|handled|actioned|looked\s+into)\b"
    r"|\b(?:a|our|the)\s+(?:full\s+)?(?:response|reply)\s+(?:will|should)\s+be\s+(?:sent|issued|provided|made)"
    r"|\b(?:will|should|shall)\s+be\s+(?:answered|responded\s+to|dealt\s+with)\s+(?:promptly\s+|fully\s+)?(?:within|by|no\s+later)"
    r"|\b(?:response\s+)?(?:due\s+date|deadline)\s+(?:for\s+(?:a\s+|our\s+|the\s+)?(?:response|reply)\s+)?is\b"
    r"|\b(?:will|shall)\s+be\s+responded\s+to\b|\bresponded\s+to\s+(?:by|within|no\s+later)"
    r"|\bwithin\s+the\s+statutory\s+(?:timescale|time\s*limit|deadline|period)"
    # Round 3: a review request received, the review still to come.
    r"|\b(?:internal\s+)?review\s+will\s+(?:now\s+)?be\s+(?:conducted|carried\s+out|undertaken|started|arranged)\b"
    r"|\baims?\s+to\s+complete\s+(?:the\s+|your\s+|all\s+|its\s+|our\s+)?(?:internal\s+)?reviews?\s+within\b"
    r"|\b(?:date|deadline)\s+(?:for|of)\s+(?:our|a|the|your)\s+(?:response|reply)\s+(?:is|will\s+be)"
)
# A request to narrow, specify or confirm before the answer.
CLARIFY = _p(
    r"\b(?:we|I)\s+(?:would\s+like\s+to\s+|need\s+to\s+|must\s+)?(?:ask\s+(?:you\s+)?for|request|seek|need|require)\s+(?:some\s+|further\s+)?clarification"
    r"|(?:please|could\s+you|can\s+you|would\s+you)\s+(?:please\s+)?clarify|clarify\s+(?:which|what|whether)\b"
    r"|until\s+we\s+receive\s+(?:this|your|the)\s+clarification|(?:could|can|would)\s+you\s+(?:please\s+)?(?:confirm|specify|provide|let\s+us\s+know|tell\s+us|narrow|refine|reduce|limit)"
    r"|\b(?:it\s+is\s+)?(?:not|un)clear\s+(?:to\s+us\s+)?(?:which|what|whether|exactly)"
    r"|\bunable\s+to\s+identify\s+(?:the\s+)?(?:information|records?|documents?)\s+(?:you|that\s+you)"
    r"|\bplease\s+(?:tell\s+us|let\s+us\s+know)\s+(?:the|which|what|whether|when|how)\b"
    r"|please\s+could\s+you|provide\s+(?:more|further)\s+(?:detail|information)|need\s+further\s+information"
    r"|too\s+general\s+a\s+manner|(?:time|clock)[^.]{0,60}\b(?:on\s+hold|stopped|paused|start\s+again)"
    r"|please\s+(?:tell|let)\s+us\s+(?:which|what|whether)|\bwhich\s+\w+\s+you\s+mean\b"
    r"|(?:could|can|would)\s+you\s+(?:please\s+)?(?:tell|explain|indicate)"
    # Round 3: a request held until the requester proves the name it was made in (s8(1)(b)).
    r"|\b(?:require|need|provide|send)\s+(?:us\s+with\s+)?(?:formal\s+|some\s+)?proof\s+of\s+(?:your\s+|this\s+|the\s+)?(?:real\s+|full\s+)?(?:name|identity)\b"
    r"|\bplease\s+(?:provide|give|send|specify)\s+(?:us\s+(?:with\s+)?)?(?:an?\s+|the\s+|some\s+|more\s+|further\s+)?"
    r"(?:time\s*frame|date\s+range|period|more\s+detailed|further\s+detail|details?\s+of\s+(?:the|which)|description|clarification)"
    r"|\b(?:to\s+enable\s+us|in\s+order\s+(?:for\s+us\s+)?to)\s+(?:to\s+)?(?:assist|proceed|progress|locate|identify|process)\s+(?:with\s+)?(?:your|this|the)\s+request"
    r"|\bbefore\s+we\s+can\s+(?:proceed|process|respond|deal\s+with|answer)\s+(?:with\s+|to\s+)?(?:your|this|the)\s+request,?\s+(?:please|we\s+(?:need|require|would\s+need)|could\s+you|can\s+you)|\bwill\s+not\s+(?:start|begin)\s+until\s+we\s+receive"
    r"|\bregulation\s+9\s*\(\s*2\s*\)|\btoo\s+(?:general|broad|wide)\b"
    r"|\b(?:we|I)\s+(?:require|need|would\s+need)\s+(?:some\s+)?(?:further|more|additional)\s+(?:details|information)\b(?!\s+(?:time|about\s+the\s+public))"
    r"|\bplease\s+(?:could\s+you\s+)?specify\b"
    r"|\b(?:if\s+you\s+(?:could|would|can)|would\s+you\s+be\s+able\s+to)\s+(?:please\s+)?(?:narrow|refine|reduce|limit|specify|clarify|confirm)\b"
    r"|\bwithout\s+(?:further\s+|some\s+|more\s+)?clarification|\bsection\s+1\s*\(3\)"
    r"|\bif\s+we\s+(?:do\s+not\s+)?(?:hear|receive)\s+(?:nothing|no\s+(?:response|reply)|from\s+you)[^.]{0,80}\b(?:closed|withdrawn)"
    r"|\b(?:appreciate|grateful)\s+(?:it\s+)?if\s+you\s+(?:could|would|can)\s+(?:please\s+)?(?:let\s+(?:me|us)\s+know|confirm|clarify|specify|tell\s+(?:me|us)|indicate|narrow|refine)"
)
# Asked before the answer: the request cannot be dealt with until the requester replies. Beside
# a warning that a wide request would exceed the cost limit, the letter still asks first.
CLARIFY_FIRST = _p(
    r"\bin\s+order\s+(?:for\s+us\s+)?to\s+(?:process|progress|deal\s+with|answer|respond\s+to)\s+(?:this|your|the)\s+request"
    r"|\bbefore\s+(?:we|I)\s+(?:can|are\s+able\s+to|am\s+able\s+to)\s+(?:proceed|process|progress|respond)"
    r"|\b(?:appreciate|grateful)\s+(?:it\s+)?if\s+you\s+(?:could|would)|\b(?:require|need)\s+(?:some\s+)?(?:further\s+)?clarification\b"
)
# A cost refusal made now, not a warning about what a wide request would do.
COST_NOW = _p(
    r"\b(?:is|are|am)\s+(?:therefore\s+)?(?:being\s+)?refus|\bnot\s+(?:obliged|required)\s+to\s+comply"
    r"|\b(?:will|shall)\s+not\s+be\s+(?:taking|processing|complying)|\bexceeds\s+the\s+(?:appropriate|cost|upper\s+cost)\s+limit"
    r"|\b(?:section|s\.?)\s*12\s*(?:\(\d\))?\s+(?:applies|is\s+engaged)|\bunable\s+to\s+comply\b"
)
# Holding and delay notices after receipt.
HOLDING = _p(
    r"(?:need|require)\s+(?:some\s+)?(?:further|more|additional|extra)\s+time|extend(?:ing|ed)?\s+the\s+(?:\w+\s+)?(?:time|deadline)|now\s+aim\s+to\s+respond"
    r"|will\s+now\s+respond\s+by|still\s+considering|\bstill\s+(?:working\s+on|dealing\s+with|processing|collating|gathering)\s+(?:your|the|this)\b"
    r"|\bnot\s+(?:yet\s+)?been\s+able\s+to\s+(?:collate|complete|finalise|finalize|gather)\b|\bneeded\s+(?:further|more|additional)\s+time\b|transferred\s+your\s+request|out\s+of\s+(?:the\s+)?office"
    r"|no\s+access\s+to\s+e-?mail|fees?\s+notice|when\s+we\s+receive\s+your\s+payment"
    r"|unable\s+to\s+provide\s+(?:you\s+with\s+)?a\s+(?:substantive\s+|full\s+)?response\s+at\s+this\s+time"
    r"|\b(?:will\s+not|won['’]t|are\s+not|am\s+not)\s+be\s+able\s+to\s+(?:respond|reply|provide\s+(?:you\s+with\s+)?a\s+response)\s+(?:to\s+your\s+request\s+)?(?:within|by)"
    r"|\b(?:are|am)\s+(?:currently\s+)?unable\s+to\s+(?:respond|reply)\s+(?:to\s+your\s+request\s+)?(?:within|by)"
    r"|\bexperiencing\s+(?:a\s+)?(?:delays?|high\s+volumes?)|\bupdate\s+you\s+on\s+(?:your|the)\s+(?:open\s+)?(?:request|case)"
    r"|\b(?:due\s+date|date\s+(?:that\s+|on\s+which\s+)?(?:the\s+|a\s+|your\s+|our\s+)?(?:response|reply)\s+(?:is|was)\s+due)\b[^.]{0,80}?\b(?:changed|extended|revised|moved|put\s+back)"
)
# A letter that explains an earlier answer rather than giving a new one (LABELS: ``other``).
EXPLAINS_EARLIER = _p(
    r"\b(?:providing|provide|give|giving|offer|offering)\s+(?:you\s+with\s+)?(?:some\s+)?(?:further\s+)?(?:clarification|explanation)\s+"
    r"(?:as\s+to|of|on|about|regarding)\s+(?:why|how)\s+(?:we|I|the\s+\w+|[A-Z]{2,6})\s+(?:used|applied|relied|cited|withheld|refused|reached)\b"
    r"|\bnot\s+treated\s+(?:this|your\s+\w+)\s+as\s+(?:a\s+(?:new\s+)?request\b|a\s+request\s+for\s+(?:an?\s+)?(?:internal\s+)?review)"
)
DECIDED = _p(
    r"\bwe\s+have\s+(?:decided|concluded)|\bis\s+therefore\s+exempt|\bwe\s+are\s+withholding|\brefus(?:e|ing)\s+(?:your|this|the)\s+request"
)
# A cover note: the answer is in the attachment, so the note itself is an enclosure cover.
COVERING = _p(
    r"(?:attached|enclosed?|attach|find\s+attached|see\s+attached)\s+(?:is\s+|are\s+)?(?:a|our|my|the|that)\s+(?:formal\s+|full\s+|final\s+|substantive\s+)?"
    r"(?:response|reply|decision|letter|documents?)\b"
)
# Not a request under the Acts at all, passed on elsewhere.
NOT_A_REQUEST = _p(
    r"\bnot\s+(?:a\s+)?(?:valid\s+)?request\s+for\s+(?:recorded\s+)?information\b[\s\S]{0,250}?\b(?:forwarded|passed|sent|referred)\b"
)
# An annex or appendix sent with a letter, headed as one (LABELS: annexes are ``other``).
ANNEX_HEADING = re.compile(
    r"\A\W*(?:This\s+is\s+an\s+HTML\s+version\s+of\s+an\s+attachment\b[^\n]*\n\W*)?"
    r"(?:(?:annex|appendix|schedule|enclosure|attachment)\s+(?:[A-Z]|\d{1,2})\b"
    r"|your\s+rights?\s+(?:to|of)\s+(?:appeal|complain|request\s+(?:an?\s+)?(?:internal\s+)?review)\b"
    r"|complaints?\s+rights\b|rights?\s+of\s+appeal\b)",
    re.I,
)
# A leaflet or guidance note sent with a letter: it describes procedure and decides nothing.
LEAFLET = _p(
    r"\bthis\s+(?:note|leaflet|guidance|guide|document|sheet|page)\s+(?:sets\s+out|explains|describes|outlines|tells\s+you)"
)
# The letter presents itself as the answer ("our response", "Response:" heading).
RESPONSE_MARKER = re.compile(
    r"^\s*(?:our\s+)?response(?:\s+detail)?\s*[:–-]?\s*$|\b(?:our|my)\s+response\s+(?:is|to\s+(?:each|the\s+questions?))\b"
    r"|\b(?:below|here)\s+is\s+(?:your\s+request\s+and\s+)?(?:our|the|my)\s+response"
    r"|\byour\s+request\s+(?:has\s+been|was)\s+(?:processed|handled|considered|dealt\s+with)\s+(?:in\s+accordance|under)"
    r"|\brequest\s+(?:is\s+)?replicated\s+below\s+together\s+with\s+(?:the|our)\s+response"
    r"|\bresponse\s*[:–-]\s|\b(?:answer|reply)\s*[:–-]\s"
    # Round 3: the letter calls itself the answer ("I respond in connection with your
    # request", an apology for the delay in providing it, "our response is set out below").
    r"|\bI\s+(?:now\s+)?(?:respond|am\s+responding|write\s+in\s+response)\s+(?:to|in\s+connection\s+with)\s+your\s+(?:request|e-?mail|letter)"
    r"|\bdelay\s+in\s+(?:providing|sending|issuing)\s+(?:the|this|our|a|my)\s+(?:response|reply)"
    r"|\bresponse\s+(?:is\s+)?set\s+out\s+below",
    re.I | re.M,
)
# A letter opens with a salutation; a leaflet or annex does not.
SALUTATION = re.compile(r"^[ \t]*(?:Dear|Hello|Hi|Good\s+(?:morning|afternoon))\b", re.M | re.I)
