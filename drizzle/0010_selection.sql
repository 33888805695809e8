CREATE TABLE "selection_entries" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"proposer_member_id" uuid,
	"lead_unit_id" uuid,
	"nominated_by" uuid NOT NULL,
	"nominated_as" text NOT NULL,
	"reason" text NOT NULL,
	"reached" integer DEFAULT 1 NOT NULL,
	"excellent" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "selection_entries_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "selection_levels" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"actor" text NOT NULL,
	"quota" integer,
	"passed" integer,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	CONSTRAINT "selection_levels_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "selection_reviews" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"reviewer_user_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "selection_reviews_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "selection_rounds" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"current_level" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"announced_at" timestamp with time zone,
	"announced_by" uuid,
	CONSTRAINT "selection_rounds_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "selection_units" (
	"org_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "selection_units_org_id_round_id_unit_id_pk" PRIMARY KEY("org_id","round_id","unit_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "selection_entries_org_round_proposalId" ON "selection_entries" USING btree ("org_id","round_id","proposal_id");--> statement-breakpoint
CREATE INDEX "selection_entries_proposer" ON "selection_entries" USING btree ("org_id","proposer_member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "selection_levels_org_round_position" ON "selection_levels" USING btree ("org_id","round_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "selection_reviews_org_entry_level_reviewer" ON "selection_reviews" USING btree ("org_id","entry_id","level","reviewer_user_id");--> statement-breakpoint
CREATE INDEX "selection_reviews_round" ON "selection_reviews" USING btree ("org_id","round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "selection_rounds_org_year_name" ON "selection_rounds" USING btree ("org_id","year","name");