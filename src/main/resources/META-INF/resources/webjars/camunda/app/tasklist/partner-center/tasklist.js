/*
 * Partner Center in Tasklist (a custom script of scripts/config.js, evaluated before Tasklist's AngularJS starts):
 * - Tasklist in the language of the user's account, never a reload: when Tasklist starts signed in, config.js has
 *   read the account's language and it is the preferred one; when the user signs in on the login page (which speaks
 *   the browser's language), the sign-in's answer is held back until Tasklist has switched to the account's language
 *   ($translate.use), so Tasklist opens in that language at once;
 * - back to the accept page the user came from to sign in (an existing customer's administrator), before Tasklist
 *   opens;
 * - rendered in the navigation bar once the user is signed in: the links to the pages the user has besides Tasklist
 *   (partner pages, the customer admins' page); partners' tenants shown by the partner's name, never by their id
 *   (partnerCONTOSO); the flows under their name in the user's language, and, in French, the few texts of the form
 *   renderer (form-js) that Tasklist's locale does not cover (validation messages, "Select"); a dialog's notice (a
 *   refused start) brought into view.
 * Everything comes from /tasklist-context, which answers for the signed-in user only. Once the bar is done, the page's
 * root element says so (data-partner-center="ready") and carries the language in use (lang).
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

/** Tasklist's sign-in (the login page's POST): its answer says the user is signed in. */
const SIGN_IN = /\/api\/admin\/auth\/user\/[^/]+\/login\/tasklist$/;
const LANGUAGES = ['en', 'fr'];

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
      // "Démarrer un processus: Trial invitation", the start dialog's title ("Démarrer un processus : Invitation à
      // un essai": a space before the colon in French)
      return text.replace(trimmed, trimmed.substring(0, colon).trimEnd() + (context.language === 'fr' ? ' : ' : ': ')
        + exact.get(trimmed.substring(colon + 2)));
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
    // a dialog's notice (a refused start) shows above its form, which the user has scrolled down to press Start:
    // brought into view once
    document.querySelectorAll('.modal-body [notifications-panel] .alert:not([data-partner-center-shown])')
      .forEach(alert => {
        alert.setAttribute('data-partner-center-shown', '');
        alert.scrollIntoView({block: 'start'});
      });
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

function ready(language) {
  if (language) {
    document.documentElement.lang = language;
  }
  document.documentElement.dataset.partnerCenter = 'ready';
}

/**
 * Before Tasklist starts (custom scripts are evaluated before its AngularJS application is bootstrapped): it starts
 * in the one language config.js chose, both languages may be switched to, and a sign-in switches to the account's
 * language before Tasklist learns of the sign-in.
 */
const angular = window.angular;
if (angular) {
  angular.module('cam.tasklist').config(['$translateProvider', '$httpProvider', ($translateProvider, $httpProvider) => {
    $translateProvider.registerAvailableLanguageKeys(LANGUAGES);
    $httpProvider.interceptors.push(['$injector', '$q', ($injector, $q) => ({
      response: response => {
        if (response.config.method !== 'POST' || !SIGN_IN.test(response.config.url)) {
          return response;
        }
        // the session cookie of the sign-in is set: /tasklist-context answers for the user now
        return $q.when(load()).then(context => {
          if (context && context.returnTo) {
            window.location.assign(context.returnTo);
            return $q.defer().promise; // Tasklist does not open: the accept page does
          }
          const language = context && LANGUAGES.includes(context.language) ? context.language : null;
          window.partnerCenterTasklistLanguage = language;
          const $translate = $injector.get('$translate');
          if (!language || $translate.use() === language) {
            return response;
          }
          // a table loaded earlier on this page is read again, so that the dates' locale follows (the locale
          // loader's callback sets it)
          const loadedBefore = $translate.getTranslationTable(language) !== null;
          return $translate.use(language)
            .then(() => (loadedBefore ? $translate.refresh(language) : null))
            .then(() => response, () => response);
        }, () => response);
      }
    })]);
  }]);
}

export default [
  {
    id: 'partner-center-links',
    pluginPoint: 'tasklist.navbar.action',
    priority: 500,
    render: node => {
      load().then(context => {
        if (!context) {
          ready(null);
          return;
        }
        if (context.returnTo) {
          window.location.assign(context.returnTo);
          return;
        }
        renderLinks(node, context.links || []);
        keepInStep(context);
        ready(context.language);
      });
    }
  }
];
