/* SCORM 1.2 reporting for the course's quizzes. Shipped only in the `<slug>-scorm12.zip` build.
 *
 * The package's entry point is `launch.html`: it holds the one LMS session (LMSInitialize when it
 * opens, LMSFinish when it closes) and shows the course in a frame, where the learner moves from
 * page to page. Why not a session per page: after LMSFinish an LMS refuses a new LMSInitialize,
 * so in a course of many pages the second page could report nothing.
 *
 * Course pages listen for the quiz widget's events (capture phase: whether or not they bubble)
 * and hand them to the launch page:
 * - `quiz:graded` (practice quiz scored): cmi.core.score.raw 0–100 with score.min 0 / max 100,
 *   cmi.core.lesson_status passed or failed against the quiz's pass mark (completed when the
 *   quiz has none), and the quiz as an objective (cmi.objectives.n, id = quiz id), then commit;
 * - `quiz:answers` (assessment answer file written; it is graded later, from that file):
 *   lesson_status completed unless a pass or fail is already recorded, then commit.
 * The LMS keeps one score per package: the last quiz graded. Each quiz's own result stays in its
 * objective.
 *
 * Who the learner is: the LMS says (cmi.core.student_id), and `courseScorm.learnerId()` hands it
 * to the quiz widget, which fills the staff id in on quizzes that ask for id and access code. The
 * seed, the paper and the signed answer file are then made exactly as on the site (the seed from
 * the id, the quiz version and the attempt), so the grading desk replays them the same way; the
 * learner still types the access code, which only the desk can check.
 *
 * A page opened inside an LMS without the launch page runs a session of its own. With no LMS at
 * all nothing happens and nothing is logged: the course behaves exactly as the plain site.
 */
(function () {
  "use strict";
  if (window.courseScorm) return; // once per document (instant navigation keeps the document)

  var SEARCH_LIMIT = 10; // frames to climb; the SCORM 1.2 sample code gives up after 7

  // The `API` object of the first window up the frame chain (then the opener's) that has one.
  function findApi() {
    return climb(window, function (win) { return win.API; }) ||
      (window.opener ? climb(window.opener, function (win) { return win.API; }) : null);
  }

  // The launch page's session, when this page is shown inside it.
  function findLauncher() {
    if (window.parent === window) return null;
    return climb(window.parent, function (win) {
      return win.courseScorm && win.courseScorm.launcher ? win.courseScorm : null;
    });
  }

  function climb(win, pick) {
    for (var level = 0; win && level < SEARCH_LIMIT; level++) {
      var found = null;
      try { found = pick(win); } catch (error) { return null; } // another origin: stop there
      if (found) return found;
      if (win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  // Round half up, as the Python grader's `percent` does.
  function percent(detail) {
    var share = typeof detail.score === "number" ? detail.score
      : (detail.maxPoints > 0 ? detail.points / detail.maxPoints : 0);
    return Math.min(100, Math.max(0, Math.floor(share * 100 + 0.5)));
  }

  // SCORM 1.2 CMITimespan: HHHH:MM:SS.
  function timespan(milliseconds) {
    var seconds = Math.max(0, Math.round(milliseconds / 1000));
    function two(n) { return (n < 10 ? "0" : "") + n; }
    var hours = Math.floor(seconds / 3600);
    return ("000" + hours).slice(-4) + ":" + two(Math.floor(seconds / 60) % 60) + ":" + two(seconds % 60);
  }

  function Session(api) {
    this.api = api;
    this.open = false;
    this.startedAt = Date.now();
    this.objectives = {};
  }

  Session.prototype.call = function (name, args) {
    var result = String(this.api[name].apply(this.api, args));
    if (result !== "true" && name !== "LMSGetValue") {
      var code = this.api.LMSGetLastError ? this.api.LMSGetLastError() : "?";
      console.warn("SCORM: " + name + "(" + args.join(", ") + ") failed, error " + code);
    }
    return result;
  };
  Session.prototype.get = function (element) { return this.call("LMSGetValue", [element]); };
  Session.prototype.set = function (element, value) { return this.call("LMSSetValue", [element, String(value)]); };
  Session.prototype.commit = function () { return this.call("LMSCommit", [""]); };

  Session.prototype.start = function () {
    if (this.call("LMSInitialize", [""]) !== "true") return false;
    this.open = true;
    var status = this.get("cmi.core.lesson_status");
    if (status === "not attempted" || status === "") {
      this.set("cmi.core.lesson_status", "incomplete");
      this.commit();
    }
    return true;
  };

  Session.prototype.graded = function (detail) {
    if (!this.open) return;
    var raw = percent(detail);
    var status = detail.passed === true ? "passed" : detail.passed === false ? "failed" : "completed";
    this.set("cmi.core.score.min", 0);
    this.set("cmi.core.score.max", 100);
    this.set("cmi.core.score.raw", raw);
    this.set("cmi.core.lesson_status", status);
    var n = this.objective(detail.quiz);
    if (n !== null) {
      var prefix = "cmi.objectives." + n + ".";
      this.set(prefix + "score.min", 0);
      this.set(prefix + "score.max", 100);
      this.set(prefix + "score.raw", raw);
      this.set(prefix + "status", status);
    }
    this.commit();
  };

  Session.prototype.answered = function (detail) {
    if (!this.open) return;
    var status = this.get("cmi.core.lesson_status");
    if (status !== "passed" && status !== "failed") this.set("cmi.core.lesson_status", "completed");
    var n = this.objective(detail.quiz);
    if (n !== null) this.set("cmi.objectives." + n + ".status", "completed");
    this.commit();
  };

  // The objective recording this quiz: found by id (from an earlier session too), else added.
  Session.prototype.objective = function (quizId) {
    if (!quizId) return null;
    if (Object.prototype.hasOwnProperty.call(this.objectives, quizId)) return this.objectives[quizId];
    var count = parseInt(this.get("cmi.objectives._count"), 10) || 0;
    var index = count;
    for (var n = 0; n < count; n++) {
      if (this.get("cmi.objectives." + n + ".id") === quizId) { index = n; break; }
    }
    if (index === count && this.set("cmi.objectives." + index + ".id", quizId) !== "true") return null;
    this.objectives[quizId] = index;
    return index;
  };

  Session.prototype.learnerId = function () {
    return this.open ? this.get("cmi.core.student_id") : "";
  };

  Session.prototype.finish = function () {
    if (!this.open) return;
    this.open = false;
    this.set("cmi.core.session_time", timespan(Date.now() - this.startedAt));
    this.commit();
    this.call("LMSFinish", [""]);
  };

  // One LMS session for this window; finished when the window goes away.
  function ownSession() {
    var api = findApi();
    if (!api) return null;
    var session = new Session(api);
    if (!session.start()) return null;
    window.addEventListener("pagehide", function () { session.finish(); });
    return session;
  }

  var isLauncher = document.documentElement.hasAttribute("data-scorm-launch");
  var launcher = isLauncher ? null : findLauncher();
  var session = launcher ? null : ownSession();
  window.courseScorm = {
    launcher: isLauncher,
    graded: function (detail) { if (session) session.graded(detail); },
    answered: function (detail) { if (session) session.answered(detail); },
    learnerId: function () { return launcher ? launcher.learnerId() : session ? session.learnerId() : ""; }
  };
  if (isLauncher) return;

  var target = launcher || window.courseScorm;
  document.addEventListener("quiz:graded", function (event) {
    if (event.detail) target.graded(event.detail);
  }, true);
  document.addEventListener("quiz:answers", function (event) {
    if (event.detail) target.answered(event.detail);
  }, true);
})();
