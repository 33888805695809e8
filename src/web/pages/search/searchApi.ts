// Search across everything: the shapes of GET /api/v1/search and /search/related.
export const KINDS = ['proposal', 'reply', 'opinion', 'consultation', 'comment', 'document', 'contact'] as const;
export type SearchKind = (typeof KINDS)[number];
export interface SearchItem { kind: SearchKind; id: string; title: string; titleHtml: string; snippet: string; href: string; date: string }
/**
 * Counts stop at a cap per kind: `capped` names the kinds that have more, `totalCapped` says `total` is a floor;
 * `estimates` says about how many a capped kind has, `totalEstimate` about how many in all.
 */
export interface SearchAnswer {
  items: SearchItem[]; total: number; totalCapped: boolean; capped: SearchKind[]; page: number; pageSize: number; counts: Partial<Record<SearchKind, number>>;
  estimates?: Partial<Record<SearchKind, number>>; totalEstimate?: number;
  years: { year: number; count: number }[]; categories: { category: string; count: number }[];
  /** The query's words searched for (none: it held only words too common to search by, such as 提案, 建议). */
  words?: string[];
}
export interface RelatedSearch { q: string; count: number; reason: 'alsoSearched' | 'sharedWords' }
