import { describe, expect, it } from 'vitest';
import { KINDS, linkKey, loadBound, planLinks, PARTY, type HandLink, type Kind, type PlannedLink, type Roster, type RosterMember } from './rules.ts';

// The 双联 rules on generated rosters: national size (2,200 members, 34 sectors) and a city one.

const PARTIES = [PARTY, PARTY, PARTY, '民革', '民盟', '民建', '民进', '农工党', '致公党', '九三学社', '台盟', '无党派'];

/** A deterministic roster: `n` members over `sectors` sectors and `committees` special committees. */
function roster(n: number, sectorCount: number, committeeCount: number): Roster {
  const sectorIds = Array.from({ length: sectorCount }, (_, i) => `s${i}`);
  const committeeIds = Array.from({ length: committeeCount }, (_, i) => `c${i}`);
  let seed = 12345; // Park–Miller: exact in doubles
  const random = (k: number) => { seed = (seed * 48271) % 2147483647; return seed % k; };
  const members: RosterMember[] = Array.from({ length: n }, (_, i) => ({
    id: `m${i}`, sectorId: sectorIds[random(sectorCount)]!, party: PARTIES[random(PARTIES.length)]!,
    standing: random(6) === 0, chairMeeting: random(60) === 0, partyGroup: false, liaisonSectorIds: [],
    committeeIds: [committeeIds[random(committeeCount)]!],
  }));
  // Eight party-group members, each looking after a few sectors.
  for (let g = 0; g < 8; g++) {
    const m = members.filter((x) => x.party === PARTY)[g * 3]!;
    m.partyGroup = true;
    m.liaisonSectorIds = sectorIds.filter((_, s) => s % 8 === g);
  }
  return { members, sectorNames: new Map(sectorIds.map((s, i) => [s, `界别${i}`])), committeeIds };
}

const byKind = (links: PlannedLink[], kind: Kind) => links.filter((l) => l.kind === kind);
const liaisonOf = (l: PlannedLink) => l.fromMemberId ?? l.committeeId!;
function loads(links: PlannedLink[]) {
  const out = new Map<string, number>();
  for (const l of links) out.set(liaisonOf(l), (out.get(liaisonOf(l)) ?? 0) + 1);
  return out;
}
const maxLoad = (links: PlannedLink[]) => Math.max(0, ...loads(links).values());

describe.each([['national', 2200, 34, 10], ['city', 450, 30, 9]] as const)('the 双联 rules on a %s roster', (_, n, sectors, committees) => {
  const r = roster(n, sectors, committees);
  const links = planLinks(r, []);
  const member = new Map(r.members.map((m) => [m.id, m]));

  it('links every party-group member to every party member of the sectors they look after, and to no one else', () => {
    for (const g of r.members.filter((m) => m.partyGroup)) {
      const want = r.members.filter((m) => g.liaisonSectorIds.includes(m.sectorId) && m.party === PARTY && m.id !== g.id).map((m) => m.id).sort();
      const got = byKind(links, 'partyGroup').filter((l) => l.fromMemberId === g.id).map((l) => l.toMemberId!).sort();
      expect(got).toEqual(want);
      expect(want.length).toBeGreaterThan(0);
    }
    for (const l of byKind(links, 'partyGroup')) expect(l.reason).toBe(`分工联系界别：${r.sectorNames.get(member.get(l.toMemberId!)!.sectorId)}`);
  });

  it('gives each target of a balanced kind one liaison of the right kind, within the bound', () => {
    const cases: [Kind, (m: RosterMember) => boolean, (m: RosterMember) => boolean][] = [
      ['partyMember', (m) => m.party === PARTY && !m.partyGroup, (m) => m.party !== PARTY],
      ['chairMeeting', (m) => m.chairMeeting, (m) => m.standing && !m.chairMeeting],
      ['standing', (m) => m.standing && !m.chairMeeting, (m) => !m.standing],
    ];
    for (const [kind, isLiaison, isTarget] of cases) {
      const ofKind = byKind(links, kind);
      const targets = r.members.filter(isTarget);
      expect(ofKind.map((l) => l.toMemberId).sort(), kind).toEqual(targets.map((m) => m.id).sort());
      for (const l of ofKind) expect(isLiaison(member.get(l.fromMemberId!)!), kind).toBe(true);
      expect(maxLoad(ofKind), kind).toBeLessThanOrEqual(loadBound(targets.length, r.members.filter(isLiaison).length));
    }
    const sectorLinks = byKind(links, 'committee');
    expect(sectorLinks.map((l) => l.sectorId).sort()).toEqual([...r.sectorNames.keys()].sort());
    expect(maxLoad(sectorLinks)).toBeLessThanOrEqual(loadBound(sectors, committees));
  });

  it('links across sectors only when every liaison of the target\'s sector is full, and says why in Chinese', () => {
    const standing = byKind(links, 'standing');
    const cap = maxLoad(standing);
    const load = loads(standing);
    const liaisons = r.members.filter((m) => m.standing && !m.chairMeeting);
    const sectorOf = (id: string) => member.get(id)!.sectorId;
    const same = standing.filter((l) => sectorOf(l.fromMemberId!) === sectorOf(l.toMemberId!));
    for (const l of same) expect(l.reason).toBe(`同一界别：${r.sectorNames.get(sectorOf(l.toMemberId!))}`);
    const across = standing.filter((x) => !same.includes(x));
    for (const l of across) {
      expect(l.reason).toBe(`跨界别均衡分配：${r.sectorNames.get(sectorOf(l.fromMemberId!))} → ${r.sectorNames.get(sectorOf(l.toMemberId!))}`);
      for (const m of liaisons.filter((x) => x.sectorId === sectorOf(l.toMemberId!))) expect(load.get(m.id)).toBe(cap);
    }
    expect(same.length).toBeGreaterThan(across.length);
    expect(byKind(links, 'masses')).toHaveLength(n);
    for (const k of KINDS) expect(byKind(links, k).length, k).toBeGreaterThan(0);
  });
});

describe('hand adjustments and regeneration', () => {
  const r = roster(300, 12, 4);
  const first = planLinks(r, []);

  it('keeps what the rules gave before, and leaves to staff what they did by hand', () => {
    // Nothing changed: the same links again.
    expect(planLinks(r, [], first).map(linkKey).sort()).toEqual(first.map(linkKey).sort());
    const [moved, removed] = byKind(first, 'standing');
    const other = byKind(first, 'standing').find((l) => l.fromMemberId !== moved!.fromMemberId)!;
    const hand: HandLink[] = [
      // Reassigned: the old pair removed, the target given to another standing member by hand.
      { ...moved!, active: false },
      { ...moved!, fromMemberId: other.fromMemberId, active: true },
      { ...removed!, active: false },
    ];
    const again = planLinks(r, hand, first.filter((l) => l !== moved && l !== removed));
    const keys = new Set(again.map(linkKey));
    expect(keys.has(linkKey(moved!))).toBe(false);
    expect(keys.has(linkKey(removed!))).toBe(false);
    // The reassigned target is the staff's (no second generated link); the removed pair's target gets another liaison.
    expect(again.filter((l) => l.kind === 'standing' && l.toMemberId === moved!.toMemberId)).toEqual([]);
    const relinked = again.filter((l) => l.kind === 'standing' && l.toMemberId === removed!.toMemberId);
    expect(relinked).toHaveLength(1);
    expect(relinked[0]!.fromMemberId).not.toBe(removed!.fromMemberId);
  });
});
