CREATE SEQUENCE "public"."consultation_comment_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "consultation_comment_votes" (
	"org_id" uuid NOT NULL,
	"comment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_comment_votes_org_id_comment_id_user_id_pk" PRIMARY KEY("org_id","comment_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "consultation_comments" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"content" text NOT NULL,
	"reply_to" uuid,
	"status" text NOT NULL,
	"held_for" text,
	"hidden_reason" text,
	"supports" integer DEFAULT 0 NOT NULL,
	"opposes" integer DEFAULT 0 NOT NULL,
	"seq" bigint,
	"moderated_by" uuid,
	"moderated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_comments_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "sensitive_words" (
	"org_id" uuid NOT NULL,
	"word" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sensitive_words_org_id_word_pk" PRIMARY KEY("org_id","word")
);
--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "comments_open" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "comments_moderation" text DEFAULT 'post' NOT NULL;--> statement-breakpoint
CREATE INDEX "consultation_comments_seq" ON "consultation_comments" USING btree ("org_id","consultation_id","seq");--> statement-breakpoint
CREATE INDEX "consultation_comments_status" ON "consultation_comments" USING btree ("org_id","consultation_id","status","created_at");--> statement-breakpoint
CREATE INDEX "consultation_comments_author" ON "consultation_comments" USING btree ("org_id","consultation_id","author_id");