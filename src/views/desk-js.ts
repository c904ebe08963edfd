// The desk's optional script: autosave while typing (to the form's own action, the save path), the checks' verdict
// shown from each save's answer (student names, tone, photos: the same checks Save runs), and drag-and-drop
// ordering; on a published digest, a question before leaving with a correction not yet published. Without it
// every button still works (each submits the whole form); with it nothing typed waits.
// Its words come from the desk's catalog, written into the script when it is built.
import { t } from '../i18n/desk-text';
import { DESK_STACKED_MAX_WIDTH } from './admin-css';

const WORDS = {
  saved: t('desk.inbox.script.saved'),
  conflict: t('desk.inbox.script.conflict'),
  conflictYours: t('desk.inbox.script.conflictYours'),
  notSaved: t('desk.inbox.script.notSaved'),
  offline: t('desk.inbox.script.offline'),
  editing: t('desk.inbox.script.editing'),
  readingAgain: t('desk.inbox.script.readingAgain'),
  restored: t('desk.inbox.script.restored'),
  restoredNotSaved: t('desk.inbox.script.restoredNotSaved'),
  unpublished: t('desk.inbox.script.unpublishedChanges'),
  approveNotYours: t('desk.inbox.toolbar.approveNotYoursOriginal'),
};

export const deskJs = `
(() => {
  const words = ${JSON.stringify(WORDS).replace(/</g, '\\u003c')};
  const form = document.getElementById('desk');
  if (!form) return;
  // A published digest is not saved as it is typed: its changes go out with Publish correction. Leaving the page
  // any other way (a menu link, another post's takedown) would drop them, so the browser asks first.
  if (form.dataset.correcting === 'on') {
    let changed = false;
    // The button pressed, for browsers that do not say it on the submit event (event.submitter).
    let pressed = null;
    form.addEventListener('click', (event) => {
      const button = event.target.closest && event.target.closest('button[type=submit]');
      if (button) pressed = button;
    });
    form.addEventListener('input', (event) => {
      if (!event.target.closest('details') && event.target.name !== 'unpublish_reason') changed = true;
    });
    form.addEventListener('submit', (event) => {
      const submitter = event.submitter || pressed;
      const to = submitter && submitter.getAttribute('formaction');
      if (to && to.endsWith('/correct')) changed = false;
      else if (changed && !window.confirm(words.unpublished)) event.preventDefault();
      else changed = false;
    });
    window.addEventListener('beforeunload', (event) => {
      if (changed) { event.preventDefault(); event.returnValue = ''; }
    });
  }
  if (form.dataset.autosave !== 'on') return;
  // Where the day's posts stand below the digest (the stylesheet's one-column width), Add to digest comes back
  // at the new entry, far from the list the coordinator is picking from. There it returns to the post instead
  // (marked In the digest, a link to the entry). A browser without session storage keeps the jump.
  try {
    const stacked = window.matchMedia('(max-width: ${DESK_STACKED_MAX_WIDTH}px)');
    form.addEventListener('click', (event) => {
      const button = event.target.closest && event.target.closest('button[formaction$="/add"]');
      if (button && stacked.matches) sessionStorage.setItem('yesterday-desk-added', button.getAttribute('formaction'));
    });
    const added = (sessionStorage.getItem('yesterday-desk-added') || '').split('/').slice(-2)[0];
    sessionStorage.removeItem('yesterday-desk-added');
    const post = added && location.hash === '#entry-' + added && document.getElementById('item-' + added);
    if (post) {
      history.replaceState(null, '', '#item-' + added);
      window.addEventListener('load', () => post.scrollIntoView({ block: 'center' }));
    }
  } catch {}
  const status = form.querySelector('.autosave-status');
  const version = form.querySelector('input[name=version]');
  let timer = null;
  let saving = false;
  let again = false;
  let stopped = false;
  // A button pressed while a save is on its way, held until that save answers.
  let held = null;

  const say = (text) => { if (status) status.textContent = text; };

  // keepalive: a request that outlives the page, for typing not yet saved when the tab is closed or reloaded.
  async function save(keepalive) {
    if (stopped) return;
    if (saving) { again = true; return; }
    saving = true;
    const body = new FormData(form);
    const sent = valuesNow();
    try {
      const response = await fetch(form.action, { method: 'POST', body, headers: { Accept: 'application/json' }, credentials: 'same-origin', keepalive: Boolean(keepalive) });
      const answer = await response.json();
      if (answer.ok) {
        saved = sent;
        // A new version saved by this person is theirs to have approved by someone else, not to approve.
        const approve = form.querySelector('button[formaction$="/approve"]');
        const notYours = document.getElementById('approve-not-yours');
        if (String(answer.version) !== version.value) {
          if (approve) approve.hidden = true;
          if (notYours) { notYours.textContent = words.approveNotYours; notYours.hidden = false; }
        }
        version.value = String(answer.version);
        const line = document.getElementById('desk-status-text');
        if (line && answer.status) line.textContent = answer.status;
        showChecks(answer);
        // In the district's time, as every other time on the desk, whatever the computer's own zone.
        say(words.saved.replace('{{time}}', new Date().toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', timeZone: form.dataset.timezone })) + (answer.unscheduled ? '. ' + answer.unscheduled : ''));
      } else if (answer.error && answer.error.code === 'conflict') {
        stopped = true;
        say(answer.error.yours ? words.conflictYours : words.conflict);
      } else {
        say(answer.error ? answer.error.message : words.notSaved);
      }
    } catch {
      say(words.offline);
    } finally {
      saving = false;
      if (held) {
        // The button carries everything typed since, so no second save is needed.
        const button = held;
        held = null;
        again = false;
        // A button that left the form meanwhile (the page redrawn) cannot be pressed again: save instead.
        try { form.requestSubmit(button); } catch { save(); }
      } else if (again) { again = false; save(); }
    }
  }

  // Each record's findings, rendered by the server as the page renders them. A slot the coordinator is in (an
  // override reason being typed, a disclosure open) is left alone until they leave it.
  function showChecks(answer) {
    const badge = document.getElementById('desk-checks');
    if (badge && answer.checks) {
      badge.textContent = answer.checks.label;
      badge.className = 'badge ' + (answer.checks.ok ? 'ok' : 'warn');
    }
    const waits = document.getElementById('publish-waits');
    const publishNow = form.querySelector('[data-publish-now]');
    if (waits && publishNow && answer.checks) {
      const waiting = Boolean(answer.checks.waits) && !publishNow.disabled;
      if (waiting) waits.textContent = answer.checks.waits;
      waits.hidden = !waiting;
      publishNow.classList.toggle('secondary', waiting);
      publishNow.classList.toggle('waits', waiting);
      // A description is read out even while hidden: the buttons point at the note only while it shows.
      form.querySelectorAll('[data-publish-now], [data-publish-later]').forEach((button) => {
        if (waiting) button.setAttribute('aria-describedby', 'publish-waits');
        else button.removeAttribute('aria-describedby');
      });
    }
    if (!answer.findings) return;
    form.querySelectorAll('[data-findings-for]').forEach((slot) => {
      const html = answer.findings[slot.dataset.findingsFor];
      if (html === undefined || slot.contains(document.activeElement) || slot.querySelector('details[open]')) return;
      if (slot.dataset.shown === html) return;
      slot.dataset.shown = html;
      slot.innerHTML = html;
      const card = slot.closest('.entry-card');
      if (card) card.classList.toggle('has-findings', slot.querySelector('.finding:not(.resolved)') !== null);
    });
  }

  function schedule() {
    if (stopped) return;
    say(words.editing);
    clearTimeout(timer);
    timer = setTimeout(() => { timer = null; save(); }, 800);
  }

  // Leaving with typing the pause has not saved yet. A link on this site, or another form (the date bar, Sign
  // out), waits for the save and then goes, so the page it opens has what was typed. Closing the tab or reloading
  // cannot wait: the save goes at once, in a request that outlives the page. The browser asks first only when a
  // save is already on its way with more typed since, which a second save would meet as someone else's.
  const unsaved = () => !stopped && (timer !== null || saving);
  let leftSaving = false;
  function saveNow(keepalive) {
    clearTimeout(timer);
    timer = null;
    if (keepalive) {
      leftSaving = true;
      rememberLeaving();
    }
    save(keepalive);
  }
  function whenSaved() {
    if (timer !== null && !saving) saveNow(false);
    const since = Date.now();
    return new Promise((resolve) => {
      const check = () => ((!saving && timer === null) || Date.now() - since > 8000 ? resolve() : setTimeout(check, 50));
      check();
    });
  }
  document.addEventListener('click', (event) => {
    if (!unsaved() || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest && event.target.closest('a[href]');
    if (!link || (link.target && link.target !== '_self') || link.hasAttribute('download') || link.origin !== location.origin) return;
    event.preventDefault();
    whenSaved().then(() => { location.href = link.href; });
  });
  document.addEventListener('submit', (event) => {
    const other = event.target;
    if (other === form || !unsaved() || event.defaultPrevented) return;
    event.preventDefault();
    whenSaved().then(() => other.submit());
  });
  window.addEventListener('beforeunload', (event) => {
    if (stopped) return;
    if (saving && (again || timer !== null)) { event.preventDefault(); event.returnValue = ''; return; }
    if (timer !== null) saveNow(true);
  });
  window.addEventListener('pagehide', () => { if (!stopped && timer !== null && !saving) saveNow(true); });
  // Come back to from the browser's history after such a save: its answer may never have reached this page, whose
  // version is then older than the one saved, so it is read again.
  window.addEventListener('pageshow', (event) => { if (event.persisted && leftSaving) location.reload(); });

  // A reload can outrun the save made on leaving (the page is drawn before the save arrives), and a browser
  // refuses that save outright if the form is over 64 KiB. So what was typed is kept in this tab's session
  // storage with the version it was typed on. A page drawn at that same version reads itself again once, a
  // second later; still at that version, the save never arrived, and the typing is put back and saved.
  const LEAVING = 'yesterday-desk-leaving';
  // The form's values that can be put back: each text by its name, and each choice among options (a post's
  // picture, "No image") by its name and the value chosen.
  function valuesNow() {
    const texts = {};
    const choices = {};
    form.querySelectorAll('textarea[name], input[name]').forEach((field) => {
      if (field.type === 'radio') {
        if (field.checked) choices[field.name] = field.value;
      } else if (field.type !== 'hidden' && field.type !== 'checkbox' && field.type !== 'file') {
        if (form.elements.namedItem(field.name) === field) texts[field.name] = field.value;
      }
    });
    return { texts, choices };
  }
  // The values as the version in hand has them: as drawn, then as each save sent them.
  let saved = valuesNow();
  // What changed since that version, each with what it was there.
  function rememberLeaving() {
    const now = valuesNow();
    const changed = (kind) =>
      Object.fromEntries(
        Object.entries(now[kind])
          .filter(([name, value]) => saved[kind][name] !== value)
          .map(([name, value]) => [name, { now: value, before: saved[kind][name] }]),
      );
    const texts = changed('texts');
    const choices = changed('choices');
    try {
      // Nothing changed since the version in hand (its save arrived): nothing to keep, and no page to read again.
      if (!Object.keys(texts).length && !Object.keys(choices).length) sessionStorage.removeItem(LEAVING);
      else sessionStorage.setItem(LEAVING, JSON.stringify({ action: form.action, base: version.value, at: Date.now(), texts, choices }));
    } catch {}
  }
  // The changes put back: all of them on the version they were made on (the save never arrived), or on a newer
  // one only where it still has what was there before (so neither a change that arrived nor someone else's is
  // overwritten). Whether any was.
  function putBack(left, onlyUntouched) {
    const same = (a, b) => (a ?? '').trim() === (b ?? '').trim();
    let any = false;
    for (const [name, { now, before }] of Object.entries(left.texts || {})) {
      const field = form.elements.namedItem(name);
      if (!field || typeof field.value !== 'string' || 'length' in field || same(field.value, now)) continue;
      if (onlyUntouched && !same(field.value, before)) continue;
      field.value = now;
      any = true;
    }
    const radios = [...form.querySelectorAll('input[type=radio]')];
    for (const [name, { now, before }] of Object.entries(left.choices || {})) {
      const option = radios.find((o) => o.name === name && o.value === now);
      const checked = radios.find((o) => o.name === name && o.checked);
      if (!option || option.checked || (onlyUntouched && (checked ? checked.value : undefined) !== before)) continue;
      option.checked = true;
      any = true;
    }
    return any;
  }
  try {
    const left = JSON.parse(sessionStorage.getItem(LEAVING) || 'null');
    // Kept for a minute, for this tab only; signing out here forgets it at once.
    const changes = left ? Object.keys(left.texts || {}).length + Object.keys(left.choices || {}).length : 0;
    if (left && (Date.now() - left.at > 60000 || !changes)) sessionStorage.removeItem(LEAVING);
    else if (left && left.action === form.action) {
      if (left.base !== version.value) {
        // A newer version is saved: the save made on leaving arrived, or someone (this person elsewhere, or
        // another) saved meanwhile. What it lacks of the changes is put back, not saved, and said so.
        sessionStorage.removeItem(LEAVING);
        if (putBack(left, true)) say(words.restoredNotSaved);
      } else if (!left.retried) {
        sessionStorage.setItem(LEAVING, JSON.stringify({ ...left, retried: true }));
        stopped = true;
        form.inert = true;
        say(words.readingAgain);
        setTimeout(() => location.reload(), 1000);
      } else {
        sessionStorage.removeItem(LEAVING);
        if (putBack(left, false)) {
          schedule();
          say(words.restored);
        }
      }
    }
  } catch {}
  document.addEventListener('submit', (event) => {
    if (event.target.getAttribute && event.target.getAttribute('action') === '/admin/logout') {
      try { sessionStorage.removeItem(LEAVING); } catch {}
    }
  });
  form.addEventListener('input', (event) => {
    if (event.target.closest('details') || event.target.name === 'unpublish_reason') return;
    schedule();
  });

  // A button submits the whole form, so a save still waiting to start is not needed. One already on its way
  // would store a newer version than the form carries, and the button would meet the coordinator's own save
  // as a change made meanwhile: the button waits for that save's answer and then goes with its version.
  form.addEventListener('submit', (event) => {
    if (event.defaultPrevented) return;
    clearTimeout(timer);
    if (saving && event.submitter && form.requestSubmit) {
      event.preventDefault();
      held = event.submitter;
      return;
    }
    stopped = true;
  });

  // Drag and drop: move an entry card, then save the new order. The cards move while dragging, so a drop
  // outside the list has moved one too: the move is finished when the drag ends, wherever it was let go.
  const list = form.querySelector('.entry-list');
  if (!list) return;
  let dragged = null;
  let orderBefore = '';
  const orderNow = () => [...list.querySelectorAll('.entry-card')].map((card) => card.dataset.item).join(',');
  list.addEventListener('dragstart', (event) => {
    dragged = event.target.closest('.entry-card');
    orderBefore = orderNow();
    if (dragged) { dragged.classList.add('dragging'); event.dataTransfer.effectAllowed = 'move'; }
  });
  list.addEventListener('dragend', () => {
    if (dragged) dragged.classList.remove('dragging');
    dragged = null;
    if (orderNow() !== orderBefore) finishMove();
  });
  list.addEventListener('dragover', (event) => {
    if (!dragged) return;
    event.preventDefault();
    const over = event.target.closest('.entry-card');
    if (!over || over === dragged) return;
    const box = over.getBoundingClientRect();
    list.insertBefore(dragged, event.clientY > box.top + box.height / 2 ? over.nextSibling : over);
  });
  list.addEventListener('drop', (event) => event.preventDefault());
  function finishMove() {
    const cards = list.querySelectorAll('.entry-card');
    cards.forEach((card, i) => {
      card.querySelector('.entry-number').textContent = String(i + 1);
      // Up and Down as the page would draw them: the first card has no Up, the last no Down.
      const up = card.querySelector('button[formaction$="/up"]');
      const down = card.querySelector('button[formaction$="/down"]');
      if (up) up.disabled = i === 0;
      if (down) down.disabled = i === cards.length - 1;
    });
    save();
  }
})();
`;
