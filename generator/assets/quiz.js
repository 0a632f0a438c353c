/* Course quiz widget: enhances the quiz pages rendered by generator/render/quiz.py.
 *
 * Without this script the questions stay readable; with it they become interactive. It also
 * keeps the learner's progress (lessons read, quiz results) in localStorage, per course, and
 * fills in the progress page.
 *
 * Events, for progress tracking and a later SCORM export (both bubble, from div.course-quiz):
 *   quiz:graded   a practice quiz was finished and scored.
 *                 detail: {quiz, score (0..1, full precision), passed, points, maxPoints, mode}
 *   quiz:answers  an answer file was produced ("download my answers"; in assessment mode this is
 *                 the only result there is). detail: {quiz, mode, file} where file is the
 *                 course-answers/1 object (generator/models/answers.py AnswerFile).
 *
 * Scoring (Grading below) mirrors generator/grader.py operation for operation and in the same
 * order, so both give the same floats; Shuffle mirrors generator/shuffle.py. Browser tests
 * compare both over every possible answer of the bundled course: change them together.
 * window.CourseQuiz exposes the pure parts and init() for those tests.
 */
(() => {
  'use strict';
  // Material's instant navigation may evaluate page scripts again: one instance only.
  if (window.CourseQuiz) return;

  /* ---- Interface strings: written by the Python side (render/quiz.py WIDGET_STRINGS) --- */
  const say = (strings, key, vars = {}) => strings[key].replace(/\{(\w+)\}/g, (_, name) => vars[name]);
  const twoDecimals = (x) => String(Math.round(x * 100) / 100);
  const now = () => new Date().toISOString();

  /* ---- Grading: generator/grader.py, same operations in the same order ------------------ */
  const idList = (answer, allowed, repeats) => {
    if (!Array.isArray(answer) || !answer.every((a) => typeof a === 'string')) {
      throw new TypeError('expected a list of ids');
    }
    if (allowed && !answer.every((a) => allowed.includes(a))) throw new RangeError('unknown id');
    if (!repeats && new Set(answer).size !== answer.length) throw new RangeError('listed twice');
    return answer;
  };
  const FRACTION = {
    single(q, answer) {
      if (typeof answer !== 'string' || !q.options.includes(answer)) throw new RangeError('option');
      return q.correct.includes(answer) ? 1 : 0;
    },
    multiple(q, answer) {
      const chosen = new Set(idList(answer, q.options));
      if (q.scoring !== 'partial') {
        return chosen.size === q.correct.length && q.correct.every((id) => chosen.has(id)) ? 1 : 0;
      }
      const hits = q.correct.filter((id) => chosen.has(id)).length;
      const wrong = chosen.size - hits;
      return Math.max(0, (hits - q.penalty * wrong) / q.correct.length);
    },
    true_false(q, answer) {
      if (typeof answer !== 'boolean') throw new TypeError('expected true or false');
      return answer === q.answer ? 1 : 0;
    },
    ordering(q, answer) {
      const order = idList(answer, q.solution);
      const ids = q.solution;
      const n = ids.length;
      if (order.length !== n) throw new RangeError('every step once');
      if (q.scoring === 'all_or_nothing') return order.every((id, i) => id === ids[i]) ? 1 : 0;
      if (q.scoring === 'position') return order.filter((id, i) => id === ids[i]).length / n;
      const rightPairs = new Set(ids.slice(1).map((id, i) => ids[i] + ' ' + id));
      return order.slice(1).filter((id, i) => rightPairs.has(order[i] + ' ' + id)).length / (n - 1);
    },
    scenario(q, answer) {
      const nodes = new Map(q.nodes.map((node) => [node.id, node]));
      let node = q.start;
      let earned = 0;
      for (const id of idList(answer, null, true)) {
        const choice = nodes.get(node).choices.find((c) => c.id === id);
        if (!choice) throw new RangeError(`'${id}' is not a choice at '${node}'`);
        earned += choice.points;
        node = choice.next;
      }
      return earned / q.best;
    },
  };
  const Grading = {
    // One question: {points, maxPoints, status}; null or undefined means unanswered.
    question(q, answer) {
      const weight = q.points;
      if (answer === null || answer === undefined) {
        return { points: 0, maxPoints: weight, status: 'unanswered' };
      }
      const fraction = FRACTION[q.type](q, answer);
      const status = fraction === 1 ? 'correct' : fraction === 0 ? 'wrong' : 'partial';
      return { points: weight * fraction, maxPoints: weight, status };
    },
    // A quiz: sums in YAML order (data.questions), never in the shuffled order shown.
    quiz(data, answers) {
      let total = 0;
      let possible = 0;
      const questions = data.questions.map((q) => {
        const result = Grading.question(q, answers[q.id]);
        total += result.points;
        possible += result.maxPoints;
        return result;
      });
      const score = possible ? total / possible : 0;
      return { score, points: total, maxPoints: possible, passed: score >= data.passMark, questions };
    },
    percent: (score) => Math.round(score * 100), // = grader.percent: half rounds up
  };

  /* ---- Shuffle: generator/shuffle.py, draw for draw ----------------------------------- */
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
    mulberry32,
    shuffled,
    // {questions: [ids], options: {qid: [ids]}, choices: {qid: {node: [ids]}}}
    presentation(data, seed) {
      const draw = mulberry32(seed);
      let questions = data.questions.map((q) => q.id);
      if (data.shuffle.questions) questions = shuffled(questions, draw);
      const result = { questions, options: {}, choices: {} };
      if (!data.shuffle.options) return result;
      for (const q of data.questions) {
        if (q.type === 'single' || q.type === 'multiple') {
          result.options[q.id] = shuffled(q.options, draw);
        } else if (q.type === 'scenario') {
          result.choices[q.id] = {};
          for (const node of q.nodes) {
            result.choices[q.id][node.id] = shuffled(node.choices.map((c) => c.id), draw);
          }
        }
      }
      return result;
    },
    newSeed() {
      try {
        return crypto.getRandomValues(new Uint32Array(1))[0];
      } catch (e) { // very old browsers: any uint32 will do, it is recorded anyway
        return Math.floor(Math.random() * 4294967296);
      }
    },
  };

  /* ---- Storage: one JSON record per course ---------------------------------------------- */
  // The key carries the site's root path (from this script's own address), so two courses on
  // one host, or several opened from file:// (one origin in Chromium), keep apart.
  const script = document.currentScript || document.querySelector('script[src$="course/quiz.js"]');
  const SITE = script ? new URL('../../', script.src).pathname : location.pathname;

  class Store {
    constructor(key) {
      this.key = key;
      this.memory = null; // used when localStorage refuses: progress lasts for this page view
      this.available = Store.probe();
    }

    // Private mode, blocked cookies and file:// quirks make localStorage throw on access or write.
    static probe() {
      try {
        localStorage.setItem('course-probe', '1');
        localStorage.removeItem('course-probe');
        return true;
      } catch (e) {
        return false;
      }
    }

    read() {
      let state = this.memory;
      if (this.available) {
        try {
          state = JSON.parse(localStorage.getItem(this.key)) || state;
        } catch (e) { /* unreadable record: start again */ }
      }
      const fresh = { v: 1, learner: '', lessons: {}, quizzes: {} };
      return state && typeof state === 'object' && state.v === 1 ? { ...fresh, ...state } : fresh;
    }

    update(change) {
      const state = this.read();
      change(state);
      this.memory = state;
      if (this.available) {
        try {
          localStorage.setItem(this.key, JSON.stringify(state));
        } catch (e) { /* quota full: the memory copy still serves this page */ }
      }
      return state;
    }

    clear() {
      this.memory = null;
      try {
        localStorage.removeItem(this.key);
      } catch (e) { /* nothing stored */ }
    }
  }
  const store = new Store('course-progress:' + SITE);
  const quizRecord = (state, id) => (state.quizzes[id] = state.quizzes[id] || {});

  /* ---- Small DOM helpers ---------------------------------------------------------------- */
  const h = (tag, props = {}, ...children) => {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'class') el.className = value;
      else if (key === 'text') el.textContent = value;
      else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else if (value !== false && value !== null) el.setAttribute(key, value === true ? '' : value);
    }
    el.append(...children);
    return el;
  };
  const mark = (where, kind, text) => where.append(h('span', { class: 'course-mark', 'data-mark': kind, text }));
  const clearMarks = (root) => root.querySelectorAll('.course-mark').forEach((m) => m.remove());

  /* ---- Questions: one class per kind, same small interface ------------------------------
   * answer(): the answer in answer-file form, or null;  restore(answer): show a saved answer;
   * lock(on): stop or allow changes;  reveal(): practice feedback;  reset(): start again.  */
  class ChoiceQuestion {
    constructor(el, q, quiz) {
      Object.assign(this, { el, q, quiz });
      this.inputs = [...el.querySelectorAll('.course-options input')];
      this.inputs.forEach((input) => input.addEventListener('change', () => quiz.changed(this)));
    }

    arrange(presentation) {
      const order = presentation.options[this.q.id];
      const list = this.el.querySelector('.course-options');
      if (order) order.forEach((id) => list.append(list.querySelector(`[data-option="${id}"]`)));
    }

    answer() {
      const picked = this.inputs.filter((i) => i.checked).map((i) => i.value);
      if (!picked.length) return null;
      if (this.q.type === 'multiple') return this.q.options.filter((id) => picked.includes(id));
      return this.q.type === 'true_false' ? picked[0] === 'true' : picked[0];
    }

    restore(answer) {
      const values = answer === null ? [] : [].concat(answer).map(String);
      this.inputs.forEach((i) => { i.checked = values.includes(i.value); });
    }

    lock(on) {
      this.inputs.forEach((i) => { i.disabled = on; });
    }

    reveal() {
      const q = this.q;
      const correct = q.type === 'true_false' ? [String(q.answer)] : q.correct;
      for (const li of this.el.querySelectorAll('.course-option')) {
        const chosen = li.querySelector('input').checked;
        const right = correct.includes(li.dataset.option);
        const kind = chosen ? (right ? 'right' : 'wrong') : right ? 'missed' : null;
        if (kind) mark(li.querySelector('label'), kind, this.quiz.t('mark_' + kind));
        const feedback = li.querySelector('.course-feedback');
        if (feedback) feedback.hidden = !chosen;
      }
    }

    reset() {
      this.restore(null);
      this.lock(false);
      clearMarks(this.el);
      this.el.querySelectorAll('.course-feedback').forEach((f) => { f.hidden = true; });
    }
  }

  class OrderingQuestion {
    constructor(el, q, quiz) {
      Object.assign(this, { el, q, quiz, moved: false });
      this.list = el.querySelector('.course-steps');
      for (const li of this.list.children) {
        const text = li.textContent.trim();
        const button = (delta, key, arrow) => h('button', {
          type: 'button', class: 'course-move', 'aria-label': quiz.t(key, { text }),
          title: quiz.t(key, { text }), onclick: () => this.move(li, delta, text),
        }, arrow);
        li.append(h('span', { class: 'course-moves' }, button(-1, 'up', '↑'), button(1, 'down', '↓')));
      }
      this.original = [...this.list.children];
      this.refresh();
    }

    arrange() { /* steps are never shuffled from the seed: see generator/shuffle.py */ }

    move(li, delta, text) {
      const other = delta < 0 ? li.previousElementSibling : li.nextElementSibling;
      if (!other || this.locked) return;
      // Move the neighbour, not the step: moving the focused element would drop keyboard focus.
      if (delta < 0) li.after(other);
      else li.before(other);
      this.refresh();
      const n = [...this.list.children].indexOf(li) + 1;
      this.quiz.announce(this.quiz.t('moved', { text, n, m: this.list.children.length }));
      this.quiz.changed(this);
    }

    // Ends of the list: aria-disabled keeps the button focusable where `disabled` would drop focus.
    refresh() {
      const items = [...this.list.children];
      items.forEach((li, i) => {
        const [up, down] = li.querySelectorAll('.course-move');
        up.setAttribute('aria-disabled', String(i === 0));
        down.setAttribute('aria-disabled', String(i === items.length - 1));
      });
    }

    answer() {
      return [...this.list.children].map((li) => li.dataset.step);
    }

    restore(order) {
      if (!order) return;
      order.forEach((id) => {
        const li = this.list.querySelector(`[data-step="${id}"]`);
        if (li) this.list.append(li);
      });
      this.refresh();
    }

    lock(on) {
      this.locked = on;
      this.list.querySelectorAll('.course-move').forEach((b) => { b.disabled = on; });
    }

    reveal() {
      [...this.list.children].forEach((li, i) => {
        const place = this.q.solution.indexOf(li.dataset.step);
        const right = place === i;
        mark(li.querySelector('.course-moves'), right ? 'right' : 'wrong',
          this.quiz.t(right ? 'place_right' : 'place_wrong', { n: place + 1 }));
      });
    }

    reset() {
      this.original.forEach((li) => this.list.append(li));
      this.lock(false);
      clearMarks(this.el);
      this.refresh();
    }
  }

  class ScenarioQuestion {
    constructor(el, q, quiz) {
      Object.assign(this, { el, q, quiz, path: [] });
      this.data = new Map(q.nodes.map((node) => [node.id, node]));
      this.nodes = new Map([...el.querySelectorAll('.course-node')].map((n) => [n.dataset.node, n]));
      this.original = [...this.nodes.values()];
      for (const node of this.original) {
        if (node.classList.contains('course-node--end')) continue;
        node.append(h('p', { class: 'course-q-actions' }, h('button', {
          type: 'button', class: 'md-button course-continue', onclick: () => this.choose(node),
        }, quiz.t('continue'))));
      }
      this.restartButton = h('button', {
        type: 'button', class: 'md-button course-restart', hidden: true,
        onclick: () => { this.reset(); quiz.changed(this); this.current().focus(); },
      }, quiz.t('restart'));
      // After the last node; nodes only ever move among themselves, so this stays below them.
      this.actions = h('p', { class: 'course-q-actions' });
      if (!quiz.practice) this.actions.append(this.restartButton);
      this.original[this.original.length - 1].after(this.actions);
      this.reset();
    }

    current() {
      return this.trail[this.trail.length - 1];
    }

    arrange(presentation) {
      const orders = presentation.choices[this.q.id] || {};
      for (const [nodeId, order] of Object.entries(orders)) {
        const list = this.nodes.get(nodeId).querySelector('.course-choices');
        order.forEach((id) => list.append(list.querySelector(`[data-option="${id}"]`)));
      }
    }

    choose(node) {
      const picked = node.querySelector('.course-choices input:checked');
      if (node !== this.current() || this.locked) return;
      if (!picked) {
        this.quiz.announce(this.quiz.t('choose_first'));
        return;
      }
      this.step(picked.value, false);
      this.quiz.changed(this);
      if (this.ended() && this.quiz.practice) this.quiz.submit(this);
    }

    // Take one choice: lock the node, show the reply (and in practice its feedback), reveal the next.
    step(choiceId, quietly) {
      const node = this.current();
      const choice = this.data.get(node.dataset.node).choices.find((c) => c.id === choiceId);
      const next = choice && this.nodes.get(choice.next);
      if (!next) return false;
      this.path.push(choiceId);
      node.classList.add('is-done');
      node.querySelectorAll('input, .course-continue').forEach((c) => { c.disabled = true; });
      const li = node.querySelector(`.course-option[data-option="${choiceId}"]`);
      li.querySelector('input').checked = true;
      li.classList.add('is-chosen');
      mark(li.querySelector('label'), 'you', this.quiz.t('you'));
      if (this.quiz.practice) {
        const feedback = li.querySelector('.course-feedback');
        if (feedback) feedback.hidden = false;
        if (choice.points) mark(li.querySelector('label'), 'points', this.quiz.t('step_points', { n: choice.points }));
      }
      node.after(next);
      this.show(next);
      const outcome = next.querySelector('.course-outcome');
      if (outcome && this.quiz.practice) outcome.hidden = false;
      this.restartButton.hidden = false;
      if (!quietly) {
        next.focus();
        const said = next.querySelectorAll('.course-node-step, .course-turn, .course-situation, ' +
          '.course-ending-label, .course-outcome:not([hidden])');
        this.quiz.announce([...said].map((el) => el.textContent).join(' ').replace(/\s+/g, ' ').trim());
      }
      return true;
    }

    show(node) {
      this.trail.push(node);
      node.hidden = false;
      node.querySelector('.course-node-step').textContent = this.quiz.t('step', { n: this.trail.length });
    }

    ended() {
      return this.current().classList.contains('course-node--end');
    }

    answer() {
      return this.path.length ? this.path.slice() : null;
    }

    restore(path) {
      this.reset();
      for (const id of path || []) if (!this.step(id, true)) break;
    }

    lock(on) {
      this.locked = on;
      this.restartButton.hidden = on || !this.path.length;
    }

    reveal() { /* feedback is shown step by step, as the conversation goes */ }

    reset() {
      this.path = [];
      this.trail = [];
      this.locked = false;
      this.restartButton.hidden = true;
      this.original.forEach((node) => {
        node.hidden = true;
        node.classList.remove('is-done');
        node.querySelectorAll('input, .course-continue').forEach((c) => { c.disabled = false; c.checked = false; });
        node.querySelectorAll('.is-chosen').forEach((li) => li.classList.remove('is-chosen'));
        node.querySelectorAll('.course-feedback, .course-outcome').forEach((f) => { f.hidden = true; });
      });
      // Back to the listed order, before the explanation and the widget's own controls.
      const anchor = this.el.querySelector('.course-q-prompt');
      this.original.slice().reverse().forEach((node) => anchor.after(node));
      clearMarks(this.el);
      this.show(this.nodes.get(this.q.start));
    }
  }

  const QUESTION_TYPES = {
    single: ChoiceQuestion, multiple: ChoiceQuestion, true_false: ChoiceQuestion,
    ordering: OrderingQuestion, scenario: ScenarioQuestion,
  };

  /* ---- A quiz: attempt, presentation, checking, result, answer file ---------------------- */
  class QuizWidget {
    constructor(root, data) {
      Object.assign(this, { root, data, t: (key, vars) => say(data.ui, key, vars) });
      this.practice = data.mode === 'practice';
      this.live = h('p', { class: 'course-visually-hidden', role: 'status', 'aria-live': 'polite' });
      this.questions = data.questions.map((q) => {
        const el = root.querySelector(`.course-q[data-question="${q.id}"]`);
        const question = new QUESTION_TYPES[q.type](el, q, this);
        if (this.practice) this.addCheck(question);
        return question;
      });
      this.buildFooter();
      root.classList.add('is-live');
      const saved = quizRecord(store.read(), data.quiz).attempt;
      if (saved && Number.isInteger(saved.seed)) this.start(saved);
      else this.start(null);
    }

    addCheck(question) {
      if (question.q.type === 'scenario') { // checked when the conversation ends
        question.result = h('span', { class: 'course-q-result', hidden: true });
        question.actions.append(question.result);
        return;
      }
      question.checkButton = h('button', {
        type: 'button', class: 'md-button course-check', onclick: () => this.submit(question),
      }, this.t('check'));
      question.result = h('span', { class: 'course-q-result', hidden: true });
      const where = question.el.querySelector('.course-options, .course-steps');
      where.after(h('p', { class: 'course-q-actions' }, question.checkButton, ' ', question.result));
    }

    buildFooter() {
      const say_ = (key, vars) => this.t(key, vars);
      this.status = h('p', { class: 'course-quiz-status' });
      this.result = h('div', { class: 'course-quiz-result', hidden: true, tabindex: '-1' });
      this.retryButton = h('button', {
        type: 'button', class: 'md-button course-retry', hidden: true,
        onclick: () => { this.start(null); this.root.querySelector('.course-q input, .course-q button').focus(); },
      }, this.t('retry'));
      const nameId = `course-learner-${this.data.quiz}`;
      this.nameInput = h('input', {
        id: nameId, type: 'text', class: 'course-learner', autocomplete: 'name', maxlength: '100',
        value: store.read().learner || '',
        onchange: () => store.update((s) => { s.learner = this.nameInput.value.trim(); }),
        oninput: () => this.nameInput.removeAttribute('aria-invalid'),
      });
      this.note = h('p', { class: 'course-download-note' });
      const download = h('div', { class: 'course-download' },
        h('label', { for: nameId }, this.t('name')), this.nameInput,
        h('button', { type: 'button', class: 'md-button md-button--primary course-download-button',
          onclick: () => this.download() }, this.t('download')));
      const footer = h('div', { class: 'course-quiz-footer' }, this.status, this.result,
        h('p', {}, this.retryButton), download, this.note, this.live);
      if (!store.available) footer.append(h('p', { class: 'course-storage-note', text: this.t('no_storage') }));
      this.root.append(footer);
    }

    // Begin an attempt: a saved one (same seed, same answers) or a new one with a new seed.
    start(saved) {
      this.attempt = saved || { seed: Shuffle.newSeed(), startedAt: now(), answers: {}, submitted: [] };
      this.finished = null;
      this.root.dataset.seed = String(this.attempt.seed);
      ['score', 'points', 'maxPoints', 'passed', 'percent'].forEach((k) => delete this.root.dataset[k]);
      this.result.hidden = this.retryButton.hidden = true;
      this.present(Shuffle.presentation(this.data, this.attempt.seed));
      for (const question of this.questions) {
        question.reset();
        if (question.checkButton) {
          question.checkButton.removeAttribute('aria-disabled');
          question.checkButton.textContent = this.t('check');
        }
        if (question.result) question.result.hidden = true;
        const explanation = question.el.querySelector('.course-explanation');
        if (explanation) explanation.hidden = true;
        ['points', 'maxPoints', 'status'].forEach((k) => delete question.el.dataset[k]);
        const saved_ = this.attempt.answers[question.q.id];
        if (saved_) question.restore(saved_.answer);
        if (this.attempt.submitted.includes(question.q.id)) this.check(question, true);
      }
      this.save();
      if (this.practice && this.questions.every((q) => this.attempt.submitted.includes(q.q.id))) {
        this.finish(true);
      }
      this.updateStatus();
    }

    present(presentation) {
      const byId = new Map(this.questions.map((q) => [q.q.id, q]));
      const footer = this.root.querySelector('.course-quiz-footer');
      presentation.questions.forEach((id, i) => {
        const question = byId.get(id);
        this.root.insertBefore(question.el, footer);
        question.el.querySelector('.course-q-number').textContent = this.t('number', { n: i + 1 });
        question.arrange(presentation);
      });
    }

    save() {
      store.update((s) => { quizRecord(s, this.data.quiz).attempt = this.attempt; });
    }

    changed(question) {
      this.attempt.answers[question.q.id] = { answer: question.answer(), at: now() };
      this.save();
      this.updateStatus();
    }

    announce(message) {
      // Same text twice would not be announced again: nudge it with a no-break space.
      this.live.textContent = this.live.textContent === message ? message + '\u00a0' : message;
    }

    // Practice: grade one question and show why.
    submit(question) {
      const id = question.q.id;
      if (this.attempt.submitted.includes(id) || this.finished) return;
      if (question.answer() === null) {
        this.announce(this.t('choose_first'));
        return;
      }
      this.attempt.answers[id] = { answer: question.answer(), at: now() };
      this.attempt.submitted.push(id);
      this.save();
      const text = this.check(question, false);
      this.updateStatus();
      if (this.questions.every((q) => this.attempt.submitted.includes(q.q.id))) this.finish(false);
      else this.announce(text);
    }

    check(question, quietly) {
      const result = Grading.question(question.q, question.answer());
      question.lock(true);
      question.reveal();
      Object.assign(question.el.dataset, {
        points: String(result.points), maxPoints: String(result.maxPoints), status: result.status,
      });
      const text = this.t('got', {
        status: this.t('status_' + result.status), points: twoDecimals(result.points),
        max: twoDecimals(result.maxPoints),
      });
      question.result.textContent = text;
      question.result.hidden = false;
      if (question.checkButton) {
        question.checkButton.setAttribute('aria-disabled', 'true');
        question.checkButton.textContent = this.t('checked');
      }
      const explanation = question.el.querySelector('.course-explanation');
      if (explanation) explanation.hidden = false;
      return quietly ? '' : text;
    }

    answers() {
      return Object.fromEntries(this.questions.map((q) => [q.q.id, q.answer()]));
    }

    // Practice: every question checked; score the quiz as the grader would.
    finish(quietly) {
      const result = Grading.quiz(this.data, this.answers());
      this.finished = result;
      const pct = Grading.percent(result.score);
      Object.assign(this.root.dataset, {
        score: String(result.score), points: String(result.points),
        maxPoints: String(result.maxPoints), passed: String(result.passed), percent: String(pct),
      });
      const pass = Grading.percent(this.data.passMark);
      const line = this.t('score', { pct, points: twoDecimals(result.points), max: twoDecimals(result.maxPoints) });
      const verdict = this.t(result.passed ? 'passed' : 'failed', { pass });
      this.result.replaceChildren(h('p', { class: 'course-score', text: line }),
        h('p', { class: 'course-verdict', 'data-passed': String(result.passed), text: verdict }));
      this.result.hidden = this.retryButton.hidden = false;
      if (quietly) return;
      this.announce(`${line} ${verdict}`);
      this.root.dispatchEvent(new CustomEvent('quiz:graded', {
        bubbles: true,
        detail: { quiz: this.data.quiz, score: result.score, passed: result.passed,
          points: result.points, maxPoints: result.maxPoints, mode: this.data.mode },
      }));
    }

    updateStatus() {
      const total = this.questions.length;
      const done = this.practice ? this.attempt.submitted.length
        : this.questions.filter((q) => q.answer() !== null).length;
      this.status.textContent = this.t(this.practice ? 'done_practice' : 'done_assessment', { n: done, m: total });
    }

    // The answer file, exactly generator/models/answers.py AnswerFile.
    answerFile(name) {
      const data = this.data;
      const file = {
        format: 'course-answers/1', course: data.course, quiz: data.quiz, quiz_version: data.version,
        question_versions: Object.fromEntries(data.questions.map((q) => [q.id, q.version])),
        learner: { name }, seed: this.attempt.seed, started_at: this.attempt.startedAt,
        submitted_at: now(),
        answers: this.questions.map((q) => {
          const saved = this.attempt.answers[q.q.id];
          return { question: q.q.id, answer: q.answer(), answered_at: saved ? saved.at : null };
        }),
      };
      // Answers in YAML order, as the grader sums them (this.questions is in YAML order).
      if (this.practice && this.finished) file.page_score = this.finished.score;
      return file;
    }

    download() {
      const name = this.nameInput.value.trim();
      if (!name) {
        this.nameInput.setAttribute('aria-invalid', 'true');
        this.note.textContent = this.t('name_needed');
        this.announce(this.note.textContent);
        this.nameInput.focus();
        return null;
      }
      store.update((s) => { s.learner = name; });
      const file = this.answerFile(name);
      const stamp = file.submitted_at.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
      const filename = `${file.quiz}-${name.replace(/[\\/:*?"<>|\s]+/g, '_')}-${stamp}.json`;
      // A Blob link with `download` works from file:// too, where no server could receive it.
      const link = h('a', { href: URL.createObjectURL(new Blob([JSON.stringify(file, null, 2) + '\n'],
        { type: 'application/json' })), download: filename, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      this.note.textContent = this.t('downloaded', { file: filename });
      this.announce(this.note.textContent);
      this.root.dispatchEvent(new CustomEvent('quiz:answers', {
        bubbles: true, detail: { quiz: file.quiz, mode: this.data.mode, file },
      }));
      return file;
    }
  }

  /* ---- Progress: lessons read, quiz results, the progress page ------------------------- */
  const Progress = {
    markLessonsRead(root) {
      const ids = [...root.querySelectorAll('.course-meta[data-lesson]')].map((el) => el.dataset.lesson);
      if (ids.length) store.update((s) => ids.forEach((id) => { s.lessons[id] = s.lessons[id] || now(); }));
    },

    recordGraded(event) {
      const { quiz, score, passed, mode } = event.detail;
      store.update((s) => {
        const record = quizRecord(s, quiz);
        record.last = { score, passed, at: now(), mode };
        if (record.best === undefined || score > record.best) record.best = score;
        record.passed = Boolean(record.passed || passed);
      });
    },

    recordAnswers(event) {
      const { quiz, mode, file } = event.detail;
      store.update((s) => {
        const record = quizRecord(s, quiz);
        record.submitted = file.submitted_at;
        if (mode === 'assessment') record.last = { at: file.submitted_at, mode };
      });
    },

    // Fill in each lesson's and quiz's state, in page order, and what is left to do.
    render(page) {
      const t = (key, vars) => say(JSON.parse(page.dataset.strings), key, vars);
      const state = store.read();
      const left = [];
      const done = { lesson: 0, quiz: 0 };
      const items = [...page.querySelectorAll('[data-progress-lesson], [data-progress-quiz]')];
      for (const li of items) {
        const kind = li.dataset.progressLesson ? 'lesson' : 'quiz';
        let finished;
        let text;
        if (kind === 'lesson') {
          finished = Boolean(state.lessons[li.dataset.progressLesson]);
          text = t(finished ? 'read' : 'unread');
        } else {
          const record = state.quizzes[li.dataset.progressQuiz] || {};
          finished = Boolean(record.passed || (record.best === undefined && record.submitted));
          text = t('not_started');
          if (record.best !== undefined) {
            text = [t('best_score', { pct: Grading.percent(record.best) }),
              t('last_score', { pct: Grading.percent(record.last.score) }),
              t(record.passed ? 'quiz_passed' : 'quiz_failed')].join(' · ');
          } else if (record.submitted) {
            text = t('submitted', { date: record.submitted.slice(0, 10) });
          }
        }
        done[kind] += finished;
        li.classList.toggle('is-done', finished);
        li.querySelector('.course-progress-state').textContent = text;
        if (!finished) left.push(li.querySelector('a').textContent.trim());
      }
      page.querySelector('.course-progress-summary').textContent = t('summary', {
        read: done.lesson, lessons: page.querySelectorAll('[data-progress-lesson]').length,
        quizzes_done: done.quiz, quizzes: page.querySelectorAll('[data-progress-quiz]').length,
      });
      page.querySelector('.course-progress-left').textContent =
        left.length ? t('left', { items: left.join(t('list_sep')) }) : t('all_done');
    },

    enhance(page) {
      const t = (key, vars) => say(JSON.parse(page.dataset.strings), key, vars);
      const message = h('p', { class: 'course-progress-message', role: 'status', 'aria-live': 'polite' });
      const reset = h('button', {
        type: 'button', class: 'md-button course-progress-reset', onclick: () => {
          if (!window.confirm(t('reset_confirm'))) return;
          store.clear();
          this.render(page);
          message.textContent = t('reset_done');
        },
      }, t('reset'));
      page.append(h('p', {}, reset), message);
      if (!store.available) page.prepend(h('p', { class: 'course-storage-note', text: t('no_storage') }));
      page.classList.add('is-live');
      this.render(page);
    },
  };

  /* ---- Start-up: idempotent, for every page Material's instant navigation swaps in -------- */
  const once = (selector, enhance) => document.querySelectorAll(selector).forEach((el) => {
    if (el.dataset.courseReady) return;
    el.dataset.courseReady = 'true';
    enhance(el);
  });
  const widgets = new WeakMap(); // quiz element -> QuizWidget, for tests and listeners

  function init() {
    Progress.markLessonsRead(document);
    once('.course-quiz[data-quiz]', (root) => {
      widgets.set(root, new QuizWidget(root, JSON.parse(root.dataset.json)));
    });
    once('[data-course-progress]', (page) => Progress.enhance(page));
  }

  document.addEventListener('quiz:graded', (e) => Progress.recordGraded(e));
  document.addEventListener('quiz:answers', (e) => Progress.recordAnswers(e));

  window.CourseQuiz = {
    Grading, Shuffle, init, store,
    widget: (root) => widgets.get(root),
    gradeQuestion: (q, answer) => Grading.question(q, answer),
    gradeQuiz: (data, answers) => Grading.quiz(data, answers),
  };

  // Material's document$ emits after each instant navigation. From file:// (Material 9.8) it
  // completes without emitting, so also run on load; init is idempotent, twice is harmless.
  if (window.document$ && typeof window.document$.subscribe === 'function') window.document$.subscribe(init);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
