/* Quiz widget for generator/render/quiz.py pages; each course's progress in localStorage.
 * Events, bubbling from div.course-quiz (for progress tracking and SCORM):
 *   quiz:graded   practice quiz scored: {quiz, score (0..1), passed, points, maxPoints, mode}
 *   quiz:answers  answer file made: {quiz, mode, file (generator/models/answers.py AnswerFile)}
 * Hook, on each div.course-quiz: element.courseQuiz.answerFile() → Promise of the file the
 * download would write (format 2, signed where the page asks for the access code); it rejects
 * with the learner-facing reason while the attempt is not ready (no id and code yet, no name).
 * element.courseQuiz.handIn(question) hands in as the download does (an exam: asks `question`,
 * then closes the attempt) and resolves to that file, or to null when the learner said no.
 * quiz:submitted (collect.js: the service has the file) counts on the progress page as a
 * download does.
 * Grading and Shuffle are generator/scoring.py and shuffle.py step for step: change them together
 * (tests/browser/test_parity.py compares them on every possible answer).
 * The id and code form, signing and the exam clock are quiz-exam.js, fetched only where a quiz
 * needs them (see `build` below). */
(() => {
  'use strict';
  if (window.CourseQuiz) return; // loaded twice: the first one stays

  // A string with a count may come as plural forms ({one, other, …}: generator/plurals.py), the
  // form picked by its {n} with the page language's CLDR rules, as Babel picks it in Python.
  const plural = new Intl.PluralRules(document.documentElement.lang || 'en');
  const say = (strings, key, vars = {}) => {
    const entry = strings[key];
    const text = typeof entry === 'string' ? entry : entry[plural.select(vars.n)] || entry.other;
    return text.replace(/\{(\w+)\}/g, (_, k) => vars[k]);
  };
  const round2 = (x) => String(Math.round(x * 100) / 100);
  const now = () => new Date().toISOString();
  const all = (root, selector) => [...root.querySelectorAll(selector)];
  const h = (tag, props = {}, ...children) => {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'text') el.textContent = value;
      else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else if (value !== false) el.setAttribute(key, value === true ? '' : value);
    }
    el.append(...children);
    return el;
  };
  const button = (cls, text, onclick, hidden = false) =>
    h('button', { type: 'button', class: `md-button ${cls}`, onclick, hidden }, text);

  // Grading: scoring.py step by step (answers come from the widget: well-formed)
  const FRACTION = {
    single: (q, a) => (q.correct.includes(a) ? 1 : 0),
    true_false: (q, a) => (a === q.answer ? 1 : 0),
    multiple(q, a) {
      const chosen = new Set(a);
      const hits = q.correct.filter((id) => chosen.has(id)).length;
      if (q.scoring !== 'partial') return hits === q.correct.length && chosen.size === hits ? 1 : 0;
      return Math.max(0, (hits - q.penalty * (chosen.size - hits)) / q.correct.length);
    },
    ordering(q, a) {
      const ids = q.solution;
      if (q.scoring === 'all_or_nothing') return a.every((id, i) => id === ids[i]) ? 1 : 0;
      if (q.scoring === 'position') return a.filter((id, i) => id === ids[i]).length / ids.length;
      const pairs = new Set(ids.slice(1).map((id, i) => `${ids[i]} ${id}`));
      return a.slice(1).filter((id, i) => pairs.has(`${a[i]} ${id}`)).length / (ids.length - 1);
    },
    scenario(q, a) {
      let node = q.start;
      let earned = 0;
      for (const id of a) {
        const choice = q.nodes.find((n) => n.id === node).choices.find((c) => c.id === id);
        earned += choice.points;
        node = choice.next;
      }
      return earned / q.best;
    },
  };
  const Grading = {
    question(q, answer) {
      if (answer == null) return { points: 0, maxPoints: q.points, status: 'unanswered' };
      const fraction = FRACTION[q.type](q, answer);
      const status = fraction === 1 ? 'correct' : fraction === 0 ? 'wrong' : 'partial';
      return { points: q.points * fraction, maxPoints: q.points, status };
    },
    quiz(data, answers, paper) { // sums in YAML order, never in the shuffled order shown
      let points = 0;
      let maxPoints = 0;
      const questions = data.questions.filter((q) => !paper || paper.includes(q.id)).map((q) => {
        const result = Grading.question(q, answers[q.id]);
        points += result.points;
        maxPoints += result.maxPoints;
        return result;
      });
      const score = maxPoints ? points / maxPoints : 0;
      return { score, points, maxPoints, passed: score >= data.passMark, questions };
    },
    percent: (score) => Math.round(score * 100), // half up, as scoring.percent
  };

  // Shuffle: shuffle.py draw for draw (mulberry32, Fisher-Yates from the end). Lists start in
  // the page's order (data-json): YAML order on practice pages, opaque-id order on assessment
  // pages, as shuffle.presentation(..., page_order=) starts from them.
  const mulberry32 = (seed) => {
    let a = seed | 0;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  };
  const shuffled = (items, draw) => {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(draw() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  const Shuffle = {
    // 1. the paper (`draw`: per pool, the first `count` of a shuffle), 2. the questions,
    // 3. per drawn question: options or each node's choices; ordering steps on assessment pages.
    presentation(data, seed) {
      const draw = mulberry32(seed);
      const ids = data.questions.map((q) => q.id);
      let paper = ids;
      if (data.draw) {
        const chosen = new Set();
        for (const [pool, count] of data.draw) {
          shuffled(data.questions.filter((q) => q.pool === pool).map((q) => q.id), draw)
            .slice(0, count).forEach((id) => chosen.add(id));
        }
        paper = ids.filter((id) => chosen.has(id));
      }
      const shown = { paper, questions: data.shuffle.questions ? shuffled(paper, draw) : paper,
        options: {}, choices: {}, steps: {} };
      for (const q of data.questions.filter((x) => paper.includes(x.id))) {
        if (q.options) {
          if (data.shuffle.options) shown.options[q.id] = shuffled(q.options, draw);
        } else if (q.nodes) {
          if (data.shuffle.options) {
            shown.choices[q.id] = Object.fromEntries(q.nodes.map((node) =>
              [node.id, shuffled(node.choices.map((c) => c.id), draw)]));
          }
        } else if (q.items && data.mode === 'assessment') shown.steps[q.id] = shuffled(q.items, draw);
      }
      return shown;
    },
  };

  // Storage: one JSON record per course, keyed by the site's root path so that courses sharing
  // a host (or file://) keep apart. Where localStorage throws (private mode, blocked) progress
  // lives in memory for this page; where a write fails (storage full) the learner is told.
  // A record of the wrong shape is set aside under KEY:set-aside, never used and never lost.
  const script = document.currentScript || document.querySelector('script[src$="course/quiz.js"]');
  const safely = (action) => {
    try {
      return action();
    } catch (e) {
      return null;
    }
  };
  const isObject = (x) => Boolean(x) && typeof x === 'object' && !Array.isArray(x);
  const fresh = () => ({ v: 1, learner: '', lessons: {}, quizzes: {} });
  const store = {
    key: 'course-progress:' + (script ? new URL('../../', script.src).pathname : location.pathname),
    memory: null,
    failed: false, // the last write did not go through: memory holds the truth
    setAside: false,
    available: safely(() => {
      localStorage.setItem('course-probe', 1);
      localStorage.removeItem('course-probe');
      return true;
    }),
    read() {
      if (!this.available || this.failed) return this.memory || fresh();
      const raw = safely(() => localStorage.getItem(this.key));
      if (raw === null) return fresh();
      const state = safely(() => JSON.parse(raw));
      if (isObject(state) && state.v === 1 && [state.lessons, state.quizzes].every((x) => x === undefined || isObject(x))) {
        return { ...fresh(), ...state };
      }
      safely(() => localStorage.setItem(this.key + ':set-aside', raw));
      safely(() => localStorage.removeItem(this.key));
      this.setAside = true;
      return fresh();
    },
    update(change) { // true when saved
      const state = this.read();
      change(state);
      this.memory = state;
      if (!this.available) return false;
      this.failed = !safely(() => localStorage.setItem(this.key, JSON.stringify(state)) || true);
      return !this.failed;
    },
    clear() {
      this.memory = null;
      safely(() => localStorage.removeItem(this.key));
    },
  };
  const record = (state, quiz) => {
    const r = state.quizzes[quiz];
    if (isObject(r)) return r;
    if (r !== undefined) store.setAside = true; // kept in the record, never used
    return (state.quizzes[quiz] = r === undefined ? {} : { setAside: [{ why: 'set_aside', at: now(), attempt: r }] });
  };
  // An attempt as the widget saves it: {v: quiz version, n, seed, startedAt, answers: {question:
  // {answer, at}}, submitted: [checked questions], closed: submitted_at or null}.
  const isAttempt = (a) => isObject(a) && Number.isInteger(a.seed) && a.seed >= 0 && a.seed < 2 ** 32
    && Number.isInteger(a.n) && a.n > 0 && typeof a.startedAt === 'string' && isObject(a.answers)
    && Object.values(a.answers).every((x) => isObject(x) && typeof x.at === 'string')
    && Array.isArray(a.submitted) && a.submitted.every((x) => typeof x === 'string');

  // Focus an element that has come into view, scrolled (if it is not wholly in view) to just
  // below Material's sticky header: its scroll-margin-top (quiz.css) says how far. Focus alone
  // would scroll it under the header.
  const reveal = (el) => {
    el.focus({ preventScroll: true });
    requestAnimationFrame(() => { // once what the reply changed (feedback, checks) is laid out
      const box = el.getBoundingClientRect();
      const header = document.querySelector('.md-header');
      if (box.top < (header ? header.getBoundingClientRect().bottom : 0) || box.bottom > innerHeight) {
        el.scrollIntoView({ block: 'start' });
      }
    });
  };

  // Questions, one class per kind: answer() (answer-file form, or null), restore(answer),
  // lock(on), reveal() (practice feedback), arrange(shown order), reset().
  class Question {
    constructor(el, q, quiz) {
      Object.assign(this, { el, q, quiz, t: quiz.t });
    }

    arrange() {}

    reveal() {}

    mark(where, kind, key, vars) {
      where.append(h('span', { class: 'course-mark', 'data-mark': kind, text: this.t(key, vars) }));
    }

    reset() {
      all(this.el, '.course-mark').forEach((m) => m.remove());
      all(this.el, '.course-feedback, .course-outcome').forEach((f) => { f.hidden = true; });
      this.lock(false);
    }
  }

  class ChoiceQuestion extends Question {
    constructor(el, q, quiz) {
      super(el, q, quiz);
      this.inputs = all(el, '.course-options input');
      this.inputs.forEach((i) => i.addEventListener('change', () => quiz.changed(this)));
    }

    arrange(shown) {
      const list = this.el.querySelector('.course-options');
      (shown.options[this.q.id] || []).forEach((id) => list.append(list.querySelector(`[data-option="${id}"]`)));
    }

    answer() {
      const picked = this.inputs.filter((i) => i.checked).map((i) => i.value);
      if (!picked.length) return null;
      if (this.q.type === 'multiple') return this.q.options.filter((id) => picked.includes(id));
      return this.q.type === 'true_false' ? picked[0] === 'true' : picked[0];
    }

    restore(answer) {
      const values = [].concat(answer ?? []).map(String);
      this.inputs.forEach((i) => { i.checked = values.includes(i.value); });
    }

    lock(on) {
      this.inputs.forEach((i) => { i.disabled = on; });
    }

    reveal() {
      const correct = this.q.type === 'true_false' ? [String(this.q.answer)] : this.q.correct;
      for (const li of all(this.el, '.course-option')) {
        const chosen = li.querySelector('input').checked;
        const right = correct.includes(li.dataset.option);
        const kind = chosen ? (right ? 'right' : 'wrong') : right && 'missed';
        if (kind) this.mark(li.querySelector('label'), kind, 'mark_' + kind);
        const feedback = li.querySelector('.course-feedback');
        if (feedback) feedback.hidden = !chosen;
      }
    }

    reset() {
      super.reset();
      this.restore(null);
    }
  }

  class OrderingQuestion extends Question {
    constructor(el, q, quiz) {
      super(el, q, quiz);
      this.list = el.querySelector('.course-steps');
      this.original = [...this.list.children];
      this.startOrder = this.original.map((li) => li.dataset.step);
      for (const li of this.original) {
        const text = li.textContent.trim();
        const move = (delta, key, arrow) => h('button', { type: 'button', class: 'course-move',
          'aria-label': this.t(key, { text }), onclick: () => this.move(li, delta, text) }, arrow);
        li.append(h('span', { class: 'course-moves' }, move(-1, 'up', '↑'), move(1, 'down', '↓')));
      }
    }

    move(li, delta, text) {
      const other = delta < 0 ? li.previousElementSibling : li.nextElementSibling;
      if (!other) return;
      // Move the neighbour: moving the focused button would lose keyboard focus.
      if (delta < 0) li.after(other);
      else li.before(other);
      this.touched = true;
      this.refresh();
      const n = [...this.list.children].indexOf(li) + 1;
      this.quiz.announce(this.t('moved', { text, n, m: this.original.length }));
      this.quiz.changed(this);
    }

    refresh() {
      [...this.list.children].forEach((li, i, items) => {
        const [up, down] = li.querySelectorAll('.course-move');
        up.setAttribute('aria-disabled', i === 0);
        down.setAttribute('aria-disabled', i === items.length - 1);
      });
    }

    arrange(shown) {
      this.startOrder = shown.steps[this.q.id] || this.startOrder;
    }

    // An order the learner never touched is no answer: it is the page's, not theirs.
    answer() {
      return this.touched ? [...this.list.children].map((li) => li.dataset.step) : null;
    }

    restore(order) { // only a whole order of these very steps (a saved one may be stale)
      const valid = Array.isArray(order) && order.length === this.startOrder.length
        && this.startOrder.every((id) => order.includes(id));
      (valid ? order : this.startOrder).forEach((id) => this.list.append(this.list.querySelector(`[data-step="${id}"]`)));
      this.touched = valid;
      this.refresh();
    }

    lock(on) {
      all(this.list, '.course-move').forEach((b) => { b.disabled = on; });
    }

    reveal() {
      [...this.list.children].forEach((li, i) => {
        const place = this.q.solution.indexOf(li.dataset.step);
        this.mark(li.querySelector('.course-moves'), place === i ? 'right' : 'wrong',
          place === i ? 'place_right' : 'place_wrong', { n: place + 1 });
      });
    }

    reset() {
      super.reset();
      this.restore(null);
    }
  }

  // A conversation shown node by node along the chosen path (without JS: all nodes).
  class ScenarioQuestion extends Question {
    constructor(el, q, quiz) {
      super(el, q, quiz);
      this.nodes = all(el, '.course-node');
      for (const node of this.nodes) {
        if (!node.classList.contains('course-node--end')) {
          node.append(h('p', { class: 'course-q-actions' },
            button('course-continue', this.t('continue'), () => this.choose(node))));
        }
      }
      // Nodes only move among themselves: this stays below them. A reply is final once made
      // (no restart within an attempt: trying every path would find the best one).
      this.actions = h('p', { class: 'course-q-actions' });
      this.nodes[this.nodes.length - 1].after(this.actions);
      // A reply picked but not yet continued counts, as a picked option does: kept, and handed in.
      el.addEventListener('change', () => quiz.changed(this));
      this.reset();
    }

    node(id) {
      return this.nodes.find((n) => n.dataset.node === id);
    }

    current() {
      return this.trail[this.trail.length - 1];
    }

    ended() {
      return this.current().classList.contains('course-node--end');
    }

    arrange(shown) {
      for (const [id, order] of Object.entries(shown.choices[this.q.id] || {})) {
        const list = this.node(id).querySelector('.course-choices');
        order.forEach((c) => list.append(list.querySelector(`[data-option="${c}"]`)));
      }
    }

    choose(node) {
      const picked = node.querySelector('input:checked');
      if (!picked) return this.quiz.nudge(node.querySelector('.course-continue'));
      this.step(picked.value);
      this.quiz.changed(this);
      if (this.ended() && this.quiz.practice) this.quiz.submit(this);
      return null;
    }

    // Take a reply: lock its node, show it (and its feedback), reveal the next node.
    step(id, quietly) {
      const node = this.current();
      const choice = this.q.nodes.find((n) => n.id === node.dataset.node).choices.find((c) => c.id === id);
      const next = choice && this.node(choice.next);
      if (!next) return false;
      this.path.push(id);
      node.classList.add('is-done');
      all(node, 'input, button').forEach((c) => { c.disabled = true; });
      const li = node.querySelector(`[data-option="${id}"]`);
      const label = li.querySelector('label');
      li.querySelector('input').checked = true;
      li.classList.add('is-chosen');
      this.mark(label, 'you', 'you');
      const feedback = this.quiz.practice ? all(li, '.course-feedback').concat(all(next, '.course-outcome')) : [];
      feedback.forEach((f) => { f.hidden = false; });
      if (this.quiz.practice && choice.points) this.mark(label, 'points', 'step_points', { n: choice.points });
      node.after(next);
      this.show(next);
      if (!quietly) { // focus reads the next message out; the live region says why
        reveal(next);
        this.quiz.announce(feedback.map((f) => f.textContent.trim()).join(' ') || this.t(this.ended() ? 'ended' : 'step', { n: this.trail.length }));
      }
      return true;
    }

    show(node) {
      this.trail.push(node);
      node.hidden = false;
      node.querySelector('.course-node-step').textContent = this.t('step', { n: this.trail.length });
    }

    // The reply picked at the current step, not continued yet (null when there is none).
    pending() {
      const picked = !this.ended() && this.current().querySelector('input:checked');
      return picked ? picked.value : null;
    }

    answer() {
      const path = this.path.concat(this.pending() ?? []);
      return path.length ? path : null;
    }

    restore(path, open) { // `open`: its last reply was picked, not continued
      if (!Array.isArray(path)) return;
      const taken = open ? path.slice(0, -1) : path;
      if (!taken.every((id) => this.step(id, true)) || !open) return;
      const input = all(this.current(), 'input').find((i) => i.value === path[path.length - 1]);
      if (input) input.checked = true;
    }

    lock(on) {
      if (this.trail.length) all(this.current(), 'input, button').forEach((c) => { c.disabled = on; });
    }

    reset() {
      this.path = [];
      this.trail = [];
      super.reset();
      const prompt = this.el.querySelector('.course-q-prompt');
      for (const node of this.nodes.slice().reverse()) {
        prompt.after(node);
        node.hidden = true;
        node.classList.remove('is-done');
        all(node, 'input, button').forEach((c) => { c.disabled = c.checked = false; });
        all(node, '.is-chosen').forEach((li) => li.classList.remove('is-chosen'));
      }
      this.show(this.node(this.q.start));
    }
  }

  const KINDS = { single: ChoiceQuestion, multiple: ChoiceQuestion, true_false: ChoiceQuestion,
    ordering: OrderingQuestion, scenario: ScenarioQuestion };

  class QuizWidget {
    constructor(root, data) {
      Object.assign(this, { root, data, practice: data.mode === 'practice' });
      this.t = (key, vars) => say(data.ui, key, vars);
      this.questions = data.questions.map((q) => {
        const question = new KINDS[q.type](root.querySelector(`[data-question="${q.id}"]`), q, this);
        question.result = h('span', { class: 'course-q-result', hidden: true });
        if (q.type === 'scenario') question.actions.append(question.result);
        else if (this.practice) {
          question.check = button('course-check', '', () => this.submit(question));
          question.el.querySelector('.course-options, .course-steps')
            .after(h('p', { class: 'course-q-actions' }, question.check, ' ', question.result));
        }
        return question;
      });
      this.paper = this.questions;
      this.notes = h('div', { class: 'course-quiz-notes' });
      root.prepend(this.notes);
      this.buildFooter();
      root.classList.add('is-live');
      // For other scripts (collect.js): the file the download would write, signed.
      root.courseQuiz = { answerFile: () => this.answerFile(), handIn: (question) => this.handIn(question) };
      // The service has this attempt's file (collect.js): handed in, as by a download.
      root.addEventListener('quiz:submitted', ({ detail: { file } }) => {
        if (this.attempt && file.attempt === this.attempt.n) {
          this.attempt.downloaded = true;
          this.save();
          this.updateStatus();
        }
      });
      this.onStorage = (e) => {
        if (!root.isConnected) window.removeEventListener('storage', this.onStorage);
        else if (e.key === store.key) this.pull();
      };
      window.addEventListener('storage', this.onStorage);
      this.begin();
    }

    // quiz-exam.js asks for id and code first, and shows the clock.
    begin() {
      this.resume();
    }

    // Where the saved attempt is kept (quiz-exam.js: per learner).
    slot(state) {
      return [record(state, this.data.quiz), 'attempt'];
    }

    stored() {
      const [holder, key] = this.slot(store.read());
      return holder[key];
    }

    // The saved attempt, or a first one. One saved under another version of the quiz, or that
    // is not an attempt at all, is set aside (kept in the record, said in a note), never used.
    async resume() {
      let saved = this.stored();
      // An older widget's attempt had no version: one with a seed and answers is taken as old.
      const old = isObject(saved) && saved.v !== this.data.version
        && (saved.v !== undefined || (Number.isInteger(saved.seed) && isObject(saved.answers)));
      const why = saved === undefined ? null : old ? 'old_version' : !isAttempt(saved) && 'set_aside';
      if (why) {
        store.update((s) => {
          const [holder, key] = this.slot(s);
          const r = record(s, this.data.quiz);
          r.setAside = [].concat(r.setAside || [], { why, at: now(), attempt: saved }).slice(-5);
          delete holder[key];
        });
        this.notify(why);
        saved = null;
      }
      if (store.setAside) this.notify('set_aside');
      this.start(saved || await this.attemptNumber(this.firstNumber()));
    }

    // A first attempt's number (quiz-exam.js: after those this learner has used).
    firstNumber() {
      return 1;
    }

    // A new attempt, its seed random (quiz-exam.js: derived from who is asking).
    attemptNumber(n) {
      return { v: this.data.version, n, seed: crypto.getRandomValues(new Uint32Array(1))[0],
        startedAt: now(), answers: {}, submitted: [], closed: null };
    }

    notify(key) {
      if (!this.notes.querySelector(`[data-note="${key}"]`)) {
        this.notes.append(h('p', { class: 'course-storage-note', 'data-note': key, role: 'status', text: this.t(key) }));
      }
    }

    buildFooter() {
      const t = this.t;
      const id = `course-learner-${this.data.quiz}`;
      this.live = h('p', { class: 'course-visually-hidden', role: 'status', 'aria-live': 'polite' });
      this.status = h('p', { class: 'course-quiz-status' });
      this.result = h('div', { class: 'course-quiz-result', tabindex: -1, hidden: true });
      this.retry = button('course-retry', t(this.practice ? 'retry' : 'new_attempt'), () => this.again(), true);
      this.name = h('input', { id, type: 'text', class: 'course-learner', autocomplete: 'name',
        maxlength: 100, value: store.read().learner,
        oninput: () => this.name.removeAttribute('aria-invalid') });
      this.note = h('p', { class: 'course-download-note' });
      this.hint = h('span', { class: 'course-q-result', text: t('choose_first') });
      this.downloadButton = button('md-button--primary course-download-button', t('download'), () => this.download());
      this.root.append(h('div', { class: 'course-quiz-footer' }, this.status, this.result,
        h('p', {}, this.retry),
        h('div', { class: 'course-download' }, h('label', { for: id }, t('name')), this.name, this.downloadButton),
        this.note, this.live,
        store.available ? '' : h('p', { class: 'course-storage-note', text: t('no_storage') })));
    }

    // Another attempt, only when the learner asks (and has attempts left).
    async again() {
      const n = this.attempt.n + 1;
      if (!this.practice && !window.confirm(this.t('new_attempt_confirm', { n }))) return;
      this.start(await this.attemptNumber(n));
      this.focusFirst();
    }

    focusFirst() {
      const first = this.root.querySelector('.course-q:not([hidden]) :is(input, button)');
      if (first) first.focus();
    }

    // Show an attempt: its paper (only the questions drawn), in its order, with its answers.
    start(attempt) {
      this.attempt = attempt;
      this.finished = null;
      const dataset = this.root.dataset;
      ['score', 'points', 'maxPoints', 'passed', 'percent'].forEach((k) => delete dataset[k]);
      Object.assign(dataset, { seed: attempt.seed, attempt: attempt.n });
      this.result.hidden = this.retry.hidden = true;
      this.note.textContent = ''; // a file saved from the last attempt is not this one's
      const shown = Shuffle.presentation(this.data, attempt.seed);
      const footer = this.root.querySelector('.course-quiz-footer');
      this.paper = shown.paper.map((id) => this.questions.find((q) => q.q.id === id));
      this.questions.forEach((q) => { q.el.hidden = !shown.paper.includes(q.q.id); });
      shown.questions.forEach((id, i) => {
        const question = this.questions.find((q) => q.q.id === id);
        this.root.insertBefore(question.el, footer);
        question.el.querySelector('.course-q-number').textContent = this.t('number', { n: i + 1 });
        question.arrange(shown);
      });
      for (const question of this.questions) {
        question.reset();
        ['points', 'maxPoints', 'status'].forEach((k) => delete question.el.dataset[k]);
        this.showChecked(question, false);
        const answer = attempt.answers[question.q.id];
        if (answer) question.restore(answer.answer, Boolean(answer.open));
        if (this.isChecked(question)) this.check(question);
      }
      this.save();
      if (this.practice && this.paper.every((q) => this.isChecked(q))) this.finish(true);
      this.updateStatus();
    }

    isChecked(question) {
      return this.attempt.submitted.includes(question.q.id);
    }

    // Two tabs on one attempt: each saves what it has merged with what the other saved, per
    // question, the newer answer winning; a newer attempt started elsewhere is taken up.
    // Returns what the other saved when it is this attempt (quiz-exam.js: closed there too?).
    pull() {
      const theirs = this.stored();
      const mine = this.attempt;
      if (!mine || !isAttempt(theirs) || theirs.v !== mine.v) return;
      if (theirs.n > mine.n) {
        this.start(theirs);
        return;
      }
      if (theirs.n !== mine.n || theirs.seed !== mine.seed) return;
      for (const question of this.paper) {
        const id = question.q.id;
        const a = theirs.answers[id];
        if (a && (!mine.answers[id] || a.at > mine.answers[id].at)) {
          mine.answers[id] = a;
          this.show(question);
        }
        if (theirs.submitted.includes(id) && !this.isChecked(question)) {
          mine.submitted.push(id);
          this.check(question);
        }
      }
      this.updateStatus();
      return theirs;
    }

    save() {
      this.pull();
      const saved = store.update((s) => {
        const [holder, key] = this.slot(s);
        holder[key] = this.attempt;
      });
      if (!saved && store.available) this.notify('storage_full');
    }

    // A question as the attempt has it.
    show(question) {
      const saved = this.attempt.answers[question.q.id];
      if (question.q.type === 'scenario') question.reset();
      question.restore(saved ? saved.answer : null, Boolean(saved && saved.open));
    }

    changed(question) {
      this.hint.remove();
      const open = question.pending && question.pending() !== null;
      this.attempt.answers[question.q.id] = { answer: question.answer(), at: now(), ...(open && { open }) };
      this.save();
      this.updateStatus();
    }

    // "Choose an answer first", shown beside the button that was pressed, not only announced.
    nudge(button) {
      button.after(this.hint);
      this.announce(this.hint.textContent);
    }

    announce(message) { // the same text again would not be read: nudge it
      this.live.textContent = this.live.textContent === message ? message + '\u00a0' : message;
    }

    submit(question) {
      if (this.isChecked(question) || this.finished) return;
      if (question.q.type === 'ordering') question.touched = true; // checking it is an answer
      if (question.answer() === null) return this.nudge(question.check);
      this.changed(question);
      this.attempt.submitted.push(question.q.id);
      this.save();
      const text = this.check(question);
      this.updateStatus();
      if (this.paper.every((q) => this.isChecked(q))) this.finish(false);
      else this.announce(text);
      return null;
    }

    check(question) {
      const result = Grading.question(question.q, question.answer());
      question.lock(true);
      question.reveal();
      Object.assign(question.el.dataset, { points: result.points, maxPoints: result.maxPoints, status: result.status });
      question.result.textContent = this.t('got', { status: this.t('status_' + result.status),
        points: round2(result.points), max: round2(result.maxPoints) });
      this.showChecked(question, true);
      return question.result.textContent;
    }

    showChecked(question, on) {
      question.result.hidden = !on;
      all(question.el, '.course-explanation').forEach((e) => { e.hidden = !on; });
      if (question.check) {
        question.check.setAttribute('aria-disabled', on); // keeps its focus, unlike `disabled`
        question.check.textContent = this.t(on ? 'checked' : 'check');
      }
    }

    finish(quietly) {
      const r = Grading.quiz(this.data, Object.fromEntries(this.paper.map((q) => [q.q.id, q.answer()])), this.paper.map((q) => q.q.id));
      const pct = Grading.percent(r.score);
      this.finished = r;
      Object.assign(this.root.dataset, { score: r.score, points: r.points, maxPoints: r.maxPoints, passed: r.passed, percent: pct });
      const line = this.t('score', { pct, points: round2(r.points), max: round2(r.maxPoints) });
      const verdict = this.t(r.passed ? 'passed' : 'failed', { pass: Grading.percent(this.data.passMark) });
      this.result.replaceChildren(h('p', { class: 'course-score', text: line }),
        h('p', { class: 'course-verdict', 'data-passed': String(r.passed), text: verdict }));
      this.result.hidden = this.retry.hidden = false;
      if (quietly) return;
      this.announce(`${line} ${verdict}`);
      this.emit('quiz:graded', { quiz: this.data.quiz, score: r.score, passed: r.passed,
        points: r.points, maxPoints: r.maxPoints, mode: this.data.mode });
    }

    emit(name, detail) {
      this.root.dispatchEvent(new CustomEvent(name, { bubbles: true, detail }));
    }

    answered() { // questions the learner has touched: an untouched ordering is no answer
      return this.paper.filter((q) => q.answer() !== null).length;
    }

    updateStatus() {
      const done = this.practice ? this.attempt.submitted.length : this.answered();
      this.status.textContent = this.t(this.practice ? 'done_practice' : 'done_assessment', { n: done, m: this.paper.length });
      if (!this.practice) this.retry.hidden = !this.attempt.downloaded;
    }

    // Exactly the file the download writes (format 2; quiz-exam.js signs it).
    async answerFile() {
      const { data, attempt } = this;
      const file = {
        format: 'course-answers/2', course: data.course, quiz: data.quiz, quiz_version: data.version,
        learner: this.learner(), attempt: attempt.n, seed: attempt.seed, started_at: attempt.startedAt,
        submitted_at: attempt.closed || now(),
        answers: this.paper.map((q) => ({ question: q.q.id, answer: q.answer(),
          answered_at: (attempt.answers[q.q.id] || {}).at || null })),
      };
      if (this.finished) file.page_score = this.finished.score;
      return file;
    }

    // Who the file is from: the name typed (quiz-exam.js: the staff id where the page asks).
    learner() {
      const name = this.name.value.trim();
      if (!name) throw new Error(this.t('name_needed'));
      store.update((s) => { s.learner = name; });
      return { name };
    }

    // Handing in, by download or by Submit (collect.js): its file (quiz-exam.js: an exam asks
    // `question` first and closes the attempt; null when the learner says no). Rejects as
    // answerFile() does while the attempt is not ready.
    handIn() {
      return this.answerFile();
    }

    // The file, saved; true once it is (quiz-exam.js then shows what was handed in).
    async download() {
      let file;
      try {
        file = await this.handIn(this.t('submit_confirm'));
        if (!file) return;
      } catch (error) {
        this.note.textContent = error.message;
        this.name.setAttribute('aria-invalid', 'true');
        this.name.focus();
        this.announce(error.message);
        return;
      }
      const who = file.learner.id || file.learner.name;
      const attempt = !this.practice && this.attempt.n > 1 ? `-${this.attempt.n}` : ''; // graded ones apart
      const filename = `${this.data.quiz}-${who}${attempt}.json`;
      // A Blob link works from file:// too. The browser makes the name safe and unused.
      const href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
      h('a', { href, download: filename }).click();
      setTimeout(() => URL.revokeObjectURL(href), 10000);
      const n = this.attempt.closed ? 0 : this.paper.length - this.answered(); // handed in: final
      this.announce(this.note.textContent = this.t(n ? 'downloaded_some' : 'downloaded', { file: filename, n }));
      this.attempt.downloaded = true;
      this.save();
      this.updateStatus();
      this.emit('quiz:answers', { quiz: this.data.quiz, mode: this.data.mode, file });
      return true;
    }
  }

  const Progress = {
    markLessonsRead() {
      const ids = all(document, '.course-meta[data-lesson]').map((el) => el.dataset.lesson);
      if (ids.length) store.update((s) => ids.forEach((id) => { s.lessons[id] = s.lessons[id] || now(); }));
    },

    graded({ detail: { quiz, score, passed, mode } }) {
      store.update((s) => {
        const r = record(s, quiz);
        r.last = { score, passed, at: now(), mode };
        if (!(r.best >= score)) r.best = score;
        r.passed = Boolean(r.passed || passed);
      });
    },

    answered({ detail: { quiz, mode, file } }) {
      if (mode === 'assessment') store.update((s) => { record(s, quiz).submitted = file.submitted_at; });
    },

    render(page, t) {
      const state = store.read();
      const left = [];
      const done = { lesson: 0, quiz: 0 };
      for (const li of all(page, '[data-progress-lesson], [data-progress-quiz]')) {
        const lesson = li.dataset.progressLesson;
        const r = state.quizzes[li.dataset.progressQuiz] || {};
        const scored = typeof r.best === 'number' && isObject(r.last) && typeof r.last.score === 'number';
        const submitted = typeof r.submitted === 'string' && r.submitted;
        const finished = lesson ? Boolean(state.lessons[lesson]) : Boolean(r.passed || (!scored && submitted));
        let text = t(finished ? 'read' : 'unread');
        if (!lesson) {
          text = scored ? [t('best_score', { pct: Grading.percent(r.best) }),
            t('last_score', { pct: Grading.percent(r.last.score) }),
            t(r.passed ? 'quiz_passed' : 'quiz_failed')].join(' · ')
            : submitted ? t('submitted', { date: submitted.slice(0, 10) }) : t('not_started');
        }
        done[lesson ? 'lesson' : 'quiz'] += finished;
        li.classList.toggle('is-done', finished);
        li.querySelector('.course-progress-state').textContent = text;
        if (!finished) left.push(li.querySelector('a'));
      }
      page.querySelector('.course-progress-summary').textContent = t('summary', {
        read: done.lesson, lessons: all(page, '[data-progress-lesson]').length,
        quizzes_done: done.quiz, quizzes: all(page, '[data-progress-quiz]').length });
      page.querySelector('.course-progress-left').replaceChildren(...(left.length
        ? [t('left', { n: left.length }), left[0].cloneNode(true)] : [t('all_done')]));
    },

    enhance(page) {
      const t = (key, vars) => say(JSON.parse(page.dataset.strings), key, vars);
      const message = h('p', { class: 'course-progress-message', role: 'status', 'aria-live': 'polite' });
      page.append(h('p', {}, button('course-progress-reset', t('reset'), () => {
        if (!window.confirm(t('reset_confirm'))) return;
        store.clear();
        this.render(page, t);
        message.textContent = t('reset_done');
      })), message);
      if (!store.available) page.prepend(h('p', { class: 'course-storage-note', text: t('no_storage') }));
      page.classList.add('is-live');
      this.render(page, t);
    },
  };

  const once = (selector, enhance) => all(document, selector).forEach((el) => {
    if (el.dataset.courseReady) return;
    el.dataset.courseReady = 'true';
    enhance(el);
  });
  // What only quizzes asking for id and code, or with exam settings, need (the code check,
  // seeds, signing, the clock, closing an attempt) is quiz-exam.js, beside this script: loaded
  // the first time such a quiz is met, also after instant navigation (a script in one page's
  // <head> would not be), so that lesson and practice pages do not carry it. Until it is
  // there, the quiz stays as the server wrote it; if it cannot load, the next page tries again.
  let exam;
  const build = (root) => {
    const data = JSON.parse(root.dataset.json);
    if (!data.identity && !data.exam) return new QuizWidget(root, data);
    exam = exam || new Promise((resolve) => document.body.append(h('script', {
      src: new URL('quiz-exam.js', script ? script.src : location.href),
      onload: () => resolve(window.CourseQuiz.exam), onerror: () => { exam = null; } })));
    return exam.then((Widget) => new Widget(root, data));
  };
  const init = () => {
    Progress.markLessonsRead();
    once('.course-quiz[data-json]', build);
    once('[data-course-progress]', (page) => Progress.enhance(page));
  };
  document.addEventListener('quiz:graded', (e) => Progress.graded(e));
  document.addEventListener('quiz:answers', (e) => Progress.answered(e));
  document.addEventListener('quiz:submitted', (e) => Progress.answered(e));
  // quiz-exam.js adds Integrity and exam (a promise of its widget), built on `parts`.
  window.CourseQuiz = { Grading, Shuffle, init, store, gradeQuestion: Grading.question, gradeQuiz: Grading.quiz,
    parts: { QuizWidget, h, safely, record, now, isObject } };

  // document$ emits after instant navigation; from file:// (Material 9.8) it completes without
  // emitting, so also run on load: init is idempotent.
  if (window.document$) window.document$.subscribe(init);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
