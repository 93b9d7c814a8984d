/*
 * Partner Center in Tasklist (a custom script of scripts/config.js), rendered in the navigation bar once the user
 * is signed in:
 * - the links to the pages the user has besides Tasklist (partner pages, the customer admins' page);
 * - partners' tenants shown by the partner's name, never by their id (partnerCONTOSO);
 * - the flows under their name in the user's language, and, in French, the few texts of the form renderer
 *   (form-js) that Tasklist's locale does not cover (validation messages, "Select");
 * - back to the accept page the user came from to sign in (an existing customer's administrator);
 * - the language of the user's account: the page is loaded again once when it differs from the one in use.
 * Everything comes from /tasklist-context, which answers for the signed-in user only.
 */
const contextUrl = new URL('../../../../tasklist-context', import.meta.url);

const FORM_JS_FR = [
  [/^Field is required\.$/, () => 'Champ obligatoire.'],
  [/^Field must have minimum length of (\d+)\.$/, m => `Au moins ${m[1]} caractères.`],
  [/^Field must have maximum length of (\d+)\.$/, m => `Au plus ${m[1]} caractères.`],
  [/^Field must have minimum value of (-?[\d.]+)\.$/, m => `La valeur doit être au moins ${m[1]}.`],
  [/^Field must have maximum value of (-?[\d.]+)\.$/, m => `La valeur doit être au plus ${m[1]}.`],
  [/^Field must match pattern .*$/, () => 'Le format saisi n’est pas valable.'],
  [/^Field must be a valid email\.$/, () => 'Saisissez une adresse e-mail valable.'],
  [/^Select$/, () => 'Choisir…'],
  [/^Search$/, () => 'Rechercher'],
  [/^No results$/, () => 'Aucun résultat']
];

function load() {
  return fetch(contextUrl, {credentials: 'same-origin', cache: 'no-store', headers: {Accept: 'application/json'}})
    .then(response => (response.ok ? response.json() : null))
    .catch(() => null);
}

function translator(context) {
  const exact = new Map(Object.entries(context.processNames || {}));
  const rules = context.language === 'fr' ? FORM_JS_FR : [];
  return text => {
    const trimmed = text.trim();
    if (!trimmed) {
      return null;
    }
    if (exact.has(trimmed)) {
      return text.replace(trimmed, exact.get(trimmed));
    }
    const colon = trimmed.lastIndexOf(': ');
    if (colon > 0 && exact.has(trimmed.substring(colon + 2))) {
      // "Démarrer un processus: Trial invitation", the start dialog's title
      return text.replace(trimmed, trimmed.substring(0, colon + 2) + exact.get(trimmed.substring(colon + 2)));
    }
    for (const [pattern, replace] of rules) {
      const m = trimmed.match(pattern);
      if (m) {
        return text.replace(trimmed, replace(m));
      }
    }
    return null;
  };
}

function keepInStep(context) {
  const tenants = context.tenants || {};
  const translate = translator(context);
  const apply = () => {
    document.querySelectorAll('.tenant-id').forEach(element => {
      const id = element.textContent.trim();
      if (tenants[id]) {
        element.textContent = tenants[id];
        element.setAttribute('data-tenant-id', id);
        element.setAttribute('title', tenants[id]);
      }
    });
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent && (parent.closest('textarea, [contenteditable="true"], .fjs-form-field-text, .markup') !== null)) {
        continue; // what users type, and the forms' own texts, stay as they are
      }
      const replaced = translate(node.nodeValue);
      if (replaced !== null && replaced !== node.nodeValue) {
        node.nodeValue = replaced;
      }
    }
  };
  let scheduled = false;
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        apply();
      });
    }
  };
  apply();
  new MutationObserver(schedule).observe(document.body, {childList: true, subtree: true, characterData: true});
}

function renderLinks(node, links) {
  node.classList.add('partner-center-links');
  links.forEach(link => {
    const a = document.createElement('a');
    a.href = link.href;
    a.textContent = link.label;
    a.className = 'partner-center-link';
    node.appendChild(a);
  });
}

export default [
  {
    id: 'partner-center-links',
    pluginPoint: 'tasklist.navbar.action',
    priority: 500,
    render: node => {
      load().then(context => {
        if (!context) {
          return;
        }
        if (context.returnTo) {
          window.location.assign(context.returnTo);
          return;
        }
        const inUse = window.partnerCenterTasklistLanguage;
        if (context.language && context.language !== inUse && !sessionStorage.getItem('partnerCenterReloaded')) {
          // signed in just now on the login page, which spoke the browser's language
          sessionStorage.setItem('partnerCenterReloaded', context.language);
          window.location.reload();
          return;
        }
        sessionStorage.removeItem('partnerCenterReloaded');
        renderLinks(node, context.links || []);
        keepInStep(context);
      });
    }
  }
];
