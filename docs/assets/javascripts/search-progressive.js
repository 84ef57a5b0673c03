/* Briefsmith: Material's search answers before the articles' text is indexed (issue 23).
 *
 * Material builds its lunr index in a worker from search/search_index.json on every page
 * load; at 1,000 sources 97% of that index is the source pages' article text (their
 * "#article" sections), and nothing answers until all of it is indexed. Loaded before the
 * theme's bundle, this file hands the bundle, in place of its search worker, three of
 * Material's own workers:
 * - a light one, set up without the article sections (a fifth of the work): it answers first;
 * - a full one, set up with every entry once the light one is ready (they share the cores):
 *   when it is ready, the last query is asked again of it, its answer replaces the list and
 *   the others end;
 * - a sample one, for a query the light one finds nothing for (a word of the articles only):
 *   set up for that query with the SAMPLE source pages lunr would rank first (found by a scan
 *   of the entries' text already fetched, scored as lunr scores), it answers with the full
 *   index's first pages, in its order, until the full index answers with every page.
 * The bundle is told search is ready at once, so that what is typed meanwhile starts the
 * sample's scan; the light index is asked the last query when it is ready. The index file,
 * the worker and every result are Material's.
 *
 * It relies on two things of Material 9's search: the worker's URL (".../workers/search.*.js")
 * and its messages (0 setup with {config, docs}, 1 ready, 2 query with the typed text, 3
 * result with {items}). Should either change, it steps aside: another URL gets a plain
 * worker, another first message goes to one worker as it is. <html data-search-index=
 * "light|sample|full"> says which index answered last (tests).
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
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var SAMPLE = 20;   // source pages in a sample index: two screens of results, set up in ~0.1 s
  var CAP = 100;     // occurrences counted per article and word: enough to rank, bounded work
  var SHORTEST = 3;  // shorter words begin words of titles and summaries: the light index answers

  function heavy(doc) {   // a source page's article text ("## Article" of templates/source.md.j2)
    return /#article$/.test(String(doc && doc.location));
  }

  function answering(which) {   // (each change only: tests record the changes)
    var root = document.documentElement;
    if (root.getAttribute("data-search-index") !== which) root.setAttribute("data-search-index", which);
  }

  /* The words of a query as lunr looks them up: lower case, split at the index's separator,
   * without Material's modifiers (+, field:, ^boost, trailing *); a leading * matches inside
   * a word. Words to be absent (-word) are left out; null for a fuzzy word (~), which a text
   * scan cannot find: the full index answers it. */
  function queryWords(query, separator) {
    var words = [], parts = String(query).toLowerCase().replace(/"/g, " ").split(/\s+/);
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i].replace(/^\+/, "").replace(/^(title|text|tags):/, "");
      if (!part || part.charAt(0) === "-") continue;
      if (part.indexOf("~") !== -1) return null;
      part = part.replace(/\^\d*$/, "").replace(/\*+$/, "");
      var inside = part.charAt(0) === "*";
      var pieces = part.replace(/^\*+/, "").split(separator);
      for (var j = 0; j < pieces.length; j++)
        if (pieces[j]) words.push({ text: pieces[j], inside: inside && j === 0 });
    }
    return words;
  }

  /* The tokens of the (lower-cased) text that start with a word, each with the times it
   * occurs (up to CAP occurrences of the word): as Material tokenizes, the text between tags
   * split at the separator, so a token starts at the text's start, after a tag or after a
   * separator, and ends before either. */
  function occurrences(text, word, separator, ends) {
    var tokens = {}, n = 0, at = text.indexOf(word.text);
    while (at !== -1 && n < CAP) {
      var before = at === 0 ? ">" : text.charAt(at - 1);
      if (word.inside || before === ">" || separator.test(before)) {
        ends.lastIndex = at + word.text.length;
        var end = ends.exec(text), token = text.slice(at, end ? end.index : text.length);
        tokens[token] = (tokens[token] || 0) + 1;
        n++;
      }
      at = text.indexOf(word.text, at + 1);
    }
    return n ? tokens : null;
  }

  /* The article entries, their pages' entries and the index's separator, to pick a sample. */
  function Articles(data) {
    var pages = {}, docs = data.docs;
    this.config = data;
    this.total = docs.length;   // lunr's idf counts every entry of the index
    this.split = new RegExp(data.config.separator);
    this.separator = new RegExp("^(?:" + data.config.separator + ")$");   // one character
    this.ends = new RegExp("<|(?:" + data.config.separator + ")", "g");     // a token's end
    this.entries = [];
    for (var i = 0; i < docs.length; i++) {
      var path = String(docs[i].location).split("#")[0];
      if (!(path in pages)) pages[path] = docs[i];   // Material: a page's entry comes first
      if (heavy(docs[i])) this.entries.push({ doc: docs[i], page: pages[path], order: i, text: null });
    }
  }

  /* Setup data of a sample index for a query: the SAMPLE article entries lunr would rank
   * first, each after its page's entry, in the index's order; null if no article has its
   * words. Material asks lunr for each word as a prefix (word*), so an entry's score is the
   * sum over the tokens it holds that start with a query's word of their idf times
   * 2.2 tf / (1.2 + tf) (BM25 without length normalization: Material sets b = 0), which
   * Material multiplies by 1 + (share of the words found)²; equal scores keep the index's
   * order. Counted from the text as lunr would index it, the sample is the full index's
   * first pages, up to lunr's stop words and tokens a tag splits. */
  Articles.prototype.sample = function (query) {
    var words = queryWords(query, this.split), found = [];
    if (words) words = words.filter(function (word) { return word.text.length >= SHORTEST; });
    if (!words || !words.length) return null;
    for (var w = 0; w < words.length; w++) {
      found.push([]);
      for (var i = 0; i < this.entries.length; i++) {
        var entry = this.entries[i];
        if (entry.text === null) entry.text = String(entry.doc.text).toLowerCase();
        var tokens = occurrences(entry.text, words[w], this.separator, this.ends);
        if (tokens) found[w].push({ entry: entry, tokens: tokens });
      }
    }
    var picked = this.rank(found, words.length);
    if (!picked.length) return null;
    picked.sort(function (a, b) { return a.order - b.order; });
    var docs = [];
    picked.forEach(function (entry) {
      if (entry.page !== entry.doc) docs.push(entry.page);
      docs.push(entry.doc);
    });
    return Object.assign({}, this.config, { docs: docs });
  };

  /* The SAMPLE entries of the highest scores (above), from each word's [{entry, tokens}]. */
  Articles.prototype.rank = function (found, words) {
    var scored = {}, all = [], total = this.total;
    found.forEach(function (hits) {
      var df = {};
      hits.forEach(function (hit) {
        for (var token in hit.tokens) df[token] = (df[token] || 0) + 1;
      });
      hits.forEach(function (hit) {
        var s = scored[hit.entry.order];
        if (!s) all.push(s = scored[hit.entry.order] = { entry: hit.entry, sum: 0, words: 0 });
        for (var token in hit.tokens) {
          var tf = hit.tokens[token];
          var idf = Math.log(1 + Math.abs((total - df[token] + 0.5) / (df[token] + 0.5)));
          s.sum += idf * 2.2 * tf / (1.2 + tf);
        }
        s.words += 1;
      });
    });
    all.forEach(function (s) { s.score = s.sum * (1 + Math.pow(s.words / words, 2)); });
    all.sort(function (a, b) { return b.score - a.score || a.entry.order - b.entry.order; });
    return all.slice(0, SAMPLE).map(function (s) { return s.entry; });
  };

  /* The sample worker: one sample index at a time, made for the newest query while it is
   * busy (typing outruns it); a query whose sample the index already holds is only asked. */
  function Sampler(url, options, data) {
    var self = this;
    this.articles = new Articles(data);
    this.worker = new Native(url, options);
    this.held = {};                  // order -> true: the entries the worker's index holds
    this.query = null;               // the query asked last, and its answer once made
    this.answer = undefined;
    this.running = false;
    this.next = null;                // the query to ask once the worker is free
    this.waiting = null;             // {query, done}: who waits for an answer
    this.broken = false;
    this.worker.addEventListener("message", function (ev) {
      if (!(ev.data && ev.data.type === RESULT)) return;   // (its ready after a setup)
      self.running = false;
      self.finish(ev.data);
      if (self.next !== null) self.start(self.next);
    });
    this.worker.addEventListener("error", function () {   // the light index's answer stands
      self.broken = true;
      self.running = false;
      self.finish(null);
    });
  }

  Sampler.prototype.start = function (query) {
    this.query = query;
    this.answer = undefined;
    this.next = null;
    var data = this.broken ? null : this.articles.sample(query), held = this.held;
    if (!data) return this.finish(null);
    this.running = true;
    if (!data.docs.every(function (doc) { return held[doc.location]; })) {
      this.held = {};
      for (var i = 0; i < data.docs.length; i++) this.held[data.docs[i].location] = true;
      this.worker.postMessage({ type: SETUP, data: data });
    }
    this.worker.postMessage({ type: QUERY, data: query });
  };

  Sampler.prototype.finish = function (answer) {
    this.answer = answer;
    var waiting = this.waiting;
    if (waiting && waiting.query === this.query) {
      this.waiting = null;
      waiting.done(answer);
    }
  };

  /* Starts making the answer to a query (typed, not yet asked of the light index). */
  Sampler.prototype.prefetch = function (query) {
    if (query === this.query || query === this.next) return;
    if (this.running) this.next = query;
    else this.start(query);
  };

  /* done(answer or null) once the sample index has answered the query. */
  Sampler.prototype.get = function (query, done) {
    this.waiting = { query: query, done: done };
    if (query === this.query && this.answer !== undefined) return this.finish(this.answer);
    this.prefetch(query);
  };

  function found(message) {
    return !!(message && message.data && message.data.items && message.data.items.length);
  }

  /* What the bundle takes for its search worker: the light, full and sample workers. */
  function Progressive(url, options) {
    this.url = url;
    this.options = options;
    this.facade = new EventTarget();
    this.light = new Native(url, options);
    this.full = this.sampler = this.last = this.deferred = null;
    this.lightReady = this.fullReady = false;
    this.asked = [];   // the queries the light worker has been sent and not answered yet
    this.light.addEventListener("message", this.fromLight.bind(this));
  }

  Progressive.prototype.emit = function (data) {
    this.facade.dispatchEvent(new MessageEvent("message", { data: data }));
  };

  Progressive.prototype.ask = function (message) {
    this.asked.push(message.data);
    this.light.postMessage(message);
  };

  Progressive.prototype.setup = function (message) {
    var data = message.data;
    this.light.postMessage({ type: SETUP, data: Object.assign({}, data, {
      docs: data.docs.filter(function (doc) { return !heavy(doc); }) }) });
    this.full = new Native(this.url, this.options);
    this.full.addEventListener("message", this.fromFull.bind(this));
    this.deferred = message;   // set up once the light index is: they share the cores
    try {
      this.sampler = new Sampler(this.url, this.options, data);
    } catch (e) {   // an index config this script cannot read: no sample, as before
      return;
    }
    var self = this;
    setTimeout(function () { self.emit({ type: READY }); }, 0);   // typing is taken from now on
  };

  Progressive.prototype.post = function (message) {
    var data = message && message.type === SETUP && message.data;
    if (this.full === null && data && Array.isArray(data.docs) && data.docs.some(heavy))
      return this.setup(message);
    if (message && message.type === QUERY && !this.fullReady) {
      this.last = message;
      if (this.lightReady || !this.sampler) return this.ask(message);
      return this.sampler.prefetch(message.data);   // asked of the light one once it is ready
    }
    if (message && message.type === QUERY) this.last = message;
    (this.fullReady ? this.full : this.light).postMessage(message);
  };

  Progressive.prototype.fromLight = function (ev) {
    if (this.fullReady) return;
    var data = ev.data, query = data && data.type === RESULT ? this.asked.shift() : undefined;
    if (data && data.type === READY) {
      this.lightReady = true;
      answering(this.full ? "light" : "full");   // set up whole: it is the full index
      if (this.sampler && this.last) this.ask(this.last);   // typed before it was ready
      if (this.deferred) this.full.postMessage(this.deferred);
      this.deferred = null;
      if (!this.sampler) this.emit(data);
      return;
    }
    if (this.sampler && query !== undefined && !found(data)) return this.fromSample(query, data);
    if (this.sampler && query !== undefined) answering("light");
    this.emit(data);
  };

  /* The light index found nothing for the query: the sample's answer if it finds some. */
  Progressive.prototype.fromSample = function (query, answer) {
    var self = this;
    this.sampler.get(query, function (sampled) {
      if (self.fullReady || !self.last || self.last.data !== query) return;
      answering(found(sampled) ? "sample" : "light");
      self.emit(found(sampled) ? sampled : answer);
    });
  };

  Progressive.prototype.fromFull = function (ev) {
    if (!(ev.data && ev.data.type === READY)) return this.emit(ev.data);
    this.fullReady = true;
    this.light.terminate();
    if (this.sampler) this.sampler.worker.terminate();
    answering("full");
    if (!this.lightReady && !this.sampler) this.emit(ev.data);
    else if (this.last) this.full.postMessage(this.last);   // the list shown is not the full one's
  };

  Progressive.prototype.terminate = function () {
    this.light.terminate();
    if (this.full) this.full.terminate();
    if (this.sampler) this.sampler.worker.terminate();
  };

  function progressive(url, options) {
    var search = new Progressive(url, options), facade = search.facade;
    facade.postMessage = search.post.bind(search);
    facade.terminate = search.terminate.bind(search);
    return facade;
  }

  window.Worker = function (url, options) {
    return /\/workers\/search\.[^\/?#]*\.js([?#]|$)/.test(String(url))
      ? progressive(url, options) : new Native(url, options);
  };
  window.Worker.prototype = Native.prototype;
})();
