"""Email bodies: requests, cover notes, follow-ups and annotations, with WDTK's masks.

Incoming text on WDTK has the request's own address replaced by ``[FOI #<id> email]``, other
addresses by ``[email address]`` and censored names by ``[name removed]``; quoted parts of a
reply (the original request under "-----Original Message-----") are folded on the page.
"""

from __future__ import annotations

import random

from scraper.replica.files import table_text


def request_body(rng: random.Random, authority: str, subject: str, requester: str) -> str:
    asks = rng.sample(
        [
            f"the number of cases relating to {subject.lower()} in each of the last three years",
            f"any policy or guidance documents covering {subject.lower()}",
            "the total amount spent, broken down by financial year",
            "the job titles of the officers responsible",
            "copies of any internal reports produced since 2020",
            "the contracts awarded and the names of the suppliers",
        ],
        k=rng.randint(1, 3),
    )
    points = "\n".join(f"{n}. Please provide {ask}." for n, ask in enumerate(asks, 1))
    return (
        f"Dear {authority},\n\nUnder the Freedom of Information Act, I would like to request "
        f"the following information about {subject.lower()}:\n\n{points}\n\n"
        f"Yours faithfully,\n\n{requester}"
    )


def cover_note(rng: random.Random, request_id: int, has_attachment: bool, requester: str) -> str:
    greeting = rng.choice((f"Dear {requester}", "Dear Requester", "Dear [name removed]"))
    if has_attachment:
        main = rng.choice(
            (
                "Please find attached our response to your recent request for information.",
                "Please see the attached letter in response to your request.",
                "Attached is our reply to your Freedom of Information request.",
            )
        )
    else:
        main = "Please see our response to your request below."
    contact = rng.choice(
        (
            "If you have any questions please contact us at [email address].",
            f"Please reply to [FOI #{request_id} email] quoting the reference above.",
            "For queries call the Information Governance Team on [mobile number].",
        )
    )
    return f"{greeting},\n\n{main}\n\n{contact}\n\nKind regards,\n{rng.choice(('Information Governance', 'FOI Team', 'Despatch Box'))}"


def quoted_original(request_text: str, request_id: int, sent: str) -> str:
    lines = [
        "-----Original Message-----",
        f"From: [FOI #{request_id} email]",
        f"Sent: {sent}",
        "To: [email address]",
        "Subject: Freedom of Information request",
        "",
    ]
    lines += [f"> {line}" if line else ">" for line in request_text.split("\n")]
    return "\n".join(lines)


def followup_body(kind: str, authority: str, requester: str, subject: str) -> str:
    if kind == "internal_review":
        main = (
            f"Please pass this on to the person who conducts Freedom of Information reviews.\n\n"
            f"I am writing to request an internal review of {authority}'s handling of my FOI "
            f"request '{subject}'. I do not accept that the exemptions applied are engaged."
        )
    elif kind == "clarification":
        main = "To clarify, my request covers the period from April 2020 to March 2023, for all departments."
    elif kind == "withdraw":
        main = "I no longer need this information, so please treat my request as withdrawn."
    else:
        main = "Thank you for your response; it is very helpful."
    return f"Dear {authority},\n\n{main}\n\nYours faithfully,\n\n{requester}"


ANNOTATIONS = (
    "The response says the information is not held, yet it is referred to in the annual report.",
    "Similar figures were published here: see the council's open data pages.",
    "The authority missed the statutory deadline by several weeks.",
    "I have complained to the Information Commissioner about this refusal.",
    "Useful data. Note that the 2021 figures were revised later.",
)


def data_rows(rng: random.Random, subject: str) -> list[list[object]]:
    rows: list[list[object]] = [["Year", "Category", "Count", "Cost (GBP)"]]
    for year in (2021, 2022, 2023):
        for category in rng.sample(["North", "South", "East", "West", "Central"], k=2):
            rows.append([year, category, rng.randrange(0, 500), rng.randrange(0, 90000)])
    return rows


def rows_text(rows: list[list[object]]) -> str:
    return table_text(rows)
