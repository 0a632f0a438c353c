"""The service's pure parts: rates, buckets, log lines, refusal codes, the CORS allow-list, the
plugin's collect options."""

from __future__ import annotations

import json
import logging

import pytest

from generator.collect.commands import allowed_origins
from generator.collect.intake import learner_of, refusal
from generator.collect.limits import Rate, RateLimiter
from generator.collect.logs import JsonLines, safe_reason
from generator.desk.batch import NOT_VERIFIED


def test_a_rate_is_per_minute_with_an_optional_burst():
    assert Rate.parse("60/10") == Rate(60, 10)
    assert Rate.parse("30") == Rate(30, 30)
    assert Rate.parse("0").unlimited
    with pytest.raises(ValueError) as error:
        Rate.parse("fast")
    assert str(error.value) == ("'fast' is not a rate; write REQUESTS_PER_MINUTE or "
                                "REQUESTS_PER_MINUTE/BURST, e.g. 60/20 (0: no limit)")


def test_a_bucket_allows_the_burst_then_refills_at_the_rate():
    now = [0.0]
    limiter = RateLimiter(Rate(60, 2), clock=lambda: now[0])  # one a second, two at once
    assert [limiter.take("a"), limiter.take("a")] == [0.0, 0.0]
    assert limiter.take("a") == pytest.approx(1.0)
    assert limiter.take("b") == 0.0  # each key its own bucket
    now[0] = 1.0
    assert limiter.take("a") == 0.0
    assert limiter.take("a") > 0


def test_waiting_spends_nothing_and_charges_may_run_one_burst_into_debt():
    now = [0.0]
    limiter = RateLimiter(Rate(60, 2), clock=lambda: now[0])
    assert [limiter.wait("a") for _ in range(5)] == [0.0] * 5  # looking spends nothing
    limiter.charge("a")
    limiter.charge("a")
    assert limiter.wait("a") == pytest.approx(1.0)
    assert limiter.take("a") == pytest.approx(1.0)  # refused: spends nothing either
    # Requests let in together before any was charged are all paid for, down to one burst of
    # debt: empty minus two, three seconds to one token.
    for _ in range(5):
        limiter.charge("a")
    assert limiter.wait("a") == pytest.approx(3.0)
    assert limiter.wait("b") == 0.0
    now[0] = 3.0
    assert limiter.take("a") == 0.0 and limiter.wait("a") > 0


def test_idle_keys_are_forgotten_when_there_are_too_many():
    now = [0.0]
    limiter = RateLimiter(Rate(60, 1), clock=lambda: now[0])
    limiter.MAX_KEYS = 3
    for key in "abc":
        limiter.take(key)
    now[0] = 10.0  # all refilled
    limiter.take("d")
    assert set(limiter.buckets) == {"d"}


def test_a_log_line_is_one_json_line_even_for_a_hostile_learner_id():
    record = logging.LogRecord("course.collect", logging.WARNING, "", 0, "submission", None,
                               None)
    record.fields = {"learner": "cs-1\n{\"forged\": 1}\x1b[2J", "status": 403}
    line = JsonLines().format(record)
    assert "\n" not in line and "\x1b" not in line
    assert json.loads(line)["learner"] == "cs-1\n{\"forged\": 1}\x1b[2J"


def test_a_refusal_naming_an_answer_is_logged_without_it():
    assert safe_reason("answers[3].answer: expected true/false, got 'secret'") == \
        "answers[3].answer: (answer content not logged)"
    assert safe_reason("quiz version x was never published") == \
        "quiz version x was never published"


@pytest.mark.parametrize("message, expected", [
    ("learner.id 'x' is not on the roster; check the id", (403, "not_on_roster")),
    ("the signature does not match the access code of learner 'x'", (403, "bad_signature")),
    ("not signed: this quiz asks for an access code", (403, "not_signed")),
    ("learner 'x' has no access code yet, so the file", (403, "no_code")),
    (NOT_VERIFIED, (403, "not_verified")),
    ("seed 5 is not the seed of learner 'x', attempt 1", (422, "bad_seed")),
    ("quiz version 0123 was never published from this course", (422, "unknown_version")),
    ("unknown quiz 'x'; this course has: final", (422, "unknown_quiz")),
    ("learner 'x' has already used 3 of 3 attempts at quiz 'final'", (409, "attempts_used")),
    ("started_at 2026-01-01T00:00:00Z is before this quiz version", (422, "refused")),
])
def test_the_desks_reasons_map_to_stable_codes(message, expected):
    assert refusal(message) == expected


def test_the_learner_a_body_claims_is_read_cheaply():
    assert learner_of(b'{"learner": {"id": " CS-017 "}, "answers": []}') == "cs-017"
    assert learner_of(b'{"learner": {"name": "x"}}') is None
    assert learner_of(b"not json") is None
    assert learner_of(b'{"learner": {"id": 5}}') is None
    # As the desk reads it: a BOM (a file re-saved in Notepad) does not hide the learner.
    assert learner_of(b'\xef\xbb\xbf{"learner": {"id": "cs-017"}}') == "cs-017"


def test_the_cors_allow_list_defaults_to_the_sites_origin():
    assert allowed_origins([], "https://course.example.com/shop/", []) == \
        ["https://course.example.com"]
    assert allowed_origins(["https://a.example/"], "https://course.example.com/",
                           ["http://127.0.0.1:8000"]) == ["https://a.example",
                                                          "http://127.0.0.1:8000"]
    assert allowed_origins([], None, []) == []


@pytest.mark.parametrize("option, expected", [
    ("collect_url: collect.example.com",
     "mkdocs.yml:3:20: course plugin option 'collect_url' must be an address starting with "
     "https://, not 'collect.example.com' — for example: collect_url: "
     "https://collect.example.com/"),
    ("collect_origins: [https://course.example.com/shop]",
     "mkdocs.yml:3:24: course plugin option 'collect_origins' must list sites as "
     "scheme://host[:port], not 'https://course.example.com/shop' — for example: "
     "collect_origins: [https://course.example.com]"),
])
def test_the_collect_options_are_checked_where_they_are_written(tmp_path, option, expected):
    from generator.errors import AuthorError
    from generator.project import find_project

    (tmp_path / "content").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"plugins:\n  - course:\n      {option}\n", encoding="utf-8")
    with pytest.raises(AuthorError) as error:
        find_project(config)
    assert [str(p).replace(str(tmp_path) + "/", "") for p in error.value.problems] == [expected]


def test_pages_opened_from_disk_may_be_allowed_by_name(tmp_path):
    from generator.project import find_project

    (tmp_path / "content").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text('plugins:\n  - course:\n      collect_url: https://c.example/\n'
                      '      collect_origins: [https://course.example, "null"]\n',
                      encoding="utf-8")
    project = find_project(config)
    assert (project.collect_url, project.collect_origins) == \
        ("https://c.example/", ("https://course.example", "null"))
