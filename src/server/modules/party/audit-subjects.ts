import { addAuditSubjects, rowsById } from '../../core/audit/subjects.ts';
import { campaignIdeas as ideas, campaigns, partyActivities as activities, partyGroupMembers as groupMembers, partyGroups as groups } from './schema.ts';

// The audit log names party groups, their members and activities, campaigns and ideas (core/audit/subjects.ts).
addAuditSubjects('partyGroup', rowsById(groups, { orgId: groups.orgId, id: groups.id, title: groups.name }, () => '/party'));
addAuditSubjects('partyGroupMember', rowsById(groupMembers, { orgId: groupMembers.orgId, id: groupMembers.id, title: groupMembers.name }, () => '/party'));
addAuditSubjects('partyActivity', rowsById(activities, { orgId: activities.orgId, id: activities.id, title: activities.topic }, () => '/party'));
addAuditSubjects('campaign', rowsById(campaigns, { orgId: campaigns.orgId, id: campaigns.id, title: campaigns.title }, () => '/campaigns'));
addAuditSubjects('campaignIdea', rowsById(ideas, { orgId: ideas.orgId, id: ideas.id, title: ideas.title }, () => '/campaigns'));
