/* Submit answer files to `course collect` (generator/collect/), on pages built with collect_url.
 * The plugin writes <meta name="course-collect" content="SERVICE URL" data-strings="{…}">.
 * Beside each quiz's download button: "Submit". The learner sees "submitted ✓" only once the
 * service answered that it recorded the file (or had it already). When the network fails (or
 * the service is down: 5xx, 408, 429), the file is queued in localStorage
 * (`course-collect-queue`) and sent again on the next page load; the learner sees "queued".
 * A refusal (4xx: not on the roster, signature, …) is shown with the service's reason, and the
 * file is not queued: sending it again would be refused again. The download stays available.
 * Once the service has a file, the quiz element emits quiz:submitted {quiz, mode, file, status}.
 * Submit hands in as the download does: the file comes from the widget's
 * element.courseQuiz.handIn() (on an exam: asks, then closes the attempt; answers are final),
 * or answerFile() where the widget has no handIn. The same answers submitted again are the
 * same file (the one sent or queued before), so the gradebook gets them once. */
(() => {
  'use strict';
  if (window.CourseCollect) return; // loaded twice: the first one stays
  const QUEUE = 'course-collect-queue';
  const meta = document.querySelector('meta[name="course-collect"]');
  if (!meta || !meta.content) return;
  const endpoint = new URL('answers', meta.content.replace(/\/?$/, '/')).href;
  const strings = JSON.parse(meta.dataset.strings || '{}');
  const t = (key, vars = {}) => (strings[key] || key).replace(/\{(\w+)\}/g, (_, k) => vars[k]);

  const SENT = 'course-collect-sent';
  // The attempt without the moment the file was made: two files of the same answers agree.
  const answers = (file) => {
    const { submitted_at: at, signature, page_score: score, ...rest } = file;
    return JSON.stringify(rest);
  };
  // The last file the service confirmed, per quiz: Submit again with the same answers sends it
  // again (the service says it has it) instead of a new file, which would be a second attempt.
  const sent = {
    read() {
      try {
        const files = JSON.parse(localStorage.getItem(SENT) || '{}');
        return files && typeof files === 'object' && !Array.isArray(files) ? files : {};
      } catch (e) { return {}; }
    },
    add(file) {
      try { localStorage.setItem(SENT, JSON.stringify({ ...this.read(), [file.quiz]: file })); } catch (e) { /* memory only */ }
    },
  };
  // A file of the same answers already confirmed or queued, else this one.
  const earlier = (file) => [sent.read()[file.quiz], ...queue.read().map((i) => i.file)]
    .find((f) => f && f.quiz === file.quiz && answers(f) === answers(file)) || file;

  const queue = {
    read() {
      try {
        const items = JSON.parse(localStorage.getItem(QUEUE) || '[]');
        return Array.isArray(items) ? items.filter((i) => i && i.file && i.quiz) : [];
      } catch (e) { return []; } // unreadable or no storage: nothing queued
    },
    write(items) {
      try {
        if (items.length) localStorage.setItem(QUEUE, JSON.stringify(items));
        else localStorage.removeItem(QUEUE);
        return true;
      } catch (e) { return false; } // full or forbidden (private mode)
    },
    add(file) {
      const text = JSON.stringify(file);
      const items = this.read().filter((i) => JSON.stringify(i.file) !== text);
      items.push({ quiz: file.quiz, file, queued_at: new Date().toISOString() });
      return this.write(items);
    },
    remove(file) {
      const text = JSON.stringify(file);
      this.write(this.read().filter((i) => JSON.stringify(i.file) !== text));
    },
  };

  // One POST: 'recorded' | 'already_recorded' | {refused: message} | 'retry' (network, 5xx…).
  async function send(file) {
    let response;
    try {
      response = await fetch(endpoint, { method: 'POST', mode: 'cors', credentials: 'omit',
        headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(file) });
    } catch (e) {
      return 'retry';
    }
    let body = {};
    try { body = await response.json(); } catch (e) { /* a proxy's HTML page: no JSON */ }
    if (response.ok && (body.status === 'recorded' || body.status === 'already_recorded')) {
      return body.status;
    }
    if (response.status >= 500 || response.status === 408 || response.status === 429 || !body.error) {
      return 'retry'; // 503 no_roster too: the trainer will import it; the file waits
    }
    const code = String(body.error.code);
    return { refused: strings[`code_${code}`] || body.error.message || code, code };
  }

  function show(root, text, state) {
    const line = root.querySelector('.course-collect-status');
    if (!line) return;
    line.textContent = text;
    line.dataset.state = state;
  }

  // For progress tracking: the service has this attempt (bubbling, like the widget's events).
  function confirmed(root, file, status) {
    root.dispatchEvent(new CustomEvent('quiz:submitted', { bubbles: true,
      detail: { quiz: file.quiz, mode: root.dataset.mode, file, status } }));
  }

  // The file handed in, as the download hands it in (null: the learner did not confirm).
  function handIn(root) {
    const hook = root.courseQuiz;
    return typeof hook.handIn === 'function' ? hook.handIn(t('hand_in_confirm')) : hook.answerFile();
  }

  async function submit(root, button) {
    let file;
    try {
      file = await handIn(root);
    } catch (e) {
      return show(root, t('not_ready', { message: e.message }), 'not-ready');
    }
    if (!file) return null;
    file = earlier(file);
    button.disabled = true;
    show(root, t('sending'), 'sending');
    const outcome = await send(file);
    button.disabled = false;
    if (outcome === 'recorded' || outcome === 'already_recorded') {
      queue.remove(file);
      sent.add(file);
      confirmed(root, file, outcome);
      return show(root, t(outcome === 'recorded' ? 'submitted' : 'already'), 'submitted');
    }
    if (outcome === 'retry') {
      return queue.add(file) ? show(root, t('queued'), 'queued') : show(root, t('no_storage'), 'failed');
    }
    return show(root, t('refused', { message: outcome.refused }), 'refused');
  }

  // Send what earlier pages queued; each quiz on this page shows how its files fared. An exam's
  // widget may be built after the answer came (quiz.js fetches quiz-exam.js first): it is told
  // then, once it can show it and count the attempt handed in.
  let flushing = false;
  const untold = new WeakMap(); // quiz element → what to tell its widget once built, in order
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      for (const item of queue.read()) {
        const root = document.querySelector(`.course-quiz[data-quiz="${CSS.escape(item.quiz)}"]`);
        const outcome = await send(item.file);
        if (outcome !== 'retry') {
          queue.remove(item.file);
          if (!outcome.refused) sent.add(item.file);
        }
        const tell = () => {
          if (outcome === 'retry') return show(root, t('queued'), 'queued');
          if (outcome.refused) return show(root, t('refused', { message: outcome.refused }), 'refused');
          confirmed(root, item.file, outcome);
          return show(root, t('queued_sent'), 'submitted');
        };
        if (root && root.dataset.collectReady) tell();
        else if (root) untold.set(root, (untold.get(root) || []).concat(tell));
      }
    } finally {
      flushing = false;
    }
  }

  function enhance(root) {
    const download = root.querySelector('.course-download-button');
    if (!download || !root.courseQuiz) return false; // the widget is not built yet
    const line = document.createElement('p');
    line.className = 'course-collect-status';
    line.setAttribute('role', 'status');
    line.setAttribute('aria-live', 'polite');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'md-button md-button--primary course-collect-button';
    button.textContent = t('submit');
    button.addEventListener('click', () => submit(root, button));
    download.after(' ', button);
    (root.querySelector('.course-download-note') || download.parentNode).after(line);
    if (queue.read().some((i) => i.quiz === root.dataset.quiz)) show(root, t('queued'), 'queued');
    const told = untold.get(root) || [];
    untold.delete(root);
    told.forEach((tell) => tell());
    return true;
  }

  // Only quizzes that ask for staff id and access code: the service takes signed files only
  // (a practice quiz's file would be refused, so it offers the download alone).
  function collected(root) {
    if (root.dataset.mode === 'assessment') return true;
    try { return JSON.parse(root.dataset.json || '{}').identity === true; } catch (e) { return false; }
  }

  const watching = new WeakSet();
  function ready(root) {
    if (root.dataset.collectReady || !collected(root)) return;
    if (enhance(root)) {
      root.dataset.collectReady = 'true';
    } else if (!watching.has(root)) { // the widget builds its footer later (after the id form)
      watching.add(root);
      const observer = new MutationObserver(() => {
        if (root.dataset.collectReady || enhance(root)) {
          root.dataset.collectReady = 'true';
          observer.disconnect();
        }
      });
      observer.observe(root, { childList: true, subtree: true });
    }
  }

  const init = () => {
    document.querySelectorAll('.course-quiz[data-quiz]').forEach(ready);
    flush();
  };
  window.CourseCollect = { init, flush, queue, sent, endpoint };
  window.addEventListener('online', flush);
  // After quiz.js (listed before this script): its widgets are built on the same events.
  if (window.document$) window.document$.subscribe(() => setTimeout(init, 0));
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => setTimeout(init, 0));
  else setTimeout(init, 0);
})();
