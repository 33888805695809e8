CREATE TABLE "consultation_meetings" (
	"org_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"meeting_on" date NOT NULL,
	"start_time" text NOT NULL,
	"place" text NOT NULL,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes" text,
	"minutes_file_id" uuid,
	"code_secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_meetings_org_id_consultation_id_pk" PRIMARY KEY("org_id","consultation_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_invitees" (
	"org_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"invited_at" timestamp with time zone,
	"reply" text DEFAULT 'pending' NOT NULL,
	"leave_reason" text,
	"leave_state" text,
	"leave_note" text,
	"leave_decided_by" uuid,
	"leave_decided_at" timestamp with time zone,
	"signed_in_at" timestamp with time zone,
	"signed_in_how" text,
	"signed_in_by" uuid,
	CONSTRAINT "meeting_invitees_org_id_consultation_id_member_id_pk" PRIMARY KEY("org_id","consultation_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "consultation_tasks" ADD COLUMN "deliverable_id" uuid;--> statement-breakpoint
CREATE INDEX "consultation_meetings_org_day" ON "consultation_meetings" USING btree ("org_id","meeting_on");--> statement-breakpoint
CREATE INDEX "meeting_invitees_org_member" ON "meeting_invitees" USING btree ("org_id","member_id");