import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { notFound } from '../../core/errors.ts';
import { hasRole, type Actor } from '../../core/policies.ts';
import { consultationTopics as topics, consultationTopicSupports as supports } from './schema.ts';
import { OPEN_TOPIC_STATES, type TopicFacts, type TopicState } from './topic-workflow.ts';

export type Topic = typeof topics.$inferSelect;
export interface LoadedTopic { t: Topic; relations: string[]; facts: TopicFacts }

/** The committee's own people (not a registered member of the public): they read every topic and its answer. */
export const isInsider = (actor: Actor | null): boolean => !!actor && hasRole(actor, 'admin', 'staff', 'leader', 'member', 'unit');

/** What the public sees: topics open for support, and those picked. */
const PUBLIC_STATES: TopicState[] = [...OPEN_TOPIC_STATES, 'picked'];

/**
 * Who may read a topic, the one rule of GET …/:id and the list: the committee's people every topic
 * of their committee; a public account the open and picked ones and its own; anyone without a login
 * the open and picked ones (of any committee, as for published proposals).
 */
export function topicReadableBy(actor: Actor | null): SQL {
  if (actor && isInsider(actor)) return eq(topics.orgId, actor.orgId);
  const shown = inArray(topics.state, PUBLIC_STATES);
  if (!actor) return shown;
  return and(eq(topics.orgId, actor.orgId), or(shown, eq(topics.proposedBy, actor.id)))!;
}

export async function loadTopic(db: Queryable, actor: Actor | null, id: string, opts: { lock?: boolean } = {}): Promise<LoadedTopic> {
  const q = db.select().from(topics).where(and(eq(topics.id, id), topicReadableBy(actor)));
  const [t] = await (opts.lock ? q.for('update') : q);
  if (!t) throw notFound('Topic');
  const [supported] = actor ? await db.select({ n: sql<number>`1` }).from(supports)
    .where(and(eq(supports.orgId, t.orgId), eq(supports.topicId, t.id), eq(supports.userId, actor.id))) : [];
  const relations = !actor ? [] : t.proposedBy === actor.id ? ['proposer'] : ['other'];
  return { t, relations, facts: { state: t.state as TopicState, supported: !!supported } };
}

export const topicSubject = (l: LoadedTopic, actor: Actor) => ({ state: l.facts.state, actor, relations: l.relations, ctx: l.facts });
export const topicHref = (id: string) => `/consultations/topics/${id}`;
