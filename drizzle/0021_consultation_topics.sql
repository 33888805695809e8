CREATE TABLE "consultation_topic_supports" (
	"org_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_topic_supports_org_id_topic_id_user_id_pk" PRIMARY KEY("org_id","topic_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "consultation_topics" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"reason" text NOT NULL,
	"suggested_kind" text,
	"suggested_owner" text,
	"state" text DEFAULT 'proposed' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposer_kind" text NOT NULL,
	"proposer_member_id" uuid,
	"proposer_unit_id" uuid,
	"answer" text,
	"merged_into_id" uuid,
	"consultation_id" uuid,
	"plan_item_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_topics_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE INDEX "consultation_topics_org_year" ON "consultation_topics" USING btree ("org_id","year","state");