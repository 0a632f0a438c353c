"""generator.desk.certificates: who earned one, codes, and the printable page."""

from __future__ import annotations

import datetime
import re

from answerkit import fixture_quiz
from desktools import stored
from generator.desk.certificates import (
    ALPHABET,
    earned_certificates,
    file_name,
    new_code,
    normalise_code,
    render_certificate,
    render_index,
)
from generator.desk.gradebook import CertificateRecord

FINAL = fixture_quiz("final")
PRACTICE = fixture_quiz("practice")
EVIL = "<script>alert(1)</script>"


def final(attempt_id, learner, points, day, name=None):
    return stored(attempt_id, learner, "final", [("final-one", points, 1, (), None),
                                                 ("final-two", 1, 1, (), None)],
                  submitted=datetime.datetime(2026, 11, day, 23, 30), name=name)


def test_only_learners_who_passed_every_required_quiz_earn_one():
    attempts = [
        final(1, "ann", 0, 10), final(2, "ann", 1, 12), final(3, "ann", 0, 14),  # passed once
        stored(4, "bob", "final", [("final-one", 0, 1, (), None), ("final-two", 0, 1, (), None)]),
        stored(5, "cat", "practice", [("pick-one", 1, 1, (), None)]),  # no required quiz taken
    ]
    earned = earned_certificates(attempts, [FINAL])
    assert [(e.learner_key, e.completed_on, e.scores) for e in earned] == [
        ("name:ann", datetime.date(2026, 11, 10),
         ({"quiz": "final", "title": "结业考核", "percent": 100},))]


def test_two_required_quizzes_both_needed_and_the_date_is_the_last_first_pass():
    required = [PRACTICE, FINAL]
    only_final = [final(1, "ann", 1, 10)]
    assert earned_certificates(only_final, required) == []
    both = only_final + [stored(2, "ann", "practice", [("pick-one", 1, 1, (), None)],
                                submitted=datetime.datetime(2026, 11, 15, 9, 0))]
    [earned] = earned_certificates(both, required)
    assert earned.completed_on == datetime.date(2026, 11, 15)
    assert [s["quiz"] for s in earned.scores] == ["practice", "final"]


def test_dates_are_shown_in_the_trainer_s_time_zone():
    beijing = datetime.timezone(datetime.timedelta(hours=8))
    [earned] = earned_certificates([final(1, "ann", 1, 10)], [FINAL], tz=beijing)
    assert earned.completed_on == datetime.date(2026, 11, 11)  # 23:30 UTC is 07:30 next day


def test_no_required_quiz_means_no_certificates():
    assert earned_certificates([final(1, "ann", 1, 10)], []) == []


def test_the_name_on_the_certificate_is_the_latest_one():
    attempts = [final(1, "ann", 1, 10, name="Ann"), final(2, "ann", 0, 12, name="Ann Lee")]
    assert earned_certificates(attempts, [FINAL])[0].learner_name == "Ann Lee"


def test_the_date_is_when_the_grader_first_recorded_the_pass_never_the_file_s():
    # The file claims 9999-12-31 (before: certificates crashed under TZ=Asia/Shanghai, and the
    # learner chose the date); the grader recorded it on 2026-11-25.
    attempt = stored(1, "ann", "final", [("final-one", 1, 1, (), None)],
                     submitted=datetime.datetime(9999, 12, 31, 23, 59, 59),
                     graded=datetime.datetime(2026, 11, 25, 17, 0))
    beijing = datetime.timezone(datetime.timedelta(hours=8))
    [earned] = earned_certificates([attempt], [FINAL], tz=beijing)
    assert earned.completed_on == datetime.date(2026, 11, 26)
    assert earned.attempts == ("h1",)


def test_with_a_roster_only_verified_passes_count_and_the_roster_names_the_learner():
    from dataclasses import replace

    from generator.desk.roster import RosterEntry

    roster = {"cs-017": RosterEntry("CS-017", "王小明")}
    typed = replace(final(1, "x", 1, 10, name="冒名"), learner_key="id:cs-017")
    assert earned_certificates([typed], [FINAL], roster=roster) == []
    signed = replace(typed, id=2, content_hash="h2", identity_verified=True)
    [earned] = earned_certificates([typed, signed], [FINAL], roster=roster)
    assert (earned.learner_name, earned.attempts, earned.identity_verified) == (
        "王小明", ("h2",), True)


def test_after_a_revocation_only_passes_recorded_later_count():
    passes = [final(1, "ann", 1, 10), final(2, "ann", 1, 20)]
    revoked_on = datetime.datetime(2026, 11, 15, 0, 0)
    [earned] = earned_certificates(passes, [FINAL], revoked={"name:ann": revoked_on})
    assert earned.attempts == ("h2",) and earned.completed_on == datetime.date(2026, 11, 20)
    assert earned_certificates(passes[:1], [FINAL], revoked={"name:ann": revoked_on}) == []


def test_codes_are_random_grouped_and_in_an_unambiguous_alphabet():
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
        assert set(code.replace("-", "")) <= set(ALPHABET)
        assert not set(code) & set("ILOU")


def test_codes_as_typed_are_normalised():
    assert normalise_code(" abcd efgh-jkmn ") == "ABCD-EFGH-JKMN"
    assert normalise_code("o0il-1111-2222") == "0011-1111-2222"


def record(name="张三"):
    return CertificateRecord("7KQ2-M9XD-4TFA", "name:x", name, "退款实务测试课",
                             datetime.date(2026, 11, 20),
                             ({"quiz": "final", "title": "结业考核", "percent": 95},),
                             datetime.datetime(2026, 11, 26, 9, 0))


def test_the_certificate_page():
    page = render_certificate(record(), "zh")
    assert "@page { size: A4 landscape; margin: 0; }" in page
    assert '"Noto Serif CJK SC", "Source Han Serif SC"' in page and "serif;" in page
    assert '"Noto Sans CJK SC"' in page
    for text in ("退款实务测试课", "结业证书", "兹证明", "张三", "已完成《退款实务测试课》的全部必修考核",
                 "结业考核</th><td>95%", "2026-11-20", "7KQ2-M9XD-4TFA",
                 "course verify 7KQ2-M9XD-4TFA"):
        assert text in page, text


def test_an_unverified_certificate_says_so_and_a_verified_one_does_not():
    from dataclasses import replace

    line = "身份未核实：颁发时没有学员名单，姓名为学员自己填写。"
    assert line in render_certificate(record(), "zh")
    assert line not in render_certificate(replace(record(), identity_verified=True), "zh")


def test_bidi_controls_in_a_name_are_shown_not_obeyed():
    page = render_certificate(record("Ann\u202enimda"), "zh")
    assert "\u202e" not in page and "Ann\\u202enimda" in page


def test_the_certificate_loads_nothing_and_escapes_the_name():
    page = render_certificate(record(EVIL), "zh")
    assert EVIL not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "http" not in page and "url(" not in page and "@import" not in page
    assert "<script" not in page and "<link" not in page


def test_english_certificates():
    page = render_certificate(record("Ann"), "en")
    assert "Certificate of completion" in page and "has passed every required assessment" in page


def test_the_index_links_each_certificate_by_code():
    page = render_index([record(EVIL)], "zh", "退款实务测试课")
    assert f'href="{file_name(record())}"' in page and file_name(record()) == (
        "certificate-7KQ2-M9XD-4TFA.html")
    assert EVIL not in page


def test_an_index_with_no_certificates_says_why():
    page = render_index([], "zh", "退款实务测试课")
    assert "<ol>" not in page
    assert "<p>还没有学员通过全部必修测验，所以这里还没有证书。</p>" in page
