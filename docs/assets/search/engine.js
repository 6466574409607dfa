/* Handbook search engine: the query step and the ranking, on top of MiniSearch.
 *
 * Runs in the search worker (docs/assets/search/worker.js) and, unchanged, in Node for
 * the offline checks (scripts/search_bench.py). Needs the global MiniSearch.
 *
 * A document is one focused answer (hooks/search.py): an article section, an FAQ answer,
 * a glossary term, a template, a page's opening (its short answer).
 *
 * The Porter stemmer below is lunr's (lunr 2.3.9, Copyright (C) 2020 Oliver Nightingale,
 * MIT licence: see docs/assets/search/vendor/LICENSES.txt).
 */
(function (root) {
  "use strict";

  /* ------------------------------------------------------------------ stemmer (lunr) */
  var porterStemmer = (function () {
  var step2list = {
      "ational" : "ate",
      "tional" : "tion",
      "enci" : "ence",
      "anci" : "ance",
      "izer" : "ize",
      "bli" : "ble",
      "alli" : "al",
      "entli" : "ent",
      "eli" : "e",
      "ousli" : "ous",
      "ization" : "ize",
      "ation" : "ate",
      "ator" : "ate",
      "alism" : "al",
      "iveness" : "ive",
      "fulness" : "ful",
      "ousness" : "ous",
      "aliti" : "al",
      "iviti" : "ive",
      "biliti" : "ble",
      "logi" : "log"
    },

    step3list = {
      "icate" : "ic",
      "ative" : "",  // codespell:ignore
      "alize" : "al",
      "iciti" : "ic",
      "ical" : "ic",
      "ful" : "",
      "ness" : ""
    },

    c = "[^aeiou]",          // consonant
    v = "[aeiouy]",          // vowel
    C = c + "[^aeiouy]*",    // consonant sequence
    V = v + "[aeiou]*",      // vowel sequence

    mgr0 = "^(" + C + ")?" + V + C,               // [C]VC... is m>0
    meq1 = "^(" + C + ")?" + V + C + "(" + V + ")?$",  // [C]VC[V] is m=1
    mgr1 = "^(" + C + ")?" + V + C + V + C,       // [C]VCVC... is m>1
    s_v = "^(" + C + ")?" + v;                   // vowel in stem

  var re_mgr0 = new RegExp(mgr0);
  var re_mgr1 = new RegExp(mgr1);
  var re_meq1 = new RegExp(meq1);
  var re_s_v = new RegExp(s_v);

  var re_1a = /^(.+?)(ss|i)es$/;
  var re2_1a = /^(.+?)([^s])s$/;
  var re_1b = /^(.+?)eed$/;
  var re2_1b = /^(.+?)(ed|ing)$/;
  var re_1b_2 = /.$/;
  var re2_1b_2 = /(at|bl|iz)$/;
  var re3_1b_2 = new RegExp("([^aeiouylsz])\\1$");
  var re4_1b_2 = new RegExp("^" + C + v + "[^aeiouwxy]$");

  var re_1c = /^(.+?[^aeiou])y$/;
  var re_2 = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;

  var re_3 = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;  // codespell:ignore

  var re_4 = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;  // codespell:ignore
  var re2_4 = /^(.+?)(s|t)(ion)$/;

  var re_5 = /^(.+?)e$/;
  var re_5_1 = /ll$/;
  var re3_5 = new RegExp("^" + C + v + "[^aeiouwxy]$");

  var porterStemmer = function porterStemmer(w) {
    var stem,
      suffix,
      firstch,
      re,
      re2,
      re3,
      re4;

    if (w.length < 3) { return w; }

    firstch = w.substr(0,1);
    if (firstch == "y") {
      w = firstch.toUpperCase() + w.substr(1);
    }

    // Step 1a
    re = re_1a
    re2 = re2_1a;

    if (re.test(w)) { w = w.replace(re,"$1$2"); }
    else if (re2.test(w)) { w = w.replace(re2,"$1$2"); }

    // Step 1b
    re = re_1b;
    re2 = re2_1b;
    if (re.test(w)) {
      var fp = re.exec(w);
      re = re_mgr0;
      if (re.test(fp[1])) {
        re = re_1b_2;
        w = w.replace(re,"");
      }
    } else if (re2.test(w)) {
      var fp = re2.exec(w);
      stem = fp[1];
      re2 = re_s_v;
      if (re2.test(stem)) {
        w = stem;
        re2 = re2_1b_2;
        re3 = re3_1b_2;
        re4 = re4_1b_2;
        if (re2.test(w)) { w = w + "e"; }
        else if (re3.test(w)) { re = re_1b_2; w = w.replace(re,""); }
        else if (re4.test(w)) { w = w + "e"; }
      }
    }

    // Step 1c - replace suffix y or Y by i if preceded by a non-vowel which is not the first letter of the word (so cry -> cri, by -> by, say -> say)
    re = re_1c;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      w = stem + "i";
    }

    // Step 2
    re = re_2;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      suffix = fp[2];
      re = re_mgr0;
      if (re.test(stem)) {
        w = stem + step2list[suffix];
      }
    }

    // Step 3
    re = re_3;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      suffix = fp[2];
      re = re_mgr0;
      if (re.test(stem)) {
        w = stem + step3list[suffix];
      }
    }

    // Step 4
    re = re_4;
    re2 = re2_4;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      re = re_mgr1;
      if (re.test(stem)) {
        w = stem;
      }
    } else if (re2.test(w)) {
      var fp = re2.exec(w);
      stem = fp[1] + fp[2];
      re2 = re_mgr1;
      if (re2.test(stem)) {
        w = stem;
      }
    }

    // Step 5
    re = re_5;
    if (re.test(w)) {
      var fp = re.exec(w);
      stem = fp[1];
      re = re_mgr1;
      re2 = re_meq1;
      re3 = re3_5;
      if (re.test(stem) || (re2.test(stem) && !(re3.test(stem)))) {
        w = stem;
      }
    }

    re = re_5_1;
    re2 = re_mgr1;
    if (re.test(w) && re2.test(w)) {
      re = re_1b_2;
      w = w.replace(re,"");
    }

    // and turn initial Y back to y

    if (firstch == "y") {
      w = firstch.toLowerCase() + w.substr(1);
    }

    return w;
  };

    return porterStemmer;
  })();

  /* ------------------------------------------------------------------ words */

  /* Words that carry no topic: lunr's English list, the same words without their
     apostrophe ("dont"), and the filler of forum posts. */
  var STOP = new Set((
    "a able about across after again all almost also am among an and any anyone anything are as " +
    "ask asked asking at be because been before being but by can cannot could dear did do does doing " +
    "done either else even ever every for from get gets getting got gotten had has have having he her " +
    "here hers him his how however i if in into is it its just least let like likely may maybe me might " +
    "most must my neither no nor not now of off often oh ok okay on once one only or other our out own " +
    "please rather really said say says she should since so some someone something still such sure than " +
    "thank thanks that the their them then there these they thing things this tis to too twas us very " +
    "wants want was way we well were what what's when where which while who whom why will with would yet " +
    "you your yours hi hello hey guys anybody everyone i'm i've i'd i'll don't doesn't didn't can't " +
    "couldn't won't wouldn't shouldn't isn't aren't wasn't weren't hasn't haven't hadn't you're they're " +
    "that's there's here's let's u ur pls plz thx btw tbh idk lol already actually basically honestly " +
    "literally upwork know think need needs many more lot lots new question questions help though"
  ).split(" ").map(function (w) { return w.replace(/'/g, ""); }));  /* matched as typed without the apostrophe */

  /* A text's words. With `phrases` (compilePhrases), each of the site's terms of several
     words ("job success score", "work diary") becomes one word, so its words alone ("job",
     "work", "score") match only where they stand alone. */
  function words(text, phrases) {
    var toks = String(text)
      .toLowerCase()
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019']/g, "")
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    return phrases && phrases.size ? joinPhrases(toks, phrases) : toks;
  }

  var JOIN = "_";  /* never inside a word: words() splits on it */

  /* The site's terms of several words, by their first word. */
  function compilePhrases(terms) {
    var byFirst = new Map();
    terms.forEach(function (term) {
      var ws = words(term);
      if (ws.length < 2) return;
      var list = byFirst.get(ws[0]) || [];
      if (!list.some(function (other) { return other.join(" ") === ws.join(" "); })) list.push(ws);
      list.sort(function (a, b) { return b.length - a.length; });
      byFirst.set(ws[0], list);
    });
    return byFirst;
  }

  function joinPhrases(toks, phrases) {
    var out = [];
    for (var i = 0; i < toks.length; i++) {
      var found = (phrases.get(toks[i]) || []).find(function (ws) {
        return ws.every(function (w, j) {
          var t = toks[i + j];
          return t === w || (j === ws.length - 1 && t === w + "s");  /* "job success scores" */
        });
      });
      if (found) { out.push(found.join(JOIN)); i += found.length - 1; }
      else out.push(toks[i]);
    }
    return out;
  }

  var stemCache = new Map();
  function stem(word) {
    var s = stemCache.get(word);
    if (s === undefined) {
      s = word.length > 2 && !/^\d/.test(word) && word.indexOf(JOIN) === -1 ? porterStemmer(word) : word;
      stemCache.set(word, s);
    }
    return s;
  }

  /* Index-time term: null for a stop word. */
  function indexTerm(word) {
    return STOP.has(word) ? null : stem(word);
  }

  /* ------------------------------------------------------------------ query step */

  /* Compile the synonym table (people's words -> site words) into a lookup by the
     people's word(s) as typed, joined by spaces, and the site's terms of several words
     (`phrases`: each is one word in the index and in queries). */
  function compileSynonyms(table) {
    var map = new Map(), longest = 1, siteTerms = [];
    Object.keys(table || {}).forEach(function (said) {
      var key = words(said).join(" ");
      if (!key) return;
      map.set(key, (map.get(key) || []).concat(table[said]));
      siteTerms = siteTerms.concat(table[said]);
      longest = Math.max(longest, key.split(" ").length);
    });
    return { map: map, longest: longest, phrases: compilePhrases(siteTerms) };
  }

  /* A query -> weighted stemmed terms.
     The reader's own words weigh 1; site words added for people's words weigh
     `synonymWeight`; stop words are dropped before anything else (Material's query step
     added a wildcard to every word, so "the" matched "them?", "i" matched "isn't"...). */
  var QUESTION = /^(how|can|could|what|whats|will|would|do|does|did|is|are|should|why|when|who|where|which|am|any|anyone|is there)$/;  // codespell:ignore

  /* A post's sentences: the ones that ask (a "?" or a question word first) weigh 1, the
     story around them `opts.context`. One sentence only: it all weighs 1. */
  function sentences(query, opts, phrases) {
    var parts = String(query).split(/(?<=[?.!])\s+|\n+/).filter(function (p) { return p.trim(); });
    if (parts.length < 2) return [{ toks: words(query, phrases), w: 1 }];
    var out = parts.map(function (p) {
      var toks = words(p, phrases);
      var asks = /\?\s*$/.test(p) || (toks.length && QUESTION.test(toks[0]));
      return { toks: toks, w: asks ? 1 : opts.context };
    });
    /* Questions too short to carry the topic ("whats the difference?") lean on the story. */  // codespell:ignore
    var asked = 0;
    out.forEach(function (s) { if (s.w === 1) asked += s.toks.filter(function (w) { return !STOP.has(w); }).length; });
    if (asked < opts.vague) out.forEach(function (s) { s.w = 1; });
    return out;
  }

  function parseQuery(query, synonyms, opts) {
    var all = words(query, synonyms.phrases);
    var weights = new Map(), order = [];
    function add(term, w) {
      if (!term) return;
      if (!weights.has(term)) order.push(term);
      weights.set(term, Math.max(weights.get(term) || 0, w));
    }
    sentences(query, opts, synonyms.phrases).forEach(function (sentence) { addSentence(sentence.toks, sentence.w); });
    function addSentence(toks, sw) {
    var i = 0;
    while (i < toks.length) {
      var matched = 0;
      for (var n = Math.min(synonyms.longest, toks.length - i); n >= 1 && !matched; n--) {
        var key = toks.slice(i, i + n).join(" ");
        var sites = synonyms.map.get(key);
        if (sites) {
          matched = n;
          sites.forEach(function (site) {
            words(site, synonyms.phrases).forEach(function (w) {
              if (!STOP.has(w)) add(stem(w), sw * opts.synonymWeight);
            });
          });
          toks.slice(i, i + n).forEach(function (w) { if (!STOP.has(w)) add(stem(w), sw); });
        }
      }
      if (!matched) {
        if (!STOP.has(toks[i])) add(stem(toks[i]), sw);
        i += 1;
      } else {
        i += matched;
      }
    }
    }
    var toks = all;
    var joined = " " + toks.join(" ") + " ";
    var intent = INTENT.filter(function (it) { return it.pattern.test(joined); }).map(function (it) { return it.kind; });
    /* Asking for wording: the words that ask for it are not the topic. */
    if (intent.indexOf("template") !== -1) {
      FORM_WORDS.forEach(function (w) {
        var t = stem(w);
        if (weights.has(t)) { weights.delete(t); order.splice(order.indexOf(t), 1); }
      });
    }
    var long = toks.length > 4;
    var asker = whoAsks(query, joined, long);
    var last = toks.length ? stem(toks[toks.length - 1]) : "";
    var typing = /[a-z0-9]$/i.test(query) && toks.length && !STOP.has(toks[toks.length - 1]);
    return {
      terms: order, weights: weights, prefixTerm: typing ? last : "", words: toks, long: long,
      intent: intent, asker: asker
    };
  }

  /* What kind of answer the reader asks for: words that ask for wording or a list. */
  var INTENT = [
    { kind: "template", pattern: / (template|templates|wording|word it|sample|script|(a|polite|short|nice|professional|the right|good) (message|email|reply|way to (say|tell|ask|word))|message to|email to|what (should|do|can) i (write|say|tell)|how (do|should|can) i (write|word|phrase|say)|how to (ask|tell|say|write|word)|without sounding) / },
    { kind: "checklist", pattern: / (checklist|check list|to do list|todo list|printable) / }
  ];
  var FORM_WORDS = ["message", "messages", "template", "wording", "word", "write", "sample", "script", "email",
    "polite", "politely", "nice", "professional", "tell", "say", "sounding", "phrase"];
  /* Who is asking. Readers say it ("as a client", "i hired") or, more often, show it: they
     name the other side by its role ("my client", "the freelancer submitted…", "a refund
     to a client") and themselves as "I". One role named: the reader is the other one.
     Both named, or neither: no side, unless "my client" / "my freelancer" says it. In a
     few words the role is the topic ("client fees"), not the other side. */
  var SELF = [
    { role: "client", pattern: / (as a client|as client|for clients|im a client|i am a client|im the client|client here|client side|client [(]|[(] client|i hired|we hired) / },
    { role: "freelancer", pattern: / (as a freelancer|as freelancer|for freelancers|freelancer side|im a freelancer|i am a freelancer|im the freelancer|freelancer here|freelancer [(]|[(] freelancer) / }
  ];
  var OTHER = { client: / clients? /, freelancer: / freelancers? / };
  var MINE = { client: / my clients? /, freelancer: / my freelancers? / };
  function whoAsks(query, joined, long) {
    var lead = /^\s*(client|freelancer)s?\s*[:(,-]/i.exec(query);
    if (lead) return lead[1].toLowerCase();
    var said = SELF.filter(function (a) { return a.pattern.test(joined); });
    if (said.length) return said.length === 1 ? said[0].role : "";
    if (!long) return "";  /* "client", "client fees": a role in a few words is the topic */
    var named = ["client", "freelancer"].filter(function (r) { return OTHER[r].test(joined); });
    if (named.length === 2) named = named.filter(function (r) { return MINE[r].test(joined); });
    if (named.length !== 1) return "";
    return named[0] === "client" ? "freelancer" : "client";
  }

  /* Words in a canonical form, for matching aliases as phrases: people's words become
     the site's word ("cancel contract" -> "end contract"), stop words go, the rest is
     stemmed. */
  function canonical(text, synonyms) {
    var toks = words(text, synonyms.phrases), out = [], i = 0;
    while (i < toks.length) {
      var n = Math.min(synonyms.longest, toks.length - i), done = false;
      for (; n >= 1 && !done; n--) {
        var sites = synonyms.map.get(toks.slice(i, i + n).join(" "));
        if (sites) {
          words(sites[0], synonyms.phrases).forEach(function (w) { if (!STOP.has(w)) out.push(stem(w)); });
          i += n;
          done = true;
        }
      }
      if (!done) {
        if (!STOP.has(toks[i])) out.push(stem(toks[i]));
        i += 1;
      }
    }
    return out;
  }

  function contains(seq, part) {
    outer: for (var i = 0; i + part.length <= seq.length; i++) {
      for (var j = 0; j < part.length; j++) if (seq[i + j] !== part[j]) continue outer;
      return true;
    }
    return false;
  }

  /* Neighbouring words of a sequence, as "a b". */
  function pairs(seq) {
    var out = new Set();
    for (var i = 0; i + 1 < seq.length; i++) out.add(seq[i] + " " + seq[i + 1]);
    return out;
  }

  /* Keep the `limit` best scores, best first. */
  function insertTop(top, score, limit) {
    if (top.length >= limit && score <= top[limit - 1]) return;
    var i = top.length;
    top.push(score);
    while (i > 0 && top[i - 1] < score) { top[i] = top[i - 1]; i--; }
    top[i] = score;
    if (top.length > limit) top.pop();
  }

  /* ------------------------------------------------------------------ engine */

  var DEFAULTS = {
    fields: { title: 3, aliases: 2, text: 1, page: 0.6 },
    topicFields: { title: 2, aliases: 2, description: 1, headings: 1 },
    kinds: { faq: 1.15, article: 1, glossary: 0.9, template: 0.6, checklist: 0.8, page: 0.25 },  /* x each page's search.boost (checklists: 0.5) */
    opening: 1.0,          /* page openings (the short answer), for short queries */
    openingLong: 0.7,      /* ... and for long questions */
    glossaryLong: 0.6,     /* glossary terms in long questions (a definition rarely answers one) */
    intentBoost: 8,        /* a template or checklist when the reader asks for one (it goes first) */
    otherSide: 4,          /* a page written for the other side, when the reader shows theirs */
    aliasOpening: 2,       /* a short query that is one of a page's aliases: that page's opening */
    aliasTopic: 1,         /* a longer question that contains one: every answer on that page */
    vague: 2,              /* a post whose questions have fewer content words than this: all sentences count alike */
    synonymWeight: 0.6,
    context: 0.5,          /* words of a post's sentences that don't ask */
    coverage: 1.0,         /* exponent on the share of the query's weight a document matches */
    topic: 1.0,            /* weight of the page's topic match (title, aliases, description, headings) */
    titleShare: 1.0,       /* weight of the share of the query found in the document's title */
    titleFit: 0.5,         /* long questions: a heading whose own question the reader barely asks */
    proximity: 0.5,        /* an answer that says the query's neighbouring words side by side */
    bm25: { k: 1.2, b: 0.7, d: 0.5 },
    relative: 0.2,         /* listed: results within this share of the best score... */
    keep: 5,               /* ... but never fewer than this many */
    fuzzyLong: 1,          /* edits allowed in an unknown word of 8 letters or more */
    limit: 20
  };

  function msOptions(fields, vocabulary, bm25, phrases) {
    return {
      idField: "id",
      fields: fields,
      storeFields: [],
      tokenize: function (text) { return words(text, phrases); },
      processTerm: function (term) {
        var t = indexTerm(term);
        if (t && vocabulary) vocabulary.add(t);
        return t;
      },
      searchOptions: { bm25: bm25 }
    };
  }

  function Engine(index, options) {
    var o = this.options = Object.assign({}, DEFAULTS, options || {});
    var handbook = (index.config && index.config.handbook) || {};
    this.synonyms = compileSynonyms(handbook.synonyms);
    var vocabulary = this.vocabulary = new Set();
    var docs = this.docs = index.docs;

    /* Answers: one document per section, FAQ answer, term, template, page opening. */
    this.ms = new MiniSearch(msOptions(["title", "aliases", "text", "page"], vocabulary, o.bm25, this.synonyms.phrases));
    this.ms.addAll(docs.map(function (d, id) {
      return { id: id, title: d.title, aliases: d.aliases || "", text: d.text, page: d.page || "" };
    }));

    /* Topics: one document per page, from its title, aliases, description and headings. */
    var pages = new Map(), pageOf = this.pageOf = [];
    docs.forEach(function (d, id) {
      var url = d.location.split("#")[0];
      var p = pages.get(url);
      if (!p) { p = { id: pages.size, title: d.page || "", aliases: "", description: "", headings: [] }; pages.set(url, p); }
      if (d.location.indexOf("#") === -1) { p.aliases = d.aliases || ""; p.description = d.description || ""; }
      else p.headings.push(d.title);
      pageOf[id] = p.id;
    });
    var synonyms = this.synonyms;
    /* Each heading that asks a question: its own words, to see how much of it the reader asks. */
    this.titleTerms = docs.map(function (d) {
      if (d.location.indexOf("#") === -1 || !/\?\s*$/.test(d.title)) return [];
      return canonical(d.title, synonyms).filter(function (t, i, all) { return all.indexOf(t) === i; });
    });

    this.pairCache = new Map();
    this.aliasesOf = [];
    var aliasesOf = this.aliasesOf;
    pages.forEach(function (p) {
      aliasesOf[p.id] = p.aliases.split(";").map(function (a) { return canonical(a, synonyms); })
        .filter(function (seq) { return seq.length; });
    });
    this.topics = new MiniSearch(msOptions(["title", "aliases", "description", "headings"], vocabulary, o.bm25, synonyms.phrases));
    this.topics.addAll(Array.from(pages.values()).map(function (p) {
      return { id: p.id, title: p.title, aliases: p.aliases, description: p.description, headings: p.headings.join(" ") };
    }));
  }

  /* An answer's neighbouring words (in the site's words), worked out when first needed. */
  Engine.prototype.pairsOf = function (id) {
    var found = this.pairCache.get(id);
    if (!found) {
      var d = this.docs[id];
      found = pairs(canonical(d.title, this.synonyms));
      pairs(canonical(d.text, this.synonyms)).forEach(function (p) { found.add(p); });
      this.pairCache.set(id, found);
    }
    return found;
  };

  Engine.prototype.search = function (query) {
    var o = this.options, docs = this.docs, vocabulary = this.vocabulary, pageOf = this.pageOf, titleTerms = this.titleTerms;
    var q = parseQuery(query, this.synonyms, o);
    if (!q.terms.length) return { query: q, results: [] };
    var total = 0;
    q.weights.forEach(function (w) { total += w; });
    var weights = q.weights;
    var common = {
      tokenize: function (s) { return s.split(" "); },
      processTerm: function (t) { return t; },
      bm25: o.bm25,
      prefix: function (term) { return term === q.prefixTerm && term.length >= 3; },
      fuzzy: function (term) {
        if (vocabulary.has(term) || term.length < 5 || /\d/.test(term)) return false;
        return term.length >= 8 ? o.fuzzyLong : 1;
      },
      weights: { fuzzy: 0.6, prefix: 0.7 },
      boostTerm: function (term) { return weights.get(term) || 1; }
    };
    var text = q.terms.join(" ");

    /* How well each page's topic matches, relative to the best page. */
    var topicScore = new Map(), best = 0;
    this.topics.search(text, Object.assign({ boost: o.topicFields }, common)).forEach(function (r) {
      topicScore.set(r.id, r.score);
      best = Math.max(best, r.score);
    });

    /* Pages one of whose aliases the query says, as a phrase. */
    var qseq = canonical(query, this.synonyms), aliasHit = new Map(), aliasesOf = this.aliasesOf;
    var qpairs = pairs(qseq), self = this;
    aliasesOf.forEach(function (list, pid) {
      var cover = 0;
      list.forEach(function (seq) {
        if ((seq.length >= 2 || qseq.length <= 2) && contains(qseq, seq)) cover = Math.max(cover, seq.length / qseq.length);
      });
      if (cover) aliasHit.set(pid, cover);
    });

    var raw = this.ms.search(text, Object.assign({
      boost: o.fields,
      boostDocument: function (id) {
        var d = docs[id];
        var k = o.kinds[d.kind];
        var b = (k === undefined ? 1 : k) * (d.boost || 1);
        if (d.location.indexOf("#") === -1) b *= q.long ? o.openingLong : o.opening;
        if (d.kind === "glossary" && q.long) b *= o.glossaryLong;
        if (q.intent.indexOf(d.kind) !== -1) b *= o.intentBoost;
        if (q.asker && d.audience && d.audience !== "both" && d.audience !== q.asker) b /= o.otherSide;
        return b;
      }
    }, common));
    /* MiniSearch's results come best first; ours multiply its score by at most `most`,
       so once that cannot reach the `limit`-th best found, the rest cannot be listed. */
    var most = (1 + o.topic) * (1 + o.titleShare) * (1 + Math.max(o.aliasOpening, o.aliasTopic));
    var results = [], top = [];
    for (var i = 0; i < raw.length; i++) {
      var r = raw[i];
      if (top.length >= o.limit && r.score * most < top[o.limit - 1]) break;
      var got = 0, inTitle = 0;
      for (var j = 0; j < r.queryTerms.length; j++) got += weights.get(r.queryTerms[j]) || o.synonymWeight;
      for (var t in r.match) {
        if (r.match[t].indexOf("title") !== -1) inTitle += weights.get(t) || o.synonymWeight;
      }
      var share = Math.min(1, got / total);
      var pid = pageOf[r.id];
      var page = best > 0 ? (topicScore.get(pid) || 0) / best : 0;
      var alias = aliasHit.get(pid) || 0;
      var aliasFactor = 1;
      if (alias) {
        if (!q.long && docs[r.id].location.indexOf("#") === -1) aliasFactor = 1 + o.aliasOpening * alias;
        else if (q.long) aliasFactor = 1 + o.aliasTopic;
      }
      var fit = 1, own = titleTerms[r.id];
      if (q.long && own.length > 2) {
        var heard = own.filter(function (t) { return weights.has(t); }).length;
        fit = Math.pow(heard / own.length, o.titleFit);
      }
      var score = r.score * fit * Math.pow(share, o.coverage) * (1 + o.topic * page)
        * (1 + o.titleShare * Math.min(1, inTitle / total)) * aliasFactor;
      results.push({ id: r.id, score: score, share: share, terms: r.queryTerms });
      insertTop(top, score, o.limit);
    }
    results.sort(function (a, b) { return b.score - a.score; });
    /* The answers that can be listed, re-ranked by the share of the query's neighbouring
       words they say side by side (only these: working out an answer's pairs costs time). */
    if (o.proximity && qpairs.size) {
      results.slice(0, o.limit).forEach(function (r) {
        var near = 0, side = self.pairsOf(r.id);
        qpairs.forEach(function (p) { if (side.has(p)) near += 1; });
        r.score *= 1 + o.proximity * near / qpairs.size;
      });
      results = results.slice(0, o.limit).sort(function (a, b) { return b.score - a.score; });
    }
    /* Listed: the first `keep`, then those within `relative` of the best. */
    if (o.relative > 0 && results.length) {
      var floor = results[0].score * o.relative;
      results = results.filter(function (r, i) { return i < o.keep || r.score >= floor; });
    }
    return { query: q, results: results.slice(0, o.limit) };
  };

  var api = { Engine: Engine, words: words, JOIN: JOIN, stem: stem, parseQuery: parseQuery, canonical: canonical, compileSynonyms: compileSynonyms, STOP: STOP, DEFAULTS: DEFAULTS };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.HandbookSearch = api;
})(typeof self !== "undefined" ? self : this);
