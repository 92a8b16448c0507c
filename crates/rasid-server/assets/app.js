// rasid web UI: plain JavaScript, no build step, no library, no CDN.
//
// Views are chosen by the page's query string, so every state has a URL:
//   /?date_from=…&place=…&offset=…   incidents: filters, map, timeline, list
//   /?incident=ID                      one incident: claims and articles
//   /?doc=ID                           one article with its claims
//   /?view=search&q=…                  full-text search over the articles
// `lang=ar|en` picks the language (also remembered in localStorage).
//
// Spans in the API are UTF-8 byte offsets into a document's text; the text
// is encoded with TextEncoder and sliced by bytes, never by JS string index
// (UTF-16), so Arabic text highlights where the server says.
'use strict';

(function () {
  const I18N = {
    ar: {
      nav_incidents: 'الحوادث', nav_search: 'بحث', nav_api: 'واجهة API',
      footer: 'كل رقم مع مصدره والجملة التي ورد فيها. الخريطة: Natural Earth.',
      switch_to: 'English', loading: 'جارٍ التحميل…', error: 'خطأ',
      filters: 'التصفية', date_from: 'من تاريخ', date_to: 'إلى تاريخ', country: 'البلد',
      admin1: 'المحافظة', place: 'المكان', event_type: 'نوع الحدث', actor: 'الطرف',
      source: 'المصدر', scope: 'النطاق', min_best: 'أدنى تقدير للقتلى', disagreement: 'تباين بين المصادر فقط',
      q: 'نص في المقالات', sort: 'الترتيب', apply: 'تطبيق', reset: 'مسح',
      any: 'الكل', sort_date: 'الأقدم أولاً', 'sort_-date': 'الأحدث أولاً', 'sort_-best': 'الأكثر قتلى', sort_best: 'الأقل قتلى',
      scope_incident: 'حادثة', scope_campaign: 'حملة',
      incidents_found: 'حادثة', of: 'من', previous: 'السابق', next: 'التالي',
      export: 'تصدير', map: 'الخريطة', timeline: 'عدد الحوادث في اليوم', zoom_in: 'تكبير', zoom_out: 'تصغير', fit: 'ملاءمة',
      col_date: 'التاريخ', col_place: 'المكان', col_type: 'النوع', col_killed: 'القتلى (أدنى–أفضل–أعلى)',
      col_injured: 'الجرحى', col_sources: 'المصادر', col_claims: 'الادعاءات', col_disagreement: 'تباين',
      yes: 'نعم', no: 'لا', none: 'لا شيء', no_incidents: 'لا حوادث تطابق التصفية.',
      back: 'العودة إلى القائمة', estimates: 'التقديرات', kind: 'النوع', low: 'الأدنى', best: 'الأفضل', high: 'الأعلى',
      claims: 'الادعاءات', value: 'الرقم', qualifier: 'الصيغة', group: 'الفئة', outlet: 'الوسيلة', published: 'النشر',
      claim_date: 'تاريخ الحدث', status: 'الحالة', superseded: 'استُبدل برقم أحدث', duplicate: 'نسخة مكررة',
      articles: 'المقالات', actors: 'الأطراف', sources_list: 'المصادر المستقلة', via: 'عبر',
      own_account: 'رواية الوسيلة', show_in_text: 'في النص', document: 'المقالة', linked_incidents: 'الحوادث المرتبطة',
      search: 'بحث', search_placeholder: 'كلمات بالعربية، مثل: الكيماوي دوما', results: 'نتيجة',
      search_help: 'تُطابَق الكلمات مع أشكالها: مع أداة التعريف وحروف العطف والجر (الجرحى ← والجرحى)، والأرقام الهندية والعربية. * في آخر الكلمة للبادئة.',
      legend_figure: 'الرقم', legend_source: 'المصدر', not_found: 'غير موجود',
      kind_killed: 'قتلى', kind_injured: 'جرحى', kind_killed_or_injured: 'قتلى وجرحى', kind_missing: 'مفقودون',
      kind_detained: 'معتقلون', kind_displaced: 'نازحون',
      q_exact: 'رقم محدد', q_at_least: 'على الأقل', q_more_than: 'أكثر من', q_about: 'نحو', q_up_to: 'حتى',
      q_less_than: 'أقل من', q_range: 'بين', q_vague: 'تقريبي (عشرات، مئات)',
      g_civilians: 'مدنيون', g_children: 'أطفال', g_women: 'نساء', g_fighters: 'مقاتلون', g_soldiers: 'جنود',
      g_civil_defence: 'الدفاع المدني', g_medics: 'مسعفون', g_journalists: 'صحفيون',
    },
    en: {
      nav_incidents: 'Incidents', nav_search: 'Search', nav_api: 'API',
      footer: 'Every figure with its source and the sentence it stands in. Map: Natural Earth.',
      switch_to: 'عربي', loading: 'Loading…', error: 'Error',
      filters: 'Filters', date_from: 'From', date_to: 'To', country: 'Country',
      admin1: 'Province', place: 'Place', event_type: 'Event type', actor: 'Actor',
      source: 'Source', scope: 'Scope', min_best: 'Min. best estimate killed', disagreement: 'Sources disagree only',
      q: 'Text in the articles', sort: 'Order', apply: 'Apply', reset: 'Clear',
      any: 'Any', sort_date: 'Oldest first', 'sort_-date': 'Newest first', 'sort_-best': 'Most killed', sort_best: 'Fewest killed',
      scope_incident: 'Incident', scope_campaign: 'Campaign',
      incidents_found: 'incidents', of: 'of', previous: 'Previous', next: 'Next',
      export: 'Export', map: 'Map', timeline: 'Incidents per day', zoom_in: 'Zoom in', zoom_out: 'Zoom out', fit: 'Fit',
      col_date: 'Date', col_place: 'Place', col_type: 'Type', col_killed: 'Killed (low–best–high)',
      col_injured: 'Injured', col_sources: 'Sources', col_claims: 'Claims', col_disagreement: 'Disagree',
      yes: 'yes', no: 'no', none: 'none', no_incidents: 'No incident matches the filters.',
      back: 'Back to the list', estimates: 'Estimates', kind: 'Kind', low: 'Low', best: 'Best', high: 'High',
      claims: 'Claims', value: 'Value', qualifier: 'Qualifier', group: 'Group', outlet: 'Outlet', published: 'Published',
      claim_date: 'Event date', status: 'Status', superseded: 'superseded by a later figure', duplicate: 'duplicate copy',
      articles: 'Articles', actors: 'Actors', sources_list: 'Independent sources', via: 'via',
      own_account: 'own account', show_in_text: 'in text', document: 'Article', linked_incidents: 'Linked incidents',
      search: 'Search', search_placeholder: 'Arabic words, e.g. الكيماوي دوما', results: 'results',
      search_help: 'Words match their forms with the article, conjunctions and prepositions (الجرحى → والجرحى), and Arabic-Indic digits. End a word with * for a prefix.',
      legend_figure: 'figure', legend_source: 'source', not_found: 'Not found',
      kind_killed: 'killed', kind_injured: 'injured', kind_killed_or_injured: 'killed or injured', kind_missing: 'missing',
      kind_detained: 'detained', kind_displaced: 'displaced',
      q_exact: 'exact', q_at_least: 'at least', q_more_than: 'more than', q_about: 'about', q_up_to: 'up to',
      q_less_than: 'less than', q_range: 'range', q_vague: 'vague (dozens, hundreds)',
      g_civilians: 'civilians', g_children: 'children', g_women: 'women', g_fighters: 'fighters', g_soldiers: 'soldiers',
      g_civil_defence: 'civil defence', g_medics: 'medics', g_journalists: 'journalists',
    },
  };

  const FILTERS = ['date_from', 'date_to', 'country', 'admin1', 'place', 'event_type', 'actor', 'source',
    'scope', 'min_best', 'disagreement', 'q'];
  const PAGE = 50;
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  let lang = pickLanguage();
  let countryNames = {};

  function pickLanguage() {
    const asked = new URLSearchParams(location.search).get('lang');
    if (asked === 'ar' || asked === 'en') {
      try { localStorage.setItem('rasid-lang', asked); } catch (e) { /* private mode */ }
      return asked;
    }
    try {
      const kept = localStorage.getItem('rasid-lang');
      if (kept === 'ar' || kept === 'en') return kept;
    } catch (e) { /* private mode */ }
    return 'ar';
  }

  function t(key) {
    const table = I18N[lang];
    if (Object.prototype.hasOwnProperty.call(table, key)) return table[key];
    if (Object.prototype.hasOwnProperty.call(I18N.en, key)) return I18N.en[key];
    return key;
  }

  // A label from a prefix and a value, the value itself when unknown.
  function label(prefix, value) {
    if (value === null || value === undefined || value === '') return '';
    const key = prefix + value;
    return Object.prototype.hasOwnProperty.call(I18N[lang], key) ? I18N[lang][key] : String(value);
  }

  // Elements, built without innerHTML: no text from the data is ever parsed as HTML.
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    setAttrs(el, attrs);
    append(el, children);
    return el;
  }
  function s(tag, attrs, ...children) {
    const el = document.createElementNS(SVG_NS, tag);
    setAttrs(el, attrs);
    append(el, children);
    return el;
  }
  function setAttrs(el, attrs) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  function append(el, children) {
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }

  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.detail) || ('HTTP ' + status));
      this.status = status;
      this.body = body;
    }
  }

  async function api(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  function link(params) {
    const p = new URLSearchParams(params);
    const q = p.toString();
    return '/' + (q ? '?' + q : '');
  }

  function filterParams(p) {
    const out = new URLSearchParams();
    for (const name of FILTERS) {
      const v = p.get(name);
      if (v !== null && v.trim() !== '') out.set(name, v.trim());
    }
    return out;
  }

  function countryName(code) {
    const names = countryNames[code];
    if (!names) return code || '';
    return lang === 'ar' ? (names.ar || names.en) : names.en;
  }

  // "32", "≥150", "20+", "10–15", as rasid_export::figure writes it.
  function figure(c) {
    const n = (v) => (v === null || v === undefined ? '?' : String(v));
    switch (c.qualifier) {
      case 'exact': return n(c.value_min);
      case 'at_least': return '≥' + n(c.value_min);
      case 'more_than': return '>' + n(c.value_min);
      case 'about': return '~' + n(c.value_min);
      case 'up_to': return '≤' + n(c.value_max);
      case 'less_than': return '<' + n(c.value_max);
      case 'range': return n(c.value_min) + '–' + n(c.value_max);
      default: return n(c.value_min) + '+';
    }
  }

  function sourceLabel(c) {
    const src = c.source;
    if (src && !src.is_outlet) return src.name || src.surface || '?';
    return (c.outlet || '?') + ' (' + t('own_account') + ')';
  }

  // Figures read left to right inside Arabic text: "30–35–40", not "40–35–30".
  function ltr(text) {
    return h('bdi', { dir: 'ltr' }, text);
  }

  function estimateText(k) {
    if (!k || (k.low === null && k.best === null && k.high === null)) return '—';
    const n = (v) => (v === null || v === undefined ? '?' : String(v));
    if (k.low === k.high) return n(k.best);
    return n(k.low) + '–' + n(k.best) + '–' + n(k.high);
  }

  // ---- highlighting by UTF-8 byte spans -------------------------------------

  // `marks`: [{start, end, cls, n, id}] in bytes of `text`. Overlapping marks
  // split the text at every boundary; each piece carries every class over it.
  function markedText(text, marks) {
    const bytes = encoder.encode(text);
    const valid = marks.filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) &&
      m.start >= 0 && m.end <= bytes.length && m.start < m.end);
    const cuts = new Set([0, bytes.length]);
    for (const m of valid) { cuts.add(m.start); cuts.add(m.end); }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const out = document.createDocumentFragment();
    const opened = new Set();
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i];
      const b = points[i + 1];
      const piece = decoder.decode(bytes.subarray(a, b));
      const over = valid.filter((m) => m.start <= a && m.end >= b);
      if (over.length === 0) { out.append(piece); continue; }
      const el = h('mark', { class: Array.from(new Set(over.map((m) => m.cls))).join(' ') }, piece);
      const titled = over.filter((m) => m.title).map((m) => m.title);
      if (titled.length) el.title = titled.join(' · ');
      for (const m of over) {
        if (m.id && !opened.has(m.id)) {
          opened.add(m.id);
          el.id = m.id;
          if (m.n !== undefined) el.dataset.n = m.n;
        }
      }
      out.append(el);
    }
    return out;
  }

  function claimMarks(claims, prefix) {
    const marks = [];
    claims.forEach((c, i) => {
      const n = i + 1;
      if (c.span) {
        marks.push({ start: c.span.start, end: c.span.end, cls: 'fig' + (c.superseded ? ' old' : ''),
          id: prefix + n, n, title: '#' + n + ' ' + figure(c) + ' ' + label('kind_', c.kind) });
      }
      if (c.source && c.source.span) {
        marks.push({ start: c.source.span.start, end: c.source.span.end, cls: 'src', title: sourceLabel(c) });
      }
    });
    return marks;
  }

  function flash(id) {
    const el = document.getElementById(id);
    if (!el) return;
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el.classList.remove('flash');
    void el.offsetWidth;
    el.classList.add('flash');
  }

  // ---- views ----------------------------------------------------------------

  function errorBox(error) {
    const detail = error instanceof ApiError ? error.message : String(error);
    return h('div', { class: 'error', role: 'alert' }, h('strong', {}, t('error') + ': '), detail);
  }

  function field(name, input) {
    return h('label', { class: 'field' }, h('span', {}, t(name)), input);
  }

  function select(name, value, options) {
    const el = h('select', { name });
    el.append(h('option', { value: '' }, t('any')));
    for (const o of options) {
      el.append(h('option', { value: o.value, selected: o.value === value }, o.label));
    }
    return el;
  }

  function datalist(id, values) {
    return h('datalist', { id }, values.map((v) => h('option', { value: v })));
  }

  function filterForm(p, facets) {
    const v = (name) => p.get(name) || '';
    const form = h('form', { class: 'filters', method: 'get', action: '/' });
    form.append(
      h('h2', {}, t('filters')),
      h('div', { class: 'grid' },
        field('date_from', h('input', { type: 'date', name: 'date_from', value: v('date_from'),
          min: facets.date_min, max: facets.date_max })),
        field('date_to', h('input', { type: 'date', name: 'date_to', value: v('date_to'),
          min: facets.date_min, max: facets.date_max })),
        field('country', select('country', v('country'), facets.countries.map((c) => ({
          value: c.value, label: countryName(c.value) + ' (' + c.count + ')' })))),
        field('admin1', h('input', { name: 'admin1', value: v('admin1'), list: 'dl-admin1', autocomplete: 'off' })),
        field('place', h('input', { name: 'place', value: v('place'), list: 'dl-place', autocomplete: 'off' })),
        field('event_type', select('event_type', v('event_type'), facets.event_types.map((e) => ({
          value: e.value, label: e.value + ' (' + e.count + ')' })))),
        field('actor', h('input', { name: 'actor', value: v('actor'), list: 'dl-actor', autocomplete: 'off' })),
        field('source', select('source', v('source'), facets.sources.map((e) => ({
          value: e.value, label: (e.name || e.value) + ' (' + e.count + ')' })))),
        field('scope', select('scope', v('scope'), [
          { value: 'incident', label: t('scope_incident') }, { value: 'campaign', label: t('scope_campaign') }])),
        field('min_best', h('input', { type: 'number', min: 0, name: 'min_best', value: v('min_best') })),
        field('q', h('input', { type: 'search', name: 'q', value: v('q'), dir: 'auto' })),
        field('sort', select('sort', v('sort'), ['date', '-date', '-best', 'best'].map((o) => ({
          value: o, label: t('sort_' + o) })))),
        h('label', { class: 'check' },
          h('input', { type: 'checkbox', name: 'disagreement', value: 'true', checked: v('disagreement') === 'true' }),
          ' ', t('disagreement')),
      ),
      datalist('dl-admin1', facets.admin1.map((a) => a.value)),
      datalist('dl-place', facets.places.map((a) => a.value)),
      datalist('dl-actor', facets.actors.map((a) => a.value)),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, t('apply')),
        h('a', { href: '/', class: 'button' }, t('reset'))),
    );
    // Blank fields are left out of the URL.
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const out = new URLSearchParams();
      for (const [k, val] of new FormData(form).entries()) {
        if (String(val).trim() !== '') out.set(k, String(val).trim());
      }
      location.href = link(out);
    });
    return form;
  }

  async function viewIncidents(main, p) {
    const filters = filterParams(p);
    const sort = p.get('sort') || '';
    const offset = Math.max(0, parseInt(p.get('offset') || '0', 10) || 0);
    const listParams = new URLSearchParams(filters);
    if (sort) listParams.set('sort', sort);
    listParams.set('limit', String(PAGE));
    listParams.set('offset', String(offset));
    const [facets, list, timeline, geo] = await Promise.all([
      api('/api/facets'),
      api('/api/incidents?' + listParams),
      api('/api/timeline?' + filters),
      api('/api/incidents.geojson?' + filters),
    ]);
    main.replaceChildren();
    main.append(filterForm(p, facets));

    const exportParams = new URLSearchParams(filters);
    if (sort) exportParams.set('sort', sort);
    main.append(h('div', { class: 'summary' },
      h('strong', { id: 'total' }, String(list.total)), ' ', t('incidents_found'),
      h('span', { class: 'exports' }, t('export') + ': ',
        h('a', { href: '/api/incidents.csv?' + exportParams, download: 'incidents.csv' }, 'CSV'), ' · ',
        h('a', { href: '/api/incidents.geojson?' + exportParams }, 'GeoJSON'), ' · ',
        h('a', { href: '/api/incidents?' + listParams }, 'JSON'))));

    const panels = h('div', { class: 'panels' });
    const mapBox = h('section', { class: 'panel map-panel' }, h('h2', {}, t('map')));
    const timeBox = h('section', { class: 'panel time-panel' }, h('h2', {}, t('timeline')));
    panels.append(mapBox, timeBox);
    main.append(panels);
    drawTimeline(timeBox, timeline.items, filters);
    try {
      const basemap = await loadBasemap();
      drawMap(mapBox, basemap, geo.features);
    } catch (e) {
      mapBox.append(errorBox(e));
    }

    if (list.items.length === 0) {
      main.append(h('p', { class: 'empty' }, t('no_incidents')));
    } else {
      main.append(incidentTable(list.items));
    }
    const nav = pager(p, list.total, offset);
    if (nav) main.append(nav);
  }

  function incidentTable(items) {
    const rows = items.map((i) => {
      const href = link({ incident: i.id });
      return h('tr', { class: i.disagreement ? 'disagree' : null, 'data-id': i.id },
        h('td', { class: 'nowrap' }, i.date || '—'),
        h('td', {}, h('a', { href, class: 'incident-link' }, i.place || '—'),
          i.admin1 ? h('span', { class: 'muted' }, ' · ' + i.admin1) : null,
          i.country ? h('span', { class: 'muted' }, ' · ' + countryName(i.country)) : null),
        h('td', {}, (i.sub_event_types.length ? i.sub_event_types : i.event_types).join('، ') || '—',
          i.scope === 'campaign' ? h('span', { class: 'tag' }, t('scope_campaign')) : null),
        h('td', { class: 'num' }, ltr(estimateText(i.killed))),
        h('td', { class: 'num' }, i.injured_best === null ? '—' : String(i.injured_best)),
        h('td', { class: 'num' }, String(i.sources)),
        h('td', { class: 'num' }, String(i.claims)),
        h('td', {}, i.disagreement ? h('span', { class: 'flag' }, '⚠ ' + t('yes')) : t('no')));
    });
    return h('table', { class: 'incidents' },
      h('thead', {}, h('tr', {}, ['col_date', 'col_place', 'col_type', 'col_killed', 'col_injured',
        'col_sources', 'col_claims', 'col_disagreement'].map((k) => h('th', {}, t(k))))),
      h('tbody', {}, rows));
  }

  function pager(p, total, offset) {
    if (total <= PAGE) return null;
    const go = (o) => { const q = new URLSearchParams(p); q.set('offset', String(o)); return link(q); };
    const last = Math.min(offset + PAGE, total);
    return h('nav', { class: 'pager' },
      offset > 0 ? h('a', { href: go(Math.max(0, offset - PAGE)), class: 'button' }, t('previous')) : null,
      h('span', {}, (offset + 1) + '–' + last + ' ' + t('of') + ' ' + total),
      last < total ? h('a', { href: go(offset + PAGE), class: 'button' }, t('next')) : null);
  }

  // ---- timeline -------------------------------------------------------------

  function dayNumber(date) {
    const [y, m, d] = date.split('-').map((x) => parseInt(x, 10));
    return Math.floor(Date.UTC(y, m - 1, d) / 86400000);
  }
  function dayString(n) {
    return new Date(n * 86400000).toISOString().slice(0, 10);
  }

  function drawTimeline(box, days, filters) {
    if (days.length === 0) { box.append(h('p', { class: 'muted' }, t('none'))); return; }
    const first = dayNumber(days[0].date);
    const lastDay = dayNumber(days[days.length - 1].date);
    // Days up to 120 of them; longer ranges go by week.
    const span = lastDay - first + 1;
    const step = span > 120 ? 7 : 1;
    const buckets = Math.max(1, Math.ceil(span / step));
    const counts = new Array(buckets).fill(0);
    const killed = new Array(buckets).fill(0);
    for (const d of days) {
      const b = Math.floor((dayNumber(d.date) - first) / step);
      counts[b] += d.incidents;
      killed[b] += d.killed_best;
    }
    // Drawn at the panel's own width, so text keeps its size.
    const W = Math.max(320, Math.round(box.clientWidth - 24) || 800), H = 200, pad = 28, bottom = 26;
    const max = Math.max(...counts);
    const bw = (W - 2 * pad) / buckets;
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline', role: 'img', 'aria-label': t('timeline') });
    svg.append(s('line', { x1: pad, y1: H - bottom, x2: W - pad, y2: H - bottom, class: 'axis' }));
    counts.forEach((c, i) => {
      if (c === 0) return;
      const bh = (H - bottom - 16) * (c / max);
      // Time runs left to right in either language, as on a chart.
      const x = pad + i * bw;
      const from = dayString(first + i * step);
      const to = dayString(first + i * step + step - 1);
      const q = new URLSearchParams(filters);
      q.set('date_from', from);
      q.set('date_to', to);
      const a = s('a', { href: link(q) },
        s('rect', { x: x + Math.min(2, bw * 0.1), y: H - bottom - bh, width: Math.max(1, bw - Math.min(4, bw * 0.2)),
          height: bh, class: 'bar' }),
        s('title', {}, (step === 1 ? from : from + ' – ' + to) + ': ' + c + ' ' + t('incidents_found') +
          ', ' + killed[i] + ' ' + t('kind_killed')));
      svg.append(a);
      if (bw > 40) {
        svg.append(s('text', { x: x + bw / 2, y: H - bottom - bh - 4, class: 'count' }, String(c)));
      }
    });
    svg.append(s('text', { x: pad, y: H - 6, class: 'tick start' }, dayString(first)));
    svg.append(s('text', { x: W - pad, y: H - 6, class: 'tick end' }, dayString(lastDay)));
    svg.append(s('text', { x: pad - 4, y: 14, class: 'tick start' }, String(max)));
    box.append(svg);
  }

  // ---- map ------------------------------------------------------------------

  let basemapCache = null;
  async function loadBasemap() {
    if (!basemapCache) {
      const response = await fetch('/assets/basemap.geojson');
      if (!response.ok) throw new ApiError(response.status, null);
      basemapCache = await response.json();
    }
    return basemapCache;
  }

  // Equirectangular with the longitude scaled at 30°N: true shapes for the region.
  const KX = Math.cos(30 * Math.PI / 180);
  const px = (lon) => lon * KX;
  const py = (lat) => -lat;
  const MAP_W = 800, MAP_H = 470;

  function ringPath(ring) {
    return 'M' + ring.map(([lon, lat]) => px(lon).toFixed(3) + ',' + py(lat).toFixed(3)).join('L') + 'Z';
  }

  function largestRing(geometry) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    let best = null;
    for (const poly of polygons) if (!best || poly[0].length > best.length) best = poly[0];
    return best;
  }

  function drawMap(box, basemap, features) {
    const win = basemap.bbox || [-20, -6, 66, 44];
    const full = { x: px(win[0]), y: py(win[3]), w: px(win[2]) - px(win[0]), h: win[3] - win[1] };
    const points = features.filter((f) => f.geometry && f.geometry.type === 'Point');
    const fit = () => {
      if (points.length === 0) return fitAspect(full);
      const xs = points.map((f) => px(f.geometry.coordinates[0]));
      const ys = points.map((f) => py(f.geometry.coordinates[1]));
      const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
      const w = Math.max(7, (maxX - minX) * 1.5);
      const hh = Math.max(4, (maxY - minY) * 1.5);
      return fitAspect({ x: (minX + maxX) / 2 - w / 2, y: (minY + maxY) / 2 - hh / 2, w, h: hh });
    };
    function fitAspect(r) {
      const aspect = MAP_W / MAP_H;
      let { x, y, w, h: hh } = r;
      if (w / hh > aspect) { const nh = w / aspect; y -= (nh - hh) / 2; hh = nh; } else { const nw = hh * aspect; x -= (nw - w) / 2; w = nw; }
      return { x, y, w, h: hh };
    }
    let view = fit();
    const svg = s('svg', { class: 'map', role: 'img', 'aria-label': t('map'), preserveAspectRatio: 'xMidYMid meet' });
    const land = s('g', { class: 'land' });
    for (const f of basemap.features) {
      const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const d = polygons.map((poly) => poly.map(ringPath).join('')).join('');
      const name = lang === 'ar' ? (f.properties.name_ar || f.properties.name) : f.properties.name;
      land.append(s('path', { d, class: 'country', 'data-iso': f.properties.iso2 || null }, s('title', {}, name)));
      if (f.properties.iso2) countryNames[f.properties.iso2] = { en: f.properties.name, ar: f.properties.name_ar };
    }
    const overlay = s('g', { class: 'overlay' });
    svg.append(s('rect', { class: 'sea', x: full.x - 50, y: full.y - 50, width: full.w + 100, height: full.h + 100 }), land, overlay);

    function redraw() {
      svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
      const unit = view.w / MAP_W; // one screen pixel at the map's nominal width
      overlay.replaceChildren();
      if (view.w < 40) {
        for (const f of basemap.features) {
          const ring = largestRing(f.geometry);
          if (!ring || ring.length < 8) continue;
          let cx = 0, cy = 0;
          for (const [lon, lat] of ring) { cx += px(lon); cy += py(lat); }
          cx /= ring.length; cy /= ring.length;
          if (cx < view.x || cx > view.x + view.w || cy < view.y || cy > view.y + view.h) continue;
          const name = lang === 'ar' ? (f.properties.name_ar || f.properties.name) : f.properties.name;
          overlay.append(s('text', { x: cx, y: cy, class: 'country-label', 'font-size': 11 * unit }, name));
        }
      }
      // Largest first, so smaller circles stay clickable on top; incidents at
      // one spot are spread on a small circle around it.
      const sorted = points.slice().sort((a, b) => (b.properties.killed_best || 0) - (a.properties.killed_best || 0));
      const seen = new Map();
      for (const f of sorted) {
        const [lon, lat] = f.geometry.coordinates;
        const key = lon.toFixed(3) + ',' + lat.toFixed(3);
        const k = seen.get(key) || 0;
        seen.set(key, k + 1);
        const angle = k * 2.4;
        const spread = k === 0 ? 0 : 9 * unit * Math.sqrt(k);
        const cx = px(lon) + spread * Math.cos(angle);
        const cy = py(lat) + spread * Math.sin(angle);
        const best = f.properties.killed_best;
        const r = (best ? Math.min(22, 5 + 2 * Math.sqrt(best)) : 5) * unit;
        const cls = 'dot' + (f.properties.disagreement ? ' disagree' : '') + (best ? '' : ' nokilled');
        overlay.append(s('a', { href: link({ incident: f.properties.id }), class: 'dot-link' },
          s('circle', { cx, cy, r, class: cls }),
          s('title', {}, (f.properties.place || '') + ' · ' + (f.properties.date || '') + ' · ' +
            t('kind_killed') + ': ' + estimateText({ low: f.properties.killed_low, best, high: f.properties.killed_high }))));
      }
    }
    const zoom = (factor) => {
      const cx = view.x + view.w / 2, cy = view.y + view.h / 2;
      view = { x: cx - view.w * factor / 2, y: cy - view.h * factor / 2, w: view.w * factor, h: view.h * factor };
      redraw();
    };
    redraw();
    box.append(h('div', { class: 'map-tools' },
      h('button', { type: 'button', title: t('zoom_in'), onclick: () => zoom(0.5) }, '+'),
      h('button', { type: 'button', title: t('zoom_out'), onclick: () => zoom(2) }, '−'),
      h('button', { type: 'button', title: t('fit'), onclick: () => { view = fit(); redraw(); } }, t('fit'))),
    svg);
  }

  // ---- one incident ---------------------------------------------------------

  function claimsTable(claims, anchorOf) {
    return h('table', { class: 'claims' },
      h('thead', {}, h('tr', {}, ['#', t('value'), t('kind'), t('qualifier'), t('group'), t('source'),
        t('outlet'), t('published'), t('claim_date'), t('status')].map((k) => h('th', {}, k)))),
      h('tbody', {}, claims.map((c, i) => {
        const anchor = anchorOf(c, i);
        const status = [c.superseded ? t('superseded') : null, c.duplicate ? t('duplicate') : null,
          c.subgroup ? '⊂' : null].filter(Boolean).join('، ');
        return h('tr', { class: 'claim' + (c.superseded ? ' old' : ''), 'data-value': figure(c), 'data-kind': c.kind },
          h('td', {}, anchor ? h('a', { href: '#' + anchor, onclick: (e) => { e.preventDefault(); flash(anchor); } }, String(i + 1)) : String(i + 1)),
          h('td', { class: 'num value' }, ltr(figure(c))),
          h('td', {}, label('kind_', c.kind)),
          h('td', {}, label('q_', c.qualifier)),
          h('td', {}, c.group ? label('g_', c.group) : '—'),
          h('td', { class: 'source' }, sourceLabel(c),
            c.source && c.source.surface && c.source.surface !== c.source.name
              ? h('div', { class: 'surface', dir: 'rtl', lang: 'ar' }, c.source.surface) : null),
          h('td', {}, c.outlet || '—'),
          h('td', { class: 'nowrap' }, c.published || '—'),
          h('td', { class: 'nowrap' }, c.date ? c.date.value : '—'),
          h('td', {}, status || '—'));
      })));
  }

  function articleBlock(doc, claims, prefix) {
    const marks = claimMarks(claims, prefix);
    return h('article', { class: 'doc', id: 'doc-' + doc.id },
      h('header', {},
        h('a', { href: link({ doc: doc.id }) }, doc.outlet || doc.id),
        ' · ', doc.published || '—',
        docLink(doc.url)),
      h('div', { class: 'text', dir: 'rtl', lang: 'ar' }, markedText(doc.text, marks)));
  }

  // A document's address as given by its source: only an absolute http or
  // https URL becomes a link; anything else (javascript:, data:, a relative
  // path) is shown as text, never followed.
  function safeUrl(url) {
    if (typeof url !== 'string') return null;
    const trimmed = url.trim();
    if (!/^https?:\/\//i.test(trimmed)) return null;
    try {
      const parsed = new URL(trimmed);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch (_) {
      return null;
    }
  }

  function docLink(url) {
    if (!url) return null;
    const safe = safeUrl(url);
    return safe
      ? [' · ', h('a', { href: safe, rel: 'noopener noreferrer', target: '_blank', class: 'source-url' }, '↗')]
      : [' · ', h('span', { class: 'source-url', dir: 'ltr' }, url.trim())];
  }

  async function viewIncident(main, id) {
    const data = await api('/api/incidents/' + encodeURIComponent(id));
    const incident = data.incident;
    const documents = await Promise.all(data.documents.map((d) => api('/api/documents/' + encodeURIComponent(d.id))));
    await loadBasemap().then((b) => {
      for (const f of b.features) if (f.properties.iso2) countryNames[f.properties.iso2] = { en: f.properties.name, ar: f.properties.name_ar };
    }).catch(() => {});
    main.replaceChildren();
    const place = incident.place;
    main.append(
      h('p', {}, h('a', { href: '/', class: 'back', onclick: (e) => { if (history.length > 1 && document.referrer.startsWith(location.origin)) { e.preventDefault(); history.back(); } } }, '← ' + t('back'))),
      h('h1', { class: 'incident-title', 'data-id': incident.id },
        (place ? place.name : '—') + ' · ' + (incident.date ? incident.date.value : '—'),
        incident.disagreement ? h('span', { class: 'flag' }, ' ⚠ ' + t('col_disagreement')) : null),
      h('p', { class: 'meta' },
        place ? [place.surface ? h('span', { dir: 'rtl', lang: 'ar' }, place.surface) : null, ' · ',
          place.admin1 || '', ' · ', countryName(place.country), ' · ',
          place.lat.toFixed(3) + ', ' + place.lon.toFixed(3)] : null,
        ' · ', incident.sub_event_types.concat(incident.event_types).join('، '),
        ' · ', label('scope_', incident.scope)),
      incident.actors.length ? h('p', { class: 'meta' }, t('actors') + ': ' + incident.actors.join('، ')) : null,
    );

    const kinds = Object.entries(incident.estimates);
    main.append(h('h2', {}, t('estimates')),
      h('table', { class: 'estimates' },
        h('thead', {}, h('tr', {}, [t('kind'), t('low'), t('best'), t('high'), t('col_sources'), t('col_claims'), t('col_disagreement')].map((k) => h('th', {}, k)))),
        h('tbody', {}, kinds.concat(Object.entries(incident.group_estimates)).map(([kind, e]) => {
          const [k, g] = kind.split(':');
          return h('tr', { class: e.disagreement ? 'disagree' : null },
            h('td', {}, label('kind_', k) + (g ? ' · ' + label('g_', g) : '')),
            h('td', { class: 'num' }, e.low ?? '—'), h('td', { class: 'num' }, e.best ?? '—'),
            h('td', { class: 'num' }, e.high ?? '—'), h('td', { class: 'num' }, e.sources),
            h('td', { class: 'num' }, e.claims), h('td', {}, e.disagreement ? '⚠ ' + t('yes') : t('no')));
        }))));

    main.append(h('h2', {}, t('sources_list')),
      h('ul', { class: 'sources' }, incident.sources.map((src) => h('li', {},
        h('strong', {}, src.name || src.surface || src.key),
        src.outlets.length && !src.key.startsWith('outlet:') ? ' — ' + t('via') + ' ' + src.outlets.join('، ') : ''))));

    // Claims numbered in the table and in the text alike.
    const byDoc = new Map();
    incident.claims.forEach((c, i) => {
      if (!byDoc.has(c.doc)) byDoc.set(c.doc, []);
      byDoc.get(c.doc).push({ claim: c, n: i + 1 });
    });
    const anchor = (c, i) => 'c-' + (i + 1);
    main.append(h('h2', {}, t('claims') + ' (' + incident.claims.length + ')'), claimsTable(incident.claims, anchor));

    main.append(h('h2', {}, t('articles')),
      h('p', { class: 'legend' }, h('mark', { class: 'fig' }, t('legend_figure')), ' ', h('mark', { class: 'src' }, t('legend_source'))));
    for (const d of documents) {
      const doc = d.document;
      const entries = byDoc.get(doc.id) || [];
      const marks = [];
      for (const { claim: c, n } of entries) {
        if (c.span) marks.push({ start: c.span.start, end: c.span.end, cls: 'fig' + (c.superseded ? ' old' : ''), id: 'c-' + n, n, title: '#' + n + ' ' + figure(c) + ' ' + label('kind_', c.kind) });
        if (c.source && c.source.span) marks.push({ start: c.source.span.start, end: c.source.span.end, cls: 'src', title: sourceLabel(c) });
      }
      main.append(h('article', { class: 'doc', id: 'doc-' + doc.id },
        h('header', {}, h('a', { href: link({ doc: doc.id }) }, doc.outlet || doc.id), ' · ', doc.published || '—',
          docLink(doc.url)),
        h('div', { class: 'text', dir: 'rtl', lang: 'ar' }, markedText(doc.text, marks))));
    }
  }

  async function viewDocument(main, id) {
    const data = await api('/api/documents/' + encodeURIComponent(id));
    const doc = data.document;
    main.replaceChildren();
    main.append(
      h('h1', {}, t('document') + ': ' + (doc.outlet || doc.id) + ' · ' + (doc.published || '—')),
      h('p', { class: 'meta' }, doc.id),
      data.incidents.length ? h('p', {}, t('linked_incidents') + ': ',
        data.incidents.map((i, k) => [k ? ' · ' : '', h('a', { href: link({ incident: i }) }, i)])) : null,
      h('h2', {}, t('claims') + ' (' + data.claims.length + ')'),
      claimsTable(data.claims, (c, i) => 'd-' + (i + 1)),
      h('p', { class: 'legend' }, h('mark', { class: 'fig' }, t('legend_figure')), ' ', h('mark', { class: 'src' }, t('legend_source'))),
      articleBlock(doc, data.claims, 'd-'));
  }

  async function viewSearch(main, p) {
    const q = p.get('q') || '';
    main.replaceChildren();
    const form = h('form', { class: 'search', method: 'get', action: '/' },
      h('input', { type: 'hidden', name: 'view', value: 'search' }),
      h('input', { type: 'search', name: 'q', value: q, dir: 'auto', placeholder: t('search_placeholder'), 'aria-label': t('search') }),
      h('button', { type: 'submit', class: 'primary' }, t('search')));
    main.append(h('h1', {}, t('search')), form, h('p', { class: 'muted' }, t('search_help')));
    if (!q.trim()) return;
    const offset = Math.max(0, parseInt(p.get('offset') || '0', 10) || 0);
    const result = await api('/api/search?' + new URLSearchParams({ q, limit: '20', offset: String(offset) }));
    main.append(h('p', { class: 'summary' }, h('strong', {}, String(result.total)), ' ', t('results')));
    const list = h('ol', { class: 'results', start: offset + 1 });
    for (const item of result.items) {
      const snip = item.snippet;
      const marks = item.hits.filter((x) => x.start >= snip.start && x.end <= snip.end)
        .map((x) => ({ start: x.start - snip.start, end: x.end - snip.start, cls: 'hit' }));
      list.append(h('li', {},
        h('div', {}, h('a', { href: link({ doc: item.id }) }, item.outlet || item.id), ' · ', item.published || '—'),
        h('p', { class: 'snippet', dir: 'rtl', lang: 'ar' }, snip.start > 0 ? '… ' : '', markedText(snip.text, marks), ' …')));
    }
    main.append(list);
    if (result.total > 20) {
      const go = (o) => link({ view: 'search', q, offset: String(o) });
      main.append(h('nav', { class: 'pager' },
        offset > 0 ? h('a', { href: go(Math.max(0, offset - 20)), class: 'button' }, t('previous')) : null,
        offset + 20 < result.total ? h('a', { href: go(offset + 20), class: 'button' }, t('next')) : null));
    }
  }

  // ---- routing and language -------------------------------------------------

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    const button = document.getElementById('lang-switch');
    if (button) button.textContent = t('switch_to');
  }

  async function route() {
    const main = document.getElementById('main');
    const p = new URLSearchParams(location.search);
    document.body.dataset.state = 'loading';
    applyLanguage();
    main.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    try {
      if (p.get('incident')) await viewIncident(main, p.get('incident'));
      else if (p.get('doc')) await viewDocument(main, p.get('doc'));
      else if (p.get('view') === 'search') await viewSearch(main, p);
      else await viewIncidents(main, p);
      document.body.dataset.state = 'ready';
    } catch (e) {
      main.replaceChildren(errorBox(e));
      document.body.dataset.state = 'error';
    }
    if (location.hash) flash(location.hash.slice(1));
  }

  document.addEventListener('DOMContentLoaded', () => {
    const button = document.getElementById('lang-switch');
    button.addEventListener('click', () => {
      lang = lang === 'ar' ? 'en' : 'ar';
      try { localStorage.setItem('rasid-lang', lang); } catch (e) { /* private mode */ }
      const p = new URLSearchParams(location.search);
      if (p.has('lang')) { p.set('lang', lang); history.replaceState(null, '', link(p)); }
      route();
    });
    route();
  });
}());
