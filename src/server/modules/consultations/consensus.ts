// Consensus ranking of an online consultation's comments: a comment that members of several
// sectors and the public all support rises above one that many people of a single group support.

export type VoteValue = 'agree' | 'disagree' | 'pass';
export interface GroupVote {
  /** The voter's group: the sector of a member, 'public' for a public account, … */
  group: string;
  /** A support (点赞) alone is an 'agree'. */
  value: VoteValue;
}
export interface VotedComment { id: string; votes: readonly GroupVote[] }
export interface GroupTally { agree: number; disagree: number; pass: number; /** (agree + 1) / (agree + disagree + 2). */ rate: number }
export interface ConsensusRank {
  id: string;
  /** Geometric mean over the groups of each group's smoothed agreement rate, in (0, 1). */
  score: number;
  agrees: number;
  /** Groups whose smoothed agreement rate is above one half. */
  supportingGroups: number;
  groups: Record<string, GroupTally>;
}

/**
 * Ranks comments by group-informed consensus, as Pol.is does for its statements:
 *
 *   score(c) = Π over groups g of  (agree_g(c) + 1) / (agree_g(c) + disagree_g(c) + 2)
 *
 * The groups are every group that voted on any of the comments (plus `groups`, when given: e.g.
 * every sector of the committee and 'public'). Each factor is the group's agreement rate with
 * Laplace smoothing: a group that has not voted on the comment counts ½, one that agrees tends to 1,
 * one that disagrees to 0; passes count for nothing. The product rewards agreement in many groups
 * rather than many agrees in one, since one group's factor can never exceed 1: a comment agreed
 * by one voter in each of three groups scores (2/3)³ ≈ 0.30 against at most 1 × ½ × ½ = 0.25 for
 * any number of agrees from one group (with three groups). The score given is the product's
 * geometric mean (same order, readable on 0…1 whatever the number of groups); ties go to more
 * agrees, then to the id.
 */
export function rankByConsensus(comments: readonly VotedComment[], groups: readonly string[] = []): ConsensusRank[] {
  return rankTallied(comments.map((c) => {
    const tally: Record<string, Partial<Record<VoteValue, number>>> = Object.create(null);
    for (const v of c.votes) { const t = (tally[v.group] ??= {}); t[v.value] = (t[v.value] ?? 0) + 1; }
    return { id: c.id, tally };
  }), groups);
}

/** The same ranking from votes already counted per group (as a GROUP BY answers them): comment → group → counts. */
export function rankTallied(comments: readonly { id: string; tally: Record<string, Partial<Record<VoteValue, number>>> }[], groups: readonly string[] = []): ConsensusRank[] {
  const all = [...new Set([...groups, ...comments.flatMap((c) => Object.keys(c.tally))])].sort();
  const ranked = comments.map((c) => {
    const tally: Record<string, GroupTally> = Object.create(null);
    let logSum = 0, supportingGroups = 0, agrees = 0;
    for (const g of all) {
      const v = c.tally[g] ?? {};
      const t: GroupTally = { agree: v.agree ?? 0, disagree: v.disagree ?? 0, pass: v.pass ?? 0, rate: 0 };
      t.rate = (t.agree + 1) / (t.agree + t.disagree + 2);
      tally[g] = t;
      logSum += Math.log(t.rate);
      if (t.rate > 0.5) supportingGroups++;
      agrees += t.agree;
    }
    const score = all.length ? Math.exp(logSum / all.length) : 0.5;
    return { id: c.id, score, agrees, supportingGroups, groups: tally };
  });
  return ranked.sort((a, b) => b.score - a.score || b.agrees - a.agrees || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
