// The 双联 rules: from the roster, the year's links of the six kinds (domain.md), each with its
// reason in Chinese. Pure: the generate command (commands.ts) loads the roster and writes the diff.
//
// Load bound: in each balanced kind (partyMember, chairMeeting, standing, committee) the rules
// give no liaison more than ⌈T ÷ L⌉ links of that kind, T the targets the rules assign (those no
// hand-made link of the kind already covers) and L the liaisons. The two kinds set by division of
// work are not balanced: a party-group member links every party member of the sectors they look
// after, and every member links the masses of their own sector. Links staff add by hand are
// theirs to weigh and are not counted.

export const KINDS = ['partyGroup', 'partyMember', 'chairMeeting', 'standing', 'masses', 'committee'] as const;
export type Kind = (typeof KINDS)[number];

/** 中共 members are party members (党员委员); everyone else is outside the party (党外委员). */
export const PARTY = '中共';

export interface RosterMember {
  id: string; sectorId: string; party: string; standing: boolean; chairMeeting: boolean; partyGroup: boolean;
  liaisonSectorIds: string[]; committeeIds: string[];
}
export interface Roster { members: RosterMember[]; sectorNames: Map<string, string>; committeeIds: string[] }

export interface PlannedLink { kind: Kind; fromMemberId: string | null; toMemberId: string | null; sectorId: string | null; committeeId: string | null; reason: string }
/** What staff did by hand this year: links they added (active) and removed (inactive). */
export type HandLink = Omit<PlannedLink, 'reason'> & { active: boolean };
/** The links the rules gave last time: kept where they still hold, so a regeneration moves few. */
export type PreviousLink = Omit<PlannedLink, 'reason'>;

export const linkKey = (l: Omit<PlannedLink, 'reason'>) => [l.kind, l.fromMemberId, l.toMemberId, l.sectorId, l.committeeId].join('|');

/** The most links of a balanced kind the rules give one liaison. */
export const loadBound = (targets: number, liaisons: number) => (liaisons ? Math.ceil(targets / liaisons) : 0);

interface Balance<L, T> {
  kind: Kind;
  liaisons: L[]; targets: T[];
  idOf(l: L): string; targetId(t: T): string;
  /** How well a liaison fits a target (same sector, shared members); 0: no fit. */
  affinity(l: L, t: T): number;
  link(l: L, t: T, affinity: number): PlannedLink;
}

/**
 * Each target gets one liaison, none more than the bound: the one it had (if it still holds),
 * else the best-fitting liaison with room, else the least loaded with room. Pairs staff removed
 * are never given again; targets staff linked by hand are left to them.
 */
function balance<L, T>(b: Balance<L, T>, hand: HandLink[], previous: PreviousLink[]): PlannedLink[] {
  const handOfKind = hand.filter((h) => h.kind === b.kind);
  const target = (l: { toMemberId: string | null; sectorId: string | null }) => (b.kind === 'committee' ? l.sectorId : l.toMemberId);
  const liaisonOf = (l: { fromMemberId: string | null; committeeId: string | null }) => (b.kind === 'committee' ? l.committeeId : l.fromMemberId);
  const covered = new Set(handOfKind.filter((h) => h.active).map(target));
  const removed = new Set(handOfKind.filter((h) => !h.active).map((h) => `${liaisonOf(h)}>${target(h)}`));
  const targets = b.targets.filter((t) => !covered.has(b.targetId(t)));
  const cap = loadBound(targets.length, b.liaisons.length);
  // Liaisons by position (ids, loads in arrays): the inner loop below runs targets × liaisons times.
  const ids = b.liaisons.map((l) => b.idOf(l));
  const index = new Map(ids.map((id, i) => [id, i]));
  const load = ids.map(() => 0);
  const had = new Map(previous.filter((p) => p.kind === b.kind).map((p) => [target(p), liaisonOf(p)]));
  const out: PlannedLink[] = [];
  const open = (i: number, tid: string) => load[i]! < cap && ids[i] !== tid && !(removed.size && removed.has(`${ids[i]}>${tid}`));
  const give = (i: number, t: T) => { load[i]! += 1; out.push(b.link(b.liaisons[i]!, t, b.affinity(b.liaisons[i]!, t))); };

  let rest: T[] = [];
  for (const t of targets) {
    const before = index.get(had.get(b.targetId(t)) ?? '');
    if (before !== undefined && open(before, b.targetId(t))) give(before, t); else rest.push(t);
  }
  for (const fitting of [true, false]) {
    const left: T[] = [];
    for (const t of rest) {
      const tid = b.targetId(t);
      let best = -1;
      let bestFit = 0;
      for (let i = 0; i < ids.length; i++) {
        if (!open(i, tid)) continue;
        const fit = b.affinity(b.liaisons[i]!, t);
        if (fitting && fit <= 0) continue;
        if (best < 0 || fit > bestFit || (fit === bestFit && load[i]! < load[best]!)) { best = i; bestFit = fit; }
      }
      if (best >= 0) give(best, t); else left.push(t);
    }
    rest = left;
  }
  return out;
}

/** The links the rules give for the roster, given what staff did by hand and what the rules gave before. */
export function planLinks(roster: Roster, hand: HandLink[], previous: PreviousLink[] = []): PlannedLink[] {
  const sector = (id: string) => roster.sectorNames.get(id) ?? '';
  const { members } = roster;
  const handRemoved = new Set(hand.filter((h) => !h.active).map(linkKey));
  const handAdded = new Set(hand.filter((h) => h.active).map(linkKey));
  const memberLink = (kind: Kind) => (from: RosterMember, to: RosterMember, same: number): PlannedLink => ({
    kind, fromMemberId: from.id, toMemberId: to.id, sectorId: null, committeeId: null,
    reason: same > 0 ? `同一界别：${sector(to.sectorId)}` : `跨界别均衡分配：${sector(from.sectorId)} → ${sector(to.sectorId)}`,
  });
  const balanced = (liaisons: RosterMember[], targets: RosterMember[], kind: Kind) => balance<RosterMember, RosterMember>({
    kind, liaisons, targets, idOf: (m) => m.id, targetId: (m) => m.id,
    affinity: (l, t) => (l.sectorId === t.sectorId ? 1 : 0), link: memberLink(kind),
  }, hand, previous);

  // 1. Party-group member → the party members of the sectors they look after.
  const partyGroup: PlannedLink[] = members.filter((m) => m.partyGroup).flatMap((g) => g.liaisonSectorIds.flatMap((s) =>
    members.filter((m) => m.sectorId === s && m.party === PARTY && m.id !== g.id)
      .map((m) => ({ kind: 'partyGroup' as const, fromMemberId: g.id, toMemberId: m.id, sectorId: null, committeeId: null, reason: `分工联系界别：${sector(s)}` }))));
  // 2. Party member (not of the party group, who has links of their own) → members outside the party.
  const partyMember = balanced(members.filter((m) => m.party === PARTY && !m.partyGroup), members.filter((m) => m.party !== PARTY), 'partyMember');
  // 3. Chair-meeting member → standing members; 4. standing member → members.
  const chairMeeting = balanced(members.filter((m) => m.chairMeeting), members.filter((m) => m.standing && !m.chairMeeting), 'chairMeeting');
  const standing = balanced(members.filter((m) => m.standing && !m.chairMeeting), members.filter((m) => !m.standing), 'standing');
  // 5. Every member → the masses of their sector.
  const masses: PlannedLink[] = members.map((m) => ({ kind: 'masses', fromMemberId: m.id, toMemberId: null, sectorId: m.sectorId, committeeId: null, reason: `联系本界别群众：${sector(m.sectorId)}` }));
  // 6. Special committee → sectors: each sector to the committee with most of its members, balanced.
  const inCommittee = new Map<string, number>();
  for (const m of members) for (const c of m.committeeIds) inCommittee.set(`${c}|${m.sectorId}`, (inCommittee.get(`${c}|${m.sectorId}`) ?? 0) + 1);
  const committee = balance<string, string>({
    kind: 'committee', liaisons: roster.committeeIds, targets: [...roster.sectorNames.keys()], idOf: (c) => c, targetId: (s) => s,
    affinity: (c, s) => inCommittee.get(`${c}|${s}`) ?? 0,
    link: (c, s, n) => ({ kind: 'committee', fromMemberId: null, toMemberId: null, sectorId: s, committeeId: c,
      reason: n > 0 ? `专委会委员所在界别：${sector(s)}（${n}人）` : `均衡分配：${sector(s)}` }),
  }, hand, previous);

  return [...partyGroup, ...partyMember, ...chairMeeting, ...standing, ...masses, ...committee]
    .filter((l) => !handRemoved.has(linkKey(l)) && !handAdded.has(linkKey(l)));
}
