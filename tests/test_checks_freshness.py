"""generator.checks.freshness: review dates and sources."""



from coursefolder import lesson, make_course, problems
from coursefolder import load_checked as load


def test_stale_review_dates_are_warnings(here):
    make_course(here, lessons={"rules/refund-rules": lesson().replace("2026-11-20", "2026-01-02")},
                extra={"content/policies.yml": (
                    "policies:\n  no_reason_days:\n    label: 期限\n    value: 7 天\n"
                    "    as_of: 2025-01-01\n    source:\n      title: 消保法\n")})
    loaded = load(here)
    assert [str(w) for w in loaded.warnings] == [
        "content/policies.yml:5:12: warning: policy 'no_reason_days' was last checked on "
        "2025-01-01, more than 180 days ago — re-read the current rules and update the date",
        "content/rules/refund-rules.yml:15:14: warning: lesson was last checked on 2026-01-02, "
        "more than 180 days ago — re-read the current rules and update the date",
    ]
    assert load(here, stale_after_days=400).warnings[1:] == []


def test_review_date_in_the_future_is_an_error(here):
    make_course(here, lessons={"rules/refund-rules": lesson().replace("2026-11-20", "2027-01-01")})
    assert problems(here) == [
        "content/rules/refund-rules.yml:15:14: lesson date 2027-01-01 is in the future — "
        "write the date the check was done"]


def test_lesson_without_sources_is_a_warning(here):
    text = lesson().replace("sources:\n  - title: 《消费者权益保护法》第二十五条\n", "")
    make_course(here, lessons={"rules/refund-rules": text})
    assert [str(w) for w in load(here).warnings] == [
        "content/rules/refund-rules.yml:1:1: warning: lesson has no sources — add `sources:` "
        "naming the rules or laws it is based on"]
