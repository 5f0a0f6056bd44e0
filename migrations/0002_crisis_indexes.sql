CREATE INDEX "assets_crisis_idx" ON "assets" USING btree ("crisis_case_id");--> statement-breakpoint
CREATE INDEX "opportunities_crisis_idx" ON "opportunities" USING btree ("crisis_case_id");