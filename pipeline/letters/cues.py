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
SUBJECT_ACCESS = _p(
    r"subject\s+access\s+request|your\s+own\s+personal\s+(?:data|information)"
    r"|information\s+(?:you\s+have\s+asked\s+for\s+)?is\s+about\s+you\b|right\s+of\s+access\s+under"
    r"|right\s+of\s+access\b[^.]{0,60}(?:Data\s+Protection\s+Act|GDPR)|\b(?:relate|relates|relating)\s+to\s+you\b"
)
VEXATIOUS = _p(
    r"\bvexatious\b|repeated\s+request|identical\s+to\s+(?:the|a|your)\s+(?:previous\s+|earlier\s+)?request"
    r"|substantially\s+similar\s+to"
)
COST = _p(
    r"appropriate\s+limit|cost\s+limit|cost\s+of\s+(?:complying|compliance|doing\s+so)"
    r"|(?:exceed|cost\s+more\s+than|over)\s+£\s?\d|£\s?(?:450|600)\b|\b(?:18|24)\s+hours\b"
    r"|\bburden\b|(?:over|more\s+than)\s+\d+\s+hours|excessive\s+cost"
)
MANIFESTLY_UNREASONABLE = _p(r"manifestly\s+unreasonable")
NOT_HELD = _p(
    r"\b(?:do(?:es)?\s+not|don['’]t|did\s+not)\s+hold\b|\bnot\s+held\b"
    r"|\bno\s+(?:recorded\s+)?information\s+(?:is\s+)?held|\bhold(?:s)?\s+no\s+(?:recorded\s+)?information"
    r"|\b(?:do(?:es)?\s+not|don['’]t)\s+have\b[^.]{0,80}\bhold\b|\bnot\s+hold\s+any\b"
    r"|\bno\s+(?:relevant\s+)?(?:records?|information)\s+(?:was|were)\s+found"
    r"|\bneither\s+holds?\s+any\b|\b(?:has|have|holds?)\s+no\s+(?:records?|information|data)\b|\bno\s+record\s+of\b"
    r"|\bno\s+such\s+(?:\w+\s+)?(?:exists?|is\s+held)\b|\bdoes\s+not\s+exist\b"
    r"|\bnever\s+(?:commissioned|produced|created|held|recorded|collected)\b"
)
HELD = _p(
    r"\bconfirm\s+(?:that\s+)?(?:we|the\s+\w+(?:\s+\w+)?)\s+(?:do(?:es)?\s+)?holds?\b(?!\s+no)"
    r"|\bwe\s+(?:do\s+)?hold\s+(?:the|this|some|information|it)\b|\bholds?\s+(?:the|some\s+of\s+the|some)\s+information\b"
    r"|\bwe\s+hold\s+information\b"
)
DISCLOSE = _p(
    r"please\s+find\s+(?:attached|enclosed|below)|\b(?:I|we)\s+(?:attach|enclose)\b|\battached\s+(?:is|are)\b"
    r"|\b(?:is|are)\s+(?:attached|enclosed)\b|\b(?:is|are)\s+(?:provided|set\s+out)\s+(?:below|with\s+this\s+letter|in\s+the\s+table)"
    r"|information\s+(?:you\s+(?:requested|asked\s+for)\s+)?is\s+as\s+follows|\b(?:we|I)\s+(?:are|am)\s+(?:pleased\s+to\s+)?(?:releasing|providing|disclosing)\b"
    r"|\breleased\s+(?:in\s+full|with\s+this\s+letter)|\bcan\s+be\s+released\b|\b(?:is|are)\s+provided\b"
    r"|\bavailable\s+below\b|\b(?:is|are)\s+released\b|\bsome\s+of\s+the\s+information\s+(?:you\s+requested\s+)?is\s+(?:attached|enclosed)"
    r"|\bwe\s+have\s+provided\b|\bprovided\s+with\s+this\s+letter|\bcopies\s+of\s+[^.]{0,60}\bare\s+provided"
    r"|\bour\s+response\s*:|\brelease\s+part\s+of\s+the\s+information|\bI\s+enclose\b|\bAttached\s+is\b"
    r"|(?<!un)able\s+to\s+(?:supply|provide|disclose)\b|\b(?:is|are)\s+included\s+in\b|\baccompanying\s+this\b"
    r"|\banswers?\s+to\s+your\s+questions?\s+(?:is|are)\b|\bI\s+can\s+advise\s+that\b|\b(?:is|are)\s+disclosed\b"
    r"|\bhope\s+(?:this|the)\s+information\s+is\s+helpful\b|\bcan\s+be\s+disclosed\b"
)
WITHHOLD = _p(
    r"(?<!not\s)(?<!n't\s)(?<!never\s)\bwithh(?:e|o)ld(?:ing)?\b|\bredact(?:ed|ions?)?\b|\bremov(?:ed|al)\s+under\b|\bexempt\s+(?:from\s+disclosure\s+)?(?:under|by\s+virtue)"
    r"|\bexception\s+(?:at|under)\b|\bis\s+(?:therefore\s+)?exempt\b|\bremain(?:s)?\s+exempt\b"
)
PARTIAL = _p(
    r"\bsome\s+of\s+the\s+information\b|\bwith\s+the\s+exception\s+of\b|\bpart\s+of\s+the\s+information\b"
    r"|\bremaining\s+information\b|\bredact|\bin\s+part\b|\bcontinue\s+to\s+be\s+withheld"
    r"|\b(?:names?|details|figures)\b[^.]{0,80}\b(?:removed|redacted)\b"
)
ADVICE = _p(r"advice\s+and\s+assistance")
PUBLIC_INTEREST = _p(
    r"public\s+interest\s+(?:test|balanc)|balance\s+of\s+(?:the\s+)?public\s+interest|public\s+interest\s+in\s+(?:maintaining|disclos|withholding|transparency|openness)"
    r"|factors\s+in\s+favour\s+of|(?:weighed|weighing|weigh|considered|considering)\s+the\s+public\s+interest"
    r"|presumption\s+in\s+favour\s+of\s+disclosure|public\s+interest\s+(?:favours|is\s+best\s+served)"
)
PUBLIC_INTEREST_DENIED = _p(
    r"not\s+subject\s+to\s+the\s+public\s+interest|no\s+public\s+interest\s+test\s+is|need\s+further\s+time"
)

# Kind cues.
REVIEW_DONE = re.compile(
    r"\b(?:I|we)\s+have\s+(?:now\s+)?(?:completed|conducted|carried\s+out|undertaken)\s+(?:the|an|your|a)\s+(?:internal\s+)?review"
    r"|has\s+now\s+(?:completed|conducted|carried\s+out)\s+the\s+(?:internal\s+)?review|outcome\s+of\s+(?:the\s+|your\s+|this\s+)?(?:internal\s+)?review"
    r"|\bI\s+have\s+(?:now\s+)?(?:reviewed|reconsidered)\s+(?:the|your|our)\s+(?:\w+['’]s\s+)?(?:original\s+)?(?:decision|response|handling|searches|request|complaint|refusal)|\bI\s+was\s+not\s+(?:involved|party)\b|reconsideration\s+under\s+regulation\s+11"
    r"|review\s+of\s+(?:our|the)\s+(?:original\s+)?(?:decision|response)\b|^\s*(?:re:\s*)?[^\n]{0,80}\binternal\s+review\b\s*(?:[-:–]|reference|$)"
    r"|\btook\s+no\s+part\s+in\s+the\s+original|\bhaving\s+(?:looked\s+again|reconsidered)\b|\bhaving\s+reviewed\s+(?:the|our|your)\s+(?:original\s+)?(?:decision|response|handling)"
    r"|^\s*internal\s+review\s+(?:of|outcome)\b",
    re.I | re.M,
)
CLARIFY = _p(
    r"\b(?:we|I)\s+(?:would\s+like\s+to\s+|need\s+to\s+|must\s+)?(?:ask\s+(?:you\s+)?for|request|seek|need|require)\s+(?:some\s+|further\s+)?clarification"
    r"|(?:please|could\s+you|can\s+you|would\s+you)\s+(?:please\s+)?clarify|clarify\s+(?:which|what|whether|the)\b"
    r"|until\s+we\s+receive\s+(?:this|your|the)\s+clarification|could\s+you\s+(?:please\s+)?(?:confirm|specify|provide|let\s+us\s+know|tell\s+us)"
    r"|please\s+could\s+you|provide\s+(?:more|further)\s+(?:detail|information)|need\s+further\s+information"
    r"|too\s+general\s+a\s+manner|(?:time|clock)[^.]{0,60}\b(?:on\s+hold|stopped|paused|start\s+again)"
    r"|please\s+(?:tell|let)\s+us\s+(?:which|what|whether)|\bwhich\s+\w+\s+you\s+mean\b"
    r"|(?:could|can|would)\s+you\s+(?:please\s+)?(?:tell|explain|indicate)"
)
ACKNOWLEDGE = _p(
    r"acknowledge\s+receipt|automated\s+acknowledgement|(?:is|has\s+been)\s+(?:received|logged)|we\s+have\s+received\s+your"
    r"|will\s+(?:respond|reply)|aim\s+to\s+(?:respond|reply)|should\s+receive\s+a\s+(?:response|reply)"
    r"|can\s+expect\s+a\s+(?:reply|response)|(?:is\s+being|will\s+be)\s+(?:dealt\s+with|handled)"
    r"|deadline\s+for\s+(?:our|a|the)\s+(?:reply|response)|reference\s+number\s+is\b"
    r"|aim\s+to\s+(?:send|provide)\s+(?:you\s+)?(?:a|our)\s+(?:response|reply)|(?:am|are)\s+dealing\s+with\s+your\s+request"
    r"|(?:currently|are|am)\s+processing\s+your\s+request"
)
HOLDING = _p(
    r"need\s+(?:further|more|additional)\s+time|extend(?:ing|ed)?\s+the\s+(?:time|deadline)|now\s+aim\s+to\s+respond"
    r"|will\s+now\s+respond\s+by|still\s+considering|transferred\s+your\s+request|out\s+of\s+(?:the\s+)?office"
    r"|auto(?:matic)?[-\s]?reply|no\s+access\s+to\s+e-?mail|fees?\s+notice|when\s+we\s+receive\s+your\s+payment"
)
DECIDED = _p(
    r"\bwe\s+have\s+(?:decided|concluded)|\bis\s+therefore\s+exempt|\bwe\s+are\s+withholding|\brefus(?:e|ing)\s+(?:your|this|the)\s+request"
)

# Review outcome cues; sentences that only describe what a reviewer could do are skipped.
REVIEW_MODAL = _p(r"\b(?:can|could|may|might|either|whether|will)\b[^.]{0,40}\b(?:uphold|overturn)")
REVIEW_PARTLY = _p(
    r"(?:partially|partly)\s+uphold|uphold(?:ing)?\s+(?:your\s+(?:complaint|appeal)\s+)?in\s+part|(?:partially|partly)\s+upheld"
    r"|upheld\s+in\s+part|with\s+modifications|(?:release|releasing|disclose)\s+some\s+of\s+the\s+information\s+previously\s+withheld"
    r"|(?:partly|partially)\s+agree"
)
REVIEW_OVERTURNED = _p(
    r"(?<!not\s)(?<!n't\s)\boverturn(?:ed|ing)?\b|revers(?:e|ed|ing)\s+(?:the|our)\s+(?:original\s+)?decision"
    r"|substitut(?:e|ed|ing)\s+a\s+different\s+decision|(?:complaint|appeal)\s+(?:is|has\s+been)\s+(?:fully\s+)?upheld"
    r"|(?:I|we)\s+(?:fully\s+)?uphold\s+your\s+(?:complaint|appeal)"
    r"|(?:information|it|they)\s+should\s+(?:now\s+)?(?:be\s+)?(?:disclosed|released)"
)
REVIEW_UPHELD = _p(
    r"(?:decision|response)\b[^.]{0,60}\b(?:is|was|has\s+been|be)\s+(?:therefore\s+)?upheld|uphold\s+the\s+original"
    r"|confirm\s+the\s+original\s+decision|(?:complaint|appeal)\s+(?:is|was|has\s+been)\s+not\s+upheld"
    r"|not\s+uphold\s+your\s+(?:complaint|appeal)|correctly\s+applied|I\s+(?:agree|am\s+satisfied)\s+(?:with|that)"
    r"|(?:decision|response)\s+(?:should|will|must)\s+stand\b|\b(?:was|were)\s+(?:properly|correctly|rightly)\s+(?:applied|withheld|refused)"
)

REVIEW_OFFER = _p(
    r"(?:request|ask\s+for|ask\s+us\s+(?:for|to\s+carry\s+out)|apply\s+for|right\s+to\s+(?:request|ask\s+for))\s+(?:a|an)\s+(?:formal\s+)?(?:internal\s+)?review"
    r"|ask\s+us\s+to\s+(?:carry\s+out\s+a\s+review|reconsider)|representations\s+under\s+regulation\s+11|reconsider"
)

# A cover e-mail whose attachment carries the decision: a response, though it decides nothing.
COVERING = _p(
    r"(?:attached|enclose[d]?|find\s+attached)\s+(?:is\s+)?(?:a|our|my|the)\s+(?:formal\s+|full\s+)?(?:response|reply|decision)\b"
)

# The authority takes the extra time the law allows: EIR reg 7 (to 40 working days) or FOIA
# s10(3) (public interest; the ICO accepts up to 40 in total).
EXTENSION = _p(
    r"(?:need|require)\s+(?:further|more|additional)\s+time\s+to\s+consider\s+the\s+public\s+interest"
    r"|extend(?:ing|ed)?\s+the\s+(?:time|deadline|period)\b[^.]{0,80}?(?:40|forty)\s+working\s+days"
    r"|regulation\s+7\s*\(1\)|section\s+10\s*\(3\)"
)
