CREATE TABLE "jobs" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"done_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "jobs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"href" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"role" text NOT NULL,
	"state" text NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"return_by" date NOT NULL,
	"due_on" date NOT NULL,
	"period_start" date NOT NULL,
	"signed_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"return_reason" text,
	"opinion" text,
	"opinion_at" timestamp with time zone,
	"note" text,
	CONSTRAINT "assignments_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" uuid NOT NULL,
	"reply_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"satisfaction" text NOT NULL,
	"contacted" boolean,
	"contact_method" text,
	"comment" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluations_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "extension_requests" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" uuid NOT NULL,
	"requested_due_on" date NOT NULL,
	"reason" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	CONSTRAINT "extension_requests_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "handling_logs" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"happened_on" date NOT NULL,
	"content" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handling_logs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "replies" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"category" text NOT NULL,
	"content" text NOT NULL,
	"signer" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "replies_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "proposal_cosigners" (
	"org_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"confirmed_at" timestamp with time zone,
	"via_merge_of" uuid,
	CONSTRAINT "proposal_cosigners_org_id_proposal_id_member_id_pk" PRIMARY KEY("org_id","proposal_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "proposal_ratings" (
	"org_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"topic" integer NOT NULL,
	"research" integer NOT NULL,
	"feasibility" integer NOT NULL,
	"comment" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_ratings_org_id_proposal_id_unit_id_pk" PRIMARY KEY("org_id","proposal_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"kind" text NOT NULL,
	"domain" text,
	"state" text DEFAULT 'draft' NOT NULL,
	"proposer_member_id" uuid,
	"proposer_name" text NOT NULL,
	"created_by" uuid NOT NULL,
	"term_id" uuid,
	"session_id" uuid,
	"number" integer,
	"during_session" boolean,
	"submitted_at" timestamp with time zone,
	"filed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"round" integer DEFAULT 0 NOT NULL,
	"unsatisfied_count" integer DEFAULT 0 NOT NULL,
	"needs_meeting" boolean DEFAULT false NOT NULL,
	"decision_reason" text,
	"converted_to" text,
	"merged_into_id" uuid,
	"is_key" boolean DEFAULT false NOT NULL,
	"key_leader_user_id" uuid,
	"published" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposals_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_org_key" ON "jobs" USING btree ("org_id","key");--> statement-breakpoint
CREATE INDEX "jobs_due" ON "jobs" USING btree ("run_at") WHERE done_at is null;--> statement-breakpoint
CREATE INDEX "notifications_user" ON "notifications" USING btree ("org_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "assignments_item" ON "assignments" USING btree ("org_id","item_kind","item_id");--> statement-breakpoint
CREATE INDEX "assignments_unit" ON "assignments" USING btree ("org_id","unit_id","state");--> statement-breakpoint
CREATE INDEX "evaluations_item" ON "evaluations" USING btree ("org_id","item_kind","item_id");--> statement-breakpoint
CREATE INDEX "extensions_item" ON "extension_requests" USING btree ("org_id","item_kind","item_id");--> statement-breakpoint
CREATE INDEX "handling_logs_item" ON "handling_logs" USING btree ("org_id","item_kind","item_id");--> statement-breakpoint
CREATE INDEX "replies_item" ON "replies" USING btree ("org_id","item_kind","item_id");--> statement-breakpoint
CREATE INDEX "cosigners_member" ON "proposal_cosigners" USING btree ("org_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_org_session_number" ON "proposals" USING btree ("org_id","session_id","number");--> statement-breakpoint
CREATE INDEX "proposals_org_state" ON "proposals" USING btree ("org_id","state");--> statement-breakpoint
CREATE INDEX "proposals_org_proposer" ON "proposals" USING btree ("org_id","proposer_member_id");