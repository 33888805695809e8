CREATE TABLE "consultation_room_members" (
	"org_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"convener" boolean DEFAULT false NOT NULL,
	CONSTRAINT "consultation_room_members_org_id_room_id_member_id_pk" PRIMARY KEY("org_id","room_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "consultation_rooms" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"place" text,
	"host_county_org_id" uuid,
	"host_unit_id" uuid,
	"note" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_rooms_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "consultation_visits" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"place" text NOT NULL,
	"member_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"participants" text,
	"findings" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_visits_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "consultation_recommendations" ADD COLUMN "outcome_measure" text;--> statement-breakpoint
ALTER TABLE "consultation_recommendations" ADD COLUMN "outcome_quantity" integer;--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "room_id" uuid;--> statement-breakpoint
CREATE INDEX "consultation_room_members_member" ON "consultation_room_members" USING btree ("org_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_rooms_org_name" ON "consultation_rooms" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "consultation_visits_org_consultation" ON "consultation_visits" USING btree ("org_id","consultation_id","visited_on");--> statement-breakpoint
CREATE INDEX "consultations_org_room" ON "consultations" USING btree ("org_id","room_id");