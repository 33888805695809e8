CREATE TABLE "opinion_adoptions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"opinion_id" uuid NOT NULL,
	"level" text NOT NULL,
	"adopted_by" text NOT NULL,
	"adopted_on" date NOT NULL,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opinion_adoptions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "opinion_instructions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"opinion_id" uuid NOT NULL,
	"leader_name" text NOT NULL,
	"leader_position" text NOT NULL,
	"level" text NOT NULL,
	"instructed_on" date NOT NULL,
	"content" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opinion_instructions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "opinions" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "opinions" ADD COLUMN "entered_by_staff" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "opinions" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "opinions" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "opinions" ADD COLUMN "number" integer;--> statement-breakpoint
ALTER TABLE "opinions" ADD COLUMN "number_year" integer;--> statement-breakpoint
ALTER TABLE "opinions" ADD COLUMN "signer" text;--> statement-breakpoint
ALTER TABLE "opinions" ADD COLUMN "decision_reason" text;--> statement-breakpoint
ALTER TABLE "opinions" ADD COLUMN "forwarded_to" jsonb;--> statement-breakpoint
ALTER TABLE "opinions" ADD COLUMN "forwarded_on" date;--> statement-breakpoint
CREATE INDEX "opinion_adoptions_org_opinion" ON "opinion_adoptions" USING btree ("org_id","opinion_id");--> statement-breakpoint
CREATE INDEX "opinion_instructions_org_opinion" ON "opinion_instructions" USING btree ("org_id","opinion_id");--> statement-breakpoint
CREATE UNIQUE INDEX "opinions_org_year_number" ON "opinions" USING btree ("org_id","number_year","number");--> statement-breakpoint
CREATE INDEX "opinions_org_author" ON "opinions" USING btree ("org_id","author_member_id");--> statement-breakpoint
CREATE INDEX "opinions_org_state" ON "opinions" USING btree ("org_id","state");