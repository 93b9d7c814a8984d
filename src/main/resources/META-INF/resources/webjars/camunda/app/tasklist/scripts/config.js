/*
 * Partner Center's Tasklist configuration (replaces the webjar's scripts/config.js).
 *
 * Tasklist 7.24 has no language setting of its own: it takes the browser's first language (navigator.languages)
 * when locales.availableLocales has it, else locales.fallbackLocale, and loads only that locale's file (and the
 * fallback's). A signed-in partner user or customer admin reads Tasklist in the language of its account instead:
 * /tasklist-context says which, and that is the one locale Tasklist starts with. Signed out (the login page), the
 * browser's language when it is English or French, else English. Signing in on the login page switches to the
 * account's language without a reload (partner-center/tasklist.js, which also makes both languages available).
 */
const context = await fetch(new URL('../../../../tasklist-context', import.meta.url), {
  credentials: 'same-origin',
  cache: 'no-store',
  headers: {Accept: 'application/json'}
})
  .then(response => (response.ok ? response.json() : {}))
  .catch(() => ({}));

const languages = ['en', 'fr'];
const language = languages.includes(context.language) ? context.language : null;
window.partnerCenterTasklistLanguage = language;
const browserLanguage = ((navigator.languages && navigator.languages[0]) || navigator.language || '')
  .split('-')[0].toLowerCase();
const initial = language || (languages.includes(browserLanguage) ? browserLanguage : 'en');

export default {
  app: {
    name: 'Tasklist',
    vendor: 'Partner Center'
  },
  dateFormat: {
    normal: 'LLL',
    long: 'LLLL'
  },
  // one locale at start, so that one file sets the dates' locale (each locale file loaded sets it)
  locales: {availableLocales: [initial], fallbackLocale: initial},
  // tenant names, the way back to an accept page after sign-in, links to the partner and customer pages
  customScripts: ['partner-center/tasklist.js'],
  disableWelcomeMessage: true,
  csrfCookieName: 'XSRF-TOKEN',

  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: 'claims the currently selected task'},
    focusFilter: {key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list'},
    focusList: {key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list'},
    focusForm: {key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form'},
    startProcess: {key: 'ctrl+alt+p', description: 'opens the start process modal dialog'}
  }
};
