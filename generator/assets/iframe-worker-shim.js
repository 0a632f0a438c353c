/* Web Workers for pages opened from file://, so Material's search works in the offline bundle.
 *
 * Why: browsers refuse `new Worker(url)` on a file:// page, and Material runs its search in a
 * worker. Material's `offline` plugin therefore adds the `iframe-worker` shim from a CDN, which
 * a bundle on a USB stick cannot reach. This is our own small equivalent, shipped in the bundle:
 * the worker's script runs in a hidden iframe of the same page, and messages cross with
 * postMessage/dispatchEvent. The file name contains "iframe-worker" on purpose: Material's
 * offline plugin then adds no shim of its own (it looks for that word in `extra.polyfills`).
 *
 * Contract with Material's search worker (assets/javascripts/workers/search.*.js): when
 * `parent.IFrameWorker` exists it reads its own URL from the first `script[src]` of its document
 * (to find the lunr language files next to it) and awaits `importScripts(...)`, so importScripts
 * may return a Promise here. On http(s) nothing changes: the real Worker is kept.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || window.IFrameWorker) return;

  // Load scripts into a document one after another; resolves when the last one has run.
  function loadInOrder(doc, urls) {
    return urls.reduce(function (ready, url) {
      return ready.then(function () {
        return new Promise(function (resolve, reject) {
          var script = doc.createElement("script");
          script.src = url;
          script.onload = resolve;
          script.onerror = function () { reject(new Error("cannot load " + url)); };
          doc.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = String(new URL(url, document.baseURI));
      this.onmessage = null;
      this.onerror = null;
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.setAttribute("aria-hidden", "true");
      this.frame.tabIndex = -1;
      document.body.appendChild(this.frame);

      // The worker's globals, as its code expects them inside the iframe.
      var scope = this.frame.contentWindow;
      var worker = this;
      scope.postMessage = function (data) { worker._deliver(data); };
      scope.importScripts = function () {
        return loadInOrder(scope.document, Array.prototype.slice.call(arguments));
      };
      scope.addEventListener("error", function (event) { worker._fail(event); });
      this.ready = loadInOrder(scope.document, [this.url]);
      this.ready.catch(function (error) { worker._fail({ message: error.message, error: error }); });
    }

    // Page → worker: delivered once the worker's script has run, as a worker would queue it.
    postMessage(data) {
      var frame = this.frame;
      this.ready.then(function () {
        if (frame.contentWindow) {
          frame.contentWindow.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) }));
        }
      }, function () { /* reported by _fail */ });
    }

    terminate() {
      this.frame.remove();
    }

    // Worker → page.
    _deliver(data) {
      var event = new MessageEvent("message", { data: structuredClone(data) });
      this.dispatchEvent(event);
      if (typeof this.onmessage === "function") this.onmessage(event);
    }

    _fail(details) {
      var event = new ErrorEvent("error", { message: details.message, error: details.error,
                                            filename: this.url });
      this.dispatchEvent(event);
      if (typeof this.onerror === "function") this.onerror(event);
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
