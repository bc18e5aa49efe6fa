"""The two real seed letters yield every fact in ../shared/seeds/expected.yaml."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from pipeline.letters import LetterAnalysis, analyse_letter

CAFCASS = "000_a606fe6cd98a2e63.txt"
OFSTED = "003_817456e370e336f1.txt"


@pytest.fixture(scope="module")
def expected(seeds_dir: Path) -> dict[str, Any]:
    return yaml.safe_load((seeds_dir / "expected.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def analyses(seeds_dir: Path) -> dict[str, LetterAnalysis]:
    return {
        name: analyse_letter((seeds_dir / name).read_text("utf-8")) for name in (CAFCASS, OFSTED)
    }


@pytest.mark.parametrize("name", [CAFCASS, OFSTED])
def test_wdtk_request_id(name: str, expected: dict, analyses: dict) -> None:
    assert analyses[name].wdtk_request_id.value == expected[name]["wdtk_request_id"]


@pytest.mark.parametrize("name", [CAFCASS, OFSTED])
def test_letter_date(name: str, expected: dict, analyses: dict) -> None:
    assert analyses[name].letter_date.value == expected[name]["letter_date"]


@pytest.mark.parametrize("name", [CAFCASS, OFSTED])
def test_letter_kind(name: str, expected: dict, analyses: dict) -> None:
    assert analyses[name].kind.value == expected[name]["letter_kind"]


@pytest.mark.parametrize("name", [CAFCASS, OFSTED])
def test_outcome(name: str, expected: dict, analyses: dict) -> None:
    assert analyses[name].outcome.value == expected[name]["outcome"]


@pytest.mark.parametrize("name", [CAFCASS, OFSTED])
def test_provisions_cited(name: str, expected: dict, analyses: dict) -> None:
    assert analyses[name].provisions == expected[name]["provisions_cited"]


@pytest.mark.parametrize("name", [CAFCASS, OFSTED])
def test_information_held(name: str, expected: dict, analyses: dict) -> None:
    assert analyses[name].information_held.value is expected[name]["information_held"]


@pytest.mark.parametrize("name", [CAFCASS, OFSTED])
def test_ico_signposted(name: str, expected: dict, analyses: dict) -> None:
    assert analyses[name].ico_signposted.value is expected[name]["ico_signposted"]


@pytest.mark.parametrize("name", [CAFCASS, OFSTED])
def test_authority(name: str, expected: dict, analyses: dict) -> None:
    assert analyses[name].authority.value == expected[name]["authority"]


@pytest.mark.parametrize("name", [CAFCASS, OFSTED])
def test_addressed_to(name: str, expected: dict, analyses: dict) -> None:
    assert analyses[name].addressed_to.value == expected[name]["addressed_to"]


@pytest.mark.parametrize(
    ("name", "role", "side"),
    [
        (CAFCASS, "yours", "requester_side"),
        (CAFCASS, "ours", "authority_side"),
        (OFSTED, "ours", "authority_side"),
    ],
)
def test_reference(name: str, role: str, side: str, expected: dict, analyses: dict) -> None:
    values = [r.value for r in analyses[name].references if r.role == role]
    assert values == [expected[name]["references"][side]]


def test_cafcass_review_requested_on(expected: dict, analyses: dict) -> None:
    assert (
        analyses[CAFCASS].review_requested_on.value == expected[CAFCASS]["review"]["requested_on"]
    )


def test_cafcass_original_response_on(expected: dict, analyses: dict) -> None:
    assert (
        analyses[CAFCASS].original_response_on.value
        == expected[CAFCASS]["review"]["original_response_on"]
    )


def test_cafcass_review_outcome(expected: dict, analyses: dict) -> None:
    assert analyses[CAFCASS].review_outcome.value == expected[CAFCASS]["review"]["outcome"]


def test_cafcass_reviewer_role(expected: dict, analyses: dict) -> None:
    assert analyses[CAFCASS].reviewer_role.value == expected[CAFCASS]["review"]["reviewer_role"]


def test_ofsted_questions_in_request(expected: dict, analyses: dict) -> None:
    assert analyses[OFSTED].questions_in_request.value == expected[OFSTED]["questions_in_request"]


def test_ofsted_discloses_nothing(expected: dict, analyses: dict) -> None:
    assert analyses[OFSTED].disclosed == expected[OFSTED]["disclosed"]


def test_ofsted_offers_internal_review(expected: dict, analyses: dict) -> None:
    assert (
        analyses[OFSTED].internal_review_offered.value
        is expected[OFSTED]["internal_review_offered"]
    )


def test_ofsted_s16_evidence_is_the_footnote(seeds_dir: Path, analyses: dict) -> None:
    text = (seeds_dir / OFSTED).read_text("utf-8")
    citation = next(c for c in analyses[OFSTED].citations if c.citation == "FOIA s16")
    assert text[citation.evidence.start : citation.evidence.end] == "Section 16"


def test_cafcass_review_outcome_evidence_is_the_upheld_sentence(analyses: dict) -> None:
    assert analyses[CAFCASS].review_outcome.evidence.text == (
        "response to your Freedom of Information request is therefore upheld"
    )


def test_letter_date_is_a_date(analyses: dict) -> None:
    assert analyses[CAFCASS].letter_date.value == date(2019, 1, 31)
