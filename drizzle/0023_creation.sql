CREATE TABLE "creation_activities" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"date" date NOT NULL,
	"year" integer NOT NULL,
	"place" text NOT NULL,
	"county_org_id" uuid,
	"beneficiaries" integer DEFAULT 0 NOT NULL,
	"member_ids" uuid[] NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creation_activities_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "creation_exchanges" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"date" date NOT NULL,
	"year" integer NOT NULL,
	"place" text NOT NULL,
	"county_org_id" uuid,
	"topic" text NOT NULL,
	"attendees" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creation_exchanges_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "creation_honours" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"level" text NOT NULL,
	"awarded_by" text NOT NULL,
	"title" text NOT NULL,
	"date" date NOT NULL,
	"year" integer NOT NULL,
	"county_org_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creation_honours_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "creation_pairings" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"household_name" text NOT NULL,
	"household_place" text DEFAULT '' NOT NULL,
	"practical_thing" text DEFAULT '' NOT NULL,
	"suggestion" text DEFAULT '' NOT NULL,
	"paired_on" date NOT NULL,
	"year" integer NOT NULL,
	"county_org_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creation_pairings_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "creation_projects" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"member_ids" uuid[] NOT NULL,
	"county_org_id" uuid,
	"level" text NOT NULL,
	"investment" bigint DEFAULT 0 NOT NULL,
	"jobs" integer DEFAULT 0 NOT NULL,
	"poor_households" integer DEFAULT 0 NOT NULL,
	"state" text NOT NULL,
	"started_on" date NOT NULL,
	"year" integer NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creation_projects_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE INDEX "creation_activities_org_year" ON "creation_activities" USING btree ("org_id","year","kind");--> statement-breakpoint
CREATE INDEX "creation_activities_org_members" ON "creation_activities" USING gin ("member_ids");--> statement-breakpoint
CREATE INDEX "creation_exchanges_org_year" ON "creation_exchanges" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "creation_honours_org_year" ON "creation_honours" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "creation_pairings_org_year" ON "creation_pairings" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "creation_pairings_org_member" ON "creation_pairings" USING btree ("org_id","member_id");--> statement-breakpoint
CREATE INDEX "creation_projects_org_year" ON "creation_projects" USING btree ("org_id","year","kind");--> statement-breakpoint
CREATE INDEX "creation_projects_org_members" ON "creation_projects" USING gin ("member_ids");