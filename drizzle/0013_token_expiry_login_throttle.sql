CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"account" text,
	"failures" integer NOT NULL,
	"last_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp with time zone DEFAULT now() + interval '90 days' NOT NULL;--> statement-breakpoint
CREATE INDEX "login_throttle_account" ON "login_throttle" USING btree ("account");--> statement-breakpoint
CREATE INDEX "login_throttle_last_at" ON "login_throttle" USING btree ("last_at");--> statement-breakpoint
CREATE INDEX "api_tokens_org_user" ON "api_tokens" USING btree ("org_id","user_id");--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "failed_logins";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "locked_until";