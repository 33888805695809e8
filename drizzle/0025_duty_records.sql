CREATE TABLE "duty_entries" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"variant" text,
	"key" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"href" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"occurred_on" date NOT NULL,
	"year" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duty_entries_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "duty_totals" (
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"member_id" uuid NOT NULL,
	"points" integer NOT NULL,
	"counts" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duty_totals_org_id_year_member_id_pk" PRIMARY KEY("org_id","year","member_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "duty_entries_org_key_member" ON "duty_entries" USING btree ("org_id","key","member_id");--> statement-breakpoint
CREATE INDEX "duty_entries_org_year_member" ON "duty_entries" USING btree ("org_id","year","member_id");--> statement-breakpoint
CREATE INDEX "duty_totals_org_year_points" ON "duty_totals" USING btree ("org_id","year","points");