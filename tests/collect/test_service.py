"""The real service, started as a trainer starts it, against what learners and others send.

Every hostile request gets its status and stable code, records nothing, and the service goes on
serving the next learner."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from generator.integrity.seeds import derived_seed
from servicekit import TOKEN, Service, make_course, raw_request


def recorded(course) -> int:
    return course.counts()[0]


def test_a_signed_file_is_recorded_once_and_the_copy_is_already_recorded(course):
    with Service(course) as service:
        document = course.answer_file()
        first = service.post(document)
        assert first.status_code == 200
        assert first.json() == {"status": "recorded", "quiz": "final", "attempt": 1}
        assert recorded(course) == 1
        again = service.post(document)
        assert again.json() == {"status": "already_recorded", "quiz": "final", "attempt": 1}
        # Re-saved by an editor: other spacing, CRLF, a BOM — the same attempt.
        resaved = b"\xef\xbb\xbf" + json.dumps(document, indent=4, ensure_ascii=False) \
            .replace("\n", "\r\n").encode()
        assert service.post(resaved).json()["status"] == "already_recorded"
        assert recorded(course) == 1


def hostile(course):
    """(name, request maker, status, code) for every refusal, each a file or request a learner
    or anyone else could send."""
    forged = course.answer_file()
    forged["answers"][0]["answer"] = "something-else"  # changed after signing
    off_roster = course.answer_file(learner="cs-999", code="7KQ2-M9XD-4")
    # Someone else's file, put under one's own id (seed made to match, so only the signature
    # can tell): the signature was made with the other learner's code.
    replay = course.answer_file(learner="cs-002")
    replay["learner"] = {"id": "cs-001"}
    replay["seed"] = derived_seed("cs-001", replay["quiz_version"], replay["attempt"])
    unsigned = course.answer_file()
    del unsigned["signature"]
    practice = course.answer_file(quiz_id="practice")
    never = course.answer_file()
    never["quiz_version"] = "0123456789abcdef"
    return [
        ("forged signature", lambda s: s.post(forged), 403, "bad_signature"),
        ("off-roster id", lambda s: s.post(off_roster), 403, "not_on_roster"),
        ("replay of another learner's file", lambda s: s.post(replay), 403, "bad_signature"),
        ("unsigned", lambda s: s.post(unsigned), 403, "not_signed"),
        ("practice quiz, no code", lambda s: s.post(practice), 403, "not_verified"),
        ("version never published", lambda s: s.post(never), 422, "unknown_version"),
        ("wrong content type", lambda s: s.post(course.answer_file(), "text/plain"), 415,
         "content_type"),
        ("form content type", lambda s: s.post(b"a=1", "application/x-www-form-urlencoded"),
         415, "content_type"),
        ("oversized, declared", lambda s: s.post(b" " * (1024 * 1024 + 1)), 413, "too_large"),
        ("oversized, chunked", lambda s: httpx.post(
            s.url + "/answers", content=iter([b" " * 600_000, b" " * 600_000]),
            headers={"Content-Type": "application/json"}), 413, "too_large"),
        ("malformed JSON", lambda s: s.post(b'{"format": "course-answers/2",'), 400,
         "malformed"),
        ("not an answer file", lambda s: s.post(b"[1, 2, 3]"), 400, "malformed"),
        ("duplicate key", lambda s: s.post(
            json.dumps(course.answer_file())[:-1].encode() + b', "quiz": "final"}'), 400,
         "malformed"),
        ("empty body", lambda s: s.post(b""), 400, "malformed"),
        ("GET on the answers address", lambda s: httpx.get(s.url + "/answers"), 405,
         "method_not_allowed"),
    ]


PATH_TRICKS = [
    (b"POST /answers/../trainer/roster HTTP/1.1", 404, "not_found"),
    (b"GET /answers/../trainer/results.csv HTTP/1.1", 404, "not_found"),
    (b"GET /%2e%2e/trainer/results.csv HTTP/1.1", 404, "not_found"),
    (b"GET //trainer/results.csv HTTP/1.1", 404, "not_found"),
    (b"GET /trainer/results.csv%00 HTTP/1.1", 404, "not_found"),
    (b"GET /trainer/results.csv HTTP/1.1", 401, "unauthorized"),
    # The server decodes %2f before routing: the address is the trainer's, and needs the token.
    (b"GET /trainer%2fresults.csv HTTP/1.1", 401, "unauthorized"),
    (b"GET /../../etc/passwd HTTP/1.1", 404, "not_found"),
    (b"GET /healthz/../../gradebook.sqlite HTTP/1.1", 404, "not_found"),
]


def test_hostile_requests_each_get_their_code_record_nothing_and_the_service_serves_on(course):
    with Service(course, "--body-seconds", "1") as service:
        for name, send, status, code in hostile(course):
            answer = send(service)
            assert (name, answer.status_code, answer.json()["error"]["code"]) == \
                (name, status, code)
            assert "Traceback" not in answer.text and str(course.folder) not in answer.text
        for line, status, code in PATH_TRICKS:
            got = raw_request(service.port, line + b"\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
            assert (line, got[0], got[1]["error"]["code"]) == (line, status, code)
        # Slow body: headers promise 200 bytes, which trickle in one a second.
        head = (b"POST /answers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 200\r\n\r\n")
        status, body = raw_request(service.port, head, (b"{",) * 5, pause=0.5)
        assert (status, body["error"]["code"]) == (408, "too_slow")
        assert recorded(course) == 0
        # Still serving, and the next learner is recorded.
        assert httpx.get(service.url + "/healthz").json() == {"status": "ok"}
        assert service.post(course.answer_file(learner="cs-002")).json()["status"] == "recorded"
        assert recorded(course) == 1
        log = service.log.read_text()
    # The log: one JSON object a line; no access code, signature or answer in it.
    lines = [json.loads(line) for line in log.splitlines()]
    refused = [line for line in lines if line.get("event") == "submission"
               and line["status"] >= 400]
    assert len(refused) == len(hostile(course)) - 1 + 1  # the GET is not a submission; + slow
    for code in course.codes.values():
        assert code not in log and code.replace("-", "") not in log
    assert course.answer_file()["signature"] not in log
    assert "something-else" not in log and "Traceback" not in log


def test_a_body_with_no_content_type_and_a_charset_variant(course):
    with Service(course) as service:
        answer = httpx.post(service.url + "/answers", content=b"{}")
        assert (answer.status_code, answer.json()["error"]["code"]) == (415, "content_type")
        ok = service.post(course.answer_file(), "application/json; charset=utf-8")
        assert ok.json()["status"] == "recorded"


def test_rate_limits_per_learner_and_per_address(course):
    with Service(course, "--learner-rate", "6/2", "--address-rate", "6/4") as service:
        codes = [service.post(course.answer_file(attempt=1)).status_code for _ in range(3)]
        assert codes == [200, 200, 429]
        limited = service.post(course.answer_file(attempt=1))
        assert limited.json()["error"]["code"] == "rate_limited"
        assert int(limited.headers["Retry-After"]) >= 1
        # Another learner from the same address: the address's bucket (4) is spent too.
        other = service.post(course.answer_file(learner="cs-002"))
        assert (other.status_code, other.json()["error"]["code"]) == (429, "rate_limited")
    assert recorded(course) == 1


def test_files_that_do_not_verify_never_spend_a_learners_limit(course):
    """Anyone can write an id into a body: only a file signed with that learner's code counts
    against their limit (default 20 a minute, bursts of 10), so others cannot lock them out."""
    with Service(course) as service:
        junk = {"learner": {"id": "cs-003"}, "format": "x"}
        answers = [service.post(junk) for _ in range(12)]
        assert [(a.status_code, a.json()["error"]["code"]) for a in answers] == \
            [(400, "malformed")] * 12
        forged = course.answer_file(learner="cs-003")
        forged["answers"][0]["answer"] = "something-else"  # changed after signing
        replay = course.answer_file(learner="cs-002")  # signed with cs-002's code
        replay["learner"] = {"id": "cs-003"}
        replay["seed"] = derived_seed("cs-003", replay["quiz_version"], replay["attempt"])
        refused = [service.post(document) for document in [forged, replay] * 6]
        assert {(a.status_code, a.json()["error"]["code"]) for a in refused} == \
            {(403, "bad_signature")}
        genuine = service.post(course.answer_file(learner="cs-003"))
        assert (genuine.status_code, genuine.json()["status"]) == (200, "recorded")
    assert recorded(course) == 1


def test_a_learners_own_files_spend_their_limit_and_the_rest_spend_the_address(course):
    # One a minute refills per address: over the test the address has its burst of 12 only.
    with Service(course, "--learner-rate", "6/2", "--address-rate", "1/12") as service:
        junk = {"learner": {"id": "cs-001"}, "format": "x"}
        assert [service.post(junk).status_code for _ in range(5)] == [400] * 5
        own = [service.post(course.answer_file()) for _ in range(3)]
        assert [a.status_code for a in own] == [200, 200, 429]
        assert own[-1].json()["error"]["message"].startswith(
            "too many submissions for this learner; try again in ")
        # 8 of the address's 12 spent, refused or not; junk for another learner spends it too.
        other = {"learner": {"id": "cs-002"}, "format": "x"}
        assert [service.post(other).status_code for _ in range(4)] == [400] * 4
        limited = service.post(other)
        assert (limited.status_code, limited.json()["error"]["message"][:38]) == \
            (429, "too many submissions from this address")
    assert recorded(course) == 1


def test_without_a_roster_every_submission_waits_for_one(tmp_path):
    course = make_course(tmp_path, f"{tmp_path}/gradebook.sqlite", roster=False)
    with Service(course) as service:
        answer = service.post(course.answer_file())
        assert (answer.status_code, answer.json()["error"]["code"]) == (503, "no_roster")
    assert recorded(course) == 0


def test_cors_allows_only_the_configured_origins(course):
    with Service(course, "--origin", "https://course.example.com") as service:
        allowed = httpx.options(service.url + "/answers", headers={
            "Origin": "https://course.example.com", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == "https://course.example.com"
        other = httpx.options(service.url + "/answers", headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in other.headers
        assert (other.status_code, other.json()["error"]["code"]) == (403, "origin_not_allowed")
        posted = service.post(course.answer_file(), headers={"Origin": "https://evil.example"})
        assert (posted.status_code, posted.json()["error"]["code"]) == \
            (403, "origin_not_allowed")
        ok = service.post(course.answer_file(), headers={"Origin": "https://course.example.com"})
        assert ok.json()["status"] == "recorded"
        assert ok.headers["access-control-allow-origin"] == "https://course.example.com"


def test_trainer_endpoints_need_the_token(course):
    with Service(course) as service:
        service.post(course.answer_file())
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        report = httpx.get(service.url + "/trainer/report", headers=bearer)
        assert report.status_code == 200 and "王芳" in report.text
        csv = httpx.get(service.url + "/trainer/results.csv", headers=bearer)
        assert csv.text.startswith("\ufeff") and "王芳" in csv.text
        roster = "id,name\ncs-001,王芳\ncs-004,赵敏\n".encode()
        imported = httpx.post(service.url + "/trainer/roster", content=roster, headers=bearer)
        assert imported.json() == {"status": "imported", "added": 1, "updated": 0,
                                   "unchanged": 1, "without_code": 1, "encoding": "UTF-8"}
        bad = httpx.post(service.url + "/trainer/roster", content=b"id,name\n", headers=bearer)
        assert (bad.status_code, bad.json()["error"]["code"]) == (400, "bad_roster")
        for path in ("/trainer/report", "/trainer/results.csv"):
            assert httpx.get(service.url + path).status_code == 401
            wrong = httpx.get(service.url + path, headers={"Authorization": "Bearer nope"})
            assert wrong.json()["error"]["code"] == "unauthorized"
        assert httpx.post(service.url + "/trainer/roster", content=roster).status_code == 401
        # Guessing the token: five wrong ones from an address were answered 401 just above;
        # from then on 429 with Retry-After (one a minute).
        guesses = [httpx.get(service.url + "/trainer/report",
                             headers={"Authorization": f"Bearer guess-{n}"}) for n in range(3)]
        assert [g.status_code for g in guesses] == [429, 429, 429]
        assert guesses[-1].json()["error"]["code"] == "rate_limited"
        assert 1 <= int(guesses[-1].headers["Retry-After"]) <= 60


def test_a_locked_out_address_is_refused_even_the_right_token_until_the_lockout_ends(course):
    # Five wrong tokens, then locked until one refills: 20 a minute, so 3 s here (default 60 s).
    with Service(course, "--trainer-guesses", "20/5") as service:
        report = service.url + "/trainer/report"
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        wrong = [httpx.get(report, headers={"Authorization": f"Bearer guess-{n}"})
                 for n in range(6)]
        assert [w.status_code for w in wrong] == [401] * 5 + [429]
        # The right token now tells nothing a wrong one does not: same status, same body.
        right = httpx.get(report, headers=bearer)
        assert (right.status_code, right.json()) == (429, {"error": {
            "code": "rate_limited", "message": "too many wrong trainer tokens from this "
            f"address; try again in {right.headers['Retry-After']} s"}})
        assert 1 <= int(right.headers["Retry-After"]) <= 3
        roster = httpx.post(service.url + "/trainer/roster", content=b"id,name\n",
                            headers=bearer)
        assert roster.status_code == 429 and "Retry-After" in roster.headers
        # Another address (the trainer's office, say) is not locked out.
        with httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2")) as other:
            assert other.get(report, headers=bearer).status_code == 200
        time.sleep(int(right.headers["Retry-After"]) + 0.2)
        assert httpx.get(report, headers=bearer).status_code == 200


def test_without_a_token_the_trainer_endpoints_do_not_exist(course):
    with Service(course, token=None) as service:
        answer = httpx.get(service.url + "/trainer/report",
                           headers={"Authorization": "Bearer anything"})
        assert (answer.status_code, answer.json()["error"]["code"]) == (404, "not_found")


@pytest.mark.parametrize("token", ["short"])
def test_a_short_token_is_refused_at_start(course, token):
    from desktools import course as run

    result = run("collect", "-f", str(course.config), "--db", course.db,
                 "--trainer-token", token)
    assert result.returncode == 2
    assert result.stderr.startswith("course collect: the trainer token is too short")
