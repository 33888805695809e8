CREATE TABLE "liaison_contacts" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"link_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"date" date NOT NULL,
	"channel" text NOT NULL,
	"participants" text NOT NULL,
	"topics" text NOT NULL,
	"policy_talk" boolean DEFAULT false NOT NULL,
	"masses_reached" integer DEFAULT 0 NOT NULL,
	"problems_solved" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "liaison_contacts_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "liaison_graphs" (
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"created" integer NOT NULL,
	"kept" integer NOT NULL,
	"generated_by" uuid NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "liaison_graphs_org_id_year_pk" PRIMARY KEY("org_id","year")
);
--> statement-breakpoint
CREATE TABLE "liaison_links" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"from_member_id" uuid,
	"to_member_id" uuid,
	"sector_id" uuid,
	"committee_id" uuid,
	"reason" text NOT NULL,
	"manual" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "liaison_links_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "liaison_opinions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"content" text NOT NULL,
	"opinion_id" uuid,
	"proposal_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "liaison_opinions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "liaison_reports" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"member_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "liaison_reports_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "liaison_sector_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "origin" jsonb;--> statement-breakpoint
ALTER TABLE "opinions" ADD COLUMN "origin" jsonb;--> statement-breakpoint
CREATE INDEX "liaison_contacts_org_link" ON "liaison_contacts" USING btree ("org_id","link_id");--> statement-breakpoint
CREATE INDEX "liaison_contacts_org_year" ON "liaison_contacts" USING btree ("org_id","year");--> statement-breakpoint
CREATE INDEX "liaison_links_org_year_kind" ON "liaison_links" USING btree ("org_id","year","kind");--> statement-breakpoint
CREATE INDEX "liaison_links_org_year_from" ON "liaison_links" USING btree ("org_id","year","from_member_id");--> statement-breakpoint
CREATE INDEX "liaison_opinions_org_contact" ON "liaison_opinions" USING btree ("org_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "liaison_reports_org_year_member" ON "liaison_reports" USING btree ("org_id","year","member_id");