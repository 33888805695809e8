// The English table of ../portal.ts, loaded only when the page is in English.
import type { portalZh } from '../portal';

type Keys = keyof typeof portalZh;
export const portalEn: Record<Keys, string> = {
  'portal.title': '{org}: public information',
  'portal.intro': 'Proposals, consultations and documents, open to everyone; with an account you comment online, propose and support topics and keep favourite documents.',
  'portal.searchPlaceholder': 'Search published proposals, consultations and documents',
  'portal.live': 'Online consultation open now',
  'portal.liveJoin': 'Take part',
  'portal.sections': 'Sections',
  'portal.proposals': 'Published proposals and their replies',
  'portal.selections': 'Excellent proposals chosen each year',
  'portal.consultations': 'Consultations, online consultation and topics open for support',
  'portal.topics': 'Suggest topics for consultation, and support others’',
  'portal.topicsVisitor': 'Suggest topics for consultation: sign in or register to propose and support',
  'portal.library': 'The committee’s documents, previewed online',
  'portal.search': 'Search proposals, consultations and documents at once',
  'portal.latestProposals': 'Latest published proposals',
  'portal.latestDocuments': 'New in the library',
  'portal.all': 'View all',
  'portal.join': 'Register an account',
  'portal.joinIntro': 'With an account you comment, propose and support topics, and keep favourite documents.',
  'portal.welcome': 'Welcome back, {name}',
  'nav.searchAll': 'Search',
};
