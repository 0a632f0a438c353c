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

  // Integrity: generator/integrity/ (codes, seeds, canonical, signing) step for step.
  // SHA-256 and HMAC by Web Crypto where the page has it (https, localhost, file://); a page
  // served over plain http on a LAN has no crypto.subtle, so a small SHA-256 follows (FIPS 180-4;
  // its constants are the fractional parts of the roots of the first primes).
  const K = [];
  const H0 = [];
  for (let n = 2; K.length < 64; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    const frac = (x) => ((x - Math.floor(x)) * 4294967296) | 0;
    if (prime) {
      if (H0.length < 8) H0.push(frac(Math.sqrt(n)));
      K.push(frac(Math.cbrt(n)));
    }
  }
  const ror = (x, n) => (x >>> n) | (x << (32 - n));
  const sha256js = (bytes) => {
    const words = new Int32Array((((bytes.length + 8) >> 6) + 1) * 16);
    bytes.forEach((b, i) => { words[i >> 2] |= b << (24 - (i % 4) * 8); });
    words[bytes.length >> 2] |= 0x80 << (24 - (bytes.length % 4) * 8);
    words[words.length - 1] = bytes.length * 8;
    words[words.length - 2] = Math.floor(bytes.length / 0x20000000);
    const hash = H0.slice();
    const w = new Int32Array(64);
    for (let block = 0; block < words.length; block += 16) {
      for (let i = 0; i < 64; i++) {
        const x = w[i - 15];
        const y = w[i - 2];
        w[i] = i < 16 ? words[block + i] : (ror(x, 7) ^ ror(x, 18) ^ (x >>> 3)) + w[i - 7]
          + (ror(y, 17) ^ ror(y, 19) ^ (y >>> 10)) + w[i - 16];
      }
      let [a, b, c, d, e, f, g, hh] = hash;
      for (let i = 0; i < 64; i++) {
        const t1 = (hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        const t2 = ((ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) | 0, c, b, a, (t1 + t2) | 0];
      }
      [a, b, c, d, e, f, g, hh].forEach((v, i) => { hash[i] = (hash[i] + v) | 0; });
    }
    return new Uint8Array(hash.flatMap((v) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255]));
  };
  const hmacjs = (key, message) => { // a key of at most 64 bytes (a code is 9)
    const pad = (x) => Uint8Array.from({ length: 64 }, (_, i) => (key[i] || 0) ^ x);
    const inner = sha256js(new Uint8Array([...pad(0x36), ...message]));
    return sha256js(new Uint8Array([...pad(0x5c), ...inner]));
  };
  const subtle = () => window.crypto && crypto.subtle;
  const utf8 = (text) => new TextEncoder().encode(text);
  const hex = (bytes) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
  // Python's str.strip() and str.split() white space (str.isspace), not JavaScript's \s.
  const SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
  const CODE_SYMBOLS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  // codes.check_symbol: the Luhn mod 32 check of the 8 data symbols (from the right, every
  // other value doubled and its two base-32 digits added).
  const checkSymbol = (data) => {
    let total = 0;
    [...data].reverse().forEach((c, i) => {
      const v = CODE_SYMBOLS.indexOf(c) * (i % 2 ? 1 : 2);
      total += (v >> 5) + (v & 31);
    });
    return CODE_SYMBOLS[(32 - (total % 32)) % 32];
  };
  const Integrity = {
    sha256: async (bytes) => (subtle() ? new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)) : sha256js(bytes)),
    async hmac(key, message) {
      if (!subtle()) return hex(hmacjs(key, message));
      const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      return hex(await crypto.subtle.sign('HMAC', k, message));
    },
    sha256js,
    hmacjs: (key, message) => hex(hmacjs(key, message)),
    strip: (text) => text.replace(new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, 'g'), ''),
    // seeds.normalised_id: NFC, trimmed, case-folded. Each character upper- then lower-cased
    // gives casefold's special cases (ß→ss, ﬁ→fi, ς→σ), but for the dotless ı (kept), the
    // capital ẞ (ss) and Cherokee (capitals). Checked over every code point in Chromium: only
    // letters newer than Python's Unicode tables differ.
    normalisedId: (id) => [...Integrity.strip(id.normalize('NFC'))].map((c) => (c === 'ı' ? c
      : c.toUpperCase().toLowerCase().replace('ß', 'ss').replace(/[\uab70-\uabbf\u13f8-\u13fd]/,
        (x) => String.fromCharCode(x.charCodeAt(0) - (x > '\u13ff' ? 0x97d0 : 8))))).join(''),
    async seed(id, version, attempt) {
      const digest = await Integrity.sha256(utf8(`${Integrity.normalisedId(id)}\n${version}\n${attempt}`));
      return new DataView(digest.buffer).getUint32(0);
    },
    normaliseCode: (text) => text.replace(new RegExp(`[${SPACE}-]`, 'g'), '').toUpperCase()
      .replace(/O/g, '0').replace(/[IL]/g, '1'),
    // codes.problem: [string key, vars] for a mistyped code, or null when its check holds.
    codeProblem(text) {
      const raw = Integrity.normaliseCode(text);
      if (raw.length !== 9) return ['code_length', { n: raw.length }];
      const bad = [...raw.slice(0, 8)].find((c) => !CODE_SYMBOLS.includes(c));
      if (bad) return ['code_symbol', { c: bad }];
      return raw[8] === checkSymbol(raw.slice(0, 8)) ? null : ['code_check', {}];
    },
    // canonical.canonical_bytes: keys sorted at every level, no signature or page_score.
    canonical(value) {
      if (Array.isArray(value)) return `[${value.map(Integrity.canonical).join(',')}]`;
      if (value && typeof value === 'object') {
        return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${Integrity.canonical(value[k])}`).join(',')}}`;
      }
      return JSON.stringify(value);
    },
    sign(file, code) {
      const { signature, page_score: score, ...signed } = file;
      return Integrity.hmac(utf8(Integrity.normaliseCode(code)), utf8(Integrity.canonical(signed)));
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

  const THRESHOLDS = [10, 5, 1]; // minutes left that are announced (the clock is shown always)

  class QuizWidget {
    constructor(root, data) {
      Object.assign(this, { root, data, practice: data.mode === 'practice', exam: data.exam || {} });
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
      this.clock = h('p', { class: 'course-clock', role: 'timer', hidden: true });
      root.prepend(this.notes, this.clock);
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
      if (data.identity) this.buildIdentity();
      else this.resume(null);
    }

    // Staff id and access code, before the first question. The code's check symbol is checked
    // here (a typo is caught before starting); the code itself is known only to the desk. It is
    // kept for this tab only (sessionStorage), never in localStorage, and used only to sign.
    buildIdentity() {
      const t = this.t;
      const quiz = this.data.quiz;
      const field = (name, label, props) => {
        const input = h('input', { id: `course-${name}-${quiz}`, type: 'text', class: 'course-learner',
          maxlength: 100, 'aria-describedby': `course-${name}-${quiz}-hint`, ...props,
          oninput: () => input.removeAttribute('aria-invalid') });
        return [input, h('p', { class: 'course-field' }, h('label', { for: input.id, text: label }), input,
          h('span', { class: 'course-hint', id: `course-${name}-${quiz}-hint`, text: t(`${name}_hint`) }))];
      };
      const [id, idField] = field('id', t('id_label'), { autocomplete: 'username', value: store.read().learnerId || '' });
      // In a SCORM package the LMS knows who is signed in (scorm.js, which may load after this).
      const fromLms = () => {
        const lms = safely(() => window.courseScorm.learnerId());
        if (lms && document.activeElement !== id) id.value = lms;
      };
      fromLms();
      window.addEventListener('load', fromLms, { once: true });
      const [code, codeField] = field('code', t('code_label'), { autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false' });
      this.gateError = h('p', { class: 'course-field-error', role: 'alert' });
      this.gate = h('form', { class: 'course-identity', novalidate: true, onsubmit: (e) => {
        e.preventDefault();
        this.enter(id, code);
      } }, h('p', { text: t('identity_intro') }), idField, codeField, this.gateError,
      h('p', {}, h('button', { type: 'submit', class: 'md-button md-button--primary course-start' }, t('start'))));
      this.notes.after(this.gate);
      this.root.classList.add('is-waiting');
      this.codeKey = `course-code:${store.key}`;
      const typed = safely(() => sessionStorage.getItem(this.codeKey));
      if (id.value && typed) {
        code.value = typed;
        this.enter(id, code, true);
      }
    }

    async enter(idInput, codeInput, quietly) {
      const id = Integrity.strip(idInput.value);
      const problem = id ? Integrity.codeProblem(codeInput.value) : ['id_needed', {}];
      if (problem) {
        const input = id ? codeInput : idInput;
        input.setAttribute('aria-invalid', 'true');
        this.gateError.textContent = this.t(...problem);
        if (!quietly) input.focus();
        return;
      }
      this.gateError.textContent = '';
      this.code = Integrity.normaliseCode(codeInput.value);
      safely(() => sessionStorage.setItem(this.codeKey, this.code));
      store.update((s) => { s.learnerId = id; });
      Object.assign(this, { learnerId: id, who: Integrity.normalisedId(id) });
      await this.resume(this.who);
      this.gate.hidden = true;
      this.root.classList.remove('is-waiting');
      if (!quietly) this.focusFirst();
    }

    // Where the saved attempt is kept: per learner where the page asks who they are.
    slot(state) {
      const r = record(state, this.data.quiz);
      if (!this.who) return [r, 'attempt'];
      if (!isObject(r.attempts)) r.attempts = {};
      return [r.attempts, this.who];
    }

    stored() {
      const [holder, key] = this.slot(store.read());
      return holder[key];
    }

    // The saved attempt, or a first one. One saved under another version of the quiz, or that
    // is not an attempt at all, is set aside (kept in the record, said in a note), never used.
    async resume(who) {
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
      const used = who ? (record(store.read(), this.data.quiz).used || {})[who] : 0;
      this.start(saved || await this.attemptNumber(Number.isInteger(used) && used > 0 ? used : 1));
    }

    // A new attempt: its seed from who, the version and the number where the page asks who
    // (integrity/seeds.py: the paper cannot be shopped for), else random.
    async attemptNumber(n) {
      const seed = this.who ? await Integrity.seed(this.learnerId, this.data.version, n)
        : crypto.getRandomValues(new Uint32Array(1))[0];
      if (this.who) store.update((s) => { const r = record(s, this.data.quiz); r.used = { ...r.used, [this.who]: n }; });
      return { v: this.data.version, n, seed, startedAt: now(), answers: {}, submitted: [], closed: null };
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
        h('div', { class: 'course-download' }, this.data.identity ? ''
          : h('label', { for: id }, t('name')), this.data.identity ? '' : this.name, this.downloadButton),
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
      this.downloadButton.textContent = this.t(this.data.exam ? 'hand_in' : 'download');
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
      if (attempt.closed) this.showClosed();
      this.updateStatus();
      this.tick();
    }

    isChecked(question) {
      return this.attempt.submitted.includes(question.q.id);
    }

    // Two tabs on one attempt: each saves what it has merged with what the other saved, per
    // question, the newer answer winning; a newer attempt started elsewhere is taken up.
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
      if (theirs.closed && !mine.closed) {
        mine.closed = theirs.closed;
        this.showClosed();
      }
      this.updateStatus();
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
      if (this.attempt.closed) question.lock(true);
    }

    changed(question) {
      this.tick(); // a tab asleep past the time limit closes now, as of the limit
      if (this.attempt.closed) {
        this.show(question); // too late: the attempt keeps its answer, and so does the page
        return;
      }
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
      const limit = this.exam.attempts;
      this.status.textContent = [this.learnerId ? this.t('learner_line', { id: this.learnerId, n: this.attempt.n }) : '',
        this.t(this.practice ? 'done_practice' : 'done_assessment', { n: done, m: this.paper.length })].join(' ').trim();
      if (!this.practice) this.retry.hidden = !(this.attempt.closed || this.attempt.downloaded) || this.attempt.n >= (limit || Infinity);
    }

    // The exam's clock: minutes left, shown always, announced only at THRESHOLDS; at zero the
    // attempt closes (as of the limit) and the download is offered.
    tick() {
      clearTimeout(this.timer);
      const limit = this.exam.time_limit;
      this.clock.hidden = !limit || Boolean(this.attempt.closed);
      if (this.clock.hidden) return;
      const end = Date.parse(this.attempt.startedAt) + limit * 60000;
      const left = end - Date.now();
      if (left <= 0) {
        this.close(new Date(end).toISOString(), 'time_up');
        this.downloadButton.focus();
        return;
      }
      const minutes = Math.ceil(left / 60000);
      this.clock.textContent = this.t('time_left', { n: minutes });
      if (THRESHOLDS.includes(minutes) && minutes < limit && this.warned !== minutes) {
        this.announce(this.t('time_warning', { n: minutes }));
      }
      this.warned = minutes;
      this.timer = setTimeout(() => this.root.isConnected && this.tick(), Math.min(left % 60000 || 60000, 15000) + 20);
    }

    // Submitting an exam (or its time running out) ends the attempt: answers are final.
    close(at, why) {
      if (this.attempt.closed) return;
      this.attempt.closed = at;
      this.save();
      this.showClosed(why);
    }

    showClosed(why) {
      clearTimeout(this.timer);
      this.clock.hidden = true;
      this.paper.forEach((q) => q.lock(true));
      const count = this.exam.after_submit === 'count';
      if (count) this.paper.forEach((q) => { q.el.hidden = true; });
      const n = this.answered();
      this.result.replaceChildren(...[why && this.t(why), this.t(count ? 'submitted_count' : 'submitted_answers',
        { n, m: this.paper.length - n })].filter(Boolean).map((text) => h('p', { text })));
      this.result.hidden = false;
      this.downloadButton.textContent = this.t('download');
      if (why) this.announce(this.result.textContent);
      this.updateStatus();
    }

    // Exactly the file the download writes (format 2; signed where the page asked for the code).
    async answerFile() {
      const { data, attempt } = this;
      if (!attempt) throw new Error(this.t('code_needed'));
      let learner = { id: this.learnerId };
      if (!data.identity) {
        const name = this.name.value.trim();
        if (!name) throw new Error(this.t('name_needed'));
        store.update((s) => { s.learner = name; });
        learner = { name };
      }
      const file = {
        format: 'course-answers/2', course: data.course, quiz: data.quiz, quiz_version: data.version,
        learner, attempt: attempt.n, seed: attempt.seed, started_at: attempt.startedAt,
        submitted_at: attempt.closed || now(),
        answers: this.paper.map((q) => ({ question: q.q.id, answer: q.answer(),
          answered_at: (attempt.answers[q.q.id] || {}).at || null })),
      };
      if (this.finished) file.page_score = this.finished.score;
      if (data.identity) file.signature = await Integrity.sign(file, this.code);
      return file;
    }

    // Handing in, by download or by Submit (collect.js): on an exam, once the learner confirms
    // (`question`), the attempt closes and its answers are final; then its file. null: not
    // confirmed. Rejects as answerFile() does while the attempt is not ready.
    async handIn(question) {
      if (this.attempt) this.tick();
      if (this.attempt && this.data.exam && !this.attempt.closed) {
        if (!window.confirm(question)) return null;
        this.close(now());
      }
      return this.answerFile();
    }

    async download() {
      const handingIn = this.attempt && this.data.exam && !this.attempt.closed; // an exam: downloading hands it in
      let file;
      try {
        file = await this.handIn(this.t('submit_confirm'));
        if (!file) return;
      } catch (error) {
        this.note.textContent = error.message;
        const input = this.data.identity ? this.gate.querySelector('input') : this.name;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
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
      if (handingIn) this.result.focus(); // what was handed in, read out first
      this.emit('quiz:answers', { quiz: this.data.quiz, mode: this.data.mode, file });
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
  const init = () => {
    Progress.markLessonsRead();
    once('.course-quiz[data-json]', (root) => new QuizWidget(root, JSON.parse(root.dataset.json)));
    once('[data-course-progress]', (page) => Progress.enhance(page));
  };
  document.addEventListener('quiz:graded', (e) => Progress.graded(e));
  document.addEventListener('quiz:answers', (e) => Progress.answered(e));
  document.addEventListener('quiz:submitted', (e) => Progress.answered(e));
  window.CourseQuiz = { Grading, Shuffle, Integrity, init, store, gradeQuestion: Grading.question, gradeQuiz: Grading.quiz };

  // document$ emits after instant navigation; from file:// (Material 9.8) it completes without
  // emitting, so also run on load: init is idempotent.
  if (window.document$) window.document$.subscribe(init);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
