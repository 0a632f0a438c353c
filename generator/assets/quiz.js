/* Quiz widget for generator/render/quiz.py pages; each course's progress in localStorage.
 * Events, bubbling from div.course-quiz (for progress tracking and SCORM):
 *   quiz:graded   practice quiz scored: {quiz, score (0..1), passed, points, maxPoints, mode}
 *   quiz:answers  answer file made: {quiz, mode, file (generator/models/answers.py AnswerFile)}
 * Grading and Shuffle are generator/scoring.py and shuffle.py step for step: change them together
 * (tests/browser/test_parity.py compares them on every possible answer). */
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
    quiz(data, answers) { // sums in YAML order, never in the shuffled order shown
      let points = 0;
      let maxPoints = 0;
      const questions = data.questions.map((q) => {
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

  // Shuffle: shuffle.py draw for draw (mulberry32, Fisher-Yates from the end)
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
    presentation(data, seed) {
      const draw = mulberry32(seed);
      const ids = data.questions.map((q) => q.id);
      const shown = { questions: data.shuffle.questions ? shuffled(ids, draw) : ids, options: {}, choices: {} };
      if (!data.shuffle.options) return shown;
      for (const q of data.questions) {
        if (q.options) shown.options[q.id] = shuffled(q.options, draw);
        if (q.nodes) {
          shown.choices[q.id] = Object.fromEntries(q.nodes.map((node) =>
            [node.id, shuffled(node.choices.map((c) => c.id), draw)]));
        }
      }
      return shown;
    },
  };

  // Storage: one JSON record per course, keyed by the site's root path so that courses sharing
  // a host (or file://) keep apart. Where localStorage throws (private mode, blocked, full),
  // progress lives in memory for this page.
  const script = document.currentScript || document.querySelector('script[src$="course/quiz.js"]');
  const safely = (action) => {
    try {
      return action();
    } catch (e) {
      return null;
    }
  };
  const store = {
    key: 'course-progress:' + (script ? new URL('../../', script.src).pathname : location.pathname),
    memory: null,
    available: safely(() => {
      localStorage.setItem('course-probe', 1);
      localStorage.removeItem('course-probe');
      return true;
    }),
    read() {
      const state = (this.available && safely(() => JSON.parse(localStorage.getItem(this.key)))) || this.memory;
      const fresh = { v: 1, learner: '', lessons: {}, quizzes: {} };
      return state && state.v === 1 ? { ...fresh, ...state } : fresh;
    },
    update(change) {
      const state = this.read();
      change(state);
      this.memory = state;
      if (this.available) safely(() => localStorage.setItem(this.key, JSON.stringify(state)));
    },
    clear() {
      this.memory = null;
      safely(() => localStorage.removeItem(this.key));
    },
  };
  const record = (state, quiz) => (state.quizzes[quiz] = state.quizzes[quiz] || {});

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

    answer() {
      return [...this.list.children].map((li) => li.dataset.step);
    }

    restore(order) {
      (order || []).forEach((id) => this.list.append(this.list.querySelector(`[data-step="${id}"]`)));
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
      this.restore(this.original.map((li) => li.dataset.step));
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
      this.restart = button('course-restart', this.t('restart'), () => {
        this.reset();
        quiz.changed(this);
        this.current().focus();
      }, true);
      // Nodes only move among themselves: this stays below them.
      this.actions = h('p', { class: 'course-q-actions' }, quiz.practice ? '' : this.restart);
      this.nodes[this.nodes.length - 1].after(this.actions);
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
      this.restart.hidden = false;
      if (!quietly) { // focus reads the next message out; the live region says why
        next.focus();
        this.quiz.announce(feedback.map((f) => f.textContent.trim()).join(' ') || this.t(this.ended() ? 'ended' : 'step', { n: this.trail.length }));
      }
      return true;
    }

    show(node) {
      this.trail.push(node);
      node.hidden = false;
      node.querySelector('.course-node-step').textContent = this.t('step', { n: this.trail.length });
    }

    answer() {
      return this.path.length ? this.path.slice() : null;
    }

    restore(path) {
      (path || []).every((id) => this.step(id, true));
    }

    lock(on) {
      this.restart.hidden = on || !this.path.length;
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
      this.buildFooter();
      root.classList.add('is-live');
      const saved = record(store.read(), data.quiz).attempt;
      this.start(saved && Number.isInteger(saved.seed) ? saved : null);
    }

    buildFooter() {
      const t = this.t;
      const id = `course-learner-${this.data.quiz}`;
      this.live = h('p', { class: 'course-visually-hidden', role: 'status', 'aria-live': 'polite' });
      this.status = h('p', { class: 'course-quiz-status' });
      this.result = h('div', { class: 'course-quiz-result', hidden: true });
      this.retry = button('course-retry', t('retry'), () => {
        this.start(null);
        this.root.querySelector('.course-q input, .course-q button').focus();
      }, true);
      this.name = h('input', { id, type: 'text', class: 'course-learner', autocomplete: 'name',
        maxlength: 100, value: store.read().learner,
        oninput: () => this.name.removeAttribute('aria-invalid') });
      this.note = h('p', { class: 'course-download-note' });
      this.hint = h('span', { class: 'course-q-result', text: t('choose_first') });
      this.root.append(h('div', { class: 'course-quiz-footer' }, this.status, this.result,
        h('p', {}, this.retry),
        h('div', { class: 'course-download' }, h('label', { for: id }, t('name')), this.name,
          button('md-button--primary course-download-button', t('download'), () => this.download())),
        this.note, this.live,
        store.available ? '' : h('p', { class: 'course-storage-note', text: t('no_storage') })));
    }

    // The saved attempt (same seed, answers) or a new one with a new seed.
    start(saved) {
      const seed = crypto.getRandomValues(new Uint32Array(1))[0];
      this.attempt = saved || { seed, startedAt: now(), answers: {}, submitted: [] };
      this.finished = null;
      const dataset = this.root.dataset;
      ['score', 'points', 'maxPoints', 'passed', 'percent'].forEach((k) => delete dataset[k]);
      dataset.seed = this.attempt.seed;
      this.result.hidden = this.retry.hidden = true;
      this.note.textContent = ''; // a file saved from the last attempt is not this one's
      const shown = Shuffle.presentation(this.data, this.attempt.seed);
      const footer = this.root.querySelector('.course-quiz-footer');
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
        const answer = this.attempt.answers[question.q.id];
        if (answer) question.restore(answer.answer);
        if (this.isChecked(question)) this.check(question);
      }
      this.save();
      if (this.practice && this.questions.every((q) => this.isChecked(q))) this.finish(true);
      this.updateStatus();
    }

    isChecked(question) {
      return this.attempt.submitted.includes(question.q.id);
    }

    save() {
      store.update((s) => { record(s, this.data.quiz).attempt = this.attempt; });
    }

    changed(question) {
      this.hint.remove();
      this.attempt.answers[question.q.id] = { answer: question.answer(), at: now() };
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
      if (question.answer() === null) return this.nudge(question.check);
      this.changed(question);
      this.attempt.submitted.push(question.q.id);
      this.save();
      const text = this.check(question);
      this.updateStatus();
      if (this.questions.every((q) => this.isChecked(q))) this.finish(false);
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
      const r = Grading.quiz(this.data, Object.fromEntries(this.questions.map((q) => [q.q.id, q.answer()])));
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
      return Object.values(this.attempt.answers).filter((a) => a.answer !== null).length;
    }

    updateStatus() {
      const done = this.practice ? this.attempt.submitted.length : this.answered();
      this.status.textContent = this.t(this.practice ? 'done_practice' : 'done_assessment',
        { n: done, m: this.questions.length });
    }

    download() {
      const name = this.name.value.trim();
      this.note.textContent = this.t('name_needed');
      if (!name) {
        this.name.setAttribute('aria-invalid', 'true');
        this.name.focus();
        return this.announce(this.note.textContent);
      }
      store.update((s) => { s.learner = name; });
      const { data, attempt } = this;
      const file = { // exactly generator/models/answers.py AnswerFile; answers in YAML order
        format: 'course-answers/1', course: data.course, quiz: data.quiz, quiz_version: data.version,
        question_versions: Object.fromEntries(data.questions.map((q) => [q.id, q.version])),
        learner: { name }, seed: attempt.seed, started_at: attempt.startedAt, submitted_at: now(),
        answers: this.questions.map((q) => ({ question: q.q.id, answer: q.answer(),
          answered_at: (attempt.answers[q.q.id] || {}).at || null })),
      };
      if (this.finished) file.page_score = this.finished.score;
      const filename = `${data.quiz}-${name}.json`; // the browser makes it a safe, unused name
      // A Blob link works from file:// too.
      const href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
      h('a', { href, download: filename }).click();
      setTimeout(() => URL.revokeObjectURL(href), 10000);
      const n = this.questions.length - this.answered();
      this.announce(this.note.textContent = this.t(n ? 'downloaded_some' : 'downloaded', { file: filename, n }));
      this.emit('quiz:answers', { quiz: data.quiz, mode: data.mode, file });
      return file;
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
        const scored = r.best !== undefined;
        const finished = lesson ? Boolean(state.lessons[lesson]) : Boolean(r.passed || (!scored && r.submitted));
        let text = t(finished ? 'read' : 'unread');
        if (!lesson) {
          text = scored ? [t('best_score', { pct: Grading.percent(r.best) }),
            t('last_score', { pct: Grading.percent(r.last.score) }),
            t(r.passed ? 'quiz_passed' : 'quiz_failed')].join(' · ')
            : r.submitted ? t('submitted', { date: r.submitted.slice(0, 10) }) : t('not_started');
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
  const init = () => {
    Progress.markLessonsRead();
    once('.course-quiz[data-json]', (root) => new QuizWidget(root, JSON.parse(root.dataset.json)));
    once('[data-course-progress]', (page) => Progress.enhance(page));
  };
  document.addEventListener('quiz:graded', (e) => Progress.graded(e));
  document.addEventListener('quiz:answers', (e) => Progress.answered(e));
  window.CourseQuiz = { Grading, Shuffle, init, store, gradeQuestion: Grading.question, gradeQuiz: Grading.quiz };

  // document$ emits after instant navigation; from file:// (Material 9.8) it completes without
  // emitting, so also run on load: init is idempotent.
  if (window.document$) window.document$.subscribe(init);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
