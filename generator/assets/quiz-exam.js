/* The quiz widget's assessment part, which quiz.js loads from beside itself only for a quiz that
 * asks for staff id and access code or has exam settings (so lesson and practice pages do not
 * carry it): the code check, derived seeds, canonical JSON and signing
 * (window.CourseQuiz.Integrity, generator/integrity/ step for step), the id and code form, the
 * exam clock, attempts counted per learner, and closing an attempt when it is handed in.
 * Its styles are quiz-exam.css, added beside it. It sets window.CourseQuiz.exam, a promise of
 * the widget class resolved once those styles apply. */
(() => {
  'use strict';
  const base = window.CourseQuiz;
  if (!base || base.exam) return; // nothing to add to without quiz.js; loaded twice: the first one stays
  const { QuizWidget, h, safely, record, now, isObject } = base.parts;
  const store = base.store;

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

  const THRESHOLDS = [10, 5, 1]; // minutes left that are announced (the clock is shown always)

  // The quiz widget of quiz.js, and what an exam or a signed attempt adds at each step.
  class ExamWidget extends QuizWidget {
    begin() {
      this.exam = this.data.exam || {};
      this.clock = h('p', { class: 'course-clock', role: 'timer', hidden: true });
      this.notes.after(this.clock);
      if (this.data.identity) this.buildIdentity();
      else this.resume();
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
      // The id, not a name, says who: it is the field a download without it sends the learner to.
      this.downloadButton.parentNode.replaceChildren(this.downloadButton);
      this.name = id;
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
      await this.resume();
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

    // What another tab saved: an attempt it closed is closed here too.
    pull() {
      const theirs = super.pull();
      if (theirs && theirs.closed && !this.attempt.closed) {
        this.attempt.closed = theirs.closed;
        this.showClosed();
      }
    }

    // A learner's first attempt on this page is after those they have used (on this device).
    firstNumber() {
      const used = this.who && (record(store.read(), this.data.quiz).used || {})[this.who];
      return Number.isInteger(used) && used > 0 ? used : 1;
    }

    // A new attempt: its seed from who, the version and the number where the page asks who
    // (integrity/seeds.py: the paper cannot be shopped for), else random.
    async attemptNumber(n) {
      const attempt = super.attemptNumber(n);
      if (!this.who) return attempt;
      attempt.seed = await Integrity.seed(this.learnerId, this.data.version, n);
      store.update((s) => { const r = record(s, this.data.quiz); r.used = { ...r.used, [this.who]: n }; });
      return attempt;
    }

    start(attempt) {
      super.start(attempt);
      this.downloadButton.textContent = this.t(this.data.exam ? 'hand_in' : 'download');
      if (attempt.closed) this.showClosed();
      this.tick();
    }

    show(question) {
      super.show(question);
      if (this.attempt.closed) question.lock(true);
    }

    changed(question) {
      this.tick(); // a tab asleep past the time limit closes now, as of the limit
      if (this.attempt.closed) this.show(question); // too late: the attempt keeps its answer, and so does the page
      else super.changed(question);
    }

    // The learner's id and attempt first; another attempt only while there are some left.
    updateStatus() {
      super.updateStatus();
      const { n, closed, downloaded } = this.attempt;
      if (this.learnerId) this.status.textContent = `${this.t('learner_line', { id: this.learnerId, n })} ${this.status.textContent}`;
      if (!this.practice) this.retry.hidden = !(closed || downloaded) || n >= (this.exam.attempts || Infinity);
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

    // On an exam, handing in (by download or by Submit) asks `question` first, then closes the
    // attempt: its answers are final. null: the learner said no.
    async handIn(question) {
      if (this.attempt) this.tick(); // a tab asleep past the time limit closes now, as of the limit
      if (this.attempt && this.data.exam && !this.attempt.closed) {
        if (!window.confirm(question)) return null;
        this.close(now());
      }
      return super.handIn();
    }

    // Downloading an exam hands it in: what was handed in is read out first.
    async download() {
      const handingIn = this.attempt && this.data.exam && !this.attempt.closed;
      if (await super.download() && handingIn) this.result.focus();
    }

    // The file, signed with the access code where the page asked for it; none before the code.
    async answerFile() {
      if (!this.attempt) throw new Error(this.t('code_needed'));
      const file = await super.answerFile();
      if (this.data.identity) file.signature = await Integrity.sign(file, this.code);
      return file;
    }

    learner() {
      return this.data.identity ? { id: this.learnerId } : super.learner();
    }
  }

  // Its styles, from beside it: the widget is built once they apply, so the questions never
  // show for a moment above the id form (a sheet that fails to load leaves the form unstyled).
  // In <body>: Material's instant navigation drops from <head> what the next page's lacks.
  base.Integrity = Integrity;
  base.exam = new Promise((resolve) => {
    const done = () => resolve(ExamWidget);
    document.body.append(h('link', { rel: 'stylesheet', href: new URL('quiz-exam.css', document.currentScript.src),
      onload: done, onerror: done }));
  });
})();
