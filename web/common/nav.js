/**
 * nav.js: the main navigation, one table. The entries marked `static` are
 * also written in web/common/_header.html, so the header works without
 * JavaScript (a test checks that the two agree); the others are added by
 * ui.js for the signed-in roles that can use them. A new page of a
 * domain is one line here.
 *
 * Each entry: href, text, also (pages that count as this entry for
 * aria-current), and who may see it: `static` (everyone, in the header),
 * `anyone` (also before sign-in), or `when(user)` for signed-in users.
 * `group` names the plan area whose menu holds it (GROUPS); ui.js shows
 * each area as a disclosure menu, an area with one entry as that link,
 * and entries without a group as links of their own. Without JavaScript
 * the header's static links stay a plain list.
 */
const WORKERS = ['ncpoc', 'cert', 'rifc_analyst', 'coordinator'];

/** The plan areas, in the header's order: [key, heading]. */
export const GROUPS = [
  ['sharing', 'Information sharing'],
  ['standards', 'Standards'],
  ['capacity', 'Capacity'],
  ['monitoring', 'Monitoring'],
  ['cooperation', 'Cooperation'],
  ['admin', 'Admin'],
];

export const NAV = [
  { href: '/', text: 'Home', static: true },
  { href: '/start', text: 'Start', when: () => true },
  { href: '/directory', text: 'Contacts', static: true, group: 'cooperation' },
  { href: '/bodies', text: 'Bodies', static: true, group: 'cooperation',
    also: ['/organisations'] },
  { href: '/gaps', text: 'Standards', static: true, group: 'standards' },
  { href: '/review', text: 'Review', group: 'standards',
    when: (u) => ['rifc_analyst', 'coordinator'].includes(u.role) },
  { href: '/incidents', text: 'Incidents', also: ['/incident', '/incident-new'], group: 'sharing',
    when: () => true },
  { href: '/indicators', text: 'Indicators', also: ['/indicator'], group: 'sharing',
    when: () => true },
  { href: '/queue', text: 'Queue', group: 'sharing', when: (u) => WORKERS.includes(u.role) },
  { href: '/clusters', text: 'Clusters', group: 'sharing',
    when: (u) => u.role === 'rifc_analyst' && !u.state_code },
  { href: '/advisories', text: 'Advisories', group: 'sharing', when: () => true },
  { href: '/lessons', text: 'Lessons', group: 'sharing', when: () => true },
  { href: '/rfis', text: 'Requests', also: ['/subscriptions', '/inbox'], group: 'sharing', when: () => true },
  { href: '/stix', text: 'STIX objects', also: ['/stix-object'], group: 'sharing', when: () => true },
  { href: '/initiatives', text: 'Capacity', group: 'capacity', when: () => true,
    also: ['/initiative', '/initiative-new', '/needs', '/coverage', '/duplicates', '/funding',
      '/trainings', '/training', '/proposals', '/timeline'] },
  // monitoring: meetings, recommendations, plan versions
  { href: '/meetings', text: 'Meetings', group: 'monitoring', when: () => true,
    also: ['/meeting', '/recommendations', '/recommendation', '/plan-versions'] },
  /* monitoring: reports (mon-reports) */
  { href: '/reports', text: 'Reports', group: 'monitoring',
    when: () => true },
  /* public report triage: a state's NCPOC and CERT teams, the RIFC */
  { href: '/triage', text: 'Public reports', also: ['/triage-report', '/triage-clusters'], group: 'sharing',
    when: (u) => (['ncpoc', 'cert'].includes(u.role) && !!u.state_code) ||
      (u.role === 'rifc_analyst' && !u.state_code) },
  /* 24/7 preservation requests: a state's NCPOC, the RIFC */
  { href: '/preservation', text: 'Preservation', group: 'cooperation',
    also: ['/preservation-new', '/preservation-request'],
    when: (u) => (u.role === 'ncpoc' && !!u.state_code) ||
      (u.role === 'rifc_analyst' && !u.state_code) },
  { href: '/legal', text: 'Legal', group: 'monitoring', when: () => true, also: ['/legal-state', '/legal-instrument'] },
  /* forensics: pooled labs and chain of custody */
  { href: '/labs', text: 'Forensics', group: 'cooperation', when: () => true,
    also: ['/lab', '/forensic-request', '/evidence', '/evidence-item'] },
  /* cyber crisis management: a state's national team, the RIFC */
  { href: '/crises', text: 'Crises', group: 'cooperation',
    also: ['/crisis', '/crisis-new', '/crisis-review', '/crisis-templates'],
    when: (u) => (['ncpoc', 'cert'].includes(u.role) && !!u.state_code) ||
      (u.role === 'rifc_analyst' && !u.state_code) },
  { href: '/search', text: 'Search', when: () => true },
  { href: '/import', text: 'Import', group: 'sharing', when: (u) => WORKERS.includes(u.role) },
  { href: '/admin', text: 'Administration', group: 'admin', also: ['/audit'], when: (u) => ['admin', 'coordinator'].includes(u.role) },
  { href: '/account', text: 'Your account', static: true },
];

/** The entries @p user (null before sign-in) sees, in order. */
export function navFor(user) {
  return NAV.filter((e) => e.static || e.anyone || (user && e.when && e.when(user)));
}
