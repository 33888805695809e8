CREATE TABLE "consultation_plan_items" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"month" integer NOT NULL,
	"topic" text NOT NULL,
	"committee_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_plan_items_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "consultation_plans" (
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"adopted_at" timestamp with time zone,
	"adopted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_plans_org_id_year_pk" PRIMARY KEY("org_id","year")
);
--> statement-breakpoint
CREATE TABLE "consultation_recommendations" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"round" integer DEFAULT 0 NOT NULL,
	"outcome_kind" text,
	"outcome_title" text,
	"outcome_number" text,
	"outcome_date" date,
	"progress" integer,
	"progress_note" text,
	"no_outcome_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_recommendations_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "consultation_tasks" (
	"org_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"key" text NOT NULL,
	"owner" text,
	"due_on" date,
	"state" text DEFAULT 'todo' NOT NULL,
	"note" text,
	"done_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_tasks_org_id_consultation_id_key_pk" PRIMARY KEY("org_id","consultation_id","key")
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"summary" text,
	"state" text DEFAULT 'topic' NOT NULL,
	"plan_item_id" uuid,
	"held_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE INDEX "consultation_plan_items_org_year" ON "consultation_plan_items" USING btree ("org_id","year","month");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_recommendations_number" ON "consultation_recommendations" USING btree ("org_id","consultation_id","number");--> statement-breakpoint
CREATE INDEX "consultations_org_year" ON "consultations" USING btree ("org_id","year","kind");--> statement-breakpoint
CREATE INDEX "consultations_org_state" ON "consultations" USING btree ("org_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_org_plan_item" ON "consultations" USING btree ("org_id","plan_item_id");