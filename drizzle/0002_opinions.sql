CREATE TABLE "member_letters" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"member_id" uuid,
	"author_name" text NOT NULL,
	"state" text DEFAULT 'received' NOT NULL,
	"source_proposal_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_letters_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "opinions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"author_member_id" uuid,
	"author_name" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"source_proposal_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opinions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "member_letters_org_source" ON "member_letters" USING btree ("org_id","source_proposal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "opinions_org_source" ON "opinions" USING btree ("org_id","source_proposal_id");