/*
 * Partner Center's Tasklist configuration (replaces the webjar's scripts/config.js).
 *
 * Tasklist picks its language from the browser (navigator.languages) among locales.availableLocales. A signed-in
 * partner user or customer admin reads Tasklist in the language of its account instead: /tasklist-context says
 * which, and only that locale is offered then. Signed out (the login page), the browser's language among English
 * and French. partner-center/tasklist.js reloads the page once after sign-in when the two differ.
 */
const context = await fetch(new URL('../../../../tasklist-context', import.meta.url), {
  credentials: 'same-origin',
  cache: 'no-store',
  headers: {Accept: 'application/json'}
})
  .then(response => (response.ok ? response.json() : {}))
  .catch(() => ({}));

const language = context.language === 'fr' || context.language === 'en' ? context.language : null;
window.partnerCenterTasklistLanguage = language;

export default {
  app: {
    name: 'Tasklist',
    vendor: 'Partner Center'
  },
  dateFormat: {
    normal: 'LLL',
    long: 'LLLL'
  },
  locales: language
    ? {availableLocales: [language], fallbackLocale: language}
    : {availableLocales: ['en', 'fr'], fallbackLocale: 'en'},
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
