/* Briefsmith: Material's search answers before the articles' text is indexed (issue 23).
 *
 * Material builds its lunr index in a worker from search/search_index.json on every page
 * load; at 1,000 sources 97% of that index is the source pages' article text (their
 * "#article" sections), and nothing answers until all of it is indexed. Loaded before the
 * theme's bundle, this file hands the bundle, in place of its search worker, a pair of
 * Material's own workers: a light one set up without the article sections (ready first) and
 * a full one set up with every entry. Queries go to the light one until the full one is
 * ready; then the last query is asked again of the full one, whose answer replaces the
 * list, and the light one ends. The index, the worker and every result are Material's.
 *
 * It relies on two things of Material 9's search: the worker's URL (".../workers/search.*.js")
 * and its messages (0 setup with {config, docs}, 1 ready, 2 query, 3 result). Should either
 * change, it steps aside: another URL gets a plain worker, another first message goes to one
 * worker as it is. <html data-search-index="light|full"> says which index answers (tests).
 */
(function () {
  "use strict";
  var Native = window.Worker;
  try {
    new EventTarget();   // constructible since Safari 14, Chrome 64, Firefox 59
    new MessageEvent("message");
  } catch (e) {
    return;
  }
  if (typeof Native !== "function") return;
  var SETUP = 0, READY = 1, QUERY = 2;

  function heavy(doc) {   // a source page's article text ("## Article" of templates/source.md.j2)
    return /#article$/.test(String(doc && doc.location));
  }

  function answering(which) {
    document.documentElement.setAttribute("data-search-index", which);
  }

  function Progressive(url, options) {
    var facade = new EventTarget(), light = new Native(url, options), full = null;
    var lightReady = false, fullReady = false, last = null;
    function emit(data) {
      facade.dispatchEvent(new MessageEvent("message", { data: data }));
    }
    light.addEventListener("message", function (ev) {
      if (fullReady) return;
      if (ev.data && ev.data.type === READY) {
        lightReady = true;
        answering(full ? "light" : "full");   // set up whole: it is the full index
      }
      emit(ev.data);
    });
    function startFull(message) {
      full = new Native(url, options);
      full.addEventListener("message", function (ev) {
        if (!(ev.data && ev.data.type === READY)) return emit(ev.data);
        fullReady = true;
        light.terminate();
        answering("full");
        if (!lightReady) emit(ev.data);
        else if (last) full.postMessage(last);   // the list shown came from the light index
      });
      full.postMessage(message);
    }
    facade.postMessage = function (message) {
      var data = message && message.type === SETUP && message.data;
      if (full === null && data && Array.isArray(data.docs) && data.docs.some(heavy)) {
        light.postMessage({ type: SETUP, data: Object.assign({}, data, {
          docs: data.docs.filter(function (doc) { return !heavy(doc); }) }) });
        return startFull(message);
      }
      if (message && message.type === QUERY) last = message;
      (fullReady ? full : light).postMessage(message);
    };
    facade.terminate = function () {
      light.terminate();
      if (full) full.terminate();
    };
    return facade;
  }

  window.Worker = function (url, options) {
    return /\/workers\/search\.[^\/?#]*\.js([?#]|$)/.test(String(url))
      ? Progressive(url, options) : new Native(url, options);
  };
  window.Worker.prototype = Native.prototype;
})();
