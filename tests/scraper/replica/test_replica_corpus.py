"""The corpus: deterministic, lazy, sparse, every state and outcome, seed letters in place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html

from pipeline.states import ALL_STATES
from scraper.replica import Replica
from scraper.replica.letters import LETTER_KINDS, OUTCOMES, REVIEW_OUTCOMES
from scraper.replica.seeds import SEED_BY_REQUEST
from scraper.replica.site import Site
from scraper.replica.wording.cite import known_provision


@pytest.fixture(scope="module")
def truths(replica):
    return [replica.truth(rid) for rid in replica.existing_ids()]


def test_every_state_of_the_taxonomy_occurs(truths):
    assert {t.status for t in truths} == set(ALL_STATES)


def test_every_outcome_and_letter_kind_occurs(truths):
    labels = [letter.labels for t in truths for letter in t.letters]
    assert {lab.outcome for lab in labels} - {None} == set(OUTCOMES)
    assert {lab.kind for lab in labels} == set(LETTER_KINDS)
    assert {lab.review_outcome for lab in labels} - {None} == set(REVIEW_OUTCOMES)


def test_cited_provisions_are_real_provisions(truths):
    relied = {c for t in truths for letter in t.letters for c in letter.labels.provisions}
    cited = {c for t in truths for letter in t.letters for c in letter.labels.provisions_cited}
    assert relied and relied <= cited
    assert all(known_provision(c) for c in cited), sorted(
        c for c in cited if not known_provision(c)
    )


def test_all_file_kinds_occur(truths):
    assert {a.file_kind for t in truths for a in t.attachments} == {
        "pdf",
        "image_pdf",
        "docx",
        "xlsx",
        "csv",
        "txt",
        "eml",
    }


def test_scottish_eir_and_school_requests_occur(replica):
    requests = [replica.request(rid) for rid in replica.existing_ids()]
    assert {r.regime for r in requests} == {"FOIA", "EIR", "FOISA"}
    assert any(r.authority.is_school for r in requests)
    assert {r.law_used for r in requests if r.regime == "EIR"} == {"eir"}


def test_seed_requests_exist_in_a_small_corpus():
    assert {540577, 599512} <= set(Replica(requests=20, seed=99, seed_letters=None).existing_ids())


def test_ids_are_sparse(replica):
    ids = replica.existing_ids()
    assert ids == sorted(ids) and ids[-1] - ids[0] > 10 * len(ids)


def test_seed_letters_are_pdf_attachments_with_their_labels(replica, shared: Path):
    truth = replica.truth(540577)
    letter = next(
        att
        for att in truth.attachments
        if att.letter and att.letter.kind == "internal_review_response"
    )
    assert letter.content_type == "application/pdf"
    assert (
        letter.letter.review_outcome,
        letter.letter.authority_ref,
        letter.letter.letter_date.isoformat(),
    ) == ("upheld", "Gov/CAF 18-172", "2019-01-31")
    prefix = SEED_BY_REQUEST[540577].prefix
    real = next((shared / "seeds").glob(f"{prefix}*.txt")).read_text("utf-8")
    # The real letter itself, not the stand-in, with only the site's e-mail masks applied.
    served, original = letter.text.splitlines(), real.splitlines()
    assert len(served) == len(original)
    changed = [line for line, was in zip(served, original, strict=True) if line != was]
    assert all(set(line.strip()) <= set("x@.") for line in changed)


def test_seed_letter_pdf_carries_the_real_text(replica):
    import io

    import pdfplumber

    truth = replica.truth(599512)
    att = truth.attachments[0]
    data = replica.attachment_file(599512, att.incoming_message_id, att.part).data
    text = "".join(page.extract_text() or "" for page in pdfplumber.open(io.BytesIO(data)).pages)
    assert "CAS-427211-VZ73LT" in text and truth.letters[0].labels.provisions == ("FOIA s16",)


def test_seed_letters_fall_back_to_a_stand_in():
    replica = Replica(requests=20, seed=1, seed_letters=None)
    att = replica.truth(599512).attachments[0]
    assert "Section 16" in att.text and att.letter.outcome == "advice_and_assistance"


def test_pages_are_byte_identical_across_runs():
    def render() -> list[bytes]:
        replica = Replica(requests=60, seed=4, seed_letters=None)
        site = Site(replica)
        paths = [f"/request/{replica.slug_of(r)}" for r in replica.visible_ids()] + [
            "/list",
            "/body/all-authorities.csv",
        ]
        return [site.handle("GET", p).body for p in paths]

    assert render() == render()


DIGEST_SCRIPT = """
import hashlib
from scraper.replica import Replica
from scraper.replica.site import Site
from scraper.replica.wording.cite import known_provision
replica = Replica(requests=40, seed=5, seed_letters=None)
replica.advance(3, churn=0.2)
site = Site(replica)
digest = hashlib.sha256()
for rid in replica.existing_ids():
    for path in (f"/request/{replica.slug_of(rid)}", f"/request/{replica.slug_of(rid)}.json"):
        digest.update(site.handle("GET", path).body)
digest.update(site.handle("GET", "/list").body)
print(digest.hexdigest())
"""


def test_pages_are_byte_identical_across_processes():
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[3]

    def run(hash_seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(root)}
        return subprocess.run(
            [sys.executable, "-c", DIGEST_SCRIPT],
            env=env,
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    assert run("1") == run("2")


def test_different_seeds_give_different_corpora():
    a, b = Replica(requests=40, seed=1), Replica(requests=40, seed=2)
    assert [a.slug_of(r) for r in a.existing_ids()] != [b.slug_of(r) for r in b.existing_ids()]


def test_building_one_request_does_not_build_the_corpus():
    replica = Replica(requests=100_000, seed=7, seed_letters=None)
    assert replica.request(599512).status == "partially_successful"
    assert replica.corpus.base_events.cache_info().currsize == 1


def test_batch_requests_share_a_title_and_link_the_batch(replica):
    batch = [replica.request(r) for r in replica.existing_ids() if replica.request(r).batch_id]
    assert batch and len({r.title for r in batch if r.batch_id == batch[0].batch_id}) == 1
    doc = html.fromstring(Site(replica).handle("GET", f"/request/{batch[0].url_title}").body)
    assert doc.xpath(
        '//p[contains(@class,"request-header__subtitle")]/a[starts-with(@href,"/info_request_batch/")]'
    )


def test_duplicate_titles_get_numbered_slugs(replica):
    slugs = {replica.slug_of(r) for r in replica.existing_ids()}
    assert any(s.endswith("_2") and s[:-2] in slugs for s in slugs)


def test_masks_are_linked_in_incoming_bodies(replica):
    site = Site(replica)
    for rid in replica.listed_ids():
        body = site.handle("GET", f"/request/{replica.slug_of(rid)}").body.decode()
        if (
            '[<a href="/help/officers#mobiles">email address</a>]' in body
            and f"[FOI #{rid} email]" in body
        ):
            return
    raise AssertionError("no page with linked email masks and the request's own mask")


def test_quoted_sections_are_folded_unless_unfold(replica):
    site = Site(replica)
    truth = next(
        t
        for t in (replica.truth(r) for r in replica.listed_ids())
        if any(i.quoted for i in t.unfolded_page.items)
    )
    item = next(i for i in truth.unfolded_page.items if i.quoted)
    folded = site.handle("GET", f"/request/{truth.url_title}").body.decode()
    unfolded = site.handle("GET", f"/request/{truth.url_title}?unfold=1").body.decode()
    assert f'href="?unfold=1#incoming-{item.id}">show quoted sections' in folded
    assert (
        "-----Original Message-----"
        not in folded.split(f'id="incoming-{item.id}"')[1].split("correspondence__footer")[0]
    )
    assert "-----Original Message-----" in unfolded and "hide quoted sections" in unfolded


def test_truth_page_items_match_the_blocks_served(replica):
    site = Site(replica)
    for rid in replica.listed_ids()[:50]:
        truth = replica.truth(rid)
        doc = html.fromstring(site.handle("GET", f"/request/{truth.url_title}").body)
        ids = []
        for block in doc.xpath(
            '//div[@id="left_column"]/div[contains(@class,"correspondence") or contains(@class,"comment_in_request")]'
        ):
            kind, _, number = block.get("id").partition("-")
            key = ({"comment": "annotation"}.get(kind, kind), int(number))
            if key not in ids:
                ids.append(key)
        assert ids == [(i.kind, i.id) for i in truth.page.items]


def test_truth_authors_match_the_header_text(replica):
    site = Site(replica)
    for rid in replica.listed_ids()[:80]:
        truth = replica.truth(rid)
        doc = html.fromstring(site.handle("GET", f"/request/{truth.url_title}").body)
        for item in truth.page.items:
            if item.kind != "incoming":
                continue
            header = doc.xpath(
                f'//div[@id="incoming-{item.id}"]//span[contains(@class,"correspondence__header__author")]'
            )[0]
            # The separator is a comma then a line break; authority names may hold commas.
            parts = re.split(r",\s*\n", header.text_content().strip(), maxsplit=1)
            name = parts[0].strip().rstrip(",")
            organisation = parts[1].strip() if len(parts) > 1 else None
            assert (name, organisation) == (item.author, item.author_organisation)


def test_letters_in_bodies_hold_nothing_the_site_would_fold(truths):
    """Alaveteli folds quotes, "Original Message" blocks and framed disclaimers; what the
    replica writes into a body must survive that untouched (its quoted parts are separate)."""
    from pipeline.parse.quotes import split_quoted

    bodies = [i.body for t in truths for i in t.page.items if i.kind == "incoming" and i.body]
    assert bodies and all(split_quoted(body) == (body, None) for body in bodies)


def test_letters_come_in_every_source_and_regime(truths):
    kinds = {(a.incoming_message_id, a.part): a.file_kind for t in truths for a in t.attachments}
    sources = {"body" if lt.part is None else kinds[(lt.incoming_message_id, lt.part)]
               for t in truths for lt in t.letters}  # fmt: skip
    assert sources >= {"body", "pdf", "image_pdf", "docx", "txt", "eml"}
    regimes = {lt.labels.regime for t in truths for lt in t.letters}
    assert regimes >= {"FOIA", "EIR", "FOISA"}
    reviews = {lt.labels.family.split("/")[1] for t in truths for lt in t.letters
               if lt.labels.kind == "internal_review_response" and "/" in lt.labels.family}  # fmt: skip
    assert reviews >= {"upheld", "partly_upheld", "overturned", "failure_to_respond"}
