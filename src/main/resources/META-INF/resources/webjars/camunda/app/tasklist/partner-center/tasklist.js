/*
 * Partner Center in Tasklist (a custom script of scripts/config.js), rendered in the navigation bar once the user
 * is signed in:
 * - the links to the pages the user has besides Tasklist (partner pages, the customer admins' page);
 * - partners' tenants shown by the partner's name, never by their id (partnerCONTOSO);
 * - back to the accept page the user came from to sign in (an existing customer's administrator);
 * - the language of the user's account: the page is loaded again once when it differs from the one in use.
 * Everything comes from /tasklist-context, which answers for the signed-in user only.
 */
const contextUrl = new URL('../../../../tasklist-context', import.meta.url);

function load() {
  return fetch(contextUrl, {credentials: 'same-origin', cache: 'no-store', headers: {Accept: 'application/json'}})
    .then(response => (response.ok ? response.json() : null))
    .catch(() => null);
}

function showTenantNames(tenants) {
  const rename = root => {
    root.querySelectorAll('.tenant-id').forEach(element => {
      const id = element.textContent.trim();
      if (tenants[id]) {
        element.textContent = tenants[id];
        element.setAttribute('data-tenant-id', id);
        element.setAttribute('title', tenants[id]);
      }
    });
  };
  rename(document);
  new MutationObserver(() => rename(document)).observe(document.body, {childList: true, subtree: true, characterData: true});
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
        showTenantNames(context.tenants || {});
      });
    }
  }
];
