// 文库: the shapes of the library API as the pages use them.
export type DocFormat = 'doc' | 'docx' | 'pdf' | 'pptx' | 'xlsx' | 'txt';
export type DocAccess = 'public' | 'members' | 'staff';

export interface DocItem {
  id: string; number: string; title: string; format: DocFormat; size: number; pages: number | null;
  state: 'processing' | 'ready' | 'failed'; reason?: string; uploadedAt: string; access: DocAccess; downloads: number;
  categoryId: string | null; uploader: string; previewKind: 'image' | 'text' | null; hidden: boolean;
  /** With scope=tree (含下级), and always in a document's detail: the committee it belongs to (its name when it is not the reader's). */
  orgId?: string; orgName?: string;
}
export interface DocDetail extends DocItem {
  filename: string; previewPages: number; mayDownload: boolean; favourite: boolean; breadcrumbs: { id: string; name: string }[];
}
export type LinkKind = 'proposal' | 'consultation' | 'member';
export const LINK_KINDS: LinkKind[] = ['proposal', 'consultation', 'member'];
/** Where a document is used (GET /documents/:id/links). */
export interface LinkTarget { kind: LinkKind; targetId: string; part: string; title: string; href: string }
/** 猜你喜欢 (GET /documents/:id/also). */
export interface AlsoItem extends DocItem { reason: 'favouritedToo' | 'sameItem' | 'titleWords' | 'popular' }
/** A document linked to an item (GET /documents/linked); `part`: the checklist item it is the deliverable of. */
export interface LinkedDoc extends DocItem { part: string }
/** A category; GET /documents/categories in order (sort, then name), with how many documents (the caller may read) and sub-categories it holds. */
export interface Category { id: string; parentId: string | null; name: string; sort: number; documentCount: number; subcategoryCount: number }
export interface Report { id: string; documentId: string; title: string; number: string; reason: string; status: string; createdAt: string }

export const FORMATS: DocFormat[] = ['pdf', 'docx', 'doc', 'pptx', 'xlsx', 'txt'];
export const ACCESS: DocAccess[] = ['public', 'members', 'staff'];

/** 19.50KB, 1.2MB */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(2)}KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)}MB`;
}

export interface CategoryEntry { category: Category; label: string; depth: number }

/** The categories in tree order, each with its depth and its "parent / child" label. */
export function categoryTree(cats: Category[]): CategoryEntry[] {
  const out: CategoryEntry[] = [];
  const walk = (parent: string | null, prefix: string, depth: number) => {
    if (depth > 10) return;
    for (const c of cats.filter((x) => x.parentId === parent)) {
      const label = prefix ? `${prefix} / ${c.name}` : c.name;
      out.push({ category: c, label, depth });
      walk(c.id, label, depth + 1);
    }
  };
  walk(null, '', 0);
  return out;
}

export type CategoryOption = { value: string; label: string };
/** Categories of the tree as a select's options, labelled "parent / child". */
export const optionsOf = (entries: CategoryEntry[]): CategoryOption[] => entries.map((e) => ({ value: e.category.id, label: e.label }));
/** The categories as "parent / child" labels, in tree order. */
export const categoryOptions = (cats: Category[]) => optionsOf(categoryTree(cats));
