/**
 * Where a draft came from when another module made it (e.g. an opinion collected on a 双联
 * contact): shown on the draft as a link back. The other side keeps the draft's id.
 */
export interface Origin { kind: string; id: string; label: string; href: string }
