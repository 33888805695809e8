// Search across everything: the shapes of GET /api/v1/search and /search/related.
export const KINDS = ['proposal', 'reply', 'opinion', 'consultation', 'comment', 'document', 'contact'] as const;
export type SearchKind = (typeof KINDS)[number];
export interface SearchItem { kind: SearchKind; id: string; title: string; titleHtml: string; snippet: string; href: string; date: string }
export interface SearchAnswer { items: SearchItem[]; total: number; page: number; pageSize: number; counts: Partial<Record<SearchKind, number>>; years: { year: number; count: number }[] }
export interface RelatedSearch { q: string; count: number; reason: 'alsoSearched' | 'sharedWords' }
