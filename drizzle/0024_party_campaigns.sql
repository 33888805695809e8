CREATE TABLE "liaison_meetings" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"date" date NOT NULL,
	"place" text NOT NULL,
	"session_id" uuid NOT NULL,
	"attendee_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "liaison_meetings_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaign_ideas" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"submitted_on" date NOT NULL,
	"adopted_by" text,
	"adopted_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_ideas_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"theme" text NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "party_activities" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"topic" text NOT NULL,
	"attendee_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_activities_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "party_group_members" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"member_id" uuid,
	"user_id" uuid,
	"name" text NOT NULL,
	"role" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_group_members_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "party_groups" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" uuid,
	"committee_id" uuid,
	"county_org_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_groups_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "liaison_opinions" ALTER COLUMN "contact_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "liaison_opinions" ADD COLUMN "meeting_id" uuid;--> statement-breakpoint
ALTER TABLE "liaison_opinions" ADD COLUMN "member_id" uuid;--> statement-breakpoint
ALTER TABLE "liaison_reports" ADD COLUMN "attachment_id" uuid;--> statement-breakpoint
CREATE INDEX "liaison_meetings_org_year" ON "liaison_meetings" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "campaign_ideas_org_campaign" ON "campaign_ideas" USING btree ("org_id","campaign_id");--> statement-breakpoint
CREATE INDEX "campaign_ideas_org_member" ON "campaign_ideas" USING btree ("org_id","member_id");--> statement-breakpoint
CREATE INDEX "campaigns_org_opens" ON "campaigns" USING btree ("org_id","opens_on");--> statement-breakpoint
CREATE INDEX "party_activities_org_group_date" ON "party_activities" USING btree ("org_id","group_id","date");--> statement-breakpoint
CREATE INDEX "party_activities_org_date" ON "party_activities" USING btree ("org_id","date");--> statement-breakpoint
CREATE INDEX "party_group_members_org_group" ON "party_group_members" USING btree ("org_id","group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_group_members_org_group_member" ON "party_group_members" USING btree ("org_id","group_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_group_members_org_group_user" ON "party_group_members" USING btree ("org_id","group_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_groups_org_name" ON "party_groups" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "party_groups_org_parent" ON "party_groups" USING btree ("org_id","parent_id");--> statement-breakpoint
CREATE INDEX "liaison_opinions_org_meeting" ON "liaison_opinions" USING btree ("org_id","meeting_id");