"""Past one process: two services on one PostgreSQL gradebook, and a service killed with
SIGKILL under load. Whatever a learner's page was told was recorded is in the gradebook, and
nothing is in it twice."""

from __future__ import annotations

import concurrent.futures
import threading
import time

import httpx

from servicekit import TOKEN, Service, attempt_hash, make_course, postgres_url

UNLIMITED = ("--learner-rate", "0", "--address-rate", "0")


def test_two_processes_on_one_postgresql_gradebook_record_each_file_once(tmp_path):
    with postgres_url() as url:
        course = make_course(tmp_path, url, more_learners=30)
        files = [course.answer_file(learner=learner, attempt=attempt)
                 for learner in list(course.codes)[3:] for attempt in (1, 2)]
        with Service(course, *UNLIMITED) as one, Service(course, *UNLIMITED) as two:
            # Every file sent to both processes at once: one records it, the other finds it.
            with concurrent.futures.ThreadPoolExecutor(16) as pool:
                answers = list(pool.map(lambda pair: outcome(pair[0].post(pair[1])),
                                        [(service, document) for document in files
                                         for service in (one, two)]))
            statuses = [tuple(sorted(answers[i:i + 2])) for i in range(0, len(answers), 2)]
            assert set(statuses) == {("already_recorded", "recorded")}
            assert sorted(course.hashes()) == sorted(attempt_hash(d) for d in files)
            # A roster uploaded through one process is the other's at once: nothing is kept
            # in a process that matters.
            roster = "id,name\nnew-1,新学员\n".encode()
            bearer = {"Authorization": f"Bearer {TOKEN}"}
            httpx.post(one.url + "/trainer/roster", content=roster, headers=bearer)
            with course.book() as book:
                book.set_codes({"new-1": "7KQ2-M9XD-T"})
            course.codes["new-1"] = "7KQ2-M9XD-T"
            answer = two.post(course.answer_file(learner="new-1"))
            assert answer.json()["status"] == "recorded"


def outcome(answer) -> str:
    body = answer.json()
    return body.get("status") or body["error"]["code"]


class Learners:
    """Simulated pages: each submits its file until the service acknowledges it, retrying after
    a network failure or a 5xx, as collect.js does on the next page load."""

    def __init__(self, service_url: str, files: list[dict]):
        self.url = service_url
        self.files = files
        self.acknowledged: dict[int, str] = {}  # file index → status the page was told
        self.failures = 0
        self.lock = threading.Lock()

    def submit(self, index: int, deadline: float) -> None:
        with httpx.Client(timeout=10) as client:
            while time.monotonic() < deadline:
                try:
                    answer = client.post(self.url + "/answers", json=self.files[index])
                except httpx.HTTPError:
                    answer = None
                if answer is not None and answer.status_code == 200:
                    with self.lock:
                        self.acknowledged[index] = answer.json()["status"]
                    return
                with self.lock:
                    self.failures += 1
                time.sleep(0.2)


def kill_under_load(course, tmp_path, report) -> None:
    files = [course.answer_file(learner=learner, attempt=attempt)
             for learner in list(course.codes)[3:] for attempt in (1, 2, 3)]
    service = Service(course, *UNLIMITED)
    learners = Learners(service.url, files)
    deadline = time.monotonic() + 120
    with concurrent.futures.ThreadPoolExecutor(24) as pool:
        futures = [pool.submit(learners.submit, i, deadline) for i in range(len(files))]
        while len(learners.acknowledged) < len(files) // 4:
            time.sleep(0.01)
        service.kill()  # SIGKILL: no shutdown, no flush; transactions in flight are cut
        at_kill = dict(learners.acknowledged)
        # Everything acknowledged before the kill is in the gradebook, as it was told.
        assert {attempt_hash(files[i]) for i in at_kill} <= set(course.hashes())
        time.sleep(0.5)
        service = Service(course, *UNLIMITED, port=service.port)
        try:
            for future in futures:
                future.result()
        finally:
            service.stop()
    hashes = course.hashes()
    report.update(files=len(files), acknowledged_before_kill=len(at_kill),
                  failed_tries=learners.failures, recorded=len(hashes),
                  told_already=sum(1 for s in learners.acknowledged.values()
                                   if s == "already_recorded"))
    assert len(learners.acknowledged) == len(files)  # every page was told, in the end
    assert len(hashes) == len(set(hashes))  # none twice
    assert sorted(hashes) == sorted(attempt_hash(d) for d in files)  # each exactly once


def test_kill_9_under_load_sqlite(tmp_path, record_property):
    course = make_course(tmp_path, f"{tmp_path}/gradebook.sqlite", more_learners=60)
    report: dict = {}
    kill_under_load(course, tmp_path, report)
    print("kill -9 under load (SQLite):", report)
    record_property("kill9_sqlite", report)


def test_kill_9_under_load_postgresql(tmp_path, record_property):
    with postgres_url() as url:
        course = make_course(tmp_path, url, more_learners=60)
        report: dict = {}
        kill_under_load(course, tmp_path, report)
    print("kill -9 under load (PostgreSQL):", report)
    record_property("kill9_postgresql", report)


def test_a_gradebook_that_fails_is_a_503_the_page_retries(tmp_path):
    from sqlalchemy import create_engine, text

    from generator.desk.gradebook import database_url

    with postgres_url() as url:
        course = make_course(tmp_path, url)
        with Service(course) as service:
            engine = create_engine(database_url(url))
            with engine.begin() as conn:  # the tables vanish under the running service
                conn.execute(text("alter table attempts rename to attempts_away"))
            answer = service.post(course.answer_file())
            assert (answer.status_code, answer.json()["error"]["code"]) == (503, "unavailable")
            assert "attempts" not in answer.text and "Traceback" not in answer.text
            with engine.begin() as conn:
                conn.execute(text("alter table attempts_away rename to attempts"))
            engine.dispose()
            # Back: the page's retry lands.
            assert service.post(course.answer_file()).json()["status"] == "recorded"
            lines = service.log_lines()
        assert [line["error"] for line in lines if line["event"] == "gradebook unavailable"] \
            == ["ProgrammingError"]
        assert course.counts()[0] == 1
